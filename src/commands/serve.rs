//! `dossier serve`: the command line resolved into a [`crate::serve::Config`] (address, token,
//! CORS origin), the rules on who may listen where checked, then the server run until Ctrl-C.

use std::net::SocketAddr;
use std::path::Path;

use super::EXIT_OK;
use crate::cli;
use crate::error::{Error, Result};
use crate::serve::{self, Config};

/// `dossier serve`.
pub fn run(dir: &Path, args: cli::ServeArgs) -> Result<i32> {
    let cfg = config(dir, args)?;
    if cfg.remote.quickwit.is_some() {
        // A wrong URL or index id is one line now, not an error on every request later.
        super::quickwit::check_index(&super::quickwit::Remote::new(&cfg.remote)?)?;
    }
    serve::run(cfg)?;
    Ok(EXIT_OK)
}

fn config(dir: &Path, args: cli::ServeArgs) -> Result<Config> {
    let addr: SocketAddr = args.addr.trim().parse().map_err(|_| {
        Error::Usage(format!(
            "bad --addr `{}`: use IP:PORT, e.g. 127.0.0.1:7700 (port 0 takes a free port)",
            args.addr
        ))
    })?;
    let token = match args.token {
        Some(t) if t.trim().is_empty() => {
            return Err(Error::Usage(
                "--token (or DOSSIER_TOKEN) is empty: give a long random token, or leave it unset on loopback"
                    .into(),
            ))
        }
        Some(t) if t.chars().any(|c| c.is_control() || c == ' ' || c == ';') => {
            return Err(Error::Usage(
                "--token holds spaces, semicolons or control characters, which cannot travel in a header or cookie: use letters, digits and punctuation"
                    .into(),
            ))
        }
        t => t,
    };
    if !addr.ip().is_loopback() && token.is_none() {
        return Err(Error::Usage(format!(
            "refusing to serve on {addr} without a token: other machines could read the index; \
             pass --token TOKEN (or set DOSSIER_TOKEN), or listen on 127.0.0.1"
        )));
    }
    let cors = args.cors.map(|o| check_origin(&o)).transpose()?;
    Ok(Config {
        index: dir.to_path_buf(),
        addr,
        token,
        cors,
        header_timeout: std::time::Duration::from_millis(args.header_timeout_ms),
        remote: args.remote,
    })
}

/// An origin is a scheme, a host and maybe a port: `https://example.org` or `http://localhost:3000`.
fn check_origin(o: &str) -> Result<String> {
    let bad = || {
        Error::Usage(format!(
            "bad --cors `{o}`: give an origin, a scheme and host with no path, e.g. https://example.org"
        ))
    };
    let rest = o
        .strip_prefix("https://")
        .or_else(|| o.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let host_ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok {
        return Err(bad());
    }
    Ok(o.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn origins() {
        assert!(super::check_origin("https://example.org").is_ok());
        assert!(super::check_origin("http://localhost:3000").is_ok());
        assert!(super::check_origin("*").is_err());
        assert!(super::check_origin("https://example.org/path").is_err());
        assert!(super::check_origin("https://").is_err());
        assert!(super::check_origin("ftp://example.org").is_err());
    }
}
