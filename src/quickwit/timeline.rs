//! `timeline --quickwit`: a query's matching passages and articles per period, from Quickwit's
//! aggregations: a `terms` aggregation on the period field of the requested length and axis
//! ([`super::config::period_field`], filled by the export with the same period starts the local
//! timeline computes) with a `cardinality` of the cluster (or, with all copies, the article id)
//! inside it. Passages are exact; articles are HyperLogLog counts, exact for small numbers.
//!
//! Quickwit's own date histograms take fixed intervals only (no calendar months or years, weeks
//! only from its epoch), so the periods travel as keywords instead.

use serde_json::{json, Value as Json};

use super::client::Client;
use super::config::{period_field, CLUSTER, DOC_ID};
use super::search::{checked, count, query_clause};
use crate::analysis::timeline::{Period, Series};
use crate::error::{Error, Result};
use crate::extract::types::CivilDate;
use crate::search::Request;

/// Most periods one series may hold (Quickwit answers at most 65,000 buckets per request).
const MAX_PERIODS: usize = 60_000;

/// The counts of `req` by `by` period (of the article date, or of the mentioned dates).
pub fn series(
    client: &Client,
    index_id: &str,
    req: &Request,
    by: Period,
    mentions_axis: bool,
    all_copies: bool,
) -> Result<Series> {
    let t = checked(req)?;
    let key = if all_copies { DOC_ID } else { CLUSTER };
    let body = json!({
        "query": query_clause(&t),
        "size": 0,
        "aggs": {
            "periods": {
                "terms": { "field": period_field(by, mentions_axis), "size": MAX_PERIODS },
                "aggs": { "articles": { "cardinality": { "field": key } } },
            },
        },
    });
    let answer = client.es_search(index_id, &body)?;
    let bad = |what: String| Error::Quickwit {
        node: client.node().to_string(),
        what,
    };
    if count(answer.pointer("/aggregations/periods/sum_other_doc_count")) > 0 {
        return Err(Error::Usage(format!(
            "the matches span more than {MAX_PERIODS} periods: use a coarser --by"
        )));
    }
    let buckets = answer
        .pointer("/aggregations/periods/buckets")
        .and_then(Json::as_array)
        .ok_or_else(|| {
            bad("answered without period buckets: was the index pushed by this version of dossier (its config has the period fields)?".to_string())
        })?;
    let mut out = Series::new();
    for b in buckets {
        let key = b.get("key").and_then(Json::as_str).unwrap_or_default();
        let start = CivilDate::parse_iso(key)
            .ok_or_else(|| bad(format!("answered a period `{key}` that is not a date")))?;
        out.insert(
            start,
            (
                count(b.get("doc_count")),
                count(b.pointer("/articles/value")),
            ),
        );
    }
    Ok(out)
}
