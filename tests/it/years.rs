//! Framework years: next year's file from this year's, a year's catalog as
//! a file of its own, and a year with no catalog or with another year's
//! item numbers.

use std::fs;
use std::path::Path;

use ita_report::compose::compose;
use ita_report::disk::{check_file, check_file_with};
use ita_report::report::Report;

use crate::support::{bin, build, edit, minimal, root, stderr};

const EXAMPLE: &str = "data/hannangam-2568.yaml";

fn report(path: &Path, catalog: Option<&Path>) -> Report {
    let checked = check_file_with(path, catalog);
    checked.report.unwrap_or_else(|| panic!("{} has errors: {:#?}", path.display(), checked.diagnostics))
}

#[test]
fn next_years_file_from_this_years_checks_with_only_its_blank_scores_as_errors() {
    let dir = tempfile::tempdir().unwrap();
    let next = dir.path().join("next.yaml");
    let out = bin().args(["init", "--from", EXAMPLE]).arg(&next).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    for told in [
        "fiscal year 2568 → 2569",
        "history gains 2568: 49.74",
        "42 item scores left blank",
        "7 issues and 13 measures carried",
    ] {
        assert!(said.contains(told), "{told:?} not said:\n{said}");
    }
    // o13 is another item in 2569, and the file's own text for it is 2568's.
    assert!(said.contains("o13's text under texts: is 2568's"), "{said}");
    assert!(said.contains("o17's item is o16 in 2569, which the file uses already"), "{said}");
    assert!(said.contains("o1's item in 2569 is another"), "{said}");
    // The measures document is o25 in 2569 (o27 in 2568): renamed, and
    // 2568's o25 is 2569's o23.
    assert!(said.contains("o27's item is o25 in 2569: renamed") && said.contains("o25 → o23"), "{said}");

    let text = fs::read_to_string(&next).unwrap();
    let last = fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert!(text.contains("fiscal_year: 2569\n") && text.contains("  history:\n    2568: 49.74\n"), "{text}");
    assert!(text.contains("period: {from: 2569-10-01, to: 2570-09-30}"), "periods a year on");
    assert!(text.contains("items: [i13, i14, i15, o23, o26, o25, o28]"), "{text}");
    // What is not a figure stays as it was written, comments and all.
    let comments =
        |t: &str| t.lines().filter(|l| l.trim_start().starts_with('#')).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(comments(&text), comments(&last));
    assert!(text.contains("    analysis:\n      lowest: i10\n      cause: >-\n        การให้บริการในหน่วยงาน"));

    let checked = check_file(&next);
    let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 57, "the total, 4 tools, 10 indicators and 42 scores: {errors:#?}");
    for e in &errors {
        let blank = e.key == "result.total"
            || e.key.starts_with("scores.")
            || e.key.starts_with("result.indicators.")
            || (e.key.starts_with("result.tools[") && e.key.ends_with(".score"));
        let empty = e.en.contains("found an empty value") || e.en.starts_with("has no value");
        assert!(blank && empty, "not a blank score: {e:?}");
    }

    // Never over a file that is there.
    let again = bin().args(["init", "--from", EXAMPLE]).arg(&next).output().unwrap();
    assert!(!again.status.success() && stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(fs::read_to_string(&next).unwrap(), text);
}

#[test]
fn next_years_file_is_named_after_this_years_and_a_file_with_errors_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("agency-2568.yaml");
    fs::copy(root().join(EXAMPLE), &last).unwrap();
    let out = bin().args(["init", "--from"]).arg(&last).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("agency-2569.yaml").exists());

    let broken = dir.path().join("broken.yaml");
    fs::write(&broken, edit(&minimal(), "total: 90.00", "total: 190")).unwrap();
    let out = bin().args(["init", "--from"]).arg(&broken).arg(dir.path().join("x.yaml")).output().unwrap();
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("result.total") && err.contains("make it check first"), "{err}");
    assert!(!dir.path().join("x.yaml").exists());
}

#[test]
fn a_history_that_holds_the_year_already_gets_its_total_once() {
    let dir = tempfile::tempdir().unwrap();
    let last = dir.path().join("last.yaml");
    let history = "  history: {2567: 80.00, 2568: 85.00}\n  indicators:";
    fs::write(&last, edit(&minimal(), "  indicators:", history)).unwrap();
    let next = dir.path().join("next.yaml");
    let out = bin().args(["init", "--from"]).arg(&last).arg(&next).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&next).unwrap();
    assert!(text.contains("history: {2567: 80.00, 2568: 90.00}"), "the year's total, in place:\n{text}");
    let check = bin().arg("check").arg(&next).output().unwrap();
    assert!(!stderr(&check).contains("duplicate key"), "{}", stderr(&check));
}

#[test]
fn a_years_catalog_printed_and_named_by_the_input_builds_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("ita-2568.yaml");
    let out = bin().args(["catalog", "2568"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    fs::write(&catalog, &out.stdout).unwrap();

    let built_in = compose(&report(&root().join(EXAMPLE), None)).plain_text();
    assert_eq!(compose(&report(&root().join(EXAMPLE), Some(&catalog))).plain_text(), built_in);
    // Named in the file, and as built: the same PDF.
    let input = dir.path().join("named.yaml");
    let text = fs::read_to_string(root().join(EXAMPLE)).unwrap();
    fs::write(&input, edit(&text, "document:\n", "document:\n  catalog: ita-2568.yaml\n")).unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (file, out) in [(root().join(EXAMPLE), &a), (input.clone(), &b)] {
        let o = build(&file, out, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(fs::read(a.join("hannangam-2568.pdf")).unwrap(), fs::read(b.join("named.pdf")).unwrap());

    let newest = bin().arg("catalog").output().unwrap();
    assert!(String::from_utf8_lossy(&newest.stdout).contains("fiscal_year: 2569"));
    let none = bin().args(["catalog", "2570"]).output().unwrap();
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("the built-in years are 2565, 2566, 2567, 2568, 2569"), "{}", stderr(&none));
}

#[test]
fn a_catalog_file_is_checked_as_strictly_as_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("cat.yaml");
    fs::write(
        &catalog,
        "# Made up for tests: a catalog with mistakes\nfiscal_year: 2568\ntols: []\nindicators: {1: ก}\n\
         levels:\n  scheme: rating\n  verified: no\n  bands:\n    - {name: ต่ำ, min: 10}\n    - {name: สูง, min: 90}\n\
         items:\n  o1: {text: โครงสร้าง, verified: true}\n  x9: {verified: true}\n",
    )
    .unwrap();
    let input = dir.path().join("input.yaml");
    fs::write(&input, edit(&minimal(), "agency:", "document:\n  catalog: cat.yaml\n\nagency:")).unwrap();
    let out = bin().arg("check").arg(&input).current_dir(dir.path()).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (at, said) in [
        ("cat.yaml:3:1: error: tols:", "did you mean \"tools\"?"),
        ("cat.yaml:7:13: error: levels.verified:", "expected one of true | false, found \"no\""),
        ("cat.yaml:10:8: error: levels.bands[1]:", "bands go highest first"),
        ("cat.yaml:13:3: error: items.x9:", "\"x9\" is not an item code"),
        ("input.yaml:6:12: error: document.catalog:", "the catalog cat.yaml has 4 error(s)"),
    ] {
        // The diagnostic, with its source line and hint.
        let lines: Vec<&str> = err.lines().collect();
        let i = lines.iter().position(|l| l.contains(at)).unwrap_or_else(|| panic!("no {at:?} in\n{err}"));
        let block = lines[i..(i + 5).min(lines.len())].join("\n");
        assert!(block.contains(said), "{block}");
    }
    // The line of the catalog is shown, not the input's.
    assert!(err.contains("3 | tols: []"), "{err}");

    // A catalog of another year than the file's is refused.
    fs::write(&catalog, String::from_utf8(bin().args(["catalog", "2567"]).output().unwrap().stdout).unwrap()).unwrap();
    let out = bin().arg("check").arg(&input).output().unwrap();
    assert!(stderr(&out).contains("the catalog cat.yaml is for 2567, and this file for 2568"), "{}", stderr(&out));
    // --catalog overrides the file's own, and its year is the file's.
    let right = dir.path().join("right.yaml");
    fs::write(&right, bin().args(["catalog", "2568"]).output().unwrap().stdout).unwrap();
    let out = bin().arg("check").arg(&input).arg("--catalog").arg(&right).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn fiscal_year_2569_prints_its_own_titles_and_no_2568_title_under_a_renumbered_code() {
    let text = minimal()
        .replace("fiscal_year: 2568", "fiscal_year: 2569")
        .replace("  o5: 100\n", "  o5: 100\n  o13: 100\n  o17: 100\n  o25: 100\n")
        .replace("items: [i1, i10, o5]", "items: [i1, i10, o5, o13, o17, o25]")
        .replace("period: {from: 2568-10-01, to: 2569-09-30}", "period: {from: 2569-10-01, to: 2570-09-30}");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input.yaml");
    fs::write(&input, &text).unwrap();
    let checked = check_file(&input);
    let r = checked.report.unwrap_or_else(|| panic!("{:#?}", checked.diagnostics));
    let items: Vec<(&str, Option<&str>)> =
        r.issues[0].items.iter().map(|i| (i.code.as_str(), i.text.as_deref())).collect();
    assert_eq!(
        items,
        [
            ("i1", None),
            ("i10", None),
            ("o5", Some("แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน")),
            ("o13", Some("หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล")),
            ("o17", Some("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ")),
            ("o25", Some("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร")),
        ]
    );
    let source = checked.diagnostics.iter().find(|d| d.key == "fiscal_year").expect("the catalog's warning");
    assert!(
        source.en.contains("taken from one agency's published ITA 2569 pages") && source.en.contains("2568's are used")
    );
    assert!(source.en.contains("to be checked against the NACC"), "{}", source.en);
}

#[test]
fn a_year_without_a_catalog_takes_the_tools_and_bands_of_the_newest_but_no_item_texts() {
    let text = minimal()
        .replace("fiscal_year: 2568", "fiscal_year: 2571")
        .replace("2568-10-01, to: 2569-09-30", "2571-10-01, to: 2572-09-30");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("input.yaml");
    fs::write(&input, &text).unwrap();
    let checked = check_file(&input);
    let warning = checked.diagnostics.iter().find(|d| d.key == "fiscal_year").expect("a warning");
    assert!(
        warning
            .en
            .starts_with("no ITA framework catalog for 2571; using 2568's tools, weights, indicators and level bands"),
        "{}",
        warning.en
    );
    assert!(warning.hint.as_deref().unwrap().contains("`ita-report catalog`"));
    let r = checked.report.unwrap();
    assert!(r.issues[0].items.iter().all(|i| i.text.is_none()), "no item text across years");
    assert_eq!(r.result.level, "ผ่านดี", "the bands of 2568");
    let no_text = checked.diagnostics.iter().filter(|d| d.en.starts_with("no text for")).count();
    assert_eq!(no_text, 3, "each item printed by its code, with the warning that says how to add its text");
}

#[test]
fn init_writes_the_starter_of_any_catalog_year_with_that_years_codes() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| bin().arg("init").args(args).current_dir(dir.path()).output().unwrap();
    assert!(run(&["a.yaml"]).status.success());
    let newest = fs::read_to_string(dir.path().join("a.yaml")).unwrap();
    assert!(newest.contains("fiscal_year: 2569"));
    assert!(newest.contains("o25:                              # การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"), "{newest}");
    assert!(newest.contains("items: [i13, i14, i15, o23, o24, o25, o26]") && !newest.contains("o27"), "2569's codes");
    assert!(run(&["b.yaml", "--year", "2568"]).status.success());
    assert!(
        fs::read_to_string(dir.path().join("b.yaml")).unwrap().contains("items: [i13, i14, i15, o25, o26, o27, o28]")
    );
    assert!(run(&["c.yaml", "--year", "2566"]).status.success());
    assert!(fs::read_to_string(dir.path().join("c.yaml")).unwrap().contains("items: []"), "no grouping known for 2566");
    let out = run(&["d.yaml", "--year", "2570"]);
    assert!(!out.status.success() && stderr(&out).contains("no built-in catalog for 2570"));
    assert!(!dir.path().join("d.yaml").exists());
}

/// `init` says which tools' question texts the year has, and which years
/// have all three: an official picks the year of the results at hand.
#[test]
fn init_says_which_question_texts_its_year_has() {
    let dir = tempfile::tempdir().unwrap();
    for (year, told) in [
        ("2569", "มีข้อความคำถามของ OIT 26 ข้อ ไม่มีของ IIT และ EIT"),
        ("2568", "มีข้อความคำถามของ IIT 13 ข้อ, EIT 9 ข้อ, OIT 28 ข้อ ปีที่"),
    ] {
        let out = bin().args(["init", "--year", year]).arg(dir.path().join(format!("{year}.yaml"))).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains(told) && said.contains("years with all three tools: 2568"), "{year}:\n{said}");
    }
}
