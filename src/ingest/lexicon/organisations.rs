//! Organisations: the nouns reporters use for bodies and what they publish, the words that
//! end or open a body's name, institutions, a nation's bodies, company suffixes and the
//! acronyms that name no body.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::set_of;

/// Nouns a reporter uses for a body ("the company said", "the regulator warned").
const ORG_NOUNS: &str =
    "company firm group regulator watchdog department ministry government council agency \
    authority body organisation organization charity union party club team side bank platform app \
    site website service network broadcaster newspaper paper outlet publisher court commission \
    committee board alliance bloc coalition force police army navy military coastguard office \
    operator retailer supermarket airline developer maker manufacturer giant startup start-up lab \
    laboratory university school trust foundation institute association federation festival band \
    parliament assembly senate congress administration ministry department consortium business \
    chain brand label studio insurer lender carrier provider supplier contractor campaign \
    movement network organisers organizers prosecutors prosecution tribunal panel inquiry";

/// Whether a lower-cased noun names a body.
pub fn is_org_noun(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, ORG_NOUNS).contains(word)
}

/// Nouns for what a body publishes, which speak for it ("the report said").
pub fn is_document_noun(word: &str) -> bool {
    matches!(
        word,
        "report"
            | "study"
            | "statement"
            | "survey"
            | "review"
            | "analysis"
            | "letter"
            | "filing"
            | "document"
            | "notice"
            | "minute"
            | "post"
            | "audit"
            | "research"
            | "paper"
    )
}

/// Words that end organisations' names ("Agency", "Council", "Party", "Bank").
const ORG_WORDS: &str =
    "agency council commission ministry department office party group ltd llc inc plc \
    union institute parliament bank fund police service services committee court alliance \
    association authority board foundation organisation organization university corporation \
    company trust network federation army navy club society centre center assembly senate \
    congress cabinet tribunal charity coalition watchdog forum times news post guardian telegraph \
    herald journal press media studies force forces command programme project systems industries \
    airlines airways entertainment exchange commons lords executive lab laboratory laboratories \
    academy college school trust partners capital holdings ventures technologies labs \
    motors pharmaceuticals energy telecom communications brothers bros corp co pty gmbh ag sa nv \
    records studios pictures games group's democrats republicans socialists greens conservatives \
    liberals party's unit bureau directorate secretariat observatory inspectorate collective \
    campaign movement initiative network coastguard guard police' constabulary prefecture registry \
    council's agency's electronics international institution institutions";

/// Whether a lower-cased word ends organisations' names.
pub fn is_org_word(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, ORG_WORDS).contains(word)
}

/// Words that open an organisation's name before "of" or "for" ("Ministry of Defence",
/// "Office for National Statistics", "Bank of England").
const ORG_HEADS: &str =
    "ministry department office bank university house court council board church \
    armed forces federation union society association academy college school institute centre \
    center centers centres commission committee chamber league party order friends foundation \
    agency authority bureau directorate organisation organization secretariat coalition alliance \
    confederation congress parliament assembly states kingdom republic museum library";

/// Whether a lower-cased word opens an organisation's name before "of"/"for".
pub fn is_org_head(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, ORG_HEADS).contains(word)
}

/// Institutions named by one capitalised word ("Parliament", "Congress", "the Council").
pub fn is_institution(word: &str) -> bool {
    matches!(
        word,
        "parliament"
            | "congress"
            | "senate"
            | "assembly"
            | "council"
            | "commission"
            | "cabinet"
            | "treasury"
            | "bundestag"
            | "knesset"
            | "duma"
            | "dáil"
            | "dail"
            | "seanad"
            | "oireachtas"
            | "storting"
            | "riksdag"
            | "sejm"
            | "folketing"
            | "eduskunta"
            | "politburo"
            | "judiciary"
            | "commons"
            | "lords"
    )
}

/// Lower-case nouns of a country's bodies that a nationality turns into a name ("the
/// French coastguard", "the UK navy"); the bare government is no body the briefing lists.
pub fn is_national_body(word: &str) -> bool {
    matches!(
        word,
        "coastguard"
            | "navy"
            | "army"
            | "police"
            | "ministry"
            | "parliament"
            | "prefecture"
            | "senate"
            | "judiciary"
            | "gendarmerie"
            | "coast"
            | "border"
            | "air"
            | "armed"
            | "embassy"
            | "consulate"
            | "regulator"
            | "watchdog"
            | "treasury"
    )
}

/// Acronyms and all-capital words that name no organisation: units, measures, documents,
/// media, honours, time zones and the like.
const NOT_ORG_ACRONYMS: &str = "UK US USA GB EU? GDP GNP CPI RPI CEO CFO COO CTO MP MPs MEP MEPs MSP TD TDs PM \
    TV AI VPN VPNs GMT BST UTC CET EST PST EDT LLC AM OK II III IV VI VII VIII IX XI XII DC ID IDs PC \
    CCTV PR QC KC UAE URL URLs FAQ LGBT LGBTQ COVID HIV AIDS DNA RNA JD DJ TBC VAT SMS MMS PDF FTSE \
    NASDAQ S&P IPO ETF ESG MMR MRI GP GPs A&E ICU PPE HR IT IQ PhD MBA BSc MA BA OBE MBE CBE KBE \
    NSFW CSAM SSN ASAP RIP FYI LOL OMG CV PIN ATM SUV EV EVs HGV LGV AWOL POW POWs IED IEDs ICBM \
    SAM GPS USB HD UHD 4K 5G 4G 3G LED LCD OLED CPU GPU RAM ROM SSD API APIs SDK VR AR XR NFT \
    NFTs ISP ISPs WiFi VIP VIPs BBQ DIY FC AFC CF UFC WWE MVP NHS? OBR? ONS? CEOs ET AD BC BCE CE \
    AKA TBA TBD NB PS PPS RSVP ETA USSR UNC NSW ACT QLD WA NT SA TAS VIC NI SW SE NE NW";

/// Whether an all-capital word names no organisation.
pub fn is_not_org_acronym(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        NOT_ORG_ACRONYMS
            .split_whitespace()
            .filter(|w| !w.ends_with('?'))
            .map(str::to_string)
            .collect()
    });
    set.contains(word)
}

/// Company suffixes ("Inc", "Ltd", "plc"): a run ending with one is a company.
pub fn is_company_suffix(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "inc"
            | "ltd"
            | "llc"
            | "plc"
            | "corp"
            | "co"
            | "pty"
            | "gmbh"
            | "ag"
            | "sa"
            | "nv"
            | "bv"
            | "llp"
            | "lp"
            | "limited"
            | "incorporated"
            | "holdings"
            | "group"
    )
}
