import ObsCollector
import Testing

/// Context decides ambiguous text: what looks like an address, a card or a secret but, from what surrounds
/// it, is not; and what is skipped whole must not hide a secret next to it.
@Suite("Sanitizer context")
struct SanitizerContextTests {
    @Test(arguments: [
        #"invalid version "1.2.3.4": unexpected character '.' after patch version number"#,
        #"dependency `serde` requirement ">= 1.2.3.4" is invalid"#,
        "firmware 10.2.0.17 is older than the minimum 10.3.0.0",
        "release 4.5.90.197 rejected", "connect 127.0.0.1:5432 refused", "bind 0.0.0.0:8080", "mask 255.255.255.0",
        "listen [::1]:9090", "at 2024-01-02T12:30:45.123+02:00 and 2024-01-02 12:30:45.123456",
        "request 8f14e45f-ceea-467f-a0e6-5c1b4e6a7c9d failed", "blob sha1=4680e5efd5bc8fe1a51f6f2b684710f4d0b6e7b2",
        "duration 12:34:56:78:90:12 frames", "invalid token: expected ',' or '}' at line 1 column 17",
    ])
    func leftAlone(_ text: String) {
        let result = Sanitizer.standard.sanitize(text)
        #expect(result.text == text && result.firedRules.isEmpty)
    }

    @Test func whatIsSkippedWholeHidesNothingNextToIt() {
        #expect(
            Sanitizer.standard.sanitize("2024-01-02T12:30:45.123Z password=hunter2 from 10.1.2.3").text
                == "2024-01-02T12:30:45.123Z password=[password] from [ipv4]")
        #expect(
            Sanitizer.standard.sanitize("8f14e45f-ceea-467f-a0e6-5c1b4e6a7c9d:alice@example.com").text
                == "8f14e45f-ceea-467f-a0e6-5c1b4e6a7c9d:[email]")
    }

    @Test func theSameQuadWithoutContextIsAnAddress() {
        #expect(Sanitizer.standard.sanitize("from 1.2.3.4").text == "from [ipv4]")
        #expect(Sanitizer.standard.sanitize("bad token: 9f8e7d6c5b4a3f2e").text == "bad token: [token]")
    }

    @Test func rulesCanBeRemovedAndAddedByName() throws {
        let withoutAddresses = Sanitizer.standard.removing("ipv4", "ipv6")
        #expect(
            withoutAddresses.sanitize("from 10.1.2.3 and fe80::1 as a@example.com").text
                == "from 10.1.2.3 and fe80::1 as [email]")
        #expect(withoutAddresses.rules.count == Sanitizer.standardRules.count - 2)
        let emailOnly = Sanitizer(rules: [try #require(Sanitizer.standardRule(named: "email"))])
        #expect(emailOnly.sanitize("password=x a@example.com").text == "password=x [email]")
        #expect(Sanitizer.standardRule(named: "no-such-rule") == nil)
        let back = withoutAddresses.adding(try #require(Sanitizer.standardRule(named: "ipv4")))
        #expect(back.sanitize("from 10.1.2.3").text == "from [ipv4]")
    }

    /// Found by FuzzSanitizer (Fuzz/Corpus/FuzzSanitizer/regression-long-age-key): an age key two characters
    /// longer than the format survived whole. After a distinctive prefix a longer run is removed; after a
    /// short prefix it is some other word.
    @Test func aTokenLongerThanItsFormatIsRemovedAfterADistinctivePrefix() {
        let age = "AGE-SECRET-KEY-1" + String(repeating: "QPZRY9X8GF", count: 6)
        #expect(Sanitizer.standard.sanitize("c@ \(age) x").text == "c@ [private-key] x")
        let digitalOcean = "dop_v1_" + String(repeating: "0123456789abcdef", count: 5)
        #expect(Sanitizer.standard.sanitize(digitalOcean).text == "[vendor-token]")
        let notOctopus = "API-" + String(repeating: "ABCDEF1234", count: 3)
        #expect(Sanitizer.standard.sanitize(notOctopus).firedRules.isEmpty)
    }

    /// Found by FuzzSanitizer (Fuzz/Corpus/FuzzSanitizer/regression-nested-begin): an unterminated block
    /// ended at the `KEY-----` of a second block's BEGIN line, and the second key's body survived.
    @Test func aBlockEndsAtAnEndLineNotAtAnotherBeginLine() {
        let text =
            "-----BEGIN OH PRIVATE KEY-----B3b\nx -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n"
            + "-----END PRIVATE KEY----- after"
        #expect(Sanitizer.standard.sanitize(text).text == "[private-key] after")
    }

    /// Found by FuzzSanitizer (Fuzz/Corpus/FuzzSanitizer/regression-token-as-scheme): a token right after
    /// `Authorization:` and followed by more words was taken for the scheme, and survived.
    @Test func aTokenAfterAuthorizationIsNeverItsScheme() {
        let result = Sanitizer.standard.sanitize("Authorization:  glpat-AbCdEfGhIjKlMnOpQrSt12 Bearer x")
        #expect(result.text == "Authorization:  [gitlab-token] Bearer x")
        #expect(
            Sanitizer.standard.sanitize("Authorization: Bearer 0123456789abcdefXYZ").text
                == "Authorization: Bearer [authorization]")
    }

    /// Found by FuzzSanitizer (Fuzz/Corpus/FuzzSanitizer/regression-control-before-value): a vertical tab
    /// between `=` and a value was skipped by the scan and reached the output raw.
    @Test func aControlCharacterBeforeARemovedValueIsStillEscaped() {
        #expect(Sanitizer.standard.sanitize("token=\u{0B}abc123 x").text == "token=\\u{0B}[token] x")
        #expect(Sanitizer.standard.sanitize("password= \u{1B}[2Jhunter2").text == "password= [password]")
    }

    /// Found by FuzzSanitizer (Fuzz/Corpus/FuzzSanitizer/regression-block-inside-value): a quoted value
    /// that ended at its line's end swallowed a key block's BEGIN line, and the key's body survived.
    @Test func aKeyBlockThatStartsInsideAValueGoesWithIt() {
        let text = "token=`x -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY----- after"
        #expect(Sanitizer.standard.sanitize(text).text == "token=`[token] after")
    }

    /// Found by FuzzSanitizer (Fuzz/Corpus/FuzzSanitizer/regression-grouped-iban-value): a grouped IBAN as a
    /// key's value lost only its first group to the key's rule.
    @Test func aGroupedNumberAsAValueIsRemovedWhole() {
        #expect(Sanitizer.standard.sanitize("token= DE89 3704 0044 0532 0130 00 x").text == "token= [iban] x")
        #expect(Sanitizer.standard.sanitize("secret: 4111 1111 1111 1111 x").text == "secret: [card] x")
    }

    /// Found by FuzzSanitizer (Fuzz/Corpus/FuzzSanitizer/regression-begin-after-end): a broken END line
    /// (`-----END ` and then a second block's BEGIN line) was taken for the first block's end.
    @Test func anEndLineIsNotMadeOfAnotherBlocksBeginLine() {
        let text =
            "-----BEGIN X PRIVATE KEY-----\nAA\n-----END -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n"
            + "-----END PRIVATE KEY----- after"
        #expect(Sanitizer.standard.sanitize(text).text == "[private-key] after")
    }
}
