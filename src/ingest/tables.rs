//! CSV and TSV datasets: a header row naming the columns with the JSON field names and aliases
//! (`text`/`body`/`content`, `title`/`headline`, `date`/`published`...), then one article per
//! row. Streamed row by row; quoted fields may hold newlines. A row that cannot be read is
//! reported with its line and skipped; a file without a text column is one error naming the
//! columns it has.

use std::io::Read;

use serde_json::{Map, Value};

use super::formats;
use super::Article;

/// Reads `input` as a table with `delimiter` (`b','` or `b'\t'`), handing each row to `row` with
/// its 1-based line: the article, or why the row was skipped. Fails as a whole when the header
/// is missing or names no text column.
pub fn read(
    input: impl Read,
    delimiter: u8,
    mut row: impl FnMut(usize, Result<Article, String>),
) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if !headers
        .iter()
        .any(|h| formats::TEXT_KEYS.contains(&h.to_lowercase().as_str()))
    {
        return Err(format!(
            "no text column (one of: {}); the columns are: {}",
            formats::TEXT_KEYS.join(", "),
            if headers.is_empty() {
                "none".to_string()
            } else {
                headers.join(", ")
            }
        ));
    }
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => {
                if let csv::ErrorKind::Io(io) = e.kind() {
                    return Err(format!("read error: {io}"));
                }
                let at = e.position().map_or(line, |p| p.line() as usize);
                row(at, Err(format!("{}, row skipped", short(&e))));
                continue;
            }
        }
        let at = record.position().map_or(line, |p| p.line() as usize);
        if record.len() != headers.len() {
            row(
                at,
                Err(format!(
                    "row has {} fields, the header {}, row skipped",
                    record.len(),
                    headers.len()
                )),
            );
            continue;
        }
        let mut obj = Map::new();
        for (name, value) in headers.iter().zip(record.iter()) {
            if value.is_empty() {
                continue;
            }
            obj.insert(name.to_lowercase(), Value::String(value.to_string()));
            obj.entry(name.clone())
                .or_insert_with(|| Value::String(value.to_string()));
        }
        row(
            at,
            formats::from_object(&obj).map_err(|e| format!("{e}, row skipped")),
        );
    }
}

/// A csv error in a few words, without its own position (the caller gives the line).
fn short(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Rows = Vec<(usize, Result<Article, String>)>;

    fn rows(input: &str, delimiter: u8) -> Result<Rows, String> {
        let mut out = Vec::new();
        read(input.as_bytes(), delimiter, |line, a| out.push((line, a)))?;
        Ok(out)
    }

    #[test]
    fn aliases_quoted_newlines_and_bad_rows() {
        let csv = "Headline,published,body\n\
                   First,2021-03-16,\"One paragraph.\n\nAnother, with a comma.\"\n\
                   Bad,2021-03-17\n\
                   Third,,Plain text\n";
        let got = rows(csv, b',').unwrap();
        assert_eq!(got.len(), 3);
        let first = got[0].1.as_ref().unwrap();
        assert_eq!(first.title, "First");
        assert_eq!(first.date.unwrap().to_string(), "2021-03-16");
        assert_eq!(first.text, "One paragraph.\n\nAnother, with a comma.");
        assert_eq!(got[0].0, 2);
        // The bad row is reported at its own line (after a record spanning three lines).
        assert_eq!(got[1].0, 5);
        assert!(got[1].1.as_ref().unwrap_err().contains("2 fields"));
        assert_eq!(got[2].1.as_ref().unwrap().text, "Plain text");
    }

    #[test]
    fn tsv_and_a_missing_text_column() {
        let got = rows("title\ttext\nA\tSome words\n", b'\t').unwrap();
        assert_eq!(got[0].1.as_ref().unwrap().text, "Some words");
        let err = rows("title,author\nA,B\n", b',').unwrap_err();
        assert!(
            err.contains("no text column") && err.contains("title, author"),
            "{err}"
        );
    }
}
