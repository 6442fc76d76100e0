//! Trimming inside the chosen element: the blocks that are not the story even there. Link
//! lists, captions and image counters, bylines and credits, share and follow labels, and
//! anything inside an element named like comments, related links or promotions. Short blocks
//! stay only in the story's run (between prose, or a heading before prose), as in jusText's
//! context rule: a one-line label at the edge of the story is furniture, the same line between
//! two paragraphs is the story's.
//!
//! Not for choosing the element (see `score`). Blocks are kept or left out whole; no text is
//! rewritten.

use super::blocks::{Block, Kind, Page};
use super::score::{self, PROSE_CHARS};

/// What a block is, once the element is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Reads as prose.
    Good,
    /// A short sentence: kept anywhere inside the story's run (between prose).
    Sentence,
    /// Too short to tell: the neighbours decide.
    Short,
    /// Not the story.
    Bad,
}

/// The blocks inside `root` that are the story, in document order.
pub fn story(page: &Page, root: usize) -> Vec<&Block> {
    let inside: Vec<&Block> = page
        .blocks
        .iter()
        .filter(|b| page.within(b.node, root))
        .collect();
    let values: Vec<f64> = page.blocks.iter().map(score::value).collect();
    let against = score::against(page, &values);
    let classes: Vec<Class> = inside
        .iter()
        .map(|b| classify(page, &against, root, b))
        .collect();
    let mut kept = Vec::new();
    let first = classes.iter().position(|c| *c == Class::Good);
    let last = classes.iter().rposition(|c| *c == Class::Good);
    for (i, block) in inside.iter().enumerate() {
        let keep = match classes[i] {
            Class::Good => true,
            Class::Bad => false,
            Class::Sentence => first.is_some_and(|f| f < i) && last.is_some_and(|l| i < l),
            Class::Short => {
                let decided = |c: &&Class| !matches!(c, Class::Short | Class::Sentence);
                let before = classes[..i].iter().rev().find(decided);
                let after = classes[i + 1..].iter().find(decided);
                let heading = block.kind == Kind::Heading;
                after == Some(&Class::Good) && (heading || before == Some(&Class::Good))
            }
        };
        if keep {
            kept.push(*block);
        }
    }
    kept
}

fn classify(page: &Page, against: &[bool], root: usize, block: &Block) -> Class {
    if block.kind == Kind::Caption || block.link_density() > 0.5 || counter(&block.text) {
        return Class::Bad;
    }
    // Names of the elements between the block and the chosen root.
    for n in page.ancestors(block.node).take_while(|&n| n != root) {
        let hint = page.nodes[n].hint;
        if against[n] || hint.caption {
            return Class::Bad;
        }
        if hint.byline && block.chars < 200 {
            return Class::Bad;
        }
    }
    if block.kind == Kind::Item && block.link_density() > 0.3 {
        return Class::Bad;
    }
    let prose = block.chars >= PROSE_CHARS && score::sentences(&block.text);
    if prose || block.chars >= 2 * PROSE_CHARS && block.link_density() < 0.2 {
        Class::Good
    } else if block.chars >= 25 && block.kind != Kind::Heading && ends_sentence(&block.text) {
        Class::Sentence
    } else {
        Class::Short
    }
}

/// Whether a text ends like a sentence: a full stop, question or exclamation mark, perhaps
/// inside a closing quotation mark.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?'])
}

/// Image counters and pagers: "1 of 12", "3/5", "Image 2 of 9".
fn counter(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > 4 {
        return false;
    }
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit() || c == '/'))
        .count();
    numbers >= 1
        && words.iter().all(|w| {
            w.chars().all(|c| c.is_ascii_digit() || c == '/')
                || w.eq_ignore_ascii_case("of")
                || w.chars().all(char::is_alphabetic) && words.len() == 4
        })
        && (numbers >= 2 || words.iter().any(|w| w.contains('/')))
}
