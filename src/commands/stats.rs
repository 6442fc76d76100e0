//! `dossier stats`: what the index holds. `--format json` prints one object with the keys
//! `articles, passages, actors, first_date, last_date, bytes_on_disk, segments`.

use std::collections::BTreeSet;
use std::io::Write;

use serde::Serialize;
use tantivy::collector::Count;

use crate::error::{Error, Result};
use crate::index::{self, from_datetime, Store};

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

/// Computes the statistics of the index in `dir`.
pub fn compute(dir: &std::path::Path) -> Result<Stats> {
    let store = Store::open(dir)?;
    let f = &store.fields;
    let searcher = store.searcher()?;
    let passages = searcher.search(&*crate::search::all_passages(f), &Count)? as u64;
    let records = index::load_records(&searcher, f)?;
    let articles: BTreeSet<&str> = records
        .iter()
        .flat_map(|r| r.articles.iter().map(|(id, _)| id.as_str()))
        .collect();
    let mut actors = BTreeSet::new();
    let (mut first, mut last) = (None, None);
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(f.actor)?;
        let mut stream = inv
            .terms()
            .stream()
            .map_err(|e| index::damaged(dir, e.into()))?;
        while stream.advance() {
            actors.insert(stream.key().to_vec());
        }
        if seg.num_docs() > 0 {
            if let Ok(col) = seg.fast_fields().date(index::DATE_FIELD) {
                if col.values.num_vals() > 0 {
                    let (lo, hi) = (
                        from_datetime(col.min_value()),
                        from_datetime(col.max_value()),
                    );
                    first = Some(first.map_or(lo, |f: crate::extract::types::CivilDate| f.min(lo)));
                    last = Some(last.map_or(hi, |l: crate::extract::types::CivilDate| l.max(hi)));
                }
            }
        }
    }
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
        articles: articles.len() as u64,
        passages,
        actors: actors.len() as u64,
        first_date: first.map(|d| d.to_string()),
        last_date: last.map(|d| d.to_string()),
        bytes_on_disk: bytes,
        segments: searcher.segment_readers().len() as u64,
        files: records.len() as u64,
        last_run_complete: store.last_progress().is_none_or(|p| p.complete),
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
