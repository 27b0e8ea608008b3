//! semver: version and requirement parse errors.

use crate::Corpus;

const VERSIONS: &[&str] = &[
    "",
    "1",
    "1.2",
    "1.2.3.4",
    "1.2.3.4.5",
    "v1.2.3",
    "01.2.3",
    "1.02.3",
    "1.2.03",
    "1.2.3-",
    "1.2.3+",
    "1.2.3-beta..1",
    "1.2.3-01",
    "1.2.3 beta",
    " 1.2.3",
    "1.2.3\u{0}",
    "1.x.3",
    "a.b.c",
    "1.2.-3",
    "1.2.3-alpha_1",
    "1.2.3+build.0001+x",
    "18446744073709551616.0.0",
    "1.2.3-é",
    "1..3",
    "1.2.",
    ".1.2",
    "10.0.19041.1",
    "2024.01.02",
    "1.2.3-rc.1+sha.5114f85.x",
    "=1.2.3",
    "^1.2.3",
    "1.2.3 - 2.0.0",
    "latest",
    "1.2.3.beta",
];

const REQUIREMENTS: &[&str] = &[
    "",
    ">=",
    ">= 1.2.3.4",
    "~>1.2",
    "1.2.3 || 2.0.0",
    ">=1.0 <2.0",
    "^1.2.3-",
    "*.1",
    "=1.2.3.4",
    "1.2.*.4",
    "> 1.2, , < 2",
    "^v1",
    ">=1.2.3,",
    "x.y.z",
    "1.2.3 -",
    "^1.2.3+build",
    ">=01.2",
    "~1.2.3-beta..2",
    "^ 1.2",
    "1.2.3.4.5 - 6",
    ">>1.0",
    "<=>1.0",
];

/// Adds every message.
pub fn harvest(corpus: &mut Corpus) {
    for input in VERSIONS {
        if let Err(e) = semver::Version::parse(input) {
            corpus.add("semver", e.to_string());
            corpus.add("semver", format!("invalid version {input:?}: {e}"));
        }
    }
    for input in REQUIREMENTS {
        if let Err(e) = semver::VersionReq::parse(input) {
            corpus.add("semver", e.to_string());
            corpus.add(
                "semver",
                format!("dependency `serde` requirement {input:?} is invalid: {e}"),
            );
        }
    }
}
