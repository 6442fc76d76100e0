//! What every request shares: the open index, a reader that picks up new commits by itself
//! (a concurrent `dossier index` shows without a restart), the near-duplicate clusters of the
//! reader's current generation, and the bounded pool of index work with its deadline. Or, with
//! `--quickwit`, no local index but the cluster the requests are sent to.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tantivy::{IndexReader, ReloadPolicy, Searcher};
use tokio::sync::Semaphore;

use super::errors::ApiError;
use super::Config;
use crate::commands::analysis::Backend;
use crate::dupes::Clusters;
use crate::error::Result;
use crate::index::{self, Store};

/// Longest a request may wait for and do index work before it is answered 503.
const WORK_DEADLINE: Duration = Duration::from_secs(30);

/// Index requests running at once: two per core (at least 4); the rest wait their turn. The
/// runtime keeps as many blocking threads and no more, so memory does not grow with thread churn
/// (each new thread can take a fresh malloc arena).
pub fn work_slots() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores * 2).max(4)
}

/// The local index and what is kept of it between requests.
pub struct Local {
    /// The index.
    pub store: Store,
    reader: IndexReader,
    /// Clusters of one searcher generation (recomputed or reloaded when a commit lands).
    clusters: Mutex<Option<(u64, Arc<Clusters>)>>,
}

/// Shared by all requests.
pub struct State {
    /// The local index, unless the requests go to a Quickwit cluster.
    local: Option<Local>,
    /// The Quickwit cluster, when the requests go there (one client for all of them).
    pub remote: Option<crate::commands::quickwit::Remote>,
    /// Index work running at once ([`work_slots`]).
    pub work: Arc<Semaphore>,
    /// The token requests must carry.
    pub token: Option<String>,
    /// The origin allowed to call the API from another site.
    pub cors: Option<String>,
    /// The `Host` header values accepted (loopback only; see `security`).
    pub hosts: Vec<String>,
}

impl State {
    /// Opens the index of `cfg` (or, with a Quickwit cluster, nothing), served at `bound`.
    pub fn open(cfg: &Config, bound: SocketAddr) -> Result<State> {
        let local = if cfg.remote.quickwit.is_some() {
            None
        } else {
            let store = Store::open(&cfg.index)?;
            let reader = store
                .index
                .reader_builder()
                .reload_policy(ReloadPolicy::OnCommitWithDelay)
                .try_into()
                .map_err(|e| index::damaged(&store.dir, e))?;
            Some(Local {
                store,
                reader,
                clusters: Mutex::new(None),
            })
        };
        let port = bound.port();
        let hosts = if bound.ip().is_loopback() {
            vec![
                bound.to_string(),
                format!("localhost:{port}"),
                format!("127.0.0.1:{port}"),
                format!("[::1]:{port}"),
            ]
        } else {
            Vec::new()
        };
        Ok(State {
            local,
            remote: match cfg.remote.quickwit {
                Some(_) => Some(crate::commands::quickwit::Remote::new(&cfg.remote)?),
                None => None,
            },
            work: Arc::new(Semaphore::new(work_slots())),
            token: cfg.token.clone(),
            cors: cfg.cors.clone(),
            hosts,
        })
    }

    /// The local index, or a 501 naming what serving through Quickwit cannot do.
    pub fn local(&self, what: &str) -> std::result::Result<&Local, ApiError> {
        self.local.as_ref().ok_or_else(|| {
            ApiError::with(
                axum::http::StatusCode::NOT_IMPLEMENTED,
                format!("{what} needs a local index: this server answers from a Quickwit cluster (run dossier serve without --quickwit on the index instead)"),
            )
        })
    }
}

impl State {
    /// Runs `view` on where this server answers from: the cluster, or the local index as its
    /// reader sees it now.
    pub fn backend<T>(
        &self,
        what: &str,
        view: impl FnOnce(Backend) -> crate::error::Result<T>,
    ) -> std::result::Result<T, ApiError> {
        if let Some(remote) = &self.remote {
            return Ok(view(Backend::Quickwit(remote))?);
        }
        let local = self.local(what)?;
        let searcher = local.searcher();
        Ok(view(Backend::Local(&local.store, &searcher))?)
    }
}

impl Local {
    /// A searcher over the last commit the reader has seen.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The near-duplicate clusters as `searcher` sees them, loaded once per generation.
    pub fn clusters(&self, searcher: &Searcher) -> Result<Arc<Clusters>> {
        let generation = searcher.generation().generation_id();
        if let Some((g, c)) = &*self.clusters.lock().unwrap_or_else(|p| p.into_inner()) {
            if *g == generation {
                return Ok(c.clone());
            }
        }
        let loaded = Arc::new(Clusters::load(&self.store.dir, searcher)?);
        *self.clusters.lock().unwrap_or_else(|p| p.into_inner()) =
            Some((generation, loaded.clone()));
        Ok(loaded)
    }
}

/// Runs `work` on a blocking thread when the pool has room, within the deadline.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<State>,
    work: impl FnOnce(&State) -> std::result::Result<T, ApiError> + Send + 'static,
) -> std::result::Result<T, ApiError> {
    let state = state.clone();
    let run = async move {
        let permit = state
            .work
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the work pool is closed"))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&state)
        })
        .await
        .map_err(|_| ApiError::internal("a request failed (the server's log says why)"))?
    };
    tokio::time::timeout(WORK_DEADLINE, run)
        .await
        .unwrap_or_else(|_| Err(ApiError::too_slow(WORK_DEADLINE)))
}
