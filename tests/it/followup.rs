//! The follow-up report (`build --followup`): what was done about each
//! measure, from the same file. Its checks rule by rule, on the minimal
//! file with one result added; its documents on tests/inputs/followup.yaml,
//! the example with made-up results.

use ita_report::check::{CheckedFile, check_bytes};
use ita_report::compose::compose;
use ita_report::diag::{Diagnostic, Severity};
use ita_report::files::NoFiles;
use ita_report::report::{Report, Round, Status};

use crate::support::{
    build, cut_in_order, edit, have, minimal, pdf_text, root, squeeze, squeeze_to_pages, stderr, thai_digits,
};

const INPUT: &str = "tests/inputs/followup.yaml";

/// The minimal file's one measure given `result` (YAML lines under
/// `result:`), and `followup` (lines under `followup:`) when not empty.
fn with_result(result: &str, followup: &str) -> String {
    let indent = |lines: &str, pad: &str| lines.lines().map(|l| format!("{pad}{l}\n")).collect::<String>();
    let mut text = minimal();
    if !result.is_empty() {
        text = edit(
            &text,
            "        owner: สำนักปลัด",
            &format!("        owner: สำนักปลัด\n        result:\n{}", indent(result, "          ")),
        );
    }
    if !followup.is_empty() {
        text.push_str(&format!("followup:\n{}", indent(followup, "  ")));
    }
    text
}

fn check(text: &str) -> CheckedFile {
    check_bytes(text.as_bytes().to_vec(), &NoFiles, None)
}

fn list(o: &CheckedFile) -> String {
    o.diagnostics.iter().map(|d| format!("{}\n", d.display("input.yaml"))).collect()
}

/// The diagnostics about `key`.
fn about<'o>(o: &'o CheckedFile, key: &str) -> Vec<&'o Diagnostic> {
    o.diagnostics.iter().filter(|d| d.key == key).collect()
}

/// The one warning about `key`, its English and Thai holding `en`, `th`.
fn warned(o: &CheckedFile, key: &str, en: &str, th: &str) {
    let found = about(o, key);
    assert_eq!(found.len(), 1, "one diagnostic about {key}, got:\n{}", list(o));
    let d = found[0];
    assert_eq!(d.severity, Severity::Warning, "{}", list(o));
    assert!(d.en.contains(en) && d.th.contains(th), "{}", list(o));
}

fn report(o: CheckedFile) -> Report {
    assert!(!o.has_errors(), "{}", list(&o));
    o.report.unwrap()
}

const RESULT: &str = "issues[0].measures[0].result";

// ---- the checks ----

#[test]
fn a_complete_result_is_clean_and_read() {
    let done = "status: done\npercent: 100\ndone: จัดประชุมเมื่อวันที่ ๑๕ มกราคม ๒๕๖๙\nevidence: https://example.go.th/a";
    let o = check(&with_result(done, ""));
    assert!(o.diagnostics.is_empty(), "{}", list(&o));
    let r = report(o);
    let result = r.issues[0].measures[0].result.as_ref().unwrap();
    assert_eq!(result.status, Some(Status::Done));
    assert_eq!(result.evidence, ["https://example.go.th/a"]);
    assert!(r.followup.measures_item.is_some(), "the 2569 catalog names the measures' item");
}

#[test]
fn no_result_and_no_followup_is_no_report_and_no_warning() {
    let o = check(&minimal());
    assert!(o.diagnostics.is_empty(), "{}", list(&o));
    assert!(!report(o).has_results());
}

#[test]
fn a_result_begun_without_its_status_is_a_warning_and_both_documents_build() {
    let o = check(&with_result("percent: 40\nobstacles: รองบประมาณ", ""));
    warned(&o, &format!("{RESULT}.status"), "no status chosen yet", "ยังไม่ได้เลือกสถานะ");
    let r = report(o);
    let printed = ita_report::compose::compose_followup(&r).plain_text();
    assert!(printed.lines().any(|l| l == "ยังไม่ได้รายงานผล") && printed.contains("รองบประมาณ"), "{printed}");
    assert!(!compose(&r).plain_text().is_empty());
    let o = check(&with_result("{}", ""));
    assert!(!o.has_errors(), "an empty result is begun, not wrong: {}", list(&o));
}

#[test]
fn a_followup_period_that_is_no_pair_of_dates_is_an_error() {
    let o = check(&with_result("status: done", "period: ทั้งปี"));
    let d = about(&o, "followup.period");
    assert!(d.len() == 1 && d[0].severity == Severity::Error && d[0].en.contains("from"), "{}", list(&o));
    let o = check(&with_result("status: done\nผลการดำเนินการ: จัดประชุมแล้ว", ""));
    let d = about(&o, &format!("{RESULT}.ผลการดำเนินการ"));
    assert!(d.len() == 1 && d[0].hint.as_deref().is_some_and(|h| h.contains("done")), "{}", list(&o));
}

#[test]
fn a_measure_without_a_result_is_warned_of_once_a_report_is_asked_for() {
    let o = check(&with_result("", "round: full"));
    warned(&o, RESULT, "no result", "ยังไม่ได้รายงานผล");
}

#[test]
fn not_done_without_obstacles_is_warned_of() {
    for status in ["in_progress", "not_started"] {
        let o = check(&with_result(&format!("status: {status}\npercent: 40"), ""));
        warned(&o, &format!("{RESULT}.obstacles"), "no obstacles", "ปัญหาอุปสรรค");
    }
    let o = check(&with_result("status: in_progress\nobstacles: งบประมาณไม่พอ", ""));
    assert!(o.diagnostics.is_empty(), "{}", list(&o));
}

#[test]
fn a_hundred_percent_not_done_and_done_under_a_hundred_are_warned_of() {
    let o = check(&with_result("status: in_progress\npercent: 100\nobstacles: รอตรวจรับ", ""));
    warned(&o, &format!("{RESULT}.status"), "100 percent", "ร้อยละ ๑๐๐");
    let o = check(&with_result("status: done\npercent: 80", ""));
    warned(&o, &format!("{RESULT}.percent"), "under 100", "ไม่ถึง ๑๐๐");
}

#[test]
fn a_result_dated_outside_the_period_reported_is_warned_of() {
    let done = "status: done\ndone: อบรมเมื่อ ๓ พฤศจิกายน ๒๕๖๙ และ 5 ม.ค. 69";
    let o = check(&with_result(done, "round: half"));
    // The half round is October to March: January is in it, November not.
    warned(&o, &format!("{RESULT}.done"), "2569-11-03 lies outside", "นอกช่วงที่รายงาน");
    let r = report(o);
    assert_eq!(
        (r.followup.round, r.followup.from.be(), r.followup.to.be()),
        (Round::Half, "2568-10-01".into(), "2569-03-31".into())
    );
}

#[test]
fn a_period_outside_the_measures_fiscal_year_is_warned_of() {
    let o = check(&with_result("status: done", "period: {from: 2569-10-01, to: 2570-09-30}"));
    warned(&o, "followup.period", "outside the measures' fiscal year 2569", "นอกปีงบประมาณ 2569");
}

#[test]
fn bad_results_are_located_errors_with_hints() {
    let o = check(&with_result("status: finished", ""));
    let d = about(&o, &format!("{RESULT}.status"));
    assert!(
        d.len() == 1 && d[0].severity == Severity::Error && d[0].en.contains("done | in_progress | not_started"),
        "{}",
        list(&o)
    );
    let o = check(&with_result("status: done\npercent: 120", ""));
    let d = about(&o, &format!("{RESULT}.percent"));
    assert!(d.len() == 1 && d[0].en.contains("from 0 to 100, found 120"), "{}", list(&o));
    let o = check(&with_result("status: done\nobstacle: ไม่มี", ""));
    let d = about(&o, &format!("{RESULT}.obstacle"));
    assert!(d.len() == 1 && d[0].hint.as_deref().is_some_and(|h| h.contains("obstacles")), "{}", list(&o));
    let o = check(&with_result("สถานะ: done", ""));
    let d = about(&o, &format!("{RESULT}.สถานะ"));
    assert!(d.len() == 1 && d[0].hint.as_deref().is_some_and(|h| h.contains("status")), "{}", list(&o));
    let o = check(&with_result("status: done", "round: quarter"));
    assert_eq!(about(&o, "followup.round").len(), 1, "{}", list(&o));
    let line = o.text.lines().position(|l| l.contains("quarter")).unwrap() + 1;
    assert_eq!(about(&o, "followup.round")[0].pos.line, line);
}

#[test]
fn the_measures_item_comes_from_the_plan_years_catalog() {
    // Measures for 2568 were the 2568 assessment's o27.
    let text = edit(&with_result("status: done", ""), "fiscal_year: 2568", "fiscal_year: 2568\nplan_year: 2568");
    let r = report(check(&text));
    let code = |i: &Option<ita_report::report::Item>| i.as_ref().map(|i| i.code.clone());
    assert_eq!(code(&r.followup.measures_item).as_deref(), Some("o27"));
    // Measures for 2569: the 2569 draft's o25.
    let r = report(check(&with_result("status: done", "")));
    assert_eq!(code(&r.followup.measures_item).as_deref(), Some("o25"));
    // A year no catalog knows names no item.
    let text = edit(&with_result("status: done", ""), "fiscal_year: 2568", "fiscal_year: 2569");
    assert_eq!(code(&report(check(&text)).followup.measures_item), None);
}

// ---- the documents ----

/// Each text the follow-up report must print for each measure, as printed.
fn expected_texts(r: &Report) -> Vec<String> {
    let mut texts = Vec::new();
    for m in r.issues.iter().flat_map(|i| &i.measures) {
        texts.push(thai_digits(&m.name));
        texts.extend(m.steps.iter().map(|s| thai_digits(s)));
        let result = m.result.as_ref().expect("every measure of the test input has a result");
        let parts = [&result.done, &result.obstacles, &result.next];
        texts.extend(parts.into_iter().flatten().map(|t| thai_digits(t)));
        texts.extend(result.evidence.iter().cloned());
    }
    let f = &r.followup;
    texts.extend([&f.obstacles, &f.suggestions].into_iter().flatten().map(|t| thai_digits(t)));
    texts.extend(f.signatory.iter().map(|s| s.name.clone()));
    texts.into_iter().map(|t| squeeze(&t)).collect()
}

fn docx_text(docx: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|n| n.text()).collect()
}

#[test]
fn every_measure_and_result_is_in_the_pdf_and_the_docx() {
    let test = "every_measure_and_result_is_in_the_pdf_and_the_docx";
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join(INPUT), dir.path(), &["--followup"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (pdf, docx) = (dir.path().join("followup-followup.pdf"), dir.path().join("followup-followup.docx"));
    assert!(!dir.path().join("followup.pdf").exists(), "--followup writes the follow-up report only");
    let r = report(check(&std::fs::read_to_string(root().join(INPUT)).unwrap()));
    let expected = expected_texts(&r);
    assert!(expected.len() > 50, "the test input reports on all its measures");
    let in_docx = squeeze(&docx_text(&std::fs::read(&docx).unwrap()));
    let missing: Vec<&String> = expected.iter().filter(|t| !in_docx.contains(t.as_str())).collect();
    assert!(missing.is_empty(), "not in the DOCX: {missing:?}");
    for status in ["ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ได้ดำเนินการ", "ร้อยละ๖๐"]
    {
        assert!(in_docx.contains(status), "{status} not in the DOCX");
    }
    if !have("pdftotext", test) {
        return;
    }
    // A cell that runs onto the next page is cut by the page number and the
    // table's header repeated there, and by the cells beside it.
    let in_pdf = squeeze_to_pages(&pdf_text(&pdf));
    let whole = |t: &String| cut_in_order(&in_pdf, t).is_some_and(|(runs, breaks)| runs <= 1 + 3 * breaks);
    let missing: Vec<&String> = expected.iter().filter(|t| !whole(t)).collect();
    assert!(missing.is_empty(), "not in the PDF: {missing:?}");
    // The summary: 9 of the 13 measures done.
    assert!(in_pdf.contains("ดำเนินการแล้วเสร็จ๙จาก๑๓มาตรการคิดเป็นร้อยละ๖๙.๒๓"), "the share done");
}

#[test]
fn the_followup_report_is_rebuilt_byte_for_byte() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        let o = build(&root().join(INPUT), dir.path(), &["--followup"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for name in ["followup-followup.pdf", "followup-followup.docx"] {
        let (x, y) = (std::fs::read(a.path().join(name)).unwrap(), std::fs::read(b.path().join(name)).unwrap());
        assert!(x == y, "{name} differs between two builds");
    }
}

#[test]
fn a_file_with_nothing_to_report_builds_no_followup_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("minimal.yaml");
    std::fs::write(&input, minimal()).unwrap();
    let out = dir.path().join("out");
    let o = build(&input, &out, &["--followup"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nothing to report yet"), "{}", stderr(&o));
    assert!(!out.join("minimal-followup.pdf").exists() && !out.join("minimal.pdf").exists());
}

#[test]
fn results_do_not_change_the_analysis_document() {
    let read = |path: &str| report(check(&std::fs::read_to_string(root().join(path)).unwrap()));
    let (with, without) = (read(INPUT), read("data/hannangam-2568.yaml"));
    assert_eq!(compose(&with).plain_text(), compose(&without).plain_text());
}

#[test]
fn next_years_file_carries_the_measures_without_last_years_results() {
    let dir = tempfile::tempdir().unwrap();
    let next = dir.path().join("next.yaml");
    let o = crate::support::bin().args(["init", "--from", INPUT]).arg(&next).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&next).unwrap();
    let body: String = text.lines().filter(|l| !l.trim_start().starts_with('#')).collect::<Vec<_>>().join("\n");
    for gone in [
        "        result:",
        "status:",
        "obstacles: งบประมาณและบุคลากรมีจำกัด",
        "date: 2569-10-20",
        "period: {from: 2568-10-01, to: 2569-09-30}\n  date",
    ] {
        assert!(!body.contains(gone), "next year's file keeps {gone:?}:\n{body}");
    }
    for kept in [
        "มาตรการแผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี",
        "followup:\n  round: full",
        "name: นางสาวสมใจ ตั้งใจดี",
    ] {
        assert!(body.contains(kept), "next year's file lacks {kept:?}:\n{body}");
    }
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(said.contains("results taken off 13 measures"), "{said}");
}

#[test]
fn the_reporter_signs_and_the_measures_signatory_acknowledges() {
    let signed = "document:\n  signatory: {name: นายหัวหน้า ใจดี, position: นายกองค์การบริหารส่วนตำบลทดสอบ}\n";
    let reporter = "signatory: {name: นางสาวผู้รายงาน ตั้งใจ, position: ปลัด}\ndate: 2569-10-20";
    let text = edit(&with_result("status: done", reporter), "\nresult:\n", &format!("\n{signed}result:\n"));
    let printed = ita_report::compose::compose_followup(&report(check(&text))).plain_text();
    let lines: Vec<&str> = printed.lines().collect();
    let at = |l: &str| lines.iter().position(|x| *x == l).unwrap_or_else(|| panic!("no line {l:?} in:\n{printed}"));
    assert!(at("(นางสาวผู้รายงาน ตั้งใจ)") < at("ทราบ") && at("ทราบ") < at("(นายหัวหน้า ใจดี)"), "{printed}");
    assert!(printed.contains("๒๐ ตุลาคม ๒๕๖๙"), "the report's date under the reporter");
}

#[test]
fn measures_not_reported_on_are_counted_and_marked() {
    let printed = ita_report::compose::compose_followup(&report(check(&with_result("", "round: full")))).plain_text();
    for line in ["ยังไม่รายงานผล", "ยังไม่ได้รายงานผล", "ดำเนินการแล้วเสร็จ ๐ จาก ๑ มาตรการ คิดเป็นร้อยละ ๐"]
    {
        assert!(printed.lines().any(|l| l == line), "no line {line:?} in:\n{printed}");
    }
}

#[test]
fn a_results_way_forward_may_name_the_year_after_the_measures() {
    let next = "status: in_progress\nobstacles: งบประมาณไม่พอ\nnext: ตั้งงบประมาณในปี ๒๕๗๐";
    let o = check(&with_result(next, ""));
    assert!(o.diagnostics.is_empty(), "{}", list(&o));
    let o = check(&with_result(&next.replace("๒๕๗๐", "๒๕๗๑"), ""));
    warned(&o, &format!("{RESULT}.next"), "names the year 2571", "ปี 2571");
}
