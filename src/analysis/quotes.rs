//! `quotes`: who said what, when. The quotations of the matching passages themselves, each once.
//!
//! In: the matching passages that hold a direct quotation. Out: one [`QuoteRow`] per distinct
//! quotation (compared by its words, case and punctuation aside), shown with the earliest article
//! that carries it and the number of other articles (or clusters) that carry it too. Reads the
//! stored quotations of each matching passage.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::{ArticleKeys, SegmentDocs};
use crate::error::Result;
use crate::index::{from_datetime, Store};
use crate::search::HitQuote;

/// The keys of [`QuoteRow`], in order (CSV columns).
pub const COLUMNS: &[&str] = &[
    "text", "speaker", "date", "title", "source", "doc_id", "copies",
];

/// One quotation: the `quotes --format json` contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuoteRow {
    /// The quoted words, as in the earliest article that carries them.
    pub text: String,
    /// Canonical name of the speaker, or null when unattributed.
    pub speaker: Option<String>,
    /// Date (ISO) of that article, or null.
    pub date: Option<String>,
    /// Its title.
    pub title: String,
    /// Its source.
    pub source: String,
    /// Its id.
    pub doc_id: String,
    /// Number of other articles carrying the same quotation (clusters of copies count once
    /// unless all copies).
    pub copies: usize,
}

/// Order of the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteSort {
    /// Newest article first.
    Date,
    /// By speaker name, then newest first; unattributed last.
    Speaker,
}

/// The distinct direct quotations of `docs`; when `speakers` is not empty, only quotations whose
/// speaker holds all the words of one of them.
pub fn quotes(
    store: &Store,
    searcher: &Searcher,
    docs: &[SegmentDocs],
    speakers: &[String],
    keys: &ArticleKeys,
    sort: QuoteSort,
) -> Result<Vec<QuoteRow>> {
    let f = &store.fields;
    let mut table = QuoteTable::new(speakers);
    for seg in docs {
        for &doc in &seg.docs {
            let d: TantivyDocument = searcher.doc(DocAddress::new(seg.segment, doc))?;
            let Some(json) = d.get_first(f.quotes_json).and_then(|v| v.as_str()) else {
                continue;
            };
            let found: Vec<HitQuote> = serde_json::from_str(json).unwrap_or_default();
            let text_of = |field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let carrier = Carrier {
                key: keys.key(d.get_first(f.article).and_then(|v| v.as_u64()).unwrap_or(0)),
                date: d
                    .get_first(f.date)
                    .and_then(|v| v.as_datetime())
                    .map(|x| from_datetime(x).to_string()),
                title: text_of(f.title),
                source: text_of(f.source),
                doc_id: text_of(f.doc_id),
            };
            table.add(&carrier, found);
        }
    }
    Ok(table.rows(sort))
}

/// The passage a quotation was found in: its article's counting key (cluster or article) and
/// what a row shows of it.
#[derive(Clone, Debug, Default)]
pub struct Carrier {
    /// The key the article is counted under ([`ArticleKeys::key`]).
    pub key: u64,
    /// Article date (ISO).
    pub date: Option<String>,
    /// Article title.
    pub title: String,
    /// Article source.
    pub source: String,
    /// Article id.
    pub doc_id: String,
}

/// Distinct quotations gathered passage by passage (from the local index or from Quickwit's
/// stored documents), each kept with its earliest carrier and the keys of every carrier.
pub struct QuoteTable {
    wanted: Vec<Vec<String>>,
    /// Normalized text → (the row from the earliest article, keys of the articles carrying it).
    rows: HashMap<String, (QuoteRow, Vec<u64>)>,
}

impl QuoteTable {
    /// An empty table keeping only quotations by one of `speakers` (all when empty).
    pub fn new(speakers: &[String]) -> QuoteTable {
        QuoteTable {
            wanted: speakers.iter().map(|s| words(s)).collect(),
            rows: HashMap::new(),
        }
    }

    /// Adds the direct quotations `found` in a passage of `carrier`.
    pub fn add(&mut self, carrier: &Carrier, found: Vec<HitQuote>) {
        for q in found.into_iter().filter(|q| q.direct) {
            if !self.wanted.is_empty() {
                let have = q.speaker.as_deref().map(words).unwrap_or_default();
                if !self
                    .wanted
                    .iter()
                    .any(|w| w.iter().all(|x| have.contains(x)))
                {
                    continue;
                }
            }
            let norm = words(&q.text).join(" ");
            if norm.is_empty() {
                continue;
            }
            let row = QuoteRow {
                text: q.text,
                speaker: q.speaker,
                date: carrier.date.clone(),
                title: carrier.title.clone(),
                source: carrier.source.clone(),
                doc_id: carrier.doc_id.clone(),
                copies: 0,
            };
            match self.rows.get_mut(&norm) {
                None => {
                    self.rows.insert(norm, (row, vec![carrier.key]));
                }
                Some((kept, carriers)) => {
                    carriers.push(carrier.key);
                    if earlier(&row, kept) {
                        let speaker = row.speaker.clone().or(kept.speaker.take());
                        *kept = QuoteRow { speaker, ..row };
                    } else if kept.speaker.is_none() {
                        kept.speaker = row.speaker;
                    }
                }
            }
        }
    }

    /// The rows, each with its number of other carriers, in `sort` order.
    pub fn rows(self, sort: QuoteSort) -> Vec<QuoteRow> {
        let mut out: Vec<QuoteRow> = self
            .rows
            .into_values()
            .map(|(mut row, mut carriers)| {
                carriers.sort_unstable();
                carriers.dedup();
                row.copies = carriers.len() - 1;
                row
            })
            .collect();
        let newest_first = |a: &QuoteRow, b: &QuoteRow| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.doc_id.cmp(&b.doc_id))
                .then_with(|| a.text.cmp(&b.text))
        };
        match sort {
            QuoteSort::Date => out.sort_by(newest_first),
            QuoteSort::Speaker => out.sort_by(|a, b| {
                let name = |r: &QuoteRow| r.speaker.as_deref().map(str::to_lowercase);
                (a.speaker.is_none(), name(a))
                    .cmp(&(b.speaker.is_none(), name(b)))
                    .then_with(|| newest_first(a, b))
            }),
        }
        out
    }
}

/// Dated before undated, then by date, then by id.
fn earlier(a: &QuoteRow, b: &QuoteRow) -> bool {
    (a.date.is_none(), &a.date, &a.doc_id) < (b.date.is_none(), &b.date, &b.doc_id)
}

/// Lowercased words (letters and digits).
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
