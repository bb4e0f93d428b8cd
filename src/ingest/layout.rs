//! Layout: what each paragraph of one story is, read as an editor reads a page. The
//! metadata first (the headline among the lines above the text, then the standfirst,
//! bylines, date stamps and captions between it and the text), then the body, where
//! furniture is told by its cue, its place (above the headline, after the story's last
//! paragraph on its subject) and its neighbours.

use super::cues::{self, Cue};
use super::page::Paragraph;
use super::shape::{Ending, Opening};
use crate::config::Tuning;

/// What a paragraph of a story is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Headline,
    /// The headline, standfirst or a post title printed again: shown once.
    Repeat,
    Standfirst,
    Byline,
    Date,
    /// A live page's post marker or post title.
    PostHeader,
    Subheading,
    Body,
    Caption,
    Related,
    Furniture,
}

impl Role {
    /// Removed as noise (and reported), not shown nor used as metadata.
    pub fn is_noise(self) -> bool {
        matches!(self, Role::Caption | Role::Related | Role::Furniture)
    }
}

/// Why a paragraph was given its role, for the build report.
pub type Reason = &'static str;

/// One story's paragraphs read.
#[derive(Debug, Clone)]
pub struct Layout {
    pub roles: Vec<(Role, Reason)>,
    pub headline: Option<usize>,
    /// The date the story states (a date line above its text, its dateline, or a live
    /// page's first dated post).
    pub date: Option<String>,
}

/// Reads one story's paragraphs. `live` says the page is a live page; `ends_page` that the
/// story is the page's last (its last line may be text the scrape cut off).
pub fn read(paragraphs: &[Paragraph], live: bool, ends_page: bool, tuning: &Tuning) -> Layout {
    let n = paragraphs.len();
    let mut roles: Vec<Option<(Role, Reason)>> = vec![None; n];
    let text: Vec<usize> = (0..n).filter(|&k| paragraphs[k].is_text()).collect();
    let first_text = text.first().copied().unwrap_or(n);
    // The story's text ends with its last paragraph on its subject: prose after it sharing
    // nothing with the story is a teaser or a promo.
    let last_text = text
        .iter()
        .rev()
        .copied()
        .find(|&k| paragraphs[k].topic > 0.0 || paragraphs[k].cue == Cue::Dateline)
        .or(text.last().copied());
    let text_words: rustc_hash::FxHashSet<u64> = text
        .iter()
        .flat_map(|&k| paragraphs[k].words.iter().copied())
        .collect();

    // The headline: the first line above the text that reads like one.
    let window = body_start(paragraphs, &text);
    let headline = (0..window.min(first_text).min(n)).find(|&k| {
        let p = &paragraphs[k];
        p.cue == Cue::Plain
            && p.repeat_of.is_none()
            && p.shape.headline_like()
            && !(p.shape.opening == Opening::Bullet && in_bullet_list(paragraphs, k))
            // Two short sentences make a headline; two long ones a summary.
            && (p.shape.words <= 20 || crate::text::sentences(&p.text).nth(1).is_none())
            && headline_score(paragraphs, k, &text_words, text.len()) >= tuning.headline_min
    });
    if let Some(h) = headline {
        roles[h] = Some((Role::Headline, "headline"));
    }
    let top = headline.map_or(0, |h| h + 1);

    if live {
        mark_posts(paragraphs, &mut roles, top, window);
    }

    // Above the headline: metadata, pictures or the page's furniture.
    for k in 0..headline.unwrap_or(0) {
        if roles[k].is_some() {
            continue;
        }
        let p = &paragraphs[k];
        roles[k] = Some(match &p.cue {
            Cue::Date(_) | Cue::PostTime { .. } => (Role::Date, "date"),
            Cue::Byline { .. } => (Role::Byline, "byline"),
            _ if k + 1 == headline.unwrap_or(0) && cues::name_shaped(&p.text) => {
                (Role::Byline, "byline")
            }
            c if c.is_caption() => (Role::Caption, "picture credit"),
            _ if p.opens.is_some() || p.repeat_of.is_some() => (Role::Caption, "repeated caption"),
            _ if p.shape.prose() && p.shape.words >= 10 => (Role::Caption, "above the headline"),
            _ => (Role::Furniture, "above the headline"),
        });
    }

    // Between the headline (or the top) and the text: standfirst, bylines, dates, captions.
    let mut standfirst_seen = false;
    for k in top..window.min(n) {
        if roles[k].is_some() {
            continue;
        }
        let p = &paragraphs[k];
        let after_meta = k > 0
            && roles[k - 1].is_some_and(|(r, _)| {
                matches!(
                    r,
                    Role::Headline | Role::Standfirst | Role::Date | Role::Byline
                )
            });
        let next = paragraphs.get(k + 1);
        let role = match &p.cue {
            Cue::Date(_) | Cue::PostTime { .. } => (Role::Date, "date"),
            Cue::Byline { .. } => (Role::Byline, "byline"),
            Cue::Furniture(_) | Cue::Menu => (Role::Furniture, "prompt"),
            c if c.is_caption() => (Role::Caption, "picture credit"),
            c if c.is_related() => (Role::Related, "link to another story"),
            _ if p.repeat_of.is_some() || p.opens.is_some() => (Role::Caption, "repeated caption"),
            _ if headline.is_some() && after_meta && cues::name_shaped(&p.text) => {
                (Role::Byline, "byline")
            }
            _ if headline.is_some() && !standfirst_seen && p.shape.words >= 6 => {
                (Role::Standfirst, "standfirst")
            }
            // A live page's key points and summary, above its posts.
            _ if live && p.shape.words >= 4 => (Role::Body, "text"),
            _ if live
                && p.shape.words <= 3
                && next.is_some_and(|q| q.cue == Cue::Plain && q.shape.words >= 4) =>
            {
                (Role::Subheading, "heading")
            }
            _ if p.shape.words <= 6
                && next.is_some_and(|q| {
                    q.cue == Cue::Plain && (q.shape.prose() || q.shape.opening == Opening::Bullet)
                }) =>
            {
                (Role::Subheading, "heading")
            }
            _ if headline.is_some()
                && p.shape.words >= 6
                && !p.shape.terminal()
                && !cues::opens_like_text(&p.text, &p.shape) =>
            {
                (Role::Caption, "caption under the headline")
            }
            _ if p.shape.words <= 3 => (Role::Furniture, "label"),
            _ => (Role::Body, "text"),
        };
        standfirst_seen |= matches!(role.0, Role::Standfirst | Role::Body);
        roles[k] = Some(role);
    }

    // The tail: from the first furniture after the story's last paragraph to the end.
    // A live page's posts run to its end: its tail is what its own words call furniture.
    let tail = last_text.filter(|_| !live).map_or(n, |last| {
        (last + 1..n)
            .find(|&k| {
                let p = &paragraphs[k];
                roles[k].is_none()
                    && (p.cue.is_furniture()
                        || p.cue.is_related()
                        || (paragraphs[k..].iter().all(|q| {
                            q.cue != Cue::Plain
                                || (q.topic == 0.0 && q.shape.ending != Ending::FullStop)
                        }) && !cut_off_end(paragraphs, &roles, k, ends_page)))
            })
            .unwrap_or(n)
    });
    for k in window.min(n)..n {
        if roles[k].is_some() {
            continue;
        }
        let role = if k >= tail {
            tail_role(paragraphs, &roles, k, ends_page, tuning)
        } else {
            body_role(paragraphs, &roles, k, tail, ends_page, tuning)
        };
        roles[k] = Some(role);
    }

    // A heading over links to other stories takes the teasers under it.
    for k in 0..n {
        if paragraphs[k].cue != Cue::RelatedHeader {
            continue;
        }
        // Teasers' headlines, and the blurbs under them that share nothing with the story.
        let mut headline_seen = false;
        for j in k + 1..n {
            let p = &paragraphs[j];
            let teaser = matches!(
                roles[j],
                Some((
                    Role::Body | Role::Subheading | Role::Caption | Role::Related | Role::Date,
                    _
                ))
            ) && (!p.is_text() || (headline_seen && p.topic == 0.0))
                && p.shape.words <= 40;
            if !teaser {
                break;
            }
            headline_seen |= !p.is_text();
            roles[j] = Some((Role::Related, "under a related-links heading"));
        }
    }

    // A line repeating the headline, the standfirst, a post title or (further on) a
    // paragraph is shown once; a caption printed twice is a caption twice.
    for k in 0..n {
        let repeats = paragraphs[k].repeat_of.or_else(|| {
            // A headline or standfirst printed again, cut shorter.
            paragraphs[k].opens.filter(|&j| {
                roles[j].is_some_and(|(r, _)| matches!(r, Role::Headline | Role::Standfirst))
            })
        });
        let Some(first) = repeats else { continue };
        let shown_once = roles[first].is_some_and(|(r, _)| match r {
            Role::Headline | Role::Repeat | Role::Standfirst | Role::PostHeader => true,
            Role::Body | Role::Subheading => paragraphs[k].shape.prose() || k.abs_diff(first) > 2,
            _ => false,
        });
        if shown_once {
            roles[k] = Some((Role::Repeat, "repeated"));
        }
    }

    let roles: Vec<(Role, Reason)> = roles
        .into_iter()
        .map(|r| r.expect("every paragraph has a role"))
        .collect();
    let date = story_date(paragraphs, &roles, window, live);
    Layout {
        roles,
        headline,
        date,
    }
}

/// Whether a bulleted line stands in a list (a bullet beside it), not alone.
fn in_bullet_list(paragraphs: &[Paragraph], k: usize) -> bool {
    [k.wrapping_sub(1), k + 1].into_iter().any(|j| {
        paragraphs
            .get(j)
            .is_some_and(|q| q.shape.opening == Opening::Bullet)
    })
}

/// Where the story's text begins: the first paragraph of text followed by more text (a
/// standfirst above it stands alone).
fn body_start(paragraphs: &[Paragraph], text: &[usize]) -> usize {
    text.iter()
        .copied()
        .find(|&k| {
            paragraphs
                .get(k + 1)
                .is_some_and(|q| q.is_text() || (q.shape.prose() && q.cue == Cue::Plain))
        })
        .or(text.first().copied())
        .unwrap_or(paragraphs.len())
}

/// How much a line above the text reads like the story's headline: its length (up to eight
/// words), how many of its words the text uses, whether the page prints it again or a
/// byline, date or picture follows it; against it, sharing no word with a long text, capitals
/// throughout, a sentence's full stop.
fn headline_score(
    paragraphs: &[Paragraph],
    k: usize,
    text_words: &rustc_hash::FxHashSet<u64>,
    text_paragraphs: usize,
) -> f64 {
    let p = &paragraphs[k];
    let overlap = if p.words.is_empty() {
        0.0
    } else {
        p.words.iter().filter(|w| text_words.contains(w)).count() as f64 / p.words.len() as f64
    };
    let mut score = 0.25 * p.shape.words.min(8) as f64 + 2.0 * overlap;
    if paragraphs.iter().any(|q| q.repeat_of == Some(k)) {
        score += 1.0;
    }
    if paragraphs.get(k + 1).is_some_and(|q| {
        matches!(
            q.cue,
            Cue::Byline { .. } | Cue::Date(_) | Cue::Credit | Cue::CaptionCredit
        )
    }) {
        score += 0.5;
    }
    // The page's first line, right over its text, is its headline unless it says otherwise.
    let over_text = k == 0 && paragraphs.get(1).is_some_and(Paragraph::is_text);
    if over_text {
        score += 1.0;
    } else if overlap == 0.0 && text_paragraphs >= 3 {
        score -= 1.5;
    }
    if p.shape.all_caps {
        score -= 1.0;
    }
    if p.shape.prose() {
        score -= 1.0;
    }
    if p.shape.ending == Ending::FullStop {
        score -= 1.0;
    }
    score
}

/// A live page's post markers, and the post titles beside them or above the posts' text.
fn mark_posts(
    paragraphs: &[Paragraph],
    roles: &mut [Option<(Role, Reason)>],
    top: usize,
    window: usize,
) {
    let n = paragraphs.len();
    let title_like = |p: &Paragraph| {
        p.cue == Cue::Plain
            && p.shape.headline_like()
            && !p.shape.prose()
            && p.shape.words >= 3
            && p.shape.opening != Opening::Bullet
    };
    for k in top..n {
        if roles[k].is_some() {
            continue;
        }
        let p = &paragraphs[k];
        if matches!(p.cue, Cue::PostTime { .. }) || published_at(&p.text) {
            roles[k] = Some((Role::PostHeader, "post time"));
            // A marker with its title glued on ("... published at 17:23") needs no other;
            // a bare one has its title after it, or (when none follows) before it.
            if !published_at(&p.text) {
                let after = k + 1 < n && roles[k + 1].is_none() && title_like(&paragraphs[k + 1]);
                let title = if after { k + 1 } else { k.wrapping_sub(1) };
                if title < n
                    && title >= top
                    && roles[title].is_none()
                    && title_like(&paragraphs[title])
                {
                    roles[title] = Some((Role::PostHeader, "post title"));
                }
            }
            // The post's author, and their job, under its header.
            let mut j = k + 1;
            while roles.get(j).is_some_and(Option::is_some) {
                j += 1;
            }
            if j < n && cues::name_shaped(&paragraphs[j].text) && paragraphs[j].cue == Cue::Plain {
                roles[j] = Some((Role::Byline, "post author"));
                if paragraphs.get(j + 1).is_some_and(|q| {
                    q.cue == Cue::Plain
                        && !q.shape.terminal()
                        && q.shape.words <= 6
                        && q.text
                            .split_whitespace()
                            .skip(1)
                            .all(|w| w.starts_with(char::is_lowercase))
                }) {
                    roles[j + 1] = Some((Role::Byline, "post author's role"));
                }
            }
        } else if k >= window
            && title_like(p)
            && p.shape.words >= 4
            && !p.shape.terminal()
            && paragraphs[k + 1..]
                .iter()
                .find(|q| q.repeat_of != Some(k))
                .is_some_and(|q| q.shape.prose() || matches!(q.cue, Cue::PostTime { .. }))
        {
            roles[k] = Some((Role::PostHeader, "post title"));
        }
    }
}

/// "... published at 17:23": a post title with its time glued on.
fn published_at(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["published at ", "posted at "].iter().any(|marker| {
        lower
            .find(marker)
            .is_some_and(|at| lower[at + marker.len()..].starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The page's last line, cut off mid-text after a paragraph: the scrape stopped there.
fn cut_off_end(
    paragraphs: &[Paragraph],
    roles: &[Option<(Role, Reason)>],
    k: usize,
    ends_page: bool,
) -> bool {
    let p = &paragraphs[k];
    ends_page
        && k + 1 == paragraphs.len()
        && k > 0
        && !p.shape.terminal()
        && p.cue == Cue::Plain
        && (roles[k - 1].is_some_and(|(r, _)| matches!(r, Role::Body | Role::Subheading))
            || p.shape.words >= 8
            || p.shape.opening == Opening::Quote)
}

/// A paragraph after the story's end.
fn tail_role(
    paragraphs: &[Paragraph],
    roles: &[Option<(Role, Reason)>],
    k: usize,
    ends_page: bool,
    tuning: &Tuning,
) -> (Role, Reason) {
    let p = &paragraphs[k];
    match &p.cue {
        Cue::Date(_) | Cue::PostTime { .. } => (Role::Date, "date"),
        Cue::Byline { .. } => (Role::Byline, "byline"),
        c if c.is_related() => (Role::Related, "link to another story"),
        c if c.is_caption() => (Role::Caption, "picture credit"),
        c if c.is_furniture() => (Role::Furniture, "prompt"),
        _ if cut_off_end(paragraphs, roles, k, ends_page) => (Role::Body, "text cut off"),
        _ if (p.shape.prose() && p.topic >= tuning.tail_topic_min)
            || (!p.shape.prose() && p.shape.ending == Ending::FullStop) =>
        {
            (Role::Body, "text")
        }
        _ if p.shape.words >= 4 => (Role::Related, "after the story"),
        _ => (Role::Furniture, "after the story"),
    }
}

/// A paragraph among the story's text.
fn body_role(
    paragraphs: &[Paragraph],
    roles: &[Option<(Role, Reason)>],
    k: usize,
    tail: usize,
    ends_page: bool,
    tuning: &Tuning,
) -> (Role, Reason) {
    let p = &paragraphs[k];
    let shape = &p.shape;
    match &p.cue {
        c if c.is_furniture() => return (Role::Furniture, "prompt"),
        c if c.is_caption() => return (Role::Caption, "picture credit"),
        c if c.is_related() => return (Role::Related, "link to another story"),
        Cue::Date(_) | Cue::PostTime { .. } => return (Role::Date, "date"),
        Cue::Byline { .. } => return (Role::Byline, "byline"),
        _ => {}
    }
    if let Some(first) = p.repeat_of {
        if k - first <= 2 || !shape.prose() {
            return (Role::Caption, "repeated caption");
        }
    }
    // A caption printed twice: the first copy is a caption too.
    let repeated_next = paragraphs
        .get(k + 1)
        .is_some_and(|q| q.repeat_of == Some(k));
    if (p.opens.is_some() || repeated_next) && !shape.prose() {
        return (Role::Caption, "repeated caption");
    }
    if p.is_text() || shape.prose() {
        return (Role::Body, "text");
    }
    if cut_off_end(paragraphs, roles, k, ends_page) {
        return (Role::Body, "text cut off");
    }
    // A headline ending a story that is not the page's last heads nothing of its own: a
    // teaser for another piece.
    if !ends_page
        && paragraphs[k + 1..].iter().all(|q| q.cue != Cue::Plain)
        && shape.headline_like()
        && !shape.terminal()
    {
        return (Role::Related, "teaser at the end of a story");
    }
    if matches!(shape.ending, Ending::Colon | Ending::Comma)
        || (shape.ending == Ending::Ellipsis && shape.words >= 12)
    {
        return (Role::Body, "text running on");
    }
    if !shape.terminal() {
        if cues::names_a_person(&p.text) {
            return (Role::Caption, "a name under a picture");
        }
        let only_noise_after = paragraphs[k + 1..tail].iter().all(|q| q.cue != Cue::Plain);
        if shape.words >= tuning.caption_min_words
            && only_noise_after
            && roles[k - 1].is_some_and(|(r, _)| r == Role::Body)
        {
            return (Role::Body, "last paragraph");
        }
        if shape.words >= tuning.caption_min_words
            && shape.opening != Opening::Bullet
            && !cues::opens_like_text(&p.text, shape)
            && (shape.words <= tuning.caption_max_words || p.opens.is_some())
        {
            return (Role::Caption, "unfinished sentence between paragraphs");
        }
        // A short label in lower case between paragraphs is an advert's or a widget's (a
        // brand's "iPhone" is no such label).
        let brand = p
            .text
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().skip(1).any(char::is_uppercase));
        if shape.opening == Opening::Lower && shape.words <= 4 && !brand {
            return (Role::Furniture, "label");
        }
        if shape.words <= tuning.subheading_max_words
            && paragraphs.get(k + 1).is_some_and(|q| q.shape.prose())
        {
            return (Role::Subheading, "heading");
        }
    }
    (Role::Body, "text")
}

/// How many paragraphs past the head of a story [`story_date`] looks for a bare date line.
const DATE_LINE_REACH: usize = 2;

/// The date the story states: a date line or dated byline above its text, else the date in
/// its dateline, else (a live page) its first dated post. Never a date from the text or the
/// page's tail.
fn story_date(
    paragraphs: &[Paragraph],
    roles: &[(Role, Reason)],
    window: usize,
    live: bool,
) -> Option<String> {
    let stated = |p: &Paragraph| match &p.cue {
        Cue::Date(d) => d.date.clone(),
        Cue::Byline { date } | Cue::PostTime { date } => date.clone(),
        _ => None,
    };
    let head = paragraphs
        .iter()
        .zip(roles)
        .take(window + 1)
        .filter(|(_, (r, _))| matches!(r, Role::Date | Role::Byline))
        .find_map(|(p, _)| stated(p));
    // A line that is a date and nothing else, just past a line or two of text (a masthead's
    // "catch up on the day" before a newsletter's date), dates the story too: no paragraph
    // of an article's text is a bare date.
    let near_head = || {
        paragraphs
            .iter()
            .zip(roles)
            .take(window + 1 + DATE_LINE_REACH)
            .find_map(|(p, (r, _))| match (&p.cue, r) {
                (Cue::Date(d), Role::Date) => d.date.clone(),
                _ => None,
            })
    };
    head.or_else(near_head)
        .or_else(|| {
            let first_body = paragraphs
                .iter()
                .zip(roles)
                .find(|(_, (r, _))| *r == Role::Body)?
                .0;
            if first_body.cue != Cue::Dateline {
                return None;
            }
            let opening: String = first_body.text.chars().take(80).collect();
            super::dates::find_date(&opening)
        })
        .or_else(|| {
            live.then(|| {
                paragraphs
                    .iter()
                    .zip(roles)
                    .filter(|(_, (r, _))| matches!(r, Role::PostHeader | Role::Date | Role::Byline))
                    .find_map(|(p, _)| stated(p))
            })
            .flatten()
        })
}
