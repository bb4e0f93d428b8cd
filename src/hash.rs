//! Hashes for telling changed things from unchanged: of values in memory (what a page
//! shows), and of page text (whether a person edited a generated page). None is for
//! security.

/// A fast, deterministic hash of a value, for telling changed things from unchanged.
pub fn hash_of<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A stable 64-bit hash (XXH3) as 16 hex digits; used to notice hand edits, not for
/// security. It reads eight bytes at a time, where FNV-1a (see [`fnv1a_hex`]) took a
/// multiplication per byte.
pub fn page_hash_hex(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

/// A stable 64-bit FNV-1a hash as 16 hex digits: the hash of pages generated before
/// [`page_hash_hex`], which still count as untouched.
pub fn fnv1a_hex(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in text.as_bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
