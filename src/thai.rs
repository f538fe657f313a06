//! Thai formatting: digits, numbers, phone numbers, dates, periods and item
//! codes, as an official document prints them. Templates reach these as
//! minijinja filters (see `compose`).

use crate::date::Date;

/// Which digits the document prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Numerals {
    #[default]
    Thai,
    Arabic,
}

const THAI_ZERO: u32 = '๐' as u32;

pub(crate) const MONTHS_LONG: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];
pub(crate) const MONTHS_SHORT: [&str; 12] =
    ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

/// A character of the Thai block (letters, marks, digits, ฯ and ๆ).
pub fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Every Thai digit in `s` as its Arabic digit; everything else unchanged.
pub fn arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_digit(c as u32 - THAI_ZERO, 10).unwrap(),
            _ => c,
        })
        .collect()
}

/// Every Arabic digit in `s` as its Thai digit; everything else unchanged.
pub fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(THAI_ZERO + c.to_digit(10).unwrap()).unwrap(),
            _ => c,
        })
        .collect()
}

/// The dates a Thai text names as a day, a month's name or abbreviation and
/// a Buddhist year (๑๕ มกราคม ๒๕๖๙, 15 ม.ค. 69, ๓ ก.พ. พ.ศ. ๒๕๖๙); a
/// date without its year is not one.
pub fn dates_in(text: &str) -> Vec<Date> {
    let text = arabic_digits(text);
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let (day, after) = leading_number(&rest[at..]);
        rest = after;
        let after_day = after.trim_start();
        let month = (0..12).find_map(|m| {
            [MONTHS_LONG[m], MONTHS_SHORT[m]].iter().find_map(|name| after_day.strip_prefix(name).map(|r| (m, r)))
        });
        let Some((month, after_month)) = month else { continue };
        let year_text = after_month.trim_start();
        let year_text = year_text.strip_prefix("พ.ศ.").unwrap_or(year_text).trim_start();
        let (year, _) = leading_number(year_text);
        let year_be = match year.len() {
            4 => year.parse().ok(),
            2 => year.parse::<i32>().ok().map(|y| 2500 + y),
            _ => None,
        };
        let date = year_be.map(|y| format!("{y}-{}-{}", month + 1, day));
        if let Some(d) = date.and_then(|d| Date::parse(&d).ok()) {
            found.push(d);
        }
    }
    found
}

/// The digits a text starts with, and what follows them.
fn leading_number(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// Formats for one document: the digits it prints are chosen once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Formatter {
    pub numerals: Numerals,
}

impl Formatter {
    pub fn new(numerals: Numerals) -> Self {
        Formatter { numerals }
    }

    /// Any text with its digits in the document's numerals.
    pub fn digits(&self, s: &str) -> String {
        match self.numerals {
            Numerals::Thai => thai_digits(s),
            Numerals::Arabic => arabic_digits(s),
        }
    }

    /// A number exactly as the input wrote it (`81.90` stays `๘๑.๙๐`, `100`
    /// stays `๑๐๐`), in the document's digits.
    pub fn number(&self, written: &str) -> String {
        self.digits(written)
    }

    /// A percentage: `๘๑.๙๐%`.
    pub fn percent(&self, written: &str) -> String {
        format!("{}%", self.number(written))
    }

    /// A phone number. Written with separators, it keeps them; written as
    /// bare digits, it is grouped the Thai way: `0XX-XXXXXX` for a 9-digit
    /// landline, `0XX-XXX-XXXX` for a 10-digit mobile.
    pub fn phone(&self, written: &str) -> String {
        let plain = arabic_digits(written.trim());
        let grouped = if plain.bytes().all(|b| b.is_ascii_digit()) {
            match plain.len() {
                9 => format!("{}-{}", &plain[..3], &plain[3..]),
                10 => format!("{}-{}-{}", &plain[..3], &plain[3..6], &plain[6..]),
                _ => plain,
            }
        } else {
            plain
        };
        self.digits(&grouped)
    }

    /// `๑ ตุลาคม ๒๕๖๘`
    pub fn date_long(&self, d: &Date) -> String {
        self.digits(&format!("{} {} {}", d.day, MONTHS_LONG[d.month as usize - 1], d.year_be))
    }

    /// `๑ ต.ค. ๖๘`: the Buddhist year's last two digits.
    pub fn date_short(&self, d: &Date) -> String {
        self.digits(&format!("{} {} {:02}", d.day, MONTHS_SHORT[d.month as usize - 1], d.year_be.rem_euclid(100)))
    }

    /// `๑ ต.ค. ๖๘ – ๓๐ ก.ย. ๖๙`
    pub fn period(&self, from: &Date, to: &Date) -> String {
        format!("{} – {}", self.date_short(from), self.date_short(to))
    }

    /// A year: `๒๕๖๘`.
    pub fn year(&self, year: i32) -> String {
        self.digits(&year.to_string())
    }

    /// An item code keeps its Latin letter: `i10` → `i๑๐`.
    pub fn code(&self, code: &str) -> String {
        self.digits(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn th() -> Formatter {
        Formatter::new(Numerals::Thai)
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn digits_convert_both_ways() {
        assert_eq!(thai_digits("0123456789"), "๐๑๒๓๔๕๖๗๘๙");
        assert_eq!(arabic_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
        assert_eq!(thai_digits("ปี 2568 ข้อ i10"), "ปี ๒๕๖๘ ข้อ i๑๐");
        assert_eq!(arabic_digits("ปี ๒๕๖๘"), "ปี 2568");
    }

    #[test]
    fn numbers_keep_their_written_form() {
        assert_eq!(th().number("81.90"), "๘๑.๙๐");
        assert_eq!(th().number("100"), "๑๐๐");
        assert_eq!(th().number("100.00"), "๑๐๐.๐๐");
        assert_eq!(th().number("0"), "๐");
        assert_eq!(th().percent("78.57"), "๗๘.๕๗%");
    }

    #[test]
    fn arabic_numerals_turn_conversion_off() {
        let ar = Formatter::new(Numerals::Arabic);
        assert_eq!(ar.number("81.90"), "81.90");
        assert_eq!(ar.number("๘๑.๙๐"), "81.90");
        assert_eq!(ar.date_long(&date("2568-10-01")), "1 ตุลาคม 2568");
        assert_eq!(ar.code("i10"), "i10");
    }

    #[test]
    fn phone_numbers() {
        assert_eq!(th().phone("042-351668"), "๐๔๒-๓๕๑๖๖๘");
        assert_eq!(th().phone("042351668"), "๐๔๒-๓๕๑๖๖๘");
        assert_eq!(th().phone("0812345678"), "๐๘๑-๒๓๔-๕๖๗๘");
        assert_eq!(th().phone("๐๔๒ ๓๕๑ ๖๖๘"), "๐๔๒ ๓๕๑ ๖๖๘");
        assert_eq!(th().phone("1111"), "๑๑๑๑");
    }

    #[test]
    fn dates_long_and_short() {
        assert_eq!(th().date_long(&date("2568-10-01")), "๑ ตุลาคม ๒๕๖๘");
        assert_eq!(th().date_long(&date("2025-12-15")), "๑๕ ธันวาคม ๒๕๖๘");
        assert_eq!(th().date_short(&date("2568-10-01")), "๑ ต.ค. ๖๘");
        assert_eq!(th().date_short(&date("2569-09-30")), "๓๐ ก.ย. ๖๙");
        assert_eq!(th().date_short(&date("2600-01-05")), "๕ ม.ค. ๐๐");
        assert_eq!(th().date_long(&date("2568-02-28")), "๒๘ กุมภาพันธ์ ๒๕๖๘");
    }

    #[test]
    fn periods_span_two_dates() {
        assert_eq!(th().period(&date("2568-10-01"), &date("2569-09-30")), "๑ ต.ค. ๖๘ – ๓๐ ก.ย. ๖๙");
    }

    #[test]
    fn dates_named_in_text() {
        let named =
            dates_in("ประชุมเมื่อ ๑๕ มกราคม ๒๕๖๙ และ 3 ก.พ. 69, ๗ มี.ค. พ.ศ. ๒๕๖๙; ๓๑ ก.พ. ๖๙ ไม่มีจริง ๑๒ คน ๕ ตุลาคม");
        let shown: Vec<String> = named.iter().map(Date::be).collect();
        assert_eq!(shown, ["2569-01-15", "2569-02-03", "2569-03-07"]);
    }

    #[test]
    fn codes_keep_their_latin_letter() {
        assert_eq!(th().code("i10"), "i๑๐");
        assert_eq!(th().code("e7"), "e๗");
        assert_eq!(th().code("o12"), "o๑๒");
        assert_eq!(th().year(2569), "๒๕๖๙");
    }
}
