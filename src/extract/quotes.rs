//! Quotations, first version: text between straight or curly double quotes, attributed to the
//! actor nearest to a cue verb ("said", "told"...) in the same sentence.

use super::types::{ActorMention, QuoteMention};

const CUES: [&str; 10] = [
    "said",
    "says",
    "told",
    "stated",
    "added",
    "wrote",
    "read",
    "according to",
    "asserted",
    "noted",
];

/// Direct quotations in `text`, with speakers taken from `actors` or cue phrases.
pub fn find(text: &str, actors: &[ActorMention]) -> Vec<QuoteMention> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"' | '“', None) => open = Some(i + c.len_utf8()),
            ('"' | '”', Some(s)) => {
                if i > s {
                    out.push(attribute(text, s, i, actors));
                }
                open = None;
            }
            ('\n', Some(_)) => open = None,
            _ => {}
        }
    }
    out
}

fn attribute(text: &str, start: usize, end: usize, actors: &[ActorMention]) -> QuoteMention {
    let opening = text[..start].trim_end_matches(['"', '“']);
    let line_start = opening.rfind(['\n', '.', '"', '”']).map_or(0, |p| p + 1);
    // The attribution after a quote ends with its sentence or at the next quotation.
    let after_mark = end + text[end..].chars().next().map_or(0, char::len_utf8);
    let line_end = text[after_mark..]
        .find(['\n', '.', '"', '“'])
        .map_or(text.len(), |p| after_mark + p);
    let after = &text[end..line_end];
    let before = &text[line_start..start];
    let cue_after = CUES
        .iter()
        .filter_map(|c| after.find(c))
        .min()
        .map(|p| end + p);
    let cue_before = CUES
        .iter()
        .filter_map(|c| before.rfind(c))
        .max()
        .map(|p| line_start + p);
    let cue = cue_after.or(cue_before);
    let mut q = QuoteMention {
        start,
        end,
        speaker: None,
        speaker_span: None,
    };
    if let Some(cue) = cue {
        let near = actors
            .iter()
            .filter(|a| {
                a.start >= line_start && a.end <= line_end && (a.end <= start || a.start >= end)
            })
            .min_by_key(|a| a.start.abs_diff(cue).min(a.end.abs_diff(cue)));
        if let Some(a) = near {
            q.speaker = Some(a.name.clone());
            q.speaker_span = Some((a.start, a.end));
        } else if let Some(p) = after.find("the ") {
            // "..., the report said": a common-noun speaker.
            let s = end + p;
            let e = text[s + 4..].find(' ').map_or(line_end, |x| s + 4 + x);
            q.speaker = Some(text[s..e].to_string());
            q.speaker_span = Some((s, e));
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::actors;

    #[test]
    fn pairs_and_attributes() {
        let t = "\u{201c}We will win,\u{201d} Jane Roe said. \"No,\" the report read.";
        let q = find(t, &actors::tag(t));
        assert_eq!(q.len(), 2);
        assert_eq!(&t[q[0].start..q[0].end], "We will win,");
        assert_eq!(q[0].speaker.as_deref(), Some("Jane Roe"));
        assert_eq!(q[1].speaker.as_deref(), Some("the report"));
    }
}
