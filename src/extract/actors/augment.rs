//! Training data augmentation: renders pre-tokenized gold documents (CoNLL: tokens joined by
//! spaces) as news prose, so the tagger learns from text shaped like what it will read.

use super::features::IdMap;
use super::gold::GoldDoc;

/// A "news prose" rendering of a pre-tokenized document (tokens joined by spaces, sentences
/// by newlines): punctuation and possessives attached, quotes curled (half of the documents),
/// most sentences joined into paragraphs. Entity offsets are remapped.
pub fn prose_variant(d: &GoldDoc, rng: &mut u64) -> GoldDoc {
    let mut next = || {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng
    };
    let curly = next() % 2 == 0;
    // The headline (an ALL CAPS first line in CoNLL) becomes Title Case, as are a few body
    // sentences, so that the tagger learns not to trust capitals on headline-style lines.
    let mut title_lines = Vec::new();
    for (li, line) in d.text.split('\n').enumerate() {
        let has_lower = line.bytes().any(|b| b.is_ascii_lowercase());
        let small_lower = next() % 2 == 0;
        if (li == 0 && !has_lower) || (li >= 2 && next() % 25 == 0) {
            title_lines.push((li, small_lower));
        }
    }
    let mut out = String::with_capacity(d.text.len());
    let mut start_map: IdMap<usize> = IdMap::default();
    let mut end_map: IdMap<usize> = IdMap::default();
    let mut line_off = 0usize;
    for (li, line) in d.text.split('\n').enumerate() {
        let mut quote_open = false;
        let mut prev = String::new();
        let mut first = true;
        let mut off = line_off;
        for tok in line.split(' ') {
            let tok_start = off;
            off += tok.len() + 1;
            if tok.is_empty() {
                continue;
            }
            let mut rendered = tok;
            let mut space = true;
            let title_case = title_lines.iter().find(|x| x.0 == li).map(|x| x.1);
            let owned;
            if let Some(small_lower) = title_case {
                owned = title_case_word(tok, small_lower && !first);
                rendered = &owned;
            }
            if tok == "\"" {
                if quote_open {
                    space = false;
                    if curly {
                        rendered = "”";
                    }
                } else if curly {
                    rendered = "“";
                }
                quote_open = !quote_open;
            }
            if matches!(
                tok,
                "," | "."
                    | ";"
                    | ":"
                    | "!"
                    | "?"
                    | ")"
                    | "'s"
                    | "n't"
                    | "%"
                    | "'"
                    | "'re"
                    | "'ve"
                    | "'ll"
                    | "'d"
                    | "'m"
            ) {
                space = false;
            }
            if matches!(prev.as_str(), "(" | "$" | "“") || (prev == "\"" && quote_open) {
                space = false;
            }
            if first {
                if !out.is_empty() {
                    let join = li >= 2 && next() % 5 != 0;
                    out.push(if join { ' ' } else { '\n' });
                }
                first = false;
            } else if space {
                out.push(' ');
            }
            start_map.insert(tok_start as u64, out.len());
            out.push_str(rendered);
            end_map.insert((tok_start + tok.len()) as u64, out.len());
            prev.clear();
            prev.push_str(rendered);
        }
        line_off += line.len() + 1;
    }
    let ents = d
        .ents
        .iter()
        .filter_map(|&(s, e, t)| {
            Some((*start_map.get(&(s as u64))?, *end_map.get(&(e as u64))?, t))
        })
        .collect();
    GoldDoc {
        id: format!("{}-prose", d.id),
        text: out,
        ents,
    }
}

/// A word as a Title Case headline writes it (ASCII letters only, so byte lengths stay put):
/// "SHEARER"/"shearer" -> "Shearer"; words with periods or digits, mixed-case words and (when
/// `small_lower`) short function words are kept as they are / lowercased.
fn title_case_word(w: &str, small_lower: bool) -> String {
    let lw = w.to_ascii_lowercase();
    if small_lower
        && matches!(
            lw.as_str(),
            "a" | "an" | "the" | "of" | "in" | "on" | "at" | "to" | "for" | "and" | "or" | "by"
        )
    {
        return lw;
    }
    if !w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
        return w.to_string();
    }
    let all_upper = !w.bytes().any(|b| b.is_ascii_lowercase());
    let all_lower = !w.bytes().any(|b| b.is_ascii_uppercase());
    if !(all_upper || all_lower) {
        return w.to_string();
    }
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in lw.chars() {
        out.push(if start { c.to_ascii_uppercase() } else { c });
        start = c == '-';
    }
    out
}
