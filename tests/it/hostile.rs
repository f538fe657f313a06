//! Hostile and broken input (issue #7): whatever arrives, a clear located
//! message, in bounded time, and nothing written.
//!
//! The corpus is tests/inputs/bad/: one file a mistake, named for it, and
//! beside each `<name>.expected`, exactly what `ita-report check` prints for
//! it, the file's name shown as FILE. Inputs too big, too deep or not text
//! (the 50 MiB file, nesting thousands deep, TIS-620 bytes, ...) are made
//! at test time by [`generated`]; their `.expected` files are committed all
//! the same.
//!
//! To regenerate the `.expected` files after a deliberate change of
//! wording, run `UPDATE_EXPECTED=1 cargo test --test it hostile`, then read
//! every changed file (`git diff tests/inputs/bad`): each message must be
//! right, located and helpful.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::*;

/// Longer than any case takes (the slowest, the 50 MiB file and the alias
/// bomb, take well under a second), short enough to catch work that is not
/// bounded.
const TIME_LIMIT: Duration = Duration::from_secs(5);

/// What `build` prints last for an input with errors.
const BUILD_FAILED: &str = "FILE: failed: ไฟล์มีข้อผิดพลาด (the file has errors)";

fn bad_dir() -> PathBuf {
    root().join("tests/inputs/bad")
}

/// `minimal.yaml` with a new first-line comment and one edit.
fn minimal_with(why: &str, from: &str, to: &str) -> String {
    let text = minimal();
    let body = text.split_once('\n').unwrap().1;
    if from.is_empty() {
        return format!("# Made up for tests: {why}\n{body}");
    }
    assert_eq!(body.matches(from).count(), 1, "{from:?} must occur once");
    format!("# Made up for tests: {why}\n{}", body.replacen(from, to, 1))
}

/// The minimal file with `count` copies of its one issue.
fn issues(count: usize) -> String {
    let text = minimal_with("made at test time", "", "");
    let (head, issue) = text.split_once("issues:\n").unwrap();
    format!("{head}issues:\n{}", issue.repeat(count))
}

/// Thai text as TIS-620 bytes (Windows-874 adds a few punctuation marks
/// at 0x80..0x9F: curly quotes at 0x93 and 0x94).
fn tis620(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0x0E01..=0x0E5B => (c as u32 - 0x0E00 + 0xA0) as u8,
            0x201C => 0x93,
            0x201D => 0x94,
            n if n < 0x80 => n as u8,
            _ => panic!("{c} is not in Windows-874"),
        })
        .collect()
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::GrayImage::new(width, height).write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// One input file and the files beside it (a logo).
type Files = Vec<(&'static str, Vec<u8>)>;

fn just(bytes: impl Into<Vec<u8>>) -> Files {
    vec![("", bytes.into())]
}

/// Inputs made at test time, by name: too big, too deep, too many or not
/// text. The input itself is the file named "" (written as `<name>.yaml`).
fn generated() -> Vec<(&'static str, Files)> {
    let with_logo =
        |why: &str| minimal_with(why, "  province: หนองบัวลำภู\n", "  province: หนองบัวลำภู\n  logo: logo.png\n");
    let crlf = minimal_with("CRLF line ends and a byte-order mark, and one error", "i10: 81.90", "i10: 101");
    let measure_block = {
        let text = minimal();
        let start = text.find("      - target").unwrap();
        text[start..].to_string()
    };
    vec![
        ("tis-620", just(tis620(&minimal_with("a Thai file saved as TIS-620", "", "")))),
        (
            "windows-874",
            just(tis620(&minimal_with(
                "a Thai file saved as Windows-874 by Word, with its curly quotes",
                "owner: สำนักปลัด",
                "owner: “สำนักปลัด”",
            ))),
        ),
        ("utf-16-with-bom", just([b"\xFF\xFE".as_slice(), &utf16le(&minimal())].concat())),
        ("utf-16-without-bom", just(utf16le(&minimal()))),
        (
            "latin-1-byte",
            just({
                let text = minimal_with("one letter saved as Latin-1 in a UTF-8 file", "owner: สำนักปลัด", "owner: Caf@");
                text.bytes().map(|b| if b == b'@' { 0xE9 } else { b }).collect::<Vec<u8>>()
            }),
        ),
        ("pdf-renamed", just([b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".as_slice(), &[0x80; 64]].concat())),
        ("docx-renamed", just([b"PK\x03\x04\x14\x00\x06\x00".as_slice(), &[0xFF; 64]].concat())),
        (
            "bom-and-crlf-with-an-error",
            just([b"\xEF\xBB\xBF".as_slice(), crlf.replace('\n', "\r\n").as_bytes()].concat()),
        ),
        (
            "cr-line-ends-with-an-error",
            just(crlf.replace("CRLF line ends and a byte-order mark", "old Mac line ends (CR)").replace('\n', "\r")),
        ),
        ("fifty-mib", just(minimal() + &"# filler to make the file 50 MiB\n".repeat(50 * 1024 * 1024 / 33))),
        (
            "nesting-thousands-deep",
            just(format!("# Made up for tests: 5000 lists in lists\na: {}{}\n", "[".repeat(5000), "]".repeat(5000))),
        ),
        (
            "nesting-a-million-deep",
            just(format!("# Made up for tests: a file of [ and nothing else\n{}", "[".repeat(1_000_000))),
        ),
        (
            "nesting-a-thousand-deep-block",
            just(
                String::from("# Made up for tests: a thousand mappings in mappings, each indented one space\n")
                    + &(0..1000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect::<String>(),
            ),
        ),
        (
            "nesting-dashes-on-one-line",
            just(format!("# Made up for tests: lists in lists on one line\n{}x\n", "- ".repeat(100_000))),
        ),
        (
            "too-many-values",
            just(format!(
                "# Made up for tests: a list of 100,001 values\nformat: 1\nx:\n{}",
                "  - 1\n".repeat(100_001)
            )),
        ),
        ("too-many-issues", just(issues(51))),
        (
            "too-many-items",
            just(minimal_with(
                "an issue table of 101 rows",
                "items: [i1, i10, o5]",
                &format!("items: [i1, i10, o5{}]", ", i1".repeat(98)),
            )),
        ),
        (
            "too-many-measures",
            just({
                // 26 issues of 20 measures: 520 in all.
                let text = issues(26);
                text.replace(&measure_block, &measure_block.repeat(20))
            }),
        ),
        (
            "too-many-steps",
            just(minimal_with(
                "a measure of 51 steps",
                "          - จัดประชุมชี้แจงเจ้าหน้าที่\n",
                &"          - จัดประชุมชี้แจงเจ้าหน้าที่\n".repeat(51),
            )),
        ),
        (
            "text-too-long",
            just(minimal_with(
                "a cause of 30,001 characters",
                "cause: เจ้าหน้าที่ยังไม่เข้าใจขั้นตอนการขอยืมทรัพย์สิน",
                // Folded over lines of 100, as a long text is written.
                &format!("cause: >-\n{}", vec![format!("        {}", "ก".repeat(100)); 300].join("\n") + "\n        ก"),
            )),
        ),
        (
            "too-many-words",
            just(minimal_with(
                "1,001 words to keep whole",
                "format: 1\n",
                &format!("format: 1\ndocument:\n  words:\n{}", "    - หันนางาม\n".repeat(1001)),
            )),
        ),
        (
            "logo-too-large",
            vec![("", with_logo("a logo of 11 MiB").into()), ("logo.png", [png(1, 1), vec![0; 11 << 20]].concat())],
        ),
        ("logo-too-many-pixels", vec![("", with_logo("a logo 7000 pixels wide").into()), ("logo.png", png(7000, 1))]),
        (
            "logo-svg",
            vec![
                ("", with_logo("an SVG logo, which the DOCX cannot hold").into()),
                ("logo.png", b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".to_vec()),
            ],
        ),
        (
            "logo-broken",
            vec![("", with_logo("a logo cut short after its header").into()), ("logo.png", png(40, 40)[..40].to_vec())],
        ),
    ]
}

/// One case: an input in a folder, and its expected file.
struct Case {
    name: String,
    /// The folder the input is in (the command runs there).
    dir: PathBuf,
    expected: PathBuf,
    /// Keeps a generated case's folder while the test runs.
    _temp: Option<tempfile::TempDir>,
}

impl Case {
    fn file(&self) -> String {
        format!("{}.yaml", self.name)
    }
}

fn committed() -> Vec<Case> {
    let mut names: Vec<String> = fs::read_dir(bad_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| Case { expected: bad_dir().join(format!("{name}.expected")), name, dir: bad_dir(), _temp: None })
        .collect()
}

fn made() -> Vec<Case> {
    generated()
        .into_iter()
        .map(|(name, files)| {
            let temp = tempfile::tempdir().unwrap();
            for (file, bytes) in files {
                let file = if file.is_empty() { format!("{name}.yaml") } else { file.to_string() };
                fs::write(temp.path().join(file), bytes).unwrap();
            }
            Case {
                expected: bad_dir().join(format!("{name}.expected")),
                name: name.to_string(),
                dir: temp.path().to_path_buf(),
                _temp: Some(temp),
            }
        })
        .collect()
}

/// What a command printed, the input's name as FILE where a line starts
/// with it (a message may name the file otherwise: a logo).
fn shown(stderr: &[u8], file: &str) -> String {
    let text = String::from_utf8_lossy(stderr);
    let prefix = format!("{file}:");
    text.lines().map(|l| l.strip_prefix(&prefix).map_or(l.to_string(), |rest| format!("FILE:{rest}")) + "\n").collect()
}

/// Runs the command on the case, timed.
fn run(case: &Case, args: &[&str]) -> (std::process::Output, Duration) {
    let started = Instant::now();
    let out = bin().current_dir(&case.dir).args(args).output().expect("run ita-report");
    (out, started.elapsed())
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Checks one case; the problems found, none when it passes.
fn check_case(case: &Case, update: bool, timings: &mut Vec<(String, Duration)>) -> Vec<String> {
    let mut problems = Vec::new();
    let file = case.file();
    let (out, took) = run(case, &["check", &file]);
    timings.push((format!("check {}", case.name), took));
    let printed = shown(&out.stderr, &file);
    if update {
        fs::write(&case.expected, &printed).unwrap();
    }
    let expected = fs::read_to_string(&case.expected).unwrap_or_default();
    if out.status.code() != Some(1) {
        problems.push(format!("check exited {:?}, not 1", out.status.code()));
    }
    if printed != expected {
        problems.push(format!("check printed:\n{printed}\nexpected ({}):\n{expected}", case.expected.display()));
    }
    if !printed.lines().next().is_some_and(|l| l.starts_with("FILE:") && l.contains(": error: ")) {
        problems.push(format!("the first line is not a located error:\n{printed}"));
    }
    if took > TIME_LIMIT {
        problems.push(format!("check took {took:?}"));
    }

    // Build: the same diagnostics, the closing line of a failed build, and
    // nothing written: not into an empty folder, not over earlier outputs.
    let diagnostics: String =
        expected.lines().take(expected.lines().count().saturating_sub(1)).map(|l| format!("{l}\n")).collect();
    let earlier = [
        (format!("{}.docx", case.name), b"an earlier DOCX".to_vec()),
        (format!("{}.pdf", case.name), b"an earlier PDF".to_vec()),
    ];
    for before in [Vec::new(), earlier.to_vec()] {
        let out_dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &before {
            fs::write(out_dir.path().join(name), bytes).unwrap();
        }
        let dir = out_dir.path().to_str().unwrap();
        let (out, took) = run(case, &["build", &file, "-o", dir]);
        timings.push((format!("build {}", case.name), took));
        let printed = shown(&out.stderr, &file);
        if out.status.code() != Some(1) {
            problems.push(format!("build exited {:?}, not 1", out.status.code()));
        }
        if printed != format!("{diagnostics}{BUILD_FAILED}\n") {
            problems.push(format!("build printed:\n{printed}\nexpected:\n{diagnostics}{BUILD_FAILED}"));
        }
        if listing(out_dir.path()) != before {
            problems.push(format!(
                "build changed the output folder: {:?}",
                listing(out_dir.path()).iter().map(|(n, _)| n).collect::<Vec<_>>()
            ));
        }
        if took > TIME_LIMIT {
            problems.push(format!("build took {took:?}"));
        }
    }
    problems
}

#[test]
fn every_bad_input_is_refused_with_exactly_the_expected_located_diagnostics() {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some_and(|v| v == "1");
    let cases: Vec<Case> = committed().into_iter().chain(made()).collect();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    let mut timings = Vec::new();
    let mut failures = Vec::new();
    for case in &cases {
        let problems = check_case(case, update, &mut timings);
        if !problems.is_empty() {
            failures.push(format!("== {}\n{}", case.name, problems.join("\n")));
        }
    }
    timings.sort_by_key(|(_, t)| std::cmp::Reverse(*t));
    eprintln!("slowest: {:?}", &timings[..3]);
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

#[test]
fn every_expected_file_has_its_input_and_every_input_says_it_is_made_up() {
    let made: Vec<&str> = generated().iter().map(|(name, _)| *name).collect();
    for entry in fs::read_dir(bad_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        match path.extension().and_then(|e| e.to_str()) {
            Some("expected") => assert!(
                bad_dir().join(format!("{name}.yaml")).exists() || made.contains(&name.as_str()),
                "{} has no input",
                path.display()
            ),
            Some("yaml") => {
                assert!(bad_dir().join(format!("{name}.expected")).exists(), "{} has no .expected", path.display());
                let text = fs::read_to_string(&path).unwrap();
                // The empty file cannot say it; a web page says it its way.
                let says = text.starts_with("# Made up for tests: ") || text.starts_with("<!-- Made up for tests: ");
                assert!(says || text.is_empty(), "{} lacks its first-line comment", path.display());
            }
            _ => panic!("{} is neither an input nor an expected file", path.display()),
        }
    }
    for name in made {
        assert!(!bad_dir().join(format!("{name}.yaml")).exists(), "{name} is both made and committed");
    }
}

// ---- extreme but valid input: a correct document ----

/// A built input: its PDF's text (None without pdftotext) and its DOCX.
struct Built {
    stderr: String,
    pdf_text: Option<String>,
    docx: Vec<u8>,
    _dir: tempfile::TempDir,
}

fn build_ok(input: &Path, test: &str) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = crate::support::build(input, dir.path(), &[]);
    eprintln!("{test}: built in {:?}", started.elapsed());
    let stderr = stderr(&out);
    assert!(out.status.success(), "{stderr}");
    let stem = input.file_stem().unwrap().to_string_lossy();
    let pdf = dir.path().join(format!("{stem}.pdf"));
    let pdf_text = have("pdftotext", test).then(|| pdf_text(&pdf));
    let docx = fs::read(dir.path().join(format!("{stem}.docx"))).expect("a DOCX beside the PDF");
    Built { stderr, pdf_text, docx, _dir: dir }
}

/// Every part of the package that is XML, as (name, text); each must
/// parse.
fn docx_parts(docx: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the DOCX is a zip");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
            if let Err(e) = roxmltree::Document::parse(&text) {
                panic!("{name} is not well-formed XML: {e}");
            }
            parts.push((name, text));
        }
    }
    assert!(parts.iter().any(|(n, _)| n == "word/document.xml"), "no word/document.xml");
    parts
}

/// The text of the document's runs (w:t), in order.
fn docx_text(docx: &[u8]) -> String {
    let parts = docx_parts(docx);
    let xml = &parts.iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|n| n.text()).collect::<Vec<_>>().join("")
}

/// What a text of the input looks like in the document's text: digits in
/// Thai, zero-width characters and characters no font has left out (they
/// do not copy out of a PDF), blanks squeezed away.
fn as_printed(text: &str) -> String {
    let fonts = ita_report::fonts::Fonts::embedded();
    let missing = fonts.measure().uncovered(text);
    let invisible = |c: char| matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}');
    squeeze(&thai_digits(text)).chars().filter(|c| !missing.contains(c) && !invisible(*c)).collect()
}

fn no_control_characters(text: &str, what: &str) {
    // pdftotext ends each page with a form feed; nothing else may be there.
    let bad: Vec<String> = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\u{0C}'))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what} holds control characters: {bad:?}");
}

#[test]
fn scripts_markup_zero_width_and_layout_controls_print_as_written() {
    let input = root().join("tests/inputs/extreme/scripts-and-markup.yaml");
    let built = build_ok(&input, "scripts_markup_zero_width_and_layout_controls_print_as_written");
    // Lao, Khmer, emoji and a lone enclosing circle have no glyph: warned
    // of, by field, and built all the same.
    let warning = built.stderr.lines().find(|l| l.contains(": warning: texts.o5:")).expect(&built.stderr);
    for c in ["U+0EA5", "U+1781", "U+1F600", "U+20DD"] {
        assert!(warning.contains(c), "{warning}");
    }
    // Thai vowels and tone marks standing alone are printable.
    assert!(!warning.contains("U+0E31") && !warning.contains("U+0E48"), "{warning}");

    let yaml = fs::read_to_string(&input).unwrap();
    let texts = free_texts(&yaml);
    assert!(texts.len() >= 10, "{texts:?}");
    let docx = squeeze(&docx_text(&built.docx));
    // Word has every character (its fonts are the reader's).
    for t in &texts {
        assert!(docx.contains(&squeeze(&thai_digits(t))), "not in the DOCX as written: {t:?}");
    }
    // The markup is text: a run ends where the writer ends it, not where
    // the input says `</w:t>`.
    assert!(docx.contains(&squeeze("</w:t></w:r></w:p><w:p><w:r><w:t>injected")));
    no_control_characters(&docx_text(&built.docx), "the DOCX");
    let Some(pdf) = &built.pdf_text else { return };
    no_control_characters(pdf, "the PDF's text");
    let pdf = squeeze(pdf);
    for t in &texts {
        assert!(contains_in_order(&pdf, &as_printed(t), 4), "not in the PDF as written: {t:?}");
    }
}

/// A text without a place to break (markup, a URL, a long code) wider than
/// its column breaks between characters instead of running out of the cell
/// and off the page, where it would be lost.
#[test]
fn a_long_run_without_breaks_in_a_narrow_column_is_not_cut_off() {
    if !have("pdftotext", "a_long_run_without_breaks_in_a_narrow_column_is_not_cut_off") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long-run.yaml");
    let owner = "</w:t></w:r></w:p><w:p><w:r><w:t>injected";
    fs::write(&input, minimal_with("a long run in the owner column", "owner: สำนักปลัด", &format!("owner: \"{owner}\"")))
        .unwrap();
    let built = build_ok(&input, "a_long_run_without_breaks_in_a_narrow_column_is_not_cut_off");
    let pdf = squeeze(built.pdf_text.as_deref().unwrap());
    assert!(contains_in_order(&pdf, owner, 8), "the owner is cut off in the PDF");
}

/// A file at the far end of what the format allows: 40 issues, 300
/// measures, an agency name of 300 characters and one analysis of 20,000.
fn big_file() -> (String, Vec<String>, String) {
    let text = minimal();
    let body = text.split_once('\n').unwrap().1;
    let name: String = "องค์การบริหารส่วนตำบลทดสอบความยาวของชื่อหน่วยงาน ".repeat(7).chars().take(300).collect();
    let head =
        body.split("issues:\n").next().unwrap().replace("name: องค์การบริหารส่วนตำบลทดสอบ", &format!("name: {name}"));
    let sentences: Vec<String> =
        (1..).map(|n| format!("ประโยคที่ {n} เจ้าหน้าที่ยังไม่เข้าใจขั้นตอนการขอยืมทรัพย์สินของหน่วยงาน ")).take(300).collect();
    let mut cause: String = sentences.concat().chars().take(20_000).collect();
    cause = cause.trim_end().to_string();
    assert_eq!(cause.chars().count(), 20_000);
    let mut yaml = format!("# Made up for tests: the largest document the tests build\n{head}issues:\n");
    let mut measure = 0;
    for issue in 1..=40 {
        let analysis = if issue == 1 {
            cause.clone()
        } else {
            format!("สาเหตุของประเด็นที่ {issue}")
        };
        yaml += &format!(
            "  - title: ประเด็นทดสอบที่ {issue}\n    items: [i1, i10, o5]\n    analysis:\n      cause: {analysis}\n    measures:\n"
        );
        for _ in 0..if issue <= 20 { 8 } else { 7 } {
            measure += 1;
            yaml += &format!(
                "      - target: i10\n        name: มาตรการที่ {measure} จัดทำคู่มือ\n        steps: [ชี้แจง, ติดตามผล]\n        period: {{from: 2568-10-01, to: 2569-09-30}}\n        owner: สำนักปลัด\n"
            );
        }
    }
    assert_eq!(measure, 300);
    (yaml, sentences, name)
}

#[test]
fn forty_issues_300_measures_a_long_name_and_an_analysis_of_20000_characters_build() {
    let (yaml, sentences, name) = big_file();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.yaml");
    fs::write(&input, &yaml).unwrap();
    let built = build_ok(&input, "forty_issues_300_measures_a_long_name_and_an_analysis_of_20000_characters_build");
    let docx = squeeze(&docx_text(&built.docx));
    let titles: Vec<String> = (1..=40).map(|i| format!("ประเด็นทดสอบที่{}", thai_digits(&i.to_string()))).collect();
    let measures: Vec<String> = (1..=300).map(|i| format!("มาตรการที่{}จัดทำคู่มือ", thai_digits(&i.to_string()))).collect();
    for t in titles.iter().chain(&measures) {
        assert!(docx.contains(t.as_str()), "the DOCX lacks {t}");
    }
    assert!(docx.contains(&squeeze(&name)), "the DOCX lacks the agency's name");
    let Some(pdf) = &built.pdf_text else { return };
    // The analysis cell breaks across pages: its sentences are all there,
    // in order, the first and the last on different pages.
    let pages: Vec<String> = pdf.split('\u{0C}').map(squeeze).collect();
    let all = squeeze(pdf);
    // The sentences the analysis holds whole; each is printed (a page
    // break or a cell beside it may cut it), all of them in order.
    let mut length = 0;
    let whole: Vec<String> = sentences
        .iter()
        .take_while(|s| {
            length += s.chars().count();
            length <= 20_000
        })
        .map(|s| as_printed(s))
        .collect();
    for s in &whole {
        assert!(contains_in_order(&all, s, 3), "the analysis lacks {s}");
    }
    assert!(contains_in_order(&all, &whole.concat(), 80), "the analysis is printed in order");
    // It breaks across pages: its first and last sentences are pages apart.
    let start = |s: &String| s.chars().take(14).collect::<String>();
    let page_of = |s: &String| pages.iter().position(|p| p.contains(&start(s)));
    let (first, last) = (page_of(&whole[0]), page_of(whole.last().unwrap()));
    assert!(first.is_some() && last > first, "the analysis breaks across pages: {first:?}..{last:?}");
    for t in titles.iter().chain(&measures) {
        assert!(all.contains(t.as_str()), "the PDF lacks {t}");
    }
    assert!(contains_in_order(&all, &squeeze(&thai_digits(&name)), 3), "the PDF lacks the agency's name");
}

#[test]
fn a_byte_order_mark_and_crlf_or_cr_line_ends_build_the_same_document() {
    let text = minimal();
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        ("lf", text.clone().into_bytes()),
        ("bom-crlf", [b"\xEF\xBB\xBF".as_slice(), text.replace('\n', "\r\n").as_bytes()].concat()),
        ("cr", text.replace('\n', "\r").into_bytes()),
    ];
    let mut pdfs = Vec::new();
    for (name, bytes) in variants {
        let input = dir.path().join(format!("{name}.yaml"));
        fs::write(&input, bytes).unwrap();
        let out = crate::support::build(&input, dir.path(), &[]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        pdfs.push(fs::read(dir.path().join(format!("{name}.pdf"))).unwrap());
    }
    assert!(pdfs.iter().all(|p| *p == pdfs[0]), "the line ends and the byte-order mark change nothing");
}
