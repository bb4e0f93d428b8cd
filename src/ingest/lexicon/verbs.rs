//! Verbs a person or body is the subject of: of acting, and of speech.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::set_of;

/// Verbs of speech and of acting that a person or a body is the subject of.
const ACTOR_VERBS: &str =
    "said says told tells added adds warned warns insisted insists argued argues \
    explained posted wrote writes stated declared claimed claims asked replied continued noted \
    acknowledged admitted urged urges stressed conceded announced announces suggested confirmed \
    confirms revealed denied denies described described criticised criticized condemned \
    welcomed welcomes praised accused called calls vowed promised pledged responded added \
    agreed disagreed tweeted commented explained recalled joked laughed shouted cried whispered \
    hit_out insisted maintained emphasised emphasized reiterated predicted estimated reported \
    revealed disclosed alleged testified thinks believes believed hopes hoped wants wanted \
    unveiled launched decided refused rejected signed met visited spoke speaking saying";

/// Whether a lower-cased word is a verb a person or body is the subject of.
pub fn is_actor_verb(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, ACTOR_VERBS).contains(word)
}

/// Verbs of speech, as attribution uses them ("said", "told", "warned", "stating").
const SPEECH_VERBS: &str =
    "said says say saying told tells telling added adds adding warned warns warning insisted insists \
    insisting argued argues arguing explained explains explaining posted posts wrote writes \
    writing stated states stating declared declares declaring claimed claims claiming asked asks \
    asking replied replies replying continued continues noted notes noting acknowledged admitted \
    admits urged urges urging stressed stresses stressing conceded concedes announced announces \
    announcing suggested suggests suggesting confirmed confirms confirming revealed reveals \
    described describes describing called calls calling vowed vows vowing promised promises \
    promising pledged pledges responded responds responding tweeted tweets commented comments \
    recalled recalls joked jokes reiterated reiterates predicted predicts remarked remarks \
    observed observes cautioned cautions countered counters hit testified \
    condemned condemns criticised criticises criticized criticizes accused accuses welcomed \
    welcomes praised praises insisted maintained maintains emphasised emphasises emphasized \
    reckoned reckons shared shares wrote announced answered answers \
    quipped quips boasted boasts complained complains lamented laments pointed demanded demands \
    blasted slammed hailed branded labelled labeled dubbed referred refers defended defends ruled";

/// Whether a lower-cased word is a verb of speech.
pub fn is_speech_verb(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, SPEECH_VERBS).contains(word)
}
