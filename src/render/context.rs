//! What a template receives: a page's context, which knows its own keys (tera's context
//! cannot list them), so `serve` can fingerprint a page by what its template is given.

use std::fmt::Write;

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3Default;

/// A template's context: tera's, and the keys inserted into it.
#[derive(Default)]
pub(super) struct PageContext {
    tera: tera::Context,
    keys: Vec<&'static str>,
}

impl PageContext {
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.tera.insert(key, value);
        self.keys.push(key);
    }

    pub(super) fn insert_value(&mut self, key: &'static str, value: tera::Value) {
        self.tera.insert_value(key, value);
        self.keys.push(key);
    }

    pub(super) fn tera(&self) -> &tera::Context {
        &self.tera
    }

    /// A hash of the template's name and of every value the context holds, walked as it is
    /// (hashing its text as Debug writes it took four times as long, escaping every string).
    pub(super) fn fingerprint(&self, template: &str) -> u64 {
        let mut hash = Xxh3Default::new();
        hash.update(template.as_bytes());
        let mut keys = self.keys.clone();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            hash.update(key.as_bytes());
            hash.update(b"\0");
            if let Some(value) = self.tera.get(key) {
                hash_value(value, &mut hash);
            }
        }
        hash.digest()
    }
}

/// Feeds `value` to `hash`: each part tagged with its kind and each list with its length, so
/// two different values never feed the same bytes. Maps are read in the order their keys
/// were written (tera's `preserve_order`), the same from one build to the next.
fn hash_value(value: &tera::Value, hash: &mut Xxh3Default) {
    if let Some(text) = value.as_str() {
        // A string marked safe is printed unescaped: the same text, another page.
        hash.update(if value.is_safe() { b"S" } else { b"s" });
        hash.update(&(text.len() as u64).to_le_bytes());
        hash.update(text.as_bytes());
    } else if let Some(items) = value.as_array() {
        hash.update(b"a");
        hash.update(&(items.len() as u64).to_le_bytes());
        for item in items {
            hash_value(item, hash);
        }
    } else if let Some(map) = value.as_map() {
        hash.update(b"m");
        hash.update(&(map.len() as u64).to_le_bytes());
        for (key, item) in map {
            write!(HashWriter(hash), "{key}\0").expect("hashing cannot fail");
            hash_value(item, hash);
        }
    } else {
        // A number, a boolean, bytes or none: short, fed as Debug writes it (with its kind).
        write!(HashWriter(hash), "{value:?}").expect("hashing cannot fail");
    }
}

/// Text fed to a hash as it is formatted, never held as a string.
struct HashWriter<'h>(&'h mut Xxh3Default);

impl Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}
