//! `dossier index`: walk, read, extract and index, incrementally and resumably. The only place
//! that knows about progress, counting and commits of an index run.
//!
//! A reader thread streams the files that changed, article by article, into batches of a few MB
//! (bounded channel: memory stays bounded whatever the file sizes); the calling thread extracts
//! each batch on all cores (rayon, order kept) and hands the documents to the one tantivy writer,
//! which indexes on its own threads. Commits happen every `commit_every` and at the end; each
//! article is deleted by id before it is added, so a run killed between commits and run again
//! never duplicates anything.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::{TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::{self, FileRecord, Progress, Store, Writer};
use crate::ingest::Article;
use crate::ingest::{self, Event, Problem, ReadOptions, SourceFile};
use crate::progress::{self, Bar};

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
    /// Worker threads for extraction (and tantivy's indexing threads).
    pub jobs: usize,
    /// tantivy writer memory budget, bytes.
    pub memory_bytes: usize,
    /// Commit at least this often.
    pub commit_every: Duration,
    /// Only index articles of shard K of N (`(K, N)`, K from 1).
    pub shard: Option<(u64, u64)>,
    /// How to show progress.
    pub progress: progress::Style,
    /// Index boilerplate lines as text (`--keep-boilerplate`).
    pub keep_boilerplate: bool,
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
    /// Bytes of article text indexed.
    pub text_bytes: u64,
    /// Wall time.
    pub seconds: f64,
    /// Stopped by Ctrl-C (what was done is committed).
    pub interrupted: bool,
    /// Articles extracted again after the run because the lines repeated in their source changed.
    pub resettled: usize,
}

/// Set by the Ctrl-C handler; checked between batches.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Article text per batch handed from the reader thread to the extractors.
pub const BATCH_BYTES: usize = 4 << 20;
/// Items per batch.
const BATCH_ITEMS: usize = 4096;
/// Batches waiting in the channel (bounds memory together with `BATCH_BYTES`).
const QUEUED_BATCHES: usize = 3;

/// What the reader thread hands over, in walk order.
enum Item {
    /// An article to (re)index.
    Article(Article),
    /// A problem with a file or line.
    Problem(Problem),
    /// A file fully read: its record, and the ids it held before that it no longer holds.
    FileDone {
        record: FileRecord,
        gone: Vec<String>,
        kept: usize,
    },
    /// A file that could not be read at all.
    FileFailed { file: SourceFile, reason: String },
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
    let searcher = store.searcher()?;
    let records: HashMap<String, FileRecord> = index::load_records(&searcher, &store.fields)?
        .into_iter()
        .map(|r| (r.path.clone(), r))
        .collect();

    index::lines::set_boilerplate_mode(&cfg.index_dir, cfg.keep_boilerplate, records.is_empty())?;
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
    let seen: HashSet<String> = walk.files.iter().map(key).collect();
    let mut todo = Vec::new();
    for file in walk.files {
        match records.get(&key(&file)) {
            Some(r) if r.size == file.size && r.mtime_ns == file.mtime_ns => {
                sum.files_unchanged += 1
            }
            _ => todo.push(file),
        }
    }
    // The ids the index holds, for files to read (articles of a file an interrupted run
    // committed without its record are among them); an unchanged corpus needs none.
    let mut ids = if todo.is_empty() {
        index::ArticleIds::default()
    } else {
        index::ArticleIds::of_index(&searcher, &store.fields)?
    };
    drop(searcher);
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs.max(1))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} worker threads: {e}", cfg.jobs)))?;
    // The lines repeated across each source, counted before anything is extracted.
    let estimate = super::boilerplate::Estimate::new(&store, &todo, &cfg.read, cfg.shard, &pool)?;
    bar.start(todo.iter().map(|f| f.size).sum(), todo.len() as u64);
    let total_files = todo.len() as u64;
    let mut done_files = 0u64;
    let mut last_commit = Instant::now();
    let mut commit_error = None;
    std::thread::scope(|scope| {
        // Each batch comes with the bytes of `todo` read when it was sent: progress inside a file.
        let (tx, rx) = crossbeam_channel::bounded::<(Vec<Item>, u64)>(QUEUED_BATCHES);
        let records = &records;
        let todo = &todo;
        scope.spawn(move || produce(todo, records, cfg, &tx));
        for (batch, read) in rx.iter() {
            let docs: Vec<Option<Vec<TantivyDocument>>> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|item| match item {
                        Item::Article(a) => Some(article_documents(&estimate, f, a, cfg)),
                        _ => None,
                    })
                    .collect()
            });
            for (item, docs) in batch.into_iter().zip(docs) {
                done_files += apply(&mut writer, f, &mut ids, item, docs, &mut sum, &bar);
            }
            bar.done(read, sum.articles, sum.passages);
            if INTERRUPTED.load(Ordering::SeqCst) {
                sum.interrupted = true;
                // Dropping the receiver stops the reader thread at its next send.
                break;
            }
            if last_commit.elapsed() >= cfg.commit_every {
                let progress = Progress {
                    schema: index::SCHEMA_VERSION,
                    files_done: done_files,
                    files_total: total_files,
                    complete: false,
                };
                if let Err(e) = commit(&mut writer, &store, progress) {
                    commit_error = Some(e);
                    break;
                }
                last_commit = Instant::now();
            }
        }
    });
    bar.committing();
    if let Some(e) = commit_error {
        return Err(e);
    }
    // An unchanged corpus rewrites nothing: no commit at all, unless the last run was
    // interrupted and this one, finding nothing left to do, marks the job complete.
    let unfinished = store.last_progress().is_some_and(|p| !p.complete);
    if sum.files_read > 0 || sum.removed > 0 || sum.articles > 0 || records.is_empty() || unfinished
    {
        let progress = Progress {
            schema: index::SCHEMA_VERSION,
            files_done: done_files,
            files_total: total_files,
            complete: !sum.interrupted,
        };
        commit(&mut writer, &store, progress.clone())?;
        if !sum.interrupted {
            // The corpus statistic is final only now: articles indexed before their source's
            // lines counted as repeated (or after removed files made them rare) are redone.
            sum.resettled = super::boilerplate::settle(
                &store,
                &mut writer,
                &cfg.read,
                cfg.keep_boilerplate,
                &pool,
                |m| bar.message(m),
            )?;
            if sum.resettled > 0 {
                commit(&mut writer, &store, progress)?;
            }
        }
    }
    writer
        .wait_merging_threads()
        .map_err(|e| index::damaged(&store.dir, e))?;
    store.release_writer();
    // The counts `dossier stats` prints, for the segments as the merges left them. The run's work
    // is committed: a failure here only leaves `stats` to count (and report) by itself.
    let _ = super::stats::refresh(&store);
    bar.finish();
    sum.seconds = started.elapsed().as_secs_f64();
    Ok(sum)
}

/// The passage documents of one article: cleaned by the run's estimate, extracted, laid out.
fn article_documents(
    estimate: &super::boilerplate::Estimate,
    f: &index::Fields,
    a: &Article,
    cfg: &Config,
) -> Vec<TantivyDocument> {
    let (keyed, repeated) = estimate.count(a);
    let c = super::boilerplate::cleaning(a, keyed, &repeated, cfg.keep_boilerplate);
    index::passage_documents(f, a, &super::guarded_extract(a, &c), &c)
}

/// Every document a first run of `cfg` over a new index adds, in order (each article's passages,
/// each file's record), without a writer: the input of the floor benchmark
/// (`examples/floor_tantivy.rs`), which times tantivy alone over dossier's own documents. The
/// index folder must not hold an index (it is created for the schema and line counts).
pub fn documents(cfg: &Config) -> Result<Vec<TantivyDocument>> {
    let store = Store::open_or_create(&cfg.index_dir)?;
    let f = &store.fields;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs.max(1))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} worker threads: {e}", cfg.jobs)))?;
    let files = ingest::walk(&cfg.paths).files;
    let estimate = super::boilerplate::Estimate::new(&store, &files, &cfg.read, cfg.shard, &pool)?;
    let mut out = Vec::new();
    for file in &files {
        let mut articles = Vec::new();
        let hash = ingest::read_each(file, &cfg.read, |event| {
            if let Event::Article(a) = event {
                if in_shard(&a.id, cfg.shard) {
                    articles.push(a);
                }
            }
        });
        let docs: Vec<Vec<TantivyDocument>> = pool.install(|| {
            articles
                .par_iter()
                .map(|a| article_documents(&estimate, f, a, cfg))
                .collect()
        });
        out.extend(docs.into_iter().flatten());
        if let Ok(hash) = hash {
            let record = FileRecord {
                path: key(file),
                size: file.size,
                mtime_ns: file.mtime_ns,
                hash,
                articles: articles
                    .iter()
                    .map(|a| (a.id.clone(), article_hash(a)))
                    .collect(),
            };
            out.push(record.to_document(f));
        }
    }
    Ok(out)
}

fn key(file: &SourceFile) -> String {
    file.path.to_string_lossy().into_owned()
}

/// The reader thread: streams every file of `todo` into batches of items.
fn produce(
    todo: &[SourceFile],
    records: &HashMap<String, FileRecord>,
    cfg: &Config,
    tx: &crossbeam_channel::Sender<(Vec<Item>, u64)>,
) {
    // Bytes of `todo` read so far (on disk; compressed for .gz).
    let read = AtomicU64::new(0);
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    // Sends when full; false when the receiver is gone (interrupted), so reading stops.
    let push = |item: Item, batch: &mut Vec<Item>, bytes: &mut usize| -> bool {
        if let Item::Article(a) = &item {
            *bytes += a.text.len();
        }
        batch.push(item);
        if *bytes >= BATCH_BYTES || batch.len() >= BATCH_ITEMS {
            *bytes = 0;
            return tx
                .send((std::mem::take(batch), read.load(Ordering::Relaxed)))
                .is_ok();
        }
        true
    };
    let mut before = 0;
    for file in todo {
        // Files already read count whole, whatever was read of them (hashed only, failed early).
        read.store(before, Ordering::Relaxed);
        before += file.size;
        let path = key(file);
        let old = records.get(&path);
        // Same size, other mtime: maybe only touched. Hash before parsing anything.
        if let Some(old) = old.filter(|o| o.size == file.size) {
            if ingest::hash_file(&file.path).is_ok_and(|h| h == old.hash) {
                let record = FileRecord {
                    mtime_ns: file.mtime_ns,
                    ..old.clone()
                };
                let kept = record.articles.len();
                if !push(
                    Item::FileDone {
                        record,
                        gone: Vec::new(),
                        kept,
                    },
                    &mut batch,
                    &mut bytes,
                ) {
                    return;
                }
                continue;
            }
        }
        let previous: HashMap<&str, u64> = old
            .map(|o| o.articles.iter().map(|(i, h)| (i.as_str(), *h)).collect())
            .unwrap_or_default();
        let mut articles = Vec::new();
        let mut kept = 0;
        let mut open = true;
        let result = ingest::read_each_counted(file, &cfg.read, &read, |event| {
            if !open {
                return;
            }
            match event {
                Event::Article(a) => {
                    if !in_shard(&a.id, cfg.shard) {
                        return;
                    }
                    let h = article_hash(&a);
                    articles.push((a.id.clone(), h));
                    if previous.get(a.id.as_str()) == Some(&h) {
                        kept += 1;
                    } else {
                        open = push(Item::Article(a), &mut batch, &mut bytes);
                    }
                }
                Event::Problem(p) => open = push(Item::Problem(p), &mut batch, &mut bytes),
            }
        });
        if !open {
            return;
        }
        let item = match result {
            Ok(hash) => {
                let now: HashSet<&str> = articles.iter().map(|(i, _)| i.as_str()).collect();
                let gone = previous
                    .keys()
                    .filter(|i| !now.contains(*i))
                    .map(|i| i.to_string())
                    .collect();
                let record = FileRecord {
                    path,
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    hash,
                    articles,
                };
                Item::FileDone { record, gone, kept }
            }
            Err(reason) => Item::FileFailed {
                file: file.clone(),
                reason,
            },
        };
        if !push(item, &mut batch, &mut bytes) {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send((batch, before));
    }
}

/// Applies one item to the writer; returns 1 when it finished a file.
fn apply(
    writer: &mut Writer,
    f: &index::Fields,
    ids: &mut index::ArticleIds,
    item: Item,
    docs: Option<Vec<TantivyDocument>>,
    sum: &mut Summary,
    bar: &Bar,
) -> u64 {
    match item {
        Item::Article(a) => {
            let docs = docs.unwrap_or_default();
            sum.articles += 1;
            sum.text_bytes += a.text.len() as u64;
            sum.passages += docs.len();
            // One group, so its passages land together in one segment, in order (what counting
            // articles by their runs of passages relies on). It fails only when the writer's
            // threads are gone, which the commit that follows reports. An id the index cannot
            // hold yet needs no delete.
            let delete = ids
                .add(&a.id)
                .then(|| Term::from_field_text(f.doc_id, &a.id));
            let _ = writer.add_article(delete, docs);
            0
        }
        Item::Problem(p) => {
            bar.message(&format!("dossier: {p}"));
            sum.failed += usize::from(p.skipped);
            0
        }
        Item::FileFailed { file, reason } => {
            bar.message(&format!("dossier: {}: {reason}", file.path.display()));
            bar.file_done();
            sum.failed += 1;
            1
        }
        Item::FileDone { record, gone, kept } => {
            for id in &gone {
                writer.delete_term(Term::from_field_text(f.doc_id, id));
            }
            sum.removed += gone.len();
            sum.articles_unchanged += kept;
            sum.files_read += 1;
            bar.file_done();
            writer.delete_term(FileRecord::term(f, &record.path));
            let _ = writer.add_document(record.to_document(f));
            1
        }
    }
}

/// Commits with `progress` as the payload; a failure (a full disk, say) leaves the last commit intact.
pub fn commit(writer: &mut Writer, store: &Store, progress: Progress) -> Result<()> {
    let mut prepared = writer
        .tantivy()
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

fn under_roots(path: &str, roots: &[PathBuf]) -> bool {
    let p = std::path::Path::new(path);
    roots.iter().any(|r| p.starts_with(r))
}
