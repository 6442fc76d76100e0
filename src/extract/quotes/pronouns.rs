//! Pronoun resolution.
//!
//! In: a lowercase pronoun ("he", "she", "it", "they", ...) and its position. Out: the name of the
//! actor it most likely refers to: the subject of a reporting verb in the nearest earlier sentence
//! that has a fitting mention, else the most recent fitting mention, else the last person who
//! spoke, else (without actors) the most recent two-word capitalized run. "He"/"she" pass over
//! sentences where the same pronoun comes before any name (the chain goes on: "He praised Lane.")
//! and over people whose honorific ("Mr", "Ms") shows the other gender.

use super::attribution::AttributionContext;
use super::cues::cue_at;
use super::lexicon::{NOT_NAMES, OPEN_WORDS, SUBORDINATORS, TITLES};
use super::name_runs::trim_run;
use super::text::floor_boundary;
use super::tokens::{tokenize, TokenKind};
use super::words::word_in;
use crate::extract::types::{ActorKind, ActorMention};

/// What [`AttributionContext::resolve_pronoun`] takes for a person of either gender (a title
/// standing alone: "the chairman").
pub(super) const ANY_PERSON: &str = "one";

impl<'a> AttributionContext<'a> {
    /// The name the pronoun `w` (lowercase; [`ANY_PERSON`] for a person of either gender) at
    /// `pos` most likely stands for.
    /// Also gives the position of the words it resolved to.
    pub(super) fn resolve_pronoun(&mut self, w: &str, pos: usize) -> Option<(String, usize)> {
        // "I" outside a quotation is the writer, whom the text does not name.
        if w == "i" {
            return None;
        }
        let person = matches!(w, "he" | "she" | "him" | "her") || w == ANY_PERSON;
        // The gender the pronoun asks for (true: male), to match an honorific seen before a
        // person's name ("Mr Lane", "Ms Holt").
        let wants_male = match w {
            "he" | "him" => Some(true),
            "she" | "her" => Some(false),
            _ => None,
        };
        // The subject form that continues a chain of the same referent ("He met Lane. "...,"
        // he said": not Lane); only "he" and "she" ("it" and "they" are often nobody's).
        let subject_form = match w {
            "him" => "he",
            "her" => "she",
            "them" => "they",
            w => w,
        };
        let lo = floor_boundary(self.text, pos.saturating_sub(3000));
        let genders = wants_male.map(|_| self.honorific_genders(lo, pos));
        let gender_ok = |a: &ActorMention| match (wants_male, &genders) {
            (Some(m), Some(g)) => g
                .iter()
                .find(|(n, _)| *n == a.name)
                .is_none_or(|(_, known)| known.is_none_or(|k| k == m)),
            _ => true,
        };
        let fits = |a: &ActorMention| {
            // A month or sentence adverb the tagger took for a name ("April") is nobody.
            let junk = (!a.name.contains(' ') && {
                let n = a.name.to_lowercase();
                OPEN_WORDS.contains(&n.as_str()) || NOT_NAMES.contains(&n.as_str())
            }) || ends_with_title(&a.name);
            if junk {
                false
            } else if person {
                a.kind == ActorKind::Person && gender_ok(a)
            } else {
                a.kind == ActorKind::Organization || (w == "they" && a.kind != ActorKind::Place)
            }
        };
        // Sentences that continue the pronoun's chain: their names are not candidates.
        let mut chained: Vec<(usize, usize)> = Vec::new();
        if !self.actors.is_empty() {
            // Subject first: walking back sentence by sentence, the first fitting mention of the
            // nearest sentence that has one ("Smith attacked Jones. "...," he said." -> Smith).
            let mut hi = pos;
            let mut looked = 0;
            while looked < 8 && chained.len() < 24 {
                let s0 = self
                    .sentence_start(lo, floor_boundary(self.text, hi.saturating_sub(1)).max(lo));
                // A sentence where the same pronoun comes before any fitting name speaks of the
                // same referent: its names are objects ("He praised Lane."); look further back.
                let first_fit = self.actors[self.actors.partition_point(|a| a.start < s0)..]
                    .iter()
                    .take_while(|a| a.start < hi)
                    .find(|a| !self.inside_quote(a.start) && fits(a))
                    .map_or(hi, |a| a.start);
                // A pronoun in a fronted clause looks ahead to the name after its comma
                // ("Though he lost, Mr. Lane said ..."): that sentence is no chain.
                let fronted = || {
                    tokenize(
                        self.text,
                        s0,
                        floor_boundary(self.text, (s0 + 16).min(first_fit)),
                    )
                    .first()
                    .is_some_and(|t| word_in(self.text, t, SUBORDINATORS))
                        && self.text[s0..first_fit].contains(',')
                };
                if wants_male.is_some()
                    && self.pronoun_between(subject_form, s0, first_fit)
                    && !fronted()
                {
                    chained.push((s0, hi));
                    if s0 <= lo {
                        break;
                    }
                    hi = s0;
                    continue;
                }
                let from = self.actors.partition_point(|a| a.start < s0);
                let in_sentence = || {
                    self.actors[from..]
                        .iter()
                        .take_while(|a| a.start < hi)
                        .filter(|a| !self.inside_quote(a.start))
                };
                // The subject of a reporting verb in that sentence first ("Lee and Ross met, but
                // Ross said ...": Ross), then its first fitting mention.
                let text = self.text;
                let cued = |a: &ActorMention| {
                    let tokens = tokenize(text, a.end, floor_boundary(text, (a.end + 40).min(hi)));
                    (0..tokens.len().min(3))
                        .take_while(|&k| tokens[k].kind == TokenKind::Word)
                        .any(|k| cue_at(text, &tokens, k).is_some())
                };
                // "it"/"they" may also be a country or city standing for its government.
                // A possessor ("Lane's remarks") is rarely what a later subject pronoun
                // stands for: the other names of the sentence come first.
                let possessive = |a: &ActorMention| {
                    let after = &text[floor_boundary(text, a.end)..];
                    after.starts_with("'s") || after.starts_with("\u{2019}s")
                };
                let found = in_sentence().find(|a| fits(a) && cued(a));
                let found = found
                    .or_else(|| in_sentence().find(|a| fits(a) && !possessive(a)))
                    .or_else(|| in_sentence().find(|a| fits(a)))
                    .or_else(|| {
                        (!person)
                            .then(|| in_sentence().find(|a| a.kind == ActorKind::Place))
                            .flatten()
                    });
                if let Some(a) = found {
                    return Some((self.actor_name(a), a.start));
                }
                if s0 <= lo {
                    break;
                }
                hi = s0;
                looked += 1;
            }
        }
        // Most recent fitting actor mention before the pronoun, outside quotations.
        let upto = self.actors.partition_point(|a| a.start < pos);
        for a in self.actors[..upto].iter().rev() {
            if a.start < lo {
                break;
            }
            if self.inside_quote(a.start) || chained.iter().any(|c| c.0 <= a.start && a.start < c.1)
            {
                continue;
            }
            if fits(a) {
                return Some((self.actor_name(a), a.start));
            }
        }
        if person {
            if let Some((n, p)) = &self.last_person {
                if *p >= lo && *p < pos {
                    return Some((n.clone(), *p));
                }
            }
            if self.actors.is_empty() {
                // Our own scan: the most recent two-word capitalized run.
                self.ensure_runs();
                let runs = self.runs.as_deref().unwrap_or(&[]);
                let upto = runs.partition_point(|r| r.0 < pos);
                for &(rs, re) in runs[..upto].iter().rev() {
                    if rs < lo {
                        break;
                    }
                    if self.text[rs..re].contains(' ') && !self.inside_quote(rs) {
                        if let Some((a, b)) = trim_run(self.text, rs, re) {
                            if self.text[a..b].contains(' ') {
                                return Some((self.text[a..b].to_string(), a));
                            }
                        }
                    }
                }
            }
        }
        None
    }

    /// Whether the pronoun `w` (lowercase) stands in `a..b` outside quotations.
    fn pronoun_between(&self, w: &str, a: usize, b: usize) -> bool {
        a < b
            && tokenize(self.text, a, b).iter().any(|t| {
                t.kind == TokenKind::Word
                    && self.text[t.start..t.end].eq_ignore_ascii_case(w)
                    && !self.inside_quote(t.start)
            })
    }

    /// The person names mentioned in `lo..hi` with the gender an honorific before any of their
    /// mentions shows ("Mr Lane": male, "Ms Holt": female; `None` when they disagree or none
    /// is written).
    fn honorific_genders(&self, lo: usize, hi: usize) -> Vec<(&'a str, Option<bool>)> {
        let text = self.text;
        let mut out: Vec<(&'a str, Option<bool>)> = Vec::new();
        let mut conflict: Vec<&'a str> = Vec::new();
        let from = self.actors.partition_point(|a| a.start < lo);
        for a in self.actors[from..].iter().take_while(|a| a.start < hi) {
            if a.kind != ActorKind::Person {
                continue;
            }
            let before = text[floor_boundary(text, a.start.saturating_sub(8))..a.start].trim_end();
            let word = before
                .rsplit(|c: char| !c.is_alphabetic() && c != '.')
                .next()
                .unwrap_or("")
                .trim_end_matches('.');
            let g = match word {
                "Mr" | "Sir" => Some(true),
                "Mrs" | "Ms" | "Miss" | "Dame" => Some(false),
                _ => None,
            };
            match out.iter_mut().find(|(n, _)| *n == a.name) {
                Some((_, known)) => {
                    if g.is_some() && known.is_some() && *known != g {
                        conflict.push(a.name.as_str());
                    } else if g.is_some() {
                        *known = g;
                    }
                }
                None => out.push((a.name.as_str(), g)),
            }
        }
        for (n, known) in out.iter_mut() {
            if conflict.contains(n) {
                *known = None;
            }
        }
        out
    }
}

/// Whether a name ends with an abbreviated title and so names nobody ("Maryland Gov."): a
/// fragment of a longer mention.
pub(super) fn ends_with_title(name: &str) -> bool {
    name.rsplit(' ')
        .next()
        .is_some_and(|w| w.ends_with('.') && TITLES.iter().any(|t| t.eq_ignore_ascii_case(w)))
}

impl<'a> AttributionContext<'a> {
    /// The name to report for an actor mention: its canonical name, unless that cannot be the
    /// same person's full name: a title fragment ("Maryland Gov."), a person's name that does
    /// not end with the mention's last word ("Trump Cuba" for "Trump"), or one whose first word
    /// is another person's surname ("Trump DeVos" beside "Donald Trump"). Then the mention as
    /// written, without titles.
    pub(super) fn actor_name(&self, a: &ActorMention) -> String {
        // The mention as written (its canonical name when the offsets do not fit the text).
        let mention = self.text.get(a.start..a.end).unwrap_or(&a.name);
        let written = || {
            let mut words: Vec<&str> = mention.split_whitespace().collect();
            while words.len() > 1 && TITLES.iter().any(|t| t.eq_ignore_ascii_case(words[0])) {
                words.remove(0);
            }
            words.join(" ")
        };
        if ends_with_title(&a.name) {
            return written();
        }
        if a.kind != ActorKind::Person {
            return a.name.clone();
        }
        let last = surname(mention);
        let mut words = a.name.split(' ');
        let first = words.next().unwrap_or("");
        let canonical_last = words.next_back();
        // The mention's word missing from the name, or a place or organization of the text
        // appended to it.
        let appended = canonical_last.is_some_and(|w| {
            w != last
                && self
                    .actors
                    .iter()
                    .any(|b| b.kind != ActorKind::Person && b.name == w)
        });
        if appended || a.name.split(' ').all(|w| w != last) {
            return written();
        }
        let clash = canonical_last.is_some()
            && self.actors.iter().any(|b| {
                b.kind == ActorKind::Person
                    && surname(&b.name) == first
                    && b.name.contains(' ')
                    && b.name != a.name
            });
        if clash {
            return written();
        }
        a.name.clone()
    }
}

/// The last word of a name, without a possessive ending.
fn surname(n: &str) -> &str {
    n.rsplit(' ')
        .next()
        .unwrap_or(n)
        .trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
}
