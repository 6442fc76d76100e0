//! The Quickwit index config (`index-config.yaml`): a doc mapping that mirrors dossier's passage
//! documents, and the names of its fields (shared by the documents, the translation and search).
//!
//! Quickwit 0.9 has no stemming tokenizer, so each stemmed field of the local index becomes two:
//! the original, stored for display and highlighting but not indexed, and its analyzed form
//! (`*_stem`: dossier's stems, one per word position), indexed with the `whitespace` tokenizer and
//! positions so phrases hold, and with field norms (Quickwit's default leaves them out) so BM25
//! normalizes by length as the local index does. Names are indexed the same way as lower-cased words (`*_words`) and
//! as exact values (fast, for counting). Dates are datetime fast fields; cluster and source fast
//! keywords. Nothing here is read back from Quickwit: the config is what `push` creates.

use crate::analysis::timeline::Period;

/// The identity of a passage: `doc_id` and passage number (`ID#N`).
pub const PID: &str = "pid";
/// Article id.
pub const DOC_ID: &str = "doc_id";
/// Near-duplicate cluster: its earliest article's id.
pub const CLUSTER: &str = "cluster";
/// Other articles in the cluster.
pub const COPIES: &str = "copies";
/// Article title (stored).
pub const TITLE: &str = "title";
/// Stems of the title.
pub const TITLE_STEM: &str = "title_stem";
/// Passage text (stored).
pub const TEXT: &str = "text";
/// Stems of the passage text.
pub const TEXT_STEM: &str = "text_stem";
/// Stems of each quotation (one value per quotation).
pub const QUOTE_STEM: &str = "quote_stem";
/// Quotations with speakers, as the JSON dossier stores locally (stored).
pub const QUOTES_JSON: &str = "quotes_json";
/// Canonical actor names (exact, fast, stored).
pub const ACTORS: &str = "actors";
/// Words of the actor names (one value per name).
pub const ACTOR_WORDS: &str = "actor_words";
/// Canonical speaker names (exact, fast).
pub const SPEAKERS: &str = "speakers";
/// Words of the speaker names.
pub const SPEAKER_WORDS: &str = "speaker_words";
/// Article date (datetime, fast).
pub const DATE: &str = "date";
/// First day of each date the passage mentions that resolves to a day, month, year... (fast).
pub const MENTIONED: &str = "mentioned";
/// Mention terms for `--mentions` (each value plus its years, months, days by granularity).
pub const MENTIONS: &str = "mentions";
/// ISO values of the mentioned dates (stored, fast).
pub const DATES: &str = "dates";
/// `quote` when the passage holds a quotation.
pub const FLAGS: &str = "flags";
/// Article source (exact, fast, stored).
pub const SOURCE: &str = "source";
/// The source lower-cased (indexed whole): what `--source` matches, as locally, in any case.
pub const SOURCE_KEY: &str = "source_key";
/// Stable tie-break key (fast), the local index's `order`.
pub const ORDER: &str = "order";
/// The push batch a document came in (fast): what a resumed push deletes.
pub const BATCH: &str = "batch";

/// The keyword field holding the first day (`YYYY-MM-DD`) of each `by` period a passage counts in
/// for `timeline --quickwit`: of the article date (one value at most), or with the mentions axis
/// of every mentioned date as coarse as `by` or finer (`crate::analysis::timeline::mention_period`).
/// A terms aggregation on it counts exactly what the local timeline counts.
pub fn period_field(by: Period, mentions_axis: bool) -> &'static str {
    match (mentions_axis, by) {
        (false, Period::Day) => "period_day",
        (false, Period::Week) => "period_week",
        (false, Period::Month) => "period_month",
        (false, Period::Year) => "period_year",
        (true, Period::Day) => "mention_day",
        (true, Period::Week) => "mention_week",
        (true, Period::Month) => "mention_month",
        (true, Period::Year) => "mention_year",
    }
}

/// Every period, finest first.
pub const PERIODS: [Period; 4] = [Period::Day, Period::Week, Period::Month, Period::Year];

/// A day as the datetime fields take it (RFC 3339, midnight UTC), for years 0 to 9999. Quickwit
/// reads Unix timestamps only between 1972 and 2242 (it guesses their unit from their size), so
/// dates travel as text.
pub fn rfc3339_day(d: crate::extract::types::CivilDate) -> Option<String> {
    (0..=9999)
        .contains(&d.year)
        .then(|| format!("{d}T00:00:00Z"))
}

/// Index id when none is given.
pub const DEFAULT_INDEX_ID: &str = "dossier";

/// Seconds between the indexer's commits (each commit is a split). Short enough that a push's
/// last batch is searchable soon after; long enough that a push makes few splits (BM25 statistics
/// are per split).
pub const COMMIT_TIMEOUT_SECS: u64 = 15;

/// Checks an index id as Quickwit wants it: a letter first, then letters, digits, `-`, `_`, `.`,
/// 3 to 255 characters.
pub fn check_index_id(id: &str) -> Result<(), String> {
    let ok = (3..=255).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "bad index id `{id}`: use 3 to 255 letters, digits, `-`, `_` or `.`, starting with a letter"
        ))
    }
}

/// The index config of index `id` in YAML.
///
/// The merge policy is `no_merge`: Quickwit applies delete tasks only to mature splits, and with
/// this policy every split is mature at once, so the deletes a resumed push sends take effect
/// within about a minute instead of after the default 48-hour maturation.
pub fn index_config(id: &str) -> String {
    let stem = |name: &str, doc: &str, array: bool| {
        format!(
            "    - name: {name}\n      description: {doc}\n      type: {}\n      tokenizer: whitespace\n      record: position\n      fieldnorms: true\n      stored: false\n",
            if array { "array<text>" } else { "text" }
        )
    };
    let stored_only = |name: &str, ty: &str| {
        format!("    - name: {name}\n      type: {ty}\n      indexed: false\n      stored: true\n")
    };
    let keyword = |name: &str, array: bool, stored: bool| {
        format!(
            "    - name: {name}\n      type: {}\n      tokenizer: raw\n      fast: true\n      stored: {stored}\n",
            if array { "array<text>" } else { "text" }
        )
    };
    let mut m = String::new();
    m.push_str(&keyword(PID, false, true));
    m.push_str(&keyword(DOC_ID, false, true));
    m.push_str(&keyword(CLUSTER, false, true));
    m.push_str(&stored_only(COPIES, "u64"));
    m.push_str(&stored_only(TITLE, "text"));
    m.push_str(&stem(TITLE_STEM, "dossier's stems of the title", false));
    m.push_str(&stored_only(TEXT, "text"));
    m.push_str(&stem(
        TEXT_STEM,
        "dossier's stems of the passage text",
        false,
    ));
    m.push_str(&stem(QUOTE_STEM, "dossier's stems of each quotation", true));
    m.push_str(&stored_only(QUOTES_JSON, "text"));
    m.push_str(&keyword(ACTORS, true, true));
    m.push_str(&stem(
        ACTOR_WORDS,
        "lower-cased words of each actor name",
        true,
    ));
    m.push_str(&keyword(SPEAKERS, true, false));
    m.push_str(&stem(
        SPEAKER_WORDS,
        "lower-cased words of each speaker name",
        true,
    ));
    let datetime = |name: &str, array: bool, stored: bool| {
        format!(
            "    - name: {name}\n      type: {}\n      fast: true\n      stored: {stored}\n      input_formats: [rfc3339]\n      output_format: rfc3339\n      fast_precision: seconds\n",
            if array { "array<datetime>" } else { "datetime" }
        )
    };
    m.push_str(&datetime(DATE, false, true));
    m.push_str(&datetime(MENTIONED, true, false));
    m.push_str(&keyword(MENTIONS, true, false));
    m.push_str(&keyword(DATES, true, true));
    m.push_str(&keyword(FLAGS, true, false));
    m.push_str(&keyword(SOURCE, false, true));
    for axis in [false, true] {
        for by in PERIODS {
            m.push_str(&keyword(period_field(by, axis), true, false));
        }
    }
    m.push_str(&format!(
        "    - name: {SOURCE_KEY}\n      type: text\n      tokenizer: raw\n      stored: false\n"
    ));
    m.push_str(&stored_only("url", "text"));
    m.push_str(&stored_only("path", "text"));
    m.push_str(&stored_only("line", "u64"));
    m.push_str(&stored_only("passage", "u64"));
    m.push_str(&stored_only("page", "u64"));
    for name in [ORDER, BATCH] {
        m.push_str(&format!(
            "    - name: {name}\n      type: u64\n      fast: true\n      stored: false\n"
        ));
    }
    format!(
        "# Quickwit index config written by dossier {version}: one document per passage.\n\
         version: 0.8\n\
         index_id: {id}\n\
         doc_mapping:\n  mode: strict\n  field_mappings:\n{m}\
         indexing_settings:\n  commit_timeout_secs: {COMMIT_TIMEOUT_SECS}\n  merge_policy:\n    type: no_merge\n\
         search_settings:\n  default_search_fields: [{TEXT_STEM}]\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// `config` with its `index_id` replaced by `id`.
pub fn with_index_id(config: &str, id: &str) -> String {
    config
        .lines()
        .map(|l| {
            if l.starts_with("index_id:") {
                format!("index_id: {id}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The `index_id` of a config.
pub fn index_id_of(config: &str) -> Option<&str> {
    config
        .lines()
        .find_map(|l| l.strip_prefix("index_id:"))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quickwit refuses Unix timestamps before 1972: dates go as RFC 3339 text.
    #[test]
    fn days_before_1972_travel_as_text() {
        use crate::extract::types::CivilDate;
        let day = |y, m, d| rfc3339_day(CivilDate::new(y, m, d).unwrap());
        assert_eq!(day(1965, 5, 4).as_deref(), Some("1965-05-04T00:00:00Z"));
        assert_eq!(day(1, 1, 1).as_deref(), Some("0001-01-01T00:00:00Z"));
        assert_eq!(day(10000, 1, 1), None);
    }

    #[test]
    fn index_ids() {
        assert!(check_index_id("dossier").is_ok());
        assert!(check_index_id("news-2020_v1.a").is_ok());
        for bad in ["ab", "1abc", "has space", "a/b", ""] {
            assert!(check_index_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn config_names_every_field_once_and_can_be_renamed() {
        let c = index_config("news");
        assert_eq!(index_id_of(&c), Some("news"));
        for f in [
            PID,
            DOC_ID,
            CLUSTER,
            TEXT,
            TEXT_STEM,
            TITLE_STEM,
            QUOTE_STEM,
            ACTOR_WORDS,
            DATE,
            MENTIONS,
            BATCH,
            ORDER,
        ] {
            assert_eq!(
                c.matches(&format!("- name: {f}\n")).count(),
                1,
                "{f} in\n{c}"
            );
        }
        let renamed = with_index_id(&c, "other");
        assert_eq!(index_id_of(&renamed), Some("other"));
        assert_eq!(renamed.lines().count(), c.lines().count());
    }
}
