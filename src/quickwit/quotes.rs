//! `quotes --quickwit`: the distinct quotations of the matching passages, from the quotations
//! Quickwit stores with each passage document (`quotes_json`), gathered by the same table as the
//! local view ([`crate::analysis::quotes::QuoteTable`]). No aggregation can do this: every
//! matching passage that holds a quotation is fetched, page by page.

use super::client::Client;
use super::search::{checked, fetch_hits};
use crate::analysis::quotes::{Carrier, QuoteRow, QuoteSort, QuoteTable};
use crate::error::Result;
use crate::index::article_key;
use crate::search::{Request, SortBy};

/// The quotations of the passages matching `req` (which should ask for quotations only),
/// counted by cluster unless `all_copies`.
pub fn quotes(
    client: &Client,
    index_id: &str,
    req: &Request,
    all_copies: bool,
    sort: QuoteSort,
) -> Result<Vec<QuoteRow>> {
    let t = checked(req)?;
    let mut table = QuoteTable::new(&req.speakers);
    for (_, s) in fetch_hits(client, index_id, &t, SortBy::Date, usize::MAX)? {
        if s.quotes_json.is_none() {
            continue;
        }
        let found = s.quotes();
        let key = article_key(if all_copies { &s.doc_id } else { s.group() });
        let carrier = Carrier {
            key,
            date: s.day(),
            title: s.title,
            source: s.source,
            doc_id: s.doc_id,
        };
        table.add(&carrier, found);
    }
    Ok(table.rows(sort))
}
