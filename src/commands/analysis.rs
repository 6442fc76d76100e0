//! Glue of the analysis commands (`facets`, `timeline`, `quotes`, `export`, `dupes`): the same
//! request as `search` (query and filters), a view from `crate::analysis`, a printer from
//! `crate::output`. Exit status 0 when something matched, 1 when nothing did.
//!
//! Each view is computed by a function of the parsed arguments and an open searcher
//! (`facet_rows`, `timeline_points`, `quote_rows`, `export_each`), which `dossier serve` calls
//! with the arguments it parses from a query string: the web API answers the same rows.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{finish_output, request, EXIT_NO_MATCH, EXIT_OK};
use crate::analysis::{self, ArticleKeys};
use crate::cli;
use crate::error::{Error, Result};
use crate::index::Store;
use crate::output;
use tantivy::Searcher;

fn status(matched: bool) -> i32 {
    if matched {
        EXIT_OK
    } else {
        EXIT_NO_MATCH
    }
}

/// Prints through a buffered stdout; a closed pipe is not an error.
fn print(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let r = write(&mut out).and_then(|_| out.flush());
    finish_output(r)
}

/// `dossier facets`. The request is checked before the index is opened (as by every view): a bad
/// flag is reported as such even where there is no index.
pub fn facets(dir: &Path, args: cli::FacetsArgs) -> Result<i32> {
    request(args.query.clone(), args.filters.clone())?;
    let (rows, total) = with_backend(dir, &args.remote, |b| facet_rows(b, &args))?;
    print(|out| match args.format {
        cli::Format::Text => output::views::facets(out, &rows, total),
        cli::Format::Json => rows.iter().try_for_each(|r| output::json::line(out, r)),
        cli::Format::Csv => output::csv::table(out, analysis::facets::COLUMNS, &rows),
    })?;
    Ok(status(total > 0))
}

/// Where the rows of a view come from: the local index as one searcher sees it, or a Quickwit
/// cluster. The CLI picks it from `--quickwit` ([`with_backend`]), `dossier serve` from its state.
#[derive(Clone, Copy)]
pub(crate) enum Backend<'a> {
    /// The local index.
    Local(&'a Store, &'a Searcher),
    /// A Quickwit cluster.
    Quickwit(&'a super::quickwit::Remote),
}

/// Runs `view` on the cluster `remote` names, or else on the index in `dir`.
fn with_backend<T>(
    dir: &Path,
    remote: &cli::QuickwitArgs,
    view: impl FnOnce(Backend) -> Result<T>,
) -> Result<T> {
    if remote.quickwit.is_some() {
        return view(Backend::Quickwit(&super::quickwit::Remote::new(remote)?));
    }
    let store = Store::open(dir)?;
    let searcher = store.searcher()?;
    view(Backend::Local(&store, &searcher))
}

/// The rows of `facets` for `args`, and the number of matching articles they share.
pub(crate) fn facet_rows(
    backend: Backend,
    args: &cli::FacetsArgs,
) -> Result<(Vec<analysis::facets::Facet>, u64)> {
    let req = request(args.query.clone(), args.filters.clone())?;
    let by = facet_by(args.by);
    match backend {
        Backend::Quickwit(remote) => {
            super::quickwit::facets(remote, &req, by, args.all_copies, args.top)
        }
        Backend::Local(store, searcher) => {
            let docs = analysis::matching_docs(store, searcher, &req)?;
            let keys = ArticleKeys::new(store, searcher, args.all_copies)?;
            analysis::facets::facets(store, searcher, &docs, by, &keys, args.top)
        }
    }
}

fn facet_by(by: cli::FacetBy) -> analysis::facets::FacetBy {
    match by {
        cli::FacetBy::Actor => analysis::facets::FacetBy::Actor,
        cli::FacetBy::Speaker => analysis::facets::FacetBy::Speaker,
        cli::FacetBy::Source => analysis::facets::FacetBy::Source,
        cli::FacetBy::Year => analysis::facets::FacetBy::Year,
        cli::FacetBy::Month => analysis::facets::FacetBy::Month,
    }
}

pub(super) fn period(by: cli::PeriodArg) -> analysis::timeline::Period {
    use analysis::timeline::Period;
    match by {
        cli::PeriodArg::Day => Period::Day,
        cli::PeriodArg::Week => Period::Week,
        cli::PeriodArg::Month => Period::Month,
        cli::PeriodArg::Year => Period::Year,
    }
}

/// The points of `timeline` for `args`: one per query and period.
pub(crate) fn timeline_points(
    backend: Backend,
    args: &cli::TimelineArgs,
) -> Result<Vec<analysis::timeline::Point>> {
    use analysis::timeline;
    let requests = args
        .queries
        .iter()
        .map(|q| request(q.clone(), args.filters.clone()))
        .collect::<Result<Vec<_>>>()?;
    let by = period(args.by);
    let series = match backend {
        Backend::Quickwit(remote) => super::quickwit::timeline_series(
            remote,
            &requests,
            by,
            args.mentions_axis,
            args.all_copies,
        )?,
        Backend::Local(store, searcher) => {
            let keys = ArticleKeys::new(store, searcher, args.all_copies)?;
            requests
                .iter()
                .map(|req| {
                    let docs = analysis::matching_docs(store, searcher, req)?;
                    timeline::series(store, searcher, &docs, by, args.mentions_axis, &keys)
                })
                .collect::<Result<Vec<_>>>()?
        }
    };
    Ok(timeline::points(&args.queries, &series, by))
}

/// `dossier timeline`.
pub fn timeline(dir: &Path, args: cli::TimelineArgs) -> Result<i32> {
    use analysis::timeline;
    if let Some(p) = &args.plot {
        check_plot_path(p)?;
    }
    let by = period(args.by);
    for q in &args.queries {
        request(q.clone(), args.filters.clone())?;
    }
    let points = with_backend(dir, &args.remote, |b| timeline_points(b, &args))?;
    let measure = match args.chart {
        cli::MeasureArg::Articles => timeline::Measure::Articles,
        cli::MeasureArg::Passages => timeline::Measure::Passages,
    };
    let label = |iso: &str| {
        crate::search::parse_period(iso, false).map_or_else(|_| iso.to_string(), |d| by.label(d))
    };
    if let Some(path) = &args.plot {
        output::plot::timeline_chart(path, &args.queries, &points, measure, label).map_err(
            |reason| {
                Error::Usage(format!(
                    "cannot write the chart {}: {reason}",
                    path.display()
                ))
            },
        )?;
    }
    print(|out| match args.format {
        cli::Format::Text => output::views::timeline(out, &args.queries, &points, measure, label),
        cli::Format::Json => points.iter().try_for_each(|p| output::json::line(out, p)),
        cli::Format::Csv => output::csv::table(out, timeline::COLUMNS, &points),
    })?;
    Ok(status(!points.is_empty()))
}

fn check_plot_path(p: &Path) -> Result<()> {
    if output::plot::PlotFormat::of(p).is_none() {
        return Err(Error::Usage(format!(
            "--plot {}: the chart is written as SVG or PNG; give a file name ending in .svg or .png",
            p.display()
        )));
    }
    Ok(())
}

/// `dossier quotes`.
pub fn quotes(dir: &Path, args: cli::QuotesArgs) -> Result<i32> {
    request(args.query.clone(), args.filters.clone())?;
    use analysis::quotes;
    let rows = with_backend(dir, &args.remote, |b| quote_rows(b, &args))?;
    print(|out| match args.format {
        cli::Format::Text => output::views::quotes(out, &rows),
        cli::Format::Json => rows.iter().try_for_each(|r| output::json::line(out, r)),
        cli::Format::Csv => output::csv::table(out, quotes::COLUMNS, &rows),
    })?;
    Ok(status(!rows.is_empty()))
}

/// The rows of `quotes` for `args` (at most `args.limit`).
pub(crate) fn quote_rows(
    backend: Backend,
    args: &cli::QuotesArgs,
) -> Result<Vec<analysis::quotes::QuoteRow>> {
    let mut req = request(args.query.clone(), args.filters.clone())?;
    req.quotes_only = true;
    let sort = quote_sort(args.sort);
    let mut rows = match backend {
        Backend::Quickwit(remote) => super::quickwit::quotes(remote, &req, args.all_copies, sort)?,
        Backend::Local(store, searcher) => {
            let docs = analysis::matching_docs(store, searcher, &req)?;
            let keys = ArticleKeys::new(store, searcher, args.all_copies)?;
            analysis::quotes::quotes(store, searcher, &docs, &req.speakers, &keys, sort)?
        }
    };
    rows.truncate(args.limit);
    Ok(rows)
}

fn quote_sort(sort: cli::QuoteSortArg) -> analysis::quotes::QuoteSort {
    use analysis::quotes::QuoteSort;
    match sort {
        cli::QuoteSortArg::Date => QuoteSort::Date,
        cli::QuoteSortArg::Speaker => QuoteSort::Speaker,
    }
}

/// The articles of `export` for `args` (query, filters, `unique`), each through `emit` as the
/// JSON object `export --format jsonl` prints; returns how many.
pub(crate) fn export_each(
    store: &Store,
    searcher: &Searcher,
    args: &cli::ExportArgs,
    emit: impl FnMut(serde_json::Map<String, serde_json::Value>) -> io::Result<()>,
) -> Result<usize> {
    let req = request(args.query.clone(), args.filters.clone())?;
    let docs = analysis::matching_docs(store, searcher, &req)?;
    analysis::export::export(store, searcher, &docs, args.unique, emit)
}

/// `dossier dupes`.
pub fn dupes(dir: &Path, args: cli::DupesArgs) -> Result<i32> {
    let req = request(args.query, args.filters)?;
    let store = Store::open(dir)?;
    let searcher = store.searcher()?;
    let docs = analysis::matching_docs(&store, &searcher, &req)?;
    let mut rows = analysis::dupes::dupes(&store, &searcher, &docs)?;
    rows.truncate(args.limit);
    print(|out| match args.format {
        cli::Format::Text => output::views::dupes(out, &rows),
        cli::Format::Json => rows.iter().try_for_each(|r| output::json::line(out, r)),
        cli::Format::Csv => output::csv::table(out, analysis::dupes::COLUMNS, &rows),
    })?;
    Ok(status(!rows.is_empty()))
}

/// `dossier export`: to stdout, or to `--out FILE` through a temporary file renamed at the end
/// (an interrupted export leaves no half file under the name asked for).
pub fn export(dir: &Path, args: cli::ExportArgs) -> Result<i32> {
    let req = request(args.query.clone(), args.filters.clone())?;
    if args.to == Some(cli::ExportTo::Quickwit) {
        let out = args.out.as_deref().ok_or_else(|| {
            Error::Usage("export --to quickwit needs --out DIR, the folder to write".to_string())
        })?;
        if args.format != cli::ExportFormat::Jsonl || args.unique {
            return Err(Error::Usage(
                "export --to quickwit writes every matching passage as NDJSON: drop --format and --unique".to_string(),
            ));
        }
        return super::quickwit::export(dir, &req, out, args.index_id.as_deref());
    }
    let store = Store::open(dir)?;
    let searcher = store.searcher()?;
    let csv = args.format == cli::ExportFormat::Csv;
    let columns = analysis::export::COLUMNS;
    let run = |out: &mut dyn Write| -> Result<usize> {
        let io_err = |e: io::Error| Error::Io {
            path: args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from("<stdout>")),
            source: e,
        };
        if csv {
            output::csv::header(out, columns).map_err(io_err)?;
        }
        let n = export_each(&store, &searcher, &args, |obj| {
            let value = serde_json::Value::Object(obj);
            if csv {
                output::csv::object_row(out, columns, &value)
            } else {
                output::json::line(out, &value)
            }
        })?;
        out.flush().map_err(io_err)?;
        Ok(n)
    };
    let written = match &args.out {
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            match run(&mut out) {
                Err(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => 0,
                r => r?,
            }
        }
        Some(path) => {
            let tmp = path.with_extension(format!(
                "{}.dossier-tmp",
                path.extension().and_then(|e| e.to_str()).unwrap_or("")
            ));
            let io_err = |source| Error::Io {
                path: path.clone(),
                source,
            };
            let file = std::fs::File::create(&tmp).map_err(io_err)?;
            let mut out = io::BufWriter::new(file);
            let n = run(&mut out);
            drop(out);
            match n {
                Ok(n) => {
                    std::fs::rename(&tmp, path).map_err(io_err)?;
                    eprintln!("dossier: exported {n} articles to {}", path.display());
                    n
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e);
                }
            }
        }
    };
    Ok(status(written > 0))
}
