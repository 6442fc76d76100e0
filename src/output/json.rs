//! JSON Lines printers. Every line is one complete JSON object; serde_json escapes control
//! characters, and Rust strings cannot hold lone surrogates, so the output is always valid.
//!
//! `search --format json`: one [`Hit`] per line with the keys `rank, score, doc_id, title, date,
//! source, url, path, passage, text, highlights, actors, quotes, dates` (see README).
//! `extract --format jsonl`: one [`ArticleExtraction`] per article.

use std::io::{self, Write};

use serde::Serialize;

use crate::extract::types::{ActorKind, QuoteMention};
use crate::extract::{CharMap, Extraction};
use crate::ingest::Article;
use crate::search::Hit;

/// The keys of a search hit, in order (the columns of `search --format csv`).
pub const HIT_KEYS: &[&str] = &[
    "rank",
    "score",
    "doc_id",
    "cluster",
    "copies",
    "title",
    "date",
    "source",
    "url",
    "path",
    "line",
    "passage",
    "page",
    "text",
    "highlights",
    "title_highlights",
    "actors",
    "quotes",
    "dates",
];

/// Writes one value as a line of JSON.
pub fn line<W: Write + ?Sized, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Writes hits as JSON Lines.
pub fn hits<W: Write + ?Sized>(out: &mut W, hits: &[Hit]) -> io::Result<()> {
    hits.iter().try_for_each(|h| line(out, h))
}

/// An actor in `extract` output (character offsets).
#[derive(Serialize)]
pub struct ActorOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    name: &'a str,
    kind: ActorKind,
}

/// A date in `extract` output (character offsets).
#[derive(Serialize)]
pub struct DateOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    value: &'a str,
}

/// A quote in `extract` output (character offsets).
#[derive(Serialize)]
pub struct QuoteOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    speaker: Option<&'a str>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
}

fn quote<'a>(t: &'a str, q: &'a QuoteMention, c: &dyn Fn(usize) -> usize) -> QuoteOut<'a> {
    QuoteOut {
        start: c(q.start),
        end: c(q.end),
        text: &t[q.start..q.end],
        speaker: q.speaker.as_deref(),
        speaker_start: q.speaker_span.map(|s| c(s.0)),
        speaker_end: q.speaker_span.map(|s| c(s.1)),
    }
}

/// A passage range in `extract` output (character offsets).
#[derive(Serialize)]
pub struct PassageOut {
    start: usize,
    end: usize,
}

/// One line of `extract --format jsonl`: the contract scored by `score.py`.
#[derive(Serialize)]
pub struct ArticleExtraction<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<String>,
    path: &'a str,
    actors: Vec<ActorOut<'a>>,
    dates: Vec<DateOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
    partial_quotes: Vec<QuoteOut<'a>>,
    passages: Vec<PassageOut>,
}

impl<'a> ArticleExtraction<'a> {
    /// Converts byte offsets of `ex` into the character offsets of the contract.
    pub fn new(a: &'a Article, ex: &'a Extraction) -> Self {
        Self::with_map(a, ex, &CharMap::new(&a.text))
    }

    /// As [`ArticleExtraction::new`], with the article's character map already built.
    pub fn with_map(a: &'a Article, ex: &'a Extraction, map: &CharMap) -> Self {
        let t = a.text.as_str();
        let c = |b: usize| map.chars(b);
        ArticleExtraction {
            id: &a.id,
            title: &a.title,
            date: a.date.map(|d| d.to_string()),
            path: &a.path,
            actors: ex
                .actors
                .iter()
                .map(|m| ActorOut {
                    start: c(m.start),
                    end: c(m.end),
                    text: &t[m.start..m.end],
                    name: &m.name,
                    kind: m.kind,
                })
                .collect(),
            dates: ex
                .dates
                .iter()
                .map(|d| DateOut {
                    start: c(d.start),
                    end: c(d.end),
                    text: &t[d.start..d.end],
                    value: &d.value,
                })
                .collect(),
            quotes: ex.quotes.iter().map(|q| quote(t, q, &c)).collect(),
            partial_quotes: ex.partial_quotes.iter().map(|q| quote(t, q, &c)).collect(),
            passages: ex
                .passages
                .iter()
                .map(|p| PassageOut {
                    start: c(p.start),
                    end: c(p.end),
                })
                .collect(),
        }
    }
}
