//! The tantivy index: its schema (one document per passage, plus one record per indexed file),
//! creating and opening it with a version check, and turning extracted articles into documents.
//!
//! Not for deciding what to index (see `commands::index`) nor for querying (see `search`).

mod analyzer;
pub mod cache;
pub mod lines;
mod records;
pub mod writer;

use std::ops::Range;
use std::path::{Path, PathBuf};

use tantivy::schema::{
    BytesOptions, DateOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, INDEXED, STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{DateTime, Index, IndexSettings, ReloadPolicy, Searcher, TantivyDocument};

pub use analyzer::{en_stem, words, StemMemo, EN_STEM, RAW_LOWER};
pub use records::{count_records, load_records, ArticleIds, FileRecord, Progress};
pub use writer::Writer;

use crate::clean::Cleaning;
use crate::error::{Error, Result};
use crate::extract::types::{CivilDate, QuoteMention};
use crate::extract::{CharMap, Extraction};
use crate::ingest::Article;
use crate::search::HitQuote;

/// Version of the schema below; bump it whenever a field changes.
pub const SCHEMA_VERSION: u32 = 6;
/// Name of the fast `date` field, as fast-field readers and sort keys look it up.
pub const DATE_FIELD: &str = "date";
/// Name of the fast `order` field (the stable tie-break key).
pub const ORDER_FIELD: &str = "order";
/// Name of the fast `article` field (a 64-bit key of the article id).
pub const ARTICLE_FIELD: &str = "article";
/// Name of the fast `doc_id` column.
pub const DOC_ID_FIELD: &str = "doc_id";
/// Name of the fast `signature` field (near-duplicate signature, first passage only).
pub const SIGNATURE_FIELD: &str = "signature";
/// Name of the fast column of actor names (canonical, as displayed).
pub const ACTOR_NAME_FIELD: &str = "actor_name";
/// Name of the fast column of speaker names (canonical, as displayed).
pub const SPEAKER_NAME_FIELD: &str = "speaker_name";
/// Name of the fast `source` column.
pub const SOURCE_FIELD: &str = "source";
/// Name of the fast column of the date values a passage mentions.
pub const DATES_FIELD: &str = "dates";
/// File in the index folder that records [`SCHEMA_VERSION`].
pub const VERSION_FILE: &str = "dossier-version";
/// File in the index folder naming the process that holds the writer.
const PID_FILE: &str = "dossier-writer.pid";

/// Value of the `kind` field for file records (passages have no `kind`).
pub const KIND_FILE: &str = "f";

/// The fields of the schema, by role.
#[derive(Clone, Debug)]
pub struct Fields {
    /// `f` for a file record, absent on passages.
    pub kind: Field,
    /// Article id (stored, exact).
    pub doc_id: Field,
    /// File path (stored, exact).
    pub path: Field,
    /// Source (stored; fast as written, for facets; indexed whole and lower-cased, for `--source`).
    pub source: Field,
    /// URL (stored).
    pub url: Field,
    /// Title (stemmed text, stored).
    pub title: Field,
    /// Article date (indexed, fast, stored).
    pub date: Field,
    /// Passage number within the article (stored, fast).
    pub passage: Field,
    /// Line of the article in a JSON Lines file (stored; absent for other files).
    pub line: Field,
    /// Tie-breaking key (fast): the same for a passage in every index, whichever indexing thread
    /// or segment it landed in, so equal scores always come out in the same order.
    pub order: Field,
    /// Character range of the passage in the article: two stored values.
    pub range: Field,
    /// Passage text (stemmed, positions, stored).
    pub text: Field,
    /// Lowercased canonical actor names (exact).
    pub actor: Field,
    /// Canonical actor names for display (stored).
    pub actor_name: Field,
    /// Actor names as words, for `actor:` queries.
    pub actor_text: Field,
    /// Quotation text (stemmed, positions).
    pub quote: Field,
    /// Quotations with speakers as JSON (stored).
    pub quotes_json: Field,
    /// Speaker names as words, for `speaker:` queries.
    pub speaker_text: Field,
    /// `quote` when the passage has one (exact), for `--quotes`.
    pub flags: Field,
    /// Periods mentioned: ISO values plus every enclosing year and month (exact), for `--mentions`.
    pub mentions: Field,
    /// ISO values of the dates mentioned (stored).
    pub dates: Field,
    /// File records: the JSON state of one indexed file (stored).
    pub record: Field,
    /// 64-bit key of the article id (fast, stored): counts articles, groups passages, maps to clusters.
    pub article: Field,
    /// Speaker names as displayed (fast), for facets.
    pub speaker_name: Field,
    /// Near-duplicate signature of the whole article (fast bytes; first passage only).
    pub signature: Field,
    /// The article's extraction in the `extract --format jsonl` shape, without the text (stored;
    /// first passage only): what `export` writes without extracting again.
    pub extraction: Field,
    /// The text between passages, as a JSON array (stored; first passage only): with the
    /// passages it gives back the article text exactly.
    pub gaps: Field,
    /// Author(s) (stored; first passage only).
    pub author: Field,
    /// Page (from 1) where the passage starts, for paged documents such as PDF (stored).
    pub page: Field,
    /// Keys of the article's short lines (indexed; first passage only): the document frequency
    /// of a key is the number of articles of its source that carry the line (`clean`).
    pub line_key: Field,
    /// The keys among `line_key` that counted as repeated boilerplate when the article was
    /// extracted (indexed; first passage only): `lines::stale` compares them with the counts.
    pub skip_key: Field,
}

/// Builds the schema and the field handles.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stemmed = |stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(EN_STEM)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let o = TextOptions::default().set_indexing_options(indexing);
        if stored {
            o.set_stored()
        } else {
            o
        }
    };
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fast_stored = || TextOptions::from(STORED).set_fast("raw");
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        doc_id: b.add_text_field(DOC_ID_FIELD, (STRING | STORED).set_fast("raw")),
        path: b.add_text_field("path", STORED),
        source: b.add_text_field(
            SOURCE_FIELD,
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(RAW_LOWER)
                        .set_index_option(IndexRecordOption::Basic),
                )
                .set_stored()
                .set_fast("raw"),
        ),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field("title", stemmed(true)),
        date: b.add_date_field(
            DATE_FIELD,
            DateOptions::from(INDEXED).set_stored().set_fast(),
        ),
        passage: b.add_u64_field("passage", NumericOptions::default().set_stored()),
        line: b.add_u64_field("line", NumericOptions::default().set_stored()),
        order: b.add_u64_field(ORDER_FIELD, NumericOptions::default().set_fast()),
        range: b.add_u64_field("range", STORED),
        text: b.add_text_field("text", stemmed(true)),
        actor: b.add_text_field("actor", STRING),
        actor_name: b.add_text_field(ACTOR_NAME_FIELD, fast_stored()),
        actor_text: b.add_text_field("actor_text", words.clone()),
        quote: b.add_text_field("quote", stemmed(false)),
        quotes_json: b.add_text_field("quotes_json", STORED),
        speaker_text: b.add_text_field("speaker_text", words),
        flags: b.add_text_field("flags", STRING),
        mentions: b.add_text_field("mentions", STRING),
        dates: b.add_text_field(DATES_FIELD, fast_stored()),
        record: b.add_text_field("record", STORED),
        article: b.add_u64_field(
            ARTICLE_FIELD,
            NumericOptions::default().set_fast().set_stored(),
        ),
        speaker_name: b.add_text_field(SPEAKER_NAME_FIELD, TextOptions::default().set_fast("raw")),
        signature: b.add_bytes_field(SIGNATURE_FIELD, BytesOptions::default().set_fast()),
        extraction: b.add_text_field("extraction", STORED),
        gaps: b.add_text_field("gaps", STORED),
        author: b.add_text_field("author", STORED),
        page: b.add_u64_field("page", STORED),
        line_key: b.add_u64_field("line_key", INDEXED),
        skip_key: b.add_u64_field("skip_key", INDEXED),
    };
    (b.build(), fields)
}

/// An open index with its fields.
pub struct Store {
    /// The tantivy index.
    pub index: Index,
    /// Field handles.
    pub fields: Fields,
    /// The folder it lives in.
    pub dir: PathBuf,
}

impl Store {
    /// Opens the index in `dir`, checking its schema version.
    pub fn open(dir: &Path) -> Result<Store> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        check_version(dir)?;
        let index = Index::open_in_dir(dir).map_err(|e| damaged(dir, e))?;
        analyzer::register(&index);
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(Error::SchemaVersion {
                path: dir.to_path_buf(),
                found: format!("{SCHEMA_VERSION} with other fields"),
                expected: SCHEMA_VERSION,
            });
        }
        Ok(Store {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// An empty index in memory with the schema and analyzers of a real one: what a search
    /// through another engine (Quickwit) uses to check its query and build its highlighters
    /// exactly as a local search would.
    pub fn in_memory() -> Store {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        analyzer::register(&index);
        Store {
            index,
            fields,
            dir: PathBuf::new(),
        }
    }

    /// A searcher over the last commit.
    pub fn searcher(&self) -> Result<Searcher> {
        let reader: tantivy::IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| damaged(&self.dir, e))?;
        Ok(reader.searcher())
    }

    /// Opens the index in `dir`, creating it (and the folder) when there is none.
    pub fn open_or_create(dir: &Path) -> Result<Store> {
        if dir.join("meta.json").is_file() {
            return Store::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema();
        // zstd over 8 KB blocks: passages of one article repeat its metadata, which a block of a
        // few passages compresses away; a hit decompresses one block, and searches print ten.
        // Measured on news: 8 KB blocks against 32 KB cost 7% more index and save about 2.7 M
        // instructions per ten-hit search.
        let settings = IndexSettings {
            docstore_compression: Compressor::Zstd(ZstdCompressor {
                compression_level: Some(3),
            }),
            docstore_blocksize: 8 << 10,
            ..IndexSettings::default()
        };
        // The version first: a run killed between the two leaves a folder without meta.json,
        // which the next run creates anew, never an index without its version.
        write_version(dir)?;
        let index = Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(dir)?;
        analyzer::register(&index);
        Ok(Store {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// Takes the index's writer lock and starts a writer with `threads` indexing threads (at
    /// most 8) sharing `memory` bytes, fed through [`writer::Writer`]'s bound on queued
    /// documents. Fails with [`Error::Busy`] naming the process that holds it.
    pub fn writer(&self, threads: usize, memory: usize) -> Result<Writer> {
        let threads = threads.clamp(1, 8);
        // tantivy wants at least 15 MB per indexing thread.
        let memory = memory.max((threads * 16) << 20);
        match self.index.writer_with_num_threads(threads, memory) {
            Ok(w) => {
                let _ =
                    std::fs::write(self.dir.join(PID_FILE), format!("{}\n", std::process::id()));
                Ok(Writer::new(w, writer::QUEUED_PASSAGES))
            }
            Err(tantivy::TantivyError::LockFailure(..)) => {
                let holder = std::fs::read_to_string(self.dir.join(PID_FILE))
                    .ok()
                    .map(|p| format!(" (pid {})", p.trim()))
                    .unwrap_or_default();
                Err(Error::Busy {
                    path: self.dir.clone(),
                    holder,
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Forgets the writer's pid file (the lock itself goes with the writer).
    pub fn release_writer(&self) {
        let _ = std::fs::remove_file(self.dir.join(PID_FILE));
    }

    /// The payload of the last commit, if it carries dossier's progress.
    pub fn last_progress(&self) -> Option<Progress> {
        let meta = self.index.load_metas().ok()?;
        serde_json::from_str(meta.payload.as_deref()?).ok()
    }

    /// Deletes the index in `dir` (only files dossier and tantivy write), for `--rebuild`.
    pub fn remove(dir: &Path) -> Result<()> {
        if !dir.join("meta.json").is_file() && !dir.join(VERSION_FILE).is_file() {
            return Ok(());
        }
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ours = name == "meta.json"
                || name == VERSION_FILE
                || name.starts_with(crate::dupes::CLUSTERS_FILE)
                || name.starts_with(crate::dupes::LEGACY_CLUSTERS_FILE)
                || name.starts_with(crate::analysis::names::NAMES_FILE)
                || name.starts_with(crate::analysis::name_table::TABLE_FILE)
                || name.starts_with(crate::commands::STATS_FILE)
                || name == PID_FILE
                || name == lines::KEEP_FILE
                || name.starts_with(".tantivy")
                || name.starts_with(".managed")
                || name.ends_with(".idx")
                || name.ends_with(".pos")
                || name.ends_with(".term")
                || name.ends_with(".store")
                || name.ends_with(".fast")
                || name.ends_with(".fieldnorm")
                || name.ends_with(".del");
            if ours {
                std::fs::remove_file(entry.path()).map_err(|source| Error::Io {
                    path: entry.path(),
                    source,
                })?;
            }
        }
        Ok(())
    }
}

/// Maps a tantivy error met while opening or reading `dir` to a "damaged index" error.
pub fn damaged(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::Damaged {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Marks `dir` as holding an index of this schema version.
pub fn write_version(dir: &Path) -> Result<()> {
    std::fs::write(dir.join(VERSION_FILE), format!("{SCHEMA_VERSION}\n")).map_err(|source| {
        Error::Io {
            path: dir.join(VERSION_FILE),
            source,
        }
    })
}

fn check_version(dir: &Path) -> Result<()> {
    let found =
        std::fs::read_to_string(dir.join(VERSION_FILE)).unwrap_or_else(|_| "none".to_string());
    let found = found.trim();
    if found != SCHEMA_VERSION.to_string() {
        return Err(Error::SchemaVersion {
            path: dir.to_path_buf(),
            found: found.to_string(),
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// A civil date as a tantivy date (midnight UTC).
pub fn to_datetime(d: CivilDate) -> DateTime {
    DateTime::from_timestamp_secs(d.days_since_epoch() * 86_400)
}

/// A tantivy date as a civil date.
pub fn from_datetime(d: DateTime) -> CivilDate {
    CivilDate::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400))
}

/// The `mentions` terms of one date value: the value itself, the years its interval touches,
/// the months when it is at most a quarter long, the days when it is shorter than a week. So
/// `--mentions 2020-10` finds days, weeks and October itself, but not a bare "2020".
pub fn mention_terms(value: &str) -> Vec<String> {
    let mut out = vec![value.to_string()];
    if let Some((first, last)) = crate::extract::dates::value_range(value) {
        let days = last.days_since_epoch() - first.days_since_epoch() + 1;
        if days <= 366 {
            for y in first.year..=last.year {
                out.push(format!("{y:04}"));
            }
        }
        if days <= 92 {
            let (mut y, mut m) = (first.year, first.month);
            while (y, m) <= (last.year, last.month) {
                out.push(format!("{y:04}-{m:02}"));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        if days <= 7 {
            let mut d = first;
            while d <= last {
                out.push(d.to_string());
                d = d.add_days(1);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The mentions of `items` (sorted by start) that lie wholly inside `range`. A binary search finds
/// the first, so assigning mentions to passages stays linear in a long article.
fn within<'a, T>(
    items: &'a [T],
    range: &Range<usize>,
    span: impl Fn(&T) -> (usize, usize) + Copy + 'a,
) -> impl Iterator<Item = &'a T> + 'a {
    let first = items.partition_point(|m| span(m).0 < range.start);
    let end = range.end;
    items[first..]
        .iter()
        .take_while(move |m| span(m).0 < end)
        .filter(move |m| span(m).1 <= end)
}

/// The tantivy documents of one article: one per passage.
pub fn passage_documents(
    f: &Fields,
    article: &Article,
    ex: &Extraction,
    cleaning: &Cleaning,
) -> Vec<TantivyDocument> {
    let map = CharMap::new(&article.text);
    let article_key = article_key(&article.id);
    let mut docs = Vec::with_capacity(ex.passages.len());
    for (n, range) in ex.passages.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.doc_id, &article.id);
        doc.add_u64(f.article, article_key);
        if n == 0 {
            add_article_fields(f, &mut doc, article, ex, &map, cleaning);
        }
        doc.add_text(f.path, &article.path);
        if !article.source.is_empty() {
            doc.add_text(f.source, &article.source);
        }
        if !article.url.is_empty() {
            doc.add_text(f.url, &article.url);
        }
        doc.add_text(f.title, &article.title);
        if let Some(d) = article.date {
            doc.add_date(f.date, to_datetime(d));
        }
        doc.add_u64(f.passage, n as u64);
        if !article.pages.is_empty() {
            let page = article
                .pages
                .partition_point(|&start| start <= range.start)
                .max(1);
            doc.add_u64(f.page, page as u64);
        }
        doc.add_u64(f.order, article_key.wrapping_add(n as u64));
        if article.line > 0 {
            doc.add_u64(f.line, article.line as u64);
        }
        doc.add_u64(f.range, map.chars(range.start) as u64);
        doc.add_u64(f.range, map.chars(range.end) as u64);
        doc.add_text(f.text, &article.text[range.clone()]);
        let mut names: Vec<&str> = Vec::new();
        for a in within(&ex.actors, range, |a| (a.start, a.end)) {
            if !names.contains(&a.name.as_str()) {
                names.push(&a.name);
            }
        }
        // Whoever is quoted in the passage ("the Russian Embassy said") is one of its actors.
        let quoted = |q: &QuoteMention| (q.start, q.end);
        for q in within(&ex.quotes, range, quoted).chain(within(&ex.partial_quotes, range, quoted))
        {
            if let Some(s) = q.speaker.as_deref() {
                // "the Russian Embassy" is the Russian Embassy; a capital "The" belongs to the
                // name ("The New York Times").
                let s = s.strip_prefix("the ").unwrap_or(s);
                if !names.iter().any(|n| n.eq_ignore_ascii_case(s)) {
                    names.push(s);
                }
            }
        }
        for name in names {
            doc.add_text(f.actor, name.to_lowercase());
            doc.add_text(f.actor_name, name);
            doc.add_text(f.actor_text, name);
        }
        let mut quotes = Vec::new();
        let quote_span = |q: &QuoteMention| (q.start, q.end);
        let mut all: Vec<(&QuoteMention, bool)> = within(&ex.quotes, range, quote_span)
            .map(|q| (q, true))
            .chain(within(&ex.partial_quotes, range, quote_span).map(|q| (q, false)))
            .collect();
        all.sort_by_key(|(q, _)| q.start);
        for (q, direct) in all {
            let text = &article.text[q.start..q.end];
            doc.add_text(f.quote, text);
            if let Some(s) = &q.speaker {
                doc.add_text(f.speaker_text, s);
                doc.add_text(f.speaker_name, s);
            }
            quotes.push(HitQuote {
                text: text.to_string(),
                speaker: q.speaker.clone(),
                direct,
            });
        }
        if !quotes.is_empty() {
            doc.add_text(f.flags, "quote");
            doc.add_text(
                f.quotes_json,
                serde_json::to_string(&quotes).unwrap_or_default(),
            );
        }
        let mut values: Vec<&str> = Vec::new();
        for d in within(&ex.dates, range, |d| (d.start, d.end)) {
            if !values.contains(&d.value.as_str()) {
                values.push(&d.value);
            }
        }
        for v in values {
            doc.add_text(f.dates, v);
            for term in mention_terms(v) {
                doc.add_text(f.mentions, term);
            }
        }
        docs.push(doc);
    }
    docs
}

/// The 64-bit key of an article id (the `article` fast field).
pub fn article_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// What only the first passage of an article carries: the near-duplicate signature, the
/// extraction, the text between passages and the author.
fn add_article_fields(
    f: &Fields,
    doc: &mut TantivyDocument,
    article: &Article,
    ex: &Extraction,
    map: &CharMap,
    cleaning: &Cleaning,
) {
    // Boilerplate left aside: a source's repeated lines make its stories look alike.
    let text = crate::clean::mask(&article.text, &cleaning.skipped);
    if let Some(sig) = crate::dupes::Signature::of(&text) {
        doc.add_bytes(f.signature, &sig.to_bytes());
    }
    let extraction = crate::output::json::ArticleExtraction::with_map(article, ex, map);
    doc.add_text(
        f.extraction,
        serde_json::to_string(&extraction).unwrap_or_default(),
    );
    doc.add_text(
        f.gaps,
        serde_json::to_string(&gaps(&article.text, &ex.passages)).unwrap_or_default(),
    );
    if !article.author.is_empty() {
        doc.add_text(f.author, &article.author);
    }
    for &k in &cleaning.lines {
        doc.add_u64(f.line_key, k);
    }
    for &k in &cleaning.repeated {
        doc.add_u64(f.skip_key, k);
    }
}

/// The text before, between and after the passages (one more than there are passages).
pub fn gaps<'a>(text: &'a str, passages: &[Range<usize>]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(passages.len() + 1);
    let mut at = 0;
    for p in passages {
        out.push(text.get(at..p.start.max(at)).unwrap_or(""));
        at = at.max(p.end);
    }
    out.push(text.get(at..).unwrap_or(""));
    out
}

/// The article text from its gaps and passages (the inverse of [`gaps`]).
pub fn join_gaps(gaps: &[String], passages: &[String]) -> String {
    let mut out = String::with_capacity(
        gaps.iter().map(String::len).sum::<usize>()
            + passages.iter().map(String::len).sum::<usize>(),
    );
    for (i, g) in gaps.iter().enumerate() {
        out.push_str(g);
        if let Some(p) = passages.get(i) {
            out.push_str(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::mention_terms;

    #[test]
    fn gaps_and_passages_give_back_the_text() {
        let text = "  One two.\n\nThree four.\n";
        let passages = [2..10, 12..23];
        let g: Vec<String> = super::gaps(text, &passages)
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(g, ["  ", "\n\n", "\n"]);
        let p: Vec<String> = passages
            .iter()
            .map(|r| text[r.clone()].to_string())
            .collect();
        assert_eq!(super::join_gaps(&g, &p), text);
    }

    #[test]
    fn mentions_go_to_the_passage_that_holds_them() {
        let spans = [(0, 3), (5, 9), (8, 12), (12, 14), (20, 22)];
        let got = |r: std::ops::Range<usize>| -> Vec<(usize, usize)> {
            super::within(&spans, &r, |s| *s).copied().collect()
        };
        assert_eq!(got(0..10), [(0, 3), (5, 9)]);
        // (8, 12) straddles both passages: it belongs to neither.
        assert_eq!(got(10..20), [(12, 14)]);
        assert_eq!(got(20..22), [(20, 22)]);
        assert_eq!(got(23..30), []);
    }

    #[test]
    fn mention_terms_by_granularity() {
        assert_eq!(mention_terms("2020"), ["2020"]);
        assert_eq!(mention_terms("2020-10"), ["2020", "2020-10"]);
        assert_eq!(
            mention_terms("2020-10-05"),
            ["2020", "2020-10", "2020-10-05"]
        );
        assert_eq!(
            mention_terms("2020-Q4"),
            ["2020", "2020-10", "2020-11", "2020-12", "2020-Q4"]
        );
        assert!(mention_terms("2020-W53").contains(&"2021-01-01".to_string()));
        assert_eq!(mention_terms("XXXX-10-05"), ["XXXX-10-05"]);
    }
}
