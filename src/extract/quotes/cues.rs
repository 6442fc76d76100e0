//! The cue lexicon: verbs and phrases that introduce reported speech ("said", "told",
//! "pointed out", "according to").
//!
//! In: tokens (or a text range). Out: whether and where a cue stands; [`cue_at`] gives the index
//! just past the cue (past its particle when it needs one).

use super::tokens::{tokenize, Token, TokenKind};
use super::words::{is_capitalized, lowercase};

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
    "posits",
    "posited",
    "theorized",
    "confided",
    "pondered",
];

/// Whether the lowercase word is in [`CUES`] (hash lookup).
pub(super) fn is_cue_word(w: &str) -> bool {
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

/// Whether token `i` is a cue (with its particle when needed); returns the index past the cue.
pub(super) fn cue_at(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let t = &tokens[i];
    if t.kind != TokenKind::Word || t.end - t.start > 12 {
        return None;
    }
    // A capitalized cue only opens a sentence ("Said Smith: ..."); "the Washington Post" is no cue.
    if i > 0 && tokens[i - 1].kind == TokenKind::Word && is_capitalized(text, t) {
        return None;
    }
    let w = lowercase(text, t);
    if w == "according" {
        return (i + 1 < tokens.len() && lowercase(text, &tokens[i + 1]) == "to").then_some(i + 2);
    }
    if !is_cue_word(&w) {
        return None;
    }
    if let Some(parts) = needs_particle(&w) {
        let next = tokens
            .get(i + 1)
            .filter(|n| n.kind == TokenKind::Word)
            .map(|n| lowercase(text, n));
        return match next {
            Some(n) if parts.contains(&n.as_str()) => Some(i + 2),
            _ => None,
        };
    }
    Some(i + 1)
}

/// Whether a cue verb sits among the last words before `b` (`said, "`, `told CNN: "`).
pub(super) fn cue_just_before(text: &str, a: usize, b: usize) -> bool {
    let from = b.saturating_sub(60).max(a);
    let from = (from..=b).find(|&i| text.is_char_boundary(i)).unwrap_or(b);
    let tokens = tokenize(text, from, b);
    let Some(last) = tokens.last() else {
        return false;
    };
    if !matches!(last.kind, TokenKind::Comma | TokenKind::Colon) {
        return false;
    }
    let n = tokens.len();
    (n.saturating_sub(4)..n).any(|k| cue_at(text, &tokens, k).is_some())
}
