//! One article through Quickwit (`dossier serve --quickwit`'s `/api/article/ID`): Quickwit holds
//! passages, not articles, so the article is put together from its passage documents, in order.
//! Its text is the passages joined by blank lines (what the local index leaves out between
//! passages, boilerplate and gaps, is not sent to Quickwit); `passages` gives each passage's
//! character range in that text, as the local export object does, and `quotes` and `actors` are
//! those of the passages.

use serde_json::{json, Map, Value as Json};

use super::client::Client;
use super::config::DOC_ID;
use super::search::{fetch_hits, Stored};
use super::translate::{quoted_raw, Translated};
use crate::error::Result;
use crate::search::SortBy;

/// The article `id` as a JSON object with the keys of a local export object that passages can
/// give (`id`, `title`, `date`, `source`, `url`, `text`, `passages`, `actors`, `dates`, `quotes`,
/// `matched_passages`, `cluster`), or None when no passage of it is in the index.
pub fn article(client: &Client, index_id: &str, id: &str) -> Result<Option<Map<String, Json>>> {
    let t = Translated {
        query: format!("{DOC_ID}:{}", quoted_raw(id)),
        ..Translated::default()
    };
    let mut passages: Vec<Stored> = fetch_hits(client, index_id, &t, SortBy::Score, usize::MAX)?
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.doc_id == id)
        .collect();
    passages.sort_by_key(|s| s.passage);
    let Some(first) = passages.first() else {
        return Ok(None);
    };
    let mut obj = Map::new();
    obj.insert("id".into(), json!(id));
    obj.insert("title".into(), json!(first.title));
    obj.insert("date".into(), json!(first.day()));
    obj.insert("source".into(), json!(first.source));
    obj.insert("url".into(), json!(first.url));
    obj.insert("cluster".into(), json!(first.cluster));
    let mut text = String::new();
    let mut ranges = Vec::new();
    let mut chars = 0usize;
    let (mut actors, mut dates, mut quotes) = (Vec::new(), Vec::new(), Vec::new());
    for (i, s) in passages.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            chars += 2;
        }
        let n = s.text.chars().count();
        ranges.push(json!({ "start": chars, "end": chars + n }));
        text.push_str(&s.text);
        chars += n;
        for a in &s.actors {
            if !actors.contains(a) {
                actors.push(a.clone());
            }
        }
        for d in &s.dates {
            if !dates.contains(d) {
                dates.push(d.clone());
            }
        }
        quotes.extend(s.quotes());
    }
    obj.insert("text".into(), json!(text));
    obj.insert("passages".into(), json!(ranges));
    obj.insert("actors".into(), json!(actors));
    obj.insert("dates".into(), json!(dates));
    obj.insert("quotes".into(), json!(quotes));
    let numbers: Vec<u64> = passages.iter().map(|s| s.passage).collect();
    obj.insert("matched_passages".into(), json!(numbers));
    Ok(Some(obj))
}
