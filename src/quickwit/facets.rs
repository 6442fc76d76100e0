//! `facets --quickwit`: the matching set counted by actor, speaker or source with Quickwit's
//! aggregations: a `terms` aggregation on the value's keyword field (passages: its document
//! count) with a `cardinality` aggregation of the cluster (or, with all copies, the article id)
//! inside it (articles), and the same cardinality over the whole matching set (the share).
//!
//! What differs from the local view, and why: names are counted as written (the local view also
//! joins variants such as a bare surname and its full name, from corpus-wide name statistics that
//! Quickwit does not hold); Quickwit ranks the buckets by passages, so more buckets than shown are
//! asked for and ranked again by articles (a value with many articles but few passages past that
//! cut can be missed); cardinality is HyperLogLog, exact for small counts and within a few percent
//! on large ones. By year and month are not offered: Quickwit's date histograms have fixed
//! intervals, not calendar months.

use serde_json::{json, Value as Json};

use super::client::Client;
use super::config::{ACTORS, CLUSTER, DOC_ID, SOURCE, SPEAKERS};
use super::search::query_clause;
use super::translate::translate;
use crate::analysis::facets::{keep_top, Facet, FacetBy};
use crate::error::{Error, Result};
use crate::search::{self, query, Request};

/// The `top` values of `by` among the passages matching `req`, largest first (by articles, then
/// passages, then value), and the number of matching articles.
pub fn facets(
    client: &Client,
    index_id: &str,
    req: &Request,
    by: FacetBy,
    all_copies: bool,
    top: usize,
) -> Result<(Vec<Facet>, u64)> {
    let field = match by {
        FacetBy::Actor => ACTORS,
        FacetBy::Speaker => SPEAKERS,
        FacetBy::Source => SOURCE,
        FacetBy::Year | FacetBy::Month => {
            return Err(Error::Usage(
                "facets --by year|month does not work through Quickwit (its date histograms have fixed intervals, not calendar months): run it on a local index, or use --by actor|speaker|source".to_string(),
            ))
        }
    };
    // The same checks as a local search, then the translation.
    search::matching(&crate::index::Store::in_memory(), req)?;
    let t = translate(&query::parse(&req.query).map_err(Error::Query)?, req)?;
    let key = if all_copies { DOC_ID } else { CLUSTER };
    let buckets = top.saturating_mul(5).clamp(100, 10_000);
    let body = json!({
        "query": query_clause(&t),
        "size": 0,
        "aggs": {
            "total": { "cardinality": { "field": key } },
            "values": {
                "terms": { "field": field, "size": buckets },
                "aggs": { "articles": { "cardinality": { "field": key } } },
            },
        },
    });
    let answer = client.es_search(index_id, &body)?;
    let count = |v: Option<&Json>| v.and_then(Json::as_f64).unwrap_or(0.0).round() as u64;
    let total = count(answer.pointer("/aggregations/total/value"));
    let mut out: Vec<Facet> = answer
        .pointer("/aggregations/values/buckets")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|b| {
            let value = b.get("key")?.as_str()?.to_string();
            let articles = count(b.pointer("/articles/value"));
            (!value.is_empty()).then(|| Facet {
                share: articles as f64 / total.max(1) as f64,
                passages: count(b.get("doc_count")),
                articles,
                value,
            })
        })
        .collect();
    keep_top(&mut out, top);
    Ok((out, total))
}
