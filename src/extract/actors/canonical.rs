//! Canonical names within one article: title/honorific and possessive stripping, surname ->
//! full name joining for persons, and a small hand-written alias table.

use super::features::IdHasher;
use super::lexicon::{ALIASES, TITLES};
use super::tokenize::Token;
use crate::extract::types::{ActorKind, ActorMention};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// Fast (non-DoS-resistant) hashing for the small per-article maps below.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

/// A tagged span over tokens `[s, e)` with its kind.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    /// First token.
    pub s: usize,
    /// One past the last token.
    pub e: usize,
    /// Kind.
    pub kind: ActorKind,
    /// A given name written in parentheses just before the span ("President (Vladimir) Putin").
    pub given: Option<usize>,
}

fn surface_key(text: &str, toks: &[Token], sp: &Span) -> String {
    let mut k = String::new();
    for t in &toks[sp.s..sp.e] {
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(t.text(text));
    }
    k
}

/// Make the kinds of identical mentions agree within the article: the strict majority kind of
/// a surface string wins; a single word that ends a multi-word person name is a person.
pub fn harmonize_kinds(text: &str, toks: &[Token], spans: &mut [Span]) {
    if spans.len() < 2 {
        return;
    }
    let keys: Vec<String> = spans.iter().map(|sp| surface_key(text, toks, sp)).collect();
    let mut counts: FastMap<&str, [usize; 3]> = FastMap::default();
    for (sp, k) in spans.iter().zip(&keys) {
        counts.entry(k.as_str()).or_insert([0; 3])[kind_index(sp.kind)] += 1;
    }
    let mut surnames: FastSet<&str> = FastSet::default();
    for sp in spans.iter() {
        if sp.kind == ActorKind::Person && (sp.e - sp.s >= 2 || sp.given.is_some()) {
            surnames.insert(toks[sp.e - 1].text(text));
        }
    }
    let mut new_kinds = Vec::with_capacity(spans.len());
    for (sp, key) in spans.iter().zip(&keys) {
        let counts = counts[key.as_str()];
        let mut kind = sp.kind;
        let mine = counts[kind_index(kind)];
        for (k, &c) in counts.iter().enumerate() {
            if c > mine && counts.iter().enumerate().all(|(q, &x)| q == k || x < c) {
                kind = KINDS[k];
            }
        }
        if sp.e - sp.s == 1 && surnames.contains(toks[sp.s].text(text)) {
            kind = ActorKind::Person;
        }
        new_kinds.push(kind);
    }
    for (sp, k) in spans.iter_mut().zip(new_kinds) {
        sp.kind = k;
    }
}

const KINDS: [ActorKind; 3] = [ActorKind::Person, ActorKind::Organization, ActorKind::Place];

fn kind_index(k: ActorKind) -> usize {
    match k {
        ActorKind::Person => 0,
        ActorKind::Organization => 1,
        ActorKind::Place => 2,
    }
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "President (Vladimir) Putin": a lone capitalized word in parentheses right after a title and
/// right before a capitalized word becomes the given name of a person mention of that word.
pub fn parenthetical_names(text: &str, toks: &[Token], spans: &mut Vec<Span>) {
    let n = toks.len();
    let mut i = 2;
    while i + 2 < n {
        let ok = toks[i - 1].text(text) == "("
            && toks[i + 1].text(text) == ")"
            && is_title(toks[i - 2].text(text))
            && is_capitalized(toks[i].text(text))
            && is_capitalized(toks[i + 2].text(text));
        if ok {
            // Drop any span on the parenthesized word, and any span covering the next word
            // replaced by a one-word person span with the given name attached.
            spans.retain(|sp| sp.e <= i || sp.s > i + 2);
            let at = spans.partition_point(|sp| sp.s < i);
            spans.insert(
                at,
                Span {
                    s: i + 2,
                    e: i + 3,
                    kind: ActorKind::Person,
                    given: Some(i),
                },
            );
            i += 3;
        } else {
            i += 1;
        }
    }
}

fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    let lw = w.to_lowercase();
    if lw.starts_with("then-") || lw.starts_with("ex-") || lw.starts_with("former-") {
        return true;
    }
    TITLES.contains(&lw.as_str())
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

/// Label consistency: an untagged exact repetition (same words, same case, on one line) of a
/// surface string tagged elsewhere in the article gets that string's kind. `spans` must be
/// sorted and non-overlapping; they stay so.
pub fn propagate(text: &str, toks: &[Token], spans: &mut Vec<Span>) {
    if spans.is_empty() {
        return;
    }
    let mut covered = vec![false; toks.len()];
    for sp in spans.iter() {
        for c in &mut covered[sp.s..sp.e] {
            *c = true;
        }
    }
    // Surfaces by first word: (words, kind), longest first.
    let mut by_first: FastMap<&str, Vec<(Vec<&str>, ActorKind)>> = FastMap::default();
    for sp in spans.iter() {
        if sp.e - sp.s > 6 {
            continue;
        }
        let words: Vec<&str> = toks[sp.s..sp.e].iter().map(|t| t.text(text)).collect();
        let v = by_first.entry(words[0]).or_default();
        if !v.iter().any(|x| x.0 == words) {
            v.push((words, sp.kind));
        }
    }
    // First bytes of the surfaces: most tokens are ruled out without a map lookup.
    let mut first_byte = [false; 256];
    for (w, v) in by_first.iter_mut() {
        v.sort_by_key(|x| std::cmp::Reverse(x.0.len()));
        first_byte[w.as_bytes()[0] as usize] = true;
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let mut matched = 0;
        let word = toks[i].text(text);
        // A tagged surface starts with a word holding an uppercase (or non-ASCII) letter, or a
        // short connector, and with the first byte of some surface: skip other words without a
        // map lookup.
        if !first_byte[word.as_bytes()[0] as usize]
            || (word.len() > 4 && !word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80))
        {
            i += 1;
            continue;
        }
        if let Some(cands) = by_first.get(word) {
            for (words, kind) in cands {
                let l = words.len();
                let ok = i + l <= toks.len()
                    && (0..l).all(|k| {
                        !covered[i + k]
                            && (k == 0 || !toks[i + k].line_start)
                            && toks[i + k].text(text) == words[k]
                    })
                    && (i + l == toks.len() || !covered[i + l] || toks[i + l].line_start);
                if ok {
                    added.push(Span {
                        s: i,
                        e: i + l,
                        kind: *kind,
                        given: None,
                    });
                    matched = l;
                    break;
                }
            }
        }
        i += matched.max(1);
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_by_key(|sp| sp.s);
    }
}

/// Whether `c` is a quotation mark.
fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{AB}' | '\u{BB}'
    )
}

/// Whether the byte range `s..e` is exactly the content of a pair of quotation marks (spaces
/// and closing punctuation aside): an opening mark right before it that does not close a
/// word, a closing mark right after it that does not open one.
fn fills_quotation(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].trim_end_matches([' ', '\t']);
    let Some(open) = before.chars().next_back() else {
        return false;
    };
    let opens = is_quote_mark(open) && {
        let pre = before[..before.len() - open.len_utf8()].chars().next_back();
        pre.is_none_or(|c| c.is_whitespace() || "([{:\u{2014}\u{2013}-".contains(c))
    };
    if !opens {
        return false;
    }
    let after = text[e..].trim_start_matches([' ', '\t', '.', ',', '!', '?']);
    let Some(close) = after.chars().next() else {
        return false;
    };
    is_quote_mark(close)
        && after[close.len_utf8()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The parts of a word that joins capitalized names with hyphens ("Lane-Varga"), or none.
fn hyphen_parts(w: &str) -> Option<Vec<&str>> {
    if !w.contains('-') {
        return None;
    }
    let parts: Vec<&str> = w.split('-').collect();
    let name = |p: &&str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    };
    (parts.len() >= 2 && parts.iter().all(name)).then_some(parts)
}

/// Drop spans that are no actor's name: a phrase that is exactly the content of a quotation
/// (a slogan, a title, a nickname: "Rigged Witch Hunt") unless the same words are also tagged
/// outside quotation marks, and a span holding a hyphenated pair of names each of which is an
/// actor's name elsewhere in the article ("Lane-Varga" talks where Lane and Varga are tagged).
pub fn drop_non_names(text: &str, toks: &[Token], spans: &mut Vec<Span>) {
    if spans.is_empty() {
        return;
    }
    let quoted: Vec<bool> = spans
        .iter()
        .map(|sp| fills_quotation(text, toks[sp.s].start as usize, toks[sp.e - 1].end as usize))
        .collect();
    let mut unquoted: FastSet<String> = FastSet::default();
    let mut last_words: FastSet<&str> = FastSet::default();
    for (sp, q) in spans.iter().zip(&quoted) {
        if !q {
            unquoted.insert(surface_key(text, toks, sp));
        }
        let last = strip_possessive(toks[sp.e - 1].text(text));
        if !last.contains('-') {
            last_words.insert(last);
        }
    }
    let mut keep = Vec::with_capacity(spans.len());
    for (sp, q) in spans.iter().zip(&quoted) {
        let slogan = *q && !unquoted.contains(&surface_key(text, toks, sp));
        let pair = toks[sp.s..sp.e].iter().any(|t| {
            hyphen_parts(strip_possessive(t.text(text)))
                .is_some_and(|parts| parts.iter().all(|p| last_words.contains(p)))
        });
        keep.push(!slogan && !pair);
    }
    let mut k = keep.iter();
    spans.retain(|_| *k.next().unwrap_or(&true));
}

/// A US party-and-state label such as "D-Mass." or "R-N.Y." (not an actor).
pub fn is_party_label(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3
        && b.len() <= 8
        && matches!(b[0], b'D' | b'R' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
        && b[2..].iter().all(|c| c.is_ascii_alphabetic() || *c == b'.')
}

/// Shrink a span: drop leading titles (persons), a leading "the", trailing possessives.
pub fn trim_span(text: &str, toks: &[Token], sp: &mut Span) {
    while sp.e > sp.s + 1 && is_possessive(toks[sp.e - 1].text(text)) {
        sp.e -= 1;
    }
    while sp.e > sp.s + 1 {
        let w = toks[sp.s].text(text);
        let strip = (sp.kind == ActorKind::Person && is_title(w))
            || w.eq_ignore_ascii_case("the")
            || is_possessive(w);
        if strip {
            sp.s += 1;
        } else {
            break;
        }
    }
}

fn alias(name: &str) -> Option<&'static str> {
    ALIASES.iter().find(|(a, _)| *a == name).map(|(_, c)| *c)
}

/// Strip a possessive ending left inside a single token ("Russia's" when not split).
fn strip_possessive(w: &str) -> &str {
    for suf in ["'s", "’s", "'S", "’S"] {
        if let Some(x) = w.strip_suffix(suf) {
            if !x.is_empty() {
                return x;
            }
        }
    }
    w
}

/// Canonical name of a mention with words `w` given the article's multi-word person names.
fn canonical_name(
    w: &[&str],
    surface: &str,
    is_person: bool,
    full: &[(&[&str], usize, usize)],
) -> String {
    if !is_person {
        return alias(surface).unwrap_or(surface).to_string();
    }
    // A prominent surname whose listed full name is in the article goes to that name even when
    // a relative is named too ("Biden" with "Joe Biden" and "Hunter Biden").
    if w.len() == 1 {
        if let Some(a) = alias(surface) {
            if full.iter().any(|f| f.0.join(" ") == a) {
                return a.to_string();
            }
        }
    }
    // Most frequent / longest / earliest full name of which this is a suffix (or contains it).
    let mut best: Option<(u8, usize, usize, usize)> = None; // (quality, count, len, MAX - idx)
    let mut best_name: &[&str] = &[];
    for &(fw, count, j) in full {
        if fw.len() <= w.len() {
            continue;
        }
        let quality = if fw.ends_with(w) {
            2
        } else if w.len() == 1 && fw.contains(&w[0]) {
            1
        } else {
            continue;
        };
        let key = (quality, count, fw.len(), usize::MAX - j);
        if best.is_none() || best < Some(key) {
            best = Some(key);
            best_name = fw;
        }
    }
    if best.is_some() {
        best_name.join(" ")
    } else if w.len() == 1 {
        alias(surface).unwrap_or(surface).to_string()
    } else {
        surface.to_string()
    }
}

/// Whether `a` ("DNC", 2 to 6 capitals) spells the initials of the capitalized words of `name`
/// ("Democratic National Committee"; lowercase words such as "of" are skipped).
fn is_acronym_of(a: &str, name: &[&str]) -> bool {
    let ab = a.as_bytes();
    if !(2..=6).contains(&ab.len()) || !ab.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let mut initials = name
        .iter()
        .filter_map(|w| w.bytes().next())
        .filter(u8::is_ascii_uppercase);
    ab.iter().all(|&c| initials.next() == Some(c)) && initials.next().is_none()
}

/// Build the mentions with canonical names from trimmed spans (sorted, non-overlapping).
pub fn build(text: &str, toks: &[Token], spans: &[Span]) -> Vec<ActorMention> {
    // Surface word lists.
    let words: Vec<Vec<&str>> = spans
        .iter()
        .map(|sp| {
            let mut v: Vec<&str> = Vec::with_capacity(sp.e - sp.s + 1);
            if let Some(g) = sp.given {
                v.push(toks[g].text(text));
            }
            v.extend(toks[sp.s..sp.e].iter().map(|t| t.text(text)));
            if let Some(last) = v.last_mut() {
                *last = strip_possessive(last);
            }
            v
        })
        .collect();
    // Distinct multi-word person names: (words, count, first index).
    let mut full: Vec<(&[&str], usize, usize)> = Vec::new();
    for (j, sp) in spans.iter().enumerate() {
        if sp.kind != ActorKind::Person || words[j].len() < 2 {
            continue;
        }
        match full.iter_mut().find(|f| f.0 == words[j].as_slice()) {
            Some(f) => f.1 += 1,
            None => full.push((&words[j], 1, j)),
        }
    }
    // Distinct multi-word organization names, for acronyms ("DNC").
    let mut orgs: Vec<&[&str]> = Vec::new();
    for (j, sp) in spans.iter().enumerate() {
        if sp.kind == ActorKind::Organization
            && words[j].len() >= 2
            && !orgs.contains(&words[j].as_slice())
        {
            orgs.push(&words[j]);
        }
    }
    // Canonical name by surface, for non-persons and for persons.
    let mut cache: [FastMap<String, String>; 2] = Default::default();
    let mut out = Vec::with_capacity(spans.len());
    for (i, sp) in spans.iter().enumerate() {
        let w = &words[i];
        let surface = w.join(" ");
        let is_person = sp.kind == ActorKind::Person;
        let cache = &mut cache[is_person as usize];
        let name = match cache.get(surface.as_str()) {
            Some(n) => n.clone(),
            None => {
                let n = canonical_name(w, &surface, is_person, &full);
                cache.insert(surface, n.clone());
                n
            }
        };
        let name = if sp.kind == ActorKind::Organization && w.len() == 1 && name == w[0] {
            match orgs.iter().find(|o| is_acronym_of(w[0], o)) {
                Some(o) => o.join(" "),
                None => name,
            }
        } else {
            name
        };
        let last = toks[sp.e - 1];
        out.push(ActorMention {
            start: toks[sp.s].start as usize,
            end: last.end as usize - (last.text(text).len() - w.last().map_or(0, |x| x.len())),
            name,
            kind: sp.kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::actors::tokenize::tokenize;

    /// Spans given as (first word, word count, kind) over the tokens of `text`.
    fn run(text: &str, spec: &[(&str, usize, ActorKind)]) -> Vec<(String, String)> {
        let toks = tokenize(text);
        let mut spans = Vec::new();
        for &(w, len, kind) in spec {
            let s = (0..toks.len())
                .find(|&i| {
                    toks[i].text(text) == w && !spans.iter().any(|x: &Span| x.s <= i && i < x.e)
                })
                .unwrap();
            spans.push(Span {
                s,
                e: s + len,
                kind,
                given: None,
            });
        }
        spans.sort_by_key(|x| x.s);
        for sp in spans.iter_mut() {
            trim_span(text, &toks, sp);
        }
        parenthetical_names(text, &toks, &mut spans);
        harmonize_kinds(text, &toks, &mut spans);
        build(text, &toks, &spans)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.name))
            .collect()
    }

    #[test]
    fn titles_possessives_and_surnames() {
        use ActorKind::*;
        let text = "Senator Maria Lopez spoke. Then Lopez's aide called Mr. Lopez back.";
        let got = run(
            text,
            &[
                ("Senator", 3, Person),
                ("Lopez", 1, Person),
                ("Mr.", 2, Person),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("Maria Lopez".to_string(), "Maria Lopez".to_string()),
                ("Lopez".to_string(), "Maria Lopez".to_string()),
                ("Lopez".to_string(), "Maria Lopez".to_string()),
            ]
        );
    }

    #[test]
    fn aliases_and_parenthetical_given_name() {
        use ActorKind::*;
        let text = "The U.S. and Britain spoke with President (Ivan) Petrov and the Kremlin.";
        let got = run(
            text,
            &[
                ("U.S.", 1, Place),
                ("Britain", 1, Place),
                ("Ivan", 1, Organization),
                ("Kremlin", 1, Organization),
            ],
        );
        assert_eq!(
            got,
            vec![
                ("U.S.".to_string(), "United States".to_string()),
                ("Britain".to_string(), "United Kingdom".to_string()),
                ("Petrov".to_string(), "Ivan Petrov".to_string()),
                ("Kremlin".to_string(), "Russia".to_string()),
            ]
        );
        // A prominent surname alone gets its full name; a title never stays in the name.
        let got = run(
            "President Biden met Obama.",
            &[("President", 2, Person), ("Obama", 1, Person)],
        );
        assert_eq!(got[0].1, "Joe Biden");
        assert_eq!(got[1].1, "Barack Obama");
        let got = run(
            "Hunter Biden and Hunter Biden again met Joe Biden. Biden left.",
            &[
                ("Hunter", 2, Person),
                ("Hunter", 2, Person),
                ("Joe", 2, Person),
                ("Biden", 1, Person),
            ],
        );
        assert_eq!(got[3], ("Biden".to_string(), "Joe Biden".to_string()));
    }

    #[test]
    fn acronyms_join_their_organization() {
        use ActorKind::*;
        let got = run(
            "The Northern Rail Workers Union struck. NRWU leaders and the NRA met.",
            &[
                ("Northern", 4, Organization),
                ("NRWU", 1, Organization),
                ("NRA", 1, Organization),
            ],
        );
        assert_eq!(got[1].1, "Northern Rail Workers Union");
        assert_eq!(got[2].1, "NRA");
        assert!(is_acronym_of(
            "DHS",
            &["Department", "of", "Homeland", "Security"]
        ));
    }

    #[test]
    fn majority_kind_wins() {
        use ActorKind::*;
        let text = "Acme won. Acme lost. Acme tied.";
        let toks = tokenize(text);
        let mut spans: Vec<Span> = [(0, Organization), (3, Organization), (6, Place)]
            .iter()
            .map(|&(s, kind)| Span {
                s,
                e: s + 1,
                kind,
                given: None,
            })
            .collect();
        harmonize_kinds(text, &toks, &mut spans);
        assert!(spans.iter().all(|s| s.kind == Organization));
    }

    /// The surfaces `drop_non_names` keeps of spans given as (first word, word count, kind).
    fn kept(text: &str, spec: &[(&str, usize)]) -> Vec<String> {
        let toks = tokenize(text);
        let mut spans = Vec::new();
        for &(w, len) in spec {
            let s = (0..toks.len())
                .find(|&i| {
                    toks[i].text(text) == w && !spans.iter().any(|x: &Span| x.s <= i && i < x.e)
                })
                .unwrap();
            spans.push(Span {
                s,
                e: s + len,
                kind: ActorKind::Person,
                given: None,
            });
        }
        spans.sort_by_key(|x| x.s);
        drop_non_names(text, &toks, &mut spans);
        spans
            .iter()
            .map(|sp| surface_key(text, &toks, sp))
            .collect()
    }

    #[test]
    fn quoted_slogans_are_no_actors() {
        // A capitalized phrase that is all of a quotation is a slogan or a title.
        let text = "Mr Lane called the inquiry a \"Total Sham Parade!\" on Monday.";
        assert_eq!(kept(text, &[("Lane", 1), ("Total", 3)]), ["Lane"]);
        let text = "Fans loved \u{201C}Silver Harbor\u{201D}, the new series.";
        assert!(kept(text, &[("Silver", 2)]).is_empty());
        // Spaced quotation marks (pre-tokenized text).
        let text = "He called it \" Total Sham Parade \" .";
        assert!(kept(text, &[("Total", 3)]).is_empty());
        // A name also written outside quotation marks stays, and so does a quoted name that
        // is only part of the quotation.
        let text = "Ana Holt spoke. Fans chanted \"Ana Holt\" all night.";
        assert_eq!(
            kept(text, &[("Ana", 2), ("Ana", 2)]),
            ["Ana Holt", "Ana Holt"]
        );
        let text = "\"Ana Holt will win,\" he said.";
        assert_eq!(kept(text, &[("Ana", 2)]), ["Ana Holt"]);
    }

    #[test]
    fn hyphenated_pairs_of_names_are_no_actors() {
        let text =
            "Ivan Varga met Erika Lund. The Varga-Lund summit ended. Varga-Lund talks failed.";
        assert_eq!(
            kept(
                text,
                &[
                    ("Ivan", 2),
                    ("Erika", 2),
                    ("Varga-Lund", 1),
                    ("Varga-Lund", 1)
                ]
            ),
            ["Ivan Varga", "Erika Lund"]
        );
        // A hyphenated surname whose halves are nobody's name here stays.
        let text = "Maria Ocampo-Reyes spoke. Ocampo-Reyes left.";
        assert_eq!(
            kept(text, &[("Maria", 2), ("Ocampo-Reyes", 1)]),
            ["Maria Ocampo-Reyes", "Ocampo-Reyes"]
        );
    }
}
