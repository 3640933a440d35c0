//! Byte scans over UTF-8 text for the passes that look for rare characters (digits, Latin
//! letters) in mostly Arabic text: whole chunks are tested at once, without branches, so the
//! compiler can use vector instructions, and only the chunks where something may be are read
//! closely.

use std::ops::Range;

/// How many bytes are tested at once.
const CHUNK: usize = 64;

/// The byte ranges of `bytes`, in order, in which `suspect(byte, next byte)` holds for some
/// byte (the byte after the last is 0). Every byte for which it holds is in one of them.
///
/// `suspect` should combine its tests with `&` and `|`, not `&&` and `||`, so that it has no
/// branches.
pub(crate) fn suspect_chunks<'a>(
    bytes: &'a [u8],
    suspect: impl Fn(u8, u8) -> bool + Copy + 'a,
) -> impl Iterator<Item = Range<usize>> + 'a {
    (0..bytes.len()).step_by(CHUNK).filter_map(move |start| {
        let end = (start + CHUNK).min(bytes.len());
        let hit = match pair(bytes, start) {
            Some((these, nexts)) => any_pair(these, nexts, suspect),
            None => chunk_hits(bytes, start, suspect) != 0,
        };
        hit.then_some(start..end)
    })
}

/// Each index of `bytes`, in order, at which `suspect(byte, next byte)` holds (the byte after
/// the last is 0). The hits of each chunk are marked in one 64-bit word, read bit by bit, so
/// the work per chunk is one test per byte (without branches) and then one step per hit.
pub(crate) fn suspects<'a>(
    bytes: &'a [u8],
    suspect: impl Fn(u8, u8) -> bool + Copy + 'a,
) -> impl Iterator<Item = usize> + 'a {
    (0..bytes.len())
        .step_by(CHUNK)
        .flat_map(move |start| Bits(chunk_hits(bytes, start, suspect)).map(move |bit| start + bit))
}

/// The bits set in a word, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

/// The bytes of the chunk at `start` for which `test(byte, next byte)` holds, as bits (bit k
/// for byte `start + k`). A chunk cut short by the end of `bytes` is copied and padded with
/// zeros, so it is tested the same way as a whole one; the bits past the end are dropped.
fn chunk_hits(bytes: &[u8], start: usize, test: impl Fn(u8, u8) -> bool) -> u64 {
    if let Some((these, nexts)) = pair(bytes, start) {
        return if any_pair(these, nexts, &test) {
            mask(these, nexts, test)
        } else {
            0
        };
    }
    // Here at most one chunk is left, with no byte after it.
    let rest = bytes.get(start..).unwrap_or_default();
    let len = rest.len().min(CHUNK);
    if len == 0 {
        return 0;
    }
    let mut padded = [0u8; CHUNK + 1];
    padded[..len].copy_from_slice(&rest[..len]);
    let these: [u8; CHUNK] = std::array::from_fn(|k| padded[k]);
    let nexts: [u8; CHUNK] = std::array::from_fn(|k| padded[k + 1]);
    let valid = u64::MAX >> (CHUNK - len);
    mask(&these, &nexts, test) & valid
}

/// The pairs of a chunk for which `test` holds, as bits (bit k for byte k).
fn mask(these: &[u8; CHUNK], nexts: &[u8; CHUNK], test: impl Fn(u8, u8) -> bool) -> u64 {
    // One flag byte per pair (a loop without branches), then each eight flags packed into
    // eight bits: multiplying lands flag k of the group on bit 56 + k, with no carries.
    let mut flags = [0u8; CHUNK];
    for k in 0..CHUNK {
        flags[k] = u8::from(test(these[k], nexts[k]));
    }
    let mut hits = 0u64;
    for (g, group) in flags.chunks_exact(8).enumerate() {
        let group = u64::from_le_bytes(std::array::from_fn(|k| group[k]));
        hits |= (group.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * g);
    }
    hits
}

/// Whether `test` holds for some pair, tested over the whole chunk without branches.
fn any_pair(these: &[u8; CHUNK], nexts: &[u8; CHUNK], test: impl Fn(u8, u8) -> bool) -> bool {
    let mut hit = false;
    for k in 0..CHUNK {
        hit |= test(these[k], nexts[k]);
    }
    hit
}

/// The first index from `from` on where `boring(byte, next byte)` is false, or `bytes.len()`.
/// Whole chunks of boring bytes are passed over at once; in the chunk where the scan stops the
/// place is found from the chunk's bits, not byte by byte.
#[cfg(test)]
pub(crate) fn skip_chunks(bytes: &[u8], mut from: usize, boring: impl Fn(u8, u8) -> bool) -> usize {
    let interesting = |b, next| !boring(b, next);
    while from < bytes.len() {
        let hits = chunk_hits(bytes, from, interesting);
        if hits != 0 {
            return from + hits.trailing_zeros() as usize;
        }
        from += CHUNK;
    }
    bytes.len()
}

/// The chunk of `bytes` at `start` and the same chunk one byte later, when both are whole.
fn pair(bytes: &[u8], start: usize) -> Option<(&[u8; CHUNK], &[u8; CHUNK])> {
    let these = bytes.get(start..start + CHUNK)?.try_into().ok()?;
    let nexts = bytes.get(start + 1..start + CHUNK + 1)?.try_into().ok()?;
    Some((these, nexts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suspect_byte_is_in_a_reported_chunk() {
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for target in [0u8, 3, 200, 250] {
            let chunks: Vec<Range<usize>> = suspect_chunks(&text, |b, _| b == target).collect();
            for (at, &b) in text.iter().enumerate() {
                let reported = chunks.iter().any(|r| r.contains(&at));
                if b == target {
                    assert!(reported, "{target} at {at}");
                }
            }
            // Chunks without the byte are skipped.
            for r in &chunks {
                assert!(text[r.clone()].contains(&target), "{r:?}");
            }
        }
        // Pairs reach across chunk borders; the last byte's next is 0.
        let mut text = vec![b'a'; 130];
        text[63] = b'x';
        text[64] = b'y';
        text[129] = b'z';
        assert_eq!(skip_chunks(&text, 0, |b, _| b == b'a'), 63);
        assert_eq!(skip_chunks(&text, 64, |b, _| b != b'z'), 129);
        assert_eq!(skip_chunks(&text, 65, |b, next| b == next), 128);
        let plain = vec![b'a'; 200];
        assert_eq!(skip_chunks(&plain, 3, |b, _| b == b'a'), 200);
        let pairs: Vec<_> = suspect_chunks(&text, |b, next| (b == b'x') & (next == b'y')).collect();
        assert_eq!(pairs, vec![(0..64)]);
        let last: Vec<_> = suspect_chunks(&text, |b, next| (b == b'z') & (next == 0)).collect();
        assert_eq!(last, vec![(128..130)]);
    }

    #[test]
    fn suspects_are_every_index_where_the_test_holds() {
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 1000] {
            let text = &text[..len];
            for target in [0u8, 3, 7, 200, 250] {
                let test = move |b: u8, next: u8| (b == target) | ((b == 1) & (next == 8));
                let expected: Vec<usize> = (0..text.len())
                    .filter(|&at| test(text[at], text.get(at + 1).map_or(0, |&b| b)))
                    .collect();
                let got: Vec<usize> = suspects(text, test).collect();
                assert_eq!(got, expected, "{len} {target}");
            }
        }
        // The last byte's next is 0, and a chunk's last byte sees the next chunk's first.
        let mut text = vec![b'a'; 130];
        text[63] = b'x';
        text[64] = b'y';
        text[129] = b'z';
        let pairs: Vec<_> = suspects(&text, |b, next| (b == b'x') & (next == b'y')).collect();
        assert_eq!(pairs, [63]);
        let last: Vec<_> = suspects(&text, |b, next| (b == b'z') & (next == 0)).collect();
        assert_eq!(last, [129]);
    }
}
