//! Next year's file from this year's: the same agency and settings, this
//! year's total added to the history, the scores blank to be filled, the
//! issues and measures carried as a draft with their periods a year on. The
//! file is changed only where it must be; its comments and layout stay.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::amend::{self, Document, Mapping};
use crate::check::CheckedFile;
use crate::date::{BE_FROM, Date};
use crate::diag::Diagnostic;
use crate::draft::recode::{self, Recoded};
use crate::draft::tree::{self, Step};
use crate::report::{Report, Target};
use crate::thai::arabic_digits;

/// Why this year's file cannot start next year's.
#[derive(Debug, thiserror::Error)]
pub enum LastError {
    #[error("{file} มีข้อผิดพลาด แก้ให้ตรวจผ่านก่อน ({file} has errors: make it check first)")]
    Invalid { file: String, diagnostics: Vec<Diagnostic>, text: String },
    #[error("{file}: อ่าน YAML ไม่ได้ (cannot read its YAML): {problem}")]
    Yaml { file: String, problem: String },
}

/// Next year's file, and what was carried and what is left to fill, line by
/// line in Thai and English.
pub struct NextYear {
    pub text: String,
    pub fiscal_year: i32,
    pub said: Vec<String>,
}

/// Where next year's file goes when no path is given: beside this year's,
/// its year in the name moved on (`hannangam-2568.yaml` →
/// `hannangam-2569.yaml`), or else `ita-YEAR.yaml`.
pub fn default_path(last: &Path, year: i32) -> PathBuf {
    let name = last.file_name().unwrap_or_default().to_string_lossy();
    let renamed = name.replace(&(year - 1).to_string(), &year.to_string());
    last.with_file_name(if renamed != name { renamed } else { format!("ita-{year}.yaml") })
}

/// Next year's file from this year's, checked (named `file` in messages).
pub fn from_last(checked: CheckedFile, file: &str) -> Result<NextYear, LastError> {
    let file = file.to_string();
    let Some(report) = checked.report else {
        return Err(LastError::Invalid { file, diagnostics: checked.diagnostics, text: checked.text });
    };
    let doc = Document::from_str(&checked.text)
        .map_err(|e| LastError::Yaml { file: file.clone(), problem: e.to_string() })?;
    let root = doc.as_mapping().ok_or_else(|| LastError::Yaml { file, problem: "not a mapping".into() })?;
    let next = report.fiscal_year + 1;
    let mut said = vec![format!(
        "ปีงบประมาณ {} → {next}, ปีของมาตรการ {} → {} (fiscal year {} → {next}, plan year {} → {})",
        report.fiscal_year,
        report.plan_year,
        report.plan_year + 1,
        report.fiscal_year,
        report.plan_year,
        report.plan_year + 1
    )];
    root.set("fiscal_year", amend::raw(&next.to_string()));
    if root.contains_key("plan_year") {
        root.set("plan_year", amend::raw(&(report.plan_year + 1).to_string()));
    }
    said.extend(clear_dates(&root));
    said.extend(blank_result(&root, &report));
    let scores = blank_all(root.get_mapping("scores").as_ref());
    said.push(format!("คะแนนรายข้อ {scores} ข้อว่างไว้ให้กรอก ({scores} item scores left blank, to fill in)"));
    let (periods, results) = carry_measures(&root);
    if results > 0 {
        said.push(format!(
            "ลบผลการดำเนินการของปี {} ออกจากมาตรการ {results} รายการ ไว้รายงานผลของปีใหม่ \
             (last year's results taken off {results} measures, to report on the new year's)",
            report.plan_year
        ));
    }
    said.extend(clear_followup(&root));
    let measures: usize = report.issues.iter().map(|i| i.measures.len()).sum();
    said.push(format!(
        "ยกประเด็น {} ประเด็นและมาตรการ {measures} มาตรการมาเป็นร่าง เลื่อนช่วงเวลา {periods} รายการไปหนึ่งปี: ทบทวนการวิเคราะห์และมาตรการ \
         ({} issues and {measures} measures carried as a draft, {periods} periods moved a year on: review the analyses and measures)",
        report.issues.len(),
        report.issues.len()
    ));
    let (text, codes) = carry_codes(doc.to_string(), &report, next);
    said.extend(codes);
    Ok(NextYear { text, fiscal_year: next, said })
}

/// The document's own date and the signatory's are this year's: cleared.
fn clear_dates(root: &Mapping) -> Vec<String> {
    let mut said = Vec::new();
    let Some(document) = root.get_mapping("document") else { return said };
    if document.remove("date").is_some() {
        said.push("ลบวันที่ของเอกสาร (document.date cleared)".into());
    }
    if let Some(signatory) = document.get_mapping("signatory") {
        said.push("ยกผู้ลงนามมา (the signatory carried)".into());
        if signatory.remove("date").is_some() {
            said.push("ลบวันที่ลงนาม (the signatory's date cleared)".into());
        }
    }
    said
}

/// The result's figures blank, the level left to the bands, and this
/// year's total added to the history.
fn blank_result(root: &Mapping, report: &Report) -> Vec<String> {
    let Some(result) = root.get_mapping("result") else { return Vec::new() };
    result.set("total", amend::blank());
    result.remove("level");
    let mut tools = 0;
    if let Some(list) = result.get_sequence("tools") {
        for tool in list.values().filter_map(|t| t.as_mapping().cloned()) {
            tool.set("score", amend::blank());
            tools += 1;
        }
    }
    let indicators = blank_all(result.get_mapping("indicators").as_ref());
    let (year, total) = (report.fiscal_year, &report.result.total.written);
    match result.get_mapping("history") {
        // The year as a number, as it is written: a year already there gets
        // the total, never a second key "2568".
        Some(history) => history.set(year, amend::raw(total)),
        None => {
            let doc = Document::from_str(&format!("history:\n  {year}: {total}\n")).expect("a history entry");
            let history = doc.as_mapping().and_then(|m| m.get("history")).expect("the history");
            result.set("history", history);
        }
    }
    vec![
        format!(
            "คะแนนรวม เครื่องมือ {tools} รายการ และตัวชี้วัด {indicators} ตัวว่างไว้ให้กรอก ระดับคำนวณจากเกณฑ์ \
             (the total, {tools} tools and {indicators} indicators left blank; the level is derived)"
        ),
        format!("เพิ่มคะแนนรวมปี {year} ({total}) ในประวัติ (history gains {year}: {total})"),
    ]
}

/// Every value of a mapping blank; how many.
fn blank_all(map: Option<&Mapping>) -> usize {
    let Some(map) = map else { return 0 };
    let keys: Vec<_> = map.keys().collect();
    for key in &keys {
        map.set(key, amend::blank());
    }
    keys.len()
}

/// Each measure's period of dates a year on and its result taken off:
/// how many moved, and how many results there were.
fn carry_measures(root: &Mapping) -> (usize, usize) {
    let (mut moved, mut results) = (0, 0);
    let measures = root
        .get_sequence("issues")
        .into_iter()
        .flat_map(|issues| issues.values().collect::<Vec<_>>())
        .filter_map(|issue| issue.as_mapping().and_then(|i| i.get_sequence("measures")))
        .flat_map(|measures| measures.values().collect::<Vec<_>>());
    for measure in measures {
        let Some(measure) = measure.as_mapping() else { continue };
        results += usize::from(measure.remove("result").is_some());
        let Some(period) = measure.get_mapping("period") else { continue };
        for key in ["from", "to"] {
            let written = period.get(key).map(|v| v.to_string());
            if let Some(date) = written.as_deref().and_then(|w| Date::parse(w.trim().trim_matches(['"', '\''])).ok()) {
                period.set(key, amend::raw(&a_year_on(date, written.unwrap_or_default().trim())));
            }
        }
        moved += 1;
    }
    (moved, results)
}

/// The follow-up report's settings carried, what belongs to last year's
/// report (its period, date and remarks, the reporter's date) cleared.
fn clear_followup(root: &Mapping) -> Vec<String> {
    let Some(followup) = root.get_mapping("followup") else { return Vec::new() };
    let cleared: Vec<&str> =
        ["period", "date", "obstacles", "suggestions"].into_iter().filter(|k| followup.remove(k).is_some()).collect();
    if let Some(signatory) = followup.get_mapping("signatory") {
        signatory.remove("date");
    }
    if cleared.is_empty() {
        return vec!["ยกการตั้งค่ารายงานผล (followup) มา (the followup settings carried)".into()];
    }
    let list = cleared.join(", ");
    vec![format!(
        "ยกการตั้งค่ารายงานผล (followup) มา ลบ {list} ของปีก่อน (the followup settings carried, last year's {list} cleared)"
    )]
}

/// A date a year on, in the era it was written in (29 February becomes 28).
fn a_year_on(date: Date, written: &str) -> String {
    let day = if date.month == 2 && date.day == 29 { 28 } else { date.day };
    let written_year = arabic_digits(written.trim_matches(['"', '\''])).get(..4).and_then(|y| y.parse::<i32>().ok());
    let year = if written_year.is_some_and(|y| y >= BE_FROM) { date.year_be + 1 } else { date.year_ce() + 1 };
    format!("{year:04}-{:02}-{day:02}", date.month)
}

/// Next year's codes: those the catalogs map renamed ([`recode`]), unless
/// the file names a catalog of its own; and what the official should look
/// at, said.
fn carry_codes(text: String, report: &Report, next: i32) -> (String, Vec<String>) {
    let Some(tree) = tree::read(&text) else { return (text, Vec::new()) };
    if tree.at(&[Step::Key("document".into()), Step::Key("catalog".into())]).is_some() {
        return (text, Vec::new());
    }
    let (text, _, recoded) = recode::carry(text, tree, report.fiscal_year, next);
    let targets = report.issues.iter().flat_map(|i| &i.measures).filter_map(|m| match &m.target {
        Target::Item(item) => Some(item.code.as_str()),
        Target::Text(_) => None,
    });
    let issues: Vec<&str> =
        report.issues.iter().flat_map(|i| i.items.iter().map(|it| it.code.as_str())).chain(targets).collect();
    (text, said_of(&recoded, &issues))
}

/// What carrying the codes did, and of the codes the issues use, those
/// whose item is another next year or has no text then.
fn said_of(r: &Recoded, issues: &[&str]) -> Vec<String> {
    let (year, next) = (r.from, r.to);
    let mut said: Vec<String> = r
        .moved
        .iter()
        .map(|(a, b)| format!("{a} → {b}: ข้อเดียวกันในปี {next} ใช้รหัส {b} ({a}'s item is {b} in {next}: renamed)"))
        .collect();
    said.extend(r.held.iter().map(|(a, b)| {
        format!(
            "{a}: ปี {next} ข้อนี้คือ {b} แต่ไฟล์ใช้ {b} อยู่แล้ว จึงไม่ได้เปลี่ยน ตรวจแล้วแก้เอง \
             ({a}'s item is {b} in {next}, which the file uses already: left as it was)"
        )
    }));
    said.extend(r.own.iter().filter(|c| issues.contains(&c.as_str())).map(|code| {
        format!(
            "{code}: ข้อความใต้ texts: เป็นของปี {year} ตรวจว่ายังตรงกับข้อ {code} ของปี {next} \
             ({code}'s text under texts: is {year}'s: check it still names the {next} item)"
        )
    }));
    said.extend(r.differs.iter().filter(|d| issues.contains(&d.code.as_str())).map(|d| {
        let (code, before, after) = (&d.code, &d.before, d.after.as_deref().unwrap_or("ไม่มีข้อนี้"));
        format!(
            "{code}: ปี {year} คือ \"{before}\" ปี {next} คือ \"{after}\" ตรวจว่ายังเป็นข้อที่ตั้งใจ \
             ({code}'s item in {next} is another: check it is still the item meant)"
        )
    }));
    let untitled: Vec<&str> = r.unknown.iter().map(String::as_str).filter(|c| issues.contains(c)).collect();
    if !untitled.is_empty() {
        let list = untitled.join(", ");
        said.push(format!(
            "{list}: ไม่มีข้อความในกรอบการประเมินปี {next} ให้ข้อความใต้ texts: หรือเลือกรหัสของปี {next} \
             ({list}: no text in the {next} catalog; give them under texts:, or choose the {next} codes)"
        ));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_move_a_year_on_in_the_era_they_are_written_in() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(a_year_on(d("2568-10-01"), "2568-10-01"), "2569-10-01");
        assert_eq!(a_year_on(d("2025-10-01"), "2025-10-01"), "2026-10-01");
        assert_eq!(a_year_on(d("2567-02-29"), "2567-02-29"), "2568-02-28");
    }

    #[test]
    fn the_default_name_moves_the_year_on() {
        assert_eq!(default_path(Path::new("a/hannangam-2568.yaml"), 2569), Path::new("a/hannangam-2569.yaml"));
        assert_eq!(default_path(Path::new("ita.yaml"), 2569), Path::new("ita-2569.yaml"));
    }
}
