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
    /// Index files and folders (.txt .md .html .json .jsonl, and .gz of each); re-runs only read what changed.
    Index(IndexArgs),
    /// Search the index: ranked passages with highlights.
    Search(SearchArgs),
    /// Print what extraction finds in files (actors, dates, quotes, passages) without indexing.
    Extract(ExtractArgs),
    /// Summarize the index: articles, passages, actors, dates, size.
    Stats(StatsArgs),
    /// Combine indexes built with --shard K/N into one new index.
    Merge(MergeArgs),
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
    #[arg(long, default_value_t = 16, value_name = "MB")]
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
}

/// Output format of search and stats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// JSON (Lines for search).
    Json,
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
    /// Only passages naming this actor (canonical name, case-insensitive; repeatable).
    #[arg(long, value_name = "NAME")]
    pub actor: Vec<String>,
    /// Only passages quoting this speaker (repeatable).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
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
    /// Most hits to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub limit: u32,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = Sort::Score)]
    pub sort: Sort,
    /// Output format: text for people, json for JSON Lines.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Color matches in text output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
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
    /// One JSON object per article.
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
