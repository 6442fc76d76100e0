//! The `dossier` binary: parse arguments, run, map the outcome to an exit status.

use clap::Parser;
use dossier::commands::{EXIT_ERROR, EXIT_OK};

/// jemalloc returns the memory indexing threads free, where glibc's per-thread arenas kept it
/// (README, Growth with the corpus).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    // A bug must still end in one clear line and status 2, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "dossier: internal error: {}{place}; if an index is involved it may be damaged \
             (rebuild it with `dossier index --rebuild PATH...`), otherwise please report this",
            what.replace('\n', " ")
        );
    }));
    let cli = match dossier::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            std::process::exit(EXIT_OK);
        }
        Err(e) => {
            // One line, like every other error: clap's first line, without its usage block.
            let text = e.render().to_string();
            let what: Vec<&str> = text
                .lines()
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more"))
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
                .collect();
            let what = what.join(" ");
            let what = what.strip_prefix("error: ").unwrap_or(&what);
            eprintln!("dossier: {what} (see `dossier --help`)");
            std::process::exit(EXIT_ERROR);
        }
    };
    let code = match std::panic::catch_unwind(|| dossier::run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("dossier: {e}");
            EXIT_ERROR
        }
        Err(_) => EXIT_ERROR,
    };
    std::process::exit(code);
}
