//! The endpoints. Each parses its query string into the command's arguments (`params`), runs the
//! command's view on a blocking thread (`state::blocking`) and answers with the objects the
//! command prints with `--format json`, wrapped in one JSON object:
//! `/api/search` `{"total", "hits"}`, `/api/facets` `{"total", "facets"}`, `/api/timeline`
//! `{"points"}`, `/api/quotes` `{"quotes"}`; `/api/export` streams JSON Lines;
//! `/api/article/{id}` is one `export` object; `/api/stats` the `stats` object. With
//! `--quickwit` the views are the CLI's `--quickwit` views and export answers 501.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, RawQuery, State as Shared};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Serialize;
use tokio::sync::mpsc;

use super::errors::ApiError;
use super::params::{self, Params};
use super::state::{blocking, State};
use crate::commands::analysis::{export_each, facet_rows, quote_rows, timeline_points};
use crate::commands::{quickwit, request, search_request, stats};
use crate::{analysis, output, search};

/// Bytes of JSON Lines gathered before a chunk of an export is sent.
const EXPORT_CHUNK: usize = 64 * 1024;
/// Longest an export waits for the client to take a chunk before it gives up.
const EXPORT_SEND_DEADLINE: Duration = Duration::from_secs(30);

type Answer = Result<Response, ApiError>;

/// A JSON answer (serialized on the blocking thread that computed it).
fn json_body(value: &impl Serialize) -> Result<Bytes, ApiError> {
    serde_json::to_vec(value)
        .map(Bytes::from)
        .map_err(|e| ApiError::internal(format!("cannot serialize the answer: {e}")))
}

fn json(body: Bytes) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

/// `GET /healthz`.
pub async fn healthz() -> Response {
    json(Bytes::from_static(b"{\"status\":\"ok\"}"))
}

/// Anything else.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such page or endpoint: the API is under /api/ (see README)")
}

#[derive(Serialize)]
struct SearchPage<'a> {
    total: u64,
    hits: &'a [search::Hit],
}

/// `GET /api/search`.
pub async fn search(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), "/api/search", params::SEARCH)?;
    let (args, offset) = params::search(&p)?;
    let mut req = search_request(&args)?;
    req.offset = offset;
    let body = blocking(&st, move |st| {
        if let Some(remote) = &st.remote {
            let hits = quickwit::search(remote, &req)?;
            let total = quickwit::total(remote, &req)?;
            return json_body(&SearchPage { total, hits: &hits });
        }
        let local = st.local("search")?;
        let searcher = local.searcher();
        let clusters = local.clusters(&searcher)?;
        let hits = search::search_with(&local.store, &searcher, &clusters, &req)?;
        let docs = analysis::matching_docs(&local.store, &searcher, &req)?;
        let total = analysis::total::total(&searcher, &clusters, &docs, &req)?;
        json_body(&SearchPage { total, hits: &hits })
    })
    .await?;
    Ok(json(body))
}

#[derive(Serialize)]
struct FacetsPage<'a> {
    total: u64,
    facets: &'a [analysis::facets::Facet],
}

/// `GET /api/facets`.
pub async fn facets(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), "/api/facets", params::FACETS)?;
    let args = params::facets(&p)?;
    request(args.query.clone(), args.filters.clone())?;
    let body = blocking(&st, move |st| {
        let (rows, total) = st.backend("facets", |b| facet_rows(b, &args))?;
        json_body(&FacetsPage {
            total,
            facets: &rows,
        })
    })
    .await?;
    Ok(json(body))
}

/// `GET /api/timeline`.
pub async fn timeline(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), "/api/timeline", params::TIMELINE)?;
    let args = params::timeline(&p)?;
    for q in &args.queries {
        request(q.clone(), args.filters.clone())?;
    }
    let body = blocking(&st, move |st| {
        let points = st.backend("timeline", |b| timeline_points(b, &args))?;
        json_body(&serde_json::json!({ "points": points }))
    })
    .await?;
    Ok(json(body))
}

/// `GET /api/quotes`.
pub async fn quotes(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), "/api/quotes", params::QUOTES)?;
    let args = params::quotes(&p)?;
    request(args.query.clone(), args.filters.clone())?;
    let body = blocking(&st, move |st| {
        let rows = st.backend("quotes", |b| quote_rows(b, &args))?;
        json_body(&serde_json::json!({ "quotes": rows }))
    })
    .await?;
    Ok(json(body))
}

/// `GET /api/article/{id}`: the `export` object of one article (all its passages count as
/// matched).
pub async fn article(Shared(st): Shared<Arc<State>>, Path(id): Path<String>) -> Answer {
    if id.len() > params::MAX_VALUE_BYTES {
        return Err(ApiError::bad_request(format!(
            "article id is {} bytes long: at most {}",
            id.len(),
            params::MAX_VALUE_BYTES
        )));
    }
    let body = blocking(&st, move |st| {
        let mut found = None;
        if let Some(remote) = &st.remote {
            found = quickwit::article(remote, &id)?;
        } else {
            let local = st.local("an article")?;
            let searcher = local.searcher();
            let docs = analysis::article_passages(&local.store, &searcher, &id)?;
            analysis::export::export(&local.store, &searcher, &docs, false, |obj| {
                found = Some(obj);
                Ok(())
            })?;
        }
        match found {
            Some(obj) => json_body(&obj),
            None => Err(ApiError::not_found(format!(
                "no article with id `{}` in the index",
                output::neutralize(&id)
            ))),
        }
    })
    .await?;
    Ok(json(body))
}

/// `GET /api/stats`: what `stats --format json` prints.
pub async fn stats(Shared(st): Shared<Arc<State>>) -> Answer {
    let body = blocking(&st, move |st| {
        if let Some(remote) = &st.remote {
            return json_body(&quickwit::stats(remote)?);
        }
        json_body(&stats::compute(&st.local("stats")?.store.dir)?)
    })
    .await?;
    Ok(json(body))
}

/// `GET /api/export`: the matching articles as JSON Lines, streamed as they are read. A client
/// that stops reading for [`EXPORT_SEND_DEADLINE`] ends its export.
pub async fn export(Shared(st): Shared<Arc<State>>, RawQuery(q): RawQuery) -> Answer {
    let p = Params::parse(q.as_deref(), "/api/export", params::EXPORT)?;
    let args = params::export(&p)?;
    // A bad query or filter is a 400 before anything is streamed.
    let req = request(args.query.clone(), args.filters.clone())?;
    let store = &st.local("export")?.store;
    crate::search::matching(store, &req)?;
    let (tx, rx) = mpsc::channel::<std::io::Result<Bytes>>(4);
    let permit = st
        .work
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("the work pool is closed"))?;
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let send = |chunk: Vec<u8>| -> std::io::Result<()> {
            let sent = handle.block_on(tokio::time::timeout(
                EXPORT_SEND_DEADLINE,
                tx.send(Ok(Bytes::from(chunk))),
            ));
            match sent {
                Ok(Ok(())) => Ok(()),
                _ => Err(std::io::ErrorKind::BrokenPipe.into()),
            }
        };
        let mut buf = Vec::with_capacity(EXPORT_CHUNK);
        let Ok(local) = st.local("export") else {
            return;
        };
        let result = export_each(&local.store, &local.searcher(), &args, |obj| {
            output::json::line(&mut buf, &serde_json::Value::Object(obj))?;
            if buf.len() >= EXPORT_CHUNK {
                send(std::mem::take(&mut buf))?;
            }
            Ok(())
        });
        match result {
            Ok(_) if !buf.is_empty() => {
                let _ = send(buf);
            }
            Ok(_) => {}
            Err(crate::error::Error::Io { source, .. })
                if source.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(e) => {
                eprintln!("dossier: serve: export stopped: {e}");
                // The stream ends with an error: the client sees a cut response, not a whole one.
                let _ = tx.blocking_send(Err(std::io::Error::other("export failed")));
            }
        }
    });
    let body = Body::new(ChannelBody(rx));
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")],
        body,
    )
        .into_response())
}

/// A response body fed by a channel of chunks.
struct ChannelBody(mpsc::Receiver<std::io::Result<Bytes>>);

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        self.0
            .poll_recv(cx)
            .map(|chunk| chunk.map(|r| r.map(http_body::Frame::data)))
    }
}
