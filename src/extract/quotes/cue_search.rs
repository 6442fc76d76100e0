//! Cue search: the attribution written next to a quotation.
//!
//! In: a byte range after or before a quotation. Out: the [`Speaker`] of the cue found there
//! (`, he said`, `said Smith, a spokesman`, `Smith told reporters:`, `according to the report`),
//! or none.

use super::attribution::Ctx;
use super::cues::cue_at;
use super::lexicon::{AUX, FRONTING, PRONOUNS};
use super::speakers::Speaker;
use super::tokens::{tokenize, K};
use super::words::{is_cap, is_ly_adverb, is_past_verb, is_present_verb, lower, word_in};

impl<'a> Ctx<'a> {
    /// The subject of the first cue verb in `a..b` that has one.
    pub(super) fn first_cue_subject(&mut self, a: usize, b: usize) -> Option<Speaker> {
        let toks = tokenize(self.text, a, b);
        for k in 0..toks.len().min(20) {
            if toks[k].k == K::Quote {
                return None;
            }
            if cue_at(self.text, &toks, k).is_some() && !lower(self.text, &toks[k]).ends_with("ing")
            {
                return self.subject_before(&toks, k);
            }
        }
        None
    }

    /// Attribution in the words after a quotation: `, he said`, `said Smith, a spokesman`,
    /// `the report read`, `according to the report`.
    pub(super) fn after(
        &mut self,
        a: usize,
        b: usize,
        strict: bool,
        slot: bool,
    ) -> Option<Speaker> {
        let toks = tokenize(self.text, a, b);
        if strict && toks.iter().filter(|t| t.k == K::Word).count() > 12 {
            return None;
        }
        // A byline dash: "..." -- Jane Doe.
        if toks.first().is_some_and(|t| t.k == K::Dash) {
            let mut e = 1;
            while e < toks.len() && toks[e].k == K::Word && e <= 6 {
                e += 1;
            }
            let rest_ok = e == toks.len() || matches!(toks[e].k, K::Stop | K::Comma | K::Paren);
            if e > 1 && rest_ok && is_cap(self.text, &toks[1]) {
                return self.name_np(&toks[1..e]);
            }
        }
        let mut first = 0;
        while first < toks.len() && matches!(toks[first].k, K::Comma | K::Dash | K::Quote | K::Stop)
        {
            first += 1;
        }
        if first >= toks.len() || toks[first].k != K::Word {
            return None;
        }
        // The cue must come early: within the subject's reach.
        if word_in(self.text, &toks[first], FRONTING)
            && !word_in(self.text, &toks[first], &["then", "later"])
            && cue_at(self.text, &toks, first).is_none()
        {
            return None;
        }
        let mut k = first;
        let mut commas = 0;
        let (max_commas, reach) = if slot { (5, 40) } else { (2, 24) };
        let limit = (first + reach).min(toks.len());
        let mut found = None;
        while k < limit {
            let t = toks[k];
            if t.k == K::Stop || t.k == K::Colon || t.k == K::Quote {
                break;
            }
            if t.k == K::Comma {
                commas += 1;
                if commas > max_commas {
                    break;
                }
            }
            if let Some(next) = cue_at(self.text, &toks, k) {
                found = Some((k, next));
                break;
            }
            // In the attribution slot, an unlisted past-tense verb right after a short subject
            // ("," Smith quipped.) counts too.
            if slot
                && commas == 0
                && k > first
                && k - first <= 4
                && is_past_verb(self.text, &toks[k])
            {
                found = Some((k, k + 1));
                break;
            }
            if slot
                && k == first + 1
                && is_present_verb(self.text, &toks[k])
                && (word_in(self.text, &toks[first], PRONOUNS) || is_cap(self.text, &toks[first]))
            {
                found = Some((k, k + 1));
                break;
            }
            // Without an appositive the subject is short.
            if commas == 0 && k - first >= 9 {
                break;
            }
            k += 1;
        }
        let (k, next) = found?;
        let according = lower(self.text, &toks[k]) == "according";
        if k == first || according {
            return self.np_after(&toks, next);
        }
        // Subject: from `first` to the verb, cut at the first comma (appositive).
        let mut end = k;
        while end > first
            && (word_in(self.text, &toks[end - 1], AUX) || is_ly_adverb(self.text, &toks[end - 1]))
        {
            end -= 1;
        }
        let mut cut = first;
        while cut < end && toks[cut].k != K::Comma {
            cut += 1;
        }
        let mut st = first;
        while st < cut
            && word_in(
                self.text,
                &toks[st],
                &["but", "and", "so", "yet", "then", "now"],
            )
        {
            st += 1;
        }
        if st >= cut || cut - st > 10 {
            return None;
        }
        if cut == end || self.np_like(&toks[st..cut]) {
            self.name_np(&toks[st..cut])
        } else {
            None
        }
    }

    /// Attribution in the words before a quotation: `Smith said:`, `he told reporters that`,
    /// `according to the report,`, `As Smith put it,`, `Smith, in a statement:`. Cues are looked
    /// for from `cue_lo`; the subject may be found from `a` (the sentence start).
    pub(super) fn before(&mut self, a: usize, cue_lo: usize, b: usize) -> Option<Speaker> {
        let text = self.text;
        let toks = tokenize(text, a, b);
        if toks.is_empty() {
            return None;
        }
        let first_cue_tok = toks
            .iter()
            .position(|t| t.s >= cue_lo)
            .unwrap_or(toks.len());
        // Last cue in the span.
        let mut found = None;
        for k in (first_cue_tok..toks.len()).rev() {
            if let Some(next) = cue_at(text, &toks, k) {
                found = Some((k, next));
                break;
            }
        }
        let ends_colon = toks
            .last()
            .is_some_and(|t| t.k == K::Colon && text[t.s..t.e] == *":");
        let statement = toks.len() >= 2
            && matches!(toks[toks.len() - 1].k, K::Comma | K::Colon)
            && word_in(
                text,
                &toks[toks.len() - 2],
                &[
                    "statement",
                    "tweet",
                    "post",
                    "email",
                    "letter",
                    "memo",
                    "message",
                ],
            );
        if found.is_none() && statement {
            return self.sentence_subject(&toks[..toks.len() - 2]);
        }
        let Some((k, next)) = found else {
            // "Smith: "..."", "the board was clear in its findings: "..."".
            if ends_colon && toks.len() > first_cue_tok + 1 {
                let n = toks.len() - 1;
                let body = &toks[first_cue_tok..n];
                if body.len() <= 8
                    && body.iter().all(|t| matches!(t.k, K::Word | K::Paren))
                    && self.np_like(body)
                {
                    return self.name_np(body);
                }
                // A capitalized name right before the colon ("... - Pew Research:").
                let mut st = n;
                while st > first_cue_tok
                    && n - st < 6
                    && (is_cap(text, &toks[st - 1])
                        || (st < n
                            && word_in(text, &toks[st - 1], &["and", "of"])
                            && st >= 2
                            && is_cap(text, &toks[st - 2])))
                {
                    st -= 1;
                }
                if st < n
                    && is_cap(text, &toks[st])
                    && st > 0
                    && matches!(toks[st - 1].k, K::Dash | K::Comma | K::Colon)
                {
                    return self.name_np(&toks[st..n]);
                }
                return self.sentence_subject(&toks[..n]);
            }
            return None;
        };
        // Too far from the quotation: more than a short clause in between (a partial quote
        // inside the reporter's sentence may sit further from its cue).
        let partial = text[b..]
            .chars()
            .take(4)
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase);
        if toks.len() - next > if partial { 40 } else { 14 } {
            return None;
        }
        let w = lower(text, &toks[k]);
        if w == "according" {
            return self.np_after(&toks, next);
        }
        if w.ends_with("ing")
            && k > 0
            && is_cap(text, &toks[k - 1])
            && !word_in(text, &toks[k - 1], PRONOUNS)
        {
            // "footage of Trump saying"
            if let Some(sp) = self.subject_before(&toks, k) {
                return Some(sp);
            }
        }
        if w.ends_with("ing") {
            // Participle ("..., saying"): an earlier cue's subject, else the sentence subject.
            for j in (first_cue_tok..k).rev() {
                if cue_at(text, &toks, j).is_some() && !lower(text, &toks[j]).ends_with("ing") {
                    if let Some(sp) = self.subject_before(&toks, j) {
                        return Some(sp);
                    }
                }
            }
            let mut st = 0;
            while st < k && toks[st].k != K::Word {
                st += 1;
            }
            if let Some(sp) = self.sentence_subject(&toks[st..k]) {
                return Some(sp);
            }
            return self.subject_before(&toks, k);
        }
        if let Some(sp) = self.subject_before(&toks, k) {
            return Some(sp);
        }
        // Inverted: "Said Smith, a neighbour, "..."", "But, said Smith, "..."".
        if k == 0 || matches!(toks[k - 1].k, K::Comma | K::Quote | K::Colon | K::Dash) {
            return self.np_after(&toks, next);
        }
        None
    }
}
