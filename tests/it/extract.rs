//! The PDF's text as five families of viewers extract it: poppler (evince,
//! okular), PDFium (Chrome, Edge), pdf.js (Firefox), MuPDF (SumatraPDF,
//! phone viewers) and pdfminer.six (indexers). Every free text of an input
//! is found in each, and no word of it has a space inside it in poppler's
//! layout mode (a viewer's selection) or in PDFium.
//!
//! The extractors: poppler-utils and mupdf-tools from Debian's packages,
//! pypdfium2 and pdfminer.six from PyPI (`python3`), pdfjs-dist from npm
//! (`npm install --prefix .ci/node pdfjs-dist`); .ci/run installs them all.

use std::path::{Path, PathBuf};
use std::process::Command;

use ita_report::compose::{compose, compose_followup};
use ita_report::disk::check_file;

use crate::support::{build, cut_in_order, free_texts, root, skip, squeeze_to_pages, stderr, thai_digits};

/// An extractor, and the command that prints a PDF's text with it.
struct Extractor {
    name: &'static str,
    command: fn(&Path) -> Command,
}

fn python(engine: &str, pdf: &Path) -> Command {
    let mut c = Command::new("python3");
    c.arg(root().join("tests/tools/pdf_text.py")).args(["--engine", engine]).arg(pdf);
    c
}

const EXTRACTORS: [Extractor; 6] = [
    Extractor { name: "poppler -raw", command: |pdf| poppler(&["-raw"], pdf) },
    Extractor { name: "poppler", command: |pdf| poppler(&[], pdf) },
    Extractor { name: "PDFium", command: |pdf| python("pdfium", pdf) },
    Extractor {
        name: "pdf.js",
        command: |pdf| {
            let mut c = Command::new("node");
            let modules = root().join(".ci/node/node_modules");
            let path = std::env::var("NODE_PATH")
                .map_or(modules.display().to_string(), |p| format!("{}:{p}", modules.display()));
            c.env("NODE_PATH", path).arg(root().join("tests/tools/pdfjs_text.mjs")).arg(pdf);
            c
        },
    },
    Extractor {
        name: "MuPDF",
        command: |pdf| {
            let mut c = Command::new("mutool");
            c.args(["draw", "-q", "-F", "txt"]).arg(pdf);
            c
        },
    },
    Extractor { name: "pdfminer", command: |pdf| python("pdfminer", pdf) },
];

fn poppler(args: &[&str], pdf: &Path) -> Command {
    let mut c = Command::new("pdftotext");
    c.args(args).arg(pdf).arg("-");
    c
}

/// The text an extractor gives, or why it cannot run.
fn extract(e: &Extractor, pdf: &Path) -> Result<String, String> {
    let out = (e.command)(pdf).output().map_err(|err| format!("{} cannot run: {err}", e.name))?;
    if !out.status.success() {
        return Err(format!("{} failed: {}", e.name, String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E5B}').contains(&c)
}

/// Whether a free text stands in the extracted text in order: in at most
/// three runs, and two more for each page break it runs across (the page
/// number, and the table's header repeated on the next page).
fn found(hay: &str, text: &str) -> bool {
    let needle: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    cut_in_order(hay, &needle).is_some_and(|(runs, breaks)| runs <= 3 + 2 * breaks)
}

/// A run of Thai letters and marks (not digits: a chart's labels are
/// numbers set apart).
fn thai_run(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| ('\u{0E01}'..='\u{0E4E}').contains(&c))
}

/// The spaces an extraction puts between two Thai letters where the
/// document has none: up to six letters either side, as `left right`. A
/// space where poppler's plain order ends a line is a line end, which PDFium
/// writes so.
fn spurious_spaces(text: &str, printed: &str, plain: &str) -> Vec<String> {
    let plain: String = plain.chars().filter(|c| *c != '\r').collect();
    let mut found = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        for i in 1..chars.len().saturating_sub(1) {
            if chars[i] != ' ' || !is_thai(chars[i - 1]) || !is_thai(chars[i + 1]) {
                continue;
            }
            let left: String = chars[i.saturating_sub(6)..i].iter().collect();
            let left = left.rsplit(' ').next().unwrap_or_default().to_string();
            let right: String = chars[i + 1..(i + 7).min(chars.len())].iter().collect();
            let right = right.split(' ').next().unwrap_or_default().to_string();
            if !thai_run(&left) || !thai_run(&right) {
                continue;
            }
            let inside = printed.contains(&format!("{left}{right}"));
            let written = printed.contains(&format!("{left} {right}"));
            let line_end = plain.contains(&format!("{left}\n{right}"));
            if inside && !written && !line_end {
                found.push(format!("{left} {right}"));
            }
        }
    }
    found
}

/// Builds `input` and holds each extractor to finding every free text, and
/// poppler's layout mode and PDFium to keeping every word whole.
fn assert_every_viewer_reads_it_right(input: &str, test: &str) {
    let yaml = std::fs::read_to_string(root().join(input)).unwrap();
    let arabic = yaml.contains("numerals: arabic");
    let texts: Vec<String> = free_texts(&yaml).into_iter().map(|t| if arabic { t } else { thai_digits(&t) }).collect();
    assert!(!texts.is_empty(), "{input} has free texts");
    assert_every_viewer_reads(input, &[], &texts, test);
}

/// Builds `input` with `args` and holds each extractor to finding every
/// one of `texts`, and poppler's layout mode and PDFium to keeping every
/// word whole.
fn assert_every_viewer_reads(input: &str, args: &[&str], texts: &[String], test: &str) {
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join(input), dir.path(), args);
    assert!(o.status.success(), "{input}: {}", stderr(&o));
    let followup = args.contains(&"--followup");
    let stem = Path::new(input).file_stem().unwrap().to_string_lossy().into_owned();
    let pdf: PathBuf = dir.path().join(format!("{stem}{}.pdf", if followup { "-followup" } else { "" }));
    // Every line the document prints, its wording and labels too.
    let report = check_file(&root().join(input)).report.expect("the input checks");
    let printed = if followup { compose_followup(&report) } else { compose(&report) }.plain_text();
    let mut plain = String::new();
    let mut problems = Vec::new();
    for e in &EXTRACTORS {
        let text = match extract(e, &pdf) {
            // PDFium marks a hyphen that ends a line as U+FFFE.
            Ok(text) => text.replace('\u{FFFE}', "-"),
            Err(why) => {
                skip(test, &format!("{why} (see tests/it/extract.rs for the extractors)"));
                return;
            }
        };
        if e.name == "poppler -raw" {
            plain = text.clone();
        }
        // Poppler's layout mode sets table cells side by side on its lines:
        // only its words are held to.
        if e.name != "poppler" {
            let hay = squeeze_to_pages(&text);
            let missing: Vec<&String> = texts.iter().filter(|t| !found(&hay, t)).collect();
            if !missing.is_empty() {
                problems.push(format!(
                    "{}: {} of {} free texts not found, the first: {:?}",
                    e.name,
                    missing.len(),
                    texts.len(),
                    missing[0]
                ));
            }
        }
        if matches!(e.name, "poppler" | "PDFium") {
            let spaces = spurious_spaces(&text, &printed, &plain);
            if !spaces.is_empty() {
                problems.push(format!("{}: {} spaces inside words: {spaces:?}", e.name, spaces.len()));
            }
        }
    }
    assert!(problems.is_empty(), "{input}:\n{}", problems.join("\n"));
}

#[test]
fn every_viewer_reads_the_examples_text_right() {
    assert_every_viewer_reads_it_right("data/hannangam-2568.yaml", "every_viewer_reads_the_examples_text_right");
}

#[test]
fn every_viewer_reads_the_followup_report_right() {
    // Every line the follow-up report prints: its wording, and each measure and result.
    let report = check_file(&root().join("tests/inputs/followup.yaml")).report.expect("the input checks");
    let lines = compose_followup(&report).plain_text();
    let texts: Vec<String> = lines.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    let test = "every_viewer_reads_the_followup_report_right";
    assert_every_viewer_reads("tests/inputs/followup.yaml", &["--followup"], &texts, test);
}

#[test]
fn every_viewer_reads_every_tone_mark_and_vowel_on_every_consonant() {
    let test = "every_viewer_reads_every_tone_mark_and_vowel_on_every_consonant";
    assert_every_viewer_reads_it_right("tests/inputs/thai-marks.yaml", test);
}

#[test]
fn every_viewer_reads_long_analyses_in_narrow_cells_right() {
    let test = "every_viewer_reads_long_analyses_in_narrow_cells_right";
    assert_every_viewer_reads_it_right("tests/inputs/long-analysis.yaml", test);
}

#[test]
fn every_viewer_reads_the_other_test_inputs_right() {
    for input in ["tests/inputs/minimal.yaml", "tests/inputs/docx-signatory.yaml", "tests/inputs/pdf-markup.yaml"] {
        assert_every_viewer_reads_it_right(input, "every_viewer_reads_the_other_test_inputs_right");
    }
}

#[test]
fn sara_am_comes_back_whole_so_a_search_for_kham_finds_it() {
    let test = "sara_am_comes_back_whole_so_a_search_for_kham_finds_it";
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join("data/hannangam-2568.yaml"), dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("hannangam-2568.pdf");
    for e in &EXTRACTORS {
        match extract(e, &pdf) {
            Ok(text) => {
                assert!(text.contains("คำ") && text.contains("ดำเนิน"), "{}: no คำ", e.name);
                assert!(!text.contains('\u{0E4D}'), "{}: a NIKHAHIT left over from ำ", e.name);
            }
            Err(why) => return skip(test, &why),
        }
    }
}

#[test]
fn pdf_a_2u_is_written_when_asked_for_and_its_text_reads_right() {
    let test = "pdf_a_2u_is_written_when_asked_for_and_its_text_reads_right";
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("data/hannangam-2568.yaml");
    let undated = build(&input, dir.path(), &["--pdf-standard", "a-2u"]);
    assert_eq!(undated.status.code(), Some(1));
    assert!(stderr(&undated).contains("PDF/A-2u needs the document's date"), "{}", stderr(&undated));

    let o = crate::support::bin()
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .args(["build", "--pdf-standard", "a-2u", "-o"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("hannangam-2568.pdf");
    let bytes = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(
        bytes.contains("<pdfaid:part>2</pdfaid:part>") && bytes.contains("<pdfaid:conformance>U</pdfaid:conformance>")
    );
    let yaml = std::fs::read_to_string(&input).unwrap();
    let texts: Vec<String> = free_texts(&yaml).iter().map(|t| thai_digits(t)).collect();
    // PDF/A asks for each glyph's width as its font gives it, so marks get
    // no widths of their own: poppler's layout mode and pdfminer, which place
    // text by the widths, read them less well (README).
    for e in EXTRACTORS.iter().filter(|e| !matches!(e.name, "poppler" | "pdfminer")) {
        let text = match extract(e, &pdf) {
            Ok(text) => squeeze_to_pages(&text.replace('\u{FFFE}', "-")),
            Err(why) => return skip(test, &why),
        };
        let missing = texts.iter().filter(|t| !found(&text, t)).count();
        assert_eq!(missing, 0, "{}: {missing} free texts not found in the PDF/A", e.name);
    }
}
