//! The PDF: what an official gets out of `ita-report build`.

use std::fs;

use crate::support::*;

const EXAMPLE: &str = "data/hannangam-2568.yaml";

fn build_example(out: &std::path::Path) -> std::path::PathBuf {
    let o = build(&root().join(EXAMPLE), out, &[]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    out.join("hannangam-2568.pdf")
}

#[test]
fn copying_text_out_of_the_example_gives_every_free_text_back() {
    if !have("pdftotext", "copying_text_out_of_the_example_gives_every_free_text_back") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = squeeze(&pdf_text(&build_example(dir.path())));
    let yaml = fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let texts = free_texts(&yaml);
    assert!(texts.len() > 60, "the example has its free texts: {}", texts.len());
    let missing: Vec<&String> =
        texts.iter().filter(|t| !contains_in_order(&text, &squeeze(&thai_digits(t)), 3)).collect();
    assert!(missing.is_empty(), "not found in the PDF's text: {missing:#?}");
}

#[test]
fn the_example_has_every_section_in_order() {
    if !have("pdftotext", "the_example_has_every_section_in_order") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = squeeze(&pdf_text(&build_example(dir.path())));
    let parts = [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงาน",
        "โทร.๐๔๒-๓๕๑๖๖๘",
        "มีผลคะแนน๔๙.๗๔คะแนนอยู่ในระดับผลประเมินปรับปรุงแก้ไขเร่งด่วน",
        "(IIT)คะแนนรวม๙๕.๖๘คะแนน",
        "(EIT๒)คะแนนรวม๑๐๐คะแนน",
        "ผลการประเมินรายตัวชี้วัด",
        "สรุปผลการประเมินรายตัวชี้วัด",
        "ประเด็นที่๑กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "ข้อคำถามที่ได้คะแนนน้อยที่สุด:",
        "ประเด็นที่๗กลไกและมาตรการ",
        "ประจำปีงบประมาณพ.ศ.๒๕๖๙",
        "ขั้นตอนหรือวิธีการปฏิบัติ",
        "๑ต.ค.๖๘–๓๐ก.ย.๖๙",
    ];
    let mut at = 0;
    for part in parts {
        let found = text[at..].find(&squeeze(part)).unwrap_or_else(|| panic!("{part} is missing or out of order"));
        at += found;
    }
}

#[test]
fn pages_are_a4_numbered_in_thai_digits_and_measures_landscape_when_asked() {
    if !have("pdfinfo", "pages_are_a4_numbered_in_thai_digits_and_measures_landscape_when_asked") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_example(dir.path());
    let pages: usize = pdf_info(&pdf, "Pages", None).parse().unwrap();
    assert!(pages > 10, "{pages} pages");
    assert!(pdf_info(&pdf, "Page    1 size", Some(1)).starts_with("595.276 x 841.89"), "A4 portrait cover");
    // The example asks for landscape measures: its last page is one.
    assert!(pdf_info(&pdf, &format!("Page {pages:>4} size"), Some(pages)).starts_with("841.89 x 595.276"));
    let page2 = std::process::Command::new("pdftotext")
        .args(["-f", "2", "-l", "2", "-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let last_line =
        String::from_utf8_lossy(&page2.stdout).lines().rev().find(|l| !l.trim().is_empty()).unwrap().trim().to_string();
    assert_eq!(last_line, "๑", "the page after the cover is numbered ๑ in Thai digits");
}

#[test]
fn metadata_names_the_document_the_agency_and_thai() {
    if !have("pdfinfo", "metadata_names_the_document_the_agency_and_thai") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_example(dir.path());
    assert!(pdf_info(&pdf, "Title", None).contains("องค์การบริหารส่วนตำบลหันนางาม ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"));
    assert_eq!(pdf_info(&pdf, "Author", None), "องค์การบริหารส่วนตำบลหันนางาม");
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.windows(9).any(|w| w == b"/Lang(th)"), "the PDF says its language is Thai");
    assert!(!bytes.windows(9).any(|w| w == b"/Lang(ja)"), "no part of it is tagged as another language");
}

#[test]
fn the_same_input_builds_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(fs::read(build_example(a.path())).unwrap(), fs::read(build_example(b.path())).unwrap());
}

/// A copy of the example in `dir`, edited: made up for this test.
fn variant(dir: &std::path::Path, name: &str, from: &str, to: &str) -> ita_report::document::Document {
    let text = fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert!(text.contains(from), "the example has {from:?}");
    let path = dir.join(name);
    fs::write(&path, text.replace(from, to)).unwrap();
    let checked = ita_report::disk::check_file(&path);
    ita_report::compose::compose(&checked.report.unwrap_or_else(|| panic!("{name}: {:?}", checked.diagnostics)))
}

/// What Typst keeps from one document to the next (the word boxes, the
/// rows that did not change) must never show in another: a writer that has
/// laid out other documents, with and without a logo, gives each the bytes
/// it gives on its own.
#[test]
fn a_writer_reused_for_other_documents_gives_each_the_bytes_it_gives_alone() {
    use ita_report::fonts::Fonts;
    use ita_report::pdf::PdfWriter;
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join("docs/example-page.png"), dir.path().join("logo.png")).unwrap();
    let docs = [
        variant(dir.path(), "example.yaml", "", ""),
        variant(dir.path(), "score.yaml", "  i10: 81.90", "  i10: 64.25"),
        variant(dir.path(), "logo.yaml", "\nagency:\n", "\nagency:\n  logo: logo.png\n"),
        variant(dir.path(), "name.yaml", "หันนางาม", "หนองหิน"),
    ];
    let alone: Vec<Vec<u8>> = docs
        .iter()
        .map(|doc| {
            // Nothing memoized from before: as a process of its own builds it.
            typst::comemo::evict(0);
            PdfWriter::new(Fonts::embedded()).write(doc).unwrap()
        })
        .collect();
    assert!(alone.windows(2).all(|w| w[0] != w[1]), "the four documents differ");
    let writer = PdfWriter::new(Fonts::embedded());
    for (i, doc) in docs.iter().enumerate().chain(docs.iter().enumerate().rev()) {
        assert!(writer.write(doc).unwrap() == alone[i], "document {i} laid out after others differs");
    }
}

#[test]
fn the_creation_date_comes_from_the_input_or_source_date_epoch() {
    if !have("pdfinfo", "the_creation_date_comes_from_the_input_or_source_date_epoch") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("tests/inputs/pdf-markup.yaml");
    let o = build(&input, dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let date = pdf_info(&dir.path().join("pdf-markup.pdf"), "CreationDate", None);
    assert!(date.contains("2025") && date.contains("Dec 15"), "document.date 2568-12-15: {date}");

    let out =
        bin().env("SOURCE_DATE_EPOCH", "1700000000").args(["build", EXAMPLE, "-o"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let date = pdf_info(&dir.path().join("hannangam-2568.pdf"), "CreationDate", None);
    assert!(date.contains("Nov 14") && date.contains("2023"), "SOURCE_DATE_EPOCH 1700000000: {date}");
}

#[test]
fn text_that_looks_like_markup_is_printed_as_written() {
    if !have("pdftotext", "text_that_looks_like_markup_is_printed_as_written") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("tests/inputs/pdf-markup.yaml");
    let o = build(&input, dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squeeze(&pdf_text(&dir.path().join("pdf-markup.pdf")));
    let yaml = fs::read_to_string(&input).unwrap();
    let texts = free_texts(&yaml);
    assert!(texts.len() >= 8);
    // The file asks for Arabic numerals: its digits print as written too.
    for t in &texts {
        assert!(contains_in_order(&text, &squeeze(t), 3), "not printed as written: {t}");
    }
    // Every field but the signatory's name (its brackets are the document's).
    let fields: Vec<&String> = texts.iter().filter(|t| !t.starts_with("(นาย")).collect();
    for special in ["#", "*", "_", "$", "@", "<", ">", "[", "]", "`", "\\", "=", "/", "-", "+", "~"] {
        assert!(fields.iter().all(|t| t.contains(special)), "every field of the input holds {special}");
    }
    assert!(text.contains(&squeeze("#set page(paper: \"a5\")")), "Typst code is text");
}

#[test]
fn an_input_with_errors_writes_nothing_and_keeps_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    let good = fs::read_to_string(root().join("tests/inputs/minimal.yaml")).unwrap();
    fs::write(&bad, good.replace("total: 90.00", "total: 190")).unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("bad.pdf"), b"the earlier PDF").unwrap();
    let o = build(&bad, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.yaml:10:10: error: result.total"), "{}", stderr(&o));
    assert_eq!(fs::read(out.join("bad.pdf")).unwrap(), b"the earlier PDF");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "nothing else written");
}

#[test]
fn a_font_that_is_not_installed_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = build(&root().join("tests/inputs/minimal.yaml"), dir.path(), &["--font", "No Such Family"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("\"No Such Family\" is not installed"), "{}", stderr(&o));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn characters_no_font_covers_are_a_warning_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("emoji.yaml");
    let good = fs::read_to_string(root().join("tests/inputs/minimal.yaml")).unwrap();
    fs::write(&input, good.replace("จัดประชุมชี้แจงเจ้าหน้าที่", "จัดประชุมชี้แจงเจ้าหน้าที่ 😀")).unwrap();
    let o = build(&input, dir.path(), &[]);
    assert!(o.status.success(), "a warning does not stop the build: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("emoji.yaml:32:13: warning: issues[0].measures[0].steps[0]") && err.contains("😀 (U+1F600)"),
        "{err}"
    );
}

/// Thai lines break between words. Judged by PyThaiNLP's newmm and its
/// longest matching, each alone (tests/tools/thai_breaks.py; the PDF
/// writer votes with nlpo3's newmm, a longest matching and a unigram model
/// of its own, which disagree with these in places), at most 1% of the
/// joints between wrapped lines of three documents fall inside a word (a
/// word wider than its column aside), and none inside a number with its
/// decimals and %, พ.ศ. and its year, a date, or the agency's place,
/// district and province: the example, a made-up document of long analyses
/// in narrow cells, and one with a signatory.
#[test]
fn thai_lines_break_between_words_by_a_dictionary_judge() {
    let test = "thai_lines_break_between_words_by_a_dictionary_judge";
    if !have("pdftotext", test) {
        return;
    }
    let python = std::process::Command::new("python3").args(["-c", "import pythainlp"]).output();
    if !python.is_ok_and(|o| o.status.success()) {
        skip(test, "python3 with PyThaiNLP is not installed (pip install pythainlp)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inputs: [(&str, &[&str]); 3] = [
        (EXAMPLE, &["หันนางาม", "ศรีบุญเรือง", "หนองบัวลำภู"]),
        ("tests/inputs/long-analysis.yaml", &["หันนางาม", "หนองบัวลำภู"]),
        ("tests/inputs/docx-signatory.yaml", &["ทดสอบ", "นายทดสอบ ใจดี"]),
    ];
    let mut totals = [0; 3];
    for (input, names) in inputs {
        let o = build(&root().join(input), dir.path(), &[]);
        assert!(o.status.success(), "{input}: {}", stderr(&o));
        let stem = std::path::Path::new(input).file_stem().unwrap().to_str().unwrap();
        let mut judge = std::process::Command::new("python3");
        judge.arg(root().join("tests/tools/thai_breaks.py")).arg(dir.path().join(format!("{stem}.pdf")));
        judge.args(["--show", "100", "--source"]).arg(root().join(input));
        judge.arg("--source").arg(root().join("templates/wording.yaml"));
        for name in names {
            judge.args(["--name", name]);
        }
        let said = String::from_utf8_lossy(&judge.output().unwrap().stdout).into_owned();
        let figures: Vec<usize> = said
            .lines()
            .last()
            .and_then(|l| l.strip_prefix("thai line breaks judged "))
            .map(|l| l.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default();
        let [judged, newmm, longest, units, _wider] = figures[..] else { panic!("{input}: the judge said {said}") };
        assert!(judged > 80, "{input}: only {judged} joints judged");
        assert_eq!(units, 0, "{input}: a number, date or name cut:\n{said}");
        totals = [totals[0] + judged, totals[1] + newmm, totals[2] + longest];
        println!("{input}: {said}");
    }
    // Over the three: the smallest has under a hundred joints.
    let [judged, newmm, longest] = totals;
    for (judge, inside) in [("newmm", newmm), ("longest matching", longest)] {
        assert!(inside * 100 <= judged, "{inside} of {judged} breaks inside a word by {judge} (printed above)");
    }
}
