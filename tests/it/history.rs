//! `result.history` against the document it is in: a year after the
//! fiscal year is an error, the fiscal year at another total than the
//! file's a warning at its key, and a chart of one year is titled with that
//! year alone.

use std::fs;

use crate::support::{bin, build, edit, have, minimal, pdf_text, squeeze, stderr};

fn with_history(history: &str) -> String {
    edit(&minimal(), "  indicators:", &format!("  history: {history}\n  indicators:"))
}

fn check(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.yaml");
    fs::write(&file, text).unwrap();
    let o = bin().arg("check").arg(&file).output().unwrap();
    (o.status.code(), stderr(&o))
}

#[test]
fn a_history_year_after_the_fiscal_year_is_an_error_and_another_total_a_warning() {
    // Line 15, after "  history: {2567: 80, " (column 23).
    let (code, said) = check(&with_history("{2567: 80, 2569: 95}"));
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("h.yaml:15:23: error: result.history.2569:"), "{said}");
    assert!(said.contains("the year 2569 is after the fiscal year (2568)"), "{said}");

    let (code, said) = check(&with_history("{2567: 80, 2568: 85.00}"));
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("h.yaml:15:29: warning: result.history.2568:"), "{said}");
    assert!(said.contains("the history's 2568 (85.00) is not this year's total (90.00)"), "{said}");

    let (_, said) = check(&with_history("{2567: 80, 2568: 90.00}"));
    assert!(!said.contains("result.history"), "the same total: {said}");
}

#[test]
fn a_chart_of_one_year_names_that_year_alone() {
    if !have("pdftotext", "a_chart_of_one_year_names_that_year_alone") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.yaml");
    fs::write(&file, with_history("{2568: 90.00}")).unwrap();
    let o = build(&file, &dir.path().join("out"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squeeze(&pdf_text(&dir.path().join("out/one.pdf")));
    assert!(text.contains("ปีงบประมาณพ.ศ.๒๕๖๘"), "{text}");
    assert!(!text.contains("๒๕๖๘–๒๕๖๘"), "{text}");
}
