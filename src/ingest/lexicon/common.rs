//! Common words reporters capitalise that name nobody: abstract nouns and generic capitals.

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
