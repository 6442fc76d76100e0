//! The `dossier` binary: parse arguments, run, map the outcome to an exit status.

use clap::Parser;

fn main() {
    let cli = match dossier::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                dossier::commands::EXIT_ERROR
            } else {
                dossier::commands::EXIT_OK
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match dossier::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: {e}");
            dossier::commands::EXIT_ERROR
        }
    };
    std::process::exit(code);
}
