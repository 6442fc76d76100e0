//! Stage 3, naming: from the noun phrase of an attribution to the speaker's name.
//!
//! In: the tokens of a noun phrase. Out: a [`Speaker`]: the actor mention inside the phrase, a
//! pronoun resolved to its referent (`pronouns`), a definite description resolved to an earlier
//! name (`descriptions`), or the phrase's capitalized run without titles, as written.

use super::attribution::AttributionContext;
use super::lexicon::{DETERMINERS, NOT_NAMES, PRONOUNS, ROLE_HEADS};
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
        // A role held for someone else ("Mr Lane's spokesman", "the mayor's press secretary"):
        // the possessor did not speak. Without a name beside it the description is the speaker.
        if possessive_role(text, tokens).is_some() {
            return Some(Speaker {
                name: text[s..e].to_string(),
                span: (s, e),
                person_like: false,
            });
        }
        // An actor mention inside the phrase: people first, then organizations, then places;
        // among equals the last one, unless it follows a preposition ("Jo Reyes of Dayton").
        let prep = tokens
            .iter()
            .skip(1)
            .find(|t| word_in(text, t, &["of", "from", "in", "at", "for", "with"]))
            .map_or(e, |t| t.start);
        let mut best: Option<&ActorMention> = None;
        for a in self.actors_overlapping(s, e) {
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
        if let Some(a) = best {
            return Some(Speaker {
                name: a.name.clone(),
                span: (a.start, a.end),
                person_like: a.kind == ActorKind::Person,
            });
        }
        // A pronoun.
        if tokens.len() == 1 && word_in(text, &tokens[0], PRONOUNS) {
            let w = lowercase(text, &tokens[0]);
            let name = self
                .resolve_pronoun(&w, s)
                .unwrap_or_else(|| text[s..e].to_string());
            return Some(Speaker {
                name,
                span: (s, e),
                person_like: false,
            });
        }
        let f = &tokens[0];
        if word_in(text, f, DETERMINERS) {
            // A description: "the embassy" may name an earlier "Russian Embassy".
            let head = tokens.last()?;
            if tokens.len() >= 2 && !is_capitalized(text, head) && word_in(text, f, &["the"]) {
                if let Some(name) = self.resolve_description(&text[head.start..head.end], s) {
                    return Some(Speaker {
                        name,
                        span: (s, e),
                        person_like: false,
                    });
                }
            }
            return Some(Speaker {
                name: text[s..e].to_string(),
                span: (s, e),
                person_like: false,
            });
        }
        // A capitalized phrase: the name is its last capitalized run, without titles.
        let mut re = tokens.len();
        while re > 0 && !is_capitalized(text, &tokens[re - 1]) {
            re -= 1;
        }
        if re == 0 {
            return Some(Speaker {
                name: text[s..e].to_string(),
                span: (s, e),
                person_like: false,
            });
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
