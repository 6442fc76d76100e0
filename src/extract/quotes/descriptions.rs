//! Definite descriptions and surnames.
//!
//! In: the head word of a description ("the embassy", "the president") or a lone surname, and its
//! position. Out: an earlier or fuller name it stands for ("Russian Embassy", "President Lee",
//! "Jane Smith"), or none.

use super::attribution::AttributionContext;
use super::lexicon::{DETERMINERS, FRONTING, NOT_NAMES, OPEN_WORDS, TITLES};
use super::name_runs::trim_run;
use super::speakers::Speaker;
use super::text::floor_boundary;
use super::tokens::tokenize;
use super::words::is_past_verb;
use crate::extract::types::ActorKind;

impl<'a> AttributionContext<'a> {
    /// An earlier name whose words include `head` ("embassy" -> "Russian Embassy").
    /// `modifier` is a word before the head ("former" in "the former president"): a title
    /// then names only someone called by it with that word before it ("former President Lee").
    pub(super) fn resolve_description(
        &mut self,
        head: &str,
        modifier: Option<&str>,
        pos: usize,
    ) -> Option<String> {
        if head.len() < 3 {
            return None;
        }
        // Names quoted inside a quotation are not the reporter's referents.
        let upto = self.actors.partition_point(|a| a.start < pos);
        for a in self.actors[..upto].iter().rev() {
            if !self.inside_quote(a.start)
                && a.name
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case(head))
            {
                return Some(a.name.clone());
            }
        }
        // A title ("the president") names someone called by that title ("President Lee"), not
        // a run that merely holds it ("French President Anne Roy" is another president).
        let title = TITLES.contains(&head.to_lowercase().as_str());
        self.ensure_runs();
        let runs = self.runs.as_deref().unwrap_or(&[]);
        let upto = runs.partition_point(|r| r.0 < pos);
        // (surname, fullest name, count) of people called by the title.
        let mut titled: Vec<(&str, &str, usize)> = Vec::new();
        for &(rs, re) in runs[..upto].iter().rev() {
            let run = &self.text[rs..re];
            if self.inside_quote(rs) {
                continue;
            }
            if title {
                // The person most often called by the title wins (ties: the latest).
                // Only sentence-opening words may precede the title in the run ("Later
                // President Lund", not "French President Roy").
                let mut off = 0;
                let mut modified = modifier.is_none_or(|m| {
                    let before = self.text[..rs].trim_end();
                    before
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case(m))
                });
                for w in run.split(' ') {
                    let lw = w.to_lowercase();
                    if modifier.is_some_and(|m| lw == m) {
                        modified = true;
                        off += w.len() + 1;
                        continue;
                    }
                    if w.eq_ignore_ascii_case(head) {
                        if !modified {
                            break;
                        }
                        if let Some((a, b)) = trim_run(self.text, rs + off + w.len(), re) {
                            let name = self.text[a..b]
                                .trim_end_matches("'s")
                                .trim_end_matches("\u{2019}s");
                            let key = name.rsplit(' ').next().unwrap_or(name);
                            match titled.iter_mut().find(|(k, _, _)| *k == key) {
                                Some((_, n, c)) => {
                                    *c += 1;
                                    if name.len() > n.len() {
                                        *n = name;
                                    }
                                }
                                None => titled.push((key, name, 1)),
                            }
                        }
                        break;
                    }
                    let opener = [NOT_NAMES, OPEN_WORDS, FRONTING, DETERMINERS]
                        .iter()
                        .any(|l| l.contains(&lw.as_str()));
                    if !opener {
                        break;
                    }
                    off += w.len() + 1;
                }
                continue;
            }
            if run.split_whitespace().any(|w| w.eq_ignore_ascii_case(head)) {
                if let Some((a, b)) = trim_run(self.text, rs, re) {
                    return Some(self.text[a..b].to_string());
                }
            }
        }
        let mut best: Option<(&str, usize)> = None;
        for &(_, n, c) in &titled {
            if best.is_none_or(|(_, bc)| c > bc) {
                best = Some((n, c));
            }
        }
        best.map(|(n, _)| n.to_string())
    }

    /// A multi-word name elsewhere in the text ending with `surname`.
    pub(super) fn full_name_for(&mut self, surname: &str, _pos: usize) -> Option<String> {
        for a in self.actors {
            if a.kind == ActorKind::Person
                && a.name.ends_with(surname)
                && a.name.len() > surname.len()
            {
                return Some(a.name.clone());
            }
        }
        self.ensure_runs();
        let runs = self.runs.as_deref().unwrap_or(&[]);
        for &(rs, re) in runs {
            if !self.text[rs..re].ends_with(surname) {
                continue;
            }
            let Some((a, b)) = trim_run(self.text, rs, re) else {
                continue;
            };
            let run = &self.text[a..b];
            if run.len() > surname.len() + 1
                && run.ends_with(surname)
                && run.as_bytes()[run.len() - surname.len() - 1] == b' '
            {
                let words = run.split(' ').count();
                if words <= 3 {
                    return Some(run.to_string());
                }
            }
        }
        None
    }
}

impl<'a> AttributionContext<'a> {
    /// The maker of a document a description names ("The statement continued" after "the
    /// president released a statement"): the subject of the nearest earlier sentence, within
    /// the paragraph or the one before, that introduced "a `head`". Only a named speaker.
    pub(super) fn document_maker(&mut self, head: &str, pos: usize) -> Option<Speaker> {
        let lo = floor_boundary(self.text, pos.saturating_sub(600));
        let window = self.text[lo..pos].to_ascii_lowercase();
        let head = head.to_ascii_lowercase();
        let at = [" a ", " an "]
            .iter()
            .filter_map(|d| window.rfind(&format!("{d}{head}")).map(|i| lo + i + 1))
            .filter(|&at| !self.inside_quote(at))
            .max()?;
        let after = at + window[at - lo..].find(' ')? + 1 + head.len();
        // The noun itself, not the start of a longer one ("a statement" but not "a statements").
        if self.text[after..].starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        let s0 = self.sentence_start(lo, at);
        let tokens = tokenize(self.text, s0, at);
        // Made by someone: the object of a verb ("released a statement", "sent an email"),
        // not a person in a list ("and a person close to him").
        if !tokens.last().is_some_and(|t| is_past_verb(self.text, t)) {
            return None;
        }
        self.sentence_subject(&tokens).filter(|sp| sp.named)
    }
}
