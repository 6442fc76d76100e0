//! The floor of `bench/run.sh`: tantivy alone, indexing dossier's own documents.
//!
//! ```sh
//! cargo run --release --example floor_tantivy -- [-j N] [-m MB] INDEX_DIR FILES...
//! ```
//!
//! First, untimed as indexing, it builds in memory every document a first `dossier index` run
//! over FILES adds (`dossier::commands::index::documents`: the same reading, boilerplate
//! estimate, extraction and passage layout, the same schema, each file's record). Then it times
//! what tantivy does with them: a writer on a new index in INDEX_DIR (which must not exist) with
//! N indexing threads (default: all cores) and MB megabytes (default 400, as `dossier index`),
//! every document added, one commit, merges waited for. dossier's own run minus this floor is
//! extraction plus dossier's glue (reading, cleaning, laying out passages, per-file records,
//! commits, settling boilerplate, stats).
//!
//! Prints one summary line on stderr:
//! `floor: indexed D documents in S s (CPU C s); prepared in P s (CPU Q s)`.
//! CPU times are the process's user and system time over each phase (tantivy's threads included).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dossier::commands::index::{documents, Config};
use dossier::index::Store;
use dossier::ingest::ReadOptions;

const USAGE: &str = "usage: floor_tantivy [-j N] [-m MB] INDEX_DIR FILES...";

type BoxError = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("floor_tantivy: {e}");
            ExitCode::from(2)
        }
    }
}

/// User plus system CPU time of this process so far (from /proc; zero where there is none).
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line: 12 and 13 after the name.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // The kernel reports in USER_HZ, 100 on Linux.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn run(args: Vec<String>) -> Result<(), BoxError> {
    let mut jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut memory_mb = 400usize;
    let mut positional = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-j" => jobs = it.next().ok_or(USAGE)?.parse()?,
            "-m" => memory_mb = it.next().ok_or(USAGE)?.parse()?,
            "-h" | "--help" => return Err(USAGE.into()),
            _ => positional.push(PathBuf::from(a)),
        }
    }
    if positional.len() < 2 {
        return Err(USAGE.into());
    }
    let dir = positional.remove(0);
    if dir.exists() {
        return Err(format!("{} exists: give a new folder", dir.display()).into());
    }
    let prep_dir = dir.with_extension("prep");
    let cfg = Config {
        paths: positional,
        index_dir: prep_dir.clone(),
        read: ReadOptions {
            max_article_bytes: dossier::cli::MAX_ARTICLE_MB << 20,
            ..ReadOptions::default()
        },
        rebuild: false,
        prune: false,
        jobs,
        memory_bytes: memory_mb << 20,
        commit_every: Duration::from_secs(3600),
        shard: None,
        progress: dossier::progress::Style::None,
        keep_boilerplate: false,
    };

    let (t0, c0) = (Instant::now(), cpu());
    let docs = documents(&cfg)?;
    let (prep_secs, prep_cpu) = (t0.elapsed(), cpu() - c0);
    let _ = std::fs::remove_dir_all(&prep_dir);

    let (t1, c1) = (Instant::now(), cpu());
    let store = Store::open_or_create(&dir)?;
    let mut writer = store.writer(jobs, memory_mb << 20)?;
    let n = docs.len();
    for d in docs {
        writer.add_document(d)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let (secs, cpu_used) = (t1.elapsed(), cpu() - c1);
    eprintln!(
        "floor: indexed {n} documents in {:.2} s (CPU {:.1} s); prepared in {:.2} s (CPU {:.1} s)",
        secs.as_secs_f64(),
        cpu_used.as_secs_f64(),
        prep_secs.as_secs_f64(),
        prep_cpu.as_secs_f64()
    );
    Ok(())
}
