//! Calendar dates as the input gives them: `YYYY-MM-DD`, a year of 2400 or
//! more read as Buddhist Era, otherwise Common Era.

use std::fmt;

/// A valid calendar date, kept in the Buddhist Era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year_be: i32,
    pub month: u32,
    pub day: u32,
}

/// Years from here up are Buddhist Era (2400 BE is 1857 CE).
pub const BE_FROM: i32 = 2400;
/// The Buddhist Era is 543 years ahead of the Common Era.
pub const BE_OFFSET: i32 = 543;

/// A year as the file writes it, in the Buddhist Era: 2400 and over is
/// Buddhist Era already, anything below Common Era.
pub fn be_year(year: i32) -> i32 {
    if year >= BE_FROM { year } else { year + BE_OFFSET }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form YYYY-MM-DD.
    Form,
    /// Of the form, but no such day (2568-02-30).
    NoSuchDay,
}

impl Date {
    /// Parses `YYYY-MM-DD` (Thai digits accepted).
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let s = crate::thai::arabic_digits(s.trim());
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(DateError::Form);
        };
        let digits =
            |p: &str, n: std::ops::RangeInclusive<usize>| n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
            return Err(DateError::Form);
        }
        let (y, month, day): (i32, u32, u32) = (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
        let date = Date { year_be: be_year(y), month, day };
        if month == 0 || month > 12 || day == 0 || day > date.days_in_month() {
            return Err(DateError::NoSuchDay);
        }
        Ok(date)
    }

    pub fn year_ce(&self) -> i32 {
        self.year_be - BE_OFFSET
    }

    /// ISO form in the Buddhist Era (2568-10-01), as a Thai reader writes it.
    pub fn be(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year_be, self.month, self.day)
    }

    fn days_in_month(&self) -> u32 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ => {
                let y = self.year_ce();
                if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 { 29 } else { 28 }
            }
        }
    }
}

impl fmt::Display for Date {
    /// ISO form in the Common Era, for machines and English messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year_ce(), self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn be_and_ce_years_mean_the_same_day() {
        assert_eq!(Date::parse("2568-10-01"), Date::parse("2025-10-01"));
        assert_eq!(Date::parse("2568-10-01").unwrap().year_be, 2568);
        assert_eq!(Date::parse("๒๕๖๘-๑๐-๐๑").unwrap(), Date::parse("2568-10-01").unwrap());
    }

    #[test]
    fn days_that_do_not_exist_are_refused() {
        assert_eq!(Date::parse("2568-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2568-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2568-04-31"), Err(DateError::NoSuchDay));
        // 2567 BE is 2024 CE, a leap year; 2568 BE (2025) is not.
        assert!(Date::parse("2567-02-29").is_ok());
        assert_eq!(Date::parse("2568-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("1 ต.ค. 68"), Err(DateError::Form));
        assert_eq!(Date::parse("2568-10"), Err(DateError::Form));
    }
}
