//! Glue per subcommand: resolve the command line into configs (the one place that reads the
//! environment and checks for terminals), run a pipeline, print through `output`, and map the
//! outcome to an exit status.

pub(crate) mod analysis;
mod boilerplate;
pub mod index;
mod merge;
pub(crate) mod quickwit;
mod serve;
pub(crate) mod stats;
pub use stats::STATS_FILE;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use crate::cli::{self, Cli, Command};
use crate::error::{Error, Result};
use crate::index::Store;
use crate::ingest::{self, ReadOptions};
use crate::search::{self, Request, SortBy};
use crate::{extract, output};

/// Exit status: success, or a search that matched.
pub const EXIT_OK: i32 = 0;
/// Exit status: a search that matched nothing.
pub const EXIT_NO_MATCH: i32 = 1;
/// Exit status: an error.
pub const EXIT_ERROR: i32 = 2;
/// Exit status: index finished, but some files or lines could not be read.
pub const EXIT_PARTIAL: i32 = 3;
/// Exit status: interrupted by Ctrl-C after committing the work done.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Runs a parsed command line and returns the exit status. Errors are returned, not printed.
///
/// Meant to be the rest of a process's life: `search` leaves the index's memory maps to the
/// process exit instead of unmapping them (cheaper for a short process), so a long-lived caller
/// running many searches in-process should call [`crate::search::search`] instead.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Index(args) => run_index(&cli.index, args),
        Command::Search(args) => run_search(&cli.index, args),
        Command::Extract(args) => run_extract(args),
        Command::Stats(args) => {
            if args.format == cli::Format::Csv {
                return Err(Error::Usage(
                    "stats has no CSV form (it is one nested object): use --format json".into(),
                ));
            }
            stats::run(&cli.index, args.format == cli::Format::Json)
        }
        Command::Facets(args) => analysis::facets(&cli.index, args),
        Command::Timeline(args) => analysis::timeline(&cli.index, args),
        Command::Quotes(args) => analysis::quotes(&cli.index, args),
        Command::Export(args) => analysis::export(&cli.index, args),
        Command::Dupes(args) => analysis::dupes(&cli.index, args),
        Command::Serve(args) => serve::run(&cli.index, args),
        Command::Push(args) => quickwit::run_push(args),
        Command::Merge(args) => {
            let s = merge::run(&args.out, &args.shards)?;
            eprintln!(
                "dossier: merged {} indexes into {}: {} files, {} articles",
                s.shards,
                args.out.display(),
                s.files,
                s.articles
            );
            Ok(EXIT_OK)
        }
    }
}

fn read_options(
    date: Option<&str>,
    source: Option<String>,
    max_article_mb: usize,
) -> Result<ReadOptions> {
    let default_date = match date {
        None => None,
        Some(d) => Some(ingest::parse_date(d).ok_or_else(|| {
            Error::Usage(format!(
                "bad --date `{d}`: use YYYY-MM-DD (e.g. 2021-03-17)"
            ))
        })?),
    };
    Ok(ReadOptions {
        default_date,
        default_source: source,
        max_article_bytes: max_article_mb.saturating_mul(1 << 20),
    })
}

fn jobs(requested: Option<usize>) -> usize {
    requested
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn parse_shard(s: &str) -> Result<(u64, u64)> {
    let bad = || {
        Error::Usage(format!(
            "bad --shard `{s}`: use K/N with 1 <= K <= N, e.g. 2/4"
        ))
    };
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (u64, u64) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// `--progress` and `--quiet`, resolved against whether stderr is a terminal.
fn progress_style(how: cli::ProgressArg, every_ms: u64, quiet: bool) -> crate::progress::Style {
    use crate::progress::Style;
    let plain = Style::Plain {
        every: Duration::from_millis(every_ms),
    };
    match how {
        _ if quiet => Style::None,
        cli::ProgressArg::None => Style::None,
        cli::ProgressArg::Plain => plain,
        cli::ProgressArg::Bar => Style::Bar {
            forced: !io::stderr().is_terminal(),
        },
        cli::ProgressArg::Auto if io::stderr().is_terminal() => Style::Bar { forced: false },
        cli::ProgressArg::Auto => plain,
    }
}

fn run_index(dir: &std::path::Path, args: cli::IndexArgs) -> Result<i32> {
    let cfg = index::Config {
        paths: args.paths,
        index_dir: dir.to_path_buf(),
        read: read_options(args.date.as_deref(), args.source, args.max_article_mb)?,
        rebuild: args.rebuild,
        prune: args.prune,
        jobs: jobs(args.jobs),
        memory_bytes: args.memory.saturating_mul(1 << 20),
        commit_every: Duration::from_secs(args.commit_every.max(1)),
        shard: args.shard.as_deref().map(parse_shard).transpose()?,
        progress: progress_style(args.progress, args.progress_interval_ms, args.quiet),
        keep_boilerplate: args.keep_boilerplate,
    };
    let _ = ctrlc::set_handler(|| {
        if index::INTERRUPTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            // A second Ctrl-C: stop now; the last commit is intact.
            std::process::exit(EXIT_INTERRUPTED);
        }
        eprintln!("dossier: interrupted, committing what is done (Ctrl-C again to stop at once)");
    });
    let s = index::run(&cfg)?;
    if !args.quiet {
        let mb = s.text_bytes as f64 / 1e6;
        // Not eprintln: stderr closed early (`2>&1 | head`) is no reason to fail a finished run.
        let _ = writeln!(
            io::stderr(),
            "dossier: {} articles, {} passages indexed from {} files ({} unchanged, {} articles kept, {} removed); \
             {} unsupported skipped, {} failed; {:.1} MB of text in {:.1} s, {:.1} MB/s",
            s.articles,
            s.passages,
            s.files_read,
            s.files_unchanged,
            s.articles_unchanged,
            s.removed,
            s.unsupported,
            s.failed,
            mb,
            s.seconds,
            if s.seconds > 0.0 { mb / s.seconds } else { 0.0 },
        );
        if s.resettled > 0 {
            let _ = writeln!(
                io::stderr(),
                "dossier: {} articles extracted again: the lines repeated across their sources changed",
                s.resettled
            );
        }
    }
    Ok(if s.interrupted {
        EXIT_INTERRUPTED
    } else if s.failed > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

pub(crate) fn color_on(choice: cli::Color) -> bool {
    match choice {
        cli::Color::Always => true,
        cli::Color::Never => false,
        cli::Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// The request of a query and filters, checked (limit, sort and paging at their defaults).
pub fn request(query: String, filters: cli::Filters) -> Result<Request> {
    let since = filters
        .since
        .as_deref()
        .map(|s| search::parse_period(s, false))
        .transpose()
        .map_err(Error::Usage)?;
    let until = filters
        .until
        .as_deref()
        .map(|s| search::parse_period(s, true))
        .transpose()
        .map_err(Error::Usage)?;
    let mentions = filters
        .mentions
        .iter()
        .map(|m| search::parse_mention(m))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(Error::Usage)?;
    if let (Some(a), Some(b)) = (since, until) {
        if a > b {
            return Err(Error::Usage(format!(
                "--since {} is after --until {}: nothing can match; swap them",
                filters.since.as_deref().unwrap_or_default(),
                filters.until.as_deref().unwrap_or_default()
            )));
        }
    }
    Ok(Request {
        query,
        actors: filters.actor,
        speakers: filters.speaker,
        sources: filters.source,
        quotes_only: filters.quotes,
        since,
        until,
        mentions,
        limit: 10,
        ..Request::default()
    })
}

/// The request of `search`'s arguments (the web API's `/api/search` parses into the same).
pub(crate) fn search_request(args: &cli::SearchArgs) -> Result<Request> {
    Ok(Request {
        limit: args.limit as usize,
        sort: match args.sort {
            cli::Sort::Score => SortBy::Score,
            cli::Sort::Date => SortBy::Date,
        },
        per_article: args.per_article.map(|n| n as usize),
        all_copies: args.all_copies,
        ..request(args.query.clone(), args.filters.clone())?
    })
}

fn run_search(dir: &std::path::Path, args: cli::SearchArgs) -> Result<i32> {
    let req = search_request(&args)?;
    let (hits, searcher) = if args.remote.quickwit.is_some() {
        (
            quickwit::search(&quickwit::Remote::new(&args.remote)?, &req)?,
            None,
        )
    } else {
        let store = Store::open(dir)?;
        let searcher = store.searcher()?;
        (search::search(&store, &searcher, &req)?, Some(searcher))
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match args.format {
        cli::Format::Json => output::json::hits(&mut out, &hits),
        cli::Format::Csv => output::csv::table(&mut out, output::json::HIT_KEYS, &hits),
        cli::Format::Text => output::terminal::hits(&mut out, &hits, color_on(args.color)),
    };
    finish_output(written.and_then(|_| out.flush()))?;
    // The process ends next: the kernel drops the index's memory maps with the process, which
    // costs less than unmapping them one by one first.
    std::mem::forget(searcher);
    Ok(if hits.is_empty() {
        EXIT_NO_MATCH
    } else {
        EXIT_OK
    })
}

/// Extracts from one article; a bug in an extractor costs that article's extraction, not the run
/// (the panic hook has already said what went wrong).
pub fn guarded_extract(
    a: &crate::ingest::Article,
    cleaning: &crate::clean::Cleaning,
) -> extract::Extraction {
    let mut ex = guarded(a, &cleaning.skipped);
    if !a.pages.is_empty() {
        // A passage of a paged document stays on one page, so a hit can name its page.
        let passages = std::mem::take(&mut ex.passages);
        ex.passages = extract::passages::split_at_pages(&a.text, passages, &a.pages);
    }
    ex
}

fn guarded(a: &crate::ingest::Article, skipped: &[std::ops::Range<usize>]) -> extract::Extraction {
    std::panic::catch_unwind(|| crate::clean::extract(&a.text, a.date, skipped)).unwrap_or_else(
        |_| {
            eprintln!(
                "dossier: {}:{}: extraction failed, article kept with passages only",
                a.path, a.line
            );
            extract::Extraction {
                passages: crate::clean::passages_around(
                    &a.text,
                    extract::passages::passages(&a.text),
                    skipped,
                ),
                ..Default::default()
            }
        },
    )
}

/// A closed pipe (`| head`) is not an error.
pub(crate) fn finish_output(r: io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io {
            path: PathBuf::from("<stdout>"),
            source: e,
        }),
        Ok(()) => Ok(()),
    }
}

fn run_extract(args: cli::ExtractArgs) -> Result<i32> {
    let opts = read_options(args.date.as_deref(), args.source, cli::MAX_ARTICLE_MB)?;
    for p in &args.paths {
        std::fs::metadata(p).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?;
    }
    let walk = ingest::walk(&args.paths);
    let mut failed = walk.problems.len();
    for p in &walk.problems {
        eprintln!("dossier: {p}");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs(args.jobs))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // Articles are extracted in batches of a few MB on all cores and printed in file order.
    let mut batch: Vec<crate::ingest::Article> = Vec::new();
    let mut batch_bytes = 0;
    let flush = |batch: &mut Vec<crate::ingest::Article>,
                 out: &mut io::BufWriter<io::StdoutLock>|
     -> io::Result<()> {
        let results: Vec<extract::Extraction> = pool.install(|| {
            batch
                .par_iter()
                .map(|a| {
                    let cleaning =
                        crate::clean::clean(&a.source, &a.text, args.keep_boilerplate, |_| false);
                    guarded_extract(a, &cleaning)
                })
                .collect()
        });
        for (a, ex) in batch.iter().zip(&results) {
            match args.format {
                cli::ExtractFormat::Jsonl => {
                    output::json::line(out, &output::json::ArticleExtraction::new(a, ex))?
                }
                cli::ExtractFormat::Text => output::extract_text(out, a, ex)?,
            }
        }
        batch.clear();
        Ok(())
    };
    for file in &walk.files {
        let mut written = Ok(());
        let result = ingest::read_each(file, &opts, |event| match event {
            ingest::Event::Problem(p) => {
                eprintln!("dossier: {p}");
                failed += usize::from(p.skipped);
            }
            ingest::Event::Article(a) => {
                batch_bytes += a.text.len();
                batch.push(a);
                if batch_bytes >= index::BATCH_BYTES && written.is_ok() {
                    batch_bytes = 0;
                    written = flush(&mut batch, &mut out);
                }
            }
        });
        if let Err(reason) = result {
            eprintln!("dossier: {}: {reason}", file.path.display());
            failed += 1;
        }
        if let Err(e) = written {
            finish_output(Err(e))?;
            return Ok(EXIT_OK);
        }
    }
    if let Err(e) = flush(&mut batch, &mut out) {
        finish_output(Err(e))?;
        return Ok(EXIT_OK);
    }
    finish_output(out.flush())?;
    Ok(if failed > 0 { EXIT_PARTIAL } else { EXIT_OK })
}
