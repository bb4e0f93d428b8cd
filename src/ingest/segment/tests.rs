//! Unit tests of segmentation: leads, text going on from above, wire stories and listings.

use super::*;
use crate::config::{Config, DEFAULT_CONFIG};

/// The first paragraph (0-based) of each story the words split `text` into, a paragraph
/// a line.
fn story_starts(text: &str) -> Vec<usize> {
    let config = Config::parse(DEFAULT_CONFIG, "config.toml").unwrap();
    let texts: Vec<&str> = text.lines().collect();
    split_by_words(&texts, &Classifier::new(&config), &Tuning::default())
        .iter()
        .map(|run| run[0])
        .collect()
}

#[test]
fn leads_state_the_news_name_their_source_or_introduce_the_speaker() {
    for lead in [
        "Thousands of tenants are living in homes with damp and mould, a committee of MPs has warned.",
        "A primary school in Rushden will close for a week after inspectors found its roof unsafe.",
        "The central bank has held interest rates at 4%, but signalled cuts early next year.",
        "Residents have been told to prepare for flooding after a month's rain fell in a day.",
        "Prime Minister Keir Starmer has said Europe must do more to defend itself.",
    ] {
        assert!(reads_as_lead(lead), "{lead}");
    }
    for body in [
        "Councils in areas with large sites have complained that they were not consulted.",
        "Police urged any young person who is being threatened not to pay.",
        "Children can also use a free tool to have images removed from the internet.",
        "The judge told the court the fraud had been cruel and calculated.",
        "The health service has a policy of giving them ten days of extra leave.",
    ] {
        assert!(!reads_as_lead(body), "{body}");
    }
}

#[test]
fn pronouns_connectives_quotes_and_referring_nouns_go_on_from_the_text_above() {
    for text in [
        "But the committee heard that many were forced to use their holidays.",
        "However, the plan was delayed.",
        "\"We will not back down,\" she said.",
        "The move follows months of talks.",
        "She said the deal was done.",
    ] {
        assert!(continues_text(text), "{text}");
    }
    for text in [
        "The government has closed 40 hotels used to house asylum seekers.",
        "Theresa Marsh, a teacher, has won the award.",
    ] {
        assert!(!continues_text(text), "{text}");
    }
}

#[test]
fn wire_stories_run_from_dateline_to_sign_off_and_a_teaser_between_stands_alone() {
    let text = "OSLO, Aug 31 (Reuters) - Norway has chosen a British design for its new \
        frigates, the government said on Sunday.\n\
        The ships will be built in Scotland, the defence minister told reporters.\n\
        Shares in the shipbuilder rose 2% on Monday.\n\
        Reporting by Ann Lee; Editing by Tom Fox\n\
        Five things to know about the euro at twenty-five\n\
        FRANKFURT, Sept 2 (Reuters) - Inflation in the bloc rose to 2.1% in August, data \
        showed on Tuesday.\n\
        Core inflation held steady at 2.3%, below what economists had expected.\n\
        Reporting by Jo Bell; Editing by Sam Roe\n";
    assert_eq!(story_starts(text), vec![0, 4, 5]);
}

#[test]
fn listings_split_at_their_heads_and_articles_with_subheadings_do_not() {
    use crate::config::IngestConfig;
    use crate::ingest::cues::Cues;
    let cues = Cues::new(&IngestConfig::default()).unwrap();
    let starts = |text: &str| {
        let page = crate::ingest::page::read(text, &cues);
        listing_starts(&page.paragraphs, &Tuning::default())
    };
    let listing = "1. Navy orders drone boats for the Atlantic\n\
        The navy will buy hundreds of drone boats to patrol the North Atlantic, the ministry said.\n\
        2. Inflation in the euro area rises again\n\
        Inflation in the bloc rose to 2.1% in August, data showed on Tuesday.\n\
        3. Council closes libraries to save money\n\
        The council will close four libraries next year to meet a budget gap, it said.\n";
    assert_eq!(starts(listing), Some(vec![0, 2, 4]));
    let article = "Navy to buy drone boats to hunt submarines\n\
        By Owen Price\n\
        The navy will buy hundreds of drone boats to patrol the North Atlantic for submarines.\n\
        The boats will work alongside warships and patrol aircraft, officials said.\n\
        Why drones now\n\
        Submarine activity near British waters has risen in each of the past five years.\n\
        Where the boats will be built\n\
        The first drones are expected to be built in Portsmouth and enter service in 2027.\n";
    assert_eq!(starts(article), None);
}

#[test]
fn an_aggregators_dated_items_split_under_their_masthead_and_section_labels() {
    use crate::config::IngestConfig;
    use crate::ingest::cues::Cues;
    let cues = Cues::new(&IngestConfig::default()).unwrap();
    let starts = |text: &str| {
        let page = crate::ingest::page::read(text, &cues);
        listing_starts(&page.paragraphs, &Tuning::default())
    };
    // Each item: a headline, a credit line with its date, a clipped teaser. The page's own
    // blurb on top opens no story.
    let aggregator = "The Morning Digest From Our Editors\n\
        Everything worth reading before breakfast, picked by our editors every weekday morning.\n\
        Harbour Towns Ban Cars From Their Old Quaysides\n\
        Helen Carter, The Coastal Post | Car-Free Quays | March 4, 2024\n\
        Three towns on the south coast will close their waterfronts to traffic this summer...\n\
        Why Rail Fares Keep Rising Faster Than Wages\n\
        Peter Walsh, The Ledger | Rail Fares | March 3, 2024\n\
        Season tickets have risen by more than a third in ten years, figures show...\n\
        The Quiet Return Of The Village Shop\n\
        Anna Brooks, Country Weekly | Village Shops | March 2, 2024\n\
        Community-owned shops are opening at the fastest rate for two decades, a survey says...\n";
    assert_eq!(starts(aggregator), Some(vec![0, 5, 8]));
    // A section label over each headline starts the item with it.
    let front = "• Defence\n\
        Navy Orders Drone Boats For The Atlantic\n\
        The navy will buy hundreds of drone boats to patrol the North Atlantic, the ministry said.\n\
        • Economy\n\
        Inflation In The Euro Area Rises Again\n\
        Inflation in the bloc rose to 2.1% in August, data showed on Tuesday, led by food.\n\
        • Local\n\
        Council Closes Libraries To Save Money\n\
        The council will close four libraries next year to meet a budget gap, it said today.\n";
    assert_eq!(starts(front), Some(vec![0, 3, 6]));
    // Dated headlines with no teaser under them are links to other stories, no listing.
    let related = "Council closes libraries to save money\n\
        The council will close four libraries next year to meet a budget gap, it said on Monday.\n\
        Library users have started a petition, which has more than 2,000 names so far.\n\
        The council's leader said no other service could be cut further.\n\
        Navy orders drone boats for the Atlantic\n\
        3 December 2024\n\
        Inflation in the euro area rises again\n\
        3 December 2024\n\
        Harbour towns ban cars from their quaysides\n\
        2 December 2024\n";
    assert_eq!(starts(related), None);
}

#[test]
fn short_headed_stories_sharing_no_words_are_a_listing() {
    use crate::config::IngestConfig;
    use crate::ingest::cues::Cues;
    let cues = Cues::new(&IngestConfig::default()).unwrap();
    let page = crate::ingest::page::read(
        "Navy Orders Drone Boats For The Atlantic\n\
        The navy will buy hundreds of drone boats to patrol the North Atlantic, the ministry said.\n\
        Officials expect the first boats to sail from Plymouth within two years of the order.\n\
        Inflation In The Euro Area Rises Again\n\
        Prices in the bloc rose by 2.1% in August, data showed on Tuesday, led by food and energy.\n\
        Economists had expected a smaller rise after a cooler summer in most member states.\n\
        Council Closes Libraries To Save Money\n\
        Four libraries will shut next year to meet a budget gap, the council said on Monday.\n\
        A petition against the closures has gathered more than 2,000 names in a week.\n",
        &cues,
    );
    assert_eq!(
        listing_starts(&page.paragraphs, &Tuning::default()),
        Some(vec![0, 3, 6])
    );
}
