/// The prefixed tokens the standard rules know, one line per issuer's format.
///
/// Each line reads: the rule whose label replaces the token, the prefix as the issuer writes it, the bytes
/// the rest is made of, and how many. Formats follow the issuers' public documentation and the families of
/// gitleaks' public rule set; the lengths are those of real tokens, so that a prefix alone (`ghp_`) or a
/// short word that happens to start like one is left alone.
enum TokenShapes {
    static let all: [TokenShape] = cloud + codeHosting + chat + ai + packages + vendors

    static let cloud: [TokenShape] = [
        .exact(.awsAccessKey, "AKIA", .upperAlphanumeric, 16),
        .exact(.awsAccessKey, "ASIA", .upperAlphanumeric, 16),
        .exact(.awsAccessKey, "ABIA", .upperAlphanumeric, 16),
        .exact(.awsAccessKey, "ACCA", .upperAlphanumeric, 16),
        .exact(.awsAccessKey, "A3T", .upperAlphanumeric, 17),
        .atLeast(.vendorToken, "ABSK", .base64, 100),  // Amazon Bedrock API key
        .atLeast(.vendorToken, "bedrock-api-key-", .base64, 20),
        .exact(.googleAPIKey, "AIza", .wordDash, 35),
        .exact(.vendorToken, "LTAI", .alphanumeric, 20, needsDigit: true),  // Alibaba Cloud
        .exact(.vendorToken, "doo_v1_", .hexDigit, 64),  // DigitalOcean
        .exact(.vendorToken, "dop_v1_", .hexDigit, 64),
        .exact(.vendorToken, "dor_v1_", .hexDigit, 64),
        .exact(.vendorToken, "v1.0-", .hexDash, 171, check: .dash(at: 24)),  // Cloudflare Origin CA
        .exact(.vendorToken, "dt0c01.", .dotted, 89, check: .dot(at: 24)),  // Dynatrace
        .exact(.vendorToken, "4b1d", .alphanumeric, 38),  // ClickHouse Cloud
        .atLeast(.vendorToken, "dapi", .hexDash, 32, needsDigit: true),  // Databricks
        .exact(.vendorToken, "sha256~", .wordDash, 43),  // OpenShift
        .atLeast(.vendorToken, "hvs.", .wordDash, 90),  // HashiCorp Vault
        .atLeast(.vendorToken, "hvb.", .wordDash, 138),
        .exact(.vendorToken, "s.", .alphanumeric, 24, needsDigit: true),
        .exact(.vendorToken, "dp.pt.", .alphanumeric, 43),  // Doppler
        .atLeast(.vendorToken, "fo1_", .wordDash, 43),  // Fly.io
        .atLeast(.vendorToken, "fm1a_", .base64, 100),
        .atLeast(.vendorToken, "fm1r_", .base64, 100),
        .atLeast(.vendorToken, "fm2_", .base64, 100),
        .exact(.vendorToken, "HRKU-AA", .wordDash, 58),  // Heroku
        .exact(.vendorToken, "pul-", .hexDigit, 40),  // Pulumi
        .exact(.vendorToken, "tk-us-", .wordDash, 48),  // Scalingo
        .exact(.vendorToken, "pscale_tkn_", .dotted, 32...64),  // PlanetScale
        .exact(.vendorToken, "pscale_oauth_", .dotted, 32...64),
        .exact(.vendorToken, "pscale_pw_", .dotted, 32...64),
        .atLeast(.vendorToken, "ops_eyJ", .base64, 200),  // 1Password service account
        .atLeast(.vendorToken, "A3-", .upperAlphanumericDash, 30, check: .dashes(atLeast: 4)),  // 1Password key
        .exact(.vendorToken, "AQVN", .wordDash, 35...38),  // Yandex Cloud
        .atLeast(.vendorToken, "dckr_pat_", .wordDash, 20),  // Docker Hub
    ]

    static let codeHosting: [TokenShape] = [
        .exact(.githubToken, "ghp_", .alphanumeric, 36...255),
        .exact(.githubToken, "gho_", .alphanumeric, 36...255),
        .exact(.githubToken, "ghu_", .alphanumeric, 36...255),
        .exact(.githubToken, "ghs_", .alphanumeric, 36...255),
        .exact(.githubToken, "ghr_", .alphanumeric, 36...255),
        .atLeast(.githubToken, "github_pat_", .word, 22),
        .atLeast(.gitlabToken, "glpat-", .dotted, 20),
        .atLeast(.gitlabToken, "glcbt-", .dotted, 20),
        .atLeast(.gitlabToken, "gldt-", .dotted, 20),
        .atLeast(.gitlabToken, "glffct-", .dotted, 20),
        .atLeast(.gitlabToken, "glft-", .dotted, 20),
        .atLeast(.gitlabToken, "glimt-", .dotted, 25),
        .atLeast(.gitlabToken, "glagent-", .dotted, 50),
        .atLeast(.gitlabToken, "gloas-", .dotted, 64),
        .atLeast(.gitlabToken, "glptt-", .dotted, 40),
        .atLeast(.gitlabToken, "glrt-", .dotted, 20),
        .atLeast(.gitlabToken, "glsoat-", .dotted, 20),
        .atLeast(.gitlabToken, "GR1348941", .wordDash, 20),
        .atLeast(.vendorToken, "ATATT3", .base64URL, 150),  // Atlassian API token
        .exact(.vendorToken, "pat", .dotted, 79, check: .airtable),  // Airtable
        .atLeast(.vendorToken, "AKCp", .alphanumeric, 69),  // JFrog Artifactory
        .atLeast(.vendorToken, "cmVmd", .alphanumeric, 59),
        .atLeast(.vendorToken, "sgp_", .word, 40),  // Sourcegraph
        .exact(.vendorToken, "pat.", .dotted, 68, check: .dots(2)),  // Harness
        .exact(.vendorToken, "sat.", .dotted, 68, check: .dots(2)),
        .atLeast(.vendorToken, "sntrys_eyJ", .base64URL, 60),  // Sentry
        .exact(.vendorToken, "sntryu_", .hexDigit, 64),
        .exact(.vendorToken, "glsa_", .word, 41),  // Grafana
        .atLeast(.vendorToken, "glc_", .base64, 32),
        .atLeast(.vendorToken, "eyJrIjoi", .base64, 70),
        .atLeast(.vendorToken, "pnu_", .alphanumeric, 36),  // Prefect
        .exact(.vendorToken, "ico-", .alphanumeric, 32, needsDigit: true),  // Infracost
        .exact(.vendorToken, "API-", .upperAlphanumeric, 26, needsDigit: true),  // Octopus Deploy
        .exact(.vendorToken, "s-s4t2ud-", .hexDigit, 64),  // 42 intra
        .exact(.vendorToken, "s-s4t2af-", .hexDigit, 64),
    ]

    static let chat: [TokenShape] = [
        .atLeast(.slackToken, "xoxa-", .wordDash, 8),
        .atLeast(.slackToken, "xoxb-", .wordDash, 8),
        .atLeast(.slackToken, "xoxe-", .wordDash, 8),
        .atLeast(.slackToken, "xoxo-", .wordDash, 8),
        .atLeast(.slackToken, "xoxp-", .wordDash, 8),
        .atLeast(.slackToken, "xoxr-", .wordDash, 8),
        .atLeast(.slackToken, "xoxs-", .wordDash, 8),
        .atLeast(.slackToken, "xapp-", .wordDash, 20),
        .exact(.vendorToken, "SK", .hexDigit, 32, needsDigit: true),  // Twilio
        .exact(.vendorToken, "xkeysib-", .wordDash, 81),  // Brevo (Sendinblue)
        .exact(.vendorToken, "SG.", .dotted, 66),  // SendGrid
        .exact(.vendorToken, "key-", .hexDigit, 32),  // Mailgun
        .exact(.vendorToken, "pubkey-", .hexDigit, 32),
    ]

    static let ai: [TokenShape] = [
        .atLeast(.aiAPIKey, "sk-ant-", .wordDash, 32),  // Anthropic
        .atLeast(.aiAPIKey, "sk-proj-", .wordDash, 40),  // OpenAI
        .atLeast(.aiAPIKey, "sk-svcacct-", .wordDash, 40),
        .atLeast(.aiAPIKey, "sk-admin-", .wordDash, 40),
        .atLeast(.aiAPIKey, "sk-", .alphanumeric, 32, needsDigit: true),
        .exact(.aiAPIKey, "pplx-", .alphanumeric, 48),  // Perplexity
        .exact(.aiAPIKey, "hf_", .letter, 34),  // Hugging Face
        .exact(.aiAPIKey, "api_org_", .letter, 34),
    ]

    static let packages: [TokenShape] = [
        .exact(.vendorToken, "npm_", .alphanumeric, 36, ignoresPrefixCase: true),
        .atLeast(.vendorToken, "pypi-AgEIcHlwaS5vcmc", .wordDash, 50),
        .exact(.vendorToken, "rubygems_", .hexDigit, 48),
        .exact(.vendorToken, "CLOJARS_", .alphanumeric, 60, ignoresPrefixCase: true),
        .exact(.vendorToken, "rdme_", .alphanumeric, 70),  // ReadMe
        .exact(.vendorToken, "lin_api_", .alphanumeric, 40),  // Linear
        .exact(.vendorToken, "ntn_", .alphanumeric, 46),  // Notion
        .exact(.vendorToken, "PMAK-", .hexDash, 59, ignoresPrefixCase: true),  // Postman
        .exact(.vendorToken, "fio-u-", .base64URL, 64),  // Frame.io
        .exact(.vendorToken, "tfp_", .dotted, 59),  // Typeform
    ]

    static let vendors: [TokenShape] = [
        .atLeast(.stripeKey, "sk_live_", .alphanumeric, 10),
        .atLeast(.stripeKey, "sk_test_", .alphanumeric, 10),
        .atLeast(.stripeKey, "sk_prod_", .alphanumeric, 10),
        .atLeast(.stripeKey, "rk_live_", .alphanumeric, 10),
        .atLeast(.stripeKey, "rk_test_", .alphanumeric, 10),
        .atLeast(.stripeKey, "rk_prod_", .alphanumeric, 10),
        .exact(.vendorToken, "shpat_", .hexDigit, 32),  // Shopify
        .exact(.vendorToken, "shpca_", .hexDigit, 32),
        .exact(.vendorToken, "shppa_", .hexDigit, 32),
        .exact(.vendorToken, "shpss_", .hexDigit, 32),
        .exact(.vendorToken, "shippo_live_", .hexDigit, 40),
        .exact(.vendorToken, "shippo_test_", .hexDigit, 40),
        .exact(.vendorToken, "duffel_test_", .base64URL, 43),
        .exact(.vendorToken, "duffel_live_", .base64URL, 43),
        .exact(.vendorToken, "EZAK", .alphanumeric, 54),  // EasyPost
        .exact(.vendorToken, "EZTK", .alphanumeric, 54),
        .atLeast(.vendorToken, "EAAM", .alphanumeric, 100),  // Facebook page token
        .atLeast(.vendorToken, "EAAC", .alphanumeric, 100),
        .exact(.vendorToken, "EAAA", .wordDash, 22...60),  // Square
        .atLeast(.vendorToken, "sq0atp-", .wordDash, 22),
        .atLeast(.vendorToken, "sq0csp-", .wordDash, 22),
        .atLeast(.vendorToken, "FLWSECK_TEST-", .wordDash, 12),  // Flutterwave
        .atLeast(.vendorToken, "FLWPUBK_TEST-", .wordDash, 12),
        .atLeast(.vendorToken, "FLWSECK-", .wordDash, 12),
        .atLeast(.vendorToken, "FLWPUBK-", .wordDash, 12),
        .exact(.vendorToken, "NRJS-", .hexDigit, 19),  // New Relic
        .exact(.vendorToken, "NRII-", .wordDash, 32),
        .exact(.vendorToken, "NRAK-", .alphanumeric, 27),
        .exact(.vendorToken, "sm_aat_", .alphanumeric, 16),  // SettleMint
        .exact(.vendorToken, "sm_pat_", .alphanumeric, 16),
        .exact(.vendorToken, "sm_sat_", .alphanumeric, 16),
        .atLeast(.vendorToken, "sc_", .tokenChars, 40, check: .marker(".acc")),  // Authress
        .atLeast(.vendorToken, "ext_", .tokenChars, 40, check: .marker(".acc")),
        .atLeast(.vendorToken, "scauth_", .tokenChars, 40, check: .marker(".acc")),
        .atLeast(.vendorToken, "authress_", .tokenChars, 40, check: .marker(".acc")),
        .atLeast(.vendorToken, "dnkey-", .base64URL, 79),  // Defined Networking
        .exact(.vendorToken, "pk.", .dotted, 83, check: .dots(1)),  // Mapbox
        .exact(.vendorToken, "sk.", .dotted, 83, check: .dots(1)),
        .exact(.vendorToken, "access-sandbox-", .hexDash, 36),  // Plaid
        .exact(.vendorToken, "access-development-", .hexDash, 36),
        .exact(.vendorToken, "access-production-", .hexDash, 36),
        .atLeast(.vendorToken, "AAAAAAAAAAAAAAAAAAAAAA", .alphanumericPercent, 60),  // Twitter bearer
        .atLeast(.vendorToken, "sl.", .base64URL, 130),  // Dropbox short-lived
        .atLeast(.jwt, "ZXlK", .jwtBase64, 40),  // a JWT, base64-encoded again
        .exact(.vendorToken, "p8e-", .alphanumeric, 32),  // Adobe client secret
        .exact(.vendorToken, "live_pub_", .hexDigit, 31),  // Lob
        .exact(.vendorToken, "test_pub_", .hexDigit, 31),
        .exact(.vendorToken, "live_", .hexDigit, 35),
        .exact(.vendorToken, "test_", .hexDigit, 35),
        .exact(.vendorToken, "live_", .base64URL, 40),  // GoCardless
        .exact(.privateKey, "AGE-SECRET-KEY-1", .upperAlphanumeric, 58),  // age
    ]
}
