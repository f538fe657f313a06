//! What a page shows beside the text: its number, the plain one at the foot
//! or "- ๒ -" at the top as official letters number their pages
//! (`document.page_numbers: dash-top`), in the PDF and in the DOCX; and
//! table rules that no Thai mark touches.

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

/// A page rendered in grey, one byte a pixel (a binary PGM).
pub struct Grey {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Grey {
    pub fn read(bytes: &[u8]) -> Grey {
        // "P5 <width> <height> <maxval>" and one whitespace, then the pixels.
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            let start = at + bytes[at..].iter().position(|b| !b.is_ascii_whitespace()).unwrap();
            let end = start + bytes[start..].iter().position(|b| b.is_ascii_whitespace()).unwrap();
            fields.push(std::str::from_utf8(&bytes[start..end]).unwrap().to_string());
            at = end;
        }
        assert_eq!(fields[0], "P5", "a binary grey map");
        let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        Grey { width, height, pixels: bytes[at + 1..].to_vec() }
    }

    fn dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.pixels[y * self.width + x] < 128
    }

    /// Dark on each of these rows at column x.
    fn column(&self, x: usize, rows: std::ops::Range<usize>) -> bool {
        rows.into_iter().all(|y| self.dark(x, y))
    }

    /// The table rules across the page: bands of rows with a dark run a
    /// third of the page long, as (first row, last row, from x, to x).
    pub fn rules(&self) -> Vec<(usize, usize, usize, usize)> {
        let mut bands: Vec<(usize, usize, usize, usize)> = Vec::new();
        for y in 0..self.height {
            let (mut run, mut best, mut from) = (0, (0, 0), 0);
            for x in 0..self.width {
                if self.dark(x, y) {
                    from = if run == 0 { x } else { from };
                    run += 1;
                    best = if run > best.1 { (from, run) } else { best };
                } else {
                    run = 0;
                }
            }
            if best.1 * 3 < self.width {
                continue;
            }
            match bands.last_mut() {
                Some(band) if band.1 + 1 == y => band.1 = y,
                _ => bands.push((y, y, best.0, best.0 + best.1)),
            }
        }
        bands
    }

    /// Dark pixels on the two rows just outside a table rule, where no
    /// other rule meets it: a mark touching or crossing it. A chart's axis
    /// (no rule at its ends) is not a table's.
    fn marks_on_rules(&self) -> usize {
        let mut touching = 0;
        for (y0, y1, from, to) in self.rules() {
            let (above, below) = (y0.saturating_sub(6)..y0, y1 + 1..y1 + 7);
            let upright = |x: usize| {
                (x.saturating_sub(2)..=x + 2).any(|x| self.column(x, above.clone()) || self.column(x, below.clone()))
            };
            if !(upright(from) && upright(to - 1)) {
                continue;
            }
            for x in (from..to).filter(|&x| !upright(x)) {
                let rows = [y0.wrapping_sub(1), y0.wrapping_sub(2), y1 + 1, y1 + 2];
                touching += rows.iter().filter(|&&y| self.dark(x, y)).count();
            }
        }
        touching
    }
}

/// No Thai mark touches a table's rules: every tone and vowel on every
/// consonant (tests/inputs/thai-marks.yaml), rendered at 150 dpi. (Insets
/// of 5 pt, the layout's own, leave 13 to 114 pixels of marks on the rules
/// of each page with a table.)
#[test]
fn no_thai_mark_touches_a_tables_rules() {
    if !have("pdftoppm", "no_thai_mark_touches_a_tables_rules") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join("tests/inputs/thai-marks.yaml"), dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let prefix = dir.path().join("page");
    let o = Command::new("pdftoppm")
        .args(["-gray", "-r", "150"])
        .arg(dir.path().join("thai-marks.pdf"))
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(o.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&o.stderr));
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    pages.sort();
    assert!(pages.len() > 10, "{} pages", pages.len());
    let (mut rules, mut touching) = (0, Vec::new());
    for page in &pages {
        let grey = Grey::read(&std::fs::read(page).unwrap());
        rules += grey.rules().len();
        let marks = grey.marks_on_rules();
        if marks > 0 {
            touching.push(format!("{}: {marks} pixels", page.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(rules > 40, "only {rules} rules found");
    assert!(touching.is_empty(), "marks touch the rules: {touching:?}");
}

/// A heading and a table's intro keep with what follows: no page ends with
/// one (without, a page of the example ends with an intro, its table on
/// the next).
#[test]
fn no_page_ends_with_a_heading_or_a_tables_intro() {
    use ita_report::document::Block;
    if !have("pdftotext", "no_page_ends_with_a_heading_or_a_tables_intro") {
        return;
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let dir = tempfile::tempdir().unwrap();
    for input in ["data/hannangam-2568.yaml", "tests/inputs/long-analysis.yaml", "tests/inputs/thai-marks.yaml"] {
        let report = ita_report::disk::check_file(&root().join(input)).report.expect("the input checks");
        let blocks = ita_report::compose::compose(&report).blocks;
        // The texts that must not end a page.
        let kept: Vec<String> = blocks
            .iter()
            .zip(blocks.iter().skip(1).map(Some).chain([None]))
            .filter_map(|(block, next)| match (block, next) {
                (Block::Heading { text, .. }, _) => Some(squeeze(text)),
                (Block::Paragraph(p), Some(Block::Table(_) | Block::Chart(_))) => Some(squeeze(&p.plain())),
                _ => None,
            })
            .collect();
        assert!(kept.len() > 3, "{input}: {} headings and intros", kept.len());
        let o = build(&root().join(input), dir.path(), &[]);
        assert!(o.status.success(), "{input}: {}", stderr(&o));
        let stem = std::path::Path::new(input).file_stem().unwrap().to_string_lossy().into_owned();
        let pdf = dir.path().join(format!("{stem}.pdf"));
        let pages = pdf_info(&pdf, "Pages", None).parse::<usize>().unwrap();
        for page in 2..pages {
            let lines = page_lines(&pdf, page);
            // The last line is the page's number at its foot.
            let body = if lines.last().is_some_and(|l| l.chars().all(|c| c.is_numeric() || c == '-')) {
                &lines[..lines.len() - 1]
            } else {
                &lines[..]
            };
            // Long enough not to be the end of a cell's text too (พ.ศ.๒๕๖๘).
            let Some(last) = body.last().filter(|l| l.chars().count() >= 12) else { continue };
            let ends = kept.iter().find(|k| k.ends_with(last.as_str()));
            assert!(ends.is_none(), "{input}: page {page} ends with {last:?}, of {ends:?}");
        }
    }
}
