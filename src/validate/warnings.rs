//! Checks across the whole report, which warn and do not stop the build: a
//! total or level that disagrees with the year's catalog, and years and
//! provinces named in free text that belong to another document.

use super::{Fields, Validator};
use crate::catalog::Catalog;
use crate::report::Report;
use crate::thai::arabic_digits;

impl Validator<'_> {
    pub(super) fn check_totals(&mut self, f: &Fields, catalog: &Catalog, report: &Report) {
        let result = &report.result;
        let pos_of = |key: &str| f.get("result").and_then(|n| n.get(key)).map_or(f.pos, |n| n.pos);
        let (weighted, derived) = super::derived(catalog, result);
        // A hair of slack: in floating point 50.10 - 50.00 is just over 0.1,
        // and a difference of exactly 0.1 is allowed.
        let off = |w: f64| (w - result.total.value).abs() > 0.1 + 1e-9;
        if let Some(w) = weighted.filter(|w| off(*w)) {
            let weights: Vec<String> = catalog.tools.iter().map(|t| format!("{} {}%", t.code, t.weight)).collect();
            self.warn(
                pos_of("total"),
                "result.total",
                format!(
                    "คะแนนรวม {} ไม่ตรงกับ {w:.2} ที่คำนวณจากคะแนนเครื่องมือและน้ำหนักของปี {} ({})",
                    result.total.written,
                    catalog.fiscal_year,
                    weights.join(", ")
                ),
                format!(
                    "the total {} disagrees with {w:.2}, computed from the tools and the {} weights ({})",
                    result.total.written,
                    catalog.fiscal_year,
                    weights.join(", ")
                ),
            );
        }
        if result.level != derived {
            self.warn(
                pos_of("level"),
                "result.level",
                format!(
                    "ระดับ \"{}\" ไม่ตรงกับเกณฑ์ของปี {}: คะแนน {} อยู่ในระดับ \"{derived}\"",
                    result.level, catalog.fiscal_year, result.total.written
                ),
                format!(
                    "the level \"{}\" disagrees with the {} bands: a total of {} is \"{derived}\"",
                    result.level, catalog.fiscal_year, result.total.written
                ),
            );
        }
    }

    /// Years and provinces named in free text that do not belong to this
    /// document: signs of text copied from another year's or agency's file.
    pub(super) fn scan_free_text(&mut self, r: &Report) {
        let first = r.fiscal_year - 1;
        // A date a year either side of the document's years is a slip: 2659
        // typed for 2569.
        for (path, pos, date) in std::mem::take(&mut self.dates) {
            let (lo, hi) = (first, r.plan_year + 1);
            if !(lo..=hi).contains(&date.year_be) {
                self.warn(
                    pos,
                    &path,
                    format!("วันที่ {} อยู่นอกช่วงปี {lo}–{hi} ของเอกสารนี้ (พิมพ์ปีผิดหรือไม่)", date.be()),
                    format!(
                        "the date {} lies outside this document's years {lo}–{hi} (is the year mistyped?)",
                        date.be()
                    ),
                );
            }
        }
        for (path, pos, text) in std::mem::take(&mut self.free_text) {
            // What was done about the measures is written a year on, and
            // its way forward names the year after theirs.
            let reporting = path.contains(".result.") || path.starts_with("followup.");
            let last = r.plan_year + i32::from(reporting);
            for year in years_named(&text) {
                if year < first || year > last {
                    self.warn(
                        pos,
                        &path,
                        format!("ข้อความระบุปี {year} ซึ่งอยู่นอกช่วง {first}–{last} ของเอกสารนี้ (คัดลอกมาจากเอกสารปีอื่นหรือไม่)"),
                        format!("the text names the year {year}, outside this document's {first}–{last} (copied from another year's document?)"),
                    );
                }
            }
            let Some(own) = &r.agency.province else {
                continue;
            };
            for province in provinces_named(&text).into_iter().filter(|p| p != own) {
                self.warn(
                    pos,
                    &path,
                    format!("ข้อความระบุจังหวัด{province} แต่หน่วยงานอยู่จังหวัด{own} (คัดลอกมาจากเอกสารของหน่วยงานอื่นหรือไม่)"),
                    format!("the text names the province {province}, but the agency is in {own} (copied from another agency's document?)"),
                );
            }
        }
    }
}

pub fn provinces() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../data/provinces.txt").lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    })
}

/// Provinces a text names after จังหวัด or จ.
fn provinces_named(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for prefix in ["จังหวัด", "จ."] {
        for (at, _) in text.match_indices(prefix) {
            let rest = text[at + prefix.len()..].trim_start();
            if let Some(p) = provinces().iter().find(|p| rest.starts_with(**p))
                && !found.iter().any(|f| f == p)
            {
                found.push(p.to_string());
            }
        }
    }
    found
}

/// Buddhist Era years a text names after ปี or พ.ศ. (a bare four-digit
/// number may be an amount).
fn years_named(text: &str) -> Vec<i32> {
    let text = arabic_digits(text);
    let chars: Vec<char> = text.chars().collect();
    let mut years = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 4 {
            continue;
        }
        let year: i32 = chars[start..i].iter().collect::<String>().parse().unwrap();
        let before: String = chars[start.saturating_sub(14)..start].iter().collect();
        if (2400..2800).contains(&year) && (before.contains("ปี") || before.contains("พ.ศ")) && !years.contains(&year)
        {
            years.push(year);
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_found_after_pi_or_phor_sor() {
        assert_eq!(years_named("ประจำปี พ.ศ.๒๕๖๗ และในปี 2569"), [2567, 2569]);
        assert_eq!(years_named("งบ 2500 บาท"), Vec::<i32>::new());
        assert_eq!(years_named("ปี 25690"), Vec::<i32>::new());
    }

    #[test]
    fn provinces_are_found_after_changwat() {
        assert_eq!(provinces_named("คณะกรรมการปราบปรามการทุจริตจังหวัดจันทบุรีเพื่อ"), ["จันทบุรี"]);
        assert_eq!(provinces_named("ที่ จ. เลย และจังหวัดหนองบัวลำภู"), ["หนองบัวลำภู", "เลย"]);
        assert!(provinces_named("เลยเวลา").is_empty());
    }
}
