//! Stage 2, attribution: which words name the speaker of each quotation.
//!
//! In: the text, the actor mentions and the paired quotations. Out: for each quotation, the
//! [`Speaker`] found for it, or none.
//!
//! [`AttributionContext::attribute`] tries the places a speaker is named in order: a transcript label, a cue
//! right before the quotation, a cue after it, before it, the subject of the reporter's sentence,
//! the other half of a split quotation, the previous sentence, the next sentence, and the previous
//! paragraph. The cue search is in `cue_search`, the noun phrases in `noun_phrases`, the naming in
//! `speakers`, `pronouns` and `descriptions`.

use super::classify::{is_direct, looks_like_title, transcript_label};
use super::cues::cue_just_before;
use super::lexicon::{INDEFINITE, PRONOUNS};
use super::marks::{continues, PairedQuote};
use super::speakers::Speaker;
use super::text::floor_boundary;
use super::tokens::{tokenize, TokenKind};
use crate::extract::types::{ActorKind, ActorMention};

/// How far back (bytes) an uncued quotation paragraph may inherit the previous speaker.
const FALLBACK_REACH: usize = 600;

/// Whether an uncued quotation paragraph falls back to the previous paragraph's subject.
const FALLBACK_SUBJECT: bool = true;

/// The speaker of each quotation of `quotes` (in their order), or `None` where none is found. A
/// quotation continued over paragraphs shares one speaker.
pub(super) fn speakers(
    text: &str,
    actors: &[ActorMention],
    quotes: &[PairedQuote],
) -> Vec<Option<Speaker>> {
    let mut context = AttributionContext::new(text, actors, quotes);
    let mut speakers: Vec<Option<Speaker>> = Vec::with_capacity(quotes.len());
    for i in 0..quotes.len() {
        let sp = context.attribute(i, &speakers);
        if let Some(s) = &sp {
            if s.person_like {
                context.last_person = Some((s.name.clone(), s.span.0));
            }
            // An indefinite description introduces someone unnamed ("a port official"); a
            // definite one does only when no person is named before it in its paragraph ("the
            // billionaire businessman" after "Trump" is Trump, whom a later "he" names).
            let words = text.get(s.span.0..s.span.1).unwrap_or("");
            let first = words.split_whitespace().next().unwrap_or("").to_lowercase();
            let pronoun = PRONOUNS.contains(&words.to_lowercase().as_str());
            let new_person = INDEFINITE.contains(&first.as_str()) || {
                let para = text[..floor_boundary(text, s.span.0)]
                    .rfind('\n')
                    .map_or(0, |p| p + 1);
                !actors[actors.partition_point(|a| a.start < para)..]
                    .iter()
                    .take_while(|a| a.start < s.span.0)
                    .any(|a| a.kind == ActorKind::Person && !context.inside_quote(a.start))
            };
            if !s.named && !pronoun && new_person {
                context.last_unnamed = Some(s.span.0);
            }
        }
        speakers.push(sp);
    }
    // A quotation continued over paragraphs shares one speaker.
    for i in (0..quotes.len().saturating_sub(1)).rev() {
        if speakers[i].is_none() && continues(text, &quotes[i], &quotes[i + 1]) {
            speakers[i] = speakers[i + 1].clone();
        }
    }
    speakers
}

/// What the attribution of one article reads and remembers: the text, the actor mentions, the
/// paired quotations, the capitalized runs of its own name scan and the last person who spoke.
/// Its methods are spread over the stage files (`cue_search`, `noun_phrases`, `speakers`,
/// `pronouns`, `descriptions`, `name_runs`, `sentences`), one `impl` block each.
pub(super) struct AttributionContext<'a> {
    pub(super) text: &'a str,
    /// Actor mentions, sorted by start.
    pub(super) actors: &'a [ActorMention],
    /// The article's quotations, sorted by opening mark.
    pub(super) quotes: &'a [PairedQuote],
    /// Capitalized word runs found by our own scan (built lazily; used without actors).
    pub(super) runs: Option<Vec<(usize, usize)>>,
    /// The name and position of the last person-like speaker found (for "he"/"she").
    pub(super) last_person: Option<(String, usize)>,
    /// Where the last speaker described without a name ("a port official") was written.
    pub(super) last_unnamed: Option<usize>,
    /// Set while naming a transcript label, the one speaker written inside its quotation.
    pub(super) in_label: bool,
}

impl<'a> AttributionContext<'a> {
    fn new(text: &'a str, actors: &'a [ActorMention], quotes: &'a [PairedQuote]) -> Self {
        AttributionContext {
            text,
            actors,
            quotes,
            runs: None,
            last_person: None,
            last_unnamed: None,
            in_label: false,
        }
    }

    /// Whether byte offset `pos` lies inside the content of a quotation.
    pub(super) fn inside_quote(&self, pos: usize) -> bool {
        let k = self.quotes.partition_point(|r| r.start <= pos);
        k > 0 && pos < self.quotes[k - 1].end
    }

    /// Attribution of quotation `i`.
    pub(super) fn attribute(&mut self, i: usize, prev: &[Option<Speaker>]) -> Option<Speaker> {
        let r = self.quotes[i];
        // Quotations in the same paragraph before and after.
        let prev_same =
            (i > 0 && self.quotes[i - 1].para_start == r.para_start).then(|| self.quotes[i - 1]);
        let next_same = self
            .quotes
            .get(i + 1)
            .filter(|n| n.para_start == r.para_start)
            .copied();

        // A transcript line: "SMITH: We will ..." names its own speaker.
        if let Some(label_end) = transcript_label(&self.text[r.start..r.end]) {
            let (a, b) = (r.start, r.start + label_end);
            let tokens = tokenize(self.text, a, b);
            self.in_label = true;
            let sp = self.name_noun_phrase(&tokens);
            self.in_label = false;
            if sp.is_some() {
                return sp;
            }
        }
        // A partial quotation that names a work or thing ("a film called "The Long Night"")
        // reports nobody's words.
        if !is_direct(self.text, self.quotes, i) && looks_like_title(&self.text[r.start..r.end]) {
            let head = self.text[..r.open].trim_end();
            let named = head
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| ["called", "named", "nicknamed"].contains(&w));
            if named {
                return None;
            }
        }
        let floor = prev_same.map_or(r.para_start, |p| p.close_end);
        let sent_lo = self.sentence_start(r.para_start, r.open);
        let lo = sent_lo.max(floor);
        // 0. A cue right before the opening mark (`said, "`, `told CNN: "`) wins.
        if cue_just_before(self.text, lo, r.open) {
            if let Some(sp) = self.before(sent_lo.min(lo), lo, r.open) {
                return Some(sp);
            }
        }
        // 1. After the quotation, up to the end of the sentence or the next quotation.
        if r.closed {
            let limit = next_same.map_or(r.para_end, |n| n.open);
            let end = self.sentence_end(r.close_end, limit);
            let content = &self.text[r.start..r.end];
            let strict = content.ends_with('.');
            let slot = content.ends_with([',', '?', '!', '\u{2014}']);
            let introduces_next = next_same.is_some_and(|n| end == n.open);
            if !(strict && introduces_next) {
                if let Some(sp) = self.after(r.close_end, end, strict, slot) {
                    return Some(sp);
                }
            }
        }
        // 2. Before the quotation, from the start of its sentence (or the previous quotation).
        if let Some(sp) = self.before(sent_lo.min(lo), lo, r.open) {
            return Some(sp);
        }
        // 2b. A quotation woven into the reporter's sentence ("Smith called the plan "a
        //     disgrace""): the subject of that sentence.
        if sent_lo < r.open {
            let tokens = tokenize(self.text, sent_lo, r.open);
            let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
            let mid = tokens.last().is_some_and(|t| t.kind == TokenKind::Word);
            if mid && words >= 1 && tokens.iter().all(|t| t.kind != TokenKind::Quote) {
                if let Some(sp) = self.sentence_subject(&tokens) {
                    return Some(sp);
                }
            }
        }
        // 3. Split quotation in the same sentence or a continuation in the same paragraph:
        //    "...," he said. "..."
        if let Some(p) = prev_same {
            if let Some(Some(sp)) = prev.get(i - 1) {
                let between = &self.text[p.close_end..r.open];
                if between.len() < 200 {
                    return Some(sp.clone());
                }
            }
        }
        // 4. The previous sentence in the paragraph names the speaker with a cue verb
        //    ("..., the company said in a statement. "...").
        if lo > floor {
            let plo = self.sentence_start(floor, lo.saturating_sub(1).max(floor));
            if plo < lo {
                if let Some(sp) = self.before(plo, plo, lo) {
                    return Some(sp);
                }
            }
        }
        // 5. The next sentence after the quotation, when it is just an attribution.
        if r.closed {
            let limit = next_same.map_or(r.para_end, |n| n.open);
            let end1 = self.sentence_end(r.close_end, limit);
            if end1 < limit {
                let end2 = self.sentence_end(end1, limit);
                if end2 - end1 < 120 {
                    if let Some(sp) = self.after(end1, end2, true, false) {
                        return Some(sp);
                    }
                }
            }
        }
        // 6. The paragraph opens with the quotation: the previous paragraph ended with a colon
        //    after a cue, or held the same speaker's quotation.
        if self.text[r.para_start..r.open].trim().is_empty() && r.para_start > 0 {
            return self.in_previous_paragraph(i, prev);
        }
        None
    }

    /// Step 6 of [`AttributionContext::attribute`], for a quotation that opens its paragraph: a cue before a
    /// colon ending the previous paragraph, a quotation of the same speaker there, a cue in its
    /// last sentence, a quotation shortly before, or the subject of the previous paragraph.
    fn in_previous_paragraph(&mut self, i: usize, prev: &[Option<Speaker>]) -> Option<Speaker> {
        let r = self.quotes[i];
        let pe = r.para_start - 1;
        let mut ps = pe;
        let b = self.text.as_bytes();
        while ps > 0 && b[ps - 1] != b'\n' {
            ps -= 1;
        }
        // Skip blank lines.
        let (mut pps, mut ppe) = (ps, pe);
        while pps > 0 && self.text[pps..ppe].trim().is_empty() {
            ppe = pps - 1;
            pps = ppe;
            while pps > 0 && b[pps - 1] != b'\n' {
                pps -= 1;
            }
        }
        let ptext = self.text[pps..ppe].trim_end();
        if ptext.ends_with(':') {
            let cut = pps + ptext.len() - 1;
            let lo2 = self.sentence_start(pps, cut);
            if let Some(sp) = self.before(lo2, lo2, cut + 1) {
                return Some(sp);
            }
            let tokens = tokenize(self.text, lo2, cut);
            if let Some(sp) = self.sentence_subject(&tokens) {
                return Some(sp);
            }
        }
        if i > 0 {
            let p = self.quotes[i - 1];
            if p.para_start == pps {
                if let Some(Some(sp)) = prev.get(i - 1) {
                    return Some(sp.clone());
                }
            }
        }
        // The previous paragraph's last sentence reports someone's words ("The report
        // stated that ...").
        let ptext = self.text[pps..ppe].trim_end();
        if !ptext.is_empty() && !ptext.ends_with(':') {
            let pend = pps + ptext.len();
            let lo3 = self.sentence_start(pps, pend.saturating_sub(1).max(pps));
            if let Some(sp) = self.first_cue_subject(lo3, pend) {
                return Some(sp);
            }
        }
        // A quotation paragraph with no cue at all: the speaker of a quotation shortly
        // before (the same voice continues), else the subject of the previous paragraph.
        if i > 0 && r.open - self.quotes[i - 1].close_end < FALLBACK_REACH {
            if let Some(Some(sp)) = prev.get(i - 1) {
                return Some(sp.clone());
            }
        }
        if FALLBACK_SUBJECT && !ptext.is_empty() {
            let tokens = tokenize(self.text, pps, (pps + 200).min(ppe));
            if let Some(sp) = self.sentence_subject(&tokens) {
                return Some(sp);
            }
        }
        None
    }
}
