//! serde_json: syntax errors and type errors, as `Display` prints them.

use crate::Corpus;
use std::collections::BTreeMap;

const SYNTAX: &[&str] = &[
    "",
    "{",
    "}",
    "[",
    "[1, 2",
    "[1, 2,]",
    "{\"a\": 1,}",
    "{\"a\" 1}",
    "{\"a\": }",
    "{a: 1}",
    "{'a': 1}",
    "[1 2]",
    "nul",
    "tru",
    "falsy",
    "NaN",
    "Infinity",
    "-",
    "01",
    "1.",
    "1e",
    "1e+",
    ".5",
    "+1",
    "0x1F",
    "\"abc",
    "\"\\x41\"",
    "\"\\u12\"",
    "\"\\uD800\"",
    "\"\\ud83d\\u0041\"",
    "\"tab\there\"",
    "\"line\nbreak\"",
    "[1] x",
    "{\"a\":1}{\"b\":2}",
    "\u{feff}{}",
    "{\"port\": 8080, \"host\": \"db.internal\",}",
    "{\"version\": \"1.2.3\" \"name\": \"x\"}",
    "[\"2024-01-02T12:30:45Z\", ]",
    "{\"id\": 8f14e45f}",
    "{\"size\": 1_000}",
    "[1, 2, 3]]",
    "{\"nested\": {\"deep\": [1, {\"x\": }]}}",
    "\"unterminated \\",
    "[true, false, maybe]",
    "{\"key\": \"value\", \"key2\" \"value2\"}",
    "1 2",
    "[,]",
    "{,}",
    ":",
    "\"\\q\"",
    "18446744073709551616x",
    "[1e999]",
    "{\"a\":[1,2,{\"b\":null,}]}",
];

fn type_errors(corpus: &mut Corpus) {
    let mut add = |r: Result<(), serde_json::Error>| {
        if let Err(e) = r {
            corpus.add("serde_json", e.to_string());
        }
    };
    for input in [
        "\"x\"",
        "-1",
        "256",
        "1.5",
        "null",
        "[1]",
        "{}",
        "true",
        "99999999999",
    ] {
        add(serde_json::from_str::<u8>(input).map(drop));
    }
    for input in ["\"42\"", "1.0", "-9223372036854775809", "{\"a\":1}"] {
        add(serde_json::from_str::<i64>(input).map(drop));
    }
    for input in ["1", "[\"a\"]", "{\"a\": 1}", "null"] {
        add(serde_json::from_str::<String>(input).map(drop));
    }
    for input in ["\"true\"", "1", "[]"] {
        add(serde_json::from_str::<bool>(input).map(drop));
    }
    for input in ["[1, \"2\", 3]", "{\"0\": 1}", "[1, 2.5]", "\"1,2,3\""] {
        add(serde_json::from_str::<Vec<i32>>(input).map(drop));
    }
    for input in ["[1]", "[1, true, 3]", "[\"x\", true]", "{\"a\": 1}"] {
        add(serde_json::from_str::<(u8, bool)>(input).map(drop));
    }
    for input in [
        "{\"port\": \"8080\"}",
        "{\"timeout_ms\": -5}",
        "[1, 2]",
        "{\"retries\": 1e3}",
    ] {
        add(serde_json::from_str::<BTreeMap<String, u16>>(input).map(drop));
    }
    for input in ["\"ab\"", "\"\"", "65"] {
        add(serde_json::from_str::<char>(input).map(drop));
    }
    for input in ["1.5e400", "\"3.14\""] {
        add(serde_json::from_str::<f32>(input).map(drop));
    }
}

/// Adds every message.
pub fn harvest(corpus: &mut Corpus) {
    for input in SYNTAX {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(input) {
            corpus.add("serde_json", e.to_string());
        }
    }
    type_errors(corpus);
}
