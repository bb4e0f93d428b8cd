//! Word lists that tell people, organisations and places apart in news text: honorifics and
//! offices, the nouns reporters use for people ("the striker") and bodies ("the regulator"),
//! words that end organisations' names, places, well-known organisations and acronyms that
//! name none. General knowledge of English news writing, not any one text's names.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

mod common;
mod known_orgs;
mod organisations;
mod people;
mod places;
mod verbs;

pub use common::{is_abstract_noun, is_generic_capital};
pub use known_orgs::known_org;
pub use organisations::{
    is_company_suffix, is_document_noun, is_institution, is_national_body, is_not_org_acronym,
    is_org_head, is_org_noun, is_org_word,
};
pub use people::{
    honorific, is_head_title, is_kin_noun, is_person_noun, is_title_modifier, MORE_GIVEN_NAMES,
};
pub use places::{is_demonym, is_event_word, is_place, is_place_opener, is_place_word};
pub use verbs::{is_actor_verb, is_speech_verb};

/// A set of the space-separated words (or `_`-joined phrases, read with spaces) of `list`.
fn set_of(cell: &'static OnceLock<FxHashSet<String>>, list: &str) -> &'static FxHashSet<String> {
    cell.get_or_init(|| {
        list.split_whitespace()
            .map(|w| w.replace('_', " "))
            .collect()
    })
}
