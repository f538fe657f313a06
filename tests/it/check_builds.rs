//! What `check` passes, `build` builds: what would stop the build is found
//! by `check`, at the key that names it: a logo cut short as an error; a
//! font this machine lacks, and PDF/A without a date, as warnings (the file
//! is right where the font is installed, or the date given at the build).

use std::fs;

use crate::support::{bin, edit, minimal, stderr};

/// `ita-report check` of `text` in a folder with `logo.png` cut short.
fn check(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.png");
    image::RgbImage::from_pixel(64, 64, image::Rgb([0, 0, 200])).save(&logo).unwrap();
    let bytes = fs::read(&logo).unwrap();
    fs::write(&logo, &bytes[..bytes.len() / 2]).unwrap();
    let file = dir.path().join("c.yaml");
    fs::write(&file, text).unwrap();
    let o = bin().arg("check").arg(&file).output().unwrap();
    (o.status.code(), stderr(&o))
}

#[test]
fn a_logo_cut_short_a_missing_font_and_pdf_a_without_a_date_are_found_by_check() {
    let (code, said) = check(&edit(&minimal(), "  province:", "  logo: logo.png\n  province:"));
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("c.yaml:7:9: error: agency.logo:") && said.contains("cut short"), "{said}");

    let font = "fiscal_year: 2568\ndocument: {font: No Such Sans}";
    // A warning: the file is right where the font is installed.
    let (_, said) = check(&edit(&minimal(), "fiscal_year: 2568", font));
    assert!(said.contains("c.yaml:4:18: warning: document.font:") && said.contains("not installed"), "{said}");

    let archival = "fiscal_year: 2568\ndocument: {pdf_standard: a-2u}";
    let (_, said) = check(&edit(&minimal(), "fiscal_year: 2568", archival));
    assert!(
        said.contains("c.yaml:4:26: warning: document.pdf_standard:") && said.contains("needs the document's date"),
        "{said}"
    );
}

#[test]
fn a_byte_order_mark_inside_the_file_is_named_in_the_message() {
    // Two files joined: the second one's mark before a key.
    let (code, said) = check(&minimal().replacen("\nagency:", "\n\u{FEFF}agency:", 1));
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("error: <U+FEFF>agency: ไม่รู้จักคีย์ \"<U+FEFF>agency\""), "{said}");
}
