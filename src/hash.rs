//! The tool's one stable hash: 64-bit FNV-1a. Statement ids, import file
//! names, the index manifest, the lexicon fingerprint, pairing event ids and
//! report page names rely on it giving the same value on every run, platform
//! and Rust version, which std's hashers do not promise. It is also the fast
//! `Hasher` of the maps of short words (the aligner's cache). It is not a
//! defence against keys chosen to collide; nothing here needs one.

use std::hash::Hasher;

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a state: feed it bytes or `\0`-terminated fields, read [`Fnv::value`].
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(OFFSET)
    }
}

impl Fnv {
    /// Hashes `bytes` into the state.
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }

    /// Hashes `s` and a `\0`, so that `("ab", "c")` and `("a", "bc")` differ.
    pub fn field(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0]);
    }

    /// The hash so far.
    pub fn value(&self) -> u64 {
        self.0
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
    }
}

/// FNV-1a of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.bytes(bytes);
    h.value()
}

/// FNV-1a of each field followed by `\0`, in order.
pub fn fields<'a>(fields: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut h = Fnv::default();
    for f in fields {
        h.field(f);
    }
    h.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_field_separation() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        assert_ne!(fields(["ab", "c"]), fields(["a", "bc"]));
        let mut h = Fnv::default();
        h.write(b"foobar");
        assert_eq!(h.finish(), fnv1a(b"foobar"));
    }
}
