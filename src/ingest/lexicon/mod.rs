//! Word lists that tell people, organisations and places apart in news text: honorifics and
//! offices, the nouns reporters use for people ("the striker") and bodies ("the regulator"),
//! words that end organisations' names, places, well-known organisations and acronyms that
//! name none. General knowledge of English news writing, not any one text's names.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// A set of the space-separated words (or `_`-joined phrases, read with spaces) of `list`.
fn set_of(cell: &'static OnceLock<FxHashSet<String>>, list: &str) -> &'static FxHashSet<String> {
    cell.get_or_init(|| {
        list.split_whitespace()
            .map(|w| w.replace('_', " "))
            .collect()
    })
}

/// Honorifics and offices that stand before a name and make it a person's ("Sir", "Mr",
/// "President", "Secretary", "General"). Lower case, without a full stop.
const HEAD_TITLES: &str = "sir dame lord lady baroness baron viscount earl duke duchess mr mrs ms miss mx \
    dr doctor prof professor president minister secretary general chancellor king queen prince princess \
    pope senator sen rep representative congressman congresswoman governor gov mayor judge justice \
    commissioner ambassador admiral colonel col captain capt lieutenant lt sergeant sgt commander marshal \
    speaker leader chair chairman chairwoman chairperson director inspector insp constable pc detective det \
    superintendent supt archbishop bishop cardinal rabbi imam rev reverend father mp mep msp td cllr \
    councillor officer ceo cfo coo cto founder co-founder spokesman spokeswoman spokesperson editor \
    correspondent envoy sheikh emir crown gen maj major brig brigadier cpl corporal private pte \
    chief premier taoiseach tánaiste coach manager boss striker midfielder defender goalkeeper \
    winger forward captain presenter host";

/// Whether a lower-cased word is an honorific or office standing before a name.
pub fn is_head_title(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, HEAD_TITLES).contains(word.trim_end_matches('.'))
}

/// Honorifics after which a single word is a surname ("Mr Sunak") or, for `sir`/`dame`, a
/// given name ("Sir Keir").
pub fn honorific(word: &str) -> Option<bool> {
    match word.trim_end_matches('.') {
        "mr" | "mrs" | "ms" | "miss" | "mx" | "dr" | "prof" | "professor" => Some(false),
        "sir" | "dame" => Some(true),
        _ => None,
    }
}

/// Capitalised words that qualify an office ("Prime", "Home", "Deputy", "Shadow"), kept in
/// a title before its head.
const TITLE_MODIFIERS: &str =
    "prime deputy shadow vice acting interim first second foreign home defence defense \
    health education justice culture business trade transport environment energy treasury finance \
    economy interior security digital science technology culture media sport work pensions housing \
    communities local levelling veterans policing immigration borders border crime safeguarding \
    international development northern ireland scotland scottish wales welsh europe european \
    attorney solicitor state general executive managing operating financial technical senior \
    junior chief principal press communications public affairs policy head assistant associate \
    lord high supreme police fire armed forces cabinet office opposition party labour conservative \
    democratic republican majority minority whip house senate commons parliamentary permanent \
    under undersecretary district circuit appeal appeals federal national regional county city \
    metropolitan royal naval air army marine marines coast guard special former ex outgoing \
    incoming new esafety information data privacy competition consumer enforcement operations \
    strategy research content safety online football club team";

/// Whether a lower-cased capitalised word qualifies an office in a title.
pub fn is_title_modifier(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, TITLE_MODIFIERS).contains(word)
}

/// Nouns a reporter uses for a person: before a name ("manager Scott Parker"), after "the"
/// for someone named before ("the striker said"), in an appositive ("X, the chief executive").
const PERSON_NOUNS: &str = "minister secretary president chancellor leader premier spokesman spokeswoman \
    spokesperson official officer chief executive director chairman chairwoman chair founder \
    co-founder manager coach boss captain striker midfielder defender goalkeeper keeper winger \
    forward player substitute star singer rapper actor actress presenter host judge dancer \
    professor lawyer barrister solicitor prosecutor attorney mother father son daughter wife husband \
    brother sister mum dad grandmother grandfather widow friend colleague partner girlfriend \
    boyfriend fiancé fiancée teacher doctor nurse coroner inspector detective constable \
    superintendent commissioner ambassador envoy general admiral commander colonel lieutenant \
    sergeant mayor governor senator congressman congresswoman lawmaker mp mep msp td councillor peer \
    analyst economist researcher scientist expert adviser advisor campaigner activist organiser \
    organizer owner editor reporter journalist correspondent author writer artist musician \
    comedian candidate holder champion seed veteran victim survivor witness resident pensioner \
    student pupil teenager boy girl man woman defendant suspect prisoner consultant epidemiologist \
    surgeon physician head deputy counterpart predecessor successor spaniard briton frenchman \
    frenchwoman american german italian russian ukrainian australian canadian irishman scot \
    welshman dutchman serb croat pole swede dane norwegian finn belgian swiss austrian portuguese \
    greek turk brazilian argentine argentinian mexican japanese chinese korean indian pakistani \
    athlete contestant celebrity influencer streamer youtuber creator entrepreneur billionaire \
    businessman businesswoman investor banker trader chef pilot soldier sailor marine officer \
    commentator pundit broadcaster novelist poet director producer filmmaker designer architect \
    engineer developer programmer hacker teen child father-of-two mother-of-two grandfather \
    grandmother uncle aunt nephew niece cousin stepfather stepmother parent relative neighbour \
    landlord tenant worker employee employer staffer aide secretary-general premier chancellor \
    representative delegate negotiator mediator diplomat spy agent singer-songwriter guitarist \
    drummer frontman frontwoman bassist vocalist dj rider driver racer cyclist runner swimmer \
    boxer fighter wrestler golfer bowler batsman batter pitcher quarterback skipper full-back \
    centre-back centre-half fly-half scrum-half prop hooker lock flanker fullback number \
    vice-president vice-chair whip frontbencher backbencher mayor-elect president-elect nominee";

/// Whether a lower-cased noun names a person's role.
pub fn is_person_noun(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, PERSON_NOUNS).contains(word)
}

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

/// Words that end the names of places, buildings and events.
const PLACE_WORDS: &str = "street house road square hall palace park hotel bridge island islands sea ocean \
    river city town county airport station castle abbey cathedral stadium arena embassy avenue lane \
    valley coast channel kingdom republic states east west north south mountains mountain strait \
    gulf bay port harbour harbor camp base barracks green estate tower gate way hill hills forest \
    lake canal wharf prison jail gaol hospital theater theatre gardens garden field fields court \
    centre center plaza building buildings peninsula desert province region district state border \
    crossing beach cove head point ridge heights village borough quarter row terrace place drive \
    close crescent gardens grove mews walk wood woods moor marsh dale office room chamber \
    court stage theatre pitch ground";

/// Words that end the names of events, competitions, laws and plans.
const EVENT_WORDS: &str = "cup championship championships games olympics open trophy series prix \
    festival awards award week day summit conference talks treaty act bill strategy review plan \
    scheme war crisis pandemic election elections referendum agreement accord deal protocol \
    convention league tour carnival show expo fair marathon derby final finals classic \
    unpacked launch budget statement manifesto programme charter directive regulation \
    regulations code order rules law framework initiative";

/// Whether a lower-cased word ends the names of events, competitions, laws or plans.
pub fn is_event_word(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, EVENT_WORDS).contains(word)
}

/// Whether a lower-cased word ends the names of places, buildings or events.
pub fn is_place_word(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, PLACE_WORDS).contains(word) || is_event_word(word)
}

/// Words that open the names of places ("North Yorkshire", "Greater Manchester", "San
/// Diego", "County Durham"), vessels ("HMS Richmond") and storms.
pub fn is_place_opener(word: &str) -> bool {
    matches!(
        word,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "greater"
            | "upper"
            | "lower"
            | "inner"
            | "outer"
            | "county"
            | "san"
            | "santa"
            | "los"
            | "las"
            | "port"
            | "fort"
            | "mount"
            | "lake"
            | "cape"
            | "isle"
            | "hms"
            | "hmas"
            | "uss"
            | "rfa"
            | "mv"
            | "ss"
            | "storm"
            | "hurricane"
            | "typhoon"
            | "cyclone"
            | "operation"
            | "camp"
            | "planet"
    )
}

/// Common words that make a capitalised single word no name: abstract nouns by their
/// endings ("Government", "Election", "Safeguarding" aside).
pub fn is_abstract_noun(lower: &str) -> bool {
    lower.len() > 5
        && [
            "tion", "sion", "ment", "ness", "ity", "ism", "ship", "ology", "ance", "ence",
        ]
        .iter()
        .any(|end| lower.ends_with(end))
        && !matches!(
            lower,
            "lawrence"
                | "florence"
                | "clarence"
                | "constance"
                | "terence"
                | "laurence"
                | "prudence"
                | "provence"
                | "vance"
                | "hance"
        )
}

/// Common nouns and adjectives reporters capitalise that name nobody alone.
pub fn is_generic_capital(lower: &str) -> bool {
    matches!(
        lower,
        "government"
            | "administration"
            | "state"
            | "opposition"
            | "minister"
            | "ministers"
            | "officials"
            | "police"
            | "army"
            | "navy"
            | "court"
            | "parliament"
            | "mps"
            | "council"
            | "city"
            | "town"
            | "county"
            | "north"
            | "south"
            | "east"
            | "west"
            | "local"
            | "national"
            | "federal"
            | "international"
            | "global"
            | "public"
            | "test"
            | "tests"
            | "internet"
            | "web"
            | "online"
            | "earth"
            | "moon"
            | "sun"
            | "god"
            | "bible"
            | "church"
            | "mass"
            | "easter"
            | "christmas"
            | "ramadan"
            | "brexit"
            | "covid"
            | "covid-19"
            | "coronavirus"
            | "alliance"
            | "coalition"
            | "union"
            | "treasury"
            | "cabinet"
            | "commons"
            | "lords"
            | "senate"
            | "house"
            | "congress"
            | "assembly"
            | "commission"
            | "committee"
            | "agency"
            | "department"
            | "ministry"
            | "office"
            | "bill"
            | "act"
            | "law"
            | "report"
            | "section"
            | "article"
            | "chapter"
            | "part"
            | "annex"
            | "schedule"
            | "table"
            | "figure"
            | "page"
    )
}

/// Countries, regions and cities (lower case, `_` for a space).
const PLACES: &str = "afghanistan albania algeria andorra angola argentina armenia australia austria \
    azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia \
    bosnia botswana brazil brunei bulgaria burkina_faso burundi cambodia cameroon canada chad chile \
    china colombia comoros congo croatia cuba cyprus czechia czech_republic denmark djibouti \
    dominica ecuador egypt el_salvador eritrea estonia eswatini ethiopia fiji finland france gabon \
    gambia georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary \
    iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya \
    kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein \
    lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico \
    micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru \
    nepal netherlands holland new_zealand nicaragua niger nigeria north_korea north_macedonia \
    macedonia norway oman pakistan palau palestine panama papua_new_guinea paraguay peru \
    philippines poland portugal qatar romania russia rwanda samoa san_marino saudi_arabia senegal \
    serbia seychelles sierra_leone singapore slovakia slovenia somalia south_africa south_korea \
    south_sudan spain sri_lanka sudan suriname sweden switzerland syria taiwan tajikistan tanzania \
    thailand timor togo tonga trinidad tunisia turkey türkiye turkmenistan tuvalu uganda ukraine \
    united_arab_emirates uae united_kingdom uk britain great_britain united_states us usa america \
    uruguay uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe england scotland \
    wales northern_ireland ulster europe asia africa antarctica oceania americas latin_america \
    north_america south_america central_america middle_east east_asia south_asia southeast_asia \
    balkans baltics scandinavia caucasus sahel caribbean mediterranean arctic pacific atlantic \
    gaza gaza_strip west_bank crimea donbas donetsk luhansk kharkiv kherson zaporizhzhia odesa \
    odessa mariupol bakhmut kyiv kiev lviv dnipro moscow st_petersburg belgorod kursk london paris \
    berlin madrid rome brussels amsterdam the_hague vienna warsaw prague budapest bucharest sofia \
    athens lisbon dublin belfast edinburgh cardiff glasgow manchester birmingham liverpool leeds \
    sheffield bristol newcastle nottingham leicester southampton portsmouth plymouth brighton \
    oxford cambridge york hull bradford coventry sunderland stoke derby reading norwich exeter \
    dover calais dunkirk boulogne folkestone kent sussex essex surrey yorkshire lancashire \
    cornwall devon dorset somerset norfolk suffolk cumbria durham aberdeen dundee inverness \
    swansea newport wrexham derry cork galway limerick washington new_york los_angeles chicago \
    houston phoenix philadelphia san_francisco boston seattle miami atlanta dallas denver detroit \
    las_vegas new_orleans texas california florida ohio michigan virginia kentucky tennessee \
    alabama arizona oregon utah nevada iowa kansas georgia carolina north_carolina south_carolina \
    pennsylvania massachusetts illinois indiana wisconsin minnesota missouri louisiana maryland \
    colorado montana alaska hawaii ottawa toronto montreal vancouver beijing shanghai hong_kong \
    tokyo osaka seoul pyongyang taipei delhi new_delhi mumbai karachi islamabad lahore dhaka \
    kabul tehran baghdad damascus beirut jerusalem tel_aviv amman riyadh jeddah doha dubai \
    abu_dhabi cairo istanbul ankara tripoli tunis algiers rabat lagos abuja nairobi addis_ababa \
    johannesburg cape_town kinshasa khartoum canberra sydney melbourne brisbane perth auckland \
    wellington mexico_city brasilia rio_de_janeiro são_paulo sao_paulo buenos_aires santiago lima \
    bogota bogotá caracas havana geneva zurich bern munich frankfurt hamburg cologne milan naples \
    turin venice florence barcelona valencia seville marseille lyon nice strasbourg rotterdam \
    antwerp copenhagen stockholm oslo helsinki tallinn riga vilnius minsk chisinau tbilisi yerevan \
    baku astana tashkent belgrade zagreb ljubljana sarajevo skopje tirana podgorica pristina \
    bratislava luxembourg valletta nicosia reykjavik westminster whitehall channel \
    english_channel north_sea irish_sea black_sea baltic_sea red_sea south_china_sea \
    persian_gulf indo-pacific siberia chechnya dagestan tatarstan kaliningrad transnistria \
    u.s u.s. u.k u.k. soviet_union ussr bavaria saxony catalonia andalusia brittany normandy flanders wallonia lombardy sicily \
    sardinia corsica silesia galicia lapland greenland svalbard";

/// Whether lower-cased words name a place.
pub fn is_place(words: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, PLACES).contains(words)
}

/// Nationality adjectives and the nouns of peoples, which open runs of capitals ("British
/// Prime Minister", "French coastguard") without naming anyone.
const DEMONYMS: &str = "british english scottish welsh irish northern american canadian mexican brazilian \
    argentine argentinian chilean colombian peruvian venezuelan cuban french german italian spanish \
    portuguese dutch belgian swiss austrian danish swedish norwegian finnish icelandic polish czech \
    slovak hungarian romanian bulgarian greek turkish cypriot maltese croatian serbian bosnian \
    slovenian albanian macedonian montenegrin kosovan ukrainian russian belarusian moldovan \
    georgian armenian azerbaijani estonian latvian lithuanian israeli palestinian lebanese syrian \
    iraqi iranian saudi emirati qatari kuwaiti jordanian egyptian libyan tunisian algerian \
    moroccan sudanese ethiopian somali kenyan nigerian ghanaian south african zimbabwean chinese \
    japanese korean taiwanese vietnamese thai indonesian malaysian filipino singaporean indian \
    pakistani afghan bangladeshi sri lankan nepalese australian kiwi european asian african \
    spaniard spaniards briton britons frenchman frenchwoman scot scots welshman englishman \
    irishman dane danes swede swedes finn finns pole poles serb serbs croat croats turk turks \
    arab western eastern nordic baltic balkan latin western soviet yemeni houthi kurdish \
    uk us eu un";

/// Whether a lower-cased word is a nationality or a people's name.
pub fn is_demonym(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, DEMONYMS).contains(word)
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

/// Well-known organisations written without an organisation word: lower-cased name -> name
/// as written. Platforms, companies, parties, alliances and institutions reporters name.
const KNOWN_ORGS: &[&str] = &[
    // Alliances, international bodies and institutions known by a metonym.
    "NATO",
    "EU",
    "UN",
    "OSCE",
    "OECD",
    "IMF",
    "WTO",
    "WHO",
    "G7",
    "G20",
    "AUKUS",
    "ASEAN",
    "Interpol",
    "Europol",
    "Frontex",
    "UNICEF",
    "UNESCO",
    "UNHCR",
    "Kremlin",
    "Pentagon",
    "White House",
    "Élysée",
    "Elysee",
    "Vatican",
    "Bundeswehr",
    "Hamas",
    "Hezbollah",
    "Houthis",
    "Taliban",
    "Wagner",
    "Ofcom",
    "Ofsted",
    "Ofgem",
    "Ofwat",
    "NHS",
    "Amnesty International",
    "Red Cross",
    "Greenpeace",
    "Oxfam",
    "Save the Children",
    "Médecins Sans Frontières",
    "Scotland Yard",
    "Bank of England",
    "Federal Reserve",
    "Fed",
    "Treasury",
    "Home Office",
    "Foreign Office",
    "Cabinet Office",
    "Border Force",
    "Royal Navy",
    "Royal Air Force",
    "RAF",
    "British Army",
    // Parties.
    "Labour",
    "Conservatives",
    "Conservative",
    "Tories",
    "Tory",
    "Lib Dems",
    "Liberal Democrats",
    "Liberal Democrat",
    "Reform UK",
    "SNP",
    "Plaid Cymru",
    "Sinn Féin",
    "Sinn Fein",
    "DUP",
    "Alliance Party",
    "Fianna Fáil",
    "Fianna Fail",
    "Fine Gael",
    "Democrats",
    "Republicans",
    "GOP",
    "Greens",
    "AfD",
    "CDU",
    "SPD",
    "Likud",
    "Fidesz",
    "Syriza",
    "Podemos",
    "Vox",
    "Renaissance",
    "Rassemblement National",
    "National Rally",
    // Platforms and technology companies.
    "Google",
    "Alphabet",
    "Meta",
    "Facebook",
    "Instagram",
    "WhatsApp",
    "Messenger",
    "Threads",
    "TikTok",
    "ByteDance",
    "YouTube",
    "Snapchat",
    "Snap",
    "X",
    "Twitter",
    "Reddit",
    "Discord",
    "Twitch",
    "Telegram",
    "Signal",
    "Bluesky",
    "Mastodon",
    "LinkedIn",
    "Pinterest",
    "Tumblr",
    "Roblox",
    "Minecraft",
    "Fortnite",
    "Epic Games",
    "Steam",
    "Valve",
    "Kick",
    "Rumble",
    "OnlyFans",
    "Pornhub",
    "Vimeo",
    "Spotify",
    "Netflix",
    "Disney",
    "Amazon",
    "Apple",
    "Microsoft",
    "OpenAI",
    "Anthropic",
    "Nvidia",
    "Intel",
    "AMD",
    "IBM",
    "Oracle",
    "Samsung",
    "Sony",
    "Huawei",
    "Xiaomi",
    "Tencent",
    "Alibaba",
    "Baidu",
    "Uber",
    "Lyft",
    "Airbnb",
    "Tesla",
    "SpaceX",
    "Starlink",
    "PayPal",
    "eBay",
    "Yahoo",
    "Bing",
    "Grindr",
    "Tinder",
    "Bumble",
    "Hinge",
    "Yoti",
    "Cloudflare",
    "Mozilla",
    "Wikipedia",
    "Wikimedia",
    "Zoom",
    "Slack",
    "Dropbox",
    "Salesforce",
    "Adobe",
    "Qualcomm",
    "Arm",
    "TSMC",
    "Palantir",
    "DeepMind",
    "xAI",
    "Mistral",
    "Proton",
    "ProtonVPN",
    "NordVPN",
    "ExpressVPN",
    // Other companies reporters name without a company word.
    "BAE",
    "Rolls-Royce",
    "Airbus",
    "Boeing",
    "Lockheed Martin",
    "Raytheon",
    "Thales",
    "Leonardo",
    "Rheinmetall",
    "Saab",
    "Shell",
    "BP",
    "ExxonMobil",
    "Chevron",
    "TotalEnergies",
    "Gazprom",
    "Rosneft",
    "Aramco",
    "Tesco",
    "Sainsbury's",
    "Asda",
    "Morrisons",
    "Aldi",
    "Lidl",
    "Waitrose",
    "Ocado",
    "Marks & Spencer",
    "M&S",
    "Co-op",
    "Harrods",
    "Primark",
    "Next",
    "Boots",
    "Unilever",
    "Nestlé",
    "Nestle",
    "Vodafone",
    "BT",
    "EE",
    "Virgin Media",
    "Sky",
    "Barclays",
    "HSBC",
    "Lloyds",
    "NatWest",
    "Santander",
    "Nationwide",
    "Halifax",
    "Monzo",
    "Revolut",
    "JPMorgan",
    "Goldman Sachs",
    "Morgan Stanley",
    "BlackRock",
    "Visa",
    "Mastercard",
    "Ryanair",
    "easyJet",
    "EasyJet",
    "Lufthansa",
    "Emirates",
    "Qatar Airways",
    "Heathrow",
    "Volkswagen",
    "BMW",
    "Mercedes",
    "Toyota",
    "Ford",
    "Stellantis",
    "Nissan",
    "Jaguar Land Rover",
    "Pfizer",
    "Moderna",
    "AstraZeneca",
    "GSK",
    "Novo Nordisk",
    "McDonald's",
    "Starbucks",
    "Coca-Cola",
    "PepsiCo",
    "Walmart",
    "Costco",
    "Target",
    "Ikea",
    "IKEA",
    "Zara",
    "H&M",
    // News organisations, counted where a story makes them actors.
    "BBC",
    "ITV",
    "Channel 4",
    "Sky News",
    "GB News",
    "CNN",
    "Fox News",
    "NBC",
    "CBS",
    "ABC",
    "MSNBC",
    "NPR",
    "PBS",
    "Reuters",
    "Bloomberg",
    "AFP",
    "Associated Press",
    "AP",
    "PA",
    "Al Jazeera",
    "YouGov",
    "Ipsos",
    "Savanta",
    "Opinium",
    "Gallup",
    "Politico",
    "Axios",
    "BBC One",
    "BBC Two",
    "BBC Radio 4",
    "BBC Sounds",
    "iPlayer",
    "Netflix",
    // Sport.
    "FIFA",
    "UEFA",
    "IOC",
    "FA",
    "RFU",
    "ECB",
    "ICC",
    "WRU",
    "IRFU",
    "SRU",
    "NFL",
    "NBA",
    "MLB",
    "NHL",
    "F1",
    "Arsenal",
    "Spurs",
    "Manchester United",
    "Manchester City",
    "Man Utd",
    "Man City",
    "Newcastle United",
    "Aston Villa",
    "West Ham",
    "Crystal Palace",
    "Wolves",
    "Nottingham Forest",
    "Leicester City",
    "Leeds United",
    "Celtic",
    "Real Madrid",
    "Bayern Munich",
    "Juventus",
    "PSG",
    "Paris Saint-Germain",
    "Inter Milan",
    "AC Milan",
    "Ajax",
];

/// The name a well-known organisation is written under, by its lower-cased name.
pub fn known_org(lower: &str) -> Option<&'static str> {
    static MAP: OnceLock<FxHashMap<String, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        KNOWN_ORGS
            .iter()
            .map(|name| (name.to_lowercase(), *name))
            .collect()
    })
    .get(lower)
    .copied()
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
    blasted slammed hailed branded labelled labeled dubbed referred refers defended defends";

/// Whether a lower-cased word is a verb of speech.
pub fn is_speech_verb(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    set_of(&SET, SPEECH_VERBS).contains(word)
}

/// Common given names of many languages, beyond [`super::names`]'s list: a run opening with
/// one is a person.
pub const MORE_GIVEN_NAMES: &str = "abby ada adele adrienne agatha agnes aileen aimee alana alba alessandra \
    alexa alexis alfie alfred alina alisha alix allan allison alma alyssa amal amara ami amit anastasia \
    andre andrés andres andrei andrej aneurin angel angus anika anita anjali annabel annie anton \
    antonia antonella april arabella archie ari ariana ariel arjun arlene armando arnold arnaud \
    arturo asha ashton astrid audrey aurora ava axel barney bea beatrice beatriz bella ben benedict \
    benoit bernadette bertie beth bethany betty beverley bianca billie billy blake bo bonnie \
    boyd brad bradley brandon brenda brett bridget brigitte brooke bryan bryony caitlin callum \
    calvin cameron camilla candice cara carina carl carmel carol carole caroline carrie casey \
    cassandra cathal catriona cecil cedric celia celine chantal charlene charlotte chelsea cheryl \
    chester chiara christie christoph christophe ciara cillian cindy claude claudio clemence \
    clement cliff clifford clive cody colette conor constance cora corinne cormac courtney cristina \
    cyril daisy dale damian damien dana danny daphne darcy darius darragh dave davina dawid debbie \
    declan deirdre delia demi denise derek derrick desmond dexter diego dilip dimitri dina dinah \
    dmitri dolores dominique donal donovan dora doris dougie drew duane dustin dwayne eamon eamonn \
    edgar edith edmund edwin eileen elaine elif elise eliza ella ellen elliot elliott eloise elsa \
    elsie elvis emil emile emilia emma enrique enzo erik erika ernest ernesto esme esther ethel \
    eugene eve evelyn ewan fabian faisal farah fatma federico felicity fergus fern fintan finn \
    flora florian floyd francine franco freddie freya gabriela gabrielle gail gemma gene geoff \
    geoffrey georges georgina gerard gerry gianni gideon gil gillian gina giulia gladys glen glenn \
    gloria grady grainne gretchen greta gunnar gustav gwen gwyneth hailey hamish hamza hank harlan \
    harper harvey hassan hayley hazel heinrich helmut henrik herbert hernan hilda holly howard \
    hussein ida ines inês ingrid iona ira iris isaac isabelle isobel ivana ivy jacinda jackie \
    jacques jaime jakub jamal janine jared jasmine jasper javid jaya jeanette jed jenna jenny \
    jeremiah jerome jerry jesper jesse jessie jimmy joanne jocelyn jodie joey johan johannes jolene \
    jonas jordi josé josefina josephine josie jovan joy judy jules juliana juliet julio jurgen \
    jürgen kaja kamil karim karin karina karl kasia katarina kath katharine kathryn kathy katrina \
    kayla keira ken kendall kenny kerry kevin khadija kieran kiera kim kira kirk kirsten \
    kit kristina kurt kylie lachlan lana lance larry laszlo laurence laurent lawrence layla leah \
    leila lena lenny leonard leonardo leslie lester levi lewis lia lila liliana lina lindsey lionel \
    lisa liv lizzie logan lola lorenzo loretta lorna lorraine lottie louie luca lucia lucian lucie \
    luciana ludwig luigi luka lukas luna lydia lyndsey mabel mackenzie maddie madison mae maeve \
    magdalena maggie mai maja malik mandy marcel marcella marcia margot mariam marian mariana \
    marianne marie marilyn mario marion marius marjorie marlene marsha marshall martha martina \
    marvin mateo mathias mathieu matilda mattia maureen mavis maxine maya melissa melvin mercedes \
    meredith mia micah michaela mick mickey mila milan miles milena millie milo mirela misha \
    mitchell mohamed mohammed molly mona morgan moritz moses muriel murray myles nadine nasser \
    natasha nathalie neal ned nell nellie nia niall nico nicolai nicole niamh nigel nikita niklas \
    nikki nils nisha noel noemi nora norah olga olive oliwia ollie orla orlando oskar otto pam \
    paddy patricia patrice patsy patty pearl peggy percy petra phil philippa phoebe pia pierce \
    piers pietro polly poppy preston priscilla quentin quinn rafa ramón randall raphael raquel \
    raul raúl ray raymond reece reggie rené renee rhian rhys ricardo rick ricky rita ritchie roberta \
    rocco rod rodney rodrigo rohan roisin róisín roland romain ron ronan ronnie rosalind rose \
    rosemary rowan roxanne roy rudy rufus rui ruta ryan sabrina sadie saoirse sasha saul scarlett \
    selena selina serena seth shane shannon shaun shauna sheila shelley sheryl shona sian siân \
    sienna silvia simone sinead sinéad siobhan sonia sonja sophia spencer stacey stan stefanie \
    stefano steph sterling stevie summer susanna susie suzy sylvia tamara tammy tania tasha ted \
    terence teresa terri terry tess tessa thea theo theodore thierry thomas tiago tiffany tilly \
    timo tobias todd tomas tomás tommy toni tori travis trent trisha troy tyler una valentina \
    valentin valérie valerie vanessa vaughan verity vernon veronika vicky viktor viola violet \
    virginia vivienne vlad wanda warren wendell wesley whitney wilfred will willem willow wilma \
    winston wyn yann yannick yara yvonne zach zachary zainab zara zelda ziggy zoë zoltan zuzanna \
    ahmad ali amin anwar ashraf ayman bilal farid habib hamid hussain idris ismail jamil jawad \
    kareem karim latif mahmood majid mansour mustafa nabil nadim naveed osama qasim rashid riaz \
    said saleem salman sami sayed shahid shakil tariq usman waleed yasir younis zaid zakir aditya \
    akshay amitabh anand arvind ashok deepika gautam harish jaishankar kiran krishna lakshmi \
    manish meera mukesh nitin pooja pradeep rajesh rakesh ramesh rekha sachin sanjeev shashi \
    shreya suresh sushma varun vijay vinod yogi akira haruki hideo hiroko kazuo keiko koji makoto \
    naoko satoshi shinzo takashi taro yoko yoshi fumio shigeru chen hui jian jing lei lin mei \
    ping qiang wang xi xiao yan yong zhang zhou jae-in min-jun seo-yeon ji-woo  \
    olaf ursula emmanuel giorgia pedro mette petteri sauli alexander andrzej donald mateusz \
    radoslaw radosław viktor recep tayyip benjamin yair naftali binyamin vladimir volodymyr \
    dmytro oleksii olena yulia sergiy serhiy andriy denys denis ruslan valerii valeriy mykhailo \
    kyrylo yevhen petro taras bohdan vitali vitaliy arseniy rustem iryna oksana tetiana kateryna \
    svitlana natalia nataliya yuliia anastasiia sergei sergey dmitri dmitriy maria aleksei \
    alexei yevgeny yevgeniy vasily valentina ramzan nikolai kirill mikhail pavel ivan anatoly \
    boris gennady grigory konstantin leonid maxim oleg roman stanislav vadim vitaly vyacheslav \
    yuri";
