//! Direct quotations and their speakers.
//!
//! The extractor works in three passes over one article:
//! 1. pair quotation marks paragraph by paragraph (straight and curly double quotes, guillemets),
//!    capping an unclosed quotation at the end of its paragraph (a paragraph that opens with a
//!    mark again continues it); single marks nested inside are ignored, and single-quoted
//!    top-level quotations (`he said: 'We ...'`) are taken only in a strict shape (capital after
//!    the opening mark, `.`/`,`/`!`/`?` before the closing one, a cue verb next to it), so
//!    apostrophes (`don't`, `Iran's`, `the '90s`, `rock 'n' roll`) never open a quotation;
//! 2. find the attribution of each quotation: a cue verb ("said", "told", "according to"...)
//!    after the quotation, before it, between the halves of a split quotation, or in a
//!    neighbouring sentence, and the subject or object noun phrase of that cue;
//! 3. name the speaker: the actor mention inside the noun phrase, a pronoun resolved to the most
//!    recent fitting actor, a definite description ("the embassy") resolved to an earlier name
//!    with the same head word, or the noun phrase as written.
//!
//! All offsets are byte offsets into the text.
//!
//! [`find`] returns every quotation, partial ones included (`asserted there was "no evidence"`);
//! [`find_direct`] keeps the full direct quotes (what PolNeAR scores as "direct"); [`analyze`]
//! gives both with the classification. Speakers that are pronouns keep the pronoun's span and
//! carry the resolved name (or the pronoun itself when nothing fits).

use crate::extract::types::{ActorKind, ActorMention, QuoteMention};

/// Direct quotations in `text` (byte offsets, sorted by start), each with its speaker where one is found.
/// `actors` are the named-entity mentions another component found in the same text (sorted, byte offsets,
/// with canonical names: "Putin" mention -> name "Vladimir Putin"); use them to find and name speakers,
/// and for pronoun resolution. Must also work with an empty `actors` slice (fall back to your own
/// detection of capitalized names and noun phrases).
pub fn find(text: &str, actors: &[ActorMention]) -> Vec<QuoteMention> {
    analyze(text, actors)
        .into_iter()
        .map(|q| q.mention)
        .collect()
}

/// Like [`find`], but only the quotations that look like full direct quotes (a sentence or more
/// of someone's words), leaving out partial quotes woven into the reporter's own sentence
/// (`called it "a disgrace"`) and scare quotes. This is what PolNeAR annotates as "direct".
pub fn find_direct(text: &str, actors: &[ActorMention]) -> Vec<QuoteMention> {
    analyze(text, actors)
        .into_iter()
        .filter(|q| q.direct)
        .map(|q| q.mention)
        .collect()
}

/// One quotation with its classification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The quotation and its speaker.
    pub mention: QuoteMention,
    /// True when it looks like a full direct quote rather than a partial or scare quote.
    pub direct: bool,
}

/// All quotations with speakers and the direct/partial classification.
pub fn analyze(text: &str, actors: &[ActorMention]) -> Vec<Quotation> {
    let raws = pair_marks(text);
    if raws.is_empty() {
        return Vec::new();
    }
    let mut ctx = Ctx::new(text, actors, &raws);
    let mut out = Vec::with_capacity(raws.len());
    let mut speakers: Vec<Option<Speaker>> = Vec::with_capacity(raws.len());
    for i in 0..raws.len() {
        let sp = ctx.attribute(i, &speakers);
        if let Some(s) = &sp {
            if s.person_like {
                ctx.last_person = Some((s.name.clone(), s.span.0));
            }
        }
        speakers.push(sp);
    }
    // A quotation continued over paragraphs shares one speaker.
    for i in (0..raws.len().saturating_sub(1)).rev() {
        if speakers[i].is_none() && continues(text, &raws[i], &raws[i + 1]) {
            speakers[i] = speakers[i + 1].clone();
        }
    }
    for (i, r) in raws.iter().enumerate() {
        let direct = is_direct(text, &raws, i);
        let (speaker, speaker_span) = match &speakers[i] {
            Some(s) => (Some(s.name.clone()), Some(s.span)),
            None => (None, None),
        };
        out.push(Quotation {
            mention: QuoteMention {
                start: r.start,
                end: r.end,
                speaker,
                speaker_span,
            },
            direct,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Pass 1: quotation marks.

/// One paired (or paragraph-capped) quotation.
#[derive(Clone, Copy, Debug)]
struct Raw {
    /// Byte offset of the opening mark.
    open: usize,
    /// Content start (after the mark and spaces).
    start: usize,
    /// Content end (before the closing mark and spaces).
    end: usize,
    /// Byte offset just past the closing mark (the paragraph end when unclosed).
    close_end: usize,
    /// Whether a closing mark was found.
    closed: bool,
    /// Paragraph bounds.
    para_start: usize,
    para_end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Straight,
    Curly,
    Guillemet,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    pos: usize,
    len: usize,
    style: Style,
    role: Role,
}

fn char_before(text: &str, pos: usize, floor: usize) -> Option<char> {
    if pos <= floor {
        None
    } else {
        text[floor..pos].chars().next_back()
    }
}

fn char_at(text: &str, pos: usize, ceil: usize) -> Option<char> {
    if pos >= ceil {
        None
    } else {
        text[pos..ceil].chars().next()
    }
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{AB}'
            | '\u{BB}'
            | '\''
            | '\u{2018}'
            | '\u{2019}'
    )
}

fn opens_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{\u{2014}\u{2013}-/".contains(c) || is_quote_char(c),
    }
}

fn closes_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || ",.;:!?)]}\u{2014}\u{2013}-\u{2026}".contains(c)
                || is_quote_char(c)
        }
    }
}

fn role_from_context(text: &str, pos: usize, len: usize, ps: usize, pe: usize) -> Role {
    let o = opens_before(char_before(text, pos, ps));
    let c = closes_after(char_at(text, pos + len, pe));
    match (o, c) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

fn paragraph_marks(text: &str, ps: usize, pe: usize, marks: &mut Vec<Mark>) {
    marks.clear();
    let b = text.as_bytes();
    let mut i = ps;
    while i < pe {
        let c = b[i];
        if c == b'"' {
            let role = role_from_context(text, i, 1, ps, pe);
            marks.push(Mark {
                pos: i,
                len: 1,
                style: Style::Straight,
                role,
            });
            i += 1;
        } else if c == 0xE2 && i + 2 < pe && b[i + 1] == 0x80 {
            let (style, default) = match b[i + 2] {
                0x9C => (Some(Style::Curly), Role::Open),
                0x9D => (Some(Style::Curly), Role::Close),
                0x9E => (Some(Style::Curly), Role::Open),
                _ => (None, Role::Either),
            };
            if let Some(style) = style {
                // Sloppy typography sometimes uses the wrong curly mark; trust clear context.
                let ctx = role_from_context(text, i, 3, ps, pe);
                let role = match (default, ctx) {
                    (Role::Open, Role::Close) => Role::Close,
                    (Role::Close, Role::Open) => Role::Open,
                    (d, _) => d,
                };
                marks.push(Mark {
                    pos: i,
                    len: 3,
                    style,
                    role,
                });
            }
            i += 3;
        } else if c == 0xC2 && i + 1 < pe && (b[i + 1] == 0xAB || b[i + 1] == 0xBB) {
            let role = if b[i + 1] == 0xAB {
                Role::Open
            } else {
                Role::Close
            };
            marks.push(Mark {
                pos: i,
                len: 2,
                style: Style::Guillemet,
                role,
            });
            i += 2;
        } else {
            i += 1;
        }
    }
}

fn has_word_char(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric())
}

fn push_raw(
    text: &str,
    out: &mut Vec<Raw>,
    open: &Mark,
    close: Option<&Mark>,
    ps: usize,
    pe: usize,
) {
    let mut start = open.pos + open.len;
    let (mut end, close_end, closed) = match close {
        Some(c) => (c.pos, c.pos + c.len, true),
        None => (pe, pe, false),
    };
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    start += lead;
    end = start + text[start..end].trim_end().len();
    if end <= start || !has_word_char(&text[start..end]) {
        return;
    }
    out.push(Raw {
        open: open.pos,
        start,
        end,
        close_end,
        closed,
        para_start: ps,
        para_end: pe,
    });
}

fn pair_paragraph(text: &str, ps: usize, pe: usize, marks: &[Mark], out: &mut Vec<Raw>) {
    let mut stack: Vec<Mark> = Vec::with_capacity(3);
    for m in marks {
        match stack.last().copied() {
            None => {
                if m.role != Role::Close {
                    stack.push(*m);
                }
            }
            Some(top) => {
                if m.style == top.style {
                    if m.role == Role::Open && stack.len() == 1 {
                        // A new opening mark while one is open: the earlier one was never
                        // closed. Keep what it held up to here if it reads like a sentence.
                        stack.clear();
                        stack.push(*m);
                    } else if m.role == Role::Open {
                        // Same style nested deeper: ignore.
                    } else {
                        stack.pop();
                        if stack.is_empty() {
                            push_raw(text, out, &top, Some(m), ps, pe);
                        }
                    }
                } else if m.role == Role::Close && stack.len() == 1 {
                    // Mixed marks such as “text" close the quotation.
                    stack.pop();
                    push_raw(text, out, &top, Some(m), ps, pe);
                } else if m.role != Role::Close && stack.len() < 3 {
                    stack.push(*m);
                } else if m.role == Role::Close && stack.len() > 1 {
                    stack.pop();
                }
            }
        }
    }
    if let Some(first) = stack.first() {
        push_raw(text, out, first, None, ps, pe);
    }
}

fn pair_marks(text: &str) -> Vec<Raw> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    // Fast path: no quotation mark at all.
    if !b
        .iter()
        .any(|&c| c == b'"' || c == 0xE2 || c == 0xC2 || c == b'\'')
    {
        return out;
    }
    let mut marks = Vec::new();
    let mut ps = 0;
    while ps < b.len() {
        let pe = match b[ps..].iter().position(|&c| c == b'\n') {
            Some(k) => ps + k,
            None => b.len(),
        };
        let seg = &b[ps..pe];
        if seg.iter().any(|&c| c == b'"' || c == 0xE2 || c == 0xC2) {
            paragraph_marks(text, ps, pe, &mut marks);
            if !marks.is_empty() {
                pair_paragraph(text, ps, pe, &marks, &mut out);
            }
        }
        if seg.iter().any(|&c| c == b'\'' || c == 0xE2) {
            let from = out.partition_point(|r| r.open < ps);
            let before = out.len();
            pair_single(text, ps, pe, from, &mut out);
            if out.len() > before {
                out[from..].sort_by_key(|r| r.open);
            }
        }
        ps = pe + 1;
    }
    out
}

/// Whether a cue verb sits among the last words before `b` (`said, "`, `told CNN: "`).
fn cue_just_before(text: &str, a: usize, b: usize) -> bool {
    let from = b.saturating_sub(60).max(a);
    let from = (from..=b).find(|&i| text.is_char_boundary(i)).unwrap_or(b);
    let toks = tokenize(text, from, b);
    let Some(last) = toks.last() else {
        return false;
    };
    if !matches!(last.k, K::Comma | K::Colon) {
        return false;
    }
    let n = toks.len();
    (n.saturating_sub(4)..n).any(|k| cue_at(text, &toks, k).is_some())
}

/// Top-level quotations in single marks (a style some outlets use): an opening `'` or `‘` after
/// a space or the paragraph start and before a capital, closed by `'` or `’` right after
/// `.`, `,`, `!` or `?` and before a space or the paragraph end. Only outside double-quoted
/// quotations (`out[from..]` holds this paragraph's), so nested quotes and apostrophes
/// (`don't`, `the '90s`, `boys' games`) never count.
fn pair_single(text: &str, ps: usize, pe: usize, from: usize, out: &mut Vec<Raw>) {
    let b = text.as_bytes();
    let covered = |pos: usize, out: &Vec<Raw>| {
        out[from..]
            .iter()
            .any(|r| r.open <= pos && pos < r.close_end.max(r.end))
    };
    let mark_at = |i: usize| -> Option<(usize, bool, bool)> {
        // (length, can open, can close)
        if b[i] == b'\'' {
            Some((1, true, true))
        } else if b[i] == 0xE2
            && i + 2 < pe
            && b[i + 1] == 0x80
            && (b[i + 2] == 0x98 || b[i + 2] == 0x99)
        {
            Some((3, b[i + 2] == 0x98, b[i + 2] == 0x99))
        } else {
            None
        }
    };
    let mut i = ps;
    let mut found: Vec<Raw> = Vec::new();
    while i < pe {
        // Jump to the next candidate byte.
        match b[i..pe].iter().position(|&c| c == b'\'' || c == 0xE2) {
            Some(k) => i += k,
            None => break,
        }
        let Some((len, can_open, _)) = mark_at(i) else {
            i += 1;
            continue;
        };
        let prev = char_before(text, i, ps);
        let next = char_at(text, i + len, pe);
        let opens = can_open
            && prev.none_or(|c| c.is_whitespace() || c == '(')
            && next.is_some_and(|c| c.is_uppercase());
        if !opens || covered(i, out) {
            i += len;
            continue;
        }
        // Look for the closing mark.
        let mut j = i + len;
        let mut close = None;
        while j < pe {
            if b[j] == b'"'
                || (b[j] == 0xE2
                    && j + 2 < pe
                    && b[j + 1] == 0x80
                    && matches!(b[j + 2], 0x9C | 0x9D))
            {
                break;
            }
            if let Some((l2, _, can_close)) = mark_at(j) {
                let p2 = char_before(text, j, ps);
                let n2 = char_at(text, j + l2, pe);
                if can_close
                    && p2.is_some_and(|c| matches!(c, '.' | ',' | '!' | '?'))
                    && n2.none_or(|c| c.is_whitespace() || c == ')')
                {
                    close = Some((j, l2));
                    break;
                }
                j += l2;
            } else {
                j += 1;
            }
        }
        let Some((j, l2)) = close else {
            i += len;
            continue;
        };
        let start = i + len;
        let content = &text[start..j];
        let words = content.split_whitespace().count();
        let caps = content
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        // Attributed on the spot: a cue right before, or `,' he said` right after.
        let cue_before = cue_just_before(text, ps, i);
        let after_toks = tokenize(text, j + l2, pe.min(j + l2 + 60));
        let cue_after = content.ends_with(',')
            && (0..after_toks.len().min(4)).any(|k| cue_at(text, &after_toks, k).is_some());
        if words >= 2 && caps * 2 < words + 1 && (cue_before || cue_after) {
            found.push(Raw {
                open: i,
                start,
                end: j,
                close_end: j + l2,
                closed: true,
                para_start: ps,
                para_end: pe,
            });
        }
        i = j + l2;
    }
    out.extend(found);
}

/// Whether `b` continues the quotation `a` in the next paragraph (a opened, never closed, and
/// the next non-empty paragraph opens with a quotation mark).
fn continues(text: &str, a: &Raw, b: &Raw) -> bool {
    if a.closed || b.para_start <= a.para_end {
        return false;
    }
    if !text[a.para_end..b.para_start].trim().is_empty() {
        return false;
    }
    text[b.para_start..b.open].trim().is_empty()
}

// ---------------------------------------------------------------------------------------------
// Tokens.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Word,
    Comma,
    Colon,
    Stop,
    Paren,
    Dash,
    Quote,
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    k: K,
}

const ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr",
    "inc", "co", "corp", "vs", "no", "prof", "rev", "capt", "cmdr", "adm", "maj", "pres", "sens",
    "reps", "ltd", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.n", "u.k", "d.c", "e.u", "ft", "mt", "messrs", "supt", "det", "insp", "atty", "hon",
];

fn is_abbrev(word: &str) -> bool {
    if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() {
        return true;
    }
    if word.len() > 6 {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    ABBREVS.contains(&lower.as_str()) || (word.contains('.') && word.len() <= 5)
}

/// "R-Wis", "D-Ill", "I-Vt": a party letter, a hyphen and a state abbreviation.
fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && b.len() <= 7
        && matches!(b[0], b'R' | b'D' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
}

fn tokenize(text: &str, a: usize, b: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let (a, b) = (floor_boundary(text, a), floor_boundary(text, b));
    if a >= b {
        return toks;
    }
    let s = &text[a..b];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else if matches!(d, '\'' | '\u{2019}' | '-' | '.' | '&' | '/') {
                    // Internal joiner only when a letter or digit follows.
                    let after = s[j + d.len_utf8()..].chars().next();
                    if after.is_some_and(|x| x.is_alphanumeric()) {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // Abbreviation dot; party-state tags such as "R-Wis.".
            if s[end..].starts_with('.')
                && (is_abbrev(&s[start..end]) || is_party_tag(&s[start..end]))
            {
                end += 1;
                it.next();
            }
            // Possessive apostrophe after a plural: "Sanders' campaign".
            if (s[end..].starts_with('\'') || s[end..].starts_with('\u{2019}'))
                && s[start..end].ends_with('s')
                && s[end..].chars().nth(1).none_or(|c| c.is_whitespace())
            {
                let q = s[end..].chars().next().map_or(1, char::len_utf8);
                end += q;
                it.next();
            }
            toks.push(Tok {
                s: a + start,
                e: a + end,
                k: K::Word,
            });
        } else if c.is_whitespace() {
            continue;
        } else {
            let k = match c {
                ',' => K::Comma,
                ':' | ';' => K::Colon,
                '.' | '!' | '?' | '\u{2026}' => K::Stop,
                '(' | ')' | '[' | ']' => K::Paren,
                '\u{2014}' | '\u{2013}' | '\u{2015}' | '-' => K::Dash,
                c if is_quote_char(c) => K::Quote,
                _ => K::Other,
            };
            toks.push(Tok {
                s: a + i,
                e: a + i + c.len_utf8(),
                k,
            });
        }
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Word lists.

/// Verbs (and verb-like words) that introduce reported speech.
const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "telling",
    "added",
    "adds",
    "adding",
    "wrote",
    "writes",
    "writing",
    "stated",
    "states",
    "asserted",
    "asserts",
    "argued",
    "argues",
    "arguing",
    "tweeted",
    "tweets",
    "explained",
    "explains",
    "explaining",
    "noted",
    "notes",
    "noting",
    "warned",
    "warns",
    "warning",
    "insisted",
    "insists",
    "insisting",
    "claimed",
    "claims",
    "asked",
    "asks",
    "asking",
    "replied",
    "replies",
    "continued",
    "continues",
    "declared",
    "declares",
    "announced",
    "announces",
    "recalled",
    "recalls",
    "remarked",
    "responded",
    "responds",
    "answered",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "conceded",
    "concedes",
    "suggested",
    "suggests",
    "observed",
    "joked",
    "jokes",
    "quipped",
    "quips",
    "posted",
    "emailed",
    "read",
    "reads",
    "shouted",
    "yelled",
    "exclaimed",
    "whispered",
    "mused",
    "predicted",
    "predicts",
    "promised",
    "promises",
    "vowed",
    "vows",
    "urged",
    "urges",
    "complained",
    "complains",
    "lamented",
    "laments",
    "boasted",
    "boasts",
    "bragged",
    "countered",
    "counters",
    "retorted",
    "concluded",
    "concludes",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "cautioned",
    "agreed",
    "agrees",
    "opined",
    "charged",
    "alleged",
    "testified",
    "reported",
    "reports",
    "reiterated",
    "confirmed",
    "confirms",
    "denied",
    "maintained",
    "maintains",
    "contended",
    "contends",
    "thundered",
    "snapped",
    "scoffed",
    "interjected",
    "wondered",
    "wonders",
    "demanded",
    "demands",
    "texted",
    "recounted",
    "recounts",
    "proclaimed",
    "blasted",
    "slammed",
    "cried",
    "chanted",
    "sang",
    "sings",
    "begged",
    "pleaded",
    "pleads",
    "prayed",
    "repeated",
    "repeats",
    "shot",
    "fired",
    "pointed",
    "went",
    "tweet",
    "post",
    "write",
    "ask",
    "add",
    "explain",
    "note",
    "warn",
    "insist",
    "claim",
    "argue",
    "reply",
    "respond",
    "announce",
    "describes",
    "described",
    "assured",
    "assures",
    "advised",
    "informed",
    "stating",
    "declaring",
    "announcing",
    "responding",
    "replying",
    "recalling",
    "suggesting",
    "telling",
    "tweeting",
    "continuing",
    "concluding",
    "predicting",
    "promising",
    "urging",
    "offered",
    "offers",
    "summed",
    "put",
    "puts",
    "elaborated",
    "interrupted",
    "barked",
    "pressed",
    "fumed",
    "chimed",
    "intoned",
    "gushed",
    "raved",
    "ranted",
    "griped",
    "sneered",
    "teased",
    "marveled",
    "marvelled",
    "reasoned",
    "speculated",
    "hinted",
    "implored",
    "cracked",
    "mocked",
    "chided",
    "scolded",
    "lectured",
    "preached",
    "screamed",
    "hollered",
    "roared",
    "bellowed",
    "muttered",
    "murmured",
    "stammered",
    "exulted",
    "gloated",
    "sniffed",
    "huffed",
    "grumbled",
    "objected",
    "protested",
    "rejoined",
    "ventured",
    "elaborates",
    "interrupts",
    "presses",
    "clarified",
    "specified",
    "emphasizes",
    "stresses",
    "posits",
    "posited",
    "theorized",
    "predicts",
    "announces",
    "confided",
    "conceded",
    "pondered",
];

/// Whether the lowercase word is in [`CUES`] (hash lookup).
fn is_cue_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| CUES.iter().copied().collect())
        .contains(w)
}

/// Cue words that only count with a particle ("pointed out", "went on", "shot back").
fn needs_particle(w: &str) -> Option<&'static [&'static str]> {
    match w {
        "pointed" => Some(&["out"]),
        "went" => Some(&["on"]),
        "shot" | "fired" => Some(&["back"]),
        "summed" => Some(&["up"]),
        "put" | "puts" => Some(&["it"]),
        _ => None,
    }
}

/// Words skipped between a subject and its cue verb ("he later said", "Smith has also said").
const AUX: &[&str] = &[
    "to",
    "goes",
    "go",
    "going",
    "wanted",
    "wants",
    "decided",
    "began",
    "begins",
    "proceeded",
    "has",
    "had",
    "have",
    "would",
    "will",
    "was",
    "were",
    "is",
    "are",
    "also",
    "later",
    "then",
    "once",
    "again",
    "recently",
    "previously",
    "just",
    "simply",
    "reportedly",
    "further",
    "had",
    "did",
    "does",
    "do",
    "could",
    "can",
    "may",
    "might",
    "should",
    "quoted",
    "as",
    "been",
    "being",
    "often",
    "always",
    "repeatedly",
    "never",
    "famously",
    "first",
    "subsequently",
    "still",
    "even",
    "too",
    "himself",
    "herself",
    "themselves",
    "itself",
    "in",
    "turn",
    "went",
    "on",
    "has",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "earlier",
    "last",
    "week",
    "night",
    "morning",
    "afternoon",
    "evening",
    "this",
    "year",
    "month",
];

/// Words that end a noun phrase when reading away from a cue verb.
const NP_STOP: &[&str] = &[
    "that",
    "and",
    "but",
    "as",
    "while",
    "when",
    "because",
    "after",
    "before",
    "if",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "so",
    "than",
    "though",
    "although",
    "since",
    "until",
    "or",
    "nor",
    "yet",
    "once",
    "in",
    "on",
    "at",
    "during",
    "to",
    "for",
    "with",
    "from",
    "via",
    "through",
    "about",
    "by",
    "last",
    "this",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tonight",
    "according",
    "told",
    "says",
    "said",
    "is",
    "was",
    "has",
    "had",
    "of",
    "into",
    "over",
    "under",
    "outside",
    "inside",
    "afterward",
    "afterwards",
    "then",
    "here",
    "there",
    "not",
    "also",
    "recently",
    "adding",
    "saying",
    "noting",
    "shortly",
    "who",
    "filed",
    "released",
    "published",
    "posted",
    "issued",
    "written",
    "obtained",
];

/// Words of a fronted time phrase ("Two weeks ago, ...").
const TIME_WORDS: &[&str] = &[
    "ago",
    "years",
    "year",
    "weeks",
    "week",
    "months",
    "month",
    "days",
    "day",
    "night",
    "morning",
    "afternoon",
    "evening",
    "yesterday",
    "today",
    "earlier",
    "later",
    "last",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Capitalized words that open sentences but never name a speaker on their own.
const NOT_NAMES: &[&str] = &[
    "here",
    "there",
    "wait",
    "what",
    "why",
    "how",
    "when",
    "where",
    "who",
    "which",
    "each",
    "every",
    "not",
    "now",
    "then",
    "still",
    "yet",
    "also",
    "so",
    "and",
    "but",
    "or",
    "was",
    "is",
    "are",
    "were",
    "name",
    "many",
    "some",
    "most",
    "all",
    "both",
    "few",
    "this",
    "that",
    "these",
    "those",
    "even",
    "just",
    "only",
    "according",
    "meanwhile",
    "however",
    "instead",
    "finally",
    "first",
    "second",
    "next",
    "last",
    "later",
    "earlier",
    "today",
    "yesterday",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "after",
    "before",
    "if",
    "in",
    "on",
    "at",
    "as",
    "for",
    "from",
    "with",
    "by",
    "to",
    "of",
    "the",
    "a",
    "an",
    "no",
    "yes",
    "well",
    "oh",
    "please",
    "thanks",
    "read",
    "see",
    "watch",
    "update",
    "editor",
    "note",
    "photo",
    "video",
    "source",
    "sources",
    "advertisement",
    "related",
    "redacted",
];

/// How far back (bytes) an uncued quotation paragraph may inherit the previous speaker.
const FALLBACK_REACH: usize = 600;
/// Whether an uncued quotation paragraph falls back to the previous paragraph's subject.
const FALLBACK_SUBJECT: bool = true;

/// Words that open a fronted clause before the subject.
const FRONTING: &[&str] = &[
    "as",
    "when",
    "while",
    "after",
    "before",
    "in",
    "at",
    "on",
    "during",
    "speaking",
    "asked",
    "if",
    "although",
    "though",
    "since",
    "because",
    "following",
    "later",
    "earlier",
    "then",
    "still",
    "but",
    "and",
    "so",
    "yet",
    "meanwhile",
    "however",
    "now",
    "instead",
    "afterward",
    "holding",
    "standing",
    "looking",
    "pressed",
    "responding",
    "addressing",
    "referring",
    "once",
    "with",
    "by",
    "for",
    "to",
    "from",
    "under",
    "which",
    "despite",
    "amid",
    "upon",
    "like",
    "unlike",
    "given",
    "without",
    "within",
    "about",
    "of",
    "here",
    "there",
    "more",
];

/// Prepositions that front a phrase before the subject ("Throughout the hearing, Smith ...");
/// never a speaker on their own.
const OPEN_PREPS: &[&str] = &[
    "throughout",
    "around",
    "among",
    "amongst",
    "across",
    "along",
    "against",
    "beyond",
    "between",
    "besides",
    "beside",
    "inside",
    "outside",
    "toward",
    "towards",
    "through",
    "over",
    "above",
    "below",
    "behind",
    "near",
    "except",
    "alongside",
    "until",
];

/// Sentence adverbs and month names that open sentences but never name a speaker.
const OPEN_WORDS: &[&str] = &[
    "additionally",
    "specifically",
    "separately",
    "technically",
    "perhaps",
    "rather",
    "shortly",
    "whether",
    "sure",
    "indeed",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "thus",
    "therefore",
    "hence",
    "accordingly",
    "consequently",
    "overall",
    "ultimately",
    "eventually",
    "initially",
    "originally",
    "previously",
    "recently",
    "currently",
    "similarly",
    "likewise",
    "notably",
    "importantly",
    "otherwise",
    "regardless",
    "reportedly",
    "apparently",
    "allegedly",
    "clearly",
    "obviously",
    "fortunately",
    "unfortunately",
    "ironically",
    "interestingly",
    "anyway",
    "january",
    "february",
    "march",
    "april",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether token `i` is a sentence opener that cannot name a speaker: `Some(true)` for a
/// preposition (it needs its phrase closed by a comma), `Some(false)` for a listed sentence
/// adverb or a capitalized -ly adverb set off by a comma ("Technically, ...").
fn opener(text: &str, toks: &[Tok], i: usize) -> Option<bool> {
    let t = &toks[i];
    if t.k != K::Word {
        return None;
    }
    if word_in(text, t, OPEN_PREPS) {
        return Some(true);
    }
    let w = lower(text, t);
    let ly = w.len() > 4 && w.ends_with("ly") && toks.get(i + 1).is_some_and(|n| n.k == K::Comma);
    (ly || word_in(text, t, OPEN_WORDS)).then_some(false)
}

/// Words that introduce a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "one", "some", "many", "several", "his", "her", "their", "its",
    "our", "this", "that", "these", "those", "two", "three", "both", "most", "other", "others",
    "each", "every", "few", "all", "no",
];

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "i", "we", "you", "him", "her", "them",
];

/// Leading words of a capitalized phrase that are titles, not part of a name.
const TITLES: &[&str] = &[
    "president",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "gov",
    "gov.",
    "governor",
    "secretary",
    "attorney",
    "general",
    "gen.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof.",
    "professor",
    "judge",
    "justice",
    "chief",
    "leader",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "minister",
    "prime",
    "vice",
    "former",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "mayor",
    "majority",
    "minority",
    "whip",
    "house",
    "senate",
    "state",
    "deputy",
    "press",
    "candidate",
    "nominee",
    "democratic",
    "republican",
    "gop",
    "u.s.",
    "us",
    "sheriff",
    "officer",
    "pastor",
    "rev.",
    "reverend",
    "pope",
    "king",
    "queen",
    "prince",
    "lt.",
    "col.",
    "sgt.",
    "capt.",
    "adm.",
    "commissioner",
    "council",
    "councilman",
    "councilwoman",
    "assemblyman",
    "assemblywoman",
    "congressman",
    "congresswoman",
    "then",
    "ex",
    "executive",
    "ceo",
    "founder",
    "host",
    "anchor",
    "economist",
    "analyst",
    "strategist",
    "pollster",
    "manager",
    "campaign",
    "adviser",
    "advisor",
    "aide",
    "counsel",
];

fn lower(text: &str, t: &Tok) -> String {
    text[t.s..t.e].to_lowercase()
}

fn is_cap(text: &str, t: &Tok) -> bool {
    t.k == K::Word
        && text[t.s..t.e]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
}

fn word_in(text: &str, t: &Tok, list: &[&str]) -> bool {
    t.k == K::Word && {
        let w = &text[t.s..t.e];
        w.len() <= 16 && list.iter().any(|x| x.eq_ignore_ascii_case(w))
    }
}

/// Whether token `i` is a cue (with its particle when needed); returns the index past the cue.
fn cue_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let t = &toks[i];
    if t.k != K::Word || t.e - t.s > 12 {
        return None;
    }
    // A capitalized cue only opens a sentence ("Said Smith: ..."); "the Washington Post" is no cue.
    if i > 0 && toks[i - 1].k == K::Word && is_cap(text, t) {
        return None;
    }
    let w = lower(text, t);
    if w == "according" {
        return (i + 1 < toks.len() && lower(text, &toks[i + 1]) == "to").then_some(i + 2);
    }
    if !is_cue_word(&w) {
        return None;
    }
    if let Some(parts) = needs_particle(&w) {
        let next = toks
            .get(i + 1)
            .filter(|n| n.k == K::Word)
            .map(|n| lower(text, n));
        return match next {
            Some(n) if parts.contains(&n.as_str()) => Some(i + 2),
            _ => None,
        };
    }
    Some(i + 1)
}

// ---------------------------------------------------------------------------------------------
// Pass 2 and 3: attribution and naming.

#[derive(Clone, Debug)]
struct Speaker {
    name: String,
    span: (usize, usize),
    person_like: bool,
}

struct Ctx<'a> {
    text: &'a str,
    actors: &'a [ActorMention],
    raws: &'a [Raw],
    /// Capitalized word runs found by our own scan (built lazily; used without actors).
    runs: Option<Vec<(usize, usize)>>,
    last_person: Option<(String, usize)>,
    /// Set while naming a transcript label, the one speaker written inside its quotation.
    in_label: bool,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, actors: &'a [ActorMention], raws: &'a [Raw]) -> Self {
        Ctx {
            text,
            actors,
            raws,
            runs: None,
            last_person: None,
            in_label: false,
        }
    }

    fn inside_quote(&self, pos: usize) -> bool {
        let k = self.raws.partition_point(|r| r.start <= pos);
        k > 0 && pos < self.raws[k - 1].end
    }

    /// Start of the sentence containing `pos`, not before `floor`.
    fn sentence_start(&self, floor: usize, pos: usize) -> usize {
        let b = self.text.as_bytes();
        let pos = floor_boundary(self.text, pos);
        let mut i = pos;
        while i > floor {
            i -= 1;
            if matches!(b[i], b'.' | b'!' | b'?') && self.is_sentence_end(i, pos) {
                return i + 1;
            }
        }
        floor
    }

    /// End of the sentence starting at or after `pos` (exclusive), not past `ceil`.
    fn sentence_end(&self, pos: usize, ceil: usize) -> usize {
        let b = self.text.as_bytes();
        let ceil = floor_boundary(self.text, ceil);
        let mut i = pos;
        while i < ceil {
            if matches!(b[i], b'.' | b'!' | b'?') && self.is_sentence_end(i, ceil) {
                return i + 1;
            }
            i += 1;
        }
        ceil
    }

    /// Whether the terminator at `i` ends a sentence (followed by space and a capital, a quote
    /// mark or the limit; not an abbreviation).
    fn is_sentence_end(&self, i: usize, limit: usize) -> bool {
        let text = self.text;
        let limit = floor_boundary(text, limit);
        let b = text.as_bytes();
        let mut j = i + 1;
        // Closing quotes or brackets right after the terminator.
        while j < limit {
            match text[j..].chars().next() {
                Some(c) if is_quote_char(c) || c == ')' => j += c.len_utf8(),
                _ => break,
            }
        }
        if j >= limit {
            return true;
        }
        let c = text[j..].chars().next().unwrap_or(' ');
        if !c.is_whitespace() {
            return false;
        }
        let rest = text[j..limit].trim_start();
        let next = rest.chars().next();
        let ok_next =
            next.none_or(|n| n.is_uppercase() || n.is_numeric() || is_quote_char(n) || n == '(');
        if !ok_next {
            return false;
        }
        if b[i] == b'.' {
            // Word before the dot.
            let mut k = i;
            while k > 0 && (b[k - 1].is_ascii_alphabetic() || b[k - 1] == b'.') {
                k -= 1;
            }
            let w = &text[k..i];
            if !w.is_empty() && is_abbrev(w) {
                return false;
            }
        }
        true
    }

    /// Attribution of quotation `i`.
    fn attribute(&mut self, i: usize, prev: &[Option<Speaker>]) -> Option<Speaker> {
        let r = self.raws[i];
        // Quotations in the same paragraph before and after.
        let prev_same =
            (i > 0 && self.raws[i - 1].para_start == r.para_start).then(|| self.raws[i - 1]);
        let next_same = self
            .raws
            .get(i + 1)
            .filter(|n| n.para_start == r.para_start)
            .copied();

        // A transcript line: "SMITH: We will ..." names its own speaker.
        if let Some(label_end) = transcript_label(&self.text[r.start..r.end]) {
            let (a, b) = (r.start, r.start + label_end);
            let toks = tokenize(self.text, a, b);
            self.in_label = true;
            let sp = self.name_np(&toks);
            self.in_label = false;
            if sp.is_some() {
                return sp;
            }
        }
        // A partial quotation that names a work or thing ("a film called "The Long Night"")
        // reports nobody's words.
        if !is_direct(self.text, self.raws, i) && looks_like_title(&self.text[r.start..r.end]) {
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
        if self.cue_just_before(lo, r.open) {
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
            let toks = tokenize(self.text, sent_lo, r.open);
            let words = toks.iter().filter(|t| t.k == K::Word).count();
            let mid = toks.last().is_some_and(|t| t.k == K::Word);
            if mid && words >= 1 && toks.iter().all(|t| t.k != K::Quote) {
                if let Some(sp) = self.sentence_subject(&toks) {
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
                let toks = tokenize(self.text, lo2, cut);
                if let Some(sp) = self.sentence_subject(&toks) {
                    return Some(sp);
                }
            }
            if i > 0 {
                let p = self.raws[i - 1];
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
            if i > 0 && r.open - self.raws[i - 1].close_end < FALLBACK_REACH {
                if let Some(Some(sp)) = prev.get(i - 1) {
                    return Some(sp.clone());
                }
            }
            if FALLBACK_SUBJECT && !ptext.is_empty() {
                let toks = tokenize(self.text, pps, (pps + 200).min(ppe));
                if let Some(sp) = self.sentence_subject(&toks) {
                    return Some(sp);
                }
            }
        }
        None
    }

    /// The subject of the first cue verb in `a..b` that has one.
    fn first_cue_subject(&mut self, a: usize, b: usize) -> Option<Speaker> {
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

    /// Whether a cue verb sits among the last words before `b` (`said, "`, `told CNN: "`).
    fn cue_just_before(&self, a: usize, b: usize) -> bool {
        cue_just_before(self.text, a, b)
    }

    /// Attribution in the words after a quotation: `, he said`, `said Smith, a spokesman`,
    /// `the report read`, `according to the report`.
    fn after(&mut self, a: usize, b: usize, strict: bool, slot: bool) -> Option<Speaker> {
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
    fn before(&mut self, a: usize, cue_lo: usize, b: usize) -> Option<Speaker> {
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

    /// The noun phrase right before the cue at `k`.
    fn subject_before(&mut self, toks: &[Tok], k: usize) -> Option<Speaker> {
        let text = self.text;
        let mut end = k;
        while end > 0 && (word_in(text, &toks[end - 1], AUX) || is_ly_adverb(text, &toks[end - 1]))
        {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        // "... and joked", "... but said": the subject of the clause.
        if word_in(text, &toks[end - 1], &["and", "but"]) {
            return self.sentence_subject(&toks[..end - 1]);
        }
        if toks[end - 1].k == K::Comma {
            // Comma-separated chunks before the verb, nearest first: "Smith, 45, a spokesman
            // for the group, said"; "officials, including Smith, said".
            let mut fallback: Option<(usize, usize)> = None;
            let mut ce = end - 1;
            for _ in 0..4 {
                let mut cs = ce;
                while cs > 0 && matches!(toks[cs - 1].k, K::Word | K::Paren) {
                    cs -= 1;
                }
                let s1 = trim_np_start(text, toks, cs, ce);
                let chunk = &toks[s1..ce];
                let skip = chunk.is_empty()
                    || chunk.iter().all(|t| {
                        t.k != K::Word
                            || is_party_tag(&text[t.s..t.e])
                            || text[t.s..t.e].chars().all(|c| c.is_numeric())
                    })
                    || word_in(text, &chunk[0], &["who", "which", "whose", "whom", "where"])
                    || (!is_cap(text, &chunk[0]) && lower(text, &chunk[0]).ends_with("ing"))
                    || (chunk.len() == 1
                        && !is_cap(text, &chunk[0])
                        && !word_in(text, &chunk[0], PRONOUNS));
                if !skip {
                    let descr = word_in(text, &chunk[0], &["a", "an", "the"])
                        && !chunk
                            .iter()
                            .skip(1)
                            .any(|t| is_cap(text, t) && !is_title(text, t));
                    // "Acme's chief executive": a role, the name may come before it.
                    let w0 = &text[chunk[0].s..chunk[0].e];
                    let role = chunk.len() >= 2
                        && (w0.ends_with("'s") || w0.ends_with("\u{2019}s"))
                        && !is_cap(text, &chunk[chunk.len() - 1]);
                    let descr = descr || role;
                    if descr || !self.np_like(chunk) || chunk.len() > 8 {
                        if fallback.is_none() && chunk.len() <= 8 && self.np_like(chunk) {
                            fallback = Some((s1, ce));
                        }
                    } else {
                        return self.name_np(chunk);
                    }
                }
                if cs == 0 || toks[cs - 1].k != K::Comma {
                    break;
                }
                ce = cs - 1;
            }
            return fallback.and_then(|(a, b)| self.name_np(&toks[a..b]));
        }
        let mut st = end;
        let mut seen_cap = false;
        while st > 0 && end - st < 8 {
            let t = &toks[st - 1];
            if t.k == K::Paren {
                st -= 1;
                continue;
            }
            if t.k != K::Word {
                break;
            }
            if is_cap(text, t) {
                if seen_cap || !word_in(text, t, NP_STOP) {
                    seen_cap = true;
                    st -= 1;
                    continue;
                }
                break;
            }
            if seen_cap {
                if word_in(text, t, &["of", "in", "for", "at"])
                    && st >= 2
                    && is_cap(text, &toks[st - 2])
                {
                    st -= 1;
                    continue;
                }
                if word_in(text, t, &["the", "a", "an"]) {
                    st -= 1;
                }
                break;
            }
            if word_in(text, t, NP_STOP) || is_lower_verbish(text, t) {
                break;
            }
            st -= 1;
        }
        while st < end && toks[st].k == K::Paren {
            st += 1;
        }
        if st >= end {
            return None;
        }
        let st = trim_np_start(text, toks, st, end);
        if st < end && self.np_like(&toks[st..end]) {
            return self.name_np(&toks[st..end]);
        }
        None
    }

    /// The first noun phrase of a clause (for participle cues: "Smith told the paper, saying").
    fn sentence_subject(&mut self, toks: &[Tok]) -> Option<Speaker> {
        let text = self.text;
        let mut i = 0;
        // A fronted prepositional phrase or sentence adverb ("Throughout the hearing, Smith
        // ...", "Additionally, the agency ..."): the subject follows its comma, else none.
        while let Some(prep) = toks.get(i).and_then(|_| opener(text, toks, i)) {
            match toks[i..].iter().position(|t| t.k == K::Comma) {
                Some(c) if c <= 30 => i += c + 1,
                _ if prep => return None,
                _ => i += 1,
            }
        }
        // Skip a fronted phrase ending in a comma ("As the crowd cheered, Smith ...").
        while toks.get(i).is_some_and(|t| {
            word_in(text, t, FRONTING) || (t.k == K::Word && lower(text, t).ends_with("ing"))
        }) {
            match toks[i..].iter().position(|t| t.k == K::Comma) {
                Some(c) if c <= 25 => i += c + 1,
                _ => {
                    // "From the report:": the phrase after the preposition.
                    i += 1;
                    break;
                }
            }
        }
        if let Some(c) = toks[i..].iter().position(|t| t.k == K::Comma) {
            let chunk = &toks[i..i + c];
            let numeric = |t: &Tok| text[t.s..t.e].bytes().all(|b| b.is_ascii_digit());
            if c <= 5
                && chunk
                    .iter()
                    .any(|t| word_in(text, t, TIME_WORDS) || numeric(t))
            {
                i += c + 1;
            }
        }
        let st = i;
        let mut seen_cap = false;
        while i < toks.len() && toks[i].k == K::Word && i - st < 8 {
            let t = &toks[i];
            if is_cap(text, t) {
                // "The report": a capitalized determiner does not start a name.
                seen_cap = seen_cap || !word_in(text, t, DETERMINERS);
            } else if i > st
                && (is_past_verb(text, t) || is_present_verb(text, t))
                && !word_in(text, &toks[i - 1], DETERMINERS)
            {
                // "The report highlighted ...": the verb ends the subject.
                break;
            } else if seen_cap
                || is_lower_verbish(text, t)
                || word_in(text, t, NP_STOP)
                || is_ly_adverb(text, t)
            {
                break;
            }
            i += 1;
            if word_in(text, t, PRONOUNS) {
                break;
            }
        }
        // A phrase cut before its head ("An October report", "that all states") names nobody.
        let cut_short = i > st
            && i < toks.len()
            && toks[i].k == K::Word
            && !is_cap(text, &toks[i])
            && !word_in(text, &toks[i], &["of"])
            && (word_in(text, &toks[i - 1], TIME_WORDS)
                || word_in(
                    text,
                    &toks[i - 1],
                    &["any", "all", "that", "these", "those"],
                ));
        if i > st && !cut_short && self.np_like(&toks[st..i]) {
            return self.name_np(&toks[st..i]);
        }
        None
    }

    /// The noun phrase right after a cue (`said Smith`, `according to the report`).
    fn np_after(&mut self, toks: &[Tok], i: usize) -> Option<Speaker> {
        let text = self.text;
        let mut e = i;
        while e < toks.len() && e - i < 8 {
            let t = &toks[e];
            if t.k != K::Word {
                break;
            }
            if e > i && word_in(text, t, NP_STOP) && lower(text, t) != "of" {
                break;
            }
            if e == i && word_in(text, t, NP_STOP) {
                return None;
            }
            e += 1;
        }
        // "of" must not dangle at the end.
        while e > i && word_in(text, &toks[e - 1], &["of", "the", "a"]) {
            e -= 1;
        }
        if e == i || !self.np_like(&toks[i..e]) {
            return None;
        }
        self.name_np(&toks[i..e])
    }

    /// Whether the words look like a noun phrase that can speak.
    fn np_like(&self, toks: &[Tok]) -> bool {
        let text = self.text;
        let Some(f) = toks.first() else { return false };
        if f.k != K::Word {
            return false;
        }
        if toks
            .iter()
            .any(|t| t.k == K::Word && is_lower_verbish(text, t))
            && !is_cap(text, f)
        {
            return false;
        }
        if is_cap(text, f) || word_in(text, f, DETERMINERS) || word_in(text, f, PRONOUNS) {
            return true;
        }
        if toks.len() <= 10 && toks.iter().any(|t| is_cap(text, t)) {
            return true;
        }
        // Bare plural or noun: "officials", "sources close to the campaign".
        let w = lower(text, f);
        toks.len() <= 4 && w.len() > 2 && w.chars().all(|c| c.is_alphabetic() || c == '-')
    }

    /// Name the speaker of the noun phrase `toks`.
    fn name_np(&mut self, toks: &[Tok]) -> Option<Speaker> {
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
            if best.none_or(|b| rank(a) <= rank(b)) {
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

    fn resolve_pronoun(&mut self, w: &str, pos: usize) -> Option<String> {
        let person = matches!(w, "he" | "she" | "him" | "her" | "i");
        let lo = floor_boundary(self.text, pos.saturating_sub(3000));
        let fits = |a: &ActorMention| {
            // A month or sentence adverb the tagger took for a name ("April") is nobody.
            let junk = !a.name.contains(' ') && {
                let n = a.name.to_lowercase();
                OPEN_WORDS.contains(&n.as_str()) || NOT_NAMES.contains(&n.as_str())
            };
            if junk {
                false
            } else if person {
                a.kind == ActorKind::Person
            } else {
                a.kind == ActorKind::Organization || (w == "they" && a.kind != ActorKind::Place)
            }
        };
        if !self.actors.is_empty() {
            // Subject first: walking back sentence by sentence, the first fitting mention of the
            // nearest sentence that has one ("Smith attacked Jones. "...," he said." -> Smith).
            let mut hi = pos;
            for _ in 0..8 {
                let s0 = self
                    .sentence_start(lo, floor_boundary(self.text, hi.saturating_sub(1)).max(lo));
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
                    let toks = tokenize(text, a.end, floor_boundary(text, (a.end + 40).min(hi)));
                    (0..toks.len().min(3))
                        .take_while(|&k| toks[k].k == K::Word)
                        .any(|k| cue_at(text, &toks, k).is_some())
                };
                // "it"/"they" may also be a country or city standing for its government.
                let found = in_sentence().find(|a| fits(a) && cued(a));
                let found = found
                    .or_else(|| in_sentence().find(|a| fits(a)))
                    .or_else(|| {
                        (!person)
                            .then(|| in_sentence().find(|a| a.kind == ActorKind::Place))
                            .flatten()
                    });
                if let Some(a) = found {
                    return Some(a.name.clone());
                }
                if s0 <= lo {
                    break;
                }
                hi = s0;
            }
        }
        // Most recent fitting actor mention before the pronoun, outside quotations.
        let upto = self.actors.partition_point(|a| a.start < pos);
        for a in self.actors[..upto].iter().rev() {
            if a.start < lo {
                break;
            }
            if self.inside_quote(a.start) {
                continue;
            }
            if fits(a) {
                return Some(a.name.clone());
            }
        }
        if person {
            if let Some((n, p)) = &self.last_person {
                if *p >= lo && *p < pos {
                    return Some(n.clone());
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
                                return Some(self.text[a..b].to_string());
                            }
                        }
                    }
                }
            }
        }
        None
    }

    /// An earlier name whose words include `head` ("embassy" -> "Russian Embassy").
    fn resolve_description(&mut self, head: &str, pos: usize) -> Option<String> {
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
                for w in run.split(' ') {
                    let lw = w.to_lowercase();
                    if w.eq_ignore_ascii_case(head) {
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
            if best.none_or(|(_, bc)| c > bc) {
                best = Some((n, c));
            }
        }
        best.map(|(n, _)| n.to_string())
    }

    /// A multi-word name elsewhere in the text ending with `surname`.
    fn full_name_for(&mut self, surname: &str, _pos: usize) -> Option<String> {
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

    /// Capitalized word runs (names) by our own scan, without leading titles and
    /// sentence-initial function words.
    fn ensure_runs(&mut self) {
        if self.runs.is_some() {
            return;
        }
        let text = self.text;
        let b = text.as_bytes();
        let mut runs = Vec::new();
        // Words are split at ASCII whitespace; a run is a sequence of capitalized words with
        // nothing but a space between them (punctuation after a word ends the run).
        let mut i = 0;
        let mut run: Option<(usize, usize)> = None;
        let flush = |run: &mut Option<(usize, usize)>, runs: &mut Vec<(usize, usize)>| {
            if let Some(r) = run.take() {
                runs.push(r);
            }
        };
        while i < b.len() {
            if b[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let ws = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            let we = i;
            let first = b[ws];
            let cap = first.is_ascii_uppercase()
                || (first >= 0xC0 && text[ws..we].chars().next().is_some_and(char::is_uppercase));
            if !cap {
                flush(&mut run, &mut runs);
                continue;
            }
            // Trailing punctuation ends the run after this word.
            let mut core_end = we;
            while core_end > ws
                && !b[core_end - 1].is_ascii_alphanumeric()
                && b[core_end - 1] < 0x80
            {
                core_end -= 1;
            }
            let single_space =
                ws > 0 && b[ws - 1] == b' ' && (ws < 2 || !b[ws - 2].is_ascii_whitespace());
            match run {
                Some((s, e)) if e == ws - 1 && single_space => run = Some((s, core_end)),
                _ => {
                    flush(&mut run, &mut runs);
                    run = Some((ws, core_end));
                }
            }
            if core_end < we {
                flush(&mut run, &mut runs);
            }
        }
        flush(&mut run, &mut runs);
        self.runs = Some(runs);
    }
}

/// A raw capitalized run without leading function words and titles; `None` when nothing is left
/// or it holds punctuation.
fn trim_run(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let toks = tokenize(text, s, e);
    let mut k = 0;
    while k < toks.len()
        && (word_in(text, &toks[k], DETERMINERS)
            || word_in(text, &toks[k], NP_STOP)
            || is_title(text, &toks[k])
            || word_in(text, &toks[k], PRONOUNS))
    {
        k += 1;
    }
    (k < toks.len() && toks[k..].iter().all(|t| t.k == K::Word))
        .then(|| (toks[k].s, toks[toks.len() - 1].e))
}

fn is_title(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    let w = w
        .strip_prefix("then-")
        .or_else(|| w.strip_prefix("Then-"))
        .unwrap_or(w);
    let w = w.strip_prefix("ex-").unwrap_or(w);
    w.len() <= 16 && TITLES.iter().any(|x| x.eq_ignore_ascii_case(w))
        || text[t.s..t.e].starts_with("then-")
        || text[t.s..t.e].starts_with("ex-")
}

/// A lowercase word that reads like a past-tense verb ("quipped", "mused").
fn is_past_verb(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    t.k == K::Word
        && w.len() >= 5
        && w.ends_with("ed")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !word_in(
            text,
            t,
            &["need", "based", "related", "united", "armed", "noted"],
        )
}

/// A lowercase word that reads like a third-person present verb ("yells", "jokes").
fn is_present_verb(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    t.k == K::Word
        && w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !word_in(
            text,
            t,
            &[
                "always", "perhaps", "whereas", "unless", "hers", "this", "thus", "was", "does",
                "has", "yes",
            ],
        )
}

fn is_ly_adverb(text: &str, t: &Tok) -> bool {
    let w = &text[t.s..t.e];
    t.k == K::Word
        && w.len() > 4
        && w.ends_with("ly")
        && w.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Lowercase words that are clearly verbs or clause words, so cannot be inside a speaker phrase.
fn is_lower_verbish(text: &str, t: &Tok) -> bool {
    if is_cap(text, t) {
        return false;
    }
    word_in(
        text,
        t,
        &[
            "is", "was", "are", "were", "be", "been", "has", "had", "have", "do", "did", "does",
            "that", "if", "would", "will", "can", "could", "should", "not", "because", "when",
            "it", "this", "there", "what", "how", "why",
        ],
    ) || is_cue_word(&lower(text, t))
}

/// Drop leading words that cannot start a speaker phrase.
fn trim_np_start(text: &str, toks: &[Tok], mut s: usize, e: usize) -> usize {
    while s < e
        && (toks[s].k != K::Word
            || word_in(
                text,
                &toks[s],
                &[
                    "and",
                    "but",
                    "so",
                    "including",
                    "as",
                    "per",
                    "then",
                    "now",
                    "while",
                    "when",
                    "where",
                    "that",
                    "even",
                    "also",
                    "meanwhile",
                    "however",
                ],
            ))
    {
        s += 1;
    }
    s
}

/// The largest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `Option::is_none_or` for older compilers.
trait NoneOr<T> {
    fn none_or(self, f: impl FnOnce(T) -> bool) -> bool;
}

impl<T> NoneOr<T> for Option<T> {
    fn none_or(self, f: impl FnOnce(T) -> bool) -> bool {
        match self {
            None => true,
            Some(x) => f(x),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Direct or partial.

/// Whether quotation `i` reads as a direct quote (its own sentence, or a split-quote half)
/// rather than a phrase woven into the reporter's sentence.
fn is_direct(text: &str, raws: &[Raw], i: usize) -> bool {
    let r = &raws[i];
    let content = &text[r.start..r.end];
    let first = content.chars().find(|c| c.is_alphanumeric());
    let upper = first.is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let words = content.split_whitespace().take(8).count();
    // What precedes the opening mark.
    let before = text[r.para_start..r.open].trim_end();
    let prev_char = before.chars().next_back();
    let ctx = match prev_char {
        None => 'P',
        Some('.') | Some('!') | Some('?') => '.',
        Some(c) if is_quote_char(c) || c == ')' => {
            let b2 = before[..before.len() - c.len_utf8()].trim_end();
            match b2.chars().next_back() {
                Some('.') | Some('!') | Some('?') | Some(',') => '.',
                _ => 'w',
            }
        }
        Some(':') => ':',
        Some(',') => ',',
        Some('\u{2014}') | Some('\u{2013}') | Some('-') => '-',
        _ => 'w',
    };
    let ends_sentence = content
        .trim_end()
        .ends_with(['.', '!', '?', ',', '\u{2026}'])
        || !r.closed;
    if looks_like_title(content) {
        return false;
    }
    // The reporter's sentence runs on after the closing mark ("..." for second place.):
    // the quotation is woven into it.
    if r.closed && !content.ends_with(['.', '!', '?', ',', ';', ':', '\u{2014}', '\u{2026}', '-']) {
        let rest = &text[r.close_end..r.para_end];
        let rest_t = rest.trim_start();
        if rest.len() > rest_t.len() || rest_t.starts_with(|c: char| c.is_alphabetic()) {
            let word: &str = rest_t
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let lowercase = word.chars().next().is_some_and(|c| c.is_lowercase());
            let attrib = PRONOUNS.contains(&word) || is_cue_word(word) || word == "according";
            if lowercase && !attrib {
                return false;
            }
        }
    }
    match ctx {
        'P' | '.' | ':' => upper || first.is_none() || words >= 6,
        ',' => {
            if upper {
                return true;
            }
            // Second half of a split quotation: `"...," he said, "and..."`.
            if i > 0 {
                let p = &raws[i - 1];
                if p.para_start == r.para_start && r.open - p.close_end < 80 {
                    return text[p.start..p.end]
                        .trim_end()
                        .ends_with([',', '.', '?', '!', '\u{2014}']);
                }
            }
            // `he said, "we ..."`: a cue right before the comma.
            cue_just_before(text, r.para_start, r.open)
        }
        '-' => upper && words >= 4,
        _ => {
            // After a word: direct only after a cue verb with a full sentence ("said "We...").
            if !upper {
                return false;
            }
            let last_word: String = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            is_cue_word(&last_word) && words >= 3 && ends_sentence
        }
    }
}

/// Length of an all-capitals speaker label opening a transcript line ("SMITH:", "MR. LEE:"),
/// without the colon.
fn transcript_label(content: &str) -> Option<usize> {
    let colon = content[..floor_boundary(content, 40)].find(':')?;
    let label = &content[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let ok = letters >= 2
        && label.split(' ').count() <= 3
        && label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-'));
    ok.then_some(colon)
}

/// A short capitalized phrase such as a book, show or slogan title ("Gifted Hands").
fn looks_like_title(content: &str) -> bool {
    if content.len() > 90 {
        return false;
    }
    let c = content.trim_end_matches([',', '.', ' ']);
    let words: Vec<&str> = c.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || c.ends_with(['?', '!']) {
        return false;
    }
    let minor = [
        "of", "the", "a", "an", "and", "in", "on", "for", "to", "with", "at", "by", "or",
    ];
    words.iter().enumerate().all(|(i, w)| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() || first.is_numeric() || (i > 0 && minor.contains(w))
    }) && !words
        .iter()
        .any(|w| PRONOUNS.contains(&w.to_lowercase().as_str()) && *w != "It")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted<'t>(text: &'t str, q: &QuoteMention) -> &'t str {
        &text[q.start..q.end]
    }

    /// The one quotation `find` sees in `text` (failing when there are more or none).
    fn only_quote(text: &str, actors: &[ActorMention]) -> QuoteMention {
        let mut qs = find(text, actors);
        assert_eq!(qs.len(), 1, "{qs:#?}");
        qs.remove(0)
    }

    fn actor(text: &str, needle: &str, name: &str, kind: ActorKind) -> ActorMention {
        let start = text.find(needle).unwrap();
        ActorMention {
            start,
            end: start + needle.len(),
            name: name.into(),
            kind,
        }
    }

    #[test]
    fn report_read_and_added() {
        let text = "A new study came out.\n\"Growth will slow next year, and prices will rise,\" the report read.\n\"We are confident in these numbers,\" the report added.";
        let qs = find(text, &[]);
        assert_eq!(qs.len(), 2);
        assert!(quoted(text, &qs[0]).starts_with("Growth will slow"));
        assert_eq!(qs[0].speaker.as_deref(), Some("the report"));
        assert_eq!(qs[1].speaker.as_deref(), Some("the report"));
        let (s, e) = qs[1].speaker_span.unwrap();
        assert_eq!(&text[s..e], "the report");
    }

    #[test]
    fn partial_quote_with_title() {
        let text = "As reported by The Sun, city officials, including then-Police Commissioner Maria Lopez, asserted there was \"no sign of a coordinated attack on the system.\"";
        let q = only_quote(text, &[]);
        assert_eq!(q.speaker.as_deref(), Some("Maria Lopez"));
        let actors = vec![actor(text, "Maria Lopez", "Maria Lopez", ActorKind::Person)];
        let qs = find(text, &actors);
        assert_eq!(qs[0].speaker.as_deref(), Some("Maria Lopez"));
        assert!(!find_direct(text, &actors)
            .iter()
            .any(|q| q.start == qs[0].start));
    }

    #[test]
    fn embassy_resolves_to_earlier_mention() {
        let text = "The Canadian Consulate in Boston said in a statement that the claims were false.\n\"Such accusations do nothing to improve the dialogue between our two countries,\" the consulate said as quoted by Reuters.";
        let q = only_quote(text, &[]);
        assert_eq!(q.speaker.as_deref(), Some("Canadian Consulate"));
        let (s, e) = q.speaker_span.unwrap();
        assert_eq!(&text[s..e], "the consulate");
        let actors = vec![
            actor(
                text,
                "Canadian Consulate",
                "Canadian Consulate",
                ActorKind::Organization,
            ),
            actor(text, "Boston", "Boston", ActorKind::Place),
            actor(text, "Reuters", "Reuters", ActorKind::Organization),
        ];
        let qs = find(text, &actors);
        assert_eq!(qs[0].speaker.as_deref(), Some("Canadian Consulate"));
    }

    #[test]
    fn split_quote_and_pronoun() {
        let text = "Governor Ann Marsh spoke in Dayton on Friday.\n\n\u{201C}We can\u{2019}t wait any longer,\u{201D} she said, \u{201C}and we won\u{2019}t.\u{201D}";
        let actors = vec![
            actor(text, "Ann Marsh", "Ann Marsh", ActorKind::Person),
            actor(text, "Dayton", "Dayton", ActorKind::Place),
        ];
        let qs = find(text, &actors);
        assert_eq!(qs.len(), 2);
        assert_eq!(quoted(text, &qs[0]), "We can\u{2019}t wait any longer,");
        assert_eq!(quoted(text, &qs[1]), "and we won\u{2019}t.");
        for q in &qs {
            assert_eq!(q.speaker.as_deref(), Some("Ann Marsh"));
            let (s, e) = q.speaker_span.unwrap();
            assert_eq!(&text[s..e], "she");
        }
        assert_eq!(find_direct(text, &actors).len(), 2);
    }

    #[test]
    fn apostrophes_and_unbalanced_marks() {
        let text = "He doesn't like rock 'n' roll or the '90s, Iran's envoy said.\n\"This one never closes\n\nThe next paragraph is plain.\n\n\"Closed,\" said Tom Reed, a spokesman.";
        let qs = find(text, &[]);
        assert_eq!(qs.len(), 2);
        assert_eq!(quoted(text, &qs[0]), "This one never closes");
        assert_eq!(quoted(text, &qs[1]), "Closed,");
        assert_eq!(qs[1].speaker.as_deref(), Some("Tom Reed"));
    }

    #[test]
    fn multi_paragraph_quotation() {
        let text = "Mayor Jim Bolt said:\n\n\u{201C}The first part of what I said.\n\n\u{201C}And the second part.\u{201D}\n\nLater, others spoke.";
        let qs = find(text, &[]);
        assert_eq!(qs.len(), 2);
        assert_eq!(quoted(text, &qs[0]), "The first part of what I said.");
        assert_eq!(quoted(text, &qs[1]), "And the second part.");
        assert_eq!(qs[0].speaker.as_deref(), Some("Jim Bolt"));
        assert_eq!(qs[1].speaker.as_deref(), Some("Jim Bolt"));
    }

    #[test]
    fn said_name_after_and_according_to() {
        let text = "\"It is too early to say,\" said Senate Budget Chair Laura Kim (D-Ore.) in an interview.\nThe fund is \"nearly empty,\" according to the audit office.";
        let qs = find(text, &[]);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].speaker.as_deref(), Some("Laura Kim"));
        assert_eq!(qs[1].speaker.as_deref(), Some("the audit office"));
        let d = find_direct(text, &[]);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn nothing_to_find() {
        assert!(find("", &[]).is_empty());
        assert!(find("No quotes here at all.", &[]).is_empty());
        assert!(find("Just a stray \u{201D} mark and \" another", &[]).len() <= 1);
    }

    #[test]
    fn single_quote_style_and_byline() {
        let text = "Mr Hale told the BBC: 'We will not give up on this town.'\n\n\u{201C}Hope is a plan, too.\u{201D} \u{2015} Rosa Lind\n\nThe 'Save Our Pier' group met in the '90s.";
        let qs = find(text, &[]);
        assert_eq!(qs.len(), 2, "{qs:?}");
        assert_eq!(quoted(text, &qs[0]), "We will not give up on this town.");
        assert_eq!(qs[0].speaker.as_deref(), Some("Hale"));
        assert_eq!(qs[1].speaker.as_deref(), Some("Rosa Lind"));
    }

    #[test]
    fn colon_introductions() {
        let text = "Union leader Dana Cole: \u{201C}We have waited long enough for this deal.\u{201D}\n\nAs the vote closed, the mayor told the crowd: \u{201C}Go home and rest.\u{201D}";
        let qs = find(text, &[]);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].speaker.as_deref(), Some("Dana Cole"));
        assert_eq!(qs[1].speaker.as_deref(), Some("the mayor"));
    }

    #[test]
    fn pronoun_prefers_sentence_subject() {
        let text = "Senator Ruth Ames criticized Paul Brook over the budget on Monday.\n\n\"This plan will hurt families,\" she said.";
        let actors = vec![
            actor(text, "Ruth Ames", "Ruth Ames", ActorKind::Person),
            actor(text, "Paul Brook", "Paul Brook", ActorKind::Person),
        ];
        let q = only_quote(text, &actors);
        assert_eq!(q.speaker.as_deref(), Some("Ruth Ames"));
        let (s, e) = q.speaker_span.unwrap();
        assert_eq!(&text[s..e], "she");
    }

    #[test]
    fn multibyte_text_never_panics() {
        let text = "\u{201C}Caf\u{e9}\u{2026}\u{201D} \u{2014} \u{201C}na\u{ef}ve\u{2019}s \u{2018}x\u{2019},\u{201D} she said\u{a0}\u{2026}. \"\u{c9}t\u{e9},\" said Zo\u{eb} \u{d8}st, \u{ab}Oui\u{bb}.\n\u{201C}Fin\u{2026}";
        let actors = vec![actor(
            text,
            "Zo\u{eb} \u{d8}st",
            "Zo\u{eb} \u{d8}st",
            ActorKind::Person,
        )];
        for (k, _) in text.char_indices() {
            let part = &text[..k];
            for q in find(part, &[]).iter().chain(find(part, &actors).iter()) {
                assert!(q.start <= q.end && q.end <= part.len());
                assert!(part.is_char_boundary(q.start) && part.is_char_boundary(q.end));
            }
        }
        let qs = find(text, &actors);
        assert!(qs.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn transcript_labels_name_the_speaker() {
        let text = "Partial transcript follows:\n\n\"HOST: Will you run again?\"\n\n\"MS. PARK: Not this year.\"";
        let qs = find(text, &[]);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].speaker.as_deref(), Some("HOST"));
        assert_eq!(qs[1].speaker.as_deref(), Some("PARK"));
    }

    #[test]
    fn it_resolves_to_an_organization() {
        let text = "Acme Corp blamed the outage on a supplier, Bolt Ltd, on Friday.\n\n\"We are restoring service,\" it said.";
        let actors = vec![
            actor(
                text,
                "Acme Corp",
                "Acme Corporation",
                ActorKind::Organization,
            ),
            actor(text, "Bolt Ltd", "Bolt Ltd", ActorKind::Organization),
        ];
        let q = only_quote(text, &actors);
        assert_eq!(q.speaker.as_deref(), Some("Acme Corporation"));
        let (s, e) = q.speaker_span.unwrap();
        assert_eq!(&text[s..e], "it");
    }

    #[test]
    fn fronted_preposition_is_no_speaker() {
        let text = "Throughout the long hearing, Lee firmly and repeatedly rejected the charges, saying there was \u{201c}nothing to hide.\u{201d}";
        let q = only_quote(text, &[]);
        assert_eq!(q.speaker.as_deref(), Some("Lee"));
        let actors = vec![actor(text, "Lee", "Anna Lee", ActorKind::Person)];
        let qs = find(text, &actors);
        assert_eq!(qs[0].speaker.as_deref(), Some("Anna Lee"));
    }

    #[test]
    fn sentence_adverb_is_no_speaker() {
        let text = "Additionally, the agency published files under the label \u{201c}Old Papers\u{201d} last spring.";
        let q = only_quote(text, &[]);
        assert_ne!(q.speaker.as_deref(), Some("Additionally"));
    }

    #[test]
    fn name_inside_the_quotation_is_never_the_speaker() {
        let text = "\"I pushed Governor Kane hard on the budget. He refused to budge. We will keep trying!\" the mayor tweeted.";
        let actors = vec![actor(text, "Kane", "Ray Kane", ActorKind::Person)];
        let q = only_quote(text, &actors);
        assert_eq!(q.speaker.as_deref(), Some("the mayor"));
        let qs = find(text, &[]);
        assert_eq!(qs[0].speaker.as_deref(), Some("the mayor"));
    }

    #[test]
    fn title_description_skips_names_inside_quotations() {
        let text = "Mayor Ruth Okafor spoke on Friday.\n\n\"I met President Dahl and Governor Pike today. Both agreed with me.\" the mayor wrote.";
        let q = only_quote(text, &[]);
        let (s, e) = q.speaker_span.unwrap();
        assert_eq!(&text[s..e], "the mayor");
        assert_eq!(q.speaker.as_deref(), Some("Ruth Okafor"));
    }

    #[test]
    fn a_month_tagged_as_a_person_is_no_referent() {
        let text = "In April the board met. Jo Park, the chair, later wrote to members. He asked whether the plan was \u{201c}worth the cost.\u{201d}";
        let actors = vec![
            actor(text, "April", "April", ActorKind::Person),
            actor(text, "Jo Park", "Jo Park", ActorKind::Person),
        ];
        let q = only_quote(text, &actors);
        assert_eq!(q.speaker.as_deref(), Some("Jo Park"));
    }

    #[test]
    fn the_title_names_the_person_most_often_so_called() {
        let text = "President Lund arrived first. President Lund\u{2019}s aides came too. Later President Lund met President Ito. President Ito\u{2019}s aide agreed.\n\n\"We made progress today,\" the president said.";
        let q = only_quote(text, &[]);
        assert_eq!(q.speaker.as_deref(), Some("Lund"));
    }

    #[test]
    fn pronoun_prefers_the_subject_of_a_reporting_verb() {
        let text = "Dan Roe and Kim Lutz have not met again, but Lutz said progress was made.\n\n\"The talks went well,\" she said.";
        let actors = vec![
            actor(text, "Dan Roe", "Dan Roe", ActorKind::Person),
            actor(text, "Kim Lutz", "Kim Lutz", ActorKind::Person),
            ActorMention {
                start: text.find("Lutz said").unwrap(),
                end: text.find("Lutz said").unwrap() + 4,
                name: "Kim Lutz".into(),
                kind: ActorKind::Person,
            },
        ];
        let q = only_quote(text, &actors);
        assert_eq!(q.speaker.as_deref(), Some("Kim Lutz"));
    }

    #[test]
    fn name_before_a_possessive_role_is_the_speaker() {
        let text = "Jo Marsh, Acme's chief executive, said: \"We found the flaw early.\"";
        let actors = vec![
            actor(text, "Jo Marsh", "Jo Marsh", ActorKind::Person),
            actor(text, "Acme", "Acme", ActorKind::Organization),
        ];
        let q = only_quote(text, &actors);
        assert_eq!(q.speaker.as_deref(), Some("Jo Marsh"));
    }

    #[test]
    fn subject_cut_before_its_head_is_no_speaker() {
        let text = "A June survey of voters found \"deep distrust\" of the count.";
        let q = only_quote(text, &[]);
        assert_ne!(q.speaker.as_deref(), Some("A June"));
    }
}
