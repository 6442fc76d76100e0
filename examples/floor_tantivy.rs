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
//!
//! `--costs R` answers what each part of the floor buys: after the one preparation, it indexes
//! the documents again with one group of fields left out at a time (their values dropped from
//! every document; the schema unchanged), every variant once per round for R rounds, the
//! variants interleaved, into a fresh folder each time, and prints a Markdown table of the median
//! CPU and wall time of each variant beside the whole floor's. Every variant, the whole floor
//! included, copies each document's kept values into a new document on the way in, so they pay
//! the same copying.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dossier::commands::index::{documents, Config};
use dossier::index::Store;
use dossier::ingest::ReadOptions;
use tantivy::schema::Field;
use tantivy::TantivyDocument;

const USAGE: &str = "usage: floor_tantivy [-j N] [-m MB] [--costs ROUNDS] INDEX_DIR FILES...";

/// Groups of fields left out by `--costs`: a label, what the fields buy the user, their names.
const GROUPS: &[(&str, &str, &[&str])] = &[
    ("nothing left out", "the whole floor", &[]),
    (
        "title, on every passage",
        "title words match and rank a passage (x2), `title:` queries",
        &["title"],
    ),
    (
        "quotations and speakers",
        "`quote:` and `speaker:` queries, the quotation boost, `--speaker`, `--quotes`, quotes view",
        &["quote", "quotes_json", "speaker_text", "speaker_name", "flags"],
    ),
    (
        "actors",
        "`actor:` queries, `--actor`, actor facets, actors on hits",
        &["actor", "actor_name", "actor_text"],
    ),
    (
        "mentioned dates",
        "`--mentions`, the mentions axis, dates on hits",
        &["mentions", "dates"],
    ),
    (
        "stored extraction and gaps",
        "`export` and the article view without extracting again, the exact text back",
        &["extraction", "gaps", "author"],
    ),
    (
        "line keys",
        "the repeated-line statistic that leaves boilerplate aside, kept right by index and merge",
        &["line_key", "skip_key"],
    ),
    (
        "near-duplicate signature",
        "copies collapsed, `dupes`, `export --unique`",
        &["signature"],
    ),
];

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
    let mut costs = None;
    let mut positional = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-j" => jobs = it.next().ok_or(USAGE)?.parse()?,
            "-m" => memory_mb = it.next().ok_or(USAGE)?.parse()?,
            "--costs" => costs = Some(it.next().ok_or(USAGE)?.parse::<usize>()?.max(1)),
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
    let n = docs.len();

    if let Some(rounds) = costs {
        return cost_table(&docs, &dir, jobs, memory_mb, rounds);
    }
    let (secs, cpu_used) = index_all(&dir, jobs, memory_mb, docs.into_iter())?;
    eprintln!(
        "floor: indexed {n} documents in {:.2} s (CPU {:.1} s); prepared in {:.2} s (CPU {:.1} s)",
        secs.as_secs_f64(),
        cpu_used.as_secs_f64(),
        prep_secs.as_secs_f64(),
        prep_cpu.as_secs_f64()
    );
    Ok(())
}

/// Indexes `docs` into a new index in `dir`: one commit, merges waited for. Wall and CPU time.
fn index_all(
    dir: &Path,
    jobs: usize,
    memory_mb: usize,
    docs: impl Iterator<Item = TantivyDocument>,
) -> Result<(Duration, Duration), BoxError> {
    let (t, c) = (Instant::now(), cpu());
    let store = Store::open_or_create(dir)?;
    // tantivy's own writer, as `bare_tantivy` uses it: no bound on queued documents.
    let mut writer: tantivy::IndexWriter = store
        .index
        .writer_with_num_threads(jobs.clamp(1, 8), (memory_mb << 20).max(jobs * (16 << 20)))?;
    for d in docs {
        writer.add_document(d)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok((t.elapsed(), cpu() - c))
}

/// `--costs`: each group of [`GROUPS`] left out in turn, `rounds` times, interleaved.
fn cost_table(
    docs: &[TantivyDocument],
    dir: &Path,
    jobs: usize,
    memory_mb: usize,
    rounds: usize,
) -> Result<(), BoxError> {
    let schema = dossier::index::Store::in_memory().index.schema();
    let mut times: Vec<Vec<(f64, f64)>> = vec![Vec::new(); GROUPS.len()];
    for round in 0..rounds {
        for (g, (label, _, names)) in GROUPS.iter().enumerate() {
            let dropped: Vec<Field> = names
                .iter()
                .map(|n| schema.get_field(n))
                .collect::<Result<_, _>>()?;
            let copies = docs.iter().map(|d| {
                let mut kept = TantivyDocument::new();
                for (f, v) in d.field_values() {
                    if !dropped.contains(&f) {
                        kept.add_field_value(f, v);
                    }
                }
                kept
            });
            let _ = std::fs::remove_dir_all(dir);
            let (wall, cpu_used) = index_all(dir, jobs, memory_mb, copies)?;
            let _ = std::fs::remove_dir_all(dir);
            eprintln!(
                "floor: round {} without {label}: {:.2} s (CPU {:.1} s)",
                round + 1,
                wall.as_secs_f64(),
                cpu_used.as_secs_f64()
            );
            times[g].push((cpu_used.as_secs_f64(), wall.as_secs_f64()));
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let whole_cpu = median(&mut times[0].iter().map(|t| t.0).collect());
    println!(
        "| left out | what it buys | CPU (median of {rounds}) | wall | share of the floor's CPU |"
    );
    println!("|---|---|--:|--:|--:|");
    for (g, (label, buys, _)) in GROUPS.iter().enumerate() {
        let c = median(&mut times[g].iter().map(|t| t.0).collect());
        let w = median(&mut times[g].iter().map(|t| t.1).collect());
        let share = if g == 0 {
            "100%".to_string()
        } else {
            format!("{:.0}%", 100.0 * (whole_cpu - c) / whole_cpu)
        };
        println!("| {label} | {buys} | {c:.1} s | {w:.1} s | {share} |");
    }
    Ok(())
}
