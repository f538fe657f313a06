//! Page numbers: the plain number at the foot, or "- ๒ -" at the top as
//! official letters number their pages (`document.page_numbers: dash-top`),
//! in the PDF and in the DOCX.

use std::process::Command;

use crate::docx::part;
use crate::support::*;

/// The example with `page_numbers` set, built into `dir`: its PDF and DOCX.
fn built(dir: &std::path::Path, page_numbers: &str) -> (std::path::PathBuf, Vec<u8>) {
    let text = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let text = text.replacen("document:\n", &format!("document:\n  page_numbers: {page_numbers}\n"), 1);
    let input = dir.join("ita.yaml");
    std::fs::write(&input, text).unwrap();
    let o = build(&input, dir, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    (dir.join("ita.pdf"), std::fs::read(dir.join("ita.docx")).unwrap())
}

/// The lines of one page of a PDF as poppler lays them out, blank ones
/// left out and spaces taken away.
fn page_lines(pdf: &std::path::Path, page: usize) -> Vec<String> {
    let page = page.to_string();
    let out = Command::new("pdftotext").args(["-layout", "-f", &page, "-l", &page]).arg(pdf).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().map(|l| l.split_whitespace().collect::<String>()).filter(|l| !l.is_empty()).collect()
}

#[test]
fn dash_top_numbers_pages_at_the_top_between_dashes_in_both_documents() {
    if !have("pdftotext", "dash_top_numbers_pages_at_the_top_between_dashes_in_both_documents") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (pdf, docx) = built(dir.path(), "dash-top");
    // The third page is the second numbered one (the cover has none).
    let lines = page_lines(&pdf, 3);
    assert_eq!(lines.first().map(String::as_str), Some("-๒-"), "{lines:?}");
    assert_ne!(lines.last().map(String::as_str), Some("๒"), "{lines:?}");
    let header = part(&docx, "word/header1.xml");
    let at = |s: &str| header.find(s).unwrap_or_else(|| panic!("{s} in {header}"));
    assert!(at(">- <") < at("PAGE") && at("PAGE") < at("> -<"), "{header}");
    let body = part(&docx, "word/document.xml");
    assert!(body.contains("w:headerReference") && !body.contains("w:footerReference"), "{body}");
}

#[test]
fn plain_numbers_stay_at_the_foot() {
    if !have("pdftotext", "plain_numbers_stay_at_the_foot") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (pdf, docx) = built(dir.path(), "plain");
    let lines = page_lines(&pdf, 3);
    assert_eq!(lines.last().map(String::as_str), Some("๒"), "{lines:?}");
    let body = part(&docx, "word/document.xml");
    assert!(body.contains("w:footerReference") && !body.contains("w:headerReference"), "{body}");
}

#[test]
fn page_numbers_of_another_kind_are_an_error_naming_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let input = dir.path().join("ita.yaml");
    std::fs::write(&input, text.replacen("document:\n", "document:\n  page_numbers: top\n", 1)).unwrap();
    let o = build(&input, dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("document.page_numbers") && err.contains("dash-top"), "{err}");
}
