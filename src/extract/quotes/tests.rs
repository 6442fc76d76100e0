//! Behaviour of the whole extractor on short texts: pairing, attribution, naming.

use super::{find, find_direct};
use crate::extract::types::{ActorKind, ActorMention, QuoteMention};

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
    // A document described without a name names nobody; its words stay the speaker's span.
    assert_eq!(qs[0].speaker, None);
    assert_eq!(qs[1].speaker, None);
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
    // The mayor is nobody named in the text (Dana Cole, of another paragraph, is not).
    assert_eq!(qs[1].speaker, None);
    let (s, e) = qs[1].speaker_span.unwrap();
    assert_eq!(&text[s..e], "the mayor");
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
    assert_ne!(q.speaker.as_deref(), Some("Ray Kane"));
    let (s, e) = q.speaker_span.unwrap();
    assert_eq!(&text[s..e], "the mayor");
    let qs = find(text, &[]);
    assert_eq!(qs[0].speaker_span, Some((s, e)));
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

#[test]
fn possessor_of_a_role_is_not_the_speaker() {
    // "X's spokesman, Y, said" after the quotation: Y.
    let text = "\"We reject these claims entirely,\" Mr Varga's spokesman, Tomas Brel, said.";
    let actors = vec![
        actor(text, "Varga", "Ivan Varga", ActorKind::Person),
        actor(text, "Tomas Brel", "Tomas Brel", ActorKind::Person),
    ];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Tomas Brel")
    );
    assert_eq!(only_quote(text, &[]).speaker.as_deref(), Some("Tomas Brel"));
    // "Y, X's spokesman, said" before the quotation: Y.
    let text = "Tomas Brel, Mr Varga's spokesman, said: \"We reject these claims entirely.\"";
    let actors = vec![
        actor(text, "Tomas Brel", "Tomas Brel", ActorKind::Person),
        actor(text, "Varga", "Ivan Varga", ActorKind::Person),
    ];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Tomas Brel")
    );
    // "said X's lawyer, Y": Y.
    let text = "\"My client is innocent,\" said Mr Varga's lawyer, Ana Holt.";
    let actors = vec![
        actor(text, "Varga", "Ivan Varga", ActorKind::Person),
        actor(text, "Ana Holt", "Ana Holt", ActorKind::Person),
    ];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Ana Holt")
    );
    // "the attorney, Y, said": Y.
    let text = "\"We will appeal,\" the attorney, Ana Holt, said.";
    assert_eq!(only_quote(text, &[]).speaker.as_deref(), Some("Ana Holt"));
    // "X's spokeswoman said" with no name: nobody named, never X; the description is the span.
    let text = "\"The talks will go on,\" Ms Lund's spokeswoman said.";
    let actors = vec![actor(text, "Lund", "Erika Lund", ActorKind::Person)];
    let q = only_quote(text, &actors);
    assert_eq!(q.speaker, None);
    let (s, e) = q.speaker_span.unwrap();
    assert_eq!(&text[s..e], "Ms Lund's spokeswoman");
    // A possessive that is no role still names its possessor's side as before.
    let text = "\"The talks will go on,\" Erika Lund said.";
    let actors = vec![actor(text, "Erika Lund", "Erika Lund", ActorKind::Person)];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Erika Lund")
    );
}

#[test]
fn pronoun_chains_and_gender() {
    // A sentence that opens with the same pronoun speaks of the same person: its other names
    // are objects, not the referent.
    let text = "What did Ivan Varga say?\n\nHe declined to criticise Mr Tomas Brel and said the talks would go on.\n\n\"We will keep talking,\" he said.";
    let actors = vec![
        actor(text, "Ivan Varga", "Ivan Varga", ActorKind::Person),
        actor(text, "Tomas Brel", "Tomas Brel", ActorKind::Person),
    ];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Ivan Varga")
    );
    // "she" skips a man named with "Mr" for the nearest woman.
    let text = "Ms Erika Lund met Mr Tomas Brel on Monday.\n\n\"It was a good meeting,\" she said.";
    let actors = vec![
        actor(text, "Erika Lund", "Erika Lund", ActorKind::Person),
        actor(text, "Tomas Brel", "Tomas Brel", ActorKind::Person),
    ];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Erika Lund")
    );
    let text =
        "Mr Tomas Brel thanked Ms Erika Lund after the vote.\n\n\"It was a good day,\" she said.";
    let actors = vec![
        actor(text, "Tomas Brel", "Tomas Brel", ActorKind::Person),
        actor(text, "Erika Lund", "Erika Lund", ActorKind::Person),
    ];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Erika Lund")
    );
}

#[test]
fn organization_title_name_is_the_name() {
    let text = "City Hall press secretary Ana Holt later told reporters the mayor had \"full confidence\" in the police.";
    let actors = vec![
        actor(text, "City Hall", "City Hall", ActorKind::Organization),
        actor(text, "Ana Holt", "Ana Holt", ActorKind::Person),
    ];
    assert_eq!(
        only_quote(text, &actors).speaker.as_deref(),
        Some("Ana Holt")
    );
    assert_eq!(only_quote(text, &[]).speaker.as_deref(), Some("Ana Holt"));
}

/// The speaker's name of the one quotation, and the words of its span.
fn named_and_span(text: &str, actors: &[ActorMention]) -> (Option<String>, String) {
    let q = only_quote(text, actors);
    let span = q
        .speaker_span
        .map_or(String::new(), |(s, e)| text[s..e].to_string());
    (q.speaker, span)
}

#[test]
fn descriptions_without_a_name_name_nobody() {
    // Indefinite descriptions, capitalized head or not.
    for (text, words) in [
        ("\"We had no choice,\" one diplomat said.", "one diplomat"),
        (
            "\"They will fold,\" a source close to the team told the paper.",
            "a source close to the team",
        ),
        (
            "\"He does not care,\" says a congressional Democrat who asked not to be named.",
            "a congressional Democrat",
        ),
        (
            "\"It was a joke,\" one of the people said.",
            "one of the people",
        ),
        ("\"Book early,\" the listing reads.", "the listing"),
    ] {
        let (name, span) = named_and_span(text, &[]);
        assert_eq!(name, None, "{text}");
        assert_eq!(span, words, "{text}");
    }
    // A definite institution stays one body, named by its description.
    let (name, _) = named_and_span(
        "\"The vessel broke the law,\" the foreign ministry said.",
        &[],
    );
    assert_eq!(name.as_deref(), Some("the foreign ministry"));
}

#[test]
fn pronouns_that_resolve_to_nobody_name_nobody() {
    // No fitting name anywhere: "he" is no speaker's name.
    let text = "Work at the port resumed.\n\n\"The strike caused no damage,\" he said.";
    let (name, span) = named_and_span(text, &[]);
    assert_eq!(name, None);
    assert_eq!(span, "he");
    // "he" after a speaker described without a name stands for that speaker, not for the
    // name before.
    let text = "Ravi Mehta ran the port until May.\n\n\"Unloading started again,\" a port official told the agency. \"The strike caused no damage,\" he said.";
    let actors = vec![actor(text, "Ravi Mehta", "Ravi Mehta", ActorKind::Person)];
    let qs = find(text, &actors);
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].speaker, None);
    assert_eq!(qs[1].speaker, None);
}

#[test]
fn a_title_alone_is_the_person_of_the_paragraph() {
    // "the chairman": the person the paragraph is about.
    let text = "Oren Vale warned his colleagues on Tuesday. \"It could be you tomorrow,\" the chairman said.";
    let actors = vec![actor(text, "Oren Vale", "Oren Vale", ActorKind::Person)];
    assert_eq!(
        named_and_span(text, &actors).0.as_deref(),
        Some("Oren Vale")
    );
    // A role held for someone else is not resolved so.
    let text = "Oren Vale warned his colleagues on Tuesday. \"It could be you tomorrow,\" the spokesman said.";
    let actors = vec![actor(text, "Oren Vale", "Oren Vale", ActorKind::Person)];
    assert_eq!(named_and_span(text, &actors).0, None);
}

#[test]
fn fragments_of_names_are_not_names() {
    // A title the tagger cut from its name ("Maryland Gov.") names nobody; the mention as
    // written does.
    let text = "\"We stood up for working people,\" Mr. Okoro said.";
    let actors = vec![actor(text, "Mr. Okoro", "Lagos Gov.", ActorKind::Person)];
    assert_eq!(named_and_span(text, &actors).0.as_deref(), Some("Okoro"));
    // A canonical name with a place of the text appended ("Trump Cuba" for "Trump").
    let text = "Lane spoke about Cuba.\n\n\"Those demands stand,\" Lane added.";
    let at = text.rfind("Lane").unwrap();
    let actors = vec![
        actor(text, "Cuba", "Cuba", ActorKind::Place),
        ActorMention {
            start: at,
            end: at + 4,
            name: "Lane Cuba".into(),
            kind: ActorKind::Person,
        },
    ];
    assert_eq!(named_and_span(text, &actors).0.as_deref(), Some("Lane"));
    // A day after a name is the time of the cue.
    let text = "\"Testing is far better here,\" Nora Lane Monday said.";
    assert_eq!(named_and_span(text, &[]).0.as_deref(), Some("Nora Lane"));
}

#[test]
fn relative_clause_and_bracketed_sources() {
    let text = "Among the critics was the Civic Trust, which tweeted: \"Trans women are women.\"";
    let (name, _) = named_and_span(text, &[]);
    assert_eq!(name.as_deref(), Some("the Civic Trust"));
    let text = "\"Prices will fall by spring.\" (Jo Ann Reyes, market analyst) Others disagree with that view entirely, and say so.";
    assert_eq!(named_and_span(text, &[]).0.as_deref(), Some("Jo Ann Reyes"));
    // A place inside a longer name ("USA" in "USA Weekly") is not the speaker.
    let text = "USA Weekly writes: \"The vote will be close.\"";
    let actors = vec![actor(text, "USA", "United States", ActorKind::Place)];
    assert_ne!(
        named_and_span(text, &actors).0.as_deref(),
        Some("United States")
    );
}

#[test]
fn pronoun_classes_beyond_the_nearest_name() {
    // A pronoun in a fronted clause looks ahead: the sentence still names its referent.
    let text = "Voters favored Paul Brook.\n\nThough he never gained ground, Mr. Tom Lane said the race helped.\n\n\"We stood up for working people,\" he said.";
    let actors = vec![
        actor(text, "Paul Brook", "Paul Brook", ActorKind::Person),
        actor(text, "Tom Lane", "Tom Lane", ActorKind::Person),
    ];
    assert_eq!(named_and_span(text, &actors).0.as_deref(), Some("Tom Lane"));
    // A possessor is not the subject: "Lane's remarks came after Ames spoke" -> Ames.
    let text =
        "Tom Lane's remarks came after Ruth Ames expressed her hopes. \"Peace is near,\" she said.";
    let actors = vec![
        actor(text, "Tom Lane", "Tom Lane", ActorKind::Person),
        actor(text, "Ruth Ames", "Ruth Ames", ActorKind::Person),
    ];
    assert_eq!(
        named_and_span(text, &actors).0.as_deref(),
        Some("Ruth Ames")
    );
    // "I" outside a quotation is the writer, never a name of the text.
    let text = "After Ruth Ames spoke, I said on the radio, \"This will be the moment.\"";
    let actors = vec![actor(text, "Ruth Ames", "Ruth Ames", ActorKind::Person)];
    assert_eq!(named_and_span(text, &actors).0, None);
}

#[test]
fn bylines_and_fronted_clauses() {
    let text = "\"The Boogeyman Took Another Beating,\" by Ada Stone";
    assert_eq!(named_and_span(text, &[]).0.as_deref(), Some("Ada Stone"));
    let text = "Last week, nearly six years into the term, Mr. Hale addressed troops and said, \"The world is exploding.\"";
    assert_eq!(named_and_span(text, &[]).0.as_deref(), Some("Hale"));
}

#[test]
fn descriptions_resolve_with_their_modifier_and_maker() {
    // "the former president": someone called "former President", not the sitting one.
    let text = "President Ida Marsh spoke first. Then former President Leo Grant took the stage. President Marsh left early.\n\n\"I strongly endorse the plan,\" the former president said.";
    assert_eq!(named_and_span(text, &[]).0.as_deref(), Some("Leo Grant"));
    // "The statement continued": the maker of the statement introduced before.
    let text = "On Wednesday, Leo Grant released a statement praising the secretary.\n\nThe statement continued, \"She has been a critical member of my team.\"";
    let (name, span) = named_and_span(text, &[]);
    assert_eq!(name.as_deref(), Some("Leo Grant"));
    assert_eq!(span, "The statement");
    // A person in a list is no document's maker: "the person" stays unnamed.
    let text = "Leo Grant was told, according to an aide and a person close to him.\n\n\"It was a joke,\" the person said.";
    assert_eq!(named_and_span(text, &[]).0, None);
}

#[test]
fn a_pronoun_with_a_joined_verb_is_no_speaker() {
    let text = "It\u{2019}s our duty to stand up and say, \u{201C}Enough!\u{201D} to the weapons.";
    let q = only_quote(text, &[]);
    assert_ne!(q.speaker.as_deref(), Some("It\u{2019}s"));
    let text = "That's why the union kept saying, \"Enough!\" all week.";
    let q = only_quote(text, &[]);
    assert_ne!(q.speaker.as_deref(), Some("That's"));
}

#[test]
fn a_definite_description_after_a_name_does_not_hide_it() {
    // "the billionaire businessman" after "Lane" is Lane: a later "he" still names him.
    let text = "Reporters asked Tom Lane about the tone, and the billionaire businessman responded, \"Yeah, it is going to be like this.\" \"You think I'm going to change?\" he said.";
    let actors = vec![actor(text, "Tom Lane", "Tom Lane", ActorKind::Person)];
    let qs = find(text, &actors);
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].speaker, None);
    assert_eq!(qs[1].speaker.as_deref(), Some("Tom Lane"));
    // With nobody named before it, the description is someone new and unnamed.
    let text = "Ann Reyes ran the auction in May.\n\nThe owner, a teacher who did not want to be named, said \"it seemed awful to waste them\". \"I had no idea they were of any value,\" she said.";
    let actors = vec![actor(text, "Ann Reyes", "Ann Reyes", ActorKind::Person)];
    let qs = find(text, &actors);
    assert_eq!(qs.last().unwrap().speaker, None);
}
