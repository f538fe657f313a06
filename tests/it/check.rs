//! `ita-report check`: every rule of the input format (shared/input-format.md)
//! and of issue #2, each proved by its own small file. Most files are
//! tests/inputs/minimal.yaml with one edit, so each test shows the one thing
//! it breaks; every diagnostic is pinned by key, line, column and a
//! distinctive part of its English and Thai message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use ita_report::check::CheckedFile;
use ita_report::diag::{Diagnostic, Severity};
use ita_report::disk::check_file;
use ita_report::report::{Period, Report, Target};
use tempfile::TempDir;

use crate::support::{edit, minimal, root};

// ---- helpers ----

/// `text` with the line that starts (after its indentation) with `head`, and
/// the more indented lines under it, replaced by `with` at the same
/// indentation (nothing when `with` is empty).
fn replace_block(text: &str, head: &str, with: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].trim_start().starts_with(head)).collect();
    assert_eq!(starts.len(), 1, "{head:?} must start one line");
    let i = starts[0];
    let mut j = i + 1;
    while j < lines.len() && (lines[j].trim().is_empty() || indent(lines[j]) > indent(lines[i])) {
        j += 1;
    }
    let pad = " ".repeat(indent(lines[i]));
    let new: Vec<String> = with.lines().map(|l| format!("{pad}{l}")).collect();
    let out: Vec<String> =
        lines[..i].iter().map(|l| l.to_string()).chain(new).chain(lines[j..].iter().map(|l| l.to_string())).collect();
    out.join("\n") + "\n"
}

/// Line and column (from 1, in characters) where `inner` starts inside the
/// one occurrence of `needle` in `text`.
fn at_in(text: &str, needle: &str, inner: &str) -> (usize, usize) {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} must occur once");
    let start = text.find(needle).unwrap() + needle.find(inner).expect("inner is part of needle");
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

fn at(text: &str, needle: &str) -> (usize, usize) {
    at_in(text, needle, needle)
}

/// A file written into a fresh directory, kept while the test runs.
struct Input {
    dir: TempDir,
    path: PathBuf,
}

fn write(name: &str, bytes: impl AsRef<[u8]>) -> Input {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    Input { dir, path }
}

fn check(text: &str) -> CheckedFile {
    check_file(&write("input.yaml", text).path)
}

fn list(o: &CheckedFile) -> String {
    o.diagnostics.iter().map(|d| format!("{}\n", d.display("input.yaml"))).collect()
}

/// The one diagnostic of a file that should have exactly one.
fn only(o: &CheckedFile) -> &Diagnostic {
    assert_eq!(o.diagnostics.len(), 1, "expected one diagnostic, got:\n{}", list(o));
    &o.diagnostics[0]
}

/// The one diagnostic about `key`.
fn about<'o>(o: &'o CheckedFile, key: &str) -> &'o Diagnostic {
    let found: Vec<&Diagnostic> = o.diagnostics.iter().filter(|d| d.key == key).collect();
    assert_eq!(found.len(), 1, "expected one diagnostic about {key}, got:\n{}", list(o));
    found[0]
}

/// Asserts a diagnostic's severity, key, place and messages.
fn assert_diag(d: &Diagnostic, severity: Severity, key: &str, (line, col): (usize, usize), en: &str, th: &str) {
    let shown = format!("{}", d.display("input.yaml"));
    assert_eq!(d.severity, severity, "{shown}");
    assert_eq!(d.key, key, "{shown}");
    assert_eq!((d.pos.line, d.pos.col), (line, col), "{shown}");
    assert!(d.en.contains(en), "English message lacks {en:?}: {shown}");
    assert!(d.th.contains(th), "Thai message lacks {th:?}: {shown}");
}

fn error(d: &Diagnostic, key: &str, pos: (usize, usize), en: &str, th: &str) {
    assert_diag(d, Severity::Error, key, pos, en, th);
}

fn warning(d: &Diagnostic, key: &str, pos: (usize, usize), en: &str, th: &str) {
    assert_diag(d, Severity::Warning, key, pos, en, th);
}

fn hint(d: &Diagnostic) -> &str {
    d.hint.as_deref().unwrap_or_else(|| panic!("no hint: {}", d.display("input.yaml")))
}

fn clean(text: &str) -> Report {
    let o = check(text);
    assert!(o.diagnostics.is_empty(), "expected no diagnostics, got:\n{}", list(&o));
    o.report.expect("a clean file has a report")
}

/// The report of a file that may have warnings but no errors.
fn report(o: CheckedFile) -> Report {
    assert!(!o.has_errors(), "expected no errors, got:\n{}", list(&o));
    o.report.expect("a file without errors has a report")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ita-report")).current_dir(dir).args(args).output().expect("run ita-report")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The lines `FILE:LINE:COLUMN: error: ...` that the binary printed.
fn located_errors<'s>(stderr: &'s str, file: &str) -> Vec<&'s str> {
    stderr
        .lines()
        .filter(|l| {
            l.strip_prefix(file).and_then(|r| r.strip_prefix(':')).is_some_and(|r| {
                let mut parts = r.splitn(3, ':');
                let num = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
                num(parts.next()) && num(parts.next()) && parts.next().is_some_and(|r| r.starts_with(" error: "))
            })
        })
        .collect()
}

// ---- the minimal file ----

#[test]
fn the_minimal_file_is_clean() {
    let r = clean(&minimal());
    assert_eq!(r.fiscal_year, 2568);
    assert_eq!(r.agency.province.as_deref(), Some("หนองบัวลำภู"));
    assert_eq!(r.issues.len(), 1);
    assert_eq!(r.issues[0].measures.len(), 1);
}

#[test]
fn every_input_made_up_for_tests_says_so() {
    // tests/hostile.rs holds its own corpora (bad/, extreme/) to this.
    for entry in std::fs::read_dir(root().join("tests/inputs")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# Made up for tests: "), "{} lacks its first-line comment", path.display());
    }
}

// ---- errors: scores ----

#[test]
fn a_score_over_100_is_an_error_reported_once() {
    // i10 is also a row of the table and a measure's target: neither use
    // repeats the error.
    let text = edit(&minimal(), "i10: 81.90", "i10: 101");
    let o = check(&text);
    error(
        only(&o),
        "scores.i10",
        at_in(&text, "i10: 101", "101"),
        "a score must be from 0 to 100, found 101",
        "คะแนนต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ 101",
    );
    assert!(o.report.is_none(), "an error refuses the file");
}

#[test]
fn a_negative_score_is_out_of_range() {
    let text = edit(&minimal(), "i1: 90.95", "i1: -5");
    let o = check(&text);
    error(only(&o), "scores.i1", at_in(&text, "i1: -5", "-5"), "from 0 to 100, found -5", "แต่พบ -5");
}

#[test]
fn an_out_of_range_total_tool_or_indicator_is_an_error() {
    let text = edit(&minimal(), "total: 90.00", "total: 100.01");
    let o = check(&text);
    error(only(&o), "result.total", at_in(&text, "total: 100.01", "100.01"), "found 100.01", "ระหว่าง 0 ถึง 100");

    let text = edit(&minimal(), "{code: EIT, score: 90}", "{code: EIT, score: 190}");
    let o = check(&text);
    error(only(&o), "result.tools[1].score", at(&text, "190"), "found 190", "แต่พบ 190");

    let text = edit(&minimal(), "10: 90}", "10: 900}");
    let o = check(&text);
    error(only(&o), "result.indicators.10", at(&text, "900"), "found 900", "แต่พบ 900");
}

#[test]
fn a_score_that_is_not_a_number_is_an_error() {
    let text = edit(&minimal(), "i1: 90.95", "i1: ดีมาก");
    let o = check(&text);
    error(
        only(&o),
        "scores.i1",
        at(&text, "ดีมาก"),
        "expected a score, a number from 0 to 100 (like 81.90), found a text \"ดีมาก\"",
        "ต้องเป็นคะแนนเป็นตัวเลข 0–100",
    );
    for bad in ["81,90", "8 1", "1e2", ".5", "81.", "NaN"] {
        let text = edit(&minimal(), "i1: 90.95", &format!("i1: {bad}"));
        let o = check(&text);
        error(only(&o), "scores.i1", at_in(&text, &format!("i1: {bad}"), bad), "expected a score", "คะแนน");
    }
}

#[test]
fn thai_digit_scores_are_accepted_and_kept_as_written() {
    let text = edit(&minimal(), "i10: 81.90", "i10: ๘๑.๙๐");
    let r = clean(&text);
    let i10 = &r.issues[0].items[1];
    assert_eq!(i10.code, "i10");
    let score = i10.score.as_ref().unwrap();
    assert_eq!(score.written, "81.90");
    assert_eq!(score.value, 81.9);
    // It is a number like any other: the lowest item is found by it.
    assert_eq!(r.issues[0].analysis.lowest[0].code, "i10");
    let text = edit(&minimal(), "total: 90.00", "total: ๙๐");
    assert_eq!(clean(&text).result.total.written, "90");
}

#[test]
fn a_blank_score_is_located_at_its_key_not_at_the_next_line() {
    // The parser marks an empty value where the next token starts, which is
    // lines below when comments follow.
    let text = edit(&minimal(), "  o5: 100\n", "  o5:\n  # a comment\n\n");
    let o = check(&text);
    error(only(&o), "scores.o5", at(&text, "o5:"), "found an empty value", "แต่พบค่าว่าง");
}

// ---- errors: codes ----

#[test]
fn a_code_in_items_that_nothing_knows_is_an_error_with_a_hint() {
    let text = edit(&minimal(), "items: [i1, i10, o5]", "items: [i1, i10, o5, i100, zz99]");
    let o = check(&text);
    assert_eq!(o.diagnostics.len(), 2, "{}", list(&o));
    let d = about(&o, "issues[0].items[3]");
    error(
        d,
        "issues[0].items[3]",
        at(&text, "i100"),
        "the code \"i100\" is in neither scores nor the 2568 catalog",
        "ไม่พบรหัส \"i100\" ทั้งใน scores และในรายการข้อคำถามของปี 2568",
    );
    assert!(hint(d).contains("did you mean \"i10\"?"), "{}", hint(d));
    // Nothing is near zz99: no guess.
    let d = about(&o, "issues[0].items[4]");
    error(d, "issues[0].items[4]", at(&text, "zz99"), "the code \"zz99\" is in neither", "ไม่พบรหัส");
    assert_eq!(d.hint, None);
}

#[test]
fn a_code_in_lowest_that_nothing_knows_is_an_error_with_a_hint() {
    let text = edit(&minimal(), "      cause:", "      lowest: [i10, o555]\n      cause:");
    let o = check(&text);
    let d = only(&o);
    error(d, "issues[0].analysis.lowest[1]", at(&text, "o555"), "the code \"o555\" is in neither", "ไม่พบรหัส \"o555\"");
    assert!(hint(d).contains("did you mean"), "{}", hint(d));

    let text = edit(&minimal(), "      cause:", "      lowest: i11O\n      cause:");
    let o = check(&text);
    error(only(&o), "issues[0].analysis.lowest", at(&text, "i11O"), "\"i11O\" is in neither", "ไม่พบรหัส");
}

#[test]
fn a_code_in_target_that_nothing_knows_is_an_error_with_a_hint() {
    let text = edit(&minimal(), "target: i10", "target: i16");
    let o = check(&text);
    let d = only(&o);
    error(
        d,
        "issues[0].measures[0].target",
        at(&text, "i16"),
        "the code \"i16\" is in neither scores nor the 2568 catalog",
        "ไม่พบรหัส \"i16\"",
    );
    assert!(hint(d).contains("did you mean \"i1"), "{}", hint(d));
}

#[test]
fn a_target_that_is_not_a_code_is_free_text() {
    let text = edit(&minimal(), "target: i10", "target: การขอยืมทรัพย์สินของหน่วยงาน");
    let r = clean(&text);
    assert_eq!(r.issues[0].measures[0].target, Target::Text("การขอยืมทรัพย์สินของหน่วยงาน".into()));
}

#[test]
fn a_code_known_from_scores_alone_is_accepted() {
    // o99 is in no catalog, but the file scores it and names it.
    let text = edit(&minimal(), "  o5: 100\n", "  o5: 100\n  o99: 75\ntexts:\n  o99: รายการเพิ่มเติม\n");
    let text = edit(&text, "items: [i1, i10, o5]", "items: [i1, i10, o5, o99]");
    let r = clean(&text);
    assert_eq!(r.issues[0].items[3].text.as_deref(), Some("รายการเพิ่มเติม"));
}

#[test]
fn an_item_without_a_score_is_an_error() {
    let text = edit(&minimal(), "items: [i1, i10, o5]", "items: [i1, i10, o5, i4]");
    let o = check(&text);
    let d = only(&o);
    error(d, "issues[0].items[3]", at(&text, "i4]"), "i4 has no score in scores", "ไม่มีคะแนนของ i4 ใน scores");
    assert!(hint(d).contains("`i4: <คะแนน>`"), "{}", hint(d));
}

// ---- errors: lists that may not be empty ----

#[test]
fn empty_issues_is_an_error() {
    let text = replace_block(&minimal(), "issues:", "issues: []");
    let o = check(&text);
    error(
        only(&o),
        "issues",
        at_in(&text, "issues: []", "[]"),
        "at least one issue is needed",
        "ต้องมีประเด็นอย่างน้อยหนึ่งประเด็น",
    );
}

#[test]
fn empty_items_is_an_error() {
    let text = edit(&minimal(), "items: [i1, i10, o5]", "items: []");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].items",
        at_in(&text, "items: []", "[]"),
        "the analysis table needs at least one item",
        "ตารางวิเคราะห์ต้องมีข้อคำถามอย่างน้อยหนึ่งข้อ",
    );
}

#[test]
fn empty_steps_is_an_error() {
    let text = replace_block(&minimal(), "steps:", "steps: []");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].measures[0].steps",
        at_in(&text, "steps: []", "[]"),
        "at least one step is needed",
        "ต้องมีขั้นตอนอย่างน้อยหนึ่งขั้นตอน",
    );
}

#[test]
fn empty_tools_is_an_error() {
    let text = replace_block(&minimal(), "tools:", "tools: []");
    let o = check(&text);
    error(only(&o), "result.tools", at_in(&text, "tools: []", "[]"), "the list of tools is empty", "รายการเครื่องมือว่าง");
}

// ---- errors: keys ----

#[test]
fn unknown_keys_at_every_level_get_a_did_you_mean_hint() {
    let cases = [
        ("  province: หนองบัวลำภู", "  provnce: หนองบัวลำภู", "provnce", "agency.provnce", "province"),
        ("fiscal_year: 2568", "fiscal_yaer: 2568", "fiscal_yaer", "fiscal_yaer", "fiscal_year"),
        ("{code: IIT, score: 90}", "{code: IIT, scroe: 90}", "scroe", "result.tools[0].scroe", "score"),
        ("      guideline:", "      guidline:", "guidline", "issues[0].analysis.guidline", "guideline"),
        ("        owner:", "        ownr:", "ownr", "issues[0].measures[0].ownr", "owner"),
        ("{from: 2568-10-01,", "{form: 2568-10-01,", "form", "issues[0].measures[0].period.form", "from"),
    ];
    for (from, to, name, key, meant) in cases {
        let text = edit(&minimal(), from, to);
        let o = check(&text);
        // A misspelt required key is one mistake: not also "missing".
        let d = only(&o);
        error(d, key, at_in(&text, to, name), &format!("unknown key \"{name}\""), &format!("ไม่รู้จักคีย์ \"{name}\""));
        assert!(hint(d).contains(&format!("did you mean \"{meant}\"?")), "{}", hint(d));
    }
}

#[test]
fn an_unknown_key_near_nothing_lists_the_keys_allowed() {
    let text = edit(&minimal(), "agency:\n", "document:\n  colour: red\nagency:\n");
    let o = check(&text);
    let d = only(&o);
    error(d, "document.colour", at(&text, "colour"), "unknown key \"colour\"", "ไม่รู้จักคีย์");
    assert!(hint(d).contains("numerals, measures_orientation"), "{}", hint(d));
}

#[test]
fn duplicate_keys_are_errors_that_name_the_first() {
    let text = edit(&minimal(), "  province: หนองบัวลำภู\n", "  province: หนองบัวลำภู\n  province: เลย\n");
    let o = check(&text);
    let d = only(&o);
    error(
        d,
        "agency.province",
        at(&text, "province: เลย"),
        "duplicate key: this key is already given in the same mapping",
        "คีย์ซ้ำ",
    );
    let first = at(&text, "province: หนองบัวลำภู").0;
    assert!(hint(d).contains(&format!("line {first}")), "{}", hint(d));

    // Deeper down, and inside a flow mapping.
    let text = edit(&minimal(), "        owner: สำนักปลัด\n", "        owner: สำนักปลัด\n        owner: กองคลัง\n");
    error(only(&check(&text)), "issues[0].measures[0].owner", at(&text, "owner: กองคลัง"), "duplicate key", "คีย์ซ้ำ");
    let text = edit(&minimal(), "{code: OIT, score: 90}", "{code: OIT, score: 90, score: 80}");
    error(only(&check(&text)), "result.tools[2].score", at(&text, "score: 80"), "duplicate key", "คีย์ซ้ำ");
}

#[test]
fn the_same_score_code_written_twice_is_an_error() {
    let text = edit(&minimal(), "  o5: 100\n", "  o5: 100\n  I10: 50\n");
    let o = check(&text);
    error(only(&o), "scores.I10", at(&text, "I10"), "the score of i10 is already given", "คะแนนของ i10 ให้ไว้แล้ว");
}

#[test]
fn missing_required_keys_are_errors() {
    // (the line removed, the key reported, the first key left in its
    // mapping: where a missing key is reported)
    let cases = [
        ("format:", "format", "fiscal_year: 2568"),
        ("fiscal_year:", "fiscal_year", "format: 1"),
        ("agency:", "agency", "format: 1"),
        ("result:", "result", "format: 1"),
        ("scores:", "scores", "format: 1"),
        ("issues:", "issues", "format: 1"),
        ("name: องค์การ", "agency.name", "province:"),
        ("total:", "result.total", "tools:"),
        ("tools:", "result.tools", "total:"),
        ("indicators:", "result.indicators", "total:"),
        ("items:", "issues[0].items", "title:"),
        ("name: มาตรการ", "issues[0].measures[0].name", "target:"),
        ("steps:", "issues[0].measures[0].steps", "target:"),
        ("period:", "issues[0].measures[0].period", "target:"),
        ("owner:", "issues[0].measures[0].owner", "target:"),
    ];
    for (line, key, reported_at) in cases {
        let text = replace_block(&minimal(), line, "");
        let o = check(&text);
        error(only(&o), key, at(&text, reported_at), "is missing: expected", "ยังไม่ได้กรอก: ต้องระบุ");
    }
    // A title and a target open their `- `: the next key takes its place.
    let text = edit(&minimal(), "  - title: การปฏิบัติหน้าที่\n    items:", "  - items:");
    let o = check(&text);
    error(only(&o), "issues[0].title", at(&text, "items:"), "is missing: expected the issue's title", "ต้องระบุชื่อประเด็น");
    let text = edit(&minimal(), "      - target: i10\n        name:", "      - name:");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].measures[0].target",
        at(&text, "name: มาตรการ"),
        "is missing: expected the item to raise",
        "ข้อที่ต้องยกระดับ",
    );
}

#[test]
fn a_required_key_without_a_value_is_an_error_at_the_key() {
    let text = edit(&minimal(), "  name: องค์การบริหารส่วนตำบลทดสอบ", "  name:");
    let o = check(&text);
    error(only(&o), "agency.name", at(&text, "name:\n"), "has no value: expected the agency's name", "ยังไม่ได้กรอกค่า");
    let text = edit(&minimal(), "total: 90.00", "total:");
    let o = check(&text);
    error(only(&o), "result.total", at(&text, "total:"), "has no value: expected the total score", "ต้องระบุคะแนนรวม");
}

#[test]
fn format_2_is_an_error() {
    let text = edit(&minimal(), "format: 1", "format: 2");
    let o = check(&text);
    error(
        only(&o),
        "format",
        at_in(&text, "format: 2", "2"),
        "expected format version 1, found a text \"2\"",
        "ต้องเป็นรุ่น 1",
    );
}

// ---- errors: types ----

#[test]
fn a_list_where_a_mapping_is_expected_is_an_error() {
    let text = replace_block(&minimal(), "agency:", "agency: [องค์การบริหารส่วนตำบลทดสอบ]");
    let o = check(&text);
    error(
        only(&o),
        "agency",
        at(&text, "[องค์การ"),
        "expected a mapping (key: value), found a list",
        "ต้องเป็นชุดคีย์ (key: value) แต่พบรายการ",
    );
    let text = replace_block(&minimal(), "scores:", "scores: [90, 80]");
    let o = check(&text);
    error(only(&o), "scores", at(&text, "[90, 80]"), "expected a mapping of code: score, found a list", "แต่พบรายการ");
}

#[test]
fn a_mapping_or_text_where_a_list_is_expected_is_an_error() {
    let text = replace_block(&minimal(), "tools:", "tools: {IIT: 90}");
    let o = check(&text);
    error(
        only(&o),
        "result.tools",
        at_in(&text, "{IIT", "IIT"),
        "expected a list (- ...), found a mapping",
        "ต้องเป็นรายการ",
    );
    let text = edit(&minimal(), "items: [i1, i10, o5]", "items: i1");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].items",
        at_in(&text, "items: i1", "i1"),
        "expected a list (- ...), found a text \"i1\"",
        "แต่พบข้อความ",
    );
    let text = replace_block(&minimal(), "issues:", "issues: {title: x}");
    let o = check(&text);
    error(only(&o), "issues", at_in(&text, "{title", "title"), "expected a list", "ต้องเป็นรายการ");
}

#[test]
fn a_list_or_mapping_where_a_text_is_expected_is_an_error() {
    let text = edit(&minimal(), "title: การปฏิบัติหน้าที่", "title: [การปฏิบัติ, หน้าที่]");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].title",
        at(&text, "[การปฏิบัติ"),
        "expected a text, found a list",
        "ต้องเป็นข้อความ แต่พบรายการ",
    );
    let text = edit(&minimal(), "owner: สำนักปลัด", "owner: {name: สำนักปลัด}");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].measures[0].owner",
        at_in(&text, "{name", "name"),
        "expected a text, found a mapping",
        "แต่พบชุดคีย์",
    );
}

#[test]
fn a_file_that_is_a_text_or_a_list_is_an_error() {
    let o = check("# Made up for tests: not a mapping\njust some words\n");
    error(only(&o), "", (2, 1), "expected a mapping (key: value), found a text \"just some words\"", "ต้องเป็นชุดคีย์");
    let o = check("- format: 1\n");
    error(only(&o), "", (1, 1), "expected a mapping (key: value), found a list", "แต่พบรายการ");
}

// ---- errors: dates ----

#[test]
fn a_date_that_does_not_exist_is_an_error() {
    let text = edit(&minimal(), "from: 2568-10-01", "from: 2568-02-30");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].measures[0].period.from",
        at(&text, "2568-02-30"),
        "there is no such day as 2568-02-30",
        "ไม่มีวันที่ 2568-02-30 ในปฏิทิน",
    );
    // 2567 BE is 2024, a leap year; 2568 BE is not.
    let text = edit(&minimal(), "from: 2568-10-01", "from: 2568-02-29");
    error(only(&check(&text)), "issues[0].measures[0].period.from", at(&text, "2568-02-29"), "no such day", "ไม่มีวันที่");
    let text = edit(&minimal(), "from: 2568-10-01", "from: 2567-02-29");
    clean(&text);
}

#[test]
fn a_date_not_written_yyyy_mm_dd_is_an_error() {
    let text = edit(&minimal(), "from: 2568-10-01", "from: 1 ต.ค. 68");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].measures[0].period.from",
        at(&text, "1 ต.ค. 68"),
        "expected a date as YYYY-MM-DD (like 2568-10-01)",
        "วันที่แบบ YYYY-MM-DD",
    );
}

#[test]
fn a_period_that_ends_before_it_starts_is_an_error() {
    let text = edit(&minimal(), "to: 2569-09-30", "to: 2568-09-30");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].measures[0].period.to",
        at(&text, "2568-09-30"),
        "the period ends (2025-09-30) before it starts (2025-10-01)",
        // In the Buddhist Era, as the official wrote them.
        "วันสิ้นสุด 2568-09-30 อยู่ก่อนวันเริ่ม 2568-10-01",
    );
}

#[test]
fn dates_written_be_and_ce_mean_the_same_day() {
    let be = clean(&minimal());
    let ce = clean(&edit(&minimal(), "{from: 2568-10-01, to: 2569-09-30}", "{from: 2025-10-01, to: 2026-09-30}"));
    let mixed = clean(&edit(&minimal(), "{from: 2568-10-01, to: 2569-09-30}", "{from: 2025-10-01, to: 2569-09-30}"));
    let period = |r: &Report| r.issues[0].measures[0].period.clone();
    assert_eq!(period(&be), period(&ce));
    assert_eq!(period(&be), period(&mixed));
    let Period::Dates { from, to } = period(&ce) else { panic!("dates") };
    assert_eq!((from.year_be, from.month, from.day), (2568, 10, 1));
    assert_eq!((to.year_be, to.month, to.day), (2569, 9, 30));
    // A CE end before a BE start is still caught.
    let text = edit(&minimal(), "to: 2569-09-30", "to: 2025-09-30");
    error(
        only(&check(&text)),
        "issues[0].measures[0].period.to",
        at(&text, "2025-09-30"),
        "ends (2025-09-30) before",
        "อยู่ก่อนวันเริ่ม",
    );
}

#[test]
fn a_free_text_period_is_kept() {
    let text = edit(&minimal(), "{from: 2568-10-01, to: 2569-09-30}", "๗ วัน");
    assert_eq!(clean(&text).issues[0].measures[0].period, Period::Text("๗ วัน".into()));
}

// ---- errors: document settings, logo, tools ----

#[test]
fn a_bad_numerals_value_is_an_error_with_a_hint() {
    let text = edit(&minimal(), "agency:\n", "document:\n  numerals: arabc\nagency:\n");
    let o = check(&text);
    let d = only(&o);
    error(
        d,
        "document.numerals",
        at(&text, "arabc"),
        "expected one of thai | arabic, found \"arabc\"",
        "ต้องเป็นหนึ่งใน thai | arabic แต่พบ \"arabc\"",
    );
    assert!(hint(d).contains("did you mean \"arabic\"?"), "{}", hint(d));

    let text = edit(&minimal(), "agency:\n", "document:\n  measures_orientation: landscpe\nagency:\n");
    let d = only(&check(&text)).clone();
    error(
        &d,
        "document.measures_orientation",
        at(&text, "landscpe"),
        "expected one of portrait | landscape",
        "portrait | landscape",
    );
    assert!(hint(&d).contains("did you mean \"landscape\"?"), "{}", hint(&d));
}

#[test]
fn good_document_settings_are_read() {
    let text =
        edit(&minimal(), "agency:\n", "document:\n  numerals: arabic\n  measures_orientation: landscape\nagency:\n");
    let r = clean(&text);
    assert_eq!(r.settings.numerals, ita_report::thai::Numerals::Arabic);
    assert_eq!(r.settings.orientation, ita_report::report::Orientation::Landscape);
}

#[test]
fn a_missing_logo_is_an_error() {
    let text = edit(&minimal(), "  province: หนองบัวลำภู\n", "  province: หนองบัวลำภู\n  logo: ตรา.png\n");
    let o = check(&text);
    error(only(&o), "agency.logo", at(&text, "ตรา.png"), "cannot open the logo ตรา.png", "เปิดไฟล์รูป ตรา.png ไม่ได้");
}

#[test]
fn a_logo_that_is_not_an_image_is_an_error_and_an_image_is_found_beside_the_file() {
    let text = edit(&minimal(), "  province: หนองบัวลำภู\n", "  province: หนองบัวลำภู\n  logo: logo.png\n");
    let input = write("input.yaml", &text);
    std::fs::write(input.dir.path().join("logo.png"), "this is text, not a picture").unwrap();
    let o = check_file(&input.path);
    error(
        only(&o),
        "agency.logo",
        at(&text, "logo.png"),
        "logo.png is not a PNG, JPEG or GIF image",
        "ไฟล์ logo.png ไม่ใช่รูปภาพ",
    );

    // A PNG's signature, then nothing: a broken picture, not one to print.
    std::fs::write(input.dir.path().join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let o = check_file(&input.path);
    error(only(&o), "agency.logo", at(&text, "logo.png"), "the logo logo.png is a broken image", "ไฟล์เสีย");

    image::RgbImage::new(3, 2).save(input.dir.path().join("logo.png")).unwrap();
    let r = report(check_file(&input.path));
    assert_eq!(r.agency.logo.map(|l| l.name).as_deref(), Some("logo.png"));
}

#[test]
fn a_tool_code_not_in_the_catalog_needs_a_name() {
    let text = edit(&minimal(), "{code: EIT, score: 90}", "{code: EIX, score: 90}");
    let o = check(&text);
    let d = only(&o);
    error(
        d,
        "result.tools[1].code",
        at(&text, "EIX"),
        "\"EIX\" is not a tool of 2568, so it needs a name",
        "ไม่รู้จักเครื่องมือ \"EIX\" ในปี 2568 จึงต้องระบุ name",
    );
    assert!(hint(d).contains("did you mean \"EIT\"?"), "{}", hint(d));

    // With its name it is welcome (the seed's EIT1 and EIT2).
    let text = edit(&minimal(), "{code: EIT, score: 90}", "{code: EIT2, name: แบบวัดการรับรู้ฯ ภายนอก (ชุดที่ ๒), score: 90}");
    let r = clean(&text);
    assert_eq!(r.result.tools[1].code, "EIT2");
    assert_eq!(r.result.tools[1].name, "แบบวัดการรับรู้ฯ ภายนอก (ชุดที่ ๒)");
    // A catalog tool takes the catalog's name.
    assert_eq!(r.result.tools[0].name, "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน");
}

#[test]
fn an_indicator_that_does_not_exist_is_an_error() {
    let text = edit(&minimal(), "10: 90}", "10: 90, 11: 90}");
    let o = check(&text);
    error(
        only(&o),
        "result.indicators.11",
        at_in(&text, "11: 90}", "11"),
        "there is no indicator \"11\"",
        "ไม่มีตัวชี้วัดที่ \"11\"",
    );
}

#[test]
fn a_plan_year_before_the_fiscal_year_is_an_error() {
    let text = edit(&minimal(), "fiscal_year: 2568\n", "fiscal_year: 2568\nplan_year: 2567\n");
    let o = check(&text);
    error(
        only(&o),
        "plan_year",
        at(&text, "2567"),
        "the plan year (2567) must not be before the fiscal year (2568)",
        "ปีของมาตรการ (2567) ต้องไม่ก่อนปีที่ประเมิน (2568)",
    );
}

// ---- warnings ----

/// minimal.yaml with every tool at `tool` and the given total.
fn with_total(tool: &str, total: &str) -> String {
    let text = edit(&minimal(), "total: 90.00", &format!("total: {total}"));
    let text = edit(&text, "{code: IIT, score: 90}", &format!("{{code: IIT, score: {tool}}}"));
    let text = edit(&text, "{code: EIT, score: 90}", &format!("{{code: EIT, score: {tool}}}"));
    edit(&text, "{code: OIT, score: 90}", &format!("{{code: OIT, score: {tool}}}"))
}

#[test]
fn a_total_off_the_weighted_tools_by_more_than_0_1_is_a_warning() {
    let text = with_total("90", "90.11");
    let o = check(&text);
    warning(
        only(&o),
        "result.total",
        at(&text, "90.11"),
        "the total 90.11 disagrees with 90.00, computed from the tools and the 2568 weights (IIT 30%, EIT 30%, OIT 40%)",
        "คะแนนรวม 90.11 ไม่ตรงกับ 90.00 ที่คำนวณจากคะแนนเครื่องมือและน้ำหนักของปี 2568",
    );
    assert!(o.report.is_some(), "a warning does not refuse the file");
    let text = with_total("90", "89.89");
    warning(only(&check(&text)), "result.total", at(&text, "89.89"), "disagrees with 90.00", "ไม่ตรงกับ 90.00");
}

#[test]
fn a_total_within_0_1_of_the_weighted_tools_is_no_warning() {
    // 50.10 - 50.00 is a hair over 0.1 in floating point: still within.
    for (tool, total) in [("90", "90.10"), ("90", "89.90"), ("50", "50.10"), ("50", "49.90"), ("90", "90")] {
        let o = check(&with_total(tool, total));
        assert!(o.diagnostics.is_empty(), "tools {tool}, total {total}:\n{}", list(&o));
    }
}

#[test]
fn a_total_is_checked_against_tools_made_of_their_indicators() {
    // EIT is not given: its score is the mean of indicators 6–8 (here 80),
    // so the total should be 0.3*90 + 0.3*80 + 0.4*90 = 87.
    let text = replace_block(&minimal(), "- {code: EIT", "");
    let text = edit(&text, "6: 90, 7: 90, 8: 90", "6: 80, 7: 80, 8: 80");
    let o = check(&text);
    warning(only(&o), "result.total", at(&text, "90.00"), "disagrees with 87.00", "ไม่ตรงกับ 87.00");
}

#[test]
fn a_stated_level_that_disagrees_with_the_bands_is_a_warning() {
    let text = edit(&minimal(), "  total: 90.00\n", "  total: 90.00\n  level: ผ่านดีเยี่ยม\n");
    let o = check(&text);
    warning(
        only(&o),
        "result.level",
        at(&text, "ผ่านดีเยี่ยม"),
        "the level \"ผ่านดีเยี่ยม\" disagrees with the 2568 bands: a total of 90.00 is \"ผ่านดี\"",
        "ระดับ \"ผ่านดีเยี่ยม\" ไม่ตรงกับเกณฑ์ของปี 2568",
    );
    // The stated level is printed all the same.
    assert_eq!(o.report.unwrap().result.level, "ผ่านดีเยี่ยม");
}

#[test]
fn a_stated_level_that_agrees_is_no_warning() {
    let r = clean(&edit(&minimal(), "  total: 90.00\n", "  total: 90.00\n  level: ผ่านดี\n"));
    assert_eq!(r.result.level, "ผ่านดี");
}

#[test]
fn a_year_outside_the_documents_years_is_a_warning() {
    // The document covers fiscal_year - 1 (2567) to plan_year (2569).
    let text = edit(&minimal(), "ในปี 2569", "ในปี 2566 และ พ.ศ. ๒๕๗๐");
    let o = check(&text);
    assert_eq!(o.diagnostics.len(), 2, "{}", list(&o));
    let pos = at_in(&text, "guideline: จัดทำ", "จัดทำ");
    for (d, year) in o.diagnostics.iter().zip(["2566", "2570"]) {
        warning(
            d,
            "issues[0].analysis.guideline",
            pos,
            &format!("the text names the year {year}, outside this document's 2567–2569"),
            &format!("ข้อความระบุปี {year} ซึ่งอยู่นอกช่วง 2567–2569"),
        );
    }
    // Steps, titles and names are free text too.
    let text = edit(&minimal(), "- จัดประชุมชี้แจงเจ้าหน้าที่", "- จัดประชุมตามแผนปี 2564");
    warning(
        only(&check(&text)),
        "issues[0].measures[0].steps[0]",
        at(&text, "จัดประชุมตามแผน"),
        "the year 2564",
        "ปี 2564",
    );
}

#[test]
fn years_inside_the_documents_years_are_no_warning() {
    clean(&edit(&minimal(), "ในปี 2569", "ตามผลปี 2567 ในปี พ.ศ. ๒๕๖๘ และปี 2569"));
    // A later plan_year widens the range; a bare number is not a year.
    let text = edit(&minimal(), "fiscal_year: 2568\n", "fiscal_year: 2568\nplan_year: 2570\n");
    clean(&edit(&text, "ในปี 2569", "ในปี 2570 งบประมาณ 2500 บาท"));
}

#[test]
fn a_province_other_than_the_agencys_is_a_warning() {
    let text = edit(&minimal(), "ในปี 2569", "ตามแนวทางของจังหวัดจันทบุรี");
    let o = check(&text);
    warning(
        only(&o),
        "issues[0].analysis.guideline",
        at_in(&text, "guideline: จัดทำ", "จัดทำ"),
        "the text names the province จันทบุรี, but the agency is in หนองบัวลำภู",
        "ข้อความระบุจังหวัดจันทบุรี แต่หน่วยงานอยู่จังหวัดหนองบัวลำภู",
    );
}

#[test]
fn the_agencys_own_province_is_no_warning() {
    clean(&edit(&minimal(), "ในปี 2569", "ของจังหวัดหนองบัวลำภู และ จ. หนองบัวลำภู"));
    // Written with its prefix, the agency's province is the same province.
    let text = edit(&minimal(), "province: หนองบัวลำภู", "province: จังหวัดหนองบัวลำภู");
    clean(&edit(&text, "ในปี 2569", "ของจังหวัดหนองบัวลำภู"));
}

#[test]
fn an_unknown_agency_province_is_a_warning_with_a_hint() {
    let text = edit(&minimal(), "province: หนองบัวลำภู", "province: หนองบัวลำพู");
    let o = check(&text);
    let d = only(&o);
    warning(d, "agency.province", at(&text, "หนองบัวลำพู"), "\"หนองบัวลำพู\" is not a province of Thailand", "ไม่รู้จักจังหวัด");
    assert!(hint(d).contains("did you mean \"หนองบัวลำภู\"?"), "{}", hint(d));
}

#[test]
fn an_item_without_text_is_a_warning_that_says_how_to_add_it() {
    // The 2568 catalog has no text for i2; warned once though used twice.
    let text = edit(&minimal(), "  o5: 100\n", "  o5: 100\n  i2: 70\n");
    let text = edit(&text, "items: [i1, i10, o5]", "items: [i1, i2, i10, o5]");
    let text = edit(&text, "target: i10", "target: i2");
    let o = check(&text);
    let d = only(&o);
    warning(
        d,
        "issues[0].items[1]",
        at(&text, "i2,"),
        "no text for i2 in the 2568 catalog; it is printed by its code alone",
        "ไม่มีข้อความของ i2 ในรายการของปี 2568 จะพิมพ์เฉพาะรหัส",
    );
    assert!(hint(d).contains("texts:") && hint(d).contains("i2: <ข้อความ>"), "{}", hint(d));
    let r = o.report.unwrap();
    assert_eq!(r.issues[0].items[1].text, None);

    // With a text under `texts:` it is printed with it, and no warning.
    let text = edit(&text, "scores:\n", "texts:\n  i2: ข้อความของข้อ i2\nscores:\n");
    let r = clean(&text);
    assert_eq!(r.issues[0].items[1].text.as_deref(), Some("ข้อความของข้อ i2"));
}

#[test]
fn an_issue_without_measures_is_a_warning() {
    let text = replace_block(&minimal(), "measures:", "");
    let o = check(&text);
    warning(
        only(&o),
        "issues[0].measures",
        at(&text, "title:"),
        "this issue has no measures; the measures part leaves it out",
        "ประเด็นนี้ไม่มีมาตรการ",
    );
    assert!(o.report.unwrap().issues[0].measures.is_empty());
    let text = replace_block(&minimal(), "measures:", "measures: []");
    warning(only(&check(&text)), "issues[0].measures", at(&text, "measures: []"), "has no measures", "ไม่มีมาตรการ");
}

#[test]
fn missing_indicators_are_a_warning() {
    let text = edit(&minimal(), ", 9: 90, 10: 90}", "}");
    let o = check(&text);
    warning(
        only(&o),
        "result.indicators",
        at_in(&text, "{1: 90", "1"),
        "no score for indicator 9, 10; the indicator table leaves those rows out",
        "ไม่มีคะแนนตัวชี้วัดที่ 9, 10",
    );
    assert_eq!(o.report.unwrap().result.indicators.len(), 8);
}

#[test]
fn a_refused_indicator_score_is_not_also_missing() {
    let text = edit(&minimal(), "10: 90}", "10: }");
    let o = check(&text);
    error(only(&o), "result.indicators.10", at(&text, "10: }"), "found an empty value", "ค่าว่าง");
}

// ---- derived values ----

#[test]
fn the_level_is_derived_from_the_bands_when_omitted() {
    assert_eq!(clean(&minimal()).result.level, "ผ่านดี");
    assert_eq!(clean(&with_total("96", "96.00")).result.level, "ผ่านดีเยี่ยม");
    assert_eq!(clean(&with_total("80", "80.00")).result.level, "ต้องปรับปรุง");
    assert_eq!(clean(&with_total("60", "60.00")).result.level, "ต้องปรับปรุงโดยด่วน");
}

#[test]
fn the_rating_bands_ask_every_tool_to_reach_the_band() {
    // 0.3*90 + 0.3*84 + 0.4*90 = 88.2: over 85, but EIT is under 85.
    let text = edit(&with_total("90", "88.20"), "{code: EIT, score: 90}", "{code: EIT, score: 84}");
    assert_eq!(clean(&text).result.level, "ผ่าน");
    // 0.3*96 + 0.3*94 + 0.4*96 = 95.4: over 95, but EIT is under 95.
    let text = edit(&with_total("96", "95.40"), "{code: EIT, score: 96}", "{code: EIT, score: 94}");
    assert_eq!(clean(&text).result.level, "ผ่านดี");
}

#[test]
fn a_2565_file_gets_a_grade_from_aa_to_f() {
    // The 2565 catalog lists no items: the file's scores make them known,
    // each with a text under `texts:` so that none is printed bare.
    let year = |text: &str| {
        let text = edit(text, "fiscal_year: 2568", "fiscal_year: 2565");
        let text = edit(&text, "ในปี 2569", "ในปี 2566");
        let text = edit(&text, "{from: 2568-10-01, to: 2569-09-30}", "{from: 2565-10-01, to: 2566-09-30}");
        edit(&text, "scores:\n", "texts:\n  i1: ข้อหนึ่ง\n  i10: ข้อสิบ\n  o5: รายการห้า\nscores:\n")
    };
    assert_eq!(clean(&year(&minimal())).result.level, "A");
    assert_eq!(clean(&year(&with_total("96", "96.00"))).result.level, "AA");
    assert_eq!(clean(&year(&with_total("80", "80.00"))).result.level, "B");
    assert_eq!(clean(&year(&with_total("40", "40.00"))).result.level, "F");
}

#[test]
fn the_plan_year_is_the_fiscal_year_plus_one_by_default() {
    assert_eq!(clean(&minimal()).plan_year, 2569);
    let text = edit(&minimal(), "fiscal_year: 2568\n", "fiscal_year: 2568\nplan_year: 2568\n");
    let r = clean(&edit(&text, "ในปี 2569", "ในปี 2568"));
    assert_eq!(r.plan_year, 2568);
}

#[test]
fn the_lowest_item_is_derived_when_omitted() {
    let r = clean(&minimal());
    let codes: Vec<&str> = r.issues[0].analysis.lowest.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["i10"]);
    // Every item at the minimum, in table order.
    let r = clean(&edit(&minimal(), "i1: 90.95", "i1: 81.90"));
    let codes: Vec<&str> = r.issues[0].analysis.lowest.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["i1", "i10"]);
}

#[test]
fn the_lowest_item_as_stated_even_none() {
    let with =
        |lowest: &str| clean(&edit(&minimal(), "      cause:", &format!("      lowest: {lowest}\n      cause:")));
    let codes = |r: Report| r.issues[0].analysis.lowest.iter().map(|i| i.code.clone()).collect::<Vec<_>>();
    assert!(codes(with("[]")).is_empty());
    assert_eq!(codes(with("o5")), ["o5"]);
    assert_eq!(codes(with("[i1, O5]")), ["i1", "o5"]);
}

#[test]
fn texts_override_the_catalogs() {
    let r = clean(&minimal());
    let i1 = r.issues[0].items[0].text.clone().unwrap();
    assert!(i1.starts_with("การปฏิบัติงานหรือให้บริการ"), "{i1}");
    let r = clean(&edit(&minimal(), "scores:\n", "texts:\n  i1: ข้อความของหน่วยงานเอง\nscores:\n"));
    assert_eq!(r.issues[0].items[0].text.as_deref(), Some("ข้อความของหน่วยงานเอง"));
    // A target's text comes from the same place.
    let r = clean(&edit(&minimal(), "scores:\n", "texts:\n  i10: ข้อสิบของหน่วยงาน\nscores:\n"));
    let Target::Item(item) = &r.issues[0].measures[0].target else { panic!("an item") };
    assert_eq!(item.text.as_deref(), Some("ข้อสิบของหน่วยงาน"));
}

#[test]
fn a_text_for_a_code_that_nothing_knows_is_an_error() {
    let text = edit(&minimal(), "scores:\n", "texts:\n  o66: ข้อความ\nscores:\n");
    let o = check(&text);
    error(
        only(&o),
        "texts.o66",
        at(&text, "o66"),
        "the code \"o66\" is in neither scores nor the 2568 catalog",
        "ไม่พบรหัส",
    );
}

// ---- issue #2, "Done when" ----

#[test]
fn five_mistakes_print_exactly_five_located_errors_and_exit_1() {
    let file = "tests/inputs/five-mistakes.yaml";
    let out = run(&root(), &["check", file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let located = located_errors(&err, file);
    let expected = [
        format!("{file}:7:3: error: agency.provnce: "),
        format!("{file}:10:13: error: document.numerals: "),
        format!("{file}:22:8: error: scores.i10: "),
        format!("{file}:27:22: error: issues[0].items[2]: "),
        format!("{file}:36:40: error: issues[0].measures[0].period.to: "),
    ];
    assert_eq!(located.len(), 5, "{err}");
    for (line, start) in located.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "{line}\ndoes not start with {start}");
    }
    assert!(!err.contains(": warning: "), "{err}");
    assert!(err.contains("5 error(s), 0 warning(s)"), "{err}");
}

#[test]
fn the_seed_checks_with_its_warnings_and_exits_0() {
    let out = run(&root(), &["check", "data/hannangam-2568.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(located_errors(&err, "data/hannangam-2568.yaml").is_empty(), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
    let total = warnings.iter().filter(|l| l.contains("result.total:")).collect::<Vec<_>>();
    assert_eq!(total.len(), 1, "{err}");
    assert!(total[0].contains("the total 49.74 disagrees with 94.18"), "{}", total[0]);
    assert!(warnings.iter().any(|l| l.contains("result.level:") && l.contains("ปรับปรุงแก้ไขเร่งด่วน")), "{err}");
    let chanthaburi = warnings.iter().filter(|l| l.contains("จังหวัดจันทบุรี")).count();
    assert_eq!(chanthaburi, 3, "{err}");
    assert_eq!(warnings.len(), 5, "{err}");
    assert!(err.contains("0 error(s), 5 warning(s)"), "{err}");
}

#[test]
fn init_then_check_reports_the_blank_scores_and_passes_once_they_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "x.yaml", "--agency", "องค์การบริหารส่วนตำบลทดสอบ", "--province", "หนองบัวลำภู"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("x.yaml");
    let text = std::fs::read_to_string(&path).unwrap();

    let out = run(dir.path(), &["check", "x.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let located = located_errors(&err, "x.yaml");
    let (_, blanks) = crate::support::fill_blank_scores(&text, "90");
    // total, 3 tools, 10 indicators and the scores of the standard issues.
    assert!(blanks > 14, "{blanks}");
    assert_eq!(located.len(), blanks, "one error a blank score, nothing else:\n{err}");
    for line in &located {
        let key = line.split(": error: ").nth(1).unwrap().split(':').next().unwrap();
        assert!(key.starts_with("result.") || key.starts_with("scores."), "{line}");
        assert!(line.contains("has no value") || line.contains("found an empty value"), "{line}");
        // Each is located at its own key, on the line that names it.
        let n: usize = line.split(':').nth(1).unwrap().parse().unwrap();
        let name = key.rsplit(['.', ']']).next().unwrap();
        assert!(
            text.lines().nth(n - 1).unwrap().trim_start().trim_start_matches("- ").starts_with(&format!("{name}:")),
            "{line}"
        );
    }

    let (filled, _) = crate::support::fill_blank_scores(&text, "90");
    std::fs::write(&path, filled).unwrap();
    let out = run(dir.path(), &["check", "x.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn init_refuses_to_overwrite_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.yaml");
    std::fs::write(&path, "# my own work\n").unwrap();
    let out = run(dir.path(), &["init", "x.yaml", "--agency", "องค์การบริหารส่วนตำบลทดสอบ"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists; it is not overwritten"), "{}", stderr(&out));
    assert!(stderr(&out).contains("มีอยู่แล้ว ไม่เขียนทับ"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my own work\n");
}

#[test]
fn a_usage_error_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(dir.path(), &["check"]).status.code(), Some(2));
    assert_eq!(run(dir.path(), &["chekc", "x.yaml"]).status.code(), Some(2));
    assert_eq!(run(dir.path(), &["check", "--no-such-flag", "x.yaml"]).status.code(), Some(2));
}

#[test]
fn a_file_that_cannot_be_read_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check", "nothing-here.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing-here.yaml:1:1: error: อ่านไฟล์ไม่ได้"), "{}", stderr(&out));
}

// ---- what the file is made of ----

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let text = minimal();
    let bytes = [b"\xEF\xBB\xBF".as_slice(), text.replace('\n', "\r\n").as_bytes()].concat();
    let input = write("input.yaml", bytes);
    let o = check_file(&input.path);
    assert!(o.diagnostics.is_empty(), "{}", list(&o));
    assert_eq!(o.report.unwrap(), clean(&text));
    // Places are still counted in lines and characters.
    let text = edit(&minimal(), "i1: 90.95", "i1: 101").replace('\n', "\r\n");
    let input = write("input.yaml", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat());
    let o = check_file(&input.path);
    error(only(&o), "scores.i1", at_in(&text, "i1: 101", "101"), "found 101", "แต่พบ 101");
}

/// Thai text as TIS-620 bytes (Thai letters are U+0E01.. at 0xA1..).
fn tis620(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x0E01..=0x0E5B => (c as u32 - 0x0E00 + 0xA0) as u8,
            n if n < 0x80 => n as u8,
            _ => panic!("{c} is not in TIS-620"),
        })
        .collect()
}

#[test]
fn a_file_in_tis_620_is_refused_with_a_hint_naming_tis_620() {
    let text = "format: 1\nfiscal_year: 2568\nagency:\n  name: องค์การบริหารส่วนตำบลทดสอบ\n";
    let input = write("input.yaml", tis620(text));
    let o = check_file(&input.path);
    let d = only(&o);
    // At the first Thai letter (its first two bytes happen to be UTF-8).
    error(d, "", (4, 9), "the file is not UTF-8", "ไฟล์ไม่ได้บันทึกเป็น UTF-8");
    assert!(hint(d).contains("TIS-620"), "{}", hint(d));
    assert!(hint(d).contains("iconv -f WINDOWS-874 -t UTF-8"), "{}", hint(d));
}

#[test]
fn a_stray_byte_in_a_utf8_file_is_located_without_the_tis_620_hint() {
    let mut bytes = "format: 1\nagency:\n  name: องค์การ".as_bytes().to_vec();
    bytes.extend(b"\xFF\n");
    let input = write("input.yaml", bytes);
    let o = check_file(&input.path);
    let d = only(&o);
    error(d, "", (3, 16), "the file is not UTF-8", "UTF-8");
    assert_eq!(hint(d), "บันทึกไฟล์ใหม่เป็น UTF-8 (save the file again as UTF-8)", "no word of TIS-620");
}

#[test]
fn a_tab_used_for_indentation_is_an_error() {
    let text = edit(&minimal(), "  name: องค์การ", "\tname: องค์การ");
    let o = check(&text);
    let d = only(&o);
    error(d, "", at(&text, "\tname"), "a tab is used for indentation; YAML indents with spaces", "ใช้แท็บเยื้องบรรทัด");
    assert!(hint(d).contains("two spaces"), "{}", hint(d));
    // A tab inside a value is no indentation.
    clean(&edit(&minimal(), "owner: สำนักปลัด", "owner: สำนักปลัด\t"));
}

#[test]
fn an_empty_file_is_an_error() {
    for text in ["", "\n\n", "# Made up for tests: nothing but a comment\n"] {
        let o = check(text);
        error(only(&o), "", (1, 1), "the file is empty", "ไฟล์ว่าง");
    }
}

#[test]
fn a_file_that_is_not_yaml_is_an_error() {
    // A list never closed: found at the end of the file.
    let text = "# Made up for tests: not YAML\nformat: 1\nagency: {name: [องค์การ\n";
    let o = check(text);
    let d = only(&o);
    // In words a person uses, the parser's own in the hint.
    error(d, "", (4, 1), "not valid YAML: a list in [ ] is not closed with ]", "ไม่ใช่ YAML ที่ถูกต้อง: รายการใน [ ]");
    assert_eq!(hint(d), "YAML parser: while parsing a flow sequence, expected ',' or ']'");

    // A key indented under a value: at its colon.
    let text = "format: 1\nagency:\n  name: x\n   bad: indentation\n";
    let o = check(text);
    error(
        only(&o),
        "",
        at_in(text, "bad: indentation", ":"),
        "not valid YAML: a \": \" where no key can start: is the line indented more than its key",
        "ไม่ใช่ YAML",
    );
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    // Billion laughs: ten levels of nine aliases each.
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, cur) in ('a'..='i').zip('b'..='j') {
        let aliases = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("{cur}: &{cur} [{aliases}]\n"));
    }
    let started = Instant::now();
    let o = check(&text);
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    error(
        only(&o),
        "",
        at_in(&text, "f: &f [*e", "*e"),
        "the file holds more than the limit of 100000 values (an alias counts as the values it repeats)",
        "ไฟล์มีค่าเกินขีดจำกัด 100000 ค่า",
    );
    assert!(hint(only(&o)).contains("anchors and aliases that repeat each other expand without limit"));
}

#[test]
fn an_alias_that_stays_small_is_fine() {
    // Anchors are YAML: a period written once and reused.
    let text = edit(
        &minimal(),
        "period: {from: 2568-10-01, to: 2569-09-30}",
        "period: &year {from: 2568-10-01, to: 2569-09-30}",
    );
    let text = edit(
        &text,
        "        owner: สำนักปลัด\n",
        "        owner: สำนักปลัด\n      - target: o5\n        name: มาตรการเผยแพร่แผน\n        steps: [เผยแพร่แผน]\n        period: *year\n        owner: สำนักปลัด\n",
    );
    let r = clean(&text);
    assert_eq!(r.issues[0].measures[0].period, r.issues[0].measures[1].period);
}

#[test]
fn deep_nesting_is_refused() {
    // Flow lists: the 32nd bracket is one level too deep (the root mapping
    // is the first level).
    let text = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
    let o = check(&text);
    error(only(&o), "", (1, 4 + 31), "nested deeper than the limit of 32 levels", "ซ้อนกันลึกเกินขีดจำกัด 32 ชั้น");

    // Block mappings: at the key that opens the 33rd.
    let text: String = (0..100).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
    let o = check(&text);
    error(only(&o), "", at(&text, "k32:"), "nested deeper than the limit of 32 levels", "ซ้อนกันลึกเกิน");
}

#[test]
fn columns_count_characters_not_bytes() {
    // Thai letters take three bytes each in UTF-8; an editor shows one column.
    let text = replace_block(&minimal(), "agency:", "agency: {name: องค์การบริหารส่วนตำบลทดสอบ, provnce: หนองบัวลำภู}");
    let o = check(&text);
    let d = only(&o);
    error(d, "agency.provnce", at(&text, "provnce"), "unknown key \"provnce\"", "ไม่รู้จักคีย์");
    assert_eq!(d.pos.col, "agency: {name: องค์การบริหารส่วนตำบลทดสอบ, ".chars().count() + 1);
    // The byte offset points at the same place, for underlining.
    assert_eq!(&text[d.pos.offset..d.pos.offset + 7], "provnce");
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let text = edit(&minimal(), "i1: 90.95", "i1: 101");
    let text = edit(&text, "  province: หนองบัวลำภู", "  provnce: หนองบัวลำภู");
    let text = edit(&text, "owner: สำนักปลัด", "owner: ''");
    let text = edit(&text, "  total: 90.00\n", "  total: 90.00\n  level: ผ่านดีเยี่ยม\n");
    let o = check(&text);
    let keys: Vec<&str> = o.diagnostics.iter().map(|d| d.key.as_str()).collect();
    // Errors first, each group in file order; the level warning waits for
    // the errors to be fixed (a report is needed to weigh it).
    assert_eq!(keys, ["agency.provnce", "scores.i1", "issues[0].measures[0].owner"], "{}", list(&o));
    error(&o.diagnostics[2], "issues[0].measures[0].owner", at(&text, "''"), "the text is empty", "ข้อความว่าง");
}

#[test]
fn a_word_list_extends_what_lines_keep_whole() {
    let text = edit(&minimal(), "format: 1\n", "format: 1\ndocument:\n  words: [หันนางาม, ศรีบุญเรือง]\n");
    let r = clean(&text);
    assert_eq!(r.settings.words, ["หันนางาม", "ศรีบุญเรือง"]);
    let doc = ita_report::compose::compose(&r);
    assert!(doc.keep_whole.iter().any(|w| w == "หันนางาม"), "{:?}", doc.keep_whole);
    assert!(doc.keep_whole.iter().any(|w| w == "องค์การบริหารส่วนตำบลทดสอบ"), "the agency's name is kept whole");

    let text = edit(&minimal(), "format: 1\n", "format: 1\ndocument:\n  words: หันนางาม\n");
    error(only(&check(&text)), "document.words", at(&text, "หันนางาม"), "expected a list", "ต้องเป็นรายการ");
}

// ---- issue #7: codes, rows and indicators written twice or out of place ----

#[test]
fn a_lowest_code_that_is_no_row_of_the_issue_is_a_warning() {
    // o6 is in the catalog, but not in this issue's items.
    let text = edit(&minimal(), "      cause:", "      lowest: [i10, o6]\n      cause:");
    let o = check(&text);
    let d = only(&o);
    warning(
        d,
        "issues[0].analysis.lowest[1]",
        at(&text, "o6]"),
        "o6 is not a row of this issue's table (items), yet it is named the lowest",
        "o6 ไม่ได้อยู่ในตารางของประเด็นนี้",
    );
    assert!(hint(d).contains("add it to items, or name one of): i1, i10, o5"), "{}", hint(d));
    // A warning: the document is still made, naming what the file says.
    let r = report(o);
    let lowest: Vec<&str> = r.issues[0].analysis.lowest.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(lowest, ["i10", "o6"]);
}

#[test]
fn an_item_listed_twice_in_one_issue_is_an_error_naming_the_first() {
    // Also in another form: I10 and i๑๐ are i10.
    let text = edit(&minimal(), "items: [i1, i10, o5]", "items: [i1, i10, o5, I10, i๑]");
    let o = check(&text);
    assert_eq!(o.diagnostics.len(), 2, "{}", list(&o));
    error(
        about(&o, "issues[0].items[3]"),
        "issues[0].items[3]",
        at(&text, "I10"),
        "i10 is already a row of this table (issues[0].items[1]); an item is one row",
        "i10 อยู่ในตารางนี้แล้ว (issues[0].items[1])",
    );
    let d = about(&o, "issues[0].items[4]");
    error(d, "issues[0].items[4]", at(&text, "i๑"), "i1 is already a row of this table (issues[0].items[0])", "i1");
    assert!(hint(d).contains("remove it, or write the code meant"), "{}", hint(d));
}

#[test]
fn the_same_indicator_in_arabic_and_thai_digits_is_an_error() {
    let text = edit(&minimal(), "9: 90, 10: 90}", "9: 90, 10: 90, ๑: 85}");
    let o = check(&text);
    let d = only(&o);
    error(
        d,
        "result.indicators.๑",
        at(&text, "๑"),
        "indicator 1 is already given, on line 15",
        "คะแนนตัวชี้วัดที่ 1 ให้ไว้แล้วที่บรรทัด 15",
    );
    assert!(hint(d).contains("1 and ๑ are the same indicator"), "{}", hint(d));
}

#[test]
fn a_text_or_tool_written_twice_in_other_forms_is_an_error() {
    let text = edit(&minimal(), "\nissues:", "\ntexts:\n  o5: ข้อความหนึ่ง\n  O5: ข้อความสอง\n\nissues:");
    error(
        only(&check(&text)),
        "texts.O5",
        at(&text, "O5"),
        "the text of o5 is already given, on line 23",
        "ข้อความของ o5 ให้ไว้แล้วที่บรรทัด 23",
    );
    let text = edit(&minimal(), "{code: OIT, score: 90}", "{code: iit, score: 90}");
    error(
        only(&check(&text)),
        "result.tools[2].code",
        at(&text, "iit"),
        "the tool IIT is already listed (result.tools[0])",
        "เครื่องมือ IIT อยู่ในรายการแล้ว",
    );
}

#[test]
fn did_you_mean_prefers_the_nearest_code() {
    // o5 and o15 are both one edit from o55; o5 shares more of its start.
    let text = edit(&minimal(), "items: [i1, i10, o5]", "items: [i1, i10, o55]");
    let o = check(&text);
    let d = about(&o, "issues[0].items[2]");
    assert!(hint(d).contains("did you mean \"o5\"?"), "{}", hint(d));
    // Two letters swapped are one edit: i01 is i10 typed out of order,
    // not i1 with a stray 0 (both are known).
    let text = edit(&minimal(), "items: [i1, i10, o5]", "items: [i1, o5, i01]");
    let o = check(&text);
    let d = about(&o, "issues[0].items[2]");
    assert!(hint(d).contains("did you mean \"i10\"?"), "{}", hint(d));
}

// ---- issue #7: what a file is made of ----

#[test]
fn a_tab_inside_a_block_text_is_text_not_indentation() {
    // Text pasted from Word into a literal block keeps its leading tab.
    let text = edit(&minimal(), "      cause: เจ้าหน้าที่", "      cause: |\n        \tเจ้าหน้าที่");
    let r = clean(&text);
    assert_eq!(r.issues[0].analysis.cause.as_deref(), Some("เจ้าหน้าที่ยังไม่เข้าใจขั้นตอนการขอยืมทรัพย์สิน"));
    // A tab-indented line YAML would fold into the text above is refused:
    // the writer meant a second step.
    let text = edit(&minimal(), "          - จัดประชุมชี้แจงเจ้าหน้าที่\n", "          - จัดประชุม\n\t  - จัดทำคู่มือ\n");
    error(only(&check(&text)), "", at(&text, "\t  - จัดทำ"), "a tab is used for indentation", "ใช้แท็บ");
}

#[test]
fn layout_controls_are_breaks_and_other_controls_are_refused_by_name() {
    // A vertical tab (Word's line break), a form feed (a PDF's page break)
    // and the Unicode line and paragraph separators break the line.
    let text = edit(&minimal(), "owner: สำนักปลัด", "owner: \"สำนัก\\vปลัด\\fกอง\\Lคลัง\\Pช่าง\"");
    assert_eq!(clean(&text).issues[0].measures[0].owner, "สำนัก\nปลัด\nกอง\nคลัง\n\nช่าง");
    let text = edit(&minimal(), "owner: สำนักปลัด", "owner: \"สำนัก\\eปลัด\"");
    let o = check(&text);
    let d = only(&o);
    error(
        d,
        "issues[0].measures[0].owner",
        at(&text, "\"สำนัก"),
        "contains the control character U+001B (ESC) at character 6 of the text, which cannot be printed",
        "มีอักขระควบคุม U+001B (ESC)",
    );
    // Shown, never sent to the terminal as it is.
    let text = edit(&minimal(), "format: 1", "format: 1\n\"\\e[2J\": x");
    let o = check(&text);
    let shown = format!("{}", only(&o).display("input.yaml"));
    assert!(shown.contains("unknown key \"<U+001B>[2J\"") && !shown.contains('\u{1B}'), "{shown}");
}

#[test]
fn a_second_yaml_document_is_an_error_not_ignored() {
    let text = format!("{}---\nformat: 1\n", minimal());
    let o = check(&text);
    let d = only(&o);
    error(d, "", at(&text, "---"), "the file holds more than one YAML document", "มากกว่าหนึ่งชุด");
}

#[test]
fn an_empty_list_item_is_located_at_its_dash() {
    let text = edit(&minimal(), "          - จัดประชุมชี้แจงเจ้าหน้าที่", "          -");
    let o = check(&text);
    error(
        only(&o),
        "issues[0].measures[0].steps[0]",
        at(&text, "-\n"),
        "expected a text, found an empty value",
        "ค่าว่าง",
    );
}

#[test]
fn a_file_of_another_kind_is_named() {
    for (bytes, en) in [
        (b"%PDF-1.7\n\xE2\xE3".to_vec(), "a PDF file"),
        (b"PK\x03\x04\x14\x00".to_vec(), "a Word or Excel document (.docx, .xlsx)"),
    ] {
        let input = write("input.yaml", bytes);
        let o = check_file(&input.path);
        error(only(&o), "", (1, 1), en, "ไม่ใช่ไฟล์ข้อความ YAML");
    }
    // UTF-16 with its byte-order mark and without.
    for bytes in [b"\xFF\xFEf\x00o\x00".as_slice(), b"f\0o\0r\0m\0a\0t\0:\0 \x001\0"] {
        let input = write("input.yaml", bytes);
        let o = check_file(&input.path);
        error(only(&o), "", (1, 1), "the file is saved as UTF-16, not UTF-8", "UTF-16");
        assert!(hint(only(&o)).contains("Save As with the encoding UTF-8"), "{}", hint(only(&o)));
    }
}

#[test]
fn thousands_of_problems_are_found_quickly_and_the_first_hundred_shown() {
    // Every code scored, then 45,000 texts for codes nothing knows: each
    // "did you mean" compares a code with 3,000 known ones. Once took
    // five minutes; past the messages shown, no guess is made.
    let scores: String = ["i", "e", "o"]
        .iter()
        .flat_map(|l| (1..1000).map(move |n| format!("{l}{n}")))
        .filter(|c| !["i1", "i10", "o5"].contains(&c.as_str()))
        .map(|c| format!("  {c}: 50\n"))
        .collect();
    let texts: String = (0..45_000).map(|n| format!("  q{n}: x\n")).collect();
    let text = edit(&minimal(), "  o5: 100\n", &format!("  o5: 100\n{scores}"));
    let text = edit(&text, "\nissues:", &format!("\ntexts:\n{texts}\nissues:"));
    let started = Instant::now();
    let o = check(&text);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(o.diagnostics.len(), 101, "a hundred and a note");
    error(&o.diagnostics[0], "texts.q0", at(&text, "q0:"), "the code \"q0\" is in neither", "ไม่พบรหัส");
    let note = &o.diagnostics[100];
    error(
        note,
        "",
        at(&text, "q100:"),
        "and 44900 more problems, not shown (at most 100 are shown)",
        "อีก 44900 รายการ",
    );
}

#[test]
fn more_tools_than_the_limit_are_refused() {
    let tools: String = (1..=11).map(|n| format!("    - {{code: T{n}, name: เครื่องมือ {n}, score: 90}}\n")).collect();
    let text = replace_block(&minimal(), "tools:", &format!("tools:\n{tools}"));
    let o = check(&text);
    error(only(&o), "result.tools", at(&text, "- {code: T1,"), "11 tools, over the limit of 10", "เกินขีดจำกัด 10");
}
