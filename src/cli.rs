//! Command-line types (clap derive). No logic here: `commands` resolves them into configs.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Index and search a corpus of news reporting: who said what, when, and where it is written.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// Index folder.
    #[arg(
        long,
        global = true,
        env = "DOSSIER_INDEX",
        default_value = ".dossier",
        value_name = "DIR"
    )]
    pub index: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "Exit status: 0 success (search: something matched), 1 search matched nothing, \
2 error, 3 index finished but some files or lines could not be read, 130 interrupted (work done so far is committed).";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index files and folders (.txt .md .html .json .jsonl .csv .tsv .rss .atom .xml .warc, and .gz of each); re-runs only read what changed.
    Index(IndexArgs),
    /// Search the index: ranked passages with highlights.
    Search(SearchArgs),
    /// Print what extraction finds in files (actors, dates, quotes, passages) without indexing.
    Extract(ExtractArgs),
    /// Summarize the index: articles, passages, actors, dates, size.
    Stats(StatsArgs),
    /// Combine indexes built with --shard K/N into one new index.
    Merge(MergeArgs),
    /// Count the matching articles and passages by actor, speaker, source, year or month.
    Facets(FacetsArgs),
    /// Count the matching articles per day, week, month or year; several queries side by side.
    Timeline(TimelineArgs),
    /// The quotations of the matching passages: who said what, when, and how often it was carried.
    Quotes(QuotesArgs),
    /// Write the matching articles (whole text, metadata, extraction) as JSON Lines or CSV.
    Export(ExportArgs),
    /// List the near-duplicate clusters (copies of one story) among the matching articles.
    Dupes(DupesArgs),
    /// Serve a web page and a JSON API over the index (read-only) until Ctrl-C.
    Serve(ServeArgs),
    /// Send an export folder (`export --to quickwit`) to a Quickwit cluster, resumably.
    Push(PushArgs),
}

/// `dossier serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 takes a free port. Any address other than loopback needs
    /// --token.
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "IP:PORT")]
    pub addr: String,
    /// Every request must carry this token (`Authorization: Bearer TOKEN`, or the cookie the
    /// page's login form sets). Required to listen on an address other than loopback.
    #[arg(
        long,
        env = "DOSSIER_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
    /// Let pages from this origin (e.g. https://example.org) call the API; by default none may.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Milliseconds a client has to send a request's headers, and an idle connection stays open
    /// (for tests).
    #[arg(
        long,
        hide = true,
        env = "DOSSIER_SERVE_HEADER_TIMEOUT_MS",
        default_value_t = 10_000,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub header_timeout_ms: u64,
    /// Serve the Quickwit cluster at URL instead of the local index (search, facets, timeline,
    /// quotes, articles and stats; export needs a local index).
    #[command(flatten)]
    pub remote: QuickwitArgs,
}

/// Where a Quickwit cluster is: the REST address of one of its nodes.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct QuickwitArgs {
    /// Answer from the Quickwit cluster at URL (http://HOST:PORT of any node) instead of the local index.
    #[arg(long, env = "DOSSIER_QUICKWIT", value_name = "URL")]
    pub quickwit: Option<String>,
    /// Quickwit index id.
    #[arg(long, default_value = "dossier", value_name = "ID")]
    pub index_id: String,
    /// Longest wait for one Quickwit request, in seconds.
    #[arg(long, default_value_t = 60, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
}

/// `dossier push`.
#[derive(Debug, clap::Args)]
pub struct PushArgs {
    #[command(flatten)]
    pub quickwit: QuickwitArgs,
    /// The export folder (written by `dossier export --to quickwit --out DIR`).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub from: PathBuf,
    /// Largest batch sent in one ingest request, in KB of documents.
    #[arg(long, default_value_t = 4096, value_name = "KB",
          value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub batch_kb: u64,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The filters every search and analysis command takes.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Filters {
    /// Only passages naming this actor (canonical name, case-insensitive; repeatable).
    #[arg(long, value_name = "NAME")]
    pub actor: Vec<String>,
    /// Only passages quoting this speaker (repeatable).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// Only passages from this source (its whole name, as `facets --by source` prints it, any
    /// case; repeatable: any of them).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only passages with a quotation.
    #[arg(long)]
    pub quotes: bool,
    /// Article date on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Article date on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD; a whole period counts).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only passages mentioning a date in this period (YYYY, YYYY-MM or YYYY-MM-DD; repeatable).
    #[arg(long, value_name = "PERIOD")]
    pub mentions: Vec<String>,
}

/// What `facets` counts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FacetBy {
    /// Canonical actor names.
    Actor,
    /// Canonical speaker names.
    Speaker,
    /// Article source.
    Source,
    /// Year of the article date.
    Year,
    /// Month of the article date.
    Month,
}

/// `dossier facets`.
#[derive(Debug, clap::Args)]
#[command(after_help = QUERY_HELP)]
pub struct FacetsArgs {
    /// The query; `*` or '' counts every passage (use with filters).
    #[arg(value_name = "QUERY", allow_hyphen_values = true, default_value = "*")]
    pub query: String,
    #[command(flatten)]
    pub filters: Filters,
    /// What to count by.
    #[arg(long, value_enum, default_value_t = FacetBy::Actor)]
    pub by: FacetBy,
    /// Most values to show.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Count every copy of a story; by default a near-duplicate cluster counts as one article.
    #[arg(long)]
    pub all_copies: bool,
    /// Output format: text for people, json (or jsonl) for JSON Lines, csv.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub remote: QuickwitArgs,
}

/// Length of a timeline period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Days.
    Day,
    /// ISO weeks (from Monday).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// `dossier timeline`.
#[derive(Debug, clap::Args)]
#[command(after_help = QUERY_HELP)]
pub struct TimelineArgs {
    /// One query per series (`russia iran china` draws three); `*` counts every passage.
    #[arg(value_name = "QUERY", required = true)]
    pub queries: Vec<String>,
    #[command(flatten)]
    pub filters: Filters,
    /// Length of a period.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub by: PeriodArg,
    /// Count by the dates the passages mention instead of the article date.
    #[arg(long)]
    pub mentions_axis: bool,
    /// Count every copy of a story; by default a near-duplicate cluster counts as one article.
    #[arg(long)]
    pub all_copies: bool,
    /// Also write the chart to a file: SVG or PNG, by its extension.
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub plot: Option<PathBuf>,
    /// What the chart (text and SVG) draws; JSON and CSV carry both.
    #[arg(long, value_enum, default_value_t = MeasureArg::Articles)]
    pub chart: MeasureArg,
    /// Output format: text for people, json (or jsonl) for JSON Lines, csv.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub remote: QuickwitArgs,
}

/// What a timeline chart draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    /// Matching articles (near-duplicate clusters count once unless --all-copies).
    Articles,
    /// Matching passages.
    Passages,
}

/// Order of `quotes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuoteSortArg {
    /// Newest first.
    Date,
    /// By speaker, then newest first.
    Speaker,
}

/// `dossier quotes`.
#[derive(Debug, clap::Args)]
#[command(after_help = QUERY_HELP)]
pub struct QuotesArgs {
    /// The query; `*` or '' takes every passage with a quotation.
    #[arg(value_name = "QUERY", allow_hyphen_values = true, default_value = "*")]
    pub query: String,
    #[command(flatten)]
    pub filters: Filters,
    /// Order of the quotations.
    #[arg(long, value_enum, default_value_t = QuoteSortArg::Date)]
    pub sort: QuoteSortArg,
    /// Most quotations to show.
    #[arg(long, short = 'n', default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Count every copy of a story; by default a near-duplicate cluster counts as one article.
    #[arg(long)]
    pub all_copies: bool,
    /// Output format: text for people, json (or jsonl) for JSON Lines, csv.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub remote: QuickwitArgs,
}

/// Output format of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON Lines, one article per line (`dossier index` reads it back; `json` is the same).
    #[value(alias = "json")]
    Jsonl,
    /// CSV, columns named and ordered as the JSON keys (lists as JSON text).
    Csv,
}

/// `dossier export`.
#[derive(Debug, clap::Args)]
#[command(after_help = QUERY_HELP)]
pub struct ExportArgs {
    /// The query; `*` or '' exports every article (use with filters).
    #[arg(value_name = "QUERY", allow_hyphen_values = true, default_value = "*")]
    pub query: String,
    #[command(flatten)]
    pub filters: Filters,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output (it appears only when the export completes).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// One article per near-duplicate cluster (the earliest that matches).
    #[arg(long)]
    pub unique: bool,
    /// Write passage documents for another engine into the folder --out: `quickwit` writes
    /// index-config.yaml and docs.ndjson for `dossier push`.
    #[arg(long, value_enum, value_name = "ENGINE")]
    pub to: Option<ExportTo>,
    /// Quickwit index id written into index-config.yaml (with --to quickwit).
    #[arg(long, value_name = "ID", requires = "to")]
    pub index_id: Option<String>,
}

/// Engines `export --to` writes for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTo {
    /// A Quickwit index config and its passage documents.
    Quickwit,
}

/// `dossier dupes`.
#[derive(Debug, clap::Args)]
#[command(after_help = QUERY_HELP)]
pub struct DupesArgs {
    /// The query: clusters holding a matching article; `*` or '' lists every cluster.
    #[arg(value_name = "QUERY", allow_hyphen_values = true, default_value = "*")]
    pub query: String,
    #[command(flatten)]
    pub filters: Filters,
    /// Most clusters to show.
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Output format: text for people, json (or jsonl) for JSON Lines, csv.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `dossier merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Folder of the new, merged index (must not exist or be empty).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// Index folders to merge.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,
}

/// How `index` shows progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ProgressArg {
    /// A bar when stderr is a terminal, plain lines otherwise.
    Auto,
    /// A bar redrawn in place (even when stderr is not a terminal).
    Bar,
    /// One line every 10 seconds: bytes, files, articles, passages, rates, ETA.
    Plain,
    /// None.
    None,
}

/// Longest article kept by default, in MB (`--max-article-mb`; also what `extract` and the
/// re-reads of `merge` use).
pub const MAX_ARTICLE_MB: usize = 16;

/// `dossier index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Files and folders to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Date (YYYY-MM-DD) for articles that carry none.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Source for articles that carry none.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Delete the index and build it anew (needed after a schema change).
    #[arg(long)]
    pub rebuild: bool,
    /// Remove from the index the files under PATH that no longer exist.
    #[arg(long)]
    pub prune: bool,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Memory budget of the index writer, in MB.
    #[arg(long, default_value_t = 400, value_name = "MB")]
    pub memory: usize,
    /// Longest article kept, in MB; longer texts are cut (with a warning).
    #[arg(long, default_value_t = MAX_ARTICLE_MB, value_name = "MB")]
    pub max_article_mb: usize,
    /// Commit at least every this many seconds, so an interrupted run loses at most that much.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub commit_every: u64,
    /// Index only the articles whose id hashes to shard K of N (e.g. 2/4).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// How to show progress on stderr: auto is a bar on a terminal, plain otherwise.
    #[arg(long, value_enum, default_value_t = ProgressArg::Auto, value_name = "HOW")]
    pub progress: ProgressArg,
    /// Milliseconds between two plain progress lines (for tests).
    #[arg(
        long,
        hide = true,
        env = "DOSSIER_PROGRESS_INTERVAL_MS",
        default_value_t = 10_000,
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub progress_interval_ms: u64,
    /// No progress and no summary line (whatever --progress says).
    #[arg(long, short)]
    pub quiet: bool,
    /// Index boilerplate lines (repeated short lines, photo credits, link lists) as text instead
    /// of leaving them out of passages and extraction. An index keeps the choice it was built
    /// with (change it with --rebuild).
    #[arg(long)]
    pub keep_boilerplate: bool,
}

/// Output format of search, stats and the analysis commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// JSON Lines (one object per line; `jsonl` is the same).
    #[value(alias = "jsonl")]
    Json,
    /// CSV with a header row, columns named and ordered as the JSON keys (lists as JSON text).
    Csv,
}

/// When to color.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Order of search hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Best match first.
    Score,
    /// Newest article first.
    Date,
}

/// `dossier search`.
#[derive(Debug, clap::Args)]
#[command(after_help = QUERY_HELP)]
pub struct SearchArgs {
    /// The query (see below); `*` or '' matches every passage (use with filters).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub filters: Filters,
    /// Most hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub limit: u32,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = Sort::Score)]
    pub sort: Sort,
    /// At most N passages from one article [default: no cap].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub per_article: Option<u32>,
    /// Show every copy of a story; by default the copies of a near-duplicate cluster hide behind
    /// its best-ranked article (and are counted).
    #[arg(long)]
    pub all_copies: bool,
    /// Output format: text for people, json (or jsonl) for JSON Lines, csv.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Color matches in text output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(flatten)]
    pub remote: QuickwitArgs,
}

const QUERY_HELP: &str = "Query syntax:
  russia iran            both words (AND is implied)
  \"voting systems\"       exact phrase
  russia OR iran         either; AND, NOT and -word also work; group with ( )
  interfer*              words starting with interfer
  title:  text:  quote:  actor:  speaker:   search one field, e.g. quote:confidence speaker:barr";

/// Output format of extract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per article (`json` is the same).
    #[value(alias = "json")]
    Jsonl,
    /// A readable listing.
    Text,
}

/// `dossier extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files and folders to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Date (YYYY-MM-DD) for articles that carry none (relative dates resolve against it).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Source for articles that carry none.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Extract from boilerplate lines too. Without it, photo credits and link lists are left
    /// aside (repeated lines need a corpus: `dossier index` finds those).
    #[arg(long)]
    pub keep_boilerplate: bool,
}

/// `dossier stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
