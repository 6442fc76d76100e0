//! `dossier serve`: a web page and a JSON API over one index, read-only: a local index, or a
//! Quickwit cluster's (`--quickwit`).
//!
//! The pieces, a file each: `state.rs` (the open index, a reader that reloads on new commits,
//! the clusters of the current generation, the bounded pool of index work), `params.rs` (query
//! strings into the same arguments and `search::Request` the command line builds), `api.rs` (the
//! endpoints: the CLI's views, serialized by the same types), `errors.rs` (JSON errors),
//! `security.rs` (token, host check, headers, CORS, size caps), `assets.rs` (the embedded page).
//!
//! Connections are served by hyper's HTTP/1 with a header read timeout, which also closes idle
//! keep-alive connections, and a cap on open connections; index work runs on tokio's blocking
//! threads, a bounded number at a time, each request with a deadline.

mod api;
mod assets;
mod errors;
mod params;
mod security;
mod state;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use state::State;

/// Most connections open at once; more are closed as soon as they are accepted.
const MAX_CONNECTIONS: usize = 512;
/// Largest request head hyper buffers (request line and headers).
const MAX_HEAD_BYTES: usize = 16 * 1024;

/// What `dossier serve` was asked for (resolved and checked by `commands::serve`).
#[derive(Debug, Clone)]
pub struct Config {
    /// The index folder.
    pub index: PathBuf,
    /// Address to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// The token every request must carry, if any.
    pub token: Option<String>,
    /// The one origin allowed to call the API from another site, if any.
    pub cors: Option<String>,
    /// Time a client has to send a request's headers (and an idle connection stays open).
    pub header_timeout: Duration,
    /// The Quickwit cluster to answer from instead of the local index (when `quickwit` is set).
    pub remote: crate::cli::QuickwitArgs,
}

/// Serves until Ctrl-C (or SIGTERM). Prints the URL on stdout once listening.
pub fn run(cfg: Config) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("dossier-serve")
        .max_blocking_threads(state::work_slots())
        .build()
        .map_err(|source| Error::Io {
            path: "<runtime>".into(),
            source,
        })?;
    runtime.block_on(serve(cfg))?;
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}

async fn serve(cfg: Config) -> Result<()> {
    let listener = TcpListener::bind(cfg.addr).await.map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {}: {e}; pick another --addr (port 0 takes a free one)",
            cfg.addr
        ))
    })?;
    let bound = listener.local_addr().map_err(|source| Error::Io {
        path: cfg.addr.to_string().into(),
        source,
    })?;
    let state = Arc::new(State::open(&cfg, bound)?);
    let app = router(state);
    {
        // The served URL is the first one on the line (scripts take it from there).
        let line = match &cfg.remote.quickwit {
            Some(node) => format!(
                "dossier: serving at http://{bound}/ the Quickwit index `{}` of {node} (Ctrl-C stops)",
                cfg.remote.index_id
            ),
            None => format!(
                "dossier: serving {} at http://{bound}/ (Ctrl-C stops)",
                cfg.index.display()
            ),
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(cfg.header_timeout)
        .max_buf_size(MAX_HEAD_BYTES);
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: wait a little instead of spinning.
                eprintln!("dossier: serve: cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |req| {
            let mut app = app.clone();
            async move { tower::Service::call(&mut app, req).await }
        });
        let conn = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    eprintln!("dossier: serve stopped");
    Ok(())
}

/// The routes, behind the security layer.
fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(assets::page))
        .route("/app.js", get(assets::script))
        .route("/app.css", get(assets::style))
        .route("/login", get(assets::login).post(security::login))
        .route("/healthz", get(api::healthz))
        .route("/api/search", get(api::search))
        .route("/api/facets", get(api::facets))
        .route("/api/timeline", get(api::timeline))
        .route("/api/quotes", get(api::quotes))
        .route("/api/export", get(api::export))
        .route("/api/article/{id}", get(api::article))
        .route("/api/stats", get(api::stats))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .with_state(state)
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term => {},
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}
