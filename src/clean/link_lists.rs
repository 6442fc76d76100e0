//! Link lists: a short lead line ending in a colon ("Related:", "More on this story:") followed by
//! lines shaped like headlines (several words, no closing punctuation), the text left behind by a
//! block of links to other stories.
//!
//! A colon followed by sentences or bullet points that end in a period is the story's own list and
//! stays.

use std::ops::Range;

/// A lead line has at most this many words before its colon.
const LEAD_WORDS: usize = 5;
/// A headline has this many words at least and at most.
const HEADLINE_WORDS: Range<usize> = 4..21;
/// A headline line is at most this many bytes.
const MAX_HEADLINE: usize = 160;

/// Byte ranges (from the lead line's start to the last headline's end) of the link lists among
/// `lines`, the trimmed non-empty lines of `text` in order.
pub fn link_lists(text: &str, lines: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_lead(&text[lines[i].clone()]) {
            i += 1;
            continue;
        }
        let items = lines[i + 1..]
            .iter()
            .take_while(|r| is_headline(&text[(*r).clone()]))
            .count();
        if items >= 2 {
            out.push(lines[i].start..lines[i + items].end);
            i += items + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn is_lead(line: &str) -> bool {
    line.strip_suffix(':')
        .is_some_and(|head| (1..=LEAD_WORDS).contains(&head.split_whitespace().count()))
}

fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    line.len() <= MAX_HEADLINE
        && HEADLINE_WORDS.contains(&words)
        && line.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', '!', ';', ':', ',', '"', '”', ')'])
        // Words, not a table row: scores, squads and results have figures, brackets and commas.
        && !line.contains(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | '[' | ']' | '|'))
        && line.matches(',').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lines::lines;

    fn found(text: &str) -> Vec<&str> {
        let ls: Vec<_> = lines(text).collect();
        link_lists(text, &ls)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_lead_and_headlines_make_a_link_list() {
        let t = "Story text ends here.\nRelated:\nSenate Panel Opens New Inquiry Into Ads\nWhat We Know About the Hacked Emails\nMore story text follows here.";
        assert_eq!(
            found(t),
            ["Related:\nSenate Panel Opens New Inquiry Into Ads\nWhat We Know About the Hacked Emails"]
        );
    }

    #[test]
    fn a_list_of_sentences_is_the_story() {
        let t = "The report made three findings:\nThe agency ran fake accounts.\nIt bought ads in rubles.\nIt staged rallies.";
        assert!(found(t).is_empty());
        let one = "Read more:\nOnly One Headline Here Today";
        assert!(found(one).is_empty(), "one headline is not a list");
        let table =
            "Results of matches on Saturday:\nKarlsruhe 2 Hansa Rostock 0\nRed Star 4 Partizan 1";
        assert!(found(table).is_empty(), "a table of results is the story");
        let squad = "Squad:\nAustralia - Ian Healy ( captain ) , Michael Bevan , Jane Roe\nEngland - John Doe , Jim Roe , Joe Bloggs";
        assert!(found(squad).is_empty(), "a squad list is the story");
    }
}
