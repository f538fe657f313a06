//! What a line must never part, whatever script it is in: a number with its
//! decimals and its %, a code (i๑๐), พ.ศ. with its year, a date (๑ ต.ค. ๖๘),
//! and names written with a space (the signatory's).

use crate::thai::{MONTHS_LONG, MONTHS_SHORT};

/// A stretch of a row to keep on one line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// Which of the phrases given it is, if it is one.
    pub phrase: Option<usize>,
}

/// The stretches of a row to keep on one line, in order, none overlapping.
pub fn spans(row: &str, names: &[String]) -> Vec<Span> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(c) = row[at..].chars().next() {
        let rest = &row[at..];
        // Most letters start nothing: tried first, as every letter is.
        let unit = match c {
            _ if is_digit(c) => date(rest).or_else(|| number(rest)),
            'พ' | 'ค' => era(rest),
            _ if c.is_ascii_alphabetic() => number(rest),
            _ => None,
        };
        let span = unit.map(|len| (len, None)).or_else(|| name(rest, names).map(|(i, len)| (len, Some(i))));
        match span {
            Some((len, phrase)) if len > 0 => {
                found.push(Span { start: at, end: at + len, phrase });
                at += len;
            }
            // A number starts only where a word does: not inside "x2".
            _ => at += word_len(rest).max(c.len_utf8()),
        }
    }
    found
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('๐'..='๙').contains(&c)
}

/// The length of the letters and digits a text starts with, if it starts
/// with a Latin letter (a code or a word, not to be entered halfway).
fn word_len(s: &str) -> usize {
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return 0;
    }
    s.find(|c: char| !(c.is_ascii_alphanumeric() || is_digit(c))).unwrap_or(s.len())
}

/// A number (๔.๗๖%, ๑,๒๐๐, 2568) or a code (i๑๐, o27) at the start of `s`.
fn number(s: &str) -> Option<usize> {
    let letters = s.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(s.len());
    let mut end = letters;
    let mut digits = 0;
    for (i, c) in s[letters..].char_indices() {
        let at = letters + i;
        if is_digit(c) {
            digits += 1;
            end = at + c.len_utf8();
        } else if matches!(c, '.' | ',') && digits > 0 && s[at + 1..].starts_with(is_digit) {
            continue;
        } else {
            break;
        }
    }
    // Digits inside a word (abc123def) are the word's, not a number.
    let inside = s[end..].starts_with(|c: char| c.is_ascii_alphabetic());
    if digits == 0 || inside {
        return None;
    }
    Some(if s[end..].starts_with('%') { end + 1 } else { end })
}

fn spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}

/// พ.ศ. or ค.ศ. and its year.
fn era(s: &str) -> Option<usize> {
    let era = ["พ.ศ.", "ค.ศ."].into_iter().find(|e| s.starts_with(e))?.len();
    let gap = spaces(&s[era..]);
    let year = s[era + gap..].find(|c: char| !is_digit(c)).unwrap_or(s.len() - era - gap);
    (year > 0).then_some(era + gap + year)
}

/// A day with its month, and its year if it has one: ๑ ต.ค. ๖๘,
/// ๓๐ กันยายน พ.ศ. ๒๕๖๘.
fn date(s: &str) -> Option<usize> {
    let day = s.find(|c: char| !is_digit(c)).unwrap_or(s.len());
    if day == 0 || s[..day].chars().count() > 2 {
        return None;
    }
    let gap = spaces(&s[day..]);
    let after = &s[day + gap..];
    let month = MONTHS_LONG.iter().chain(&MONTHS_SHORT).filter(|m| after.starts_with(*m)).map(|m| m.len()).max()?;
    let end = day + gap + month;
    let gap = spaces(&s[end..]);
    let year = era(&s[end + gap..]).or_else(|| {
        let digits = s[end + gap..].find(|c: char| !is_digit(c)).unwrap_or(s.len() - end - gap);
        (digits > 0).then_some(digits)
    });
    Some(year.map_or(end, |y| end + gap + y))
}

/// A name of several words given to keep whole (one of Thai alone is kept
/// with the words around it, in the Thai run it is part of): which, and
/// its length.
fn name(s: &str, names: &[String]) -> Option<(usize, usize)> {
    names
        .iter()
        .enumerate()
        .filter(|(_, n)| s.starts_with(n.as_str()))
        .map(|(i, n)| (i, n.len()))
        .max_by_key(|&(_, len)| len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(row: &str) -> Vec<&str> {
        spans(row, &["นายสมชาย ศรีสวัสดิ์".to_string()]).into_iter().map(|s| &row[s.start..s.end]).collect()
    }

    #[test]
    fn numbers_codes_years_and_dates_are_kept_whole() {
        assert_eq!(kept("มาก ๔.๗๖% และ ๑๔.๒๙%"), ["๔.๗๖%", "๑๔.๒๙%"]);
        assert_eq!(kept("ข้อ i๑๐ ได้ 81.90 คะแนน, ข้อ o27."), ["i๑๐", "81.90", "o27"]);
        assert_eq!(kept("ประจำปี พ.ศ. ๒๕๖๘ และ พ.ศ.๒๕๖๗"), ["พ.ศ. ๒๕๖๘", "พ.ศ.๒๕๖๗"]);
        assert_eq!(kept("ตั้งแต่ ๑ ต.ค. ๖๘ ถึง ๓๐ กันยายน พ.ศ. ๒๕๖๙"), ["๑ ต.ค. ๖๘", "๓๐ กันยายน พ.ศ. ๒๕๖๙"]);
        assert_eq!(kept("(นายสมชาย ศรีสวัสดิ์)"), ["นายสมชาย ศรีสวัสดิ์"]);
    }

    #[test]
    fn digits_inside_a_word_and_sentence_stops_are_left_alone() {
        assert_eq!(kept("abc123def E-Service x2"), ["x2"]);
        assert_eq!(kept("ได้ ๑๐๐."), ["๑๐๐"]);
        assert_eq!(kept("ปี ๒๕๖๘ ๑ ๒"), ["๒๕๖๘", "๑", "๒"]);
    }
}
