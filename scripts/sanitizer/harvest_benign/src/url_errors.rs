//! url: parse errors, join errors and the setters' failures. Inputs hold no credentials and no
//! routable IP address: the corpus is of messages that must come out unchanged.

use crate::Corpus;

const URLS: &[&str] = &[
    "",
    "example.com",
    "/relative/path",
    "http://",
    "http://:8080",
    "http://host:99999",
    "http://host:port",
    "http://[::1",
    "http://[:::1]/",
    "http://256.256.256.256/",
    "http://1.2.3/x",
    "http://exa mple.com",
    "http://ex%ample.com",
    "https://host:-1/",
    "http://0x1.0x2.0x3.0x4.5/",
    "ftp://host:65536/",
    "file://host:22/etc/passwd",
    "https://\u{0}.com",
    "postgres://db.internal:5432:1/app",
    "redis://cache.internal:-6379",
    "http://xn--.com/",
    "mailto:",
    "http://%41.com",
    "https://api.example.com:443:443/v1",
    "ws://[::ffff:1.2.3]/",
    "http://host/%zz",
];

/// Adds every message.
pub fn harvest(corpus: &mut Corpus) {
    for input in URLS {
        if let Err(e) = url::Url::parse(input) {
            corpus.add("url", e.to_string());
            corpus.add("url", format!("invalid URL {input:?}: {e}"));
        }
    }
    let base = url::Url::parse("https://api.example.com/v1/items").expect("a valid base");
    for input in [
        "http://[::1",
        "//:99999",
        "https://exa mple.com/x",
        "http://1.2.3.4.5.6/",
    ] {
        if let Err(e) = base.join(input) {
            corpus.add(
                "url",
                format!("cannot resolve {input:?} against {base}: {e}"),
            );
        }
    }
    let mut mail = url::Url::parse("mailto:ops@example.org").expect("a valid URL");
    if mail.set_host(Some("example.com")).is_err() || mail.set_port(Some(25)).is_err() {
        corpus.add(
            "url",
            format!(
                "cannot set the host or port of {}: cannot be a base",
                mail.scheme()
            ),
        );
    }
    let mut web = url::Url::parse("https://example.com/").expect("a valid URL");
    if let Err(e) = web.set_host(Some("exa mple.com")) {
        corpus.add("url", format!("set_host failed: {e}"));
    }
    if let Err(e) = web.set_host(Some("[::1")) {
        corpus.add("url", format!("set_host failed: {e}"));
    }
}
