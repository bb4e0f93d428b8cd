//! What the unit tests share: the sample articles that fast paths are held to their
//! reference implementations on.

use crate::text::WordTally;

/// The raw articles bundled with the project: the seeds and the fixtures' `.txt` files
/// (segmentation, evaluation and adversarial), in path order, decoded lossily.
pub fn sample_articles() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let folders = [
        "seeds",
        "tests/fixtures/segdev",
        "tests/fixtures/eval",
        "tests/fixtures/adversarial",
    ];
    let mut paths: Vec<std::path::PathBuf> = folders
        .iter()
        .flat_map(|folder| std::fs::read_dir(root.join(folder)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned())
        .collect()
}

/// A tally's counts and names, each sorted: tallies compared whatever their order.
pub fn sorted_tally(tally: &WordTally) -> (Vec<(&str, u32)>, Vec<&str>) {
    let mut counts: Vec<(&str, u32)> = tally.counts().collect();
    counts.sort_unstable();
    let mut names: Vec<&str> = tally.names().collect();
    names.sort_unstable();
    (counts, names)
}
