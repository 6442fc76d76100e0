//! Stage 3, naming: from the noun phrase of an attribution to the speaker's name.
//!
//! In: the tokens of a noun phrase. Out: a [`Speaker`]: the actor mention inside the phrase, a
//! pronoun resolved to its referent (`pronouns`), a definite description resolved to an earlier
//! name (`descriptions`), or the phrase's capitalized run without titles, as written.

use super::attribution::AttributionContext;
use super::lexicon::{
    DETERMINERS, INDEFINITE, INSTITUTION_HEADS, NOT_NAMES, OPEN_WORDS, PRONOUNS, ROLE_HEADS,
    TIME_WORDS,
};
use super::pronouns::{ends_with_title, ANY_PERSON};
use super::tokens::{is_party_tag, Token, TokenKind};
use super::words::{is_capitalized, is_title, lowercase, opener, word_in};
use crate::extract::types::{ActorKind, ActorMention};

/// The speaker of a quotation.
#[derive(Clone, Debug)]
pub(super) struct Speaker {
    /// The name: an actor's canonical name, a resolved referent, or the words as written.
    pub(super) name: String,
    /// Byte range of the words in the text that name the speaker (a pronoun keeps its own).
    pub(super) span: (usize, usize),
    /// Whether the speaker reads as a person (a later "he" or "she" may refer to it).
    pub(super) person_like: bool,
    /// Whether the words name someone: false for a description that names nobody ("a
    /// spokesman", "one diplomat", "the email") and a pronoun that resolves to nobody. Such a
    /// speaker keeps its span and reports no name.
    pub(super) named: bool,
}

impl Speaker {
    /// A speaker the words `s..e` only describe, without a name.
    fn unnamed(text: &str, s: usize, e: usize) -> Speaker {
        Speaker {
            name: text[s..e].to_string(),
            span: (s, e),
            person_like: false,
            named: false,
        }
    }
}

impl<'a> AttributionContext<'a> {
    /// Name the speaker of the noun phrase `tokens`.
    pub(super) fn name_noun_phrase(&mut self, tokens: &[Token]) -> Option<Speaker> {
        let text = self.text;
        let mut tokens = tokens;
        while tokens.len() > 1 {
            let t = tokens[tokens.len() - 1];
            if t.kind == TokenKind::Paren || is_party_tag(&text[t.start..t.end]) {
                tokens = &tokens[..tokens.len() - 1];
            } else {
                break;
            }
        }
        let s = tokens.first()?.start;
        let e = tokens.last()?.end;
        // Words inside a quotation are someone's speech, never the speaker's name.
        if !self.in_label && self.inside_quote(s) {
            return None;
        }
        // A lone sentence-opening word is no speaker ("Wait, ...", "Here they are:").
        if tokens.len() == 1
            && (word_in(text, &tokens[0], NOT_NAMES) || opener(text, tokens, 0).is_some())
            && self.actors_overlapping(s, e).next().is_none()
        {
            return None;
        }
        // A pronoun or opener with a verb joined to it ("It's our duty", "That's") is no name.
        if tokens.len() == 1 && self.actors_overlapping(s, e).next().is_none() {
            let w = lowercase(text, &tokens[0]);
            let base = ["'s", "\u{2019}s", "'re", "\u{2019}re"]
                .iter()
                .find_map(|c| w.strip_suffix(c));
            if base.is_some_and(|b| {
                [PRONOUNS, NOT_NAMES, DETERMINERS, OPEN_WORDS]
                    .iter()
                    .any(|l| l.contains(&b))
                    || ["here", "there", "what", "who"].contains(&b)
            }) {
                return None;
            }
        }
        // A role held for someone else ("Mr Lane's spokesman", "the mayor's press secretary"):
        // the possessor did not speak. Without a name beside it the description is the speaker.
        if possessive_role(text, tokens).is_some() {
            return Some(Speaker::unnamed(text, s, e));
        }
        // An actor mention inside the phrase: people first, then organizations, then places;
        // among equals the last one, unless it follows a preposition ("Jo Reyes of Dayton").
        let prep = tokens
            .iter()
            .skip(1)
            .find(|t| word_in(text, t, &["of", "from", "in", "at", "for", "with"]))
            .map_or(e, |t| t.start);
        let mut best: Option<&ActorMention> = None;
        for a in self
            .actors_overlapping(s, e)
            .filter(|a| !ends_with_title(&a.name))
        {
            let rank = |m: &ActorMention| {
                let kind = match m.kind {
                    ActorKind::Person => 0,
                    ActorKind::Organization => 2,
                    ActorKind::Place => 4,
                };
                kind + usize::from(m.start >= prep)
            };
            if best.is_none_or(|b| rank(a) <= rank(b)) {
                best = Some(a);
            }
        }
        // A place inside a longer capitalized name ("USA" in "USA Today") is not the speaker:
        // the name as written is.
        let inside_name = best.is_some_and(|a| {
            a.kind == ActorKind::Place
                && tokens.iter().any(|t| {
                    (t.end <= a.start || t.start >= a.end)
                        && is_capitalized(text, t)
                        && !is_title(text, t)
                        && !word_in(text, t, DETERMINERS)
                        && (t.end + 1 == a.start || a.end + 1 == t.start)
                })
        });
        if let Some(a) = best.filter(|_| !inside_name) {
            return Some(Speaker {
                name: self.actor_name(a),
                span: (a.start, a.end),
                person_like: a.kind == ActorKind::Person,
                named: true,
            });
        }
        // A pronoun.
        if tokens.len() == 1 && word_in(text, &tokens[0], PRONOUNS) {
            let w = lowercase(text, &tokens[0]);
            // A pronoun right after a speaker described without a name ("a port official
            // told Reuters. "...," he said") stands for that speaker, not an earlier name.
            let resolved = self
                .resolve_pronoun(&w, s)
                .filter(|(_, at)| self.last_unnamed.is_none_or(|u| u < *at || u >= s));
            return Some(match resolved.map(|(name, _)| name) {
                Some(name) => Speaker {
                    name,
                    span: (s, e),
                    person_like: false,
                    named: true,
                },
                None => Speaker::unnamed(text, s, e),
            });
        }
        let f = &tokens[0];
        if word_in(text, f, DETERMINERS) {
            // A description: "the embassy" may name an earlier "Russian Embassy".
            let head = tokens.last()?;
            if tokens.len() >= 2 && !is_capitalized(text, head) && word_in(text, f, &["the"]) {
                let modifier = (tokens.len() == 3 && !is_capitalized(text, &tokens[1]))
                    .then(|| lowercase(text, &tokens[1]));
                let described =
                    self.resolve_description(&text[head.start..head.end], modifier.as_deref(), s);
                // "the chairman said", "the nominee admitted": a title for the person the
                // passage is about, resolved as "he" or "she" would be. Roles held for others
                // ("the spokesman", "the deputy") are not: they are often nobody named.
                let title_only = tokens.len() <= 3
                    && tokens[1..].iter().all(|t| is_title(text, t))
                    && !word_in(text, head, ROLE_HEADS);
                // Only a person named in the same paragraph.
                let para = text[..s].rfind('\n').map_or(0, |p| p + 1);
                if let Some(name) = described.or_else(|| {
                    title_only
                        .then(|| self.resolve_pronoun(ANY_PERSON, s))
                        .flatten()
                        .filter(|(_, at)| *at >= para)
                        .map(|(name, _)| name)
                }) {
                    return Some(Speaker {
                        name,
                        span: (s, e),
                        person_like: false,
                        named: true,
                    });
                }
            }
            // "The statement continued": the maker of the statement introduced before.
            if tokens.len() == 2 && word_in(text, f, &["the"]) && !is_capitalized(text, head) {
                if let Some(sp) = self.document_maker(&text[head.start..head.end], s) {
                    return Some(Speaker { span: (s, e), ..sp });
                }
            }
            // A description with a common noun for its head ("a spokesman", "one of the
            // people", "the email") that no name stands for names nobody, and so does an
            // indefinite one ("a congressional Democrat"). A definite institution ("the
            // foreign ministry") is one body, named by its description.
            let indefinite = word_in(text, f, INDEFINITE);
            let institution = !indefinite && word_in(text, head, INSTITUTION_HEADS);
            if indefinite || (!is_capitalized(text, head) && !institution) {
                return Some(Speaker::unnamed(text, s, e));
            }
            return Some(Speaker {
                name: text[s..e].to_string(),
                span: (s, e),
                person_like: false,
                named: true,
            });
        }
        // A capitalized phrase: the name is its last capitalized run, without titles.
        let mut re = tokens.len();
        while re > 0 && !is_capitalized(text, &tokens[re - 1]) {
            re -= 1;
        }
        if re == 0 {
            // No capitalized word: a description, no name.
            return Some(Speaker::unnamed(text, s, e));
        }
        // A day or month after the name is the time of the cue ("Trump Monday released").
        while re > 1 && word_in(text, &tokens[re - 1], TIME_WORDS) {
            re -= 1;
        }
        let mut rs = re - 1;
        while rs > 0 && is_capitalized(text, &tokens[rs - 1]) {
            rs -= 1;
        }
        // The name follows the last title word ("Senate Budget Chair Laura Kim").
        let ns = tokens[rs..re - 1]
            .iter()
            .rposition(|t| is_title(text, t))
            .map_or(rs, |p| rs + p + 1);
        let (ns_b, ne_b) = (tokens[ns].start, tokens[re - 1].end);
        let mut name = text[ns_b..ne_b].to_string();
        // Titles alone ("Maryland Gov.") name nobody.
        if !self.in_label && tokens[ns..re].iter().all(|t| is_title(text, t)) {
            return Some(Speaker::unnamed(text, s, e));
        }
        let single = re - ns == 1;
        let mut person_like = re - ns >= 2 || rs < ns;
        if single {
            if let Some(full) = self.full_name_for(&name, ns_b) {
                name = full;
                person_like = true;
            }
        }
        Some(Speaker {
            name,
            span: (ns_b, ne_b),
            person_like,
            named: true,
        })
    }

    /// The actor mentions overlapping the byte range `s..e`.
    fn actors_overlapping(&self, s: usize, e: usize) -> impl Iterator<Item = &'a ActorMention> {
        let actors = self.actors;
        let from = actors.partition_point(|a| a.end <= s);
        actors[from..]
            .iter()
            .take_while(move |a| a.start < e)
            .filter(move |a| a.end > s)
    }
}

/// Whether a word ends in a possessive ("Lane's", "Jones'", "Lane\u{2019}s").
pub(super) fn is_possessive(text: &str, t: &Token) -> bool {
    let w = &text[t.start..t.end];
    t.kind == TokenKind::Word
        && (w.ends_with("'s")
            || w.ends_with("\u{2019}s")
            || w.ends_with('\'')
            || w.ends_with('\u{2019}'))
}

/// When the phrase `tokens` is a role held for a possessor ("Mr Lane's spokesman", "the
/// council's chief lawyer", "Lane's Press Secretary"): the index of the first word after the
/// possessive. The head after the possessive is lowercase or a title, never a name.
pub(super) fn possessive_role(text: &str, tokens: &[Token]) -> Option<usize> {
    let p = tokens.iter().rposition(|t| is_possessive(text, t))?;
    let head = &tokens[p + 1..];
    let fits = !head.is_empty()
        && head.len() <= 4
        && head
            .iter()
            .all(|t| t.kind == TokenKind::Word && (!is_capitalized(text, t) || is_title(text, t)))
        && head.last().is_some_and(|t| word_in(text, t, ROLE_HEADS));
    fits.then_some(p + 1)
}
