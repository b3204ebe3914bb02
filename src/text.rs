//! Text helpers shared by every stage: Unicode normalisation, Vietnamese folding, slugs.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Returns `s` in Unicode NFC, borrowing nothing: every string loaded from a file goes through here.
pub fn nfc(s: &str) -> String {
    if is_plain_nfc(s) || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` holds only characters that are NFC on their own and never combine with what
/// precedes them: below U+0300 (ASCII, Latin-1, Latin Extended) or in Latin Extended Additional
/// (U+1E00–U+1EFF, every precomposed Vietnamese letter). Such text is NFC without table look-ups.
fn is_plain_nfc(s: &str) -> bool {
    // In UTF-8, U+0080–U+02FF are lead bytes C2–CB and U+1E00–U+1EFF are E1 B8–BB; `s` is valid
    // UTF-8, so the continuation bytes need no check.
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at a time.
        if let Some(chunk) = b.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if word & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        match b[i] {
            0x00..=0x7F => i += 1,
            0xC2..=0xCB => i += 2,
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            _ => return false,
        }
    }
    true
}

/// Folds one character to its base letter: `ế` → `e`, `đ` → `d`, `Đ` → `D`.
/// Characters that carry no mark come back unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        c if c.is_ascii() => c,
        c => {
            let mut base = c;
            let mut found = false;
            for d in std::iter::once(c).nfd() {
                if !found && !is_combining_mark(d) {
                    base = d;
                    found = true;
                }
            }
            base
        }
    }
}

/// Removes every Vietnamese diacritic and maps đ/Đ to d/D: "Đăng ký" → "Dang ky".
pub fn fold_diacritics(s: &str) -> String {
    // Character by character: canonical reordering only moves combining marks, which are all
    // dropped, so this equals folding the string's NFD.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(match d {
                    'đ' => 'd',
                    'Đ' => 'D',
                    d => d,
                });
            }
        });
    }
    out
}

/// Makes a URL slug from Vietnamese text: folded, lower case, ASCII letters and digits joined by `-`.
/// "Đăng ký khai sinh" → `dang-ky-khai-sinh`. Returns an empty string when nothing is left.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_dash = false;
    for c in fold_diacritics(s).chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Sort key that orders Vietnamese text the way a reader expects, close enough for lists:
/// folded and lower-cased first, then the original text to keep the order total.
pub fn sort_key(s: &str) -> (String, String) {
    (fold_diacritics(s).to_lowercase(), s.to_owned())
}

/// Levenshtein distance, for "did you mean" hints on unknown keys.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Cuts `s` to at most `max_chars` characters at a word boundary, adding `…` when cut.
pub fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(slugify("Đăng ký khai sinh"), "dang-ky-khai-sinh");
        assert_eq!(slugify("  Thủ tục: cấp xã / phường! "), "thu-tuc-cap-xa-phuong");
        assert_eq!(slugify("Quyết định 15/QĐ-UBND"), "quyet-dinh-15-qd-ubnd");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn nfd_input_gives_nfc() {
        let nfd: String = "Hồ sơ".nfd().collect();
        assert_ne!(nfd, "Hồ sơ");
        assert_eq!(nfc(&nfd), "Hồ sơ");
    }

    #[test]
    fn plain_nfc_ranges_need_no_tables() {
        use unicode_normalization::char::canonical_combining_class;
        let ranges = (0x80u32..0x300).chain(0x1E00..=0x1EFF);
        for c in ranges.filter_map(char::from_u32) {
            let one = c.to_string();
            assert!(is_plain_nfc(&one));
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(one.chars()),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
        }
        assert!(!is_plain_nfc("e\u{301}"));
    }

    /// Folding character by character gives what folding the whole NFD string gives.
    #[test]
    fn folding_equals_folding_the_nfd() {
        let fold_nfd = |s: &str| -> String {
            s.nfd()
                .filter(|c| !is_combining_mark(*c))
                .map(|c| match c {
                    'đ' => 'd',
                    'Đ' => 'D',
                    c => c,
                })
                .collect()
        };
        let all: String = (0x20u32..0x3000).filter_map(char::from_u32).collect();
        let nfd: String = "Đăng ký khai sinh – Hồ sơ".nfd().collect();
        for s in [
            all.as_str(),
            nfd.as_str(),
            "e\u{301}\u{323}a\u{323}\u{301}",
            "가나다 ỆỄ",
        ] {
            assert_eq!(fold_diacritics(s), fold_nfd(s));
        }
    }

    #[test]
    fn folding_chars() {
        assert_eq!(fold_char('ế'), 'e');
        assert_eq!(fold_char('Đ'), 'D');
        assert_eq!(fold_diacritics("Đất đai"), "Dat dai");
    }

    #[test]
    fn closest_key() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("zzzzzz", &["title", "date"]), None);
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate_words("một hai ba bốn", 9), "một hai…");
        assert_eq!(truncate_words("ngắn", 9), "ngắn");
    }
}
