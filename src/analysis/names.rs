//! One facet value per person or organization across the whole corpus.
//!
//! Extraction canonicalizes names within an article ("Trump" after "Donald Trump" is Donald
//! Trump). Across articles, what is left are spelling variants ("Donald J. Trump", "Robert S.
//! Mueller, III") and bare surnames from articles that never give the full name. This module
//! joins them at query time from statistics of the whole index, so the answer depends only on what
//! the index holds (not on how it was built: incremental runs and `merge` give the same names):
//! - variants: names that agree once middle initials, commas and a generational numeral (II, III,
//!   IV) are set aside are one name, written as its most frequent form ("Jr." and "Sr." are kept:
//!   they name another person);
//! - acronyms: multi-word names join the one-word name their initials spell (small words aside),
//!   when one of them takes at least [`SURNAME_SHARE`] of their passages and the acronym has at
//!   least three letters ("ODNI" and "Office of the Director of National Intelligence");
//! - surnames: a one-word name joins the one multi-word name ending with it that accounts for at
//!   least [`SURNAME_SHARE`] of the passages naming such names, when that name is at least as
//!   frequent as the bare word (so a place such as "Washington" does not become a person).
//!
//! In: the `actor` term dictionary (lowercased names with passage counts). Out: a map from a
//! lowercased name to the lowercased name it is counted under.

use std::collections::HashMap;

use tantivy::Searcher;

use crate::error::Result;
use crate::index::{self, Store};

/// Cache file in the index folder.
pub const NAMES_FILE: &str = "dossier-names.json";
const CACHE_VERSION: u32 = 3;

/// Share of the passages naming multi-word names with a given last word that one of them needs to
/// take over the bare word.
pub const SURNAME_SHARE: f64 = 0.8;

/// Lowercased name → lowercased name it is counted under (names that map to themselves are absent).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct NameMap {
    to: HashMap<String, String>,
}

impl NameMap {
    /// The map of the index's actor names: from the cache beside the index when it matches what
    /// `searcher` sees, else built and cached.
    pub fn load(store: &Store, searcher: &Searcher) -> Result<NameMap> {
        let fingerprint = index::cache::fingerprint(searcher);
        if let Some(map) = index::cache::load(&store.dir, NAMES_FILE, CACHE_VERSION, &fingerprint) {
            return Ok(map);
        }
        let map = NameMap::build(store, searcher)?;
        index::cache::store(&store.dir, NAMES_FILE, CACHE_VERSION, &fingerprint, &map);
        Ok(map)
    }

    fn build(store: &Store, searcher: &Searcher) -> Result<NameMap> {
        let mut freq: HashMap<String, u64> = HashMap::new();
        for reader in searcher.segment_readers() {
            let inverted = reader
                .inverted_index(store.fields.actor)
                .map_err(|e| index::damaged(&store.dir, e))?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(|e| crate::error::Error::Io {
                    path: store.dir.clone(),
                    source: e,
                })?;
            while terms.advance() {
                if let Ok(name) = std::str::from_utf8(terms.key()) {
                    *freq.entry(name.to_string()).or_default() += u64::from(terms.value().doc_freq);
                }
            }
        }
        Ok(NameMap::from_counts(&freq))
    }

    /// Builds the map from lowercased names and their passage counts.
    pub fn from_counts(freq: &HashMap<String, u64>) -> NameMap {
        // Variants: group by key, the most frequent form (then the shortest, then the first in
        // order) names the group.
        let mut groups: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
        for (name, &n) in freq {
            groups.entry(variant_key(name)).or_default().push((name, n));
        }
        let mut to: HashMap<String, String> = HashMap::new();
        // Group key → (its name, its total passages).
        let mut heads: HashMap<String, (String, u64)> = HashMap::new();
        for (key, mut members) in groups {
            // Different middle initials ("George W. Bush", "George H. W. Bush") are different
            // people: such a group is left as it is.
            let mut initials: Vec<String> = members
                .iter()
                .map(|m| initials_of(m.0))
                .filter(|i| !i.is_empty())
                .collect();
            initials.sort();
            initials.dedup();
            if initials.len() > 1 {
                continue;
            }
            members.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(a.0.cmp(b.0))
            });
            let head = members[0].0.to_string();
            let total = members.iter().map(|m| m.1).sum();
            for (name, _) in &members[1..] {
                to.insert(name.to_string(), head.clone());
            }
            heads.insert(key, (head, total));
        }
        // Surnames: multi-word groups by their last word.
        let mut by_last: HashMap<&str, Vec<(&str, u64)>> = HashMap::new();
        for (key, (head, total)) in &heads {
            let words: Vec<&str> = key.split(' ').collect();
            if words.len() >= 2 {
                by_last
                    .entry(words[words.len() - 1])
                    .or_default()
                    .push((head.as_str(), *total));
            }
        }
        let mut joins = Vec::new();
        for (key, (head, total)) in &heads {
            if key.contains(' ') {
                continue;
            }
            let Some(cands) = by_last.get(key.as_str()) else {
                continue;
            };
            if let Some((full, n)) = dominant(cands) {
                if n >= *total {
                    joins.push((head.clone(), full.to_string()));
                }
            }
        }
        // Variants of a bare surname follow it to the full name (one pass, not one per join).
        let joins: HashMap<String, String> = joins.into_iter().collect();
        for target in to.values_mut() {
            if let Some(full) = joins.get(target.as_str()) {
                *target = full.clone();
            }
        }
        to.extend(joins);
        // Acronyms: the full names whose initials spell a one-word name join it ("office of the
        // director of national intelligence" and "odni"), when one of them takes most of their
        // passages (two different bodies with the same initials keep the acronym apart).
        let mut by_initials: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
        for (key, (head, total)) in &heads {
            if key.contains(' ') {
                if let Some(i) = initials(key) {
                    by_initials
                        .entry(i)
                        .or_default()
                        .push((head.as_str(), *total));
                }
            }
        }
        let mut acronyms: HashMap<String, String> = HashMap::new();
        for (key, (head, _)) in &heads {
            let letters = key.chars().count();
            // Three letters at least: two-letter names ("vp", "nj") are too often something else.
            if key.contains(' ')
                || !(3..=6).contains(&letters)
                || !key.chars().all(char::is_alphabetic)
            {
                continue;
            }
            let Some(cands) = by_initials.get(key.as_str()) else {
                continue;
            };
            // The full name that takes most of the passages of names with these initials;
            // the other spellings ("federal bureau of investigations") join with it.
            if dominant(cands).is_some() && !to.contains_key(head) {
                for (full, _) in cands {
                    if !to.contains_key(*full) {
                        acronyms.insert(full.to_string(), head.clone());
                    }
                }
            }
        }
        for target in to.values_mut() {
            if let Some(short) = acronyms.get(target.as_str()) {
                *target = short.clone();
            }
        }
        to.extend(acronyms);
        NameMap { to }
    }

    /// The lowercased name `name` is counted under.
    pub fn canonical<'a>(&'a self, lower: &'a str) -> &'a str {
        self.to.get(lower).map_or(lower, String::as_str)
    }
}

/// The candidate with the most passages, when it has at least [`SURNAME_SHARE`] of them all (ties
/// go to the first name in order, so the answer does not depend on the map's order).
fn dominant<'a>(cands: &[(&'a str, u64)]) -> Option<(&'a str, u64)> {
    let all: u64 = cands.iter().map(|c| c.1).sum();
    cands
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .copied()
        .filter(|b| b.1 as f64 >= SURNAME_SHARE * all as f64)
}

/// The initials of a multi-word name, small words aside ("office of the director of national
/// intelligence" → "odni"); None when fewer than two words count.
fn initials(lower: &str) -> Option<String> {
    const SMALL: [&str; 8] = ["of", "the", "and", "for", "on", "in", "&", "to"];
    let out: String = lower
        .split([' ', '-'])
        .filter(|w| !w.is_empty() && !SMALL.contains(w))
        .filter_map(|w| w.chars().next())
        .collect();
    (out.chars().count() >= 2).then_some(out)
}

/// The middle initials of a name ("h w" for "george h. w. bush").
fn initials_of(lower: &str) -> String {
    let words: Vec<&str> = lower.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let n = words.len();
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i > 0 && i + 1 < n && w.trim_end_matches('.').chars().count() == 1)
        .map(|(_, w)| w.trim_end_matches('.'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a name with middle initials, commas and a final generational numeral set aside.
pub fn variant_key(lower: &str) -> String {
    let words: Vec<&str> = lower.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let initial = w.trim_end_matches('.').chars().count() == 1 && i > 0 && i + 1 < words.len();
        let numeral = i + 1 == words.len() && i > 0 && matches!(*w, "ii" | "iii" | "iv");
        if !initial && !numeral {
            kept.push(w);
        }
    }
    if kept.is_empty() {
        lower.to_string()
    } else {
        kept.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(names: &[(&str, u64)]) -> NameMap {
        NameMap::from_counts(&names.iter().map(|(n, c)| (n.to_string(), *c)).collect())
    }

    #[test]
    fn variants_and_surnames_join_one_name() {
        let m = map(&[
            ("donald trump", 100),
            ("donald j. trump", 10),
            ("trump", 30),
            ("donald trump jr.", 12),
            ("robert mueller", 50),
            ("robert s. mueller, iii", 5),
            ("robert s. mueller iii", 4),
            ("mueller", 8),
            ("washington", 40),
            ("george washington", 3),
            ("clinton", 20),
            ("hillary clinton", 50),
            ("bill clinton", 40),
            ("george w. bush", 30),
            ("george h. w. bush", 10),
            ("george bush", 5),
            ("odni", 12),
            ("office of the director of national intelligence", 7),
            ("fbi", 40),
            ("federal bureau of investigation", 9),
            ("dnc", 9),
            ("democratic national committee", 20),
            ("democratic national convention", 6),
            ("federal bureau of investigations", 1),
            ("vp", 30),
            ("vladimir putin", 50),
        ]);
        assert_eq!(m.canonical("donald j. trump"), "donald trump");
        assert_eq!(m.canonical("trump"), "donald trump");
        assert_eq!(m.canonical("donald trump jr."), "donald trump jr.");
        assert_eq!(m.canonical("robert s. mueller, iii"), "robert mueller");
        assert_eq!(m.canonical("robert s. mueller iii"), "robert mueller");
        assert_eq!(m.canonical("mueller"), "robert mueller");
        // A place is not taken over by a rarer person; an ambiguous surname stays itself.
        assert_eq!(m.canonical("washington"), "washington");
        assert_eq!(m.canonical("clinton"), "clinton");
        // Two presidents: neither joins the other.
        assert_eq!(m.canonical("george h. w. bush"), "george h. w. bush");
        assert_eq!(m.canonical("george w. bush"), "george w. bush");
        // An acronym and its one full name are one; two full names with the same initials keep
        // the acronym apart.
        assert_eq!(
            m.canonical("office of the director of national intelligence"),
            "odni"
        );
        assert_eq!(m.canonical("federal bureau of investigation"), "fbi");
        assert_eq!(m.canonical("federal bureau of investigations"), "fbi");
        assert_eq!(m.canonical("vladimir putin"), "vladimir putin");
        assert_eq!(
            m.canonical("democratic national committee"),
            "democratic national committee"
        );
        assert_eq!(m.canonical("dnc"), "dnc");
    }

    #[test]
    fn keys() {
        assert_eq!(variant_key("robert s. mueller, iii"), "robert mueller");
        assert_eq!(variant_key("george h. w. bush"), "george bush");
        assert_eq!(variant_key("j. edgar hoover"), "j. edgar hoover");
        assert_eq!(variant_key("donald trump jr."), "donald trump jr.");
    }
}
