//! Photo captions and credits: lines that name who took a picture rather than tell the story.
//!
//! A credit is recognized by its shape, not by a list of agencies: a slash between a name and an
//! all-capitals agency ("REUTERS/Kevin Lamarque", "Evan Vucci/AP"), a picture number of capitals
//! and digits ("RC19CEF89570"), or a line opened by a caption label ("Photo:", "(Image by ...").

/// A caption line is at most this many bytes; longer lines are prose that may mention a credit.
const MAX_CAPTION: usize = 300;

/// Most words after a credit in a caption line.
const TAIL_WORDS: usize = 4;

/// Words that label a caption or credit when they open a line (followed by `:` or "by").
const LABELS: [&str; 7] = [
    "photo",
    "photograph",
    "image",
    "picture",
    "credit",
    "caption",
    "illustration",
];

/// Whether the trimmed `line` is a photo caption or credit.
pub fn is_caption(line: &str) -> bool {
    if line.len() > MAX_CAPTION {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let ends_with_credit = words
        .iter()
        .enumerate()
        .any(|(i, w)| (is_credit(w) || is_picture_number(w)) && closes_line(&words[i + 1..]));
    ends_with_credit || opens_with_label(line)
}

/// A credit closes a caption: after it come at most a few more words of the credit (the rest of a
/// name, a picture number, "File Photo"), none in lower case, which prose would have
/// ("an NBC/Marist poll shows").
fn closes_line(rest: &[&str]) -> bool {
    rest.len() <= TAIL_WORDS
        && rest.iter().all(|w| {
            !w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_lowercase)
        })
}

/// "REUTERS/Kevin", "Vucci/AP", "Images/AFP": two sides of a slash, one an all-capitals word of two
/// letters or more, the other a capitalized name.
fn is_credit(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let Some((left, right)) = word.split_once('/') else {
        return false;
    };
    (is_agency(left) && is_name(right)) || (is_name(left) && is_agency(right))
}

fn is_agency(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

fn is_name(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_uppercase())
        && chars.clone().any(|c| c.is_lowercase())
        && chars.all(char::is_alphabetic)
}

/// A picture agency's number: 8 or more capitals and digits, with both.
fn is_picture_number(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    w.len() >= 8
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && w.chars().filter(char::is_ascii_digit).count() >= 2
        && w.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// "Photo: ...", "FILE PHOTO: ...", "(Photo by ...)", "Image credit: ...".
fn opens_with_label(line: &str) -> bool {
    let lower = line.trim_start_matches(['(', '[']).to_lowercase();
    let lower = lower.strip_prefix("file ").unwrap_or(&lower);
    LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start_matches('s');
            rest.starts_with(':')
                || rest.starts_with(" by ")
                || rest.starts_with(" credit:")
                || rest.starts_with(" courtesy")
                || rest.starts_with(" copyright")
                || rest.starts_with(" caption")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_caption;

    #[test]
    fn credits_and_picture_numbers_are_captions() {
        for line in [
            "REUTERS/Kevin Lamarque – RC19CEF89570",
            "U.S. President speaks in the Oval Office. REUTERS/Jane Doe",
            "Protesters gather on Tuesday. (Evan Vucci/AP)",
            "Photo: John Smith",
            "FILE PHOTO: A voter casts a ballot",
            "(Photo by Jane Roe/Getty Images)",
            "Image credit: Example Agency",
            "Image copyright Example Agency Image caption The minister at the count",
        ] {
            assert!(is_caption(line), "{line}");
        }
    }

    #[test]
    fn prose_and_datelines_are_not_captions() {
        for line in [
            "LONDON (Reuters) - Officials said on Tuesday that the vote was secure.",
            "The AC/DC concert was cancelled.",
            "The photo shows the minister with the ambassador.",
            "He said the U.S./Mexico border talks would resume in 2020.",
            "Photography is his hobby.",
            "A new NBC/Marist poll shows the race tied.",
            "NBC/Marist polled 1,200 voters in October.",
        ] {
            assert!(!is_caption(line), "{line}");
        }
    }
}
