//! Glue of the Quickwit faces: `export --to quickwit` (an export folder from the local index),
//! `push` (the folder into a cluster), `search --quickwit` (the same hits from the cluster) and
//! `facets`, `timeline` and `quotes --quickwit` (from its aggregations and stored documents), and
//! what `serve --quickwit` asks of it.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use super::{EXIT_NO_MATCH, EXIT_OK};
use crate::cli;
use crate::error::{Error, Result};
use crate::index::Store;
use crate::quickwit::client::Client;
use crate::quickwit::config::{check_index_id, index_config, DEFAULT_INDEX_ID};
use crate::quickwit::push::{self, ExportInfo, PushConfig, CONFIG_FILE, DOCS_FILE, EXPORT_FILE};
use crate::search::{Hit, Request};

/// The cluster of `--quickwit URL` (or `$DOSSIER_QUICKWIT`) and the index asked there: one
/// client, made once per command or server, whose connections every request reuses.
pub struct Remote {
    client: Client,
    index_id: String,
}

impl Remote {
    /// The cluster `args` name; a usage error when they name none or a bad index id.
    pub fn new(args: &cli::QuickwitArgs) -> Result<Remote> {
        let url = args.quickwit.as_deref().ok_or_else(|| {
            Error::Usage(
                "no Quickwit node given: pass --quickwit http://HOST:PORT or set $DOSSIER_QUICKWIT"
                    .to_string(),
            )
        })?;
        check_index_id(&args.index_id).map_err(Error::Usage)?;
        Ok(Remote {
            client: Client::new(url, Duration::from_secs(args.timeout))?,
            index_id: args.index_id.clone(),
        })
    }
}

/// `search --quickwit`: the hits of `req` from the cluster.
pub fn search(remote: &Remote, req: &Request) -> Result<Vec<Hit>> {
    crate::quickwit::search::search(&remote.client, &remote.index_id, req)
}

/// `facets --quickwit`: the facet rows of `req` from the cluster's aggregations.
pub fn facets(
    remote: &Remote,
    req: &Request,
    by: crate::analysis::facets::FacetBy,
    all_copies: bool,
    top: usize,
) -> Result<(Vec<crate::analysis::facets::Facet>, u64)> {
    crate::quickwit::facets::facets(&remote.client, &remote.index_id, req, by, all_copies, top)
}

/// `timeline --quickwit`: one series per request from the cluster's aggregations.
pub fn timeline_series(
    remote: &Remote,
    requests: &[Request],
    by: crate::analysis::timeline::Period,
    mentions_axis: bool,
    all_copies: bool,
) -> Result<Vec<crate::analysis::timeline::Series>> {
    let client = &remote.client;
    requests
        .iter()
        .map(|req| {
            crate::quickwit::timeline::series(
                client,
                &remote.index_id,
                req,
                by,
                mentions_axis,
                all_copies,
            )
        })
        .collect()
}

/// `quotes --quickwit`: the quotations of the passages matching `req` that the cluster stores.
pub fn quotes(
    remote: &Remote,
    req: &Request,
    all_copies: bool,
    sort: crate::analysis::quotes::QuoteSort,
) -> Result<Vec<crate::analysis::quotes::QuoteRow>> {
    crate::quickwit::quotes::quotes(&remote.client, &remote.index_id, req, all_copies, sort)
}

/// The number of hits of `req` through the cluster, collapsed as the hits are.
pub fn total(remote: &Remote, req: &Request) -> Result<u64> {
    crate::quickwit::search::total(&remote.client, &remote.index_id, req)
}

/// One article put together from its passages in the cluster.
pub fn article(
    remote: &Remote,
    id: &str,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>> {
    crate::quickwit::article::article(&remote.client, &remote.index_id, id)
}

/// Fails with one line unless the cluster answers and holds the index.
pub fn check_index(remote: &Remote) -> Result<()> {
    let client = &remote.client;
    if client.index_exists(&remote.index_id)? {
        Ok(())
    } else {
        Err(Error::Quickwit {
            node: client.node().to_string(),
            what: format!(
                "no index `{}` there: push one with dossier push --quickwit {} (or pass --index-id)",
                remote.index_id,
                client.node()
            ),
        })
    }
}

/// The cluster's index statistics.
pub fn stats(remote: &Remote) -> Result<crate::quickwit::stats::Stats> {
    crate::quickwit::stats::stats(&remote.client, &remote.index_id)
}

/// `export --to quickwit --out DIR`: the index config and the documents of the passages matching
/// `req`. `export.json` is written last: a folder without it is an export that did not finish.
pub fn export(index_dir: &Path, req: &Request, out: &Path, index_id: Option<&str>) -> Result<i32> {
    let id = index_id.unwrap_or(DEFAULT_INDEX_ID);
    check_index_id(id).map_err(Error::Usage)?;
    let store = Store::open(index_dir)?;
    let searcher = store.searcher()?;
    let docs = crate::analysis::matching_docs(&store, &searcher, req)?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            path: path.clone(),
            source,
        }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let info_path = out.join(EXPORT_FILE);
    match std::fs::remove_file(&info_path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io(&info_path)(e)),
        _ => {}
    }
    let config_path = out.join(CONFIG_FILE);
    std::fs::write(&config_path, index_config(id)).map_err(io(&config_path))?;
    let docs_path = out.join(DOCS_FILE);
    let tmp = out.join(format!("{DOCS_FILE}.dossier-tmp"));
    let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    let mut w = io::BufWriter::with_capacity(1 << 20, file);
    let written = crate::quickwit::docs::write_docs(&store, &searcher, &docs, &mut w);
    let flushed = w.flush().map_err(io(&tmp));
    drop(w);
    let written = match written.and_then(|n| flushed.map(|_| n)) {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    std::fs::rename(&tmp, &docs_path).map_err(io(&docs_path))?;
    let stamp = format!(
        "{:?} {} {}",
        std::time::SystemTime::now(),
        std::process::id(),
        out.display()
    );
    let info = ExportInfo {
        export_id: xxhash_rust::xxh3::xxh3_64(stamp.as_bytes()) as u32,
        passages: written.passages,
        text_bytes: written.text_bytes,
    };
    let json = serde_json::to_string_pretty(&info).unwrap_or_default();
    std::fs::write(&info_path, json + "\n").map_err(io(&info_path))?;
    eprintln!(
        "dossier: exported {} passages ({:.1} MB of text) for Quickwit index `{id}` to {}",
        written.passages,
        written.text_bytes as f64 / 1e6,
        out.display()
    );
    Ok(if written.passages > 0 {
        EXIT_OK
    } else {
        EXIT_NO_MATCH
    })
}

/// `dossier push`.
pub fn run_push(args: cli::PushArgs) -> Result<i32> {
    let explicit_id = args.quickwit.index_id != DEFAULT_INDEX_ID;
    let client = Remote::new(&args.quickwit)?.client;
    let cfg = PushConfig {
        dir: args.from.clone(),
        index_id: explicit_id.then(|| args.quickwit.index_id.clone()),
        batch_bytes: (args.batch_kb as usize) << 10,
        delete_wait: Duration::from_secs(600),
        commit_wait: Duration::from_secs(300),
        progress: !args.quiet && io::stderr().is_terminal(),
    };
    let p = push::push(&client, &cfg)?;
    if !args.quiet {
        let mb = p.bytes as f64 / 1e6;
        let _ = writeln!(
            io::stderr(),
            "dossier: pushed {} documents in {} of {} batches to index `{}` at {}{} ({} already there, {} resumed); {:.1} MB in {:.1} s, {:.1} MB/s",
            p.docs,
            p.sent,
            p.batches,
            p.index_id,
            client.node(),
            if p.created { " (created)" } else { "" },
            p.skipped,
            p.recovered,
            mb,
            p.seconds,
            if p.seconds > 0.0 { mb / p.seconds } else { 0.0 },
        );
    }
    Ok(EXIT_OK)
}
