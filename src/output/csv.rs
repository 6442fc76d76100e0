//! CSV printer (RFC 4180): a header row, then one row per object, columns named and ordered as
//! the JSON keys of the same command. Lists and objects are written as JSON text in one cell.
//!
//! Indexed text is untrusted: a cell that a spreadsheet would read as a formula (it starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading `'`, as OWASP
//! advises, so opening an export in a spreadsheet runs nothing.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

/// Writes the header row.
pub fn header<W: Write + ?Sized>(out: &mut W, columns: &[&str]) -> io::Result<()> {
    let cells: Vec<String> = columns.iter().map(|c| cell(c)).collect();
    writeln!(out, "{}", cells.join(","))
}

/// Writes one row: the values of `row`'s JSON keys named in `columns`, in that order.
pub fn row<W: Write + ?Sized, T: Serialize>(
    out: &mut W,
    columns: &[&str],
    row: &T,
) -> io::Result<()> {
    let value = serde_json::to_value(row).map_err(io::Error::other)?;
    object_row(out, columns, &value)
}

/// Writes one row of a JSON object.
pub fn object_row<W: Write + ?Sized>(
    out: &mut W,
    columns: &[&str],
    value: &Value,
) -> io::Result<()> {
    let cells: Vec<String> = columns
        .iter()
        .map(|c| match value.get(*c) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => cell(&defuse(s)),
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(v) => cell(&v.to_string()),
        })
        .collect();
    writeln!(out, "{}", cells.join(","))
}

/// Writes `rows` with a header.
pub fn table<W: Write + ?Sized, T: Serialize>(
    out: &mut W,
    columns: &[&str],
    rows: &[T],
) -> io::Result<()> {
    header(out, columns)?;
    rows.iter().try_for_each(|r| row(out, columns, r))
}

/// Quotes a cell when it holds a comma, a quote or a line break.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A leading `'` for text a spreadsheet would take as a formula.
fn defuse(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The JSON keys of `value`, in order (for checking a column list against its type).
pub fn keys_of<T: Serialize>(value: &T) -> Vec<String> {
    match serde_json::to_value(value) {
        Ok(Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formulas() {
        let mut out = Vec::new();
        let v = serde_json::json!({"a": "x, \"y\"\nz", "b": 3, "c": ["p", "q"], "d": "=cmd()", "e": null});
        header(&mut out, &["a", "b", "c", "d", "e"]).unwrap();
        object_row(&mut out, &["a", "b", "c", "d", "e"], &v).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "a,b,c,d,e\n\"x, \"\"y\"\"\nz\",3,\"[\"\"p\"\",\"\"q\"\"]\",'=cmd(),\n"
        );
    }
}
