//! The query language: words, `"exact phrases"`, `AND`/`OR`/`NOT`/`-`, parentheses, `field:`
//! (`title:`, `text:`, `quote:`, `actor:`, `speaker:`) and prefix terms (`interfer*`).
//! Adjacent clauses are joined by AND. This module only parses into an [`Node`] tree; `build`
//! turns the tree into a tantivy query.

/// A field a query term can be restricted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Passage text, title and quotes (the default).
    Any,
    /// Article title.
    Title,
    /// Passage text only.
    Text,
    /// Quotations.
    Quote,
    /// Actor names.
    Actor,
    /// Speaker names.
    Speaker,
}

impl Scope {
    fn from_name(name: &str) -> Option<Scope> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" => Scope::Title,
            "text" | "body" => Scope::Text,
            "quote" => Scope::Quote,
            "actor" => Scope::Actor,
            "speaker" => Scope::Speaker,
            _ => return None,
        })
    }
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Every passage (`*`).
    All,
    /// One word, or a prefix when `prefix` (the text then lacks the `*`).
    Term {
        /// Where to look.
        scope: Scope,
        /// The word as typed.
        text: String,
        /// `word*`.
        prefix: bool,
    },
    /// Words that must appear in this order.
    Phrase {
        /// Where to look.
        scope: Scope,
        /// The phrase as typed, without quotes.
        text: String,
    },
    /// All must match.
    And(Vec<Node>),
    /// One must match.
    Or(Vec<Node>),
    /// Must not match.
    Not(Box<Node>),
}

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 10_000;
/// Deepest nesting of parentheses accepted.
const MAX_DEPTH: usize = 32;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Minus,
    Word(Option<Scope>, String),
    Phrase(Option<Scope>, String),
    /// `field:` followed by `(`.
    ScopeOpen(Scope),
}

/// Parses `input`; the error is a one-line description of what is wrong and where.
pub fn parse(input: &str) -> Result<Node, String> {
    if input.len() > MAX_QUERY_BYTES {
        return Err(format!("query is longer than {MAX_QUERY_BYTES} bytes"));
    }
    let toks = lex(input)?;
    if toks.is_empty() {
        return Ok(Node::All);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        scope: None,
    };
    let node = p.or()?;
    if p.pos < p.toks.len() {
        return Err("unbalanced `)`".to_string());
    }
    Ok(node)
}

fn lex(input: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                out.push(Tok::Close);
                i += 1;
            }
            '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                out.push(Tok::Minus);
                i += 1;
            }
            '+' => i += 1,
            '"' | '“' | '”' => {
                let (text, next) = quoted(&chars, i + 1)?;
                out.push(Tok::Phrase(None, text));
                i = next;
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !chars[i].is_control()
                    && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
                {
                    if chars[i] == ':' {
                        break;
                    }
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&':') && !word.is_empty() {
                    let Some(scope) = Scope::from_name(&word) else {
                        return Err(format!(
                            "unknown field `{word}:` (fields: title, text, quote, actor, speaker; \
                             put the word in quotes to search for it)"
                        ));
                    };
                    i += 1;
                    match chars.get(i) {
                        Some('"' | '“' | '”') => {
                            let (text, next) = quoted(&chars, i + 1)?;
                            out.push(Tok::Phrase(Some(scope), text));
                            i = next;
                        }
                        Some('(') => {
                            out.push(Tok::ScopeOpen(scope));
                            i += 1;
                        }
                        Some(c) if !c.is_whitespace() => {
                            let s = i;
                            while i < chars.len()
                                && !chars[i].is_whitespace()
                                && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
                            {
                                i += 1;
                            }
                            out.push(Tok::Word(Some(scope), chars[s..i].iter().collect()));
                        }
                        _ => return Err(format!("`{word}:` is not followed by a word or phrase")),
                    }
                    continue;
                }
                if word.is_empty() {
                    // A lone ':'.
                    i += 1;
                    continue;
                }
                out.push(match word.as_str() {
                    "AND" | "&&" => Tok::And,
                    "OR" | "||" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => Tok::Word(None, word),
                });
            }
        }
    }
    Ok(out)
}

fn quoted(chars: &[char], from: usize) -> Result<(String, usize), String> {
    let mut j = from;
    while j < chars.len() && !matches!(chars[j], '"' | '“' | '”') {
        j += 1;
    }
    if j >= chars.len() {
        return Err("unclosed `\"`: close the phrase with a double quote".to_string());
    }
    Ok((chars[from..j].iter().collect(), j + 1))
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    depth: usize,
    /// The scope of an enclosing `field:( ... )`.
    scope: Option<Scope>,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn or(&mut self) -> Result<Node, String> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Node::Or(items)
        })
    }

    fn and(&mut self) -> Result<Node, String> {
        let mut items = vec![self.unary()?];
        loop {
            match self.peek() {
                None | Some(Tok::Or) | Some(Tok::Close) => break,
                Some(Tok::And) => {
                    self.pos += 1;
                    items.push(self.unary()?);
                }
                Some(_) => items.push(self.unary()?),
            }
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Node::And(items)
        })
    }

    fn unary(&mut self) -> Result<Node, String> {
        match self.peek() {
            Some(Tok::Not) | Some(Tok::Minus) => {
                self.pos += 1;
                Ok(Node::Not(Box::new(self.unary()?)))
            }
            _ => self.atom(),
        }
    }

    fn atom(&mut self) -> Result<Node, String> {
        let scope = |s: Option<Scope>, outer: Option<Scope>| s.or(outer).unwrap_or(Scope::Any);
        let tok = self.peek().cloned();
        self.pos += 1;
        match tok {
            None => Err("the query ends where a word was expected".to_string()),
            Some(Tok::Open) => self.group(self.scope),
            Some(Tok::ScopeOpen(s)) => self.group(Some(s)),
            Some(Tok::Close) => Err("unbalanced `)`".to_string()),
            Some(Tok::And) => Err("`AND` needs a word on each side".to_string()),
            Some(Tok::Or) => Err("`OR` needs a word on each side".to_string()),
            Some(Tok::Not) | Some(Tok::Minus) => unreachable!("handled by unary"),
            Some(Tok::Phrase(s, text)) => Ok(Node::Phrase {
                scope: scope(s, self.scope),
                text,
            }),
            Some(Tok::Word(s, text)) => {
                if text == "*" {
                    return Ok(Node::All);
                }
                match text.strip_suffix('*') {
                    Some(stem) if !stem.contains('*') => Ok(Node::Term {
                        scope: scope(s, self.scope),
                        text: stem.to_string(),
                        prefix: true,
                    }),
                    _ => Ok(Node::Term {
                        scope: scope(s, self.scope),
                        text,
                        prefix: false,
                    }),
                }
            }
        }
    }

    fn group(&mut self, scope: Option<Scope>) -> Result<Node, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("parentheses nested deeper than {MAX_DEPTH}"));
        }
        let outer = std::mem::replace(&mut self.scope, scope);
        let inner = self.or()?;
        self.scope = outer;
        if self.peek() != Some(&Tok::Close) {
            return Err("unbalanced `(`: close it with `)`".to_string());
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Node {
        Node::Term {
            scope: Scope::Any,
            text: t.into(),
            prefix: false,
        }
    }

    #[test]
    fn boolean_structure() {
        assert_eq!(
            parse("russia (iran OR china) -trump").unwrap(),
            Node::And(vec![
                term("russia"),
                Node::Or(vec![term("iran"), term("china")]),
                Node::Not(Box::new(term("trump"))),
            ])
        );
        assert_eq!(
            parse("a AND NOT b").unwrap(),
            Node::And(vec![term("a"), Node::Not(Box::new(term("b")))])
        );
    }

    #[test]
    fn fields_phrases_prefixes() {
        assert_eq!(
            parse("quote:\"high confidence\" actor:putin interfer*").unwrap(),
            Node::And(vec![
                Node::Phrase {
                    scope: Scope::Quote,
                    text: "high confidence".into()
                },
                Node::Term {
                    scope: Scope::Actor,
                    text: "putin".into(),
                    prefix: false
                },
                Node::Term {
                    scope: Scope::Any,
                    text: "interfer".into(),
                    prefix: true
                },
            ])
        );
        assert_eq!(
            parse("title:(vote OR ballot)").unwrap(),
            Node::Or(vec![
                Node::Term {
                    scope: Scope::Title,
                    text: "vote".into(),
                    prefix: false
                },
                Node::Term {
                    scope: Scope::Title,
                    text: "ballot".into(),
                    prefix: false
                },
            ])
        );
        assert_eq!(parse("*").unwrap(), Node::All);
        assert_eq!(parse("   ").unwrap(), Node::All);
    }

    #[test]
    fn errors_are_one_line() {
        for bad in [
            "\"open",
            "(a",
            "a)",
            "OR b",
            "a AND",
            "foo:bar",
            "title:",
            "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))",
        ] {
            let e = parse(bad).unwrap_err();
            assert!(!e.contains('\n'), "{bad}: {e}");
        }
    }
}
