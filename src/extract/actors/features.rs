//! Feature extraction: fast string hashing, per-token word classes, gazetteer matching,
//! document-level cues, and the hashed feature templates fed to the tagger.

use super::tokenize::Token;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Version of the feature templates and hashing below. Bump it whenever a change alters the
/// feature keys a text produces (templates, hashing, tokenization, activity rules): a model
/// file records the schema it was trained with and loading refuses a mismatch.
pub const SCHEMA: u32 = 5;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One Fx-style mixing step.
#[inline(always)]
pub fn fx(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche so that feature keys are well spread (splitmix64 finalizer).
#[inline(always)]
pub fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Typographic punctuation folded to its ASCII form (curly quotes, dashes, ellipsis).
#[inline]
pub fn fold_punct(c: char) -> char {
    match c {
        '“' | '”' | '„' | '«' | '»' | '″' => '"',
        '‘' | '’' | '‚' | '′' | '`' => '\'',
        '—' | '–' | '‒' | '―' | '−' => '-',
        _ => c,
    }
}

/// Hash of one char of a lowercased, punctuation-folded string.
#[inline(always)]
fn hash_char(mut h: u64, c: char) -> u64 {
    if c.is_ascii() {
        fx(h, c.to_ascii_lowercase() as u64)
    } else {
        let f = fold_punct(c);
        if f != c {
            return fx(h, f as u64);
        }
        for l in c.to_lowercase() {
            h = fx(h, l as u64);
        }
        h
    }
}

/// Hash of a string lowercased (char by char, typographic punctuation folded).
#[inline]
pub fn lower_hash(s: &str) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1du64;
    for c in s.chars() {
        h = hash_char(h, c);
    }
    h
}

/// A hasher that passes through already-hashed u64 keys.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx(self.0, b as u64);
        }
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// `HashMap` keyed by pre-hashed u64 values.
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Word-class flags of a token.
pub mod class {
    /// First char uppercase.
    pub const CAP: u16 = 1;
    /// All letters uppercase (at least two letters).
    pub const ALLCAPS: u16 = 2;
    /// First char lowercase.
    pub const LOWER: u16 = 4;
    /// Any uppercase letter.
    pub const HASUPPER: u16 = 8;
    /// Any digit.
    pub const DIGIT: u16 = 16;
    /// Only digits (and , . separators).
    pub const NUMBER: u16 = 32;
    /// Contains a hyphen.
    pub const HYPHEN: u16 = 64;
    /// Contains a period.
    pub const PERIOD: u16 = 128;
    /// No letter or digit.
    pub const PUNCT: u16 = 256;
    /// Sentence-initial position.
    pub const SENT: u16 = 512;
    /// Contains an apostrophe.
    pub const APOS: u16 = 1024;
}

/// Per-token precomputed values.
#[derive(Clone, Copy, Default, Debug)]
pub struct TokInfo {
    /// Lowercase hash.
    pub lower: u64,
    /// Collapsed shape hash ("Xx", "X.X.", "d", ...).
    pub sshape: u64,
    /// `class::*` flags.
    pub flags: u16,
}

fn char_class(c: char) -> u64 {
    if c.is_uppercase() {
        b'X' as u64
    } else if c.is_lowercase() {
        b'x' as u64
    } else if c.is_ascii_digit() {
        b'd' as u64
    } else if c.is_ascii() {
        c as u64
    } else if fold_punct(c) != c {
        fold_punct(c) as u64
    } else if c.is_alphabetic() {
        b'x' as u64
    } else {
        b'o' as u64
    }
}

/// Class of an ASCII byte for shapes (`char_class` restricted to ASCII).
#[inline(always)]
fn ascii_class(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' => b'x',
        b'0'..=b'9' => b'd',
        _ => b,
    }
}

/// `tok_info` of an all-ASCII token: the same values from a plain byte loop.
#[inline]
fn tok_info_ascii(s: &[u8]) -> TokInfo {
    let mut flags = 0u16;
    let mut lower = 0x2545_f491_4f6c_dd1du64;
    let mut sshape = 0x1234_5678_9abc_def1u64;
    let mut last_cls = 0u8;
    let mut nletters = 0u32;
    let mut nupper = 0u32;
    let mut other = false;
    for &b in s {
        lower = fx(lower, b.to_ascii_lowercase() as u64);
        let cls = ascii_class(b);
        match cls {
            b'X' => {
                nletters += 1;
                nupper += 1;
            }
            b'x' => nletters += 1,
            b'd' => flags |= class::DIGIT,
            b'-' => flags |= class::HYPHEN,
            b'.' => flags |= class::PERIOD,
            b'\'' => flags |= class::APOS,
            b',' => {}
            _ => other = true,
        }
        if cls != last_cls {
            sshape = fx(sshape, cls as u64);
            last_cls = cls;
        }
    }
    match s.first() {
        Some(b'A'..=b'Z') => flags |= class::CAP,
        Some(b'a'..=b'z') => flags |= class::LOWER,
        _ => {}
    }
    if nupper > 0 {
        flags |= class::HASUPPER;
        if nupper == nletters && nletters >= 2 {
            flags |= class::ALLCAPS;
        }
    }
    if nletters == 0 && flags & class::DIGIT == 0 {
        flags |= class::PUNCT;
    }
    if nletters == 0 && !other && flags & class::DIGIT != 0 {
        flags |= class::NUMBER;
    }
    TokInfo {
        lower,
        sshape,
        flags,
    }
}

/// Compute the word class and hashes of one token.
#[inline]
pub fn tok_info(s: &str) -> TokInfo {
    if s.is_ascii() {
        tok_info_ascii(s.as_bytes())
    } else {
        tok_info_chars(s)
    }
}

/// `tok_info` char by char (any text).
fn tok_info_chars(s: &str) -> TokInfo {
    let mut flags = 0u16;
    let mut lower = 0x2545_f491_4f6c_dd1du64;
    let mut sshape = 0x1234_5678_9abc_def1u64;
    let mut last_cls = 0u64;
    let mut nletters = 0u32;
    let mut nupper = 0u32;
    let mut alnum = false;
    let mut only_num = true;
    for (k, c) in s.chars().enumerate() {
        let cls;
        if c.is_ascii() {
            let b = c as u8;
            lower = fx(lower, b.to_ascii_lowercase() as u64);
            if b.is_ascii_uppercase() {
                cls = b'X' as u64;
                nletters += 1;
                nupper += 1;
                only_num = false;
                if k == 0 {
                    flags |= class::CAP;
                }
            } else if b.is_ascii_lowercase() {
                cls = b'x' as u64;
                nletters += 1;
                only_num = false;
                if k == 0 {
                    flags |= class::LOWER;
                }
            } else if b.is_ascii_digit() {
                cls = b'd' as u64;
                flags |= class::DIGIT;
            } else {
                cls = b as u64;
                match b {
                    b'-' => flags |= class::HYPHEN,
                    b'.' => flags |= class::PERIOD,
                    b'\'' => flags |= class::APOS,
                    b',' => {}
                    _ => only_num = false,
                }
            }
        } else {
            lower = hash_char(lower, c);
            cls = char_class(c);
            if c.is_alphabetic() {
                nletters += 1;
                only_num = false;
                if c.is_uppercase() {
                    nupper += 1;
                    if k == 0 {
                        flags |= class::CAP;
                    }
                } else if k == 0 {
                    flags |= class::LOWER;
                }
            } else {
                match fold_punct(c) {
                    '\'' => flags |= class::APOS,
                    '-' => flags |= class::HYPHEN,
                    _ => {}
                }
                only_num = false;
            }
        }
        if cls == b'X' as u64 || cls == b'x' as u64 || cls == b'd' as u64 {
            alnum = true;
        }
        if cls != last_cls {
            sshape = fx(sshape, cls);
            last_cls = cls;
        }
    }
    if nupper > 0 {
        flags |= class::HASUPPER;
        if nupper == nletters && nletters >= 2 {
            flags |= class::ALLCAPS;
        }
    }
    if !alnum {
        flags |= class::PUNCT;
    }
    if only_num && flags & class::DIGIT != 0 {
        flags |= class::NUMBER;
    }
    TokInfo {
        lower,
        sshape,
        flags,
    }
}

/// Gazetteer type bits: PER=1, ORG=2, LOC=4, MISC=8.
pub const GAZ_TYPES: usize = 4;
/// Gazetteer bit: the phrase is a proper prefix of a longer entry (keep extending).
pub const GAZ_PREFIX: u8 = 16;
/// Longest gazetteer phrase in tokens.
pub const GAZ_MAX_LEN: usize = 6;

/// Start of a phrase hash.
#[inline]
pub fn phrase_start() -> u64 {
    0x6a09_e667_f3bc_c908
}

/// Phrase key from the running phrase hash.
#[inline]
pub fn phrase_key(h: u64) -> u64 {
    finish(h ^ 0x00ff)
}

/// Document-level flags for a lowercase word.
pub mod doc {
    /// Seen starting lowercase.
    pub const LOWER: u8 = 1;
    /// Seen capitalized (not all caps) away from the start of a sentence.
    pub const TITLE_MID: u8 = 2;
    /// Seen as the first word of a run of 2+ capitalized words.
    pub const RUN_FIRST: u8 = 4;
    /// Seen as the last word of a run of 2+ capitalized words.
    pub const RUN_LAST: u8 = 8;
    /// Seen capitalized, mid-sentence, alone (no capitalized neighbour).
    pub const ALONE: u8 = 16;
    /// Seen right after a title word ("Mr.", "President").
    pub const AFTER_TITLE: u8 = 32;
    /// Seen right after a known first name.
    pub const AFTER_FIRST: u8 = 64;
    /// Seen inside a run of 3+ capitalized words (not at its ends).
    pub const RUN_INNER: u8 = 128;
}

/// Read-only lexical resources used by feature extraction.
pub struct Resources {
    /// Gazetteer: phrase key -> type bits.
    pub gaz: IdMap<u8>,
    /// Known first names (lowercase hash).
    pub first: IdMap<()>,
    /// Title words (lowercase hash, without period).
    pub titles: IdMap<()>,
    /// Capitalization vocabulary: lowercase hash -> `vocab_bucket`.
    pub vocab: IdMap<u8>,
}

impl Resources {
    /// Resources with the hand-written titles only.
    pub fn empty() -> Resources {
        let mut titles = IdMap::default();
        for t in super::lexicon::TITLES {
            titles.insert(lower_hash(t), ());
            titles.insert(lower_hash(&format!("{t}.")), ());
        }
        Resources {
            gaz: IdMap::default(),
            first: IdMap::default(),
            titles,
            vocab: IdMap::default(),
        }
    }
}

/// Lookups of prepare(): gazetteer phrase key -> type bits, lowercase word -> vocabulary
/// bucket (both 0 when absent). Closures so that training can leave the current document out.
pub struct Lookups<'a> {
    /// Gazetteer.
    pub gaz: &'a dyn Fn(u64) -> u8,
    /// Capitalization-ratio vocabulary.
    pub vocab: &'a dyn Fn(u64) -> u8,
}

/// Vocabulary bucket of a word seen `lc` times lowercase and `cap` times capitalized
/// (mid-sentence, in the training texts): 0 unknown, else 1..=8 (frequency x ratio).
pub fn vocab_bucket(lc: u32, cap: u32) -> u8 {
    let total = lc + cap;
    if total == 0 {
        return 0;
    }
    let r = cap as f32 / total as f32;
    let q = if r < 0.05 {
        0
    } else if r < 0.5 {
        1
    } else if r < 0.95 {
        2
    } else {
        3
    };
    1 + q + if total >= 5 { 4 } else { 0 }
}

/// Reusable buffers for one document.
#[derive(Default)]
pub struct Scratch {
    /// Tokens.
    pub toks: Vec<Token>,
    /// Token info.
    pub info: Vec<TokInfo>,
    /// Whether the token is scored by the model (others are fixed to O).
    pub active: Vec<bool>,
    /// Gazetteer bits: type*4 + position (B,I,L,U).
    pub gaz: Vec<u16>,
    /// Vocabulary bucket per token.
    pub vocab: Vec<u8>,
    /// Line casing per token: 0 normal, 1 Title Case line, 2 ALL CAPS line.
    pub linek: Vec<u8>,
    /// Document flags by lowercase hash.
    pub docmap: IdMap<u8>,
    /// Flat features of active tokens.
    pub feats: Vec<u64>,
    /// Per token: start of its features in `feats` (len = tokens + 1).
    pub offs: Vec<u32>,
    lowerbuf: Vec<char>,
}

// Template ids.
const T_BIAS: u64 = 1;
const T_LOWER: u64 = 2;
const T_SHAPE: u64 = 3;
const T_SSHAPE: u64 = 4;
const T_PRE: u64 = 5;
const T_SUF: u64 = 6;
const T_SENT_SSHAPE: u64 = 7;
const T_FLAGS: u64 = 8;
const T_LM1: u64 = 9;
const T_LP1: u64 = 10;
const T_LM2: u64 = 11;
const T_LP2: u64 = 12;
const T_SM1: u64 = 13;
const T_SP1: u64 = 14;
const T_SM2: u64 = 15;
const T_SP2: u64 = 16;
const T_BIM1: u64 = 17;
const T_BIP1: u64 = 18;
const T_STRI: u64 = 19;
const T_GAZ: u64 = 20;
const T_GAZM1: u64 = 21;
const T_GAZP1: u64 = 22;
const T_FIRST0: u64 = 23;
const T_FIRSTM1: u64 = 24;
const T_TITLEM1: u64 = 25;
const T_DOC: u64 = 26;
const T_DOC_SENT: u64 = 27;
const T_DOC_CAPS: u64 = 28;
const T_TITLEM2: u64 = 29;
const T_LOWER_SENT: u64 = 30;
const T_FM1_SUF: u64 = 31;
const T_VOCAB: u64 = 32;
const T_VOCAB_SENT: u64 = 33;
const T_VOCAB_M1: u64 = 34;
const T_VOCAB_P1: u64 = 35;
const T_LINEK: u64 = 36;
const T_LINEK_VOCAB: u64 = 37;
const T_LINEK_GAZ: u64 = 38;
const T_LINEK_SENT: u64 = 39;

const BOS: u64 = 0x0b05;
const EOS: u64 = 0x0e05;

#[inline(always)]
fn feat(t: u64, v: u64) -> u64 {
    finish(fx(fx(0x9e37_79b9_7f4a_7c15, t), v))
}

/// Whether a token can begin/continue an entity on its own (has an uppercase letter).
#[inline]
fn candidate(f: u16) -> bool {
    f & class::HASUPPER != 0
}

/// Short function words that headline styles leave in lowercase.
fn is_function_word(t: &str) -> bool {
    matches!(
        t,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "and"
            | "but"
            | "or"
            | "as"
            | "by"
            | "with"
            | "from"
            | "vs"
            | "vs."
            | "into"
            | "over"
            | "up"
            | "off"
    )
}

/// A short lowercase word or "&" that may sit inside a name ("Bank of England").
fn is_connector(t: &str, f: u16) -> bool {
    if t == "&" || t == "/" {
        return true;
    }
    t.len() <= 4 && f & (class::PUNCT | class::APOS | class::DIGIT) == 0
}

/// Compute token info, activity, sentence starts and document flags for `s.toks` of `text`.
/// `lk` gives the gazetteer and vocabulary lookups.
pub fn prepare(text: &str, res: &Resources, lk: &Lookups, s: &mut Scratch) {
    let gaz_get = lk.gaz;
    let n = s.toks.len();
    s.info.clear();
    s.active.clear();
    s.gaz.clear();
    s.vocab.clear();
    s.linek.clear();
    s.docmap.clear();
    s.info.reserve(n);
    let mut prev_end_sent = true;
    for (i, t) in s.toks.iter().enumerate() {
        let txt = t.text(text);
        let mut info = tok_info(txt);
        if t.line_start || prev_end_sent {
            info.flags |= class::SENT;
        }
        prev_end_sent = if txt.len() > 3 {
            false
        } else {
            match txt {
                "." | "!" | "?" | "…" | ":" => true,
                "\"" | "”" | "’" | "'" | ")" => prev_end_sent || ends_sentence(s, text, i),
                _ => false,
            }
        };
        s.info.push(info);
    }
    // From here on `line_start` marks any sentence boundary: context windows, gazetteer
    // phrases and decoding segments never cross one.
    for (t, inf) in s.toks.iter_mut().zip(&s.info) {
        if inf.flags & class::SENT != 0 {
            t.line_start = true;
        }
    }
    // Activity: candidates, and runs of one or two short connectors ("of", "de la", "&")
    // between candidates on the same line.
    for i in 0..n {
        s.active.push(candidate(s.info[i].flags));
    }
    let mut i = 0;
    while i < n {
        if s.active[i] {
            i += 1;
            continue;
        }
        let a = i;
        while i < n && !s.active[i] {
            i += 1;
        }
        let b = i;
        if a == 0 || b >= n || b - a > 2 {
            continue;
        }
        let ok = (a..=b).all(|k| !s.toks[k].line_start)
            && (a..b).all(|k| is_connector(s.toks[k].text(text), s.info[k].flags));
        if ok {
            for k in a..b {
                s.active[k] = true;
            }
        }
    }
    for k in 0..n {
        let near_active =
            s.active[k] || (k > 0 && s.active[k - 1]) || (k + 1 < n && s.active[k + 1]);
        let v = if near_active && s.info[k].flags & class::PUNCT == 0 {
            (lk.vocab)(s.info[k].lower)
        } else {
            0
        };
        s.vocab.push(v);
    }
    // Gazetteer.
    s.gaz.resize(n, 0);
    for i in 0..n {
        if !candidate(s.info[i].flags) {
            continue;
        }
        let mut h = phrase_start();
        for l in 0..GAZ_MAX_LEN {
            let j = i + l;
            if j >= n || (l > 0 && s.toks[j].line_start) {
                break;
            }
            h = fx(h, s.info[j].lower);
            let m = gaz_get(phrase_key(h));
            if m != 0 {
                for t in 0..GAZ_TYPES {
                    if m & (1 << t) == 0 {
                        continue;
                    }
                    if l == 0 {
                        s.gaz[i] |= 1 << (t * 4 + 3);
                    } else {
                        s.gaz[i] |= 1 << (t * 4);
                        for k in i + 1..j {
                            s.gaz[k] |= 1 << (t * 4 + 1);
                        }
                        s.gaz[j] |= 1 << (t * 4 + 2);
                    }
                }
            }
            if m & GAZ_PREFIX == 0 {
                break;
            }
        }
    }
    // Line casing: a sentence whose words are all capitalized (bar short function words) is a
    // headline-style Title Case line; one whose words are all upper case is an ALL CAPS line.
    s.linek.resize(n, 0);
    let mut a = 0;
    while a < n {
        let mut b = a + 1;
        while b < n && !s.toks[b].line_start {
            b += 1;
        }
        let (mut words, mut caps, mut upper, mut lower) = (0, 0, 0, 0);
        for k in a..b {
            let f = s.info[k].flags;
            if f & (class::PUNCT | class::NUMBER) != 0 {
                continue;
            }
            words += 1;
            if f & class::ALLCAPS != 0 {
                upper += 1;
            } else if f & class::CAP != 0 {
                caps += 1;
            } else if f & class::LOWER != 0 {
                let t = s.toks[k].text(text);
                if t.len() > 4 || !is_function_word(t) {
                    lower += 1;
                }
            }
        }
        let kind = if words >= 3 && upper * 5 >= words * 4 {
            2
        } else if lower == 0 && caps + upper >= 4 {
            1
        } else {
            0
        };
        if kind != 0 {
            for k in a..b {
                s.linek[k] = kind;
            }
        }
        a = b;
    }
    // Document flags (headline-style lines give no casing evidence).
    for i in 0..n {
        let f = s.info[i].flags;
        let mut d = 0u8;
        if s.linek[i] != 0 && f & class::LOWER == 0 {
            continue;
        }
        if f & class::LOWER != 0 {
            d |= doc::LOWER;
        } else if candidate(f) {
            let prev_c = i > 0 && !s.toks[i].line_start && candidate(s.info[i - 1].flags);
            let next_c = i + 1 < n && !s.toks[i + 1].line_start && candidate(s.info[i + 1].flags);
            if f & class::SENT == 0 && f & class::ALLCAPS == 0 {
                d |= doc::TITLE_MID;
                if !prev_c && !next_c {
                    d |= doc::ALONE;
                }
            }
            if next_c && !prev_c {
                d |= doc::RUN_FIRST;
            }
            if prev_c && !next_c {
                d |= doc::RUN_LAST;
            }
            if prev_c && next_c {
                d |= doc::RUN_INNER;
            }
            if i > 0 && !s.toks[i].line_start {
                let pl = s.info[i - 1].lower;
                if res.titles.contains_key(&pl) {
                    d |= doc::AFTER_TITLE;
                }
                if res.first.contains_key(&pl) {
                    d |= doc::AFTER_FIRST;
                }
            }
        } else {
            continue;
        }
        *s.docmap.entry(s.info[i].lower).or_insert(0) |= d;
    }
}

fn ends_sentence(s: &Scratch, text: &str, i: usize) -> bool {
    i > 0 && matches!(s.toks[i - 1].text(text), "." | "!" | "?")
}

/// Compute the features of every active token into `s.feats` / `s.offs`.
pub fn extract(text: &str, res: &Resources, s: &mut Scratch) {
    let n = s.toks.len();
    s.feats.clear();
    s.offs.clear();
    for i in 0..n {
        s.offs.push(s.feats.len() as u32);
        if !s.active[i] {
            continue;
        }
        token_features(text, res, s, i);
    }
    s.offs.push(s.feats.len() as u32);
}

fn token_features(text: &str, res: &Resources, s: &mut Scratch, i: usize) {
    let n = s.toks.len();
    let w = s.info[i];
    let line_start = s.toks[i].line_start;
    let has_m1 = i > 0 && !line_start;
    let has_m2 = has_m1 && i > 1 && !s.toks[i - 1].line_start;
    let has_p1 = i + 1 < n && !s.toks[i + 1].line_start;
    let has_p2 = has_p1 && i + 2 < n && !s.toks[i + 2].line_start;
    let lm1 = if has_m1 { s.info[i - 1].lower } else { BOS };
    let lm2 = if has_m2 { s.info[i - 2].lower } else { BOS };
    let lp1 = if has_p1 { s.info[i + 1].lower } else { EOS };
    let lp2 = if has_p2 { s.info[i + 2].lower } else { EOS };
    let sm1 = if has_m1 { s.info[i - 1].sshape } else { BOS };
    let sm2 = if has_m2 { s.info[i - 2].sshape } else { BOS };
    let sp1 = if has_p1 { s.info[i + 1].sshape } else { EOS };
    let sp2 = if has_p2 { s.info[i + 2].sshape } else { EOS };
    let sent = (w.flags & class::SENT != 0) as u64;
    let out = &mut s.feats;
    out.push(feat(T_BIAS, 0));
    out.push(feat(T_LOWER, w.lower));
    out.push(feat(T_SSHAPE, w.sshape));
    out.push(feat(T_FLAGS, w.flags as u64));
    out.push(feat(T_SENT_SSHAPE, fx(sent, w.sshape)));
    out.push(feat(T_LM1, lm1));
    out.push(feat(T_LP1, lp1));
    out.push(feat(T_LM2, lm2));
    out.push(feat(T_LP2, lp2));
    out.push(feat(T_SM1, sm1));
    out.push(feat(T_SP1, sp1));
    out.push(feat(T_SM2, sm2));
    out.push(feat(T_SP2, sp2));
    out.push(feat(T_BIM1, fx(lm1, w.lower)));
    out.push(feat(T_BIP1, fx(w.lower, lp1)));
    out.push(feat(T_STRI, fx(fx(sm1, w.sshape), sp1)));
    if sent != 0 {
        out.push(feat(T_LOWER_SENT, w.lower));
    }
    // An all-caps word ("US", "NATO") says little about its lowercase namesake ("us").
    let v = s.vocab[i] as u64 + if w.flags & class::ALLCAPS != 0 { 16 } else { 0 };
    out.push(feat(T_VOCAB, v));
    out.push(feat(T_VOCAB_SENT, fx(v, sent)));
    let vm1 = if has_m1 { s.vocab[i - 1] as u64 } else { 99 };
    let vp1 = if has_p1 { s.vocab[i + 1] as u64 } else { 99 };
    out.push(feat(T_VOCAB_M1, vm1));
    out.push(feat(T_VOCAB_P1, vp1));
    let lk = s.linek[i] as u64;
    if lk != 0 {
        out.push(feat(T_LINEK, lk));
        out.push(feat(T_LINEK_VOCAB, fx(lk, v)));
        out.push(feat(T_LINEK_SENT, fx(lk, sent)));
        let g = s.gaz[i];
        out.push(feat(T_LINEK_GAZ, fx(lk, (g != 0) as u64)));
    }
    // Long shape and affixes.
    let txt = s.toks[i].text(text);
    let mut shape = 0x5151u64;
    s.lowerbuf.clear();
    if txt.is_ascii() {
        for &b in txt.as_bytes().iter().take(12) {
            shape = fx(shape, ascii_class(b) as u64);
        }
        let lower = txt.bytes().map(|b| b.to_ascii_lowercase() as char);
        s.lowerbuf.extend(lower);
    } else {
        for (k, c) in txt.chars().enumerate() {
            if k < 12 {
                shape = fx(shape, char_class(c));
            }
            if c.is_ascii() {
                s.lowerbuf.push(c.to_ascii_lowercase());
            } else {
                s.lowerbuf.extend(c.to_lowercase());
            }
        }
    }
    out.push(feat(T_SHAPE, shape));
    let lb = &s.lowerbuf;
    let m = lb.len();
    let mut hp = 0x77u64;
    let mut hs = 0x99u64;
    for k in 0..4.min(m) {
        hp = fx(hp, lb[k] as u64);
        hs = fx(hs, lb[m - 1 - k] as u64);
        if k + 1 < m || k == 0 {
            out.push(feat(T_PRE, fx(hp, k as u64)));
            out.push(feat(T_SUF, fx(hs, k as u64)));
        }
    }
    // Gazetteer.
    let g = s.gaz[i];
    if g != 0 {
        for b in 0..16u64 {
            if g & (1 << b) != 0 {
                out.push(feat(T_GAZ, b));
            }
        }
    }
    let types = |g: u16| -> u64 {
        let mut t = 0u64;
        for k in 0..4 {
            if g & (0xf << (k * 4)) != 0 {
                t |= 1 << k;
            }
        }
        t
    };
    if has_m1 && s.gaz[i - 1] != 0 {
        out.push(feat(T_GAZM1, types(s.gaz[i - 1])));
    }
    if has_p1 && s.gaz[i + 1] != 0 {
        out.push(feat(T_GAZP1, types(s.gaz[i + 1])));
    }
    // Names and titles.
    if res.first.contains_key(&w.lower) {
        out.push(feat(T_FIRST0, 1));
    }
    if has_m1 && res.first.contains_key(&lm1) {
        out.push(feat(T_FIRSTM1, 1));
        out.push(feat(T_FM1_SUF, fx(hs, 1)));
    }
    if has_m1 && res.titles.contains_key(&lm1) {
        out.push(feat(T_TITLEM1, 1));
    }
    if has_m2 && res.titles.contains_key(&lm2) {
        out.push(feat(T_TITLEM2, 1));
    }
    // Document flags.
    let d = s.docmap.get(&w.lower).copied().unwrap_or(0);
    for b in 0..8u64 {
        if d & (1 << b) != 0 {
            out.push(feat(T_DOC, b));
        }
    }
    if sent != 0 {
        out.push(feat(T_DOC_SENT, d as u64));
    }
    if w.flags & class::ALLCAPS != 0 {
        out.push(feat(T_DOC_CAPS, d as u64));
    }
}

const T2_SELF: u64 = 101;
const T2_M1: u64 = 102;
const T2_P1: u64 = 103;
const T2_DOC: u64 = 104;
const T2_TYPES: u64 = 105;
const T2_SELF_TYPES: u64 = 106;

/// Stage-2 features from the stage-1 labels `l1` of a document: the token's own and
/// neighbouring stage-1 labels, and every label the same word (lowercased) got anywhere in the
/// document. `brk[i]` marks a sentence/line boundary before token i.
pub fn stage2(
    lowers: &[u64],
    active: &[bool],
    brk: &[bool],
    l1: &[u8],
    map: &mut IdMap<u32>,
    feats: &mut Vec<u64>,
    offs: &mut Vec<u32>,
) {
    let n = l1.len();
    map.clear();
    for i in 0..n {
        if active[i] {
            *map.entry(lowers[i]).or_insert(0) |= 1u32 << l1[i];
        }
    }
    feats.clear();
    offs.clear();
    for i in 0..n {
        offs.push(feats.len() as u32);
        if !active[i] {
            continue;
        }
        let own = l1[i] as u64;
        feats.push(feat(T2_SELF, own));
        let m1 = if i > 0 && !brk[i] {
            l1[i - 1] as u64
        } else {
            99
        };
        let p1 = if i + 1 < n && !brk[i + 1] {
            l1[i + 1] as u64
        } else {
            99
        };
        feats.push(feat(T2_M1, m1));
        feats.push(feat(T2_P1, p1));
        let bits = map.get(&lowers[i]).copied().unwrap_or(0);
        let mut types = 0u64;
        for b in 0..17u64 {
            if bits & (1 << b) != 0 {
                feats.push(feat(T2_DOC, b));
                types |= if b == 0 { 16 } else { 1 << ((b - 1) / 4) };
            }
        }
        feats.push(feat(T2_TYPES, types));
        feats.push(feat(T2_SELF_TYPES, fx(own, types)));
    }
    offs.push(feats.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_tok_info_matches_char_loop() {
        for w in [
            "", "a", "A", "Zed", "U.S.", "NATO", "1,000.5", "-", "--", "'s", "O'Neil", "x2", "A-1",
            "(", ",", "\0", "ab cd", "J.", "9/11", "US", "I",
        ] {
            let (a, c) = (tok_info_ascii(w.as_bytes()), tok_info_chars(w));
            assert_eq!(
                (a.lower, a.sshape, a.flags),
                (c.lower, c.sshape, c.flags),
                "{w:?}"
            );
        }
    }
}
