//! What `dossier serve --quickwit` says about the index in its header (`/api/stats`): articles,
//! passages, distinct actors and the range of article dates, from one aggregation request.
//! Articles and actors are cardinalities (HyperLogLog: exact for small counts, within a few
//! percent on large ones); passages and dates are exact.

use serde::Serialize;
use serde_json::{json, Value as Json};

use super::client::Client;
use super::config::{ACTORS, DATE, DOC_ID};
use super::search::count;
use crate::error::Result;
use crate::extract::types::CivilDate;

/// The `/api/stats` object through Quickwit (the keys the local `stats` object shares, and where
/// the counts come from).
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Distinct article ids.
    pub articles: u64,
    /// Passage documents.
    pub passages: u64,
    /// Distinct actor names.
    pub actors: u64,
    /// Earliest article date (ISO), if any.
    pub first_date: Option<String>,
    /// Latest article date (ISO), if any.
    pub last_date: Option<String>,
    /// The node answering.
    pub quickwit: String,
    /// The Quickwit index.
    pub index_id: String,
}

/// The statistics of index `index_id`.
pub fn stats(client: &Client, index_id: &str) -> Result<Stats> {
    let body = json!({
        "query": { "match_all": {} },
        "size": 0,
        "track_total_hits": true,
        "aggs": {
            "articles": { "cardinality": { "field": DOC_ID } },
            "actors": { "cardinality": { "field": ACTORS } },
            "first": { "min": { "field": DATE } },
            "last": { "max": { "field": DATE } },
        },
    });
    let answer = client.es_search(index_id, &body)?;
    // Quickwit answers the minimum and maximum of a datetime field in nanoseconds.
    let day = |name: &str| {
        let ns = answer
            .pointer(&format!("/aggregations/{name}/value"))
            .and_then(Json::as_f64)?;
        let days = (ns / 1e9 / 86_400.0).floor() as i64;
        Some(CivilDate::from_days_since_epoch(days).to_string())
    };
    Ok(Stats {
        articles: count(answer.pointer("/aggregations/articles/value")),
        passages: count(answer.pointer("/hits/total/value")),
        actors: count(answer.pointer("/aggregations/actors/value")),
        first_date: day("first"),
        last_date: day("last"),
        quickwit: client.node().to_string(),
        index_id: index_id.to_string(),
    })
}
