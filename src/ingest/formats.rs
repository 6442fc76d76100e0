//! Readers for the text formats: plain text, Markdown with front matter, JSON and JSON Lines,
//! and the metadata they share (front matter, sidecar `.meta.json` files, JSON aliases).

use std::path::Path;

use serde_json::{Map, Value};

use super::decode;
use super::Article;
use crate::extract::types::CivilDate;

/// Metadata fields that can override or complete an article's.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    id: Option<String>,
    title: Option<String>,
    date: Option<CivilDate>,
    source: Option<String>,
    url: Option<String>,
    author: Option<String>,
}

impl Meta {
    /// Reads `NAME.meta.json` (or `FILE.meta.json`) beside `path`, if there is one.
    pub fn sidecar_for(path: &Path) -> Result<Option<Meta>, String> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.split('.').next().unwrap_or(name);
        for candidate in [format!("{name}.meta.json"), format!("{stem}.meta.json")] {
            let side = path.with_file_name(candidate);
            if side.is_file() {
                let raw = std::fs::read(&side).map_err(|e| format!("{}: {e}", side.display()))?;
                let (text, _) = decode(&raw)?;
                let value: Value = serde_json::from_str(&text)
                    .map_err(|e| format!("{}: not JSON: {e}", side.display()))?;
                let Value::Object(obj) = value else {
                    return Err(format!("{}: not a JSON object", side.display()));
                };
                return Ok(Some(Meta::from_json(&obj)));
            }
        }
        Ok(None)
    }

    fn from_json(obj: &Map<String, Value>) -> Meta {
        Meta {
            id: first_str(obj, &["id", "_id", "uuid", "doc_id"]),
            title: first_str(obj, &["title", "headline", "name"]),
            date: first_date(obj),
            source: first_str(
                obj,
                &[
                    "source",
                    "publisher",
                    "outlet",
                    "site",
                    "site_name",
                    "publication",
                ],
            ),
            url: first_str(obj, &["url", "link", "href", "permalink"]),
            author: first_str(obj, &["author", "authors", "byline", "by"]),
        }
    }

    /// Sets every field this metadata carries on `a` (metadata wins).
    pub fn apply_over(&self, a: &mut Article) {
        let set = |dst: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                *dst = v.clone();
            }
        };
        set(&mut a.id, &self.id);
        set(&mut a.title, &self.title);
        set(&mut a.source, &self.source);
        set(&mut a.url, &self.url);
        set(&mut a.author, &self.author);
        if self.date.is_some() {
            a.date = self.date;
        }
    }

    /// Sets only the fields `a` lacks (the article wins).
    fn apply_under(&self, a: &mut Article) {
        let set = |dst: &mut String, v: &Option<String>| {
            if dst.is_empty() {
                if let Some(v) = v {
                    *dst = v.clone();
                }
            }
        };
        set(&mut a.id, &self.id);
        set(&mut a.title, &self.title);
        set(&mut a.source, &self.source);
        set(&mut a.url, &self.url);
        set(&mut a.author, &self.author);
        if a.date.is_none() {
            a.date = self.date;
        }
    }
}

/// Parses a date as found in metadata: ISO (`2021-03-16`, with or without a time), `2021/03/16`,
/// `16 March 2021`, `March 16, 2021`, or epoch seconds/milliseconds.
pub fn parse_date(s: &str) -> Option<CivilDate> {
    let s = s.trim();
    if let Some(d) = CivilDate::parse_iso(s) {
        return Some(d);
    }
    if let Some(d) = CivilDate::parse_iso(&s.replace('/', "-")) {
        return Some(d);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.len() >= 9 {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() >= 12 { n / 1000 } else { n };
        return Some(CivilDate::from_days_since_epoch(secs.div_euclid(86_400)));
    }
    // Month names, either order.
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let month = words.iter().find_map(|w| month_number(w))?;
    let nums: Vec<i64> = words
        .iter()
        .filter_map(|w| {
            w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok()
        })
        .collect();
    let year = nums.iter().find(|&&n| n > 31)?;
    let day = nums.iter().find(|&&n| (1..=31).contains(&n))?;
    CivilDate::new(*year as i32, month, *day as u32)
}

fn month_number(w: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn first_str(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    })
}

fn first_date(obj: &Map<String, Value>) -> Option<CivilDate> {
    const KEYS: [&str; 9] = [
        "date",
        "published",
        "publish_date",
        "published_at",
        "pubdate",
        "datePublished",
        "publication_date",
        "created_at",
        "timestamp",
    ];
    KEYS.iter().find_map(|k| match obj.get(*k)? {
        Value::String(s) => parse_date(s),
        Value::Number(n) => parse_date(&n.to_string()),
        _ => None,
    })
}

/// The keys (and CSV columns) that hold an article's text, in order of preference.
pub const TEXT_KEYS: [&str; 8] = [
    "text",
    "body",
    "content",
    "content_original",
    "article",
    "maintext",
    "full_text",
    "description",
];

/// An article from one JSON object; `Err` when it has no text field.
pub fn from_object(obj: &Map<String, Value>) -> Result<Article, String> {
    let text = TEXT_KEYS
        .iter()
        .find_map(|k| match obj.get(*k)? {
            Value::String(s) => Some(s.clone()),
            Value::Array(parts) => Some(
                parts
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ),
            _ => None,
        })
        .ok_or_else(|| format!("no text field (one of: {})", TEXT_KEYS.join(", ")))?;
    let mut a = Article {
        text,
        ..Article::default()
    };
    Meta::from_json(obj).apply_under(&mut a);
    Ok(a)
}

/// Plain text: the first line is the title when a blank line follows it.
pub fn plain_text(text: &str) -> Article {
    let mut lines = text.splitn(3, '\n');
    let first = lines.next().unwrap_or("");
    let second = lines.next();
    if let (Some(second), Some(rest)) = (second, lines.next()) {
        let first = first.trim();
        if second.trim().is_empty() && !first.is_empty() && first.chars().count() <= 200 {
            return Article {
                title: first.to_string(),
                text: rest.to_string(),
                ..Article::default()
            };
        }
    }
    Article {
        text: text.to_string(),
        ..Article::default()
    }
}

/// Markdown: front matter (YAML between `---` lines, or TOML between `+++` lines) gives the
/// metadata; a leading `# Title` line gives the title when the front matter does not.
pub fn markdown(text: &str) -> Result<Article, String> {
    let (meta, body) = front_matter(text)?;
    let mut a = Article {
        text: body.to_string(),
        ..Article::default()
    };
    if let Some(meta) = meta {
        meta.apply_over(&mut a);
    }
    if a.title.is_empty() {
        let trimmed = a.text.trim_start();
        if let Some(rest) = trimmed.strip_prefix("# ") {
            let (title, body) = rest.split_once('\n').unwrap_or((rest, ""));
            a.title = title.trim().to_string();
            a.text = body.to_string();
        }
    }
    Ok(a)
}

fn front_matter(text: &str) -> Result<(Option<Meta>, &str), String> {
    for fence in ["---", "+++"] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let closing = format!("\n{fence}");
        let Some(end) = rest.find(&closing) else {
            return Err(format!("front matter opened with {fence} is never closed"));
        };
        let head = &rest[..end];
        let body = rest[end + closing.len()..].trim_start_matches(['\r', '\n']);
        let obj = if fence == "+++" {
            let table: toml::Table = head
                .parse()
                .map_err(|e| format!("bad TOML front matter: {e}"))?;
            serde_json::to_value(table)
                .ok()
                .and_then(|v| v.as_object().cloned())
                .unwrap_or_default()
        } else {
            yaml_flat(head)
        };
        return Ok((Some(Meta::from_json(&obj)), body));
    }
    Ok((None, text))
}

/// The top-level `key: value` pairs of a YAML front matter (enough for title, date, source, url,
/// author; nested values and lists other than `[a, b]` are ignored).
fn yaml_flat(head: &str) -> Map<String, Value> {
    let mut obj = Map::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let unquote = |v: &str| -> String {
            let v = v.trim();
            for q in ['"', '\''] {
                if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
                    return v[1..v.len() - 1].to_string();
                }
            }
            v.to_string()
        };
        let value = if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Value::Array(list.split(',').map(|v| Value::String(unquote(v))).collect())
        } else {
            Value::String(unquote(value))
        };
        obj.insert(key.trim().to_string(), value);
    }
    obj
}

/// A JSON file: one article object, or an array of them.
pub fn json(text: &str) -> Result<Vec<Article>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}, skipped"))?;
    match value {
        Value::Object(obj) => Ok(vec![from_object(&obj).map_err(|e| format!("{e}, skipped"))?]),
        Value::Array(items) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Object(obj) => {
                        out.push(from_object(obj).map_err(|e| format!("item {i}: {e}, skipped"))?)
                    }
                    _ => return Err(format!("item {i} is not an object, skipped")),
                }
            }
            Ok(out)
        }
        _ => Err("JSON is neither an article object nor an array of them, skipped".to_string()),
    }
}

/// One line of a JSON Lines file: an article object.
pub fn json_line(text: &str) -> Result<Article, String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(obj)) => from_object(&obj),
        Ok(_) => Err("not a JSON object".to_string()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_title_needs_blank_line() {
        let a = plain_text("A headline\n\nBody one.\nBody two.");
        assert_eq!(a.title, "A headline");
        assert_eq!(a.text, "Body one.\nBody two.");
        let b = plain_text("First sentence of a body.\nSecond.");
        assert_eq!(b.title, "");
        assert_eq!(b.text, "First sentence of a body.\nSecond.");
    }

    #[test]
    fn markdown_front_matter_yaml_and_toml() {
        let a = markdown(
            "---\ntitle: \"Ballots\"\ndate: 2020-11-03\nsource: Example Times\n---\nText.",
        )
        .unwrap();
        assert_eq!(
            (a.title.as_str(), a.source.as_str(), a.text.as_str()),
            ("Ballots", "Example Times", "Text.")
        );
        assert_eq!(a.date, CivilDate::new(2020, 11, 3));
        let b = markdown("+++\ntitle = \"T\"\ndate = \"2019-01-02\"\n+++\n\nBody").unwrap();
        assert_eq!((b.title.as_str(), b.text.as_str()), ("T", "Body"));
        assert_eq!(b.date, CivilDate::new(2019, 1, 2));
        let c = markdown("# Heading\nBody").unwrap();
        assert_eq!((c.title.as_str(), c.text.as_str()), ("Heading", "Body"));
        assert!(markdown("---\ntitle: x\nno end").is_err());
    }

    #[test]
    fn json_aliases() {
        let v = json(r#"[{"headline":"H","body":"B","publish_date":"2016-09-12T10:00:00Z","publisher":"P","extra":1}]"#).unwrap();
        assert_eq!(
            (
                v[0].title.as_str(),
                v[0].text.as_str(),
                v[0].source.as_str()
            ),
            ("H", "B", "P")
        );
        assert_eq!(v[0].date, CivilDate::new(2016, 9, 12));
        assert!(json(r#"{"title":"no text"}"#).is_err());
    }

    #[test]
    fn dates_in_metadata() {
        assert_eq!(parse_date("March 16, 2021"), CivilDate::new(2021, 3, 16));
        assert_eq!(parse_date("16 Mar 2021"), CivilDate::new(2021, 3, 16));
        assert_eq!(parse_date("2021/03/16"), CivilDate::new(2021, 3, 16));
        assert_eq!(parse_date("1615852800000"), CivilDate::new(2021, 3, 16));
        assert_eq!(parse_date("soon"), None);
    }
}
