//! Raw bytes of an extraction to text: UTF-8 (with or without a byte order mark) or UTF-16 with
//! a byte order mark. Anything else is refused with the problem and its byte position, so an
//! editor knows what to convert; nothing is guessed.
//!
//! This module only decodes; what the text says is for the other passes.

/// The encoding a raw file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8 {
        /// Whether the file starts with a byte order mark.
        bom: bool,
    },
    /// UTF-16 little-endian, with a byte order mark.
    Utf16Le,
    /// UTF-16 big-endian, with a byte order mark.
    Utf16Be,
}

/// Why a raw file cannot be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl DecodeError {
    /// The byte position the message names, if it names one.
    pub fn byte(&self) -> Option<usize> {
        let (_, after) = self.0.rsplit_once(" at byte ")?;
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes`; the text has no byte order mark.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError("the file is empty".into()));
    }
    let (text, encoding) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le),
        [0xFE, 0xFF, rest @ ..] => (utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be),
        [0xEF, 0xBB, 0xBF, rest @ ..] => (utf8(rest, 3)?, Encoding::Utf8 { bom: true }),
        _ => (utf8(bytes, 0)?, Encoding::Utf8 { bom: false }),
    };
    let offset = match encoding {
        Encoding::Utf8 { bom: true } => 3,
        Encoding::Utf8 { bom: false } => 0,
        _ => 2,
    };
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        let at = match encoding {
            Encoding::Utf8 { .. } => at + offset,
            // Bytes before it: two per UTF-16 code unit.
            _ => offset + 2 * text[..at].encode_utf16().count(),
        };
        return Err(DecodeError(format!(
            "the file holds binary data, not text: control character U+{:04X} at byte {at}",
            u32::from(c)
        )));
    }
    Ok((text, encoding))
}

fn utf8(bytes: &[u8], offset: usize) -> Result<String, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let at = e.valid_up_to();
            if looks_like_utf16(bytes) {
                return Err(DecodeError(
                    "the file looks like UTF-16 without a byte order mark; save it as UTF-8".into(),
                ));
            }
            Err(DecodeError(format!(
                "the file is not valid UTF-8: byte 0x{:02X} at byte {} does not fit (is it in \
                 another encoding, such as Windows-1256? convert it to UTF-8 first, e.g. \
                 `iconv -f WINDOWS-1256 -t UTF-8`)",
                bytes[at],
                at + offset
            )))
        }
    }
}

/// Many NUL bytes at every other position: UTF-16 text that lost its byte order mark.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(200)];
    let nul_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let half = sample.len() / 2;
    half > 4 && (nul_even * 3 > half || nul_odd * 3 > half) && (nul_even == 0 || nul_odd == 0)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if bytes.len() % 2 == 1 {
        return Err(DecodeError(format!(
            "the file says it is UTF-16 but has an odd number of bytes: the last one, at byte {}, \
             is half a character",
            bytes.len() + 1
        )));
    }
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text = String::with_capacity(bytes.len());
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(e) => {
                return Err(DecodeError(format!(
                    "the file is not valid UTF-16: unpaired surrogate 0x{:04X} at byte {}",
                    e.unpaired_surrogate(),
                    2 + 2 * i
                )));
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_read_and_bad_bytes_named() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("نص".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("نص".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let ok: &[(&[u8], &str, Encoding)] = &[
            ("نص".as_bytes(), "نص", Encoding::Utf8 { bom: false }),
            (b"\xEF\xBB\xBFab", "ab", Encoding::Utf8 { bom: true }),
            (&utf16le, "نص", Encoding::Utf16Le),
            (&utf16be, "نص", Encoding::Utf16Be),
            (b"a\x0cb\r\n", "a\x0cb\r\n", Encoding::Utf8 { bom: false }),
        ];
        for (bytes, text, encoding) in ok {
            assert_eq!(decode(bytes), Ok(((*text).to_owned(), *encoding)));
        }
        let bad: &[(&[u8], &str)] = &[
            (b"", "the file is empty"),
            (b"ab\xE9cd", "byte 0xE9 at byte 2"),
            (b"\xEF\xBB\xBFab\xFF", "byte 0xFF at byte 5"),
            (b"ab\x00cd", "control character U+0000 at byte 2"),
            (b"\xFF\xFEa", "odd number of bytes"),
            (
                b"\xFF\xFE\x00\xD8a\x00",
                "unpaired surrogate 0xD800 at byte 2",
            ),
            (
                b"a\x00b\x00c\x00d\x00e\x00f\x00\xff",
                "UTF-16 without a byte order mark",
            ),
        ];
        for (bytes, message) in bad {
            let err = decode(bytes).unwrap_err();
            assert!(err.0.contains(message), "{bytes:?}: {err}");
        }
    }
}
