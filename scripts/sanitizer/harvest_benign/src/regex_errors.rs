//! regex: syntax errors, which print a caret diagram over several lines.

// Every pattern here is invalid on purpose.
#![allow(clippy::invalid_regex)]

use crate::Corpus;

const PATTERNS: &[&str] = &[
    "(",
    ")",
    "[",
    "[a-",
    "[z-a]",
    "a{2,1}",
    "a{",
    "a{1",
    "*a",
    "+",
    "a**",
    "(?P<name",
    "(?P<1a>x)",
    "(?P<n>a)(?P<n>b)",
    "\\",
    "\\q",
    "\\p{Nope}",
    "(?z)",
    "(?i",
    "[[:nope:]]",
    "x{99999999}",
    "a{1001}{1001}",
    "(?<=a)b",
    "(?!a)",
    "\\1",
    "[\\d-z]",
    "\\x{110000}",
    "\\u{D800}",
    "(?P<>a)",
    "[]",
    "^*",
    "(|",
    "\\b{word}",
    "a{,5}",
    "(?-)",
    "\\k<name>",
    "\\Q...\\E",
    r"^(?P<ip>\d{1,3}(\.\d{1,3}){3}):(?P<port>\d+$",
    r"version=(\d+)\.(\d+)\.(\d+)\.(\d+",
    r"(?i)commit [0-9a-f]{40",
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
    r"^/var/log/(?P<app>[a-z]+/(?P<date>\d{4}-\d{2}-\d{2})\.log$",
    "line one\n(unclosed on line two",
    "(?x)\n  a # comment\n  (b\n",
];

/// Adds every message.
pub fn harvest(corpus: &mut Corpus) {
    for pattern in PATTERNS {
        if let Err(e) = regex::Regex::new(pattern) {
            corpus.add("regex", e.to_string());
        }
    }
    if let Err(e) = regex::RegexBuilder::new("a{100}{100}{100}")
        .size_limit(10_000)
        .build()
    {
        corpus.add("regex", e.to_string());
    }
    if let Err(e) = regex::bytes::Regex::new("(?-u:\\xFF)[") {
        corpus.add("regex", e.to_string());
    }
    if let Err(e) = regex::RegexSet::new(["ok", "also(ok", "[fine]"]) {
        corpus.add("regex", e.to_string());
    }
}
