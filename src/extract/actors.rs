//! Actors, first version: runs of capitalized words, typed by a few cue words and a country
//! list, with surname-to-full-name joining within the article.

use super::types::{ActorKind, ActorMention};

const PLACES: [(&str, &str); 16] = [
    ("US", "United States"),
    ("U.S.", "United States"),
    ("United States", "United States"),
    ("America", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Russia", "Russia"),
    ("Kremlin", "Russia"),
    ("Iran", "Iran"),
    ("China", "China"),
    ("Ukraine", "Ukraine"),
    ("Washington", "Washington"),
    ("Moscow", "Moscow"),
    ("Tehran", "Tehran"),
    ("Beijing", "Beijing"),
];
const ORG_WORDS: [&str; 14] = [
    "Embassy",
    "Agency",
    "Committee",
    "Party",
    "Department",
    "Office",
    "Council",
    "Ministry",
    "House",
    "Senate",
    "Congress",
    "Inc",
    "Corp",
    "Bureau",
];
const SKIP: [&str; 24] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "As",
    "After",
    "According",
    "Some",
    "His",
    "Her",
    "Its",
    "President",
];

/// Actor mentions of `text`, sorted, with canonical names.
pub fn tag(text: &str) -> Vec<ActorMention> {
    let mut out: Vec<ActorMention> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, out: &mut Vec<ActorMention>| {
        if let Some((a, b)) = run.take() {
            let surface = &text[a..b];
            let kind = if let Some((_, _)) = PLACES.iter().find(|(s, _)| *s == surface) {
                ActorKind::Place
            } else if ORG_WORDS
                .iter()
                .any(|w| surface.split(' ').any(|x| x == *w))
            {
                ActorKind::Organization
            } else {
                ActorKind::Person
            };
            let name = PLACES
                .iter()
                .find(|(s, _)| *s == surface)
                .map_or(surface, |(_, n)| n);
            out.push(ActorMention {
                start: a,
                end: b,
                name: name.to_string(),
                kind,
            });
        }
    };
    for (start, word, ends_run) in words(text) {
        let w = word
            .trim_end_matches(['\'', '’', 's'])
            .trim_end_matches(['\'', '’']);
        let w = if word.ends_with("'s") || word.ends_with("’s") {
            &word[..word.len() - 2]
        } else {
            w
        };
        let w = if w.is_empty() { word } else { w };
        let capital = w.chars().next().is_some_and(char::is_uppercase) && w.len() > 1;
        if capital && !SKIP.contains(&w) {
            let end = start + w.len();
            run = Some(run.map_or((start, end), |(a, _)| (a, end)));
            if w.len() != word.len() || ends_run {
                flush(&mut run, &mut out);
            }
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    // Surnames join the longest person name of the article ending with them.
    let full: Vec<String> = out
        .iter()
        .filter(|m| m.kind == ActorKind::Person && m.name.contains(' '))
        .map(|m| m.name.clone())
        .collect();
    for m in &mut out {
        if m.kind == ActorKind::Person && !m.name.contains(' ') {
            if let Some(f) = full
                .iter()
                .filter(|f| f.ends_with(&format!(" {}", m.name)))
                .max_by_key(|f| f.len())
            {
                m.name = f.clone();
            }
        }
    }
    out
}

/// Words as (byte offset, text, punctuation follows), split on whitespace and punctuation
/// other than `.'’-`.
fn words(text: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    text.split_inclusive(|c: char| c.is_whitespace() || ",;:!?()[]\"“”".contains(c))
        .scan(0usize, |pos, piece| {
            let start = *pos;
            *pos += piece.len();
            let w =
                piece.trim_end_matches(|c: char| c.is_whitespace() || ",;:!?()[]\"“”".contains(c));
            let w = w.trim_end_matches('.');
            let w = if w.ends_with("U.S") || w.ends_with("U.K") {
                &piece[..w.len() + 1]
            } else {
                w
            };
            let punctuated = piece.trim_end() != w;
            Some((start, w, punctuated))
        })
        .filter(|(_, w, _)| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_joins_names() {
        let t =
            "Former President Donald Trump met Putin. Trump's aides and the U.S. Embassy agreed.";
        let names: Vec<String> = tag(t).into_iter().map(|m| m.name).collect();
        assert!(names.contains(&"Donald Trump".to_string()), "{names:?}");
        assert_eq!(
            names.iter().filter(|n| *n == "Donald Trump").count(),
            2,
            "{names:?}"
        );
        assert!(names.contains(&"Putin".to_string()));
    }
}
