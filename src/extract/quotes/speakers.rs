//! Stage 3, naming: from the noun phrase of an attribution to the speaker's name.
//!
//! In: the tokens of a noun phrase. Out: a [`Speaker`]: the actor mention inside the phrase, a
//! pronoun resolved to its referent (`pronouns`), a definite description resolved to an earlier
//! name (`descriptions`), or the phrase's capitalized run without titles, as written.

use super::attribution::Ctx;
use super::lexicon::{DETERMINERS, NOT_NAMES, PRONOUNS};
use super::tokens::{is_party_tag, Tok, K};
use super::words::{is_cap, is_title, lower, opener, word_in};
use crate::extract::types::{ActorKind, ActorMention};

#[derive(Clone, Debug)]
pub(super) struct Speaker {
    pub(super) name: String,
    pub(super) span: (usize, usize),
    pub(super) person_like: bool,
}

impl<'a> Ctx<'a> {
    /// Name the speaker of the noun phrase `toks`.
    pub(super) fn name_np(&mut self, toks: &[Tok]) -> Option<Speaker> {
        let text = self.text;
        let mut toks = toks;
        while toks.len() > 1 {
            let t = toks[toks.len() - 1];
            if t.k == K::Paren || is_party_tag(&text[t.s..t.e]) {
                toks = &toks[..toks.len() - 1];
            } else {
                break;
            }
        }
        let s = toks.first()?.s;
        let e = toks.last()?.e;
        // Words inside a quotation are someone's speech, never the speaker's name.
        if !self.in_label && self.inside_quote(s) {
            return None;
        }
        // A lone sentence-opening word is no speaker ("Wait, ...", "Here they are:").
        if toks.len() == 1
            && (word_in(text, &toks[0], NOT_NAMES) || opener(text, toks, 0).is_some())
            && self.actors_overlapping(s, e).next().is_none()
        {
            return None;
        }
        // An actor mention inside the phrase: people first, then organizations, then places;
        // among equals the last one, unless it follows a preposition ("Jo Reyes of Dayton").
        let prep = toks
            .iter()
            .skip(1)
            .find(|t| word_in(text, t, &["of", "from", "in", "at", "for", "with"]))
            .map_or(e, |t| t.s);
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
        if toks.len() == 1 && word_in(text, &toks[0], PRONOUNS) {
            let w = lower(text, &toks[0]);
            let name = self
                .resolve_pronoun(&w, s)
                .unwrap_or_else(|| text[s..e].to_string());
            return Some(Speaker {
                name,
                span: (s, e),
                person_like: false,
            });
        }
        let f = &toks[0];
        if word_in(text, f, DETERMINERS) {
            // A description: "the embassy" may name an earlier "Russian Embassy".
            let head = toks.last()?;
            if toks.len() >= 2 && !is_cap(text, head) && word_in(text, f, &["the"]) {
                if let Some(name) = self.resolve_description(&text[head.s..head.e], s) {
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
        let mut re = toks.len();
        while re > 0 && !is_cap(text, &toks[re - 1]) {
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
        while rs > 0 && is_cap(text, &toks[rs - 1]) {
            rs -= 1;
        }
        // The name follows the last title word ("Senate Budget Chair Laura Kim").
        let ns = toks[rs..re - 1]
            .iter()
            .rposition(|t| is_title(text, t))
            .map_or(rs, |p| rs + p + 1);
        let (ns_b, ne_b) = (toks[ns].s, toks[re - 1].e);
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

    fn actors_overlapping(&self, s: usize, e: usize) -> impl Iterator<Item = &'a ActorMention> {
        let actors = self.actors;
        let from = actors.partition_point(|a| a.end <= s);
        actors[from..]
            .iter()
            .take_while(move |a| a.start < e)
            .filter(move |a| a.end > s)
    }
}
