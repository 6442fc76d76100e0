//! The passage documents Quickwit receives (`docs.ndjson`), streamed from the local index: one
//! JSON object per passage with its stored originals, dossier's analyzed form of them, and its
//! extraction (actors, quotations with speakers, mentioned dates), as [`super::config`] maps them.
//!
//! Extraction runs where dossier runs: nothing is extracted again here, the local index already
//! holds it. Memory holds one passage at a time.

use std::io::Write;

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use std::collections::BTreeMap;

use super::config::{period_field, rfc3339_day, PERIODS};
use super::translate::stemmed;
use crate::analysis::timeline::mention_period;
use crate::analysis::SegmentDocs;
use crate::dupes::Clusters;
use crate::error::{Error, Result};
use crate::extract::dates::value_range;
use crate::extract::types::CivilDate;
use crate::index::{self, from_datetime, mention_terms, Store};
use crate::search::HitQuote;

/// One passage as Quickwit indexes it (field names: [`super::config`]).
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct PassageDoc {
    /// `ID#N`.
    pub pid: String,
    /// Article id.
    pub doc_id: String,
    /// Near-duplicate cluster (earliest article's id).
    pub cluster: String,
    /// Other articles in the cluster.
    pub copies: u64,
    /// Title as written.
    pub title: String,
    /// Stems of the title.
    pub title_stem: String,
    /// Passage text as written.
    pub text: String,
    /// Stems of the text.
    pub text_stem: String,
    /// Stems of each quotation.
    pub quote_stem: Vec<String>,
    /// Quotations with speakers (the local index's JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes_json: Option<String>,
    /// Canonical actor names.
    pub actors: Vec<String>,
    /// Lower-cased words of each actor name.
    pub actor_words: Vec<String>,
    /// Canonical speaker names.
    pub speakers: Vec<String>,
    /// Lower-cased words of the speaker of each attributed quotation.
    pub speaker_words: Vec<String>,
    /// Article date (RFC 3339, midnight UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// First day of each mentioned date that has one (RFC 3339).
    pub mentioned: Vec<String>,
    /// `--mentions` terms.
    pub mentions: Vec<String>,
    /// ISO values of the mentioned dates.
    pub dates: Vec<String>,
    /// `quote` when the passage holds a quotation.
    pub flags: Vec<String>,
    /// Source.
    pub source: String,
    /// Source lower-cased, for `--source`.
    pub source_key: String,
    /// URL.
    pub url: String,
    /// File path.
    pub path: String,
    /// Line in a JSON Lines file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Passage number.
    pub passage: u64,
    /// Page of a paged document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// Tie-break key (the local `order`).
    pub order: u64,
    /// The periods the passage counts in, for `timeline` ([`super::config::period_field`]).
    #[serde(flatten)]
    pub periods: std::collections::BTreeMap<String, Vec<String>>,
}

/// What an export wrote.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    /// Passage documents.
    pub passages: u64,
    /// Bytes of passage text in them.
    pub text_bytes: u64,
}

/// Writes the documents of the passages in `docs` to `out`, one JSON line each, in index order.
pub fn write_docs(
    store: &Store,
    searcher: &Searcher,
    docs: &[SegmentDocs],
    out: &mut dyn Write,
) -> Result<Written> {
    let clusters = Clusters::load(&store.dir, searcher)?;
    let mut maker = DocMaker {
        stems: index::en_stem(),
        words: index::words(),
    };
    let mut written = Written::default();
    let io_err = |source| Error::Io {
        path: store.dir.join("docs.ndjson"),
        source,
    };
    for seg in docs {
        for &doc in &seg.docs {
            let stored: TantivyDocument = searcher.doc(DocAddress::new(seg.segment, doc))?;
            let d = maker.doc(store, &clusters, &stored);
            written.passages += 1;
            written.text_bytes += d.text.len() as u64;
            serde_json::to_writer(&mut *out, &d).map_err(|e| io_err(e.into()))?;
            out.write_all(b"\n").map_err(io_err)?;
        }
    }
    Ok(written)
}

struct DocMaker {
    stems: tantivy::tokenizer::TextAnalyzer,
    words: tantivy::tokenizer::TextAnalyzer,
}

impl DocMaker {
    fn doc(&mut self, store: &Store, clusters: &Clusters, d: &TantivyDocument) -> PassageDoc {
        let f = &store.fields;
        let text_of = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let all = |field| -> Vec<String> {
            d.get_all(field)
                .filter_map(|v| v.as_str())
                .map(str::to_string)
                .collect()
        };
        let u64_of = |field| d.get_first(field).and_then(|v| v.as_u64());
        let doc_id = text_of(f.doc_id);
        let article = u64_of(f.article).unwrap_or_else(|| index::article_key(&doc_id));
        let passage = u64_of(f.passage).unwrap_or(0);
        let cluster = clusters.cluster_of(article);
        let title = text_of(f.title);
        let text = text_of(f.text);
        let quotes_json = d
            .get_first(f.quotes_json)
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let quotes: Vec<HitQuote> = quotes_json
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        let mut speakers: Vec<String> = Vec::new();
        for q in &quotes {
            if let Some(s) = &q.speaker {
                if !speakers.contains(s) {
                    speakers.push(s.clone());
                }
            }
        }
        let actors = all(f.actor_name);
        let dates = all(f.dates);
        let date = d
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(from_datetime);
        let mut mentions: Vec<String> = dates.iter().flat_map(|v| mention_terms(v)).collect();
        mentions.sort();
        mentions.dedup();
        PassageDoc {
            pid: format!("{doc_id}#{passage}"),
            cluster: cluster
                .as_ref()
                .map_or_else(|| doc_id.clone(), |c| c.id.clone()),
            copies: cluster.map_or(0, |c| c.members.len() as u64 - 1),
            doc_id,
            title_stem: stemmed(&mut self.stems, &title),
            title,
            text_stem: stemmed(&mut self.stems, &text),
            text,
            quote_stem: quotes
                .iter()
                .map(|q| stemmed(&mut self.stems, &q.text))
                .collect(),
            flags: if quotes.is_empty() {
                Vec::new()
            } else {
                vec!["quote".to_string()]
            },
            quotes_json,
            actor_words: actors.iter().map(|a| stemmed(&mut self.words, a)).collect(),
            actors,
            // One value per attributed quotation, as the local field has (term frequencies and
            // field length, hence scores, are the same).
            speaker_words: quotes
                .iter()
                .filter_map(|q| q.speaker.as_deref())
                .map(|s| stemmed(&mut self.words, s))
                .collect(),
            speakers,
            date: date.and_then(rfc3339_day),
            periods: periods(date, &dates),
            mentioned: dates
                .iter()
                .filter_map(|v| value_range(v))
                .filter_map(|(first, _)| rfc3339_day(first))
                .collect(),
            mentions,
            dates,
            source: text_of(f.source),
            source_key: text_of(f.source).to_lowercase(),
            url: text_of(f.url),
            path: text_of(f.path),
            line: u64_of(f.line),
            passage,
            page: u64_of(f.page),
            order: article.wrapping_add(passage),
        }
    }
}

/// The values of the period fields: for each period length, the start of the period holding the
/// article date, and the starts of the periods the mentioned dates count in (deduplicated).
fn periods(date: Option<CivilDate>, mentioned: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for by in PERIODS {
        let of_date: Vec<String> = date.map(|d| by.start(d).to_string()).into_iter().collect();
        out.insert(period_field(by, false).to_string(), of_date);
        let mut of_mentions: Vec<String> = mentioned
            .iter()
            .filter_map(|v| mention_period(v, by))
            .map(|d| d.to_string())
            .collect();
        of_mentions.sort();
        of_mentions.dedup();
        out.insert(period_field(by, true).to_string(), of_mentions);
    }
    out
}
