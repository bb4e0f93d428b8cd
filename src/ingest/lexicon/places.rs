//! Places and events: the words that end or open their names, countries, regions and
//! cities, and nationalities.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::set_of;

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
