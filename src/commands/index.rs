//! `dossier index`: walk, read, extract and index in parallel batches, incrementally and
//! resumably. The only place that knows about progress, counting and commits of an index run.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::extract;
use crate::index::{self, FileRecord, Progress, Store};
use crate::ingest::{self, Problem, ReadOptions, SourceFile};
use crate::model::Article;
use crate::progress::Bar;

/// Everything an index run needs, resolved from the command line.
#[derive(Clone, Debug)]
pub struct Config {
    /// Files and folders to index.
    pub paths: Vec<PathBuf>,
    /// Index folder.
    pub index_dir: PathBuf,
    /// Defaults and limits for reading.
    pub read: ReadOptions,
    /// Delete the index first.
    pub rebuild: bool,
    /// Remove files that disappeared from under `paths`.
    pub prune: bool,
    /// Worker threads for reading and extraction.
    pub jobs: usize,
    /// tantivy writer memory budget, bytes.
    pub memory_bytes: usize,
    /// Commit at least this often.
    pub commit_every: Duration,
    /// Only index articles of shard K of N (`(K, N)`, K from 1).
    pub shard: Option<(u64, u64)>,
    /// Show a progress bar.
    pub progress: bool,
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Files read (new or changed).
    pub files_read: usize,
    /// Files skipped because the index has them as they are.
    pub files_unchanged: usize,
    /// Articles (re)indexed.
    pub articles: usize,
    /// Articles of changed files that were already indexed as they are.
    pub articles_unchanged: usize,
    /// Passages added.
    pub passages: usize,
    /// Articles removed (changed files, --prune).
    pub removed: usize,
    /// Files with an extension dossier does not read.
    pub unsupported: usize,
    /// Files and lines that could not be read.
    pub failed: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
    /// Stopped by Ctrl-C (what was done is committed).
    pub interrupted: bool,
}

/// Set by the Ctrl-C handler; checked between batches.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Raw bytes read per batch (bounds memory: a batch's articles and documents are in memory at once).
const BATCH_BYTES: u64 = 48 << 20;
/// Files per batch.
const BATCH_FILES: usize = 512;

/// One file, read and extracted by a worker.
struct Done {
    file: SourceFile,
    outcome: std::result::Result<Read, String>,
}

struct Read {
    hash: u64,
    problems: Vec<Problem>,
    /// Articles to (re)index with their documents.
    fresh: Vec<(Article, u64, Vec<TantivyDocument>)>,
    /// Ids and hashes of articles already indexed as they are.
    kept: Vec<(String, u64)>,
    /// Whether the bytes are the same as recorded (only the mtime changed).
    same_bytes: bool,
}

/// Runs an index job.
pub fn run(cfg: &Config) -> Result<Summary> {
    let started = Instant::now();
    for p in &cfg.paths {
        if std::fs::metadata(p).is_err() {
            return Err(Error::Io {
                path: p.clone(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            });
        }
    }
    if cfg.rebuild {
        Store::remove(&cfg.index_dir)?;
    }
    let store = Store::open_or_create(&cfg.index_dir)?;
    let mut writer = store.writer(cfg.jobs, cfg.memory_bytes)?;
    let reader = store
        .index
        .reader()
        .map_err(|e| index::damaged(&store.dir, e))?;
    let records: HashMap<String, FileRecord> =
        index::load_records(&reader.searcher(), &store.fields)?
            .into_iter()
            .map(|r| (r.path.clone(), r))
            .collect();

    let walk = ingest::walk(&cfg.paths);
    let mut sum = Summary {
        unsupported: walk.unsupported,
        ..Summary::default()
    };
    let bar = Bar::new(cfg.progress);
    for p in &walk.problems {
        bar.message(&format!("dossier: {p}"));
        sum.failed += 1;
    }
    let seen: HashSet<String> = walk
        .files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .collect();
    let mut todo = Vec::new();
    for file in walk.files {
        let key = file.path.to_string_lossy().into_owned();
        match records.get(&key) {
            Some(r) if r.size == file.size && r.mtime_ns == file.mtime_ns => {
                sum.files_unchanged += 1
            }
            _ => todo.push(file),
        }
    }
    let f = &store.fields;
    if cfg.prune {
        for r in records.values() {
            if !seen.contains(&r.path) && under_roots(&r.path, &cfg.paths) {
                for (id, _) in &r.articles {
                    writer.delete_term(Term::from_field_text(f.doc_id, id));
                    sum.removed += 1;
                }
                writer.delete_term(FileRecord::term(f, &r.path));
            }
        }
    }
    bar.start(todo.iter().map(|f| f.size).sum(), todo.len() as u64);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs.max(1))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} worker threads: {e}", cfg.jobs)))?;
    let total_files = todo.len() as u64;
    let mut last_commit = Instant::now();
    let mut done_files = 0u64;
    let mut batch_start = 0;
    while batch_start < todo.len() {
        if INTERRUPTED.load(Ordering::SeqCst) {
            sum.interrupted = true;
            break;
        }
        let mut batch_end = batch_start;
        let mut bytes = 0;
        while batch_end < todo.len()
            && (batch_end == batch_start
                || (bytes < BATCH_BYTES && batch_end - batch_start < BATCH_FILES))
        {
            bytes += todo[batch_end].size;
            batch_end += 1;
        }
        let batch = &todo[batch_start..batch_end];
        let results: Vec<Done> = pool.install(|| {
            batch
                .par_iter()
                .map(|file| {
                    let old = records.get(file.path.to_string_lossy().as_ref());
                    Done {
                        file: file.clone(),
                        outcome: read_and_extract(file, old, cfg, f),
                    }
                })
                .collect()
        });
        for done in results {
            apply(&mut writer, f, done, &records, &mut sum, &bar);
        }
        done_files += batch.len() as u64;
        batch_start = batch_end;
        if last_commit.elapsed() >= cfg.commit_every && batch_start < todo.len() {
            commit(
                &mut writer,
                &store,
                Progress {
                    schema: index::SCHEMA_VERSION,
                    files_done: done_files,
                    files_total: total_files,
                    complete: false,
                },
            )?;
            last_commit = Instant::now();
        }
    }
    bar.finish();
    // An unchanged corpus rewrites nothing: no commit at all.
    if sum.files_read > 0 || sum.removed > 0 || records.is_empty() {
        commit(
            &mut writer,
            &store,
            Progress {
                schema: index::SCHEMA_VERSION,
                files_done: done_files,
                files_total: total_files,
                complete: !sum.interrupted,
            },
        )?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| index::damaged(&store.dir, e))?;
    store.release_writer();
    sum.seconds = started.elapsed().as_secs_f64();
    Ok(sum)
}

/// Commits with `progress` as the payload; a failure (a full disk, say) leaves the last commit intact.
pub fn commit(writer: &mut IndexWriter, store: &Store, progress: Progress) -> Result<()> {
    let mut prepared = writer
        .prepare_commit()
        .map_err(|e| commit_error(store, e))?;
    prepared.set_payload(&serde_json::to_string(&progress).unwrap_or_default());
    prepared.commit().map_err(|e| commit_error(store, e))?;
    Ok(())
}

fn commit_error(store: &Store, e: tantivy::TantivyError) -> Error {
    Error::Usage(format!(
        "could not commit to the index at {} ({e}); the last commit is intact — free disk space and run again",
        store.dir.display()
    ))
}

/// Hash of what an article contributes to the index: if it is unchanged, so are its passages.
fn article_hash(a: &Article) -> u64 {
    let date = a.date.map(|d| d.to_string()).unwrap_or_default();
    let key = [
        a.id.as_str(),
        &a.title,
        &date,
        &a.source,
        &a.url,
        &a.path,
        &a.text,
    ]
    .join("\u{0}");
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// Whether `id` belongs to shard `k` of `n`.
pub fn in_shard(id: &str, shard: Option<(u64, u64)>) -> bool {
    match shard {
        None => true,
        Some((k, n)) => xxhash_rust::xxh3::xxh3_64(id.as_bytes()) % n == k - 1,
    }
}

fn read_and_extract(
    file: &SourceFile,
    old: Option<&FileRecord>,
    cfg: &Config,
    f: &index::Fields,
) -> std::result::Result<Read, String> {
    let raw = ingest::read_bytes(file)?;
    let raw_hash = xxhash_rust::xxh3::xxh3_64(&raw);
    if let Some(old) = old {
        if old.hash == raw_hash {
            return Ok(Read {
                hash: raw_hash,
                problems: Vec::new(),
                fresh: Vec::new(),
                kept: old.articles.clone(),
                same_bytes: true,
            });
        }
    }
    let read = ingest::parse(file, &raw, &cfg.read)?;
    drop(raw);
    let previous: HashMap<&str, u64> = old
        .map(|o| o.articles.iter().map(|(i, h)| (i.as_str(), *h)).collect())
        .unwrap_or_default();
    let mut kept = Vec::new();
    let mut todo = Vec::new();
    for a in read.articles {
        if !in_shard(&a.id, cfg.shard) {
            continue;
        }
        let h = article_hash(&a);
        if previous.get(a.id.as_str()) == Some(&h) {
            kept.push((a.id, h));
        } else {
            todo.push((a, h));
        }
    }
    let fresh = todo
        .into_par_iter()
        .map(|(a, h)| {
            let ex = extract::extract(&a.text, a.date);
            let docs = index::passage_documents(f, &a, &ex);
            (a, h, docs)
        })
        .collect();
    Ok(Read {
        hash: raw_hash,
        problems: read.problems,
        fresh,
        kept,
        same_bytes: false,
    })
}

fn apply(
    writer: &mut IndexWriter,
    f: &index::Fields,
    done: Done,
    records: &HashMap<String, FileRecord>,
    sum: &mut Summary,
    bar: &Bar,
) {
    let path = done.file.path.to_string_lossy().into_owned();
    bar.advance(done.file.size);
    let read = match done.outcome {
        Ok(r) => r,
        Err(reason) => {
            bar.message(&format!("dossier: {}: {reason}", done.file.path.display()));
            sum.failed += 1;
            return;
        }
    };
    sum.bytes += done.file.size;
    sum.files_read += 1;
    for p in &read.problems {
        bar.message(&format!("dossier: {p}"));
        if p.skipped {
            sum.failed += 1;
        }
    }
    let mut articles: Vec<(String, u64)> = read.kept.clone();
    sum.articles_unchanged += read.kept.len();
    if !read.same_bytes {
        let now: HashSet<&str> = read
            .kept
            .iter()
            .map(|(i, _)| i.as_str())
            .chain(read.fresh.iter().map(|(a, _, _)| a.id.as_str()))
            .collect();
        if let Some(old) = records.get(&path) {
            for (id, _) in &old.articles {
                if !now.contains(id.as_str()) {
                    writer.delete_term(Term::from_field_text(f.doc_id, id));
                    sum.removed += 1;
                }
            }
        }
        for (a, h, docs) in read.fresh {
            writer.delete_term(Term::from_field_text(f.doc_id, &a.id));
            sum.articles += 1;
            sum.passages += docs.len();
            for d in docs {
                // add_document fails only when the writer's threads are gone, which the
                // commit that follows reports.
                let _ = writer.add_document(d);
            }
            articles.push((a.id, h));
        }
    }
    let record = FileRecord {
        path: path.clone(),
        size: done.file.size,
        mtime_ns: done.file.mtime_ns,
        hash: read.hash,
        articles,
    };
    writer.delete_term(FileRecord::term(f, &path));
    let _ = writer.add_document(record.to_document(f));
}

fn under_roots(path: &str, roots: &[PathBuf]) -> bool {
    let p = std::path::Path::new(path);
    roots.iter().any(|r| p.starts_with(r))
}
