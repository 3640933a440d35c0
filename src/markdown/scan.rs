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
pub fn suspect_chunks<'a>(
    bytes: &'a [u8],
    suspect: impl Fn(u8, u8) -> bool + 'a,
) -> impl Iterator<Item = Range<usize>> + 'a {
    (0..bytes.len()).step_by(CHUNK).filter_map(move |start| {
        let end = (start + CHUNK).min(bytes.len());
        let hit = match pair(bytes, start) {
            Some((these, nexts)) => any_pair(these, nexts, &suspect),
            // The last chunk, which has no byte after its end.
            None => (start..end).any(|at| suspect(bytes[at], bytes.get(at + 1).map_or(0, |&b| b))),
        };
        hit.then_some(start..end)
    })
}

/// The first index from `from` on where `boring(byte, next byte)` is false, or `bytes.len()`.
/// Whole chunks of boring bytes are passed over at once; the chunk where the scan stops, and
/// the end, are read byte by byte.
pub fn skip_chunks(bytes: &[u8], mut from: usize, boring: impl Fn(u8, u8) -> bool) -> usize {
    let interesting = |b, next| !boring(b, next);
    while let Some((these, nexts)) = pair(bytes, from) {
        if any_pair(these, nexts, interesting) {
            break;
        }
        from += CHUNK;
    }
    (from..bytes.len())
        .find(|&at| interesting(bytes[at], bytes.get(at + 1).map_or(0, |&b| b)))
        .unwrap_or(bytes.len())
}

/// The chunk of `bytes` at `start` and the same chunk one byte later, when both are whole.
fn pair(bytes: &[u8], start: usize) -> Option<(&[u8; CHUNK], &[u8; CHUNK])> {
    let these = bytes.get(start..start + CHUNK)?.try_into().ok()?;
    let nexts = bytes.get(start + 1..start + CHUNK + 1)?.try_into().ok()?;
    Some((these, nexts))
}

/// Whether `test` holds for some pair, tested over the whole chunk without branches.
fn any_pair(these: &[u8; CHUNK], nexts: &[u8; CHUNK], test: impl Fn(u8, u8) -> bool) -> bool {
    let mut hit = false;
    for k in 0..CHUNK {
        hit |= test(these[k], nexts[k]);
    }
    hit
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
}
