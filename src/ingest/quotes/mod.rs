//! Quotations and who said them, read as a reporter reads attribution: the speaker named
//! after the quote ("..., Holloway said", "said Holloway, the minister"), before it in the
//! same sentence ("Holloway said:", "X told the BBC that", "In a statement, X said",
//! "according to X", "X condemned the plan, stating"), in a lead-in paragraph ending with a
//! colon, or, for a paragraph that is all quote, the speaker of the quote or report just
//! before. Pronouns and role nouns ("he", "the minister", "the company", "a spokeswoman for
//! X") are read as the last person or body of that kind; a quote split by "he said" is one
//! quote, and one that runs over several paragraphs is one quote.

use super::entities::{Entities, Kind};
use super::lexicon as lex;
use crate::story::Quote;
use crate::text;

mod attribution;
mod resolve;
mod spans;
mod words;

use attribution::{Attributor, Speaker};
use spans::{breaks_sentence, join_spans, spans, speech_tag, Span};
use words::{bare, first_sentence, last_sentence_start, words_of};

/// Quotations with their speakers (see the module's documentation). Quotes of fewer than
/// four words are scare quotes or titles, not speech.
pub fn quotes(paragraphs: &[String], entities: &Entities) -> Vec<Quote> {
    let spans: Vec<Vec<Span>> = paragraphs.iter().map(|p| spans(p)).collect();
    let mut offsets = Vec::with_capacity(paragraphs.len());
    let mut quoted = Vec::new();
    let mut offset = 0;
    for (p, paragraph) in paragraphs.iter().enumerate() {
        offsets.push(offset);
        for s in &spans[p] {
            quoted.push((offset + s.start, offset + s.end));
        }
        offset += paragraph.len() + 1;
    }
    let reader = Attributor {
        entities,
        quoted,
        text: paragraphs.join("\n"),
    };
    let mut out = QuoteList::default();
    // An unclosed quote going on into the next paragraph: its words and speaker.
    let mut open: Option<(String, Option<Speaker>)> = None;
    // The speaker of the last quote, and its paragraph.
    let mut recent: Option<(Speaker, usize)> = None;
    // The speaker the last paragraph reported (a quote's, or "X said ..." without one).
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let base = offsets[p];
        let recent_here = recent
            .as_ref()
            .filter(|(_, at)| p <= at + 1)
            .map(|(s, _)| s.clone());
        let list = &spans[p];
        // Groups of spans one quote: split only by speech tags.
        let mut groups: Vec<(usize, usize, Option<&str>)> = Vec::new();
        for (k, s) in list.iter().enumerate() {
            if let Some(last) = groups.last_mut() {
                let prev = &list[last.1];
                if prev.closed {
                    let between = &paragraph[prev.after..s.mark.max(prev.after)];
                    if let Some(tag) = speech_tag(between) {
                        last.1 = k;
                        last.2.get_or_insert(tag);
                        continue;
                    }
                }
            }
            groups.push((k, k, None));
        }
        let mut paragraph_speaker: Option<Speaker> = None;
        // The quotes read in this paragraph, by sentence.
        let mut read: Vec<ReadQuote> = Vec::new();
        let mut sentence = 0;
        for (g, &(first, last, tag)) in groups.iter().enumerate() {
            let words = join_spans(paragraph, &list[first..=last]);
            let at = base + list[first].start;
            let at_start = paragraph[..list[first].mark].trim().is_empty();
            // A quote going on from the paragraph before.
            if g == 0 && at_start {
                if let Some((mut text, speaker)) = open.take() {
                    text.push(' ');
                    text.push_str(&words);
                    let speaker = speaker.or_else(|| {
                        let tail = &paragraph[list[last].after..];
                        reader.speaker_after(tail, at, recent_here.as_ref())
                    });
                    if list[last].closed {
                        if let Some(s) = &speaker {
                            paragraph_speaker = Some(s.clone());
                        }
                        out.push(text, speaker);
                    } else {
                        open = Some((text, speaker));
                    }
                    continue;
                }
            }
            if let Some((text, speaker)) = open.take() {
                out.push(text, speaker);
            }
            if g > 0 && breaks_sentence(paragraph, &list[groups[g - 1].1], &list[first]) {
                sentence += 1;
            }
            let tail_end = list.get(last + 1).map_or(paragraph.len(), |n| n.start);
            let tail = &paragraph[list[last].after.min(tail_end)..tail_end];
            let head_start = if g > 0 {
                list[groups[g - 1].1].after
            } else {
                0
            };
            let head = &paragraph[head_start.min(list[first].mark)..list[first].mark];
            let head = head.trim_end();
            let recent_now = paragraph_speaker.clone().or(recent_here.clone());
            // "X said that “...,” he said": the pronoun is the person named before.
            let named_before = pronoun_tag(tag.unwrap_or(tail))
                .then(|| reader.speaker_before(head, at, recent_now.as_ref()))
                .flatten()
                .filter(|s| s.kind == Some(Kind::Person));
            let mut speaker = named_before
                .or_else(|| tag.and_then(|t| reader.speaker_after(t, at, recent_now.as_ref())))
                .or_else(|| reader.speaker_after(tail, at, recent_now.as_ref()))
                .or_else(|| reader.speaker_before(head, at, recent_now.as_ref()));
            // A sentence has one speaker: a later quote in it is by the earlier one's.
            if speaker.is_none() {
                speaker = read
                    .iter()
                    .rev()
                    .take_while(|r| r.sentence == sentence)
                    .find_map(|r| r.speaker.clone());
            }
            if speaker.is_none() && head.trim().is_empty() && g == 0 {
                // A paragraph opening with a quote: a lead-in paragraph ending with a colon,
                // or the speaker the paragraph before reported.
                if let Some(prev) = p.checked_sub(1).map(|q| paragraphs[q].trim()) {
                    let lead = prev.trim_end_matches(['”', '"']).trim_end();
                    if lead.ends_with(':') {
                        speaker = reader.speaker_before(
                            lead.trim_end_matches(':'),
                            at,
                            recent_here.as_ref(),
                        );
                    }
                    if speaker.is_none() {
                        speaker = recent_here
                            .clone()
                            .or_else(|| reader.speaker_before(prev, base.saturating_sub(1), None));
                    }
                }
            }
            let short = text::word_count(&words) < 4;
            read.push(ReadQuote {
                sentence,
                speaker: speaker.clone(),
                index: None,
            });
            if short {
                continue;
            }
            if let Some(s) = &speaker {
                paragraph_speaker = Some(s.clone());
            }
            let next_opens = paragraphs
                .get(p + 1)
                .is_some_and(|n| n.trim_start().starts_with(['“', '"', '‘', '\'']));
            if list[last].closed || !next_opens {
                let index = out.push(words, speaker);
                if let Some(r) = read.last_mut() {
                    r.index = index;
                }
            } else {
                open = Some((words, speaker));
            }
        }
        // "“A” and “B”, he says": an earlier quote of a sentence is by the later one's speaker.
        for k in (0..read.len()).rev() {
            if read[k].speaker.is_none() {
                let later = read[k + 1..]
                    .iter()
                    .take_while(|r| r.sentence == read[k].sentence)
                    .find_map(|r| r.speaker.clone());
                if let Some(later) = later {
                    if let Some(i) = read[k].index {
                        out.quotes[i].speaker = Some(later.name.clone());
                    }
                    read[k].speaker = Some(later);
                }
            }
        }
        // A paragraph reporting speech without quoting it ("X said he ...") sets who the
        // next all-quote paragraph is by.
        if paragraph_speaker.is_none() && !paragraph.trim_start().starts_with(['“', '"']) {
            let sentence_start = last_sentence_start(paragraph);
            let verb = words_of(&paragraph[sentence_start..])
                .into_iter()
                .rfind(|(_, w)| lex::is_speech_verb(&bare(w)));
            // Read up to the verb, where "the company" is: not a body named after it.
            if let Some((verb_at, verb)) = verb {
                let end = sentence_start + verb_at + verb.len();
                paragraph_speaker = reader
                    .speaker_before(&paragraph[..end], base + end + 1, None)
                    .filter(|s| s.kind.is_some());
            }
        }
        match paragraph_speaker {
            Some(s) => recent = Some((s, p)),
            None if !paragraph.trim_start().starts_with(['“', '"']) => recent = None,
            None => {}
        }
    }
    if let Some((text, speaker)) = open {
        out.push(text, speaker);
    }
    out.quotes
}

/// Whether the words after a quote are a speech tag with a pronoun ("he said", "said she").
fn pronoun_tag(tail: &str) -> bool {
    let words = words_of(first_sentence(tail.trim_start_matches([',', ' ', '.'])));
    words.len() <= 3
        && words.iter().any(|(_, w)| matches!(&*bare(w), "he" | "she"))
        && words.iter().any(|(_, w)| lex::is_speech_verb(&bare(w)))
}

/// A quote of the paragraph being read: its sentence, speaker and place in the list.
struct ReadQuote {
    sentence: usize,
    speaker: Option<Speaker>,
    index: Option<usize>,
}

/// Quotes found so far, each text once.
#[derive(Default)]
struct QuoteList {
    quotes: Vec<Quote>,
    seen: rustc_hash::FxHashSet<String>,
}

impl QuoteList {
    /// Adds a quote of four words or more not seen before; its index in the list.
    fn push(&mut self, text: String, speaker: Option<Speaker>) -> Option<usize> {
        let text = text.trim().trim_end_matches([',', ' ']).to_string();
        if text::word_count(&text) >= 4 && self.seen.insert(text.clone()) {
            self.quotes.push(Quote {
                text,
                speaker: speaker.map(|s| s.name),
            });
            return Some(self.quotes.len() - 1);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::words::is_object_at;
    use super::*;

    fn read(text: &[&str]) -> Vec<Quote> {
        let p: Vec<String> = text.iter().map(|s| s.to_string()).collect();
        let e = Entities::find(&p, None);
        quotes(&p, &e)
    }

    fn speakers(q: &[Quote]) -> Vec<Option<&str>> {
        q.iter().map(|q| q.speaker.as_deref()).collect()
    }

    #[test]
    fn the_speaker_after_the_quote_in_either_order() {
        let q = read(&[
            "Prime Minister Jane Holloway visited the port.",
            "“We will not back down on this,” Holloway said.",
            "“The plan starts in May and it will work,” said Tom Brennan, the home secretary.",
            "“Nobody should doubt us on that point,” said the home secretary, Tom Brennan.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Jane Holloway"),
                Some("Tom Brennan"),
                Some("Tom Brennan")
            ]
        );
    }

    #[test]
    fn the_speaker_before_the_quote_in_its_sentence() {
        let q = read(&[
            "Priya Vance, Director of Enforcement at the watchdog, said: “We will act on every complaint we get.”",
            "In a statement, Priya Vance said the rules were “clear and already in force today”.",
            "Home Secretary Tom Brennan condemned the gangs, stating: “They trade in human misery for profit.”",
            "According to Tom Brennan, “the crossings will fall by the summer months”.",
            "Tom Brennan told the Daily Courier that it was “a matter of weeks, not months”.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Priya Vance"),
                Some("Priya Vance"),
                Some("Tom Brennan"),
                Some("Tom Brennan"),
                Some("Tom Brennan")
            ]
        );
    }

    #[test]
    fn a_quote_split_by_a_speech_tag_is_one_quote() {
        let q = read(&["“We are ready for this,” she said. “Nobody should doubt that at all.”"]);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].text,
            "We are ready for this. Nobody should doubt that at all."
        );
    }

    #[test]
    fn pronouns_and_roles_point_to_the_last_named_of_their_kind() {
        let q = read(&[
            "Foreign Minister Anna Lindqvist met the chief executive of Brindle Foods, Mark Oduya.",
            "“We have agreed a plan for the whole region,” the foreign minister said.",
            "The company said: “Our factories will stay open through the winter.”",
            "Mark Oduya spoke afterwards. He said: “This is a good day for our workers.”",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Anna Lindqvist"),
                Some("Brindle Foods"),
                Some("Mark Oduya")
            ]
        );
    }

    #[test]
    fn a_spokesperson_speaks_for_their_body() {
        let q = read(&[
            "Brindle Foods cut prices again on Monday.",
            "“We are proud of our record on prices,” a spokeswoman for Brindle Foods said.",
            "“Prices will stay low into the new year,” a company spokesman added.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![Some("Brindle Foods"), Some("Brindle Foods")]
        );
    }

    #[test]
    fn a_quote_over_several_paragraphs_and_a_lead_in_with_a_colon() {
        let q = read(&[
            "Tom Brennan added of the plan:",
            "“We will start in May.",
            "“And we will not stop until it works.”",
            "“It will take the rest of the year,” he said later.",
        ]);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(
            q[0].text,
            "We will start in May. And we will not stop until it works."
        );
        assert_eq!(speakers(&q), vec![Some("Tom Brennan"), Some("Tom Brennan")]);
    }

    #[test]
    fn a_sentence_has_one_speaker() {
        let q = read(&[
            "Tom Brennan said the scheme was “a waste of public money”, having seen costs “rise every single year since”.",
            "She wants to keep “the old rules for small firms” and give the savings to “the people who need help most”, Priya Vance says.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Tom Brennan"),
                Some("Tom Brennan"),
                Some("Priya Vance"),
                Some("Priya Vance")
            ],
            "{q:?}"
        );
    }

    #[test]
    fn a_pronoun_subject_before_helpers_and_a_speech_participle_after_by() {
        let q = read(&[
            "Priya Vance opened the debate.",
            "She also confirmed that firms must meet a “strict new target for all complaints”.",
            "Tom Brennan hit back by saying the plan was “a recipe for chaos on the roads”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Priya Vance"), Some("Tom Brennan")]);
    }

    #[test]
    fn a_pronoun_in_its_sentence_is_the_sentence_subject() {
        let q = read(&[
            "Home Secretary Tom Brennan will take no advice from Priya Vance, he warned.",
            "In a long speech, the home secretary attacked what he called “a party of empty promises”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Tom Brennan")], "{q:?}");
    }

    #[test]
    fn a_written_out_name_and_an_it_after_its_subject() {
        let q = read(&[
            "Tom Brennan and Priya Vance met on Monday.",
            "She will “stand by the workers of this town”, said the party’s deputy leader, Priya Vance.",
            "Priya Vance said that “nobody will be left behind in the new plan,” she said.",
            "“The rules are clear and they will stay,” wrote Tom Brennan in a post on the Brindle Foods website.",
            "However, a Brindle Foods spokeswoman said it had what it called “a short technical fault last night”.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Priya Vance"),
                Some("Priya Vance"),
                Some("Tom Brennan"),
                Some("Brindle Foods")
            ],
            "{q:?}"
        );
    }

    #[test]
    fn a_second_verb_and_an_unknown_verb_after_the_subject() {
        let q = read(&[
            "Brindle Foods says its shops are open, and insisted it “will keep every store trading”.",
            "Tom Brennan hits back by saying the firm is “living in a world of its own”.",
            "Priya Vance referred to the plan as “a blueprint for a fairer town”.",
            "His plan, he says, is “the best we could have hoped for”.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![
                Some("Brindle Foods"),
                Some("Tom Brennan"),
                Some("Priya Vance"),
                Some("Priya Vance")
            ],
            "{q:?}"
        );
    }

    #[test]
    fn it_is_the_last_body_that_was_a_subject() {
        let q = read(&[
            "Harlow Bank said it had a fault in its tills.",
            "A bank spokeswoman told the Daily Courier that it was working with Northgate Council on the matter.",
            "“The fault is fixed and every shop is open again,” it said.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Harlow Bank")], "{q:?}");
        let q = read(&[
            "Harlow Bank said it had a fault in its tills.",
            "A bank spokeswoman told the BBC it had what it called “a short fault in the tills”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Harlow Bank")], "{q:?}");
        assert!(is_object_at("she told the Daily Courier", 13));
        assert!(!is_object_at("Then the Daily Courier", 9));
    }

    #[test]
    fn a_claim_by_someone_is_theirs() {
        let q = read(&[
            "Priya Vance spoke on Monday.",
            "The figure repeats a claim by Tom Brennan that the town has “the best schools in the north”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Tom Brennan")], "{q:?}");
    }

    #[test]
    fn a_fragment_is_never_a_speaker() {
        let q = read(&[
            "Here in the capital today he was greeted by crowds who chanted “we want change now please”.",
        ]);
        assert!(q
            .iter()
            .all(|q| q.speaker.as_deref() != Some("Here in the capital today he")));
    }

    #[test]
    fn a_role_is_read_at_its_verb_and_never_as_the_one_spoken_to() {
        let q = read(&[
            "Dmitri Volkov told Sky host Sam Okafor that the talks had failed.",
            "“We have no plans to move our troops,” the Polish leader added.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Dmitri Volkov")], "{q:?}");
        let q = read(&[
            "Priya Vance left the cabinet in May.",
            "The former minister said of Tom Brennan that he was “the best leader the party has had”.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Priya Vance")], "{q:?}");
    }

    #[test]
    fn a_role_two_people_hold_is_the_plain_holder_or_nobody() {
        let q = read(&[
            "Prime Minister Tom Brennan met Polish Prime Minister Ivo Markov in Leeds.",
            "“We agreed to build the new bridge together,” the prime minister said.",
        ]);
        assert_eq!(speakers(&q), vec![Some("Tom Brennan")], "{q:?}");
        let q = read(&[
            "Dutch Prime Minister Jan Visser met Polish Prime Minister Ivo Markov in Leeds.",
            "“We agreed to build the new bridge together,” the prime minister said.",
        ]);
        assert_eq!(speakers(&q), vec![None], "{q:?}");
    }

    #[test]
    fn a_relative_is_not_the_person_last_named() {
        let q = read(&[
            "Sam Hale died in the crash in May.",
            "“He was the kindest boy you could ever meet,” his mother said.",
        ]);
        assert_eq!(speakers(&q), vec![None], "{q:?}");
    }

    #[test]
    fn a_body_noun_is_the_body_it_names_and_not_one_spoken_to() {
        let q = read(&[
            "Harlow Bank is in talks with Northgate Council about its branches.",
            "A company spokeswoman said: “The branches will stay open for now.”",
        ]);
        assert_eq!(speakers(&q), vec![Some("Harlow Bank")], "{q:?}");
        let q = read(&[
            "The French coastguard sent a boat after the Belgian navy raised the alarm.",
            "“Nine people were taken to hospital,” the coastguard said.",
        ]);
        assert_eq!(speakers(&q), vec![Some("French coastguard")], "{q:?}");
    }

    #[test]
    fn what_follows_a_sentence_ended_after_a_quote_is_no_tag() {
        let q = read(&[
            "Tom Brennan spoke first and Priya Vance after him.",
            "A judge ruled that the firm had acted “without any regard for its own staff”. She said the fine would be paid.",
        ]);
        assert_eq!(speakers(&q), vec![Some("A judge")], "{q:?}");
        let q = read(&[
            "A judge ruled that the firm had acted “without any regard for its own staff”. She said some of it was “cruel and plainly unlawful”.",
        ]);
        assert_eq!(q.len(), 2, "{q:?}");
    }

    #[test]
    fn a_country_speaks_as_a_body() {
        let q = read(&[
            "Portugal, a close ally of the bloc, welcomed the deal as “a fair result for every member”.",
            "“We hope the talks go on in the same spirit,” it said.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![Some("Portugal"), Some("Portugal")],
            "{q:?}"
        );
    }

    #[test]
    fn a_pronoun_in_a_paragraph_opening_on_someone_new_is_them() {
        let q = read(&[
            "Ann Lowe, a nurse, came at dawn. “I wanted to be the first one here today,” she said.",
            "Tamsin from Leeds, who runs a cafe, came later. “I could not miss a day like this,” she said.",
            "Tom Brennan met Ann Lowe. “We agreed on the plan for the port,” said Ann Lowe. “It starts in the month of May,” she added.",
        ]);
        assert_eq!(
            speakers(&q),
            vec![Some("Ann Lowe"), Some("Tamsin"), Some("Ann Lowe")],
            "{q:?}"
        );
    }
}
