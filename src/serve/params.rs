//! Query strings into the arguments the command line parses (`cli::SearchArgs`,
//! `cli::FacetsArgs`, ...), so an endpoint runs exactly what its command runs. Parameters are
//! named like the flags (`actor`, `since`, `per_article`, ...); repeated filters repeat the
//! parameter (`actor=a&actor=b`); flags take `1` or `0`. Unknown and repeated single parameters,
//! values that are too long and limits above [`MAX_LIMIT`] are refused with one line.

use clap::ValueEnum;

use super::errors::ApiError;
use crate::cli;

/// Most hits, rows or quotations one answer holds.
pub const MAX_LIMIT: usize = 1000;
/// Deepest page: hits skipped before the first one returned.
pub const MAX_OFFSET: usize = 100_000;
/// Longest value of one parameter (a query among them), in bytes.
pub const MAX_VALUE_BYTES: usize = 1000;
/// Most parameters in one request.
const MAX_PARAMS: usize = 64;
/// Most series of one timeline.
const MAX_SERIES: usize = 10;

const FILTERS: &[&str] = &[
    "actor", "speaker", "source", "quotes", "since", "until", "mentions",
];

/// The parameters each endpoint takes besides the filters.
pub const SEARCH: &[&str] = &["q", "limit", "offset", "sort", "per_article", "all_copies"];
/// See [`SEARCH`].
pub const FACETS: &[&str] = &["q", "by", "top", "all_copies"];
/// See [`SEARCH`].
pub const TIMELINE: &[&str] = &["q", "by", "mentions_axis", "all_copies"];
/// See [`SEARCH`].
pub const QUOTES: &[&str] = &["q", "sort", "limit", "all_copies"];
/// See [`SEARCH`].
pub const EXPORT: &[&str] = &["q", "unique"];

/// The decoded parameters of one request.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes `query` for `endpoint`, which takes the filters and `own`.
    pub fn parse(query: Option<&str>, endpoint: &str, own: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if pairs.len() > MAX_PARAMS {
            return Err(ApiError::bad_request(format!(
                "{} parameters: {endpoint} takes at most {MAX_PARAMS}",
                pairs.len()
            )));
        }
        for (k, v) in &pairs {
            if !own.contains(&k.as_str()) && !FILTERS.contains(&k.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{}` for {endpoint}: it takes {}",
                    clip(k),
                    own.iter()
                        .chain(FILTERS)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            if v.len() > MAX_VALUE_BYTES {
                return Err(ApiError::bad_request(format!(
                    "parameter `{k}` is {} bytes long: at most {MAX_VALUE_BYTES}",
                    v.len()
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// Every value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The value of a parameter given at most once.
    pub fn one(&self, key: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self.pairs.iter().filter(|(k, _)| k == key);
        let first = values.next().map(|(_, v)| v.as_str());
        if values.next().is_some() {
            return Err(ApiError::bad_request(format!(
                "parameter `{key}` is given twice: give it once"
            )));
        }
        Ok(first)
    }

    /// A flag: `1` (or `true`) sets it, `0` (or `false`) or no parameter leaves it unset.
    pub fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.one(key)? {
            None | Some("0") | Some("false") => Ok(false),
            Some("1") | Some("true") | Some("") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!(
                "parameter `{key}` takes 1 or 0, not `{}`",
                clip(v)
            ))),
        }
    }

    /// A whole number from `min` to `max`, or `default` when absent.
    pub fn number(
        &self,
        key: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ApiError> {
        let Some(v) = self.one(key)? else {
            return Ok(default);
        };
        let n: usize = v.trim().parse().map_err(|_| {
            ApiError::bad_request(format!(
                "parameter `{key}` takes a whole number, not `{}`",
                clip(v)
            ))
        })?;
        if n < min || n > max {
            return Err(ApiError::bad_request(format!(
                "parameter `{key}` is {n}: use {min} to {max}{}",
                if key == "limit" {
                    " (page with offset)"
                } else {
                    ""
                }
            )));
        }
        Ok(n)
    }

    /// One of the values of a command-line choice (`by=speaker`), or `default`.
    pub fn choice<E: ValueEnum>(&self, key: &str, default: E) -> Result<E, ApiError> {
        let Some(v) = self.one(key)? else {
            return Ok(default);
        };
        E::from_str(v, true).map_err(|_| {
            let names: Vec<String> = E::value_variants()
                .iter()
                .filter_map(|e| e.to_possible_value().map(|p| p.get_name().to_string()))
                .collect();
            ApiError::bad_request(format!(
                "parameter `{key}` takes {}, not `{}`",
                names.join(", "),
                clip(v)
            ))
        })
    }

    /// The query: `q`, `*` (every passage) when absent.
    pub fn query(&self) -> Result<String, ApiError> {
        Ok(self.one("q")?.unwrap_or("*").to_string())
    }
}

/// A value quoted back in a message, cut short.
fn clip(v: &str) -> String {
    let cut: String = v.chars().take(40).collect();
    crate::output::neutralize(&cut).into_owned()
}

/// The filters every endpoint takes.
pub fn filters(p: &Params) -> Result<cli::Filters, ApiError> {
    Ok(cli::Filters {
        actor: p.all("actor"),
        source: p.all("source"),
        speaker: p.all("speaker"),
        quotes: p.flag("quotes")?,
        since: p
            .one("since")?
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        until: p
            .one("until")?
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        mentions: p.all("mentions"),
    })
}

/// `/api/search`: the arguments of `search`, and the offset.
pub fn search(p: &Params) -> Result<(cli::SearchArgs, usize), ApiError> {
    let args = cli::SearchArgs {
        remote: Default::default(),
        query: p.query()?,
        filters: filters(p)?,
        limit: p.number("limit", 10, 1, MAX_LIMIT)? as u32,
        sort: p.choice("sort", cli::Sort::Score)?,
        per_article: match p.one("per_article")? {
            None | Some("") => None,
            Some(_) => Some(p.number("per_article", 1, 1, MAX_LIMIT)? as u32),
        },
        all_copies: p.flag("all_copies")?,
        format: cli::Format::Json,
        color: cli::Color::Never,
    };
    Ok((args, p.number("offset", 0, 0, MAX_OFFSET)?))
}

/// `/api/facets`.
pub fn facets(p: &Params) -> Result<cli::FacetsArgs, ApiError> {
    Ok(cli::FacetsArgs {
        remote: Default::default(),
        query: p.query()?,
        filters: filters(p)?,
        by: p.choice("by", cli::FacetBy::Actor)?,
        top: p.number("top", 20, 1, MAX_LIMIT)?,
        all_copies: p.flag("all_copies")?,
        format: cli::Format::Json,
    })
}

/// `/api/timeline`: `q` repeated for several series.
pub fn timeline(p: &Params) -> Result<cli::TimelineArgs, ApiError> {
    let mut queries = p.all("q");
    if queries.is_empty() {
        queries.push("*".into());
    }
    if queries.len() > MAX_SERIES {
        return Err(ApiError::bad_request(format!(
            "{} queries: a timeline draws at most {MAX_SERIES} series",
            queries.len()
        )));
    }
    Ok(cli::TimelineArgs {
        queries,
        filters: filters(p)?,
        by: p.choice("by", cli::PeriodArg::Month)?,
        mentions_axis: p.flag("mentions_axis")?,
        all_copies: p.flag("all_copies")?,
        plot: None,
        chart: cli::MeasureArg::Articles,
        format: cli::Format::Json,
        remote: Default::default(),
    })
}

/// `/api/quotes`.
pub fn quotes(p: &Params) -> Result<cli::QuotesArgs, ApiError> {
    Ok(cli::QuotesArgs {
        query: p.query()?,
        filters: filters(p)?,
        sort: p.choice("sort", cli::QuoteSortArg::Date)?,
        limit: p.number("limit", 50, 1, MAX_LIMIT)?,
        all_copies: p.flag("all_copies")?,
        format: cli::Format::Json,
        remote: Default::default(),
    })
}

/// `/api/export`.
pub fn export(p: &Params) -> Result<cli::ExportArgs, ApiError> {
    Ok(cli::ExportArgs {
        to: None,
        index_id: None,
        query: p.query()?,
        filters: filters(p)?,
        format: cli::ExportFormat::Jsonl,
        out: None,
        unique: p.flag("unique")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<Params, ApiError> {
        Params::parse(Some(q), "/api/search", SEARCH)
    }

    #[test]
    fn repeated_filters_and_flags() {
        let p = parse("q=vote&actor=Jane+Roe&actor=John%20Smith&quotes=1").unwrap();
        let (args, offset) = search(&p).unwrap();
        assert_eq!(args.query, "vote");
        assert_eq!(args.filters.actor, ["Jane Roe", "John Smith"]);
        assert!(args.filters.quotes);
        assert_eq!((args.limit, offset), (10, 0));
    }

    #[test]
    fn refusals() {
        let msg = |q: &str| match parse(q).and_then(|p| search(&p).map(|_| ())) {
            Err(e) => (e.status.as_u16(), e.message),
            Ok(()) => (200, String::new()),
        };
        assert_eq!(msg("limit=1000").0, 200);
        assert_eq!(msg("limit=1001").0, 400);
        assert!(msg("limit=1001").1.contains("1 to 1000"));
        assert!(msg("limt=3").1.contains("unknown parameter `limt`"));
        assert!(msg("limit=1&limit=2").1.contains("twice"));
        assert!(msg("quotes=yes").1.contains("takes 1 or 0"));
        assert!(msg("sort=random").1.contains("score, date"));
        assert_eq!(msg(&format!("q={}", "a".repeat(1001))).0, 400);
    }
}
