//! `dossier stats`: what the index holds. `--format json` prints one object with the keys
//! `articles, passages, actors, first_date, last_date, bytes_on_disk, segments`.
//!
//! The counts (articles, passages, actors, dates, files) depend only on the segments, so they are
//! kept beside the index in [`STATS_FILE`] under a fingerprint of the segments (`index::cache`):
//! `dossier index` and `dossier merge` write it when they finish, and `stats` reads it instead of
//! walking every file record and every actor term (0.7 s at four times the bench corpus). A
//! fingerprint that does not match (another writer, an unwritable folder) means computing them.

use std::collections::HashSet;
use std::io::Write;

use serde::{Deserialize, Serialize};
use tantivy::termdict::TermMerger;

use crate::error::{Error, Result};
use crate::extract::types::CivilDate;
use crate::index::{self, from_datetime, Store};

/// Cache file in the index folder.
pub const STATS_FILE: &str = "dossier-stats.json";
const CACHE_VERSION: u32 = 1;

/// The `stats --format json` contract.
#[derive(Debug, Serialize)]
pub struct Stats {
    articles: u64,
    passages: u64,
    actors: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    bytes_on_disk: u64,
    segments: u64,
    files: u64,
    /// False when the last index run was interrupted (run `dossier index` again to finish it).
    last_run_complete: bool,
}

/// What the segments hold: the part of [`Stats`] worth keeping beside the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Counts {
    articles: u64,
    passages: u64,
    actors: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    files: u64,
}

/// Computes the statistics of the index in `dir`.
pub fn compute(dir: &std::path::Path) -> Result<Stats> {
    let store = Store::open(dir)?;
    let searcher = store.searcher()?;
    let c = counts(&store, &searcher)?;
    let mut bytes = 0;
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for e in entries.flatten() {
        if let Ok(m) = e.metadata() {
            if m.is_file() {
                bytes += m.len();
            }
        }
    }
    Ok(Stats {
        articles: c.articles,
        passages: c.passages,
        actors: c.actors,
        first_date: c.first_date,
        last_date: c.last_date,
        bytes_on_disk: bytes,
        segments: searcher.segment_readers().len() as u64,
        files: c.files,
        last_run_complete: store.last_progress().is_none_or(|p| p.complete),
    })
}

/// Computes the counts of the last commit of `store` and keeps them beside the index, so the next
/// `stats` reads them (called when an index or merge run is done).
pub fn refresh(store: &Store) -> Result<()> {
    counts(store, &store.searcher()?).map(|_| ())
}

/// The counts of what `searcher` sees: from the cache when it matches, else computed and cached.
fn counts(store: &Store, searcher: &tantivy::Searcher) -> Result<Counts> {
    let fingerprint = index::cache::fingerprint(searcher);
    if let Some(c) = index::cache::load(&store.dir, STATS_FILE, CACHE_VERSION, &fingerprint) {
        return Ok(c);
    }
    let c = count(store, searcher)?;
    index::cache::store(&store.dir, STATS_FILE, CACHE_VERSION, &fingerprint, &c);
    Ok(c)
}

fn count(store: &Store, searcher: &tantivy::Searcher) -> Result<Counts> {
    let (f, dir) = (&store.fields, &store.dir);
    let records = index::load_records(searcher, f)?;
    let live_records = index::count_records(searcher, f)?;
    let live_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.num_docs()))
        .sum();
    let mut articles: HashSet<&str> =
        HashSet::with_capacity(records.iter().map(|r| r.articles.len()).sum());
    for r in &records {
        articles.extend(r.articles.iter().map(|(id, _)| id.as_str()));
    }
    // Distinct actor terms over every segment: one merged walk of the sorted term dictionaries.
    let inverted = searcher
        .segment_readers()
        .iter()
        .map(|seg| seg.inverted_index(f.actor))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let actors = match inverted.as_slice() {
        [one] => one.terms().num_terms() as u64,
        many => {
            let streams = many
                .iter()
                .map(|inv| inv.terms().stream())
                .collect::<std::io::Result<Vec<_>>>()
                .map_err(|e| index::damaged(dir, e.into()))?;
            let mut merged = TermMerger::new(streams);
            let mut n = 0;
            while merged.advance() {
                n += 1;
            }
            n
        }
    };
    let (mut first, mut last): (Option<CivilDate>, Option<CivilDate>) = (None, None);
    for seg in searcher.segment_readers() {
        if seg.num_docs() == 0 {
            continue;
        }
        if let Ok(col) = seg.fast_fields().date(index::DATE_FIELD) {
            if col.values.num_vals() > 0 {
                let (lo, hi) = (
                    from_datetime(col.min_value()),
                    from_datetime(col.max_value()),
                );
                first = Some(first.map_or(lo, |f| f.min(lo)));
                last = Some(last.map_or(hi, |l| l.max(hi)));
            }
        }
    }
    Ok(Counts {
        articles: articles.len() as u64,
        passages: live_docs.saturating_sub(live_records),
        actors,
        first_date: first.map(|d| d.to_string()),
        last_date: last.map(|d| d.to_string()),
        files: records.len() as u64,
    })
}

/// Prints the statistics of the index in `dir`.
pub fn run(dir: &std::path::Path, json: bool) -> Result<i32> {
    let s = compute(dir)?;
    let mut out = std::io::stdout().lock();
    let r = if json {
        crate::output::json::line(&mut out, &s)
    } else {
        writeln!(
            out,
            "index:      {}\nfiles:      {}\narticles:   {}\npassages:   {}\nactors:     {}\ndates:      {} .. {}\nsize:       {:.1} MB\nsegments:   {}",
            dir.display(),
            s.files,
            s.articles,
            s.passages,
            s.actors,
            s.first_date.as_deref().unwrap_or("-"),
            s.last_date.as_deref().unwrap_or("-"),
            s.bytes_on_disk as f64 / 1e6,
            s.segments
        )
        .and_then(|_| {
            if s.last_run_complete {
                Ok(())
            } else {
                writeln!(out, "note:       the last index run was interrupted; run `dossier index` again to finish it")
            }
        })
    };
    super::finish_output(r)?;
    Ok(super::EXIT_OK)
}
