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
//! on large ones. By year and month count the period fields the export writes for `timeline`
//! (Quickwit's date histograms have fixed intervals, not calendar months).

use serde_json::{json, Value as Json};

use super::client::Client;
use super::config::{period_field, ACTORS, CLUSTER, DOC_ID, SOURCE, SPEAKERS};
use super::search::{checked, count, query_clause};
use crate::analysis::facets::{keep_top, Facet, FacetBy};
use crate::analysis::timeline::Period;
use crate::error::Result;
use crate::search::Request;

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
        FacetBy::Year => period_field(Period::Year, false),
        FacetBy::Month => period_field(Period::Month, false),
    };
    // Periods travel as their first day; the facet value is the year or the month.
    let label = |key: &str| -> String {
        match by {
            FacetBy::Year => key.get(..4).unwrap_or(key).to_string(),
            FacetBy::Month => key.get(..7).unwrap_or(key).to_string(),
            _ => key.to_string(),
        }
    };
    let t = checked(req)?;
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
    let total = count(answer.pointer("/aggregations/total/value"));
    let mut out: Vec<Facet> = answer
        .pointer("/aggregations/values/buckets")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|b| {
            let value = label(b.get("key")?.as_str()?);
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
