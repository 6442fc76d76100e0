//! `export`: the matching articles as data, each once, in a stable order.
//!
//! In: the matching passages. Out: one JSON object per article, earliest first (date, then id):
//! the `extract --format jsonl` object stored at index time, plus `source`, `url`, `author`,
//! `text` (given back exactly from the stored passages and the text between them),
//! `matched_passages` and `cluster`. Nothing is extracted again. Memory holds one entry per
//! matching article and one article's documents at a time.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};
use tantivy::schema::Value;
use tantivy::{DocAddress, DocId, Searcher, SegmentOrdinal, TantivyDocument};

use super::SegmentDocs;
use crate::dupes::Clusters;
use crate::error::Result;
use crate::index::{self, join_gaps, Store, ARTICLE_FIELD, DATE_FIELD, DOC_ID_FIELD};

/// The keys of an exported article, in order (CSV columns): the `extract` keys, then the
/// article's metadata, its text, the matching passages and its cluster.
pub const COLUMNS: &[&str] = &[
    "id",
    "title",
    "date",
    "path",
    "actors",
    "dates",
    "quotes",
    "partial_quotes",
    "passages",
    "source",
    "url",
    "author",
    "text",
    "matched_passages",
    "cluster",
];

/// A matching article, found through its matching passages.
struct Found {
    day: Option<i64>,
    id: String,
    key: u64,
    segment: SegmentOrdinal,
    /// One of its matching documents (its passages lie around it, contiguous).
    doc: DocId,
    matched: Vec<u64>,
}

/// Writes each matching article through `emit`, earliest first; with `unique`, only the earliest
/// matching article of each near-duplicate cluster. Returns the number of articles written.
pub fn export(
    store: &Store,
    searcher: &Searcher,
    docs: &[SegmentDocs],
    unique: bool,
    mut emit: impl FnMut(Map<String, Json>) -> std::io::Result<()>,
) -> Result<usize> {
    let err = |e: tantivy::TantivyError| index::damaged(&store.dir, e);
    let f = &store.fields;
    let clusters = Clusters::load(&store.dir, searcher)?;
    let mut found: HashMap<u64, Found> = HashMap::new();
    for seg in docs {
        let reader = searcher.segment_reader(seg.segment);
        let fast = reader.fast_fields();
        let keys = fast.u64(ARTICLE_FIELD).map_err(err)?;
        let dates = fast.date(DATE_FIELD).map_err(err)?;
        let ids = fast.str(DOC_ID_FIELD).map_err(err)?;
        // Articles first met in this segment, with their id ordinal (read in one pass below).
        let mut new_ids: Vec<(u64, u64)> = Vec::new();
        for &doc in &seg.docs {
            let key = keys.first(doc).unwrap_or_default();
            let entry = found.entry(key).or_insert_with(|| {
                if let Some(ord) = ids.as_ref().and_then(|c| c.term_ords(doc).next()) {
                    new_ids.push((ord, key));
                }
                Found {
                    day: dates
                        .first(doc)
                        .map(|d| d.into_timestamp_secs().div_euclid(86_400)),
                    id: String::new(),
                    key,
                    segment: seg.segment,
                    doc,
                    matched: Vec::new(),
                }
            });
            entry.matched.push(u64::from(doc));
        }
        if let Some(col) = &ids {
            new_ids.sort_unstable();
            let ords: Vec<u64> = new_ids.iter().map(|(o, _)| *o).collect();
            let terms = super::terms_of(col, &ords).map_err(|source| crate::error::Error::Io {
                path: store.dir.clone(),
                source,
            })?;
            for ((_, key), term) in new_ids.iter().zip(terms) {
                if let Some(f) = found.get_mut(key) {
                    f.id = String::from_utf8_lossy(&term).into_owned();
                }
            }
        }
    }
    let mut list: Vec<Found> = found.into_values().collect();
    list.sort_by(|a, b| (a.day.is_none(), a.day, &a.id).cmp(&(b.day.is_none(), b.day, &b.id)));
    let mut seen_clusters = std::collections::HashSet::new();
    let mut written = 0;
    for art in list {
        if unique && !seen_clusters.insert(clusters.key_of(art.key)) {
            continue;
        }
        let passages = article_docs(store, searcher, &art)?;
        let Some(first) = passages.first() else {
            continue;
        };
        let text_of = |d: &TantivyDocument, field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let mut obj: Map<String, Json> = first
            .1
            .get_first(f.extraction)
            .and_then(|v| v.as_str())
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        let gaps: Vec<String> = first
            .1
            .get_first(f.gaps)
            .and_then(|v| v.as_str())
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        let texts: Vec<String> = passages.iter().map(|(_, d)| text_of(d, f.text)).collect();
        let text = if gaps.len() == texts.len() + 1 {
            join_gaps(&gaps, &texts)
        } else {
            texts.join("\n\n")
        };
        let matched: Vec<u64> = passages
            .iter()
            .filter(|(doc, _)| art.matched.contains(&u64::from(*doc)))
            .filter_map(|(_, d)| d.get_first(f.passage).and_then(|v| v.as_u64()))
            .collect();
        obj.insert("source".into(), Json::String(text_of(&first.1, f.source)));
        obj.insert("url".into(), Json::String(text_of(&first.1, f.url)));
        obj.insert("author".into(), Json::String(text_of(&first.1, f.author)));
        obj.insert("text".into(), Json::String(text));
        obj.insert("matched_passages".into(), Json::from(matched));
        obj.insert(
            "cluster".into(),
            Json::String(
                clusters
                    .cluster_of(art.key)
                    .map_or_else(|| art.id.clone(), |c| c.id.clone()),
            ),
        );
        if let Err(e) = emit(obj) {
            return Err(crate::error::Error::Io {
                path: "<output>".into(),
                source: e,
            });
        }
        written += 1;
    }
    Ok(written)
}

/// The live passages of one article, in order: the documents around `art.doc` with its key (an
/// article's passages are added as one group, so they are contiguous in one segment).
fn article_docs(
    store: &Store,
    searcher: &Searcher,
    art: &Found,
) -> Result<Vec<(DocId, TantivyDocument)>> {
    let reader = searcher.segment_reader(art.segment);
    let keys = reader
        .fast_fields()
        .u64(ARTICLE_FIELD)
        .map_err(|e| index::damaged(&store.dir, e))?;
    let same = |d: DocId| keys.first(d) == Some(art.key);
    let mut start = art.doc;
    while start > 0 && same(start - 1) {
        start -= 1;
    }
    let mut end = art.doc + 1;
    while end < reader.max_doc() && same(end) {
        end += 1;
    }
    let mut out = Vec::new();
    for d in start..end {
        if !reader.is_deleted(d) {
            out.push((d, searcher.doc(DocAddress::new(art.segment, d))?));
        }
    }
    out.sort_by_key(|(_, d): &(DocId, TantivyDocument)| {
        d.get_first(store.fields.passage).and_then(|v| v.as_u64())
    });
    Ok(out)
}
