//! Boilerplate decisions during `index` and `merge`: an estimate while articles stream in, and a
//! settling pass after the commit that makes the index equal to what one run over the whole
//! corpus gives (see `index::lines`).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::clean::{self, lines::KeyedLine, threshold, Cleaning};
use crate::error::Result;
use crate::index::{self, Store, Writer};
use crate::ingest::{self, Article, Event, ReadOptions};

/// Most distinct line keys counted in memory during one run (about 40 MB); past it, new keys
/// count only through the index, and the settling pass corrects what the estimate missed.
const MAX_COUNTED: usize = 1 << 20;

/// Counts of short lines for the decisions of a run: the index's counts when the run began plus
/// the articles of this run, counted by a first pass over the files to read. An estimate (an
/// article of a changed file counts in both, a removed one still in the index), which [`settle`]
/// corrects after the commit.
pub struct Estimate {
    snapshot: Searcher,
    line_key: tantivy::schema::Field,
    seen: HashMap<u64, u64>,
}

impl Estimate {
    /// Counts the short lines of every article in `files` (those of `shard` only), reading the
    /// files on `pool` without extracting anything: a few seconds for hundreds of MB, against
    /// extracting again every article indexed before its source's lines were known.
    pub fn new(
        store: &Store,
        files: &[ingest::SourceFile],
        read: &ReadOptions,
        shard: Option<(u64, u64)>,
        pool: &rayon::ThreadPool,
    ) -> Result<Estimate> {
        let per_file: Vec<Vec<u64>> = pool.install(|| {
            files
                .par_iter()
                .map(|file| {
                    let mut keys = Vec::new();
                    // A file that cannot be read is reported by the indexing pass.
                    let _ = ingest::read_each(file, read, |e| {
                        if let Event::Article(a) = e {
                            if super::index::in_shard(&a.id, shard) {
                                keys.extend(
                                    clean::lines::keyed_lines(&a.source, &a.text)
                                        .into_iter()
                                        .map(|l| l.key),
                                );
                            }
                        }
                    });
                    keys
                })
                .collect()
        });
        let mut seen: HashMap<u64, u64> = HashMap::new();
        for k in per_file.into_iter().flatten() {
            let full = seen.len() >= MAX_COUNTED;
            match seen.get_mut(&k) {
                Some(n) => *n += 1,
                None if !full => {
                    seen.insert(k, 1);
                }
                None => {}
            }
        }
        Ok(Estimate {
            snapshot: store.searcher()?,
            line_key: store.fields.line_key,
            seen,
        })
    }

    /// `article`'s keyed lines and those of them repeated across its source.
    pub fn count(&self, article: &Article) -> (Vec<KeyedLine>, Vec<u64>) {
        let keyed = clean::lines::keyed_lines(&article.source, &article.text);
        let repeated = keyed
            .iter()
            .map(|l| l.key)
            .filter(|&k| {
                let here = self.seen.get(&k).copied().unwrap_or(1);
                self.snapshot_count(k) + here >= threshold(k)
            })
            .collect();
        (keyed, repeated)
    }

    /// Articles of the index (when the run began) with the line of `key`.
    fn snapshot_count(&self, key: u64) -> u64 {
        if self.snapshot.num_docs() == 0 {
            return 0;
        }
        self.snapshot
            .doc_freq(&Term::from_field_u64(self.line_key, key))
            .unwrap_or(0)
    }
}

/// What `article` leaves aside, given its keyed lines and the keys repeated in its source.
pub fn cleaning(
    article: &Article,
    keyed: Vec<KeyedLine>,
    repeated: &[u64],
    keep: bool,
) -> Cleaning {
    clean::clean_keyed(&article.text, keyed, keep, |k| repeated.contains(&k))
}

/// Extracts again, from their files, the articles whose repeated lines changed since they were
/// indexed (the corpus grew or shrank, or shards were merged), and adds them through `writer`
/// (the caller commits). Returns how many articles were extracted again; files that cannot be
/// read any more are reported and their articles left as they are.
pub fn settle(
    store: &Store,
    writer: &mut Writer,
    read: &ReadOptions,
    keep: bool,
    pool: &rayon::ThreadPool,
    mut report: impl FnMut(&str),
) -> Result<usize> {
    let searcher = store.searcher()?;
    let repeated = index::lines::repeated(store, &searcher)?;
    let stale = index::lines::stale(store, &searcher, &repeated)?;
    if stale.is_empty() {
        return Ok(0);
    }
    let mut by_path: HashMap<String, HashSet<String>> = HashMap::new();
    for (id, path) in stale {
        by_path.entry(path).or_default().insert(id);
    }
    let mut paths: Vec<_> = by_path.into_iter().collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    let f = &store.fields;
    let mut done = 0;
    for (path, ids) in paths {
        let walk = ingest::walk(&[PathBuf::from(&path)]);
        let Some(file) = walk.files.into_iter().next() else {
            report(&format!(
                "dossier: {path}: cannot be read to settle its boilerplate lines; {} articles keep the old decision (index the file again)",
                ids.len()
            ));
            continue;
        };
        let mut articles = Vec::new();
        let result = ingest::read_each(&file, read, |e| {
            if let Event::Article(a) = e {
                if ids.contains(&a.id) {
                    articles.push(a);
                }
            }
        });
        if let Err(reason) = result {
            report(&format!("dossier: {path}: {reason}"));
            continue;
        }
        let groups: Vec<(Term, Vec<TantivyDocument>)> = pool.install(|| {
            articles
                .par_iter()
                .map(|a| {
                    let keyed = clean::lines::keyed_lines(&a.source, &a.text);
                    let now: Vec<u64> = keyed
                        .iter()
                        .map(|l| l.key)
                        .filter(|k| repeated.contains(k))
                        .collect();
                    let c = cleaning(a, keyed, &now, keep);
                    let docs = index::passage_documents(f, a, &super::guarded_extract(a, &c), &c);
                    (Term::from_field_text(f.doc_id, &a.id), docs)
                })
                .collect()
        });
        for (id, docs) in groups {
            // Fails only when the writer's threads are gone, which the caller's commit reports.
            let _ = writer.add_article(Some(id), docs);
            done += 1;
        }
    }
    Ok(done)
}
