//! Printers: the only code that writes results. Each is generic over `W: Write` so tests print
//! into a `Vec<u8>`. Messages and progress go to stderr elsewhere; results go here.

pub mod csv;
pub mod json;
pub mod plot;
pub mod terminal;
pub mod views;

/// Replaces control characters (terminal escape sequences among them) by visible `\u{..}`
/// escapes, keeping newlines and tabs, so indexed text cannot drive the user's terminal.
pub fn neutralize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Prints what extraction found in one article, for people.
pub fn extract_text<W: std::io::Write>(
    out: &mut W,
    a: &crate::ingest::Article,
    ex: &crate::extract::Extraction,
) -> std::io::Result<()> {
    let t = &a.text;
    writeln!(out, "{} ({})", neutralize(&a.path), neutralize(&a.id))?;
    for m in &ex.actors {
        writeln!(
            out,
            "  actor  {:<13} {} = {}",
            m.kind.as_str(),
            neutralize(&t[m.start..m.end]),
            neutralize(&m.name)
        )?;
    }
    for d in &ex.dates {
        writeln!(
            out,
            "  date   {:<13} {}",
            d.value,
            neutralize(&t[d.start..d.end])
        )?;
    }
    for q in ex.quotes.iter().chain(&ex.partial_quotes) {
        // A speaker described without a name shows its description in brackets.
        let described = q.speaker_span.and_then(|(a, b)| t.get(a..b));
        let who = match (q.speaker.as_deref(), described) {
            (Some(name), _) => name.to_string(),
            (None, Some(words)) => format!("({words})"),
            (None, None) => "unattributed".to_string(),
        };
        writeln!(
            out,
            "  quote  {} — “{}”",
            neutralize(&who),
            neutralize(&t[q.start..q.end])
        )?;
    }
    writeln!(out, "  {} passages", ex.passages.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_are_neutralized() {
        assert_eq!(super::neutralize("a\u{1b}[31mred\nb"), "a\\u{1b}[31mred\nb");
        assert_eq!(super::neutralize("plain"), "plain");
    }
}
