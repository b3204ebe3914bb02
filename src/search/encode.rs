//! Byte-level building blocks of the index files: LEB128 varints, an MSB-first bit writer with
//! Golomb-Rice codes, and the FNV-1a hash used for content-hashed file names.

/// Appends `v` as an unsigned LEB128 varint (7 bits a byte, low bits first).
pub(crate) fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends `s` as a varint byte length followed by its UTF-8 bytes.
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Writes bits most significant first; the last byte is padded with zeros.
#[derive(Debug, Default)]
pub(crate) struct BitWriter {
    bytes: Vec<u8>,
    /// Bits not yet written out, in the low `pending` bits.
    acc: u64,
    /// Number of bits in `acc` (always below 8 between calls).
    pending: u32,
}

impl BitWriter {
    /// Writes the low `n` bits of `v` (n ≤ 32), most significant first.
    pub fn bits(&mut self, v: u32, n: u32) {
        let n = n.min(32);
        if n == 0 {
            return;
        }
        let mask = (1u64 << n) - 1;
        self.acc = (self.acc << n) | (u64::from(v) & mask);
        self.pending += n;
        while self.pending >= 8 {
            self.pending -= 8;
            self.bytes.push((self.acc >> self.pending) as u8);
        }
        self.acc &= (1u64 << self.pending) - 1;
    }

    /// Writes one bit.
    pub fn bit(&mut self, b: bool) {
        self.bits(u32::from(b), 1);
    }

    /// Writes `q` one bits then a zero bit.
    pub fn unary(&mut self, mut q: u32) {
        while q >= 32 {
            self.bits(u32::MAX, 32);
            q -= 32;
        }
        // q ones then a zero: q + 1 ≤ 32 bits.
        self.bits(((1u64 << (q + 1)) - 2) as u32, q + 1);
    }

    /// Golomb-Rice code of `x` with parameter `k`: `x >> k` in unary, then the low `k` bits.
    pub fn rice(&mut self, x: u32, k: u32) {
        self.unary(x >> k);
        self.bits(x & ((1 << k) - 1), k);
    }

    /// Pads the last byte and returns every byte written; [`BitWriter::reset`] before reuse.
    pub fn flush(&mut self) -> &[u8] {
        if self.pending > 0 {
            self.bytes.push((self.acc << (8 - self.pending)) as u8);
            (self.acc, self.pending) = (0, 0);
        }
        &self.bytes
    }

    /// Empties the writer, keeping its buffer.
    pub fn reset(&mut self) {
        self.bytes.clear();
        (self.acc, self.pending) = (0, 0);
    }

    /// The written bytes.
    pub fn finish(mut self) -> Vec<u8> {
        if self.pending > 0 {
            self.bytes.push((self.acc << (8 - self.pending)) as u8);
        }
        self.bytes
    }
}

/// Number of bits `rice(x, k)` takes.
pub(crate) fn rice_len(x: u32, k: u32) -> u64 {
    u64::from(x >> k) + 1 + u64::from(k)
}

/// The Rice parameter (0..=20) that codes `values` in the fewest bits (ties: the smallest).
///
/// The total length `f(k)` is convex in `k`: `f(k) - f(k + 1)` is the sum of `⌈(x >> k) / 2⌉`
/// minus the number of values, which never grows with `k`. So the first `k` with
/// `f(k) <= f(k + 1)` is the first minimum, and the search stops there.
pub(crate) fn best_rice_k(values: &[u32]) -> u32 {
    let total = |k: u32| values.iter().map(|&x| rice_len(x, k)).sum::<u64>();
    let mut best = total(0);
    for k in 0..20 {
        let next = total(k + 1);
        if next >= best {
            return k;
        }
        best = next;
    }
    20
}

/// Bytes [`varint`] writes for `v`.
pub(crate) fn varint_len(v: u64) -> usize {
    (64 - v.leading_zeros() as usize).max(1).div_ceil(7)
}

/// FNV-1a, 64 bits.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv64::default();
    h.write(bytes);
    h.0
}

/// FNV-1a 64 fed piece by piece: the hash of the pieces joined, without joining them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv64(pub u64);

impl Default for Fnv64 {
    fn default() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    /// Hashes `bytes` on.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// FNV-1a, 32 bits: assigns pair terms to shards and signs pair spellings (cheap in JS).
pub(crate) fn fnv1a32(bytes: &[u8]) -> u32 {
    fnv1a32_parts(&[bytes])
}

/// FNV-1a 32 of `parts` joined.
pub(crate) fn fnv1a32_parts(parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in parts.iter().copied().flatten() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The first `chars` base-32 digits (`0-9a-v`, 5 bits each) of the FNV-1a hash of `bytes`.
pub(crate) fn short_hash(bytes: &[u8], chars: usize) -> String {
    base32(fnv1a64(bytes), chars)
}

/// The first `chars` base-32 digits (`0-9a-v`, 5 bits each, most significant first) of `h`.
pub(crate) fn base32(h: u64, chars: usize) -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    (0..chars.min(12))
        .map(|i| DIGITS[((h >> (59 - 5 * i)) & 31) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints() {
        let mut v = Vec::new();
        varint(&mut v, 0);
        varint(&mut v, 127);
        varint(&mut v, 128);
        varint(&mut v, 300);
        assert_eq!(v, [0, 127, 0x80, 1, 0xac, 2]);
        for v in [0, 1, 127, 128, 16_383, 16_384, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            varint(&mut out, v);
            assert_eq!(varint_len(v), out.len(), "{v}");
        }
    }

    #[test]
    fn bits_and_rice() {
        let mut w = BitWriter::default();
        w.bits(0b101, 3);
        w.rice(5, 1); // 5>>1 = 2 → 110, low bit 1
        w.unary(0);
        assert_eq!(w.finish(), [0b1011_1010]);
        assert_eq!(best_rice_k(&[0, 0, 1, 0]), 0);
        assert_eq!(best_rice_k(&[40, 50, 60, 33]), 5);
        // The early stop finds what trying every k finds.
        let every = |values: &[u32]| {
            (0..=20)
                .min_by_key(|&k| values.iter().map(|&x| rice_len(x, k)).sum::<u64>())
                .unwrap_or(0)
        };
        let mut x: u32 = 12345;
        for n in 0..400usize {
            let values: Vec<u32> = (0..n % 37)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 8) >> (x % 24)
                })
                .collect();
            assert_eq!(best_rice_k(&values), every(&values), "{values:?}");
        }
        assert_eq!(best_rice_k(&[u32::MAX; 3]), every(&[u32::MAX; 3]));
        assert_eq!(best_rice_k(&[]), every(&[]));
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(short_hash(b"a", 4).len(), 4);
        assert_ne!(short_hash(b"a", 8), short_hash(b"b", 8));
    }
}
