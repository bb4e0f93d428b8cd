//! People: honorifics and offices that stand before a name, the nouns reporters use for a
//! person's role, and given names beyond [`crate::ingest::names`]'s list.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

use super::set_of;

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

/// Common given names of many languages, beyond [`crate::ingest::names`]'s list: a run opening
/// with one is a person.
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

/// Nouns for a relative or someone close: "his mother" is someone else than the person
/// just named.
pub fn is_kin_noun(word: &str) -> bool {
    matches!(
        word,
        "mother"
            | "father"
            | "mum"
            | "dad"
            | "son"
            | "daughter"
            | "wife"
            | "husband"
            | "brother"
            | "sister"
            | "grandmother"
            | "grandfather"
            | "widow"
            | "widower"
            | "parent"
            | "partner"
            | "girlfriend"
            | "boyfriend"
            | "fiancé"
            | "fiancée"
            | "uncle"
            | "aunt"
            | "nephew"
            | "niece"
            | "cousin"
            | "stepfather"
            | "stepmother"
            | "relative"
            | "friend"
    )
}
