//! What the integration tests share: the example inputs, running the
//! binary, and the outside programs (poppler-utils, LibreOffice, PyThaiNLP)
//! that some tests need. On a developer's machine a test whose program is
//! missing says so and passes; in CI (the `CI` variable set) it fails, for
//! .ci/run installs them all and CI must never pass by skipping.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ita-report"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example and every test input beside it (tests/inputs/*.yaml; the
/// files made to be refused are in tests/inputs/bad/).
pub fn inputs() -> Vec<PathBuf> {
    let mut inputs = vec![root().join("data/hannangam-2568.yaml")];
    let mut tests: Vec<PathBuf> = std::fs::read_dir(root().join("tests/inputs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    tests.sort();
    inputs.extend(tests);
    inputs
}

/// tests/inputs/minimal.yaml, the smallest file that builds.
/// The 2568 starter file, as `ita-report init --year 2568` writes it.
pub fn starter_2568() -> String {
    ita_report::init::render_year(Path::new("ita-2568.yaml"), 2568, &Default::default()).unwrap()
}

pub fn minimal() -> String {
    std::fs::read_to_string(root().join("tests/inputs/minimal.yaml")).unwrap()
}

/// `text` with its one occurrence of `from` replaced by `to`.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// `ita-report build FILE -o DIR`; every DOCX it leaves there parses.
pub fn build(file: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = bin().arg("build").arg(file).arg("-o").arg(out).args(extra).output().expect("run ita-report");
    for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "docx") && entry.path().is_file() {
            assert_docx_is_xml(&std::fs::read(entry.path()).unwrap(), &entry.path().display().to_string());
        }
    }
    o
}

/// Every XML part of a DOCX parses as XML 1.0: a file Word opens.
pub fn assert_docx_is_xml(docx: &[u8], what: &str) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{what}: {e}"));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap_or_else(|e| panic!("{what}: {name}: {e}"));
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{what}: {name} is not XML: {e}");
        }
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// True when `program` runs; otherwise prints why the calling test skips,
/// or, in CI, fails it.
pub fn have(program: &str, test: &str) -> bool {
    let ok = Command::new(program).arg("-v").output().is_ok();
    if !ok {
        skip(test, &format!("`{program}` is not installed (apt-get install poppler-utils libreoffice-writer)"));
    }
    ok
}

/// Says why a test does not run; in CI, where everything it needs is
/// installed, a test that would skip fails instead.
pub fn skip(test: &str, why: &str) {
    assert!(std::env::var_os("CI").is_none(), "{test}: {why}, and CI must run every test");
    eprintln!("SKIPPED {test}: {why}");
}

/// The PDF's text as pdftotext gives it in content order.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(out.stdout).expect("pdftotext prints UTF-8")
}

/// A field of pdfinfo's report (`Pages`, `Title`, ...).
pub fn pdf_info(pdf: &Path, field: &str, page: Option<usize>) -> String {
    let mut cmd = Command::new("pdfinfo");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).output().expect("pdfinfo");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")).map(|v| v.trim().to_string()))
        .unwrap_or_else(|| panic!("pdfinfo has no {field}: {text}"))
}

/// Text with every whitespace character removed, for comparing text that
/// layout has wrapped.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text with every whitespace character but the page breaks removed.
pub fn squeeze_to_pages(s: &str) -> String {
    s.chars().filter(|c| *c == '\u{0C}' || !c.is_whitespace()).collect()
}

pub fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { char::from_u32('๐' as u32 + c.to_digit(10).unwrap()).unwrap() } else { c })
        .collect()
}

/// Every free text of an input file (the values the document prints as
/// written), read straight from the YAML.
pub fn free_texts(yaml: &str) -> Vec<String> {
    let doc: serde_yaml::Value = serde_yaml::from_str(yaml).expect("YAML");
    let mut out = Vec::new();
    let s = |v: &serde_yaml::Value| v.as_str().map(str::to_string);
    if let Some(texts) = doc.get("texts").and_then(|t| t.as_mapping()) {
        out.extend(texts.values().filter_map(s));
    }
    // The signatory's name, in its brackets as printed.
    out.extend(s(&doc["document"]["signatory"]["name"]).map(|n| format!("({n})")));
    for issue in doc["issues"].as_sequence().into_iter().flatten() {
        out.extend(s(&issue["title"]));
        for key in ["cause", "note", "guideline"] {
            out.extend(issue.get("analysis").and_then(|a| a.get(key)).and_then(s));
        }
        for m in issue.get("measures").and_then(|m| m.as_sequence()).into_iter().flatten() {
            out.extend(["name", "owner", "period"].iter().filter_map(|k| s(&m[*k])));
            let target = s(&m["target"]).unwrap_or_default();
            if target.contains(' ') {
                out.push(target);
            }
            out.extend(m["steps"].as_sequence().into_iter().flatten().filter_map(s));
        }
    }
    out
}

/// Whether `needle` stands in `hay` in order, allowing it to be cut into at
/// most `pieces` runs with other text between them: a cell that breaks
/// across pages is interrupted by the page number, the repeated table
/// header and the cells beside it.
pub fn contains_in_order(hay: &str, needle: &str, pieces: usize) -> bool {
    cut_in_order(hay, needle).is_some_and(|(cut, _)| cut <= pieces)
}

/// How `needle` stands in `hay` in order: the number of runs it is cut
/// into, and the page breaks (form feeds) between its first run and its
/// last; None if it does not. Each run is the longest prefix of the rest
/// found (where it first stands), unless a run at least half as long
/// starts earlier: the longest alone can land in a later repeat of the
/// same sentences, one not cut by a page, and leave the rest nowhere after
/// it.
pub fn cut_in_order(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let hay: Vec<char> = hay.chars().collect();
    let mut rest: Vec<char> = needle.chars().collect();
    let (mut from, mut first, mut runs) = (0, None, 0);
    while !rest.is_empty() {
        let find = |n: usize| find_chars(&hay[from..], &rest[..n]).map(|i| from + i);
        // The longest prefix found: a found prefix's prefixes are found
        // too, so the length can be bisected.
        let (mut lo, mut hi) = (0, rest.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if find(mid).is_some() { lo = mid } else { hi = mid - 1 }
        }
        let longest = (find(lo).filter(|_| lo > 0)?, lo);
        let half = lo.div_ceil(2);
        // (Half of a few letters is found anywhere: not worth a run.)
        let earlier = find(half)
            .filter(|_| half >= 4)
            .map(|at| (at, half + hay[at + half..].iter().zip(&rest[half..]).take_while(|(h, r)| h == r).count()));
        let (at, len) = earlier.filter(|e| e.0 < longest.0).unwrap_or(longest);
        first.get_or_insert(at);
        from = at + len;
        rest.drain(..len);
        runs += 1;
    }
    let breaks = hay[first.unwrap_or(0)..from].iter().filter(|c| **c == '\u{0C}').count();
    Some((runs, breaks))
}

fn find_chars(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Fills every blank value under `result:` and `scores:` of a starter file
/// with `value`: each `key:` line with nothing but a comment after it,
/// unless the lines under it are more indented (a parent such as `tools:`).
pub fn fill_blank_scores(text: &str, value: &str) -> (String, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let code = |l: &str| {
        let l = l.trim_start().trim_start_matches("- ");
        let (key, rest) = l.split_once(':')?;
        let rest = rest.trim();
        let blank = rest.is_empty() || rest.starts_with('#');
        (blank && !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(())
    };
    let mut section = "";
    let mut filled = 0;
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if indent(line) == 0 && !line.starts_with('#') && !line.trim().is_empty() {
            section = line.split(':').next().unwrap();
        }
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        let parent = next.is_some_and(|n| indent(n) > indent(line));
        if matches!(section, "result" | "scores") && indent(line) > 0 && code(line).is_some() && !parent {
            let colon = line.find(':').unwrap();
            out.push(format!("{} {value}{}", &line[..=colon], &line[colon + 1..]));
            filled += 1;
        } else {
            out.push(line.to_string());
        }
    }
    (out.join("\n") + "\n", filled)
}
