//! Line cues: what a line says about itself, read from its own words. The vocabulary is the
//! web's, not any one site's: controls and menus, calls to action (subscribe, share, sign
//! up, donate), adverts, paywall and cookie notices, picture credits, links to other
//! stories, bylines, date stamps and a live page's post times. The page reader
//! (`page.rs`, `layout.rs`) weighs these cues with the line's place and neighbours.

use std::sync::OnceLock;

use anyhow::{Context, Result};
use regex::{Regex, RegexSet};

use super::dates::{self, DateLine};
use super::names;
use super::shape::{Opening, Shape};
use crate::config::IngestConfig;
use crate::text;

/// What a line says about itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    /// Nothing: text, a heading or a caption, as its place will tell.
    Plain,
    /// Page furniture on its own words, with the reason (a control, a prompt, an advert).
    Furniture(String),
    /// One of three or more very short lines in a row: a menu.
    Menu,
    /// A picture credit and nothing else ("PA", "Pic: AP", "PHOTOGRAPHER/AGENCY").
    Credit,
    /// A caption naming its picture's source ("... (Photo: Getty)").
    CaptionCredit,
    /// A link to another story ("Read more: ...").
    RelatedLink,
    /// A heading over links to other stories ("Related articles", "More from ...").
    RelatedHeader,
    /// A line saying when the piece was published.
    Date(DateLine),
    /// The authors' names ("By Jo Bloggs", "Jo Bloggs and Sam Smith"), maybe with a date.
    Byline { date: Option<String> },
    /// A live page's post marker: a clock time, an age, "published at 12:15".
    PostTime { date: Option<String> },
    /// Text opening with a place or agency dateline ("LONDON (Reuters) -").
    Dateline,
    /// A paragraph standing alone between two stories and sharing nothing with either: a
    /// teaser for a third (set by segmentation, not read off the line).
    Teaser,
}

impl Cue {
    /// Furniture of any kind (its own words or a menu).
    pub fn is_furniture(&self) -> bool {
        matches!(self, Cue::Furniture(_) | Cue::Menu)
    }

    /// A picture's caption or credit.
    pub fn is_caption(&self) -> bool {
        matches!(self, Cue::Credit | Cue::CaptionCredit)
    }

    pub fn is_related(&self) -> bool {
        matches!(self, Cue::RelatedLink | Cue::RelatedHeader | Cue::Teaser)
    }
}

/// A line that is nothing but a control, a label or a prompt.
const FURNITURE_LINE: &str = r"(?ix)^\W*(?:
    skip\ to(?:\ main)?\ (?:content|navigation|search)|skip\ to:?|jump\ to|back\ to\ top|top\ of\ page|menu|main\ menu|search|site\ search(?:\ submit)?|close|open|home|
    sign\ (?:in|out|up)|log\ ?(?:in|out)|login|register|subscribe(?:\ now)?|join\ now|contact(?:\ us|\ form)?|find\ us|about\ us|
    dark\ mode|light\ mode|reading\ view|text\ size|select\ edition|edition|open\ in\ app|get\ the\ app|download\ the\ app|
    (?:advertisement|advertisment|advertising|advert|ad|ads)(?:\s*[·|•:\-]\s*(?:scroll|continue)[a-z\ ]{0,30})?|sponsored(?:\ content)?|promoted|paid\ content|partner\ content|hide\ ad|article\ ad\ box|\[ad_?[0-9]*\]|
    story\ continues\ below(?:\ advertisement)?|article\ continues\ below|continue\ reading(?:…|\.\.\.)?|read\ more|read\ full\ article|see\ full\ page|view\ all|show\ more|load\ more|more|
    share|share\ this(?:\ article|\ story|\ page)?|share\ (?:on|via)\ \w+|share\ and\ follow|tweet|copy\ link|link\ copied|email|print|save|saved|bookmark|comments?|reply|
    facebook|twitter|x|whatsapp|linkedin|instagram|telegram|reddit|pinterest|youtube|tiktok|threads|bluesky|flipboard|messenger|sms|
    like|dislike|love|funny|angry|sad|wow|haha|
    live|live\ updates?|latest|key\ events|key\ posts|latest\ posts|show\ key\ events\ only|sort\ by:?|latest\ ?sort\ by\ latest.*|oldest|newest|view\ post|[0-9]+\ (?:posts|articles|comments)|
    event\ ended|this\ (?:live\ )?(?:blog|page)\ (?:has\ )?(?:ended|closed).*|refresh|reload(?:\ page)?|
    tags?:?|topics?:?|related(?:\ topics)?:?|categories:?|filed\ under:?|
    previous(?:\ post|\ article)?|next(?:\ post|\ article)?|previous\ post\ next\ post|
    post\ a\ comment|leave\ a\ (?:reply|comment)|add\ a\ comment|view\ comments|show\ comments|
    source\ link|original\ source|listen|listen\ now|play|pause|mute|watch|watch\ now|watch\ live|
    image|images|video|videos|photo|photos|gallery|more\ images|more\ photos|more\ videos|
    -\s*ends?|ends|[0-9]+|[0-9]{1,3}\s?(?:min|mins|minutes?)(?:\ read)?|
    (?:ad\ )?loading(?:…|\.\.\.)?|full\ (?:article|story)|most\ (?:read|popular|viewed|shared)|trending(?:\ now)?|
    [^\s.!?]+(?:\ [^\s.!?]+){0,2}\ logo
    )\W*$";

/// A video or audio player's duration or position ("1:03", "0:49", "/5:46"): minutes of one
/// digit, unlike a live post's clock time ("16:45").
const DURATION: &str = r"^\s*/?\s*[0-9]:[0-5][0-9](?::[0-5][0-9])?\s*$";

/// Prompts and notices: any of these in a short line makes it furniture.
const FURNITURE_PHRASE: &str = r"(?ix)(
    ^\W*sign\ up\b|\bsign\ up\ (?:to|for)\ (?:our|free)\b|\bsubscribe\ (?:to|now|for|today)\b|\bin\ your\ inbox\b|\bto\ your\ inbox\b|
    \bfree\ trial\b|\bunlimited\ access\b|\bpremium\b.*\b(?:titles|access|members?)\b|\balready\ (?:a|an)\ \w+\ (?:member|subscriber)\b|\bmembers?[-\ ]only\b|
    \bto\ continue\ reading\b|\bcontinue\ reading\b|\bread\ the\ full\ (?:article|story)\b|\blooking\ to\ read\b|
    \bpayment\ details\b|\bmy\ account\b|
    ^\W*(?:watch|listen)\b|\b(?:youtube|podcast)\ (?:channel|show|episode)|
    \bsupport\ (?:us|our|independent|quality)\b|\byour\ support\b|\bmake\ a\ contribution\b|\bbuy\ me\ a\ coffee\b|
    \bclick\ (?:here|the\ link|to)\b|\bclicking\ here\b|\btap\ here\b|
    \bfollow\ us\b|\bfollow\ @|\bjoin\ (?:us|the\ conversation)\b|\bhave\ your\ say\b|\bcomment\ on\ this\b|\bleave\ a\ comment\b|
    \bemail\ address\ will\ not\ be\ published\b|\brequired\ fields\b|
    \bcookies?\b.*\b(?:use|accept|policy|settings|consent|preferences|experience)\b|\b(?:accept|use|reject|manage)\b.*\bcookies?\b|
    \b(?:enable|turn\ on)\ javascript\b|\bjavascript\ (?:is\ )?(?:disabled|required|off)\b|\bbrowser\b.*\b(?:support|upgrade|update|switch|use|experience|preferences)\b|\b(?:support|upgrade|update)\b.*\bbrowser\b|
    \bvideo\ player\b|\bmedia\ playback\b|\bhtml5\b|
    \bnotifications?\b.*\b(?:browser|enable|allow|manage|stay\ up\ to\ date)\b|\bstay\ up\ to\ date\ with\b|
    \bmin(?:ute)?s?\ read\b|\bread\ time\b|\breading\ time\b|\blisten\ to\ this\ (?:article|story)\b|\bloading\ audio\b|\bvoiced\ by\b|\bpress\ play\b|\baudio\ (?:player|version)\b|
    \b(?:is|are)\ (?:currently\ |temporarily\ )?unavailable\b|\btry\ again\ later\b|\bsomething\ went\ wrong\b|\bnew\ articles\ available\b|\brefresh\ (?:the\ )?page\b|
    \bwhy\ you\ can\ trust\b|\btrust\ project\b|
    \ball\ rights\ reserved\b|^\W*(?:©|\(c\)\ |copyright\b)|
    \bauto-?generated\b|\bauto-?aggregated\b|\bsyndicated\ feed\b|\bnot\ been\ edited\ by\b|^\W*disclaimer\b|^republished\ from\b|^originally\ published\b|
    \bthis\ story\ is\ from\ the\b.*\bedition\b|
    \bdownload\ (?:the|our)\b.*\bapp\b|\bopen\ in\ app\b|\bget\ (?:all\ )?(?:your|the)\ news\b|\bstart\ reading\b|
    \blive\ (?:blog|coverage)\ (?:has|is)\ (?:ended|closed)\b|\bthis\ is\ a\ live\ (?:blog|page)\b|\bfollow\ (?:along\ )?below\b|
    ^\W*unlock\b|\byou(?:'ve|’ve|\ have)\ consented\b|\bthere\ are\ no\ (?:recent\ )?results\b|
    ^\W*the\ (?:full\ |complete\ )?(?:article|story|page)\ is\ no\ longer\ available\b|\bplease\ visit\ the\ original\b|
    style=\x22|font-family:|^\s*</?(?:div|span|p|a|img|iframe|script)\b|
    https?://|\bwww\.\w
    )";

/// Words of the site's offers: furniture in a line that is no sentence of a story (a story
/// may well mention a subscription or a donation).
const FURNITURE_WORD: &str =
    r"(?i)\b(?:subscribe|subscription|subscriber|newsletters?|donate|donation|premium)\b";

/// A sentence in which the site speaks to its reader: an imperative opening ("Sign up to
/// our newsletter", "Join us for ...", "Want to comment on this story?") about the site's own
/// offers.
const PROMPT_SENTENCE: &str = r"(?ix)^\W*(?:
    sign\ up|subscribe|join|get|start|download|follow|click|tap|listen|watch|read|support|donate|help\ us|register|log\ in|
    want\ to|already\ (?:a|an)|don'?t\ miss|never\ miss|stay\ (?:up\ to\ date|informed)|find\ out\ more|see\ more|discover
    )\b[^.!?]*\b(?:newsletter|inbox|email|app|trial|subscri\w*|member\w*|account|channel|show|podcast|episodes?|comment\w*|story|stories|news|offer|access|support|here|us|our)\b";

/// The site speaking to its reader about their account, subscription or device.
const SECOND_PERSON_SITE: &str = r"(?ix)\b(?:you|your)\b[^.!?]*\b(?:account|subscription|subscribe\w*|payment|newsletter|inbox|advertising|
    app|browser|notifications?|membership|member|trial|log\ in|sign\ in|sign\ up|cookies?|settings|preferences)\b";

/// Boilerplate that no paragraph of a story holds.
const NOTICE: &str = r"(?i)\b(?:(?:we|this site|this website) uses? cookies|enable javascript|all rights reserved|auto-?generated|syndicated feed|email address will not be published)\b";

/// A picture credit or caption marker.
const CREDIT: &str = r"(?x)(
    (?i:\b(?:photo(?:graph)?s?|pictures?|pic|images?|credit|illustration|video|footage)\s*(?:by\b|:|credit|source))|
    (?i:image\ source\s*,|image\ caption\s*,|media\ caption\s*,|\bimage\ source\b|\bimage\ caption\b|\bmedia\ caption\b|\bvideo\ caption\b|\bcaption\s*[:,])|
    (?i:\bgetty\b|\bshutterstock\b|\balamy\b|\bistock(?:photo)?\b|\bnurphoto\b|\bsipa\b|\bpool\ via\b|\bvia\ reuters\b|\bvia\ ap\b|\bap\ photo\b|\bpa\ wire\b|\bpa\ media\b|\bpa\ images\b|\bimagn\b|\bfile\ photo\b)|
    \((?:[A-Z][\w.&-]*\s?){1,5}(?:/[\w\ .&-]+)+\)$|
    \((?:PA|AP|AFP|EPA|Reuters|Getty|Bloomberg|[A-Z]{2,6}(?:/[A-Z]{2,6})?)\)\s*$|
    [./]\s*(?:PA|AP|AFP|EPA|Reuters|Getty)\s*$|
    ^TOPSHOT\b|^FILE\ [-–—]|©\ Provided\ by
    )";

/// Fewest words of a paragraph whose closing "(AGENCY)" is the wire's sign-off on its
/// report, not a picture credit: captions are a sentence or two.
const SIGN_OFF_MIN_WORDS: usize = 30;

/// Whether `line` is running text signed off by its agency ("... reports the Tribune.
/// (ANI)"): long prose whose only credit is a bracketed agency at its very end.
fn signed_off(line: &str, shape: &Shape) -> bool {
    static AGENCY_AT_END: OnceLock<Regex> = OnceLock::new();
    let agency_at_end =
        AGENCY_AT_END.get_or_init(|| text::builtin_regex(r"[.!?]\s*\([A-Z][A-Za-z]{1,9}\)\s*$"));
    shape.words >= SIGN_OFF_MIN_WORDS && agency_at_end.is_match(line)
}

/// A credit and nothing else: "Pic: AP", "Photo: Jane Doe".
const CREDIT_ONLY: &str =
    r"(?i)^\W*(?:pic(?:ture)?|photo(?:graph)?|image|credit)s?\s*(?:by)?\s*[:\-]?\s*([\w .&/'-]*)$";
/// Longest credit [`CREDIT_ONLY`] reads after its label, in characters (checked after the
/// match: as a bounded repeat of `\w` the pattern took 16 ms to build).
const CREDIT_CHARS: usize = 50;

/// Words that open a link to another story or a list of them.
const RELATED_MARKER: &str = r"(?ix)^\W*(?:
    read\ more|read\ next|read\ also|also\ read|see\ also|see\ more|related|more\ on|more\ from|more\ stories|recommended|
    you\ may\ also\ like|you\ might\ also\ like|most\ (?:read|popular|viewed|shared)|trending|top\ stories|latest\ news|other\ news|
    today'?s\ other\ news|todays\ other\ news|further\ reading|don'?t\ miss|editor'?s\ picks?|what\ to\ read\ next|in\ other\ news|
    more\ news|explore\ more|keep\ reading|popular\ now|must\ read|watch\ next|up\ next
    )\b|^\W*more\ \w+\s*:";

/// A live page's post marker.
const POST_TIME: &str = r"(?ix)^\W*(?:
    [0-9]{1,2}\s?[:.]\s?[0-9]{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:bst|gmt|cet|cest|et|edt|est|utc|pt)?(?:\s*[,|\-–]\s*[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3})?
  | [0-9]{1,2}\s?(?:am|pm)
  | [0-9]{1,3}\s?(?:h|hr|hrs|hours?|m|min|mins|minutes?)\s+ago
    )\W*$|published\ at\ [0-9]{1,2}[:.][0-9]{2}";

/// An agency or place dateline opening a story: "LONDON (Reuters) -", "WASHINGTON —",
/// "SALT LAKE CITY (AP) —", "(AP) -".
const DATELINE: &str = r"^(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})(?:,\s*[\w.]+(?:\s[\w.]+){0,3})?,?\s*(?:\([A-Za-z0-9À-ÿ ,./&'-]{1,40}\))?\s*(?:--|[—–-])\s*\S|^\((?:AP|Reuters|AFP|PA|UPI|[A-Z][A-Za-z ]{1,20})\)\s*(?:--|[—–-])";

/// A byline's opening words.
const BYLINE: &str = r"(?i)^\W*(?:by|written by|words by|reporting by|author:?|photographs by|live reporting (?:from|by)|compiled by|edited by)\s*(.+)$";

/// Longest sentence, in words, that a furniture word makes furniture outright (a line that
/// is not a sentence may have up to 40); a longer one is running text.
const FURNITURE_WORD_WORDS: usize = 12;

/// The cue patterns, built once per run (with the site's own furniture rules from
/// config.toml).
pub struct Cues {
    furniture_line: Regex,
    furniture_phrase: Regex,
    furniture_word: Regex,
    prompt_sentence: Regex,
    second_person_site: Regex,
    notice: Regex,
    credit: Regex,
    credit_only: Regex,
    duration: Regex,
    related: Regex,
    post_time: Regex,
    dateline: Regex,
    byline: Regex,
    /// `[[ingest.furniture]]` rules: (name, pattern) matched against the whole line.
    site_rules: Vec<String>,
    site_rule_set: RegexSet,
}

fn built(pattern: &str) -> Regex {
    text::builtin_regex(pattern)
}

impl Cues {
    /// Builds the patterns; a bad `[[ingest.furniture]]` pattern is an error naming the rule.
    pub fn new(config: &IngestConfig) -> Result<Cues> {
        let mut site_rules = Vec::new();
        let mut patterns = Vec::new();
        for extra in &config.furniture {
            Regex::new(&extra.pattern).with_context(|| {
                format!(
                    "config.toml: [[ingest.furniture]] rule `{}` has an invalid pattern; fix the regular expression",
                    extra.rule
                )
            })?;
            site_rules.push(extra.rule.clone());
            patterns.push(extra.pattern.clone());
        }
        Ok(Cues {
            furniture_line: built(FURNITURE_LINE),
            furniture_phrase: built(FURNITURE_PHRASE),
            furniture_word: built(FURNITURE_WORD),
            prompt_sentence: built(PROMPT_SENTENCE),
            second_person_site: built(SECOND_PERSON_SITE),
            notice: built(NOTICE),
            credit: built(CREDIT),
            credit_only: built(CREDIT_ONLY),
            duration: built(DURATION),
            related: built(RELATED_MARKER),
            post_time: built(POST_TIME),
            dateline: built(DATELINE),
            byline: built(BYLINE),
            site_rules,
            // Each pattern compiles on its own, so only their size together can fail here.
            site_rule_set: RegexSet::new(&patterns).context(
                "config.toml: the [[ingest.furniture]] patterns together are too large to match at once; shorten or merge them",
            )?,
        })
    }

    /// What `line` says about itself. `shown` receives the text to show when the line is a
    /// paragraph carrying furniture at its end (a prompt sentence, a caption after " | ").
    pub fn read(&self, line: &str, shape: &Shape, shown: &mut Option<String>) -> Cue {
        let words = shape.words;
        if let Some(i) = self.site_rule_set.matches(line).iter().next() {
            return Cue::Furniture(self.site_rules[i].clone());
        }
        if words >= 8 && self.dateline.is_match(line) {
            return Cue::Dateline;
        }
        if words <= 2 && self.duration.is_match(line) {
            return Cue::Furniture("player".to_string());
        }
        if words <= 8
            && (self.furniture_line.is_match(line) || !line.contains(char::is_alphanumeric))
        {
            return Cue::Furniture("control".to_string());
        }
        if self.credit_only(line, shape) {
            return Cue::Credit;
        }
        if let Some(m) = self.related.find(line) {
            let rest = line[m.end()..].trim_matches(|c: char| " :-–—|>»[]".contains(c));
            if !shape.terminal() || words <= 25 {
                return if text::word_count_up_to(rest, 3) >= 3 {
                    Cue::RelatedLink
                } else {
                    Cue::RelatedHeader
                };
            }
        }
        if words <= 30 && self.post_time.is_match(line) {
            return Cue::PostTime {
                date: dates::find_date(line),
            };
        }
        // A byline may carry a call to action ("By X via Y - Click here for ..."): read first.
        if self.byline_authors(line, shape).is_some() {
            return Cue::Byline {
                date: dates::find_date(line),
            };
        }
        if words <= 40 && self.furniture_phrase.is_match(line) {
            return Cue::Furniture("prompt".to_string());
        }
        if (words <= FURNITURE_WORD_WORDS || (!shape.prose() && words <= 40))
            && self.furniture_word.is_match(line)
        {
            return Cue::Furniture("prompt".to_string());
        }
        if shape.prose() {
            if self.notice.is_match(line) {
                return Cue::Furniture("notice".to_string());
            }
            if let Some(cut) = self.prompt_cut(line) {
                if cut == 0 {
                    return Cue::Furniture("prompt".to_string());
                }
                *shown = Some(line[..cut].trim_end().to_string());
            }
        }
        if let Some(date_line) = dates::date_line(line) {
            if line.trim_start().starts_with(['•', '·']) {
                // A bulleted date is a menu's "today" widget, not the story's date.
                return Cue::Menu;
            }
            return Cue::Date(date_line);
        }
        if self.credit.is_match(line) {
            // A caption glued to a paragraph after " | ": the paragraph stays, less it.
            if let Some(at) = line.find(" | ") {
                if Shape::of(&line[..at]).prose() {
                    *shown = Some(line[..at].trim_end().to_string());
                    return Cue::Plain;
                }
            }
            if !shape.prose() || (self.credit_at_end(line) && !signed_off(line, shape)) {
                return Cue::CaptionCredit;
            }
        }
        Cue::Plain
    }

    /// Whether a credit marker stands in the last sentence of the line.
    fn credit_at_end(&self, line: &str) -> bool {
        self.credit
            .find_iter(line)
            .last()
            .is_some_and(|m| !line[m.end()..].contains(['.', '!', '?']))
    }

    /// Where the prompt sentences a paragraph ends with begin ("... Sign up to our
    /// newsletter."), if it ends with any; 0 when it is nothing else.
    fn prompt_cut(&self, paragraph: &str) -> Option<usize> {
        let starts: Vec<usize> = text::sentences(paragraph)
            .map(|s| s.as_ptr() as usize - paragraph.as_ptr() as usize)
            .collect();
        let mut cut = None;
        for &start in starts.iter().rev() {
            let sentence = &paragraph[start..];
            let sentence = text::sentences(sentence).next().unwrap_or(sentence);
            if self.prompt_sentence.is_match(sentence) || self.second_person_site.is_match(sentence)
            {
                cut = Some(start);
            } else {
                break;
            }
        }
        cut
    }

    fn credit_only(&self, line: &str, shape: &Shape) -> bool {
        if shape.words == 0 || shape.terminal() {
            return false;
        }
        if shape.words <= 8
            && self.credit_only.is_match(line)
            && self
                .credit_only
                .captures(line)
                .is_some_and(|c| c[1].chars().count() <= CREDIT_CHARS)
        {
            return true;
        }
        let trimmed = line.trim_matches(|c: char| !c.is_alphanumeric());
        if shape.words <= 2
            && [
                "PA",
                "AP",
                "AFP",
                "EPA",
                "Reuters",
                "Getty",
                "Getty Images",
                "Alamy",
                "Shutterstock",
                "Bloomberg",
            ]
            .contains(&trimmed)
        {
            return true;
        }
        // A photographer and agencies in capitals, slashed: "JANE DOE/AGENCY/ALAMY".
        shape.all_caps
            && line.contains('/')
            && shape.words <= 10
            && line.chars().filter(|c| c.is_alphabetic()).count() >= 8
    }

    /// The authors a byline names (may be none when it names an agency or a role only).
    pub fn byline_authors(&self, line: &str, shape: &Shape) -> Option<Vec<String>> {
        byline_authors(&self.byline, line, shape)
    }

    /// A byline's authors and the agency it names ("By Jo Bloggs, Reuters", "SOURCE: AP,
    /// AFP", "Associated Press").
    pub fn byline(&self, line: &str) -> (Vec<String>, Option<String>) {
        static STAMP: OnceLock<Regex> = OnceLock::new();
        let stamp = STAMP.get_or_init(|| built(r"(?i)\s*\b(?:published|updated|posted)\b.*$"));
        // An aggregator's credit line is read whole: its date is one of its fields.
        let credited = credit_with_date(line);
        let line = dates::unglued(line);
        let line = stamp.replace(&line, "");
        // A date glued on is no part of a name.
        let line =
            match dates::find_date(&line).and_then(|_| line.find(|c: char| c.is_ascii_digit())) {
                Some(at) => line[..at]
                    .trim_end_matches(|c: char| !c.is_alphabetic())
                    .to_string(),
                None => line.into_owned(),
            };
        let shape = Shape::of(&line);
        let authors: Vec<String> = credited
            .or_else(|| self.byline_authors(&line, &shape))
            .unwrap_or_default()
            .into_iter()
            .map(|a| {
                // "Sara Mills August": a month left over from a glued date.
                let words: Vec<&str> = a.split_whitespace().collect();
                match words.split_last() {
                    Some((last, rest))
                        if !rest.is_empty()
                            && dates::find_date(&format!("{last} 1, 2000")).is_some() =>
                    {
                        rest.join(" ")
                    }
                    _ => a,
                }
            })
            .collect();
        let agency = line
            .split([',', '(', ')', '|', ':', ';', '–'])
            .map(|part| part.trim().trim_start_matches("via ").trim())
            .find_map(names::agency)
            .map(str::to_string);
        (authors, agency)
    }
}

/// Words of a job title in a byline ("Political editor", "Health | Reporter").
const ROLE_WORDS: &[&str] = &[
    "editor",
    "correspondent",
    "reporter",
    "writer",
    "columnist",
    "producer",
    "analyst",
    "journalist",
    "contributor",
    "staff",
    "team",
    "desk",
    "bureau",
];

fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains(&word.to_lowercase().as_str())
}

fn byline_authors(byline: &Regex, line: &str, shape: &Shape) -> Option<Vec<String>> {
    let line = line.trim();
    if shape.words == 0 || shape.words > 30 {
        return None;
    }
    if let Some(c) = byline.captures(line).filter(|_| shape.words <= 20) {
        let rest = c.get(1)?.as_str();
        // "ByJessica Lane": the name may be glued on; "By the end of" is no byline.
        let long_ok = shape.words <= 14 || line.to_lowercase().starts_with("live reporting");
        if long_ok && rest.starts_with(|c: char| c.is_uppercase()) {
            return Some(
                split_names(rest)
                    .into_iter()
                    .filter(|p| names::is_name_like(p) && !p.split_whitespace().any(is_role_word))
                    .collect(),
            );
        }
    }
    let lower = line.to_lowercase();
    // A wire story's sign-off and credits: "Reporting by ...; Editing by ...", "... contributed
    // to this report."
    if super::wire::is_sign_off(line) || lower.contains("contributed to this report") {
        return Some(Vec::new());
    }
    if lower.starts_with("(reporting by")
        || lower.starts_with("(additional reporting")
        || lower.starts_with("(writing by")
        || lower.starts_with("(editing by")
    {
        return Some(Vec::new());
    }
    if lower.starts_with("source:") && shape.words <= 6 {
        return Some(Vec::new());
    }
    // Wire desk initials and agencies: "ab/cd (dpa, Reuters)".
    static INITIALS: OnceLock<Regex> = OnceLock::new();
    let initials = INITIALS.get_or_init(|| built(r"^[a-z]{1,4}/[a-z]{1,4}\s*\([\w ,]+\)$"));
    if initials.is_match(line) {
        return Some(Vec::new());
    }
    if let Some(authors) = credit_with_date(line) {
        return Some(authors);
    }
    if shape.terminal() || shape.words > 8 {
        return None;
    }
    // An agency's name alone stands where a byline does ("Associated Press").
    if names::agency(line.trim_matches(|c: char| !c.is_alphanumeric())).is_some() {
        return Some(Vec::new());
    }
    let parts = split_names(line);
    let (first, rest) = parts.split_first()?;
    if is_named_person(first)
        && rest.iter().all(|p| {
            is_named_person(p)
                || p.split_whitespace().any(is_role_word)
                || p.starts_with("in ")
                || p.starts_with("from ")
        })
    {
        return Some(
            std::iter::once(first.clone())
                .chain(rest.iter().filter(|p| is_named_person(p)).cloned())
                .collect(),
        );
    }
    // "Anna Holt in Geneva".
    if let Some((name, _)) = line.split_once(" in ") {
        if is_named_person(name) && text::word_count(name) <= 4 {
            return Some(vec![name.to_string()]);
        }
    }
    // "Health | Reporter": a desk and a role, no name.
    let role_only = shape.words <= 4
        && line.split_whitespace().any(is_role_word)
        && line
            .split(|c: char| c.is_whitespace() || c == '|')
            .filter(|w| !w.is_empty())
            .all(|w| w.starts_with(char::is_uppercase) || is_role_word(w));
    role_only.then(Vec::new)
}

/// An aggregator's credit line, its fields set apart by bars: who wrote it first, a date
/// among the fields ("Jo Bloggs, The Outlet | Section | August 1, 2024"). The writers it
/// names; `None` when the line is not one.
fn credit_with_date(line: &str) -> Option<Vec<String>> {
    let fields: Vec<&str> = line.split(" | ").map(str::trim).collect();
    if fields.len() < 2 || !fields[1..].iter().any(|f| dates::date_line(f).is_some()) {
        return None;
    }
    let credits = split_names(fields[0]);
    let first = credits.first()?;
    if !is_named_person(first) && !first.split_whitespace().any(is_role_word) {
        return None;
    }
    Some(credits.into_iter().filter(|c| is_named_person(c)).collect())
}

/// The names in a byline's list: split at commas, "and", "&", "|" and spaced dashes.
fn split_names(list: &str) -> Vec<String> {
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    let split = SPLIT.get_or_init(|| built(r"\s*(?:,|\||&|\band\b|\s-\s|\s–\s)\s*"));
    split
        .split(list)
        .map(|p| p.trim().trim_end_matches('.').to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A person's name: two to four capitalised words, the first a known given name.
fn is_named_person(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !words.iter().any(|w| text::is_stopword(&w.to_lowercase()))
        && !words
            .iter()
            .any(|w| w.contains(|c: char| c.is_ascii_digit()))
        && names::is_given_name(words[0].trim_end_matches('.'))
}

/// Two or three capitalised words and nothing else: a name, which stands as a byline right
/// under a headline and as a caption under a picture.
pub fn name_shaped(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-' || c == '.')
        })
        && !words.iter().any(|w| text::is_stopword(&w.to_lowercase()))
}

/// A person's name alone (a caption under a portrait, a byline).
pub fn names_a_person(text: &str) -> bool {
    is_named_person(text.trim())
}

/// Whether a line opens as running text does: with a connective, a pronoun or a quotation.
pub fn opens_like_text(line: &str, shape: &Shape) -> bool {
    // Besides the words that continue the text above (segment's list), a subordinate clause
    // or a question opens running text too.
    const CLAUSE_OPENERS: &[&str] = &[
        "whilst", "after", "before", "when", "as", "if", "because", "since", "without", "despite",
        "how", "why", "what", "where", "who",
    ];
    shape.opening == Opening::Quote
        || text::words(line).next().is_some_and(|w| {
            super::segment::CONTINUATION_WORDS.contains(&w.as_ref())
                || CLAUSE_OPENERS.contains(&w.as_ref())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(line: &str) -> Cue {
        let cues = Cues::new(&IngestConfig::default()).unwrap();
        cues.read(line, &Shape::of(line), &mut None)
    }

    #[test]
    fn controls_prompts_and_notices_are_furniture() {
        for line in [
            "Skip to main content",
            "Advertisement",
            "Share this article",
            "Sign up to our free newsletter",
            "Please use Chrome browser for a more accessible video player",
            "Sorry, the weather widget is currently unavailable",
            "Estimated read time: 6 minutes",
            "Your email address will never be published. Required fields are starred",
            "Want to comment on this article? Join the conversation below.",
            "Loading…",
            "Harbour Gazette Logo",
            "Most shared",
            "Unlock our weekly digest for free",
            "The story is no longer available.",
            "This is a live page. Follow along below.",
            "Sorry, there are no results for most shared stories.",
        ] {
            assert!(cue(line).is_furniture(), "{line}: {:?}", cue(line));
        }
    }

    #[test]
    fn a_wire_reports_closing_agency_is_its_sign_off_not_a_picture_credit() {
        let report = "The ministry said on Tuesday that the new patrol vessels would be handed over to the navy in stages over the coming two years, once sea trials off the northern coast are finished, reports the Harbour Gazette. (XNA)";
        assert_eq!(cue(report), Cue::Plain);
        let caption = "Sailors line the deck of a new patrol vessel during sea trials off the northern coast. (XNA)";
        assert_eq!(cue(caption), Cue::CaptionCredit);
    }

    #[test]
    fn story_text_that_mentions_the_same_words_is_not() {
        for line in [
            "The ferry service is no longer available to foot passengers, the operator said on Monday.",
            "She said she had never consented to the search of her phone.",
            "The streaming service, which lost a third of its subscription income last year, said prices would rise in March.",
            "- asking for proof of age before anyone can sign up to a forum",
            "Police said the cookies were laced with cannabis.",
        ] {
            assert!(!cue(line).is_furniture(), "{line}: {:?}", cue(line));
        }
    }

    #[test]
    fn credits_bylines_dates_and_links() {
        assert_eq!(cue("Pic: AP"), Cue::Credit);
        assert_eq!(
            cue("Farmers gather outside the council offices. Picture: Alamy"),
            Cue::CaptionCredit
        );
        assert!(matches!(cue("By Jenny Marlowe"), Cue::Byline { .. }));
        assert!(matches!(cue("ByJessica Lane"), Cue::Byline { .. }));
        assert!(matches!(cue("By the end of the"), Cue::Plain));
        assert!(matches!(
            cue("Nick Harlow5 March 2024"),
            Cue::Byline { date: Some(_) } | Cue::Date(_)
        ));
        assert_eq!(
            cue("Read more: Army recruitment falls again"),
            Cue::RelatedLink
        );
        assert_eq!(cue("Related articles"), Cue::RelatedHeader);
        assert!(matches!(cue("11.42am BST"), Cue::PostTime { .. }));
        assert!(matches!(cue("4 May 2023, 10:12"), Cue::Date(_)));
        assert_eq!(
            cue("LONDON (Reuters) - Britain's defence ministry said on Tuesday it would buy drones."),
            Cue::Dateline
        );
    }

    #[test]
    fn byline_names_and_roles() {
        let cues = Cues::new(&IngestConfig::default()).unwrap();
        let (authors, agency) = cues.byline("By Jo Bloggs and Sam Smith, political editor");
        assert_eq!(authors, vec!["Jo Bloggs", "Sam Smith"]);
        assert_eq!(agency, None);
        let (authors, _) = cues.byline("By Tom Harcourt, Technology Editor");
        assert_eq!(authors, vec!["Tom Harcourt"]);
        let (authors, agency) = cues.byline("Author: Maria Collins, PAPublished 5th Oct 2024");
        assert_eq!(authors, vec!["Maria Collins"]);
        assert_eq!(agency.as_deref(), Some("PA Media"));
        let (authors, agency) = cues.byline("SOURCE: AP, Reuters");
        assert!(authors.is_empty());
        assert_eq!(agency.as_deref(), Some("Associated Press"));
        // An aggregator's credit line: writers, outlet, section and date set apart by bars.
        let credit = "Helen Carter and Tom Reid, The Coastal Post | Quays | March 4, 2024";
        assert!(matches!(cue(credit), Cue::Byline { date: Some(d) } if d == "2024-03-04"));
        assert_eq!(cues.byline(credit).0, vec!["Helen Carter", "Tom Reid"]);
        // Bars and a date, but no writer first: a headline with its section and day.
        assert_eq!(
            cue("Harbour Towns Ban Cars | Quays | March 4, 2024"),
            Cue::Plain
        );
    }

    #[test]
    fn a_prompt_ending_a_paragraph_is_cut_from_what_is_shown() {
        let line = "Officials say the talks will resume next week in Geneva. Listen to the latest episode of our podcast here.";
        let mut shown = None;
        let cues = Cues::new(&IngestConfig::default()).unwrap();
        assert_eq!(cues.read(line, &Shape::of(line), &mut shown), Cue::Plain);
        assert_eq!(
            shown.as_deref(),
            Some("Officials say the talks will resume next week in Geneva.")
        );
    }
}
