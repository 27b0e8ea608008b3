//! Prints real error messages of real libraries fed bad input, one JSON object a line:
//! the sanitizer's precision corpus (see README.md).

mod formatted;
mod json_errors;
mod regex_errors;
mod semver_errors;
mod std_errors;
mod url_errors;

/// The harvested messages, in a stable order.
#[derive(Default)]
pub struct Corpus {
    records: Vec<(&'static str, String)>,
}

impl Corpus {
    /// Adds one message from `source`; an identical message from the same source is kept once.
    pub fn add(&mut self, source: &'static str, message: impl Into<String>) {
        let message = message.into();
        if !self
            .records
            .iter()
            .any(|(s, m)| *s == source && *m == message)
        {
            self.records.push((source, message));
        }
    }
}

fn main() {
    let mut corpus = Corpus::default();
    json_errors::harvest(&mut corpus);
    semver_errors::harvest(&mut corpus);
    url_errors::harvest(&mut corpus);
    regex_errors::harvest(&mut corpus);
    std_errors::harvest(&mut corpus);
    formatted::harvest(&mut corpus);
    for (source, message) in &corpus.records {
        let mut object = serde_json::Map::new();
        object.insert("source".into(), (*source).into());
        object.insert("message".into(), message.as_str().into());
        println!("{}", serde_json::Value::Object(object));
    }
}
