//! `dossier push`: sends an export folder (`index-config.yaml`, `docs.ndjson`, `export.json`) to
//! a Quickwit cluster: creates the index if needed, then sends the documents in bounded batches
//! through the ingest API, resumably.
//!
//! Quickwit's ingest has no upsert by id, so a push keeps a ledger beside the documents: `sent K`
//! before batch K goes out, `acked K N` once Quickwit has accepted its N documents. Every document
//! carries its batch id (unique to the export, so pushes from several machines into one index
//! never share one). A re-run skips acknowledged batches; a batch sent but never acknowledged (the
//! push was killed) is counted in the index once the indexer has committed what it had received:
//! all there, it is recorded as acknowledged; none there, it is sent; part there, it is deleted
//! with Quickwit's delete API, the push waits until the deletion shows, then sends it again. So a
//! push killed at any point and re-run ends with exactly the documents of the export.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::client::Client;
use super::config::{check_index_id, index_id_of, with_index_id, BATCH, COMMIT_TIMEOUT_SECS};
use crate::error::{Error, Result};

/// Name of the config file of an export folder.
pub const CONFIG_FILE: &str = "index-config.yaml";
/// Name of the documents file of an export folder.
pub const DOCS_FILE: &str = "docs.ndjson";
/// Name of the export's summary (its id, passages, bytes of text).
pub const EXPORT_FILE: &str = "export.json";

/// What `export --to quickwit` records about the export.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ExportInfo {
    /// Distinguishes this export's batch ids from every other export's.
    pub export_id: u32,
    /// Passage documents in `docs.ndjson`.
    pub passages: u64,
    /// Bytes of passage text in them.
    pub text_bytes: u64,
}

/// A push to run.
pub struct PushConfig {
    /// The export folder.
    pub dir: PathBuf,
    /// Index id (default: the config's).
    pub index_id: Option<String>,
    /// Largest batch, in bytes of NDJSON (a single larger document goes alone).
    pub batch_bytes: usize,
    /// Longest wait for Quickwit to apply the deletion of a partly sent batch.
    pub delete_wait: Duration,
    /// Longest wait, after the last batch, for every document to be searchable.
    pub commit_wait: Duration,
    /// Show a progress bar on stderr (when it is a terminal).
    pub progress: bool,
}

/// What a push did.
#[derive(Clone, Debug, Default)]
pub struct Pushed {
    /// The index pushed to.
    pub index_id: String,
    /// Whether the index was created by this push.
    pub created: bool,
    /// Batches in the export.
    pub batches: usize,
    /// Batches sent by this run.
    pub sent: usize,
    /// Batches acknowledged by an earlier run.
    pub skipped: usize,
    /// Batches an earlier run sent without recording Quickwit's answer.
    pub recovered: usize,
    /// Documents sent by this run.
    pub docs: u64,
    /// Bytes of NDJSON sent by this run.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
}

/// One batch: a run of lines of `docs.ndjson`.
#[derive(Clone, Copy, Debug)]
struct Batch {
    offset: u64,
    len: u64,
    docs: u64,
}

/// Pushes the export in `cfg.dir` through `client`.
pub fn push(client: &Client, cfg: &PushConfig) -> Result<Pushed> {
    let started = Instant::now();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            path: path.clone(),
            source,
        }
    };
    let config_path = cfg.dir.join(CONFIG_FILE);
    let config = std::fs::read_to_string(&config_path).map_err(|_| {
        Error::Usage(format!(
            "no {CONFIG_FILE} in {}: write the export first with `dossier export --to quickwit --out {}`",
            cfg.dir.display(),
            cfg.dir.display()
        ))
    })?;
    let info: ExportInfo = std::fs::read_to_string(cfg.dir.join(EXPORT_FILE))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .ok_or_else(|| {
            Error::Usage(format!(
                "{} has no readable {EXPORT_FILE}: the export did not finish; run `dossier export --to quickwit --out {}` again",
                cfg.dir.display(),
                cfg.dir.display()
            ))
        })?;
    let id = match &cfg.index_id {
        Some(id) => id.clone(),
        None => index_id_of(&config).unwrap_or_default().to_string(),
    };
    check_index_id(&id).map_err(Error::Usage)?;
    let docs_path = cfg.dir.join(DOCS_FILE);
    let batches = plan(&docs_path, cfg.batch_bytes.max(1))?;
    let mut out = Pushed {
        index_id: id.clone(),
        batches: batches.len(),
        ..Pushed::default()
    };
    if !client.index_exists(&id)? {
        client.create_index(&id, &with_index_id(&config, &id))?;
        out.created = true;
    }
    let mut ledger = Ledger::open(
        &cfg.dir,
        client.node(),
        &id,
        &format!(
            "batch_bytes={} docs_bytes={} export_id={}",
            cfg.batch_bytes,
            std::fs::metadata(&docs_path).map_err(io(&docs_path))?.len(),
            info.export_id
        ),
    )?;
    let pending: Vec<usize> = (0..batches.len())
        .filter(|k| !ledger.acked.contains(k))
        .collect();
    out.skipped = batches.len() - pending.len();
    let total_bytes: u64 = batches.iter().map(|b| b.len).sum();
    let bar = progress_bar(cfg.progress, total_bytes);
    bar.inc(
        batches
            .iter()
            .enumerate()
            .filter(|(k, _)| ledger.acked.contains(k))
            .map(|(_, b)| b.len)
            .sum(),
    );
    let mut file = File::open(&docs_path).map_err(io(&docs_path))?;
    let mut settled = false;
    for &k in &pending {
        let batch = batches[k];
        let tag = batch_tag(info.export_id, k);
        let query = format!("{BATCH}:{tag}");
        if ledger.sent.contains(&k) {
            out.recovered += 1;
            if !settled {
                // What Quickwit had accepted before the kill is searchable after its next commit.
                bar.set_message("waiting for Quickwit's commit of the interrupted push");
                std::thread::sleep(Duration::from_secs(COMMIT_TIMEOUT_SECS + 5));
                settled = true;
            }
            let there = client.count(&id, &query)?;
            if there == batch.docs {
                ledger.record(&format!("acked {k} {}", batch.docs))?;
                bar.inc(batch.len);
                continue;
            }
            if there > 0 {
                bar.set_message(format!(
                    "deleting the {there} documents of interrupted batch {k}"
                ));
                client.delete(&id, &query)?;
                wait_deleted(client, &id, &query, cfg.delete_wait)?;
            }
        }
        let mut body = Vec::with_capacity(batch.len as usize + 32 * batch.docs as usize);
        read_batch(&mut file, batch, tag, &mut body).map_err(|e| match e {
            BatchError::Io(source) => Error::Io {
                path: docs_path.clone(),
                source,
            },
            BatchError::NotObject(line) => Error::Usage(format!(
                "{}: a line of batch {k} (line {line} of the batch) is not a JSON object; write the export again",
                docs_path.display()
            )),
        })?;
        ledger.record(&format!("sent {k}"))?;
        bar.set_message(format!("batch {}/{}", k + 1, batches.len()));
        let reply = client.ingest(&id, &body, false)?;
        if reply.rejected > 0 || reply.ingested != batch.docs {
            return Err(Error::Quickwit {
                node: client.node().to_string(),
                what: format!(
                    "index `{id}` took {} and rejected {} of the {} documents of batch {k}: its doc mapping does not fit this export (created by another dossier version?); push to a new --index-id",
                    reply.ingested, reply.rejected, batch.docs
                ),
            });
        }
        ledger.record(&format!("acked {k} {}", batch.docs))?;
        out.sent += 1;
        out.docs += batch.docs;
        out.bytes += batch.len;
        bar.inc(batch.len);
    }
    if out.sent > 0 || out.recovered > 0 {
        // Quickwit commits each ingest shard on its own: the push is done when every document of
        // the export is searchable.
        bar.set_message("waiting for Quickwit's commit");
        let lo = batch_tag(info.export_id, 0);
        let hi = batch_tag(info.export_id, 0xffff_ffff);
        let query = format!("{BATCH}:[{lo} TO {hi}]");
        let total: u64 = batches.iter().map(|b| b.docs).sum();
        wait_count(client, &id, &query, total, cfg.commit_wait)?;
    }
    bar.finish_and_clear();
    out.seconds = started.elapsed().as_secs_f64();
    Ok(out)
}

/// The batch field's value of batch `k` of export `export_id`.
pub fn batch_tag(export_id: u32, k: usize) -> u64 {
    (u64::from(export_id) << 32) | (k as u64 & 0xffff_ffff)
}

fn progress_bar(show: bool, total: u64) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "dossier: push [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Polls until exactly `want` documents match `query`, for at most `wait`.
fn wait_count(client: &Client, id: &str, query: &str, want: u64, wait: Duration) -> Result<()> {
    let until = Instant::now() + wait;
    loop {
        let found = client.count(id, query)?;
        if found == want {
            return Ok(());
        }
        if found > want {
            return Err(Error::Quickwit {
                node: client.node().to_string(),
                what: format!(
                    "index `{id}` holds {found} documents of this export, which has {want}: a batch arrived twice (Quickwit committed an interrupted batch later than it waited for); delete the index and push again"
                ),
            });
        }
        if Instant::now() >= until {
            return Err(Error::Quickwit {
                node: client.node().to_string(),
                what: format!(
                    "index `{id}` shows {found} of the export's {want} documents {} s after the last batch was accepted: check the indexer's logs, then run the push again (it sends nothing twice)",
                    wait.as_secs()
                ),
            });
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// Polls until no document matches `query`, for at most `wait`.
fn wait_deleted(client: &Client, id: &str, query: &str, wait: Duration) -> Result<()> {
    let until = Instant::now() + wait;
    loop {
        if client.count(id, query)? == 0 {
            return Ok(());
        }
        if Instant::now() >= until {
            return Err(Error::Quickwit {
                node: client.node().to_string(),
                what: format!(
                    "the deletion of `{query}` in index `{id}` did not show within {} s (Quickwit applies deletes to mature splits only; the index config dossier writes makes every split mature): run the push again later",
                    wait.as_secs()
                ),
            });
        }
        std::thread::sleep(Duration::from_secs(2));
    }
}

/// Cuts `docs.ndjson` into batches of whole lines of at most `max` bytes each.
fn plan(path: &Path, max: usize) -> Result<Vec<Batch>> {
    let file = File::open(path).map_err(|_| {
        Error::Usage(format!(
            "no {} beside it: write the export again with `dossier export --to quickwit`",
            path.display()
        ))
    })?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut batches = Vec::new();
    let mut current = Batch {
        offset: 0,
        len: 0,
        docs: 0,
    };
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })? as u64;
        if n == 0 {
            break;
        }
        if current.docs > 0 && current.len + n > max as u64 {
            batches.push(current);
            current = Batch {
                offset: current.offset + current.len,
                len: 0,
                docs: 0,
            };
        }
        current.len += n;
        current.docs += 1;
    }
    if current.docs > 0 {
        batches.push(current);
    }
    Ok(batches)
}

enum BatchError {
    Io(std::io::Error),
    NotObject(u64),
}

/// Reads `batch` into `body`, each document tagged with the batch field.
fn read_batch(
    file: &mut File,
    batch: Batch,
    tag: u64,
    body: &mut Vec<u8>,
) -> std::result::Result<(), BatchError> {
    file.seek(SeekFrom::Start(batch.offset))
        .map_err(BatchError::Io)?;
    let mut raw = vec![0; batch.len as usize];
    file.read_exact(&mut raw).map_err(BatchError::Io)?;
    let prefix = format!("{{\"{BATCH}\":{tag},");
    for (i, line) in raw.split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let rest = line
            .strip_prefix(b"{")
            .filter(|r| r.first() != Some(&b'}'))
            .ok_or(BatchError::NotObject(i as u64 + 1))?;
        body.extend_from_slice(prefix.as_bytes());
        body.extend_from_slice(rest);
        body.push(b'\n');
    }
    Ok(())
}

/// The push's record of what Quickwit has: one file per node and index in the export folder.
struct Ledger {
    file: File,
    path: PathBuf,
    sent: std::collections::HashSet<usize>,
    acked: std::collections::HashSet<usize>,
}

impl Ledger {
    fn open(dir: &Path, node: &str, index_id: &str, header: &str) -> Result<Ledger> {
        let node_key = xxhash_rust::xxh3::xxh3_64(node.as_bytes()) as u32;
        let path = dir.join(format!("push-{index_id}-{node_key:08x}.ledger"));
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let header_line = format!("dossier push ledger v1 {header}");
        let mut sent = std::collections::HashSet::new();
        let mut acked = std::collections::HashSet::new();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let mut lines = text.lines();
                if lines.next() != Some(header_line.as_str()) {
                    return Err(Error::Usage(format!(
                        "{} records a push of another export (the documents or the batch size changed): delete the index in Quickwit and this file to push again from the start",
                        path.display()
                    )));
                }
                for l in lines {
                    let mut parts = l.split(' ');
                    let (what, k) = (parts.next(), parts.next().and_then(|k| k.parse().ok()));
                    match (what, k) {
                        (Some("sent"), Some(k)) => {
                            sent.insert(k);
                        }
                        (Some("acked"), Some(k)) => {
                            acked.insert(k);
                        }
                        // A line cut by a kill: what it would have said is redone.
                        _ => {}
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::write(&path, format!("{header_line}\n")).map_err(io)?;
            }
            Err(e) => return Err(io(e)),
        }
        let file = OpenOptions::new().append(true).open(&path).map_err(io)?;
        Ok(Ledger {
            file,
            path,
            sent,
            acked,
        })
    }

    /// Appends a line and makes it durable before anything else happens.
    fn record(&mut self, line: &str) -> Result<()> {
        let r = self
            .file
            .write_all(format!("\n{line}\n").as_bytes())
            .and_then(|_| self.file.sync_data());
        r.map_err(|source| Error::Io {
            path: self.path.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_whole_lines_within_the_bound_and_tagged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DOCS_FILE);
        let lines: Vec<String> = (0..10).map(|i| format!("{{\"pid\":\"a#{i}\"}}")).collect();
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let one = lines[0].len() as u64 + 1;
        let batches = plan(&path, (3 * one) as usize).unwrap();
        assert_eq!(
            batches.iter().map(|b| b.docs).collect::<Vec<_>>(),
            [3, 3, 3, 1]
        );
        assert_eq!(batches[1].offset, 3 * one);
        // A bound below one line still sends every line, one per batch.
        assert_eq!(plan(&path, 1).unwrap().len(), 10);
        let mut file = File::open(&path).unwrap();
        let mut body = Vec::new();
        assert!(read_batch(&mut file, batches[1], batch_tag(7, 1), &mut body).is_ok());
        let text = String::from_utf8(body).unwrap();
        let tag = (7u64 << 32) | 1;
        assert_eq!(
            text.lines().next().unwrap(),
            format!("{{\"batch\":{tag},\"pid\":\"a#3\"}}")
        );
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn the_ledger_survives_a_cut_line_and_refuses_another_export() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut l = Ledger::open(dir.path(), "http://n:1", "idx", "h1").unwrap();
            l.record("sent 0").unwrap();
            l.record("acked 0 5").unwrap();
            l.record("sent 1").unwrap();
        }
        let path = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"ack").unwrap();
        let l = Ledger::open(dir.path(), "http://n:1", "idx", "h1").unwrap();
        assert!(l.acked.contains(&0) && !l.acked.contains(&1) && l.sent.contains(&1));
        assert!(Ledger::open(dir.path(), "http://n:1", "idx", "h2").is_err());
        // Another node or index keeps its own ledger.
        assert!(Ledger::open(dir.path(), "http://n:2", "idx", "h2").is_ok());
    }
}
