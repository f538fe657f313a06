//! Validate: the loaded node tree, checked completely against the input
//! format and the year's catalog, into a [`Report`] with its derived values.
//!
//! Every problem is collected, none stops the walk: an official fixing a file
//! wants the whole list at once. Errors stop the build; warnings do not.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::catalog::{self, Catalog};
use crate::date::{BE_FROM, BE_OFFSET, Date, DateError};
use crate::diag::{Diagnostic, Pos, has_errors, quoted};
use crate::limits;
use crate::load::{Node, Value};
use crate::report::*;
use crate::thai::{Numerals, arabic_digits};

/// The result of a check: the report when there are no errors, and every
/// diagnostic found (warnings come with a report too).
pub struct Checked {
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a loaded file. `base_dir` resolves relative paths (the logo).
pub fn check(root: Option<&Node>, base_dir: &Path) -> Checked {
    let mut v = Validator { diags: Vec::new(), base_dir, free_text: Vec::new(), no_text: Vec::new() };
    let report = match root {
        Some(root) => v.report(root),
        None => {
            v.error(Pos { line: 1, col: 1, offset: 0 }, "", "ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty");
            v.diags.last_mut().unwrap().hint =
                Some("เริ่มจากไฟล์ที่ `ita-report init` เขียนให้ (start from the file `ita-report init` writes)".into());
            None
        }
    };
    let report = report.filter(|_| !has_errors(&v.diags));
    if let Some(r) = &report {
        v.scan_free_text(r);
    }
    Checked { report, diagnostics: crate::diag::capped(v.diags) }
}

pub const ROOT_KEYS: &[&str] =
    &["format", "fiscal_year", "plan_year", "agency", "document", "result", "scores", "texts", "issues"];
pub const AGENCY_KEYS: &[&str] = &["name", "district", "province", "phone", "logo"];
pub const DOCUMENT_KEYS: &[&str] = &["numerals", "measures_orientation", "font", "signatory", "date", "words"];
pub const SIGNATORY_KEYS: &[&str] = &["name", "position", "date"];
pub const RESULT_KEYS: &[&str] = &["total", "level", "tools", "indicators", "history"];
pub const TOOL_KEYS: &[&str] = &["code", "name", "score"];
pub const ISSUE_KEYS: &[&str] = &["title", "items", "analysis", "measures"];
pub const ANALYSIS_KEYS: &[&str] = &["lowest", "cause", "note", "guideline"];
pub const MEASURE_KEYS: &[&str] = &["target", "name", "steps", "period", "owner"];
pub const PERIOD_KEYS: &[&str] = &["from", "to"];

struct Validator<'a> {
    diags: Vec<Diagnostic>,
    base_dir: &'a Path,
    /// Free text fields, for the checks on what they name.
    free_text: Vec<(String, Pos, String)>,
    /// Codes already warned of having no text: once a code is enough.
    no_text: Vec<String>,
}

/// A mapping's entries by key, with the mapping's own position (where a
/// missing key is reported).
struct Fields<'n> {
    pos: Pos,
    path: String,
    entries: HashMap<&'n str, (&'n Node, &'n Node)>,
    /// Known keys offered as "did you mean" for unknown ones: such a key
    /// is not reported missing too, one typo being one error.
    suggested: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// The value of a key, None when absent or empty.
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.get(key).map(|(_, v)| *v).filter(|v| !v.is_null())
    }

    fn key(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// The known word nearest to a misspelt one, if any is near enough. Among
/// equally near words, the one that shares the longest start wins (`o55`
/// is `o5` typed with a key held down, sooner than `o15`), then the one of
/// the nearest length. A swap of two neighbours counts as one edit.
fn closest<'k>(word: &str, candidates: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let word = word.to_lowercase();
    let len = word.chars().count();
    // Nothing known is long; comparing a pasted page with each would cost.
    if len > 64 {
        return None;
    }
    candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let d = strsim::osa_distance(&word, &lower);
            let shared = word.chars().zip(lower.chars()).take_while(|(a, b)| a == b).count();
            let len_diff = len.abs_diff(lower.chars().count());
            (d <= 2.max(c.chars().count() / 3)).then_some(((d, std::cmp::Reverse(shared), len_diff), c))
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, c)| c)
}

/// The key meant by a key written in Thai, when it is one allowed here:
/// keys are English, but a Thai official may well write them in Thai.
fn thai_key(written: &str, known: &[&'static str]) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("ชื่อ", "name"),
        ("ชื่อหน่วยงาน", "name"),
        ("อำเภอ", "district"),
        ("จังหวัด", "province"),
        ("โทร", "phone"),
        ("โทรศัพท์", "phone"),
        ("ตรา", "logo"),
        ("โลโก้", "logo"),
        ("รูปแบบ", "format"),
        ("ปีงบประมาณ", "fiscal_year"),
        ("หน่วยงาน", "agency"),
        ("ผลการประเมิน", "result"),
        ("คะแนน", "scores"),
        ("คะแนนรวม", "total"),
        ("ระดับ", "level"),
        ("เครื่องมือ", "tools"),
        ("ตัวชี้วัด", "indicators"),
        ("ประเด็น", "issues"),
        ("หัวข้อ", "title"),
        ("ชื่อประเด็น", "title"),
        ("การวิเคราะห์", "analysis"),
        ("สาเหตุ", "cause"),
        ("หมายเหตุ", "note"),
        ("แนวทาง", "guideline"),
        ("มาตรการ", "measures"),
        ("ขั้นตอน", "steps"),
        ("ระยะเวลา", "period"),
        ("ผู้รับผิดชอบ", "owner"),
        ("ตำแหน่ง", "position"),
        ("วันที่", "date"),
    ];
    let written = written.trim();
    let meant = WORDS.iter().filter(|(th, _)| *th == written).map(|(_, key)| *key);
    let known_here = |key: &&str| known.contains(key);
    meant.clone().find(known_here).and_then(|k| known.iter().copied().find(|n| *n == k))
}

/// An item code: a letter i, e or o and a number (`i10`, `o5`); Thai digits
/// and capitals accepted. None if the text is not of that form.
pub fn item_code(text: &str) -> Option<String> {
    let code = arabic_digits(text.trim()).to_lowercase();
    let mut chars = code.chars();
    let ok = matches!(chars.next(), Some('i' | 'e' | 'o')) && {
        let digits = chars.as_str();
        !digits.is_empty()
            && digits.len() <= 3
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    };
    ok.then_some(code)
}

/// The year as the file writes it: 2400 and over Buddhist Era, else Common.
fn be_year(y: i32) -> i32 {
    if y >= BE_FROM { y } else { y + BE_OFFSET }
}

impl<'a> Validator<'a> {
    fn error(&mut self, pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) {
        self.diags.push(Diagnostic::error(pos, key, th, en));
    }

    fn warn(&mut self, pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) {
        self.diags.push(Diagnostic::warning(pos, key, th, en));
    }

    fn expected(&mut self, node: &Node, path: &str, th: &str, en: &str) {
        let (found_th, found_en) = node.kind();
        let shown = node.as_str().filter(|s| !s.is_empty()).map(|s| format!(" \"{}\"", quoted(s))).unwrap_or_default();
        self.error(
            node.pos,
            path,
            format!("ต้องเป็น{th} แต่พบ{found_th}{shown}"),
            format!("expected {en}, found {found_en}{shown}"),
        );
    }

    /// A mapping with only `known` keys; unknown keys are errors with a
    /// "did you mean" hint.
    fn fields<'n>(&mut self, node: &'n Node, path: &str, known: &[&'static str]) -> Option<Fields<'n>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, path, "ชุดคีย์ (key: value)", "a mapping (key: value)");
            return None;
        };
        let mut entries = HashMap::new();
        let mut suggested = Vec::new();
        for (k, v) in pairs {
            let Some(name) = k.as_str() else {
                self.expected(k, path, "ชื่อคีย์", "a key name");
                continue;
            };
            if known.contains(&name) {
                entries.insert(name, (k, v));
                continue;
            }
            let name = quoted(name);
            let key = join(path, &name);
            let mut d = Diagnostic::error(k.pos, key, format!("ไม่รู้จักคีย์ \"{name}\""), format!("unknown key \"{name}\""));
            d = match closest(&name, known.iter().copied()).or_else(|| thai_key(&name, known)) {
                // A merge key copies another mapping's keys in some YAML
                // readers; here it would silently do nothing.
                None if name == "<<" => d.with_hint(
                    "ไม่รองรับการรวมคีย์ด้วย << ของ YAML: เขียนคีย์ให้ครบ \
                     (YAML merge keys are not read: write the keys out)",
                ),
                Some(s) => {
                    suggested.push(s);
                    d.with_hint(format!("หมายถึง \"{s}\" หรือไม่ (did you mean \"{s}\"?)"))
                }
                None => d.with_hint(format!("คีย์ที่ใช้ได้ที่นี่ (keys allowed here): {}", known.join(", "))),
            };
            self.diags.push(d);
        }
        Some(Fields { pos: node.pos, path: path.to_string(), entries, suggested })
    }

    /// A required key's value; a missing key or an empty value is an error.
    fn required<'n>(&mut self, f: &Fields<'n>, key: &str, what_th: &str, what_en: &str) -> Option<&'n Node> {
        let value = f.get(key);
        let misspelt = !f.entries.contains_key(key) && f.suggested.contains(&key);
        if value.is_none() && !misspelt {
            let pos = f.entries.get(key).map_or(f.pos, |(k, _)| k.pos);
            let (th, en) = if f.entries.contains_key(key) {
                ("ยังไม่ได้กรอกค่า", "has no value")
            } else {
                ("ขาดคีย์ที่จำเป็น", "is missing")
            };
            self.error(pos, f.key(key), format!("{th}: ต้องระบุ{what_th}"), format!("{en}: expected {what_en}"));
        }
        value
    }

    /// Plain text: trimmed, within the length limit, its control characters
    /// dealt with (see [`plain_text`]).
    fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        let Some(raw) = node.as_str().filter(|_| !node.is_null()) else {
            self.expected(node, path, "ข้อความ", "a text");
            return None;
        };
        let text = match plain_text(raw) {
            Ok(text) => text,
            Err((at, c)) => {
                let name = control_name(c);
                self.diags.push(
                    Diagnostic::error(
                        node.pos,
                        path,
                        format!("มีอักขระควบคุม U+{:04X}{name} ที่ตัวอักษรที่ {at} ของข้อความ ซึ่งพิมพ์ไม่ได้", c as u32),
                        format!(
                            "contains the control character U+{:04X}{name} at character {at} of the text, which cannot be printed",
                            c as u32
                        ),
                    )
                    .with_hint(
                        "มักติดมากับข้อความที่คัดลอกจากไฟล์อื่น: ลบอักขระนั้นออก \
                         (it often comes with text copied from another file: delete it)",
                    ),
                );
                return None;
            }
        };
        let chars = text.chars().count();
        if chars > limits::TEXT_CHARS {
            self.error(
                node.pos,
                path,
                format!("ข้อความยาว {chars} ตัวอักษร เกินขีดจำกัดความยาวข้อความ {} ตัวอักษร", limits::TEXT_CHARS),
                format!("the text is {chars} characters long, over the text length limit of {}", limits::TEXT_CHARS),
            );
            return None;
        }
        if text.is_empty() {
            self.error(node.pos, path, "ข้อความว่าง", "the text is empty");
            return None;
        }
        Some(text)
    }

    /// Free text that the document prints: checked later for years and
    /// provinces that look copied from another document.
    fn free_text(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        self.free_text.push((path.to_string(), node.pos, text.clone()));
        Some(text)
    }

    fn opt_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.text(n, &f.key(key)))
    }

    fn opt_free_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.free_text(n, &f.key(key)))
    }

    fn required_text(&mut self, f: &Fields, key: &str, what_th: &str, what_en: &str) -> Option<String> {
        self.required(f, key, what_th, what_en).and_then(|n| self.text(n, &f.key(key)))
    }

    fn required_free_text(&mut self, f: &Fields, key: &str, what_th: &str, what_en: &str) -> Option<String> {
        self.required(f, key, what_th, what_en).and_then(|n| self.free_text(n, &f.key(key)))
    }

    /// A score 0–100, Arabic or Thai digits, kept as written.
    fn score(&mut self, node: &Node, path: &str) -> Option<Score> {
        let written = node.as_str().filter(|_| !node.is_null()).map(|s| arabic_digits(s.trim()));
        // A minus sign is read, so that -5 is told it is out of range.
        let value = written
            .as_deref()
            .filter(|w| is_decimal(w.strip_prefix('-').unwrap_or(w)))
            .and_then(|w| w.parse::<f64>().ok());
        match (written, value) {
            (Some(written), Some(value)) if (0.0..=100.0).contains(&value) && !written.starts_with('-') => {
                Some(Score { written, value })
            }
            (Some(written), Some(_)) => {
                self.error(
                    node.pos,
                    path,
                    format!("คะแนนต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ {written}"),
                    format!("a score must be from 0 to 100, found {written}"),
                );
                None
            }
            _ => {
                self.expected(
                    node,
                    path,
                    "คะแนนเป็นตัวเลข 0–100 (เช่น 81.90)",
                    "a score, a number from 0 to 100 (like 81.90)",
                );
                None
            }
        }
    }

    fn year(&mut self, node: &Node, path: &str) -> Option<i32> {
        let year =
            node.as_str().map(|s| arabic_digits(s.trim())).filter(|s| s.len() == 4).and_then(|s| s.parse::<i32>().ok());
        match year.map(be_year) {
            Some(y) if (2500..=2700).contains(&y) => Some(y),
            _ => {
                self.expected(node, path, "ปี พ.ศ. สี่หลัก (เช่น 2568)", "a four-digit Buddhist Era year (like 2568)");
                None
            }
        }
    }

    fn date(&mut self, node: &Node, path: &str) -> Option<Date> {
        let text = node.as_str().unwrap_or_default();
        match Date::parse(text) {
            Ok(d) => Some(d),
            Err(DateError::NoSuchDay) => {
                self.error(node.pos, path, format!("ไม่มีวันที่ {text} ในปฏิทิน"), format!("there is no such day as {text}"));
                None
            }
            Err(DateError::Form) => {
                self.expected(
                    node,
                    path,
                    "วันที่แบบ YYYY-MM-DD (เช่น 2568-10-01)",
                    "a date as YYYY-MM-DD (like 2568-10-01)",
                );
                None
            }
        }
    }

    /// One of a few words.
    fn choice<T: Copy>(&mut self, node: &Node, path: &str, options: &[(&str, T)]) -> Option<T> {
        let word = node.as_str().unwrap_or_default().trim();
        if let Some((_, v)) = options.iter().find(|(w, _)| *w == word) {
            return Some(*v);
        }
        let shown = quoted(word);
        let names: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
        let list = names.join(" | ");
        let mut d = Diagnostic::error(
            node.pos,
            path,
            format!("ต้องเป็นหนึ่งใน {list} แต่พบ \"{shown}\""),
            format!("expected one of {list}, found \"{shown}\""),
        );
        if let Some(s) = closest(word, names) {
            d = d.with_hint(format!("หมายถึง \"{s}\" หรือไม่ (did you mean \"{s}\"?)"));
        }
        self.diags.push(d);
        None
    }

    fn seq<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.expected(node, path, "รายการ (- ...)", "a list (- ...)");
                None
            }
        }
    }

    fn limit<T>(&mut self, items: &[T], pos: Pos, path: &str, max: usize, what_th: &str, what_en: &str) -> bool {
        let ok = items.len() <= max;
        if !ok {
            self.error(
                pos,
                path,
                format!("มี{what_th} {} รายการ เกินขีดจำกัด {max} รายการ", items.len()),
                format!("{} {what_en}, over the limit of {max}", items.len()),
            );
        }
        ok
    }

    // ---- the document, top down ----

    fn report(&mut self, root: &Node) -> Option<Report> {
        let f = self.fields(root, "", ROOT_KEYS)?;
        if let Some(n) = self.required(&f, "format", "รุ่นของรูปแบบไฟล์ (1)", "the format version (1)")
            && n.as_str().map(str::trim) != Some("1")
        {
            self.expected(n, "format", "รุ่น 1", "format version 1");
        }
        let fiscal_year = self
            .required(&f, "fiscal_year", "ปีงบประมาณที่ประเมิน", "the fiscal year assessed")
            .and_then(|n| self.year(n, "fiscal_year"));
        let (catalog, exact) = catalog::for_year(fiscal_year.unwrap_or(catalog::latest().fiscal_year));
        if let (Some(y), false) = (fiscal_year, exact) {
            let pos = f.get("fiscal_year").map_or(f.pos, |n| n.pos);
            self.warn(
                pos,
                "fiscal_year",
                format!("ไม่มีข้อมูลกรอบการประเมิน ITA ของปี {y} ใช้ของปี {} แทน", catalog.fiscal_year),
                format!("no ITA framework catalog for {y}; using {}'s", catalog.fiscal_year),
            );
        }
        let plan_year = match f.get("plan_year") {
            Some(n) => self.year(n, "plan_year"),
            None => fiscal_year.map(|y| y + 1),
        };
        if let (Some(fy), Some(py), Some(n)) = (fiscal_year, plan_year, f.get("plan_year"))
            && py < fy
        {
            self.error(
                n.pos,
                "plan_year",
                format!("ปีของมาตรการ ({py}) ต้องไม่ก่อนปีที่ประเมิน ({fy})"),
                format!("the plan year ({py}) must not be before the fiscal year ({fy})"),
            );
        }
        let agency = self.required(&f, "agency", "ข้อมูลหน่วยงาน", "the agency").and_then(|n| self.agency(n));
        let settings = match f.get("document") {
            Some(n) => self.settings(n),
            None => Some(Settings::default()),
        };
        let scores =
            self.required(&f, "scores", "คะแนนรายข้อ", "the scores per question and item").and_then(|n| self.scores(n));
        let texts = match f.get("texts") {
            Some(n) => self.texts(n, catalog, scores.as_ref()),
            None => Some(BTreeMap::new()),
        };
        let result =
            self.required(&f, "result", "ผลการประเมิน", "the assessment result").and_then(|n| self.result(n, catalog));
        let items = ItemTable { catalog, scores: scores.as_ref(), texts: texts.as_ref() };
        let issues =
            self.required(&f, "issues", "ประเด็นการวิเคราะห์", "the issues analysed").and_then(|n| self.issues(n, &items));
        let report = Report {
            fiscal_year: fiscal_year?,
            plan_year: plan_year?,
            agency: agency?,
            settings: settings?,
            result: result?,
            issues: issues?,
        };
        self.check_totals(&f, catalog, &report);
        Some(report)
    }

    fn agency(&mut self, node: &Node) -> Option<Agency> {
        let f = self.fields(node, "agency", AGENCY_KEYS)?;
        let name = self.required_text(&f, "name", "ชื่อหน่วยงาน", "the agency's name");
        let district = self.opt_text(&f, "district");
        let province = self.opt_text(&f, "province").map(|p| self.province(&f, p));
        let phone = self.opt_text(&f, "phone");
        let logo = match f.get("logo") {
            Some(n) => Some(self.logo(n)?),
            None => None,
        };
        Some(Agency { name: name?, district, province, phone, logo })
    }

    /// The province as a bare name (without จังหวัด), warned when unknown.
    fn province(&mut self, f: &Fields, written: String) -> String {
        let name = written.trim_start_matches("จังหวัด").trim_start_matches("จ.").trim().to_string();
        if !provinces().contains(&name.as_str()) {
            let pos = f.get("province").map_or(f.pos, |n| n.pos);
            let name = quoted(&name);
            let mut d = Diagnostic::warning(
                pos,
                "agency.province",
                format!("ไม่รู้จักจังหวัด \"{name}\""),
                format!("\"{name}\" is not a province of Thailand"),
            );
            if let Some(s) = closest(&name, provinces().iter().copied()) {
                d = d.with_hint(format!("หมายถึง \"{s}\" หรือไม่ (did you mean \"{s}\"?)"));
            }
            self.diags.push(d);
        }
        name
    }

    fn logo(&mut self, node: &Node) -> Option<std::path::PathBuf> {
        let written = self.text(node, "agency.logo")?;
        let path = self.base_dir.join(&written);
        let Err((th, en, hint)) = logo_problem(&path, &quoted(&written)) else {
            return Some(path);
        };
        self.error(node.pos, "agency.logo", th, en);
        self.diags.last_mut().unwrap().hint = Some(hint.into());
        None
    }

    fn settings(&mut self, node: &Node) -> Option<Settings> {
        let f = self.fields(node, "document", DOCUMENT_KEYS)?;
        let mut s = Settings::default();
        let mut ok = true;
        if let Some(n) = f.get("numerals") {
            ok &= self
                .choice(n, "document.numerals", &[("thai", Numerals::Thai), ("arabic", Numerals::Arabic)])
                .map(|v| s.numerals = v)
                .is_some();
        }
        if let Some(n) = f.get("measures_orientation") {
            let options = [("portrait", Orientation::Portrait), ("landscape", Orientation::Landscape)];
            ok &= self.choice(n, "document.measures_orientation", &options).map(|v| s.orientation = v).is_some();
        }
        s.font = self.opt_text(&f, "font");
        if let Some(n) = f.get("date") {
            ok &= self.date(n, "document.date").map(|d| s.date = Some(d)).is_some();
        }
        if let Some(n) = f.get("signatory") {
            s.signatory = self.signatory(n);
            ok &= s.signatory.is_some();
        }
        if let Some(n) = f.get("words") {
            let words = self.seq(n, "document.words").map(|items| {
                if !self.limit(items, n.pos, "document.words", limits::WORDS, "คำ", "words") {
                    return None;
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(i, w)| self.text(w, &format!("document.words[{i}]")))
                    .collect::<Option<Vec<_>>>()
            });
            ok &= words.flatten().map(|w| s.words = w).is_some();
        }
        ok.then_some(s)
    }

    fn signatory(&mut self, node: &Node) -> Option<Signatory> {
        let f = self.fields(node, "document.signatory", SIGNATORY_KEYS)?;
        let name = self.required_text(&f, "name", "ชื่อผู้ลงนาม", "the signatory's name");
        let position = self.required_text(&f, "position", "ตำแหน่งผู้ลงนาม", "the signatory's position");
        let date = match f.get("date") {
            Some(n) => Some(self.date(n, "document.signatory.date")?),
            None => None,
        };
        Some(Signatory { name: name?, position: position?, date })
    }

    /// Every code written under `scores`, a refused score kept as None so
    /// that the code's uses are not reported again as unknown or unscored.
    fn scores(&mut self, node: &Node) -> Option<Scores> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "scores", "ชุดคะแนน (รหัส: คะแนน)", "a mapping of code: score");
            return None;
        };
        let mut scores = Scores::new();
        for (k, v) in pairs {
            let written = k.as_str().unwrap_or_default();
            let path = format!("scores.{}", quoted(written));
            let Some(code) = item_code(written) else {
                self.error(
                    k.pos,
                    &path,
                    format!("\"{}\" ไม่ใช่รหัสข้อคำถาม", quoted(written)),
                    format!("\"{}\" is not an item code", quoted(written)),
                );
                self.diags.last_mut().unwrap().hint =
                    Some("รหัสคือ i, e หรือ o ตามด้วยเลขข้อ เช่น i10, e7, o12 (a code is i, e or o and a number)".into());
                continue;
            };
            if let Some((_, first)) = scores.get(&code) {
                let line = first.line;
                self.error(
                    k.pos,
                    &path,
                    format!("คะแนนของ {code} ให้ไว้แล้วที่บรรทัด {line}"),
                    format!("the score of {code} is already given, on line {line}"),
                );
                continue;
            }
            let score = self.score(v, &path);
            scores.insert(code, (score, k.pos));
        }
        Some(scores)
    }

    fn texts(&mut self, node: &Node, catalog: &Catalog, scores: Option<&Scores>) -> Option<BTreeMap<String, String>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "texts", "ชุดข้อความ (รหัส: ข้อความ)", "a mapping of code: text");
            return None;
        };
        let mut texts = BTreeMap::new();
        let mut ok = true;
        for (k, v) in pairs {
            let written = k.as_str().unwrap_or_default();
            let path = format!("texts.{}", quoted(written));
            let code = item_code(written)
                .filter(|c| catalog.items.contains_key(c) || scores.is_none_or(|s| s.contains_key(c)));
            let Some(code) = code else {
                self.unknown_code(k.pos, &path, written, catalog, scores);
                ok = false;
                continue;
            };
            if let Some((_, first)) = texts.get(&code) {
                let line: usize = *first;
                self.error(
                    k.pos,
                    &path,
                    format!("ข้อความของ {code} ให้ไว้แล้วที่บรรทัด {line}"),
                    format!("the text of {code} is already given, on line {line}"),
                );
                ok = false;
                continue;
            }
            match self.free_text(v, &path) {
                Some(t) => {
                    texts.insert(code, (t, k.pos.line));
                }
                None => ok = false,
            }
        }
        ok.then(|| texts.into_iter().map(|(code, (text, _))| (code, text)).collect())
    }

    fn unknown_code(&mut self, pos: Pos, path: &str, written: &str, catalog: &Catalog, scores: Option<&Scores>) {
        let written = &quoted(written);
        let known = catalog
            .items
            .keys()
            .map(String::as_str)
            .chain(scores.into_iter().flat_map(|s| s.keys().map(String::as_str)));
        let mut d = Diagnostic::error(
            pos,
            path,
            format!("ไม่พบรหัส \"{written}\" ทั้งใน scores และในรายการข้อคำถามของปี {}", catalog.fiscal_year),
            format!("the code \"{written}\" is in neither scores nor the {} catalog", catalog.fiscal_year),
        );
        // A guess compares the code with every known one: past the
        // messages shown, not worth the time (a file of 50,000 unknown
        // codes would take minutes).
        if self.diags.len() < limits::DIAGNOSTICS
            && let Some(s) = closest(written, known)
        {
            d = d.with_hint(format!("หมายถึง \"{s}\" หรือไม่ (did you mean \"{s}\"?)"));
        }
        self.diags.push(d);
    }

    fn result(&mut self, node: &Node, catalog: &Catalog) -> Option<Summary> {
        let f = self.fields(node, "result", RESULT_KEYS)?;
        let total =
            self.required(&f, "total", "คะแนนรวม", "the total score").and_then(|n| self.score(n, "result.total"));
        let level = self.opt_text(&f, "level");
        let tools = self
            .required(&f, "tools", "คะแนนรายเครื่องมือ (IIT, EIT, OIT)", "the tools' scores (IIT, EIT, OIT)")
            .and_then(|n| self.tools(n, catalog));
        let indicators = self
            .required(&f, "indicators", "คะแนนรายตัวชี้วัด 1–10", "the scores of indicators 1–10")
            .and_then(|n| self.indicators(n, catalog));
        let history = match f.get("history") {
            Some(n) => self.history(n),
            None => Some(Vec::new()),
        };
        let (total, tools, indicators) = (total?, tools?, indicators?);
        let level = level.unwrap_or_else(|| {
            catalog
                .level(
                    total.value,
                    &catalog_tool_scores(catalog, &tools, &indicators).into_iter().flatten().collect::<Vec<_>>(),
                )
                .to_string()
        });
        Some(Summary { total, level, tools, indicators, history: history? })
    }

    fn tools(&mut self, node: &Node, catalog: &Catalog) -> Option<Vec<ToolScore>> {
        let items = self.seq(node, "result.tools")?;
        if !self.limit(items, node.pos, "result.tools", limits::TOOLS, "เครื่องมือ", "tools") {
            return None;
        }
        if items.is_empty() {
            self.error(node.pos, "result.tools", "รายการเครื่องมือว่าง", "the list of tools is empty");
        }
        let mut tools = Vec::new();
        let mut ok = !items.is_empty();
        for (i, n) in items.iter().enumerate() {
            let path = format!("result.tools[{i}]");
            let Some(f) = self.fields(n, &path, TOOL_KEYS) else {
                ok = false;
                continue;
            };
            let code = self
                .required_text(&f, "code", "รหัสเครื่องมือ (IIT, EIT, OIT)", "the tool's code (IIT, EIT, OIT)")
                .map(|c| c.to_uppercase());
            // A tool listed twice would print twice and weigh twice.
            if let Some(code) = &code
                && let Some(first) = tools.iter().position(|t: &ToolScore| &t.code == code)
            {
                let pos = f.get("code").map_or(n.pos, |c| c.pos);
                self.error(
                    pos,
                    f.key("code"),
                    format!("เครื่องมือ {} อยู่ในรายการแล้ว (result.tools[{first}])", quoted(code)),
                    format!("the tool {} is already listed (result.tools[{first}])", quoted(code)),
                );
                ok = false;
                continue;
            }
            let name = self.opt_text(&f, "name");
            let score = self
                .required(&f, "score", "คะแนนของเครื่องมือ", "the tool's score")
                .and_then(|n| self.score(n, &f.key("score")));
            let name = match (&code, name) {
                (_, Some(name)) => Some(name),
                (Some(code), None) => match catalog.tool(code) {
                    Some(t) => Some(t.name.clone()),
                    None => {
                        let pos = f.get("code").map_or(n.pos, |c| c.pos);
                        let mut d = Diagnostic::error(
                            pos,
                            f.key("code"),
                            format!("ไม่รู้จักเครื่องมือ \"{}\" ในปี {} จึงต้องระบุ name", quoted(code), catalog.fiscal_year),
                            format!(
                                "\"{}\" is not a tool of {}, so it needs a name",
                                quoted(code),
                                catalog.fiscal_year
                            ),
                        );
                        if let Some(s) = closest(code, catalog.tools.iter().map(|t| t.code.as_str())) {
                            d = d.with_hint(format!("หมายถึง \"{s}\" หรือไม่ (did you mean \"{s}\"?)"));
                        }
                        self.diags.push(d);
                        None
                    }
                },
                (None, None) => None,
            };
            match (code, name, score) {
                (Some(code), Some(name), Some(score)) => tools.push(ToolScore { code, name, score }),
                _ => ok = false,
            }
        }
        ok.then_some(tools)
    }

    fn indicators(&mut self, node: &Node, catalog: &Catalog) -> Option<Vec<IndicatorScore>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(
                node,
                "result.indicators",
                "ชุดคะแนนตัวชี้วัด (เลขตัวชี้วัด: คะแนน)",
                "a mapping of indicator number: score",
            );
            return None;
        };
        let mut found = BTreeMap::new();
        // Numbers written, scored or not: a refused score is not also missing.
        let mut given: Vec<(u32, Pos)> = Vec::new();
        let mut ok = true;
        for (k, v) in pairs {
            let written = &quoted(k.as_str().unwrap_or_default());
            let path = format!("result.indicators.{written}");
            let number =
                arabic_digits(written.trim()).parse::<u32>().ok().filter(|n| catalog.indicators.contains_key(n));
            let Some(number) = number else {
                self.error(
                    k.pos,
                    &path,
                    format!("ไม่มีตัวชี้วัดที่ \"{written}\": ตัวชี้วัดมีเลข 1 ถึง 10"),
                    format!("there is no indicator \"{written}\": indicators are numbered 1 to 10"),
                );
                ok = false;
                continue;
            };
            if let Some((_, first)) = given.iter().find(|(n, _)| *n == number) {
                let line = first.line;
                self.error(
                    k.pos,
                    &path,
                    format!("คะแนนตัวชี้วัดที่ {number} ให้ไว้แล้วที่บรรทัด {line}"),
                    format!("indicator {number} is already given, on line {line}"),
                );
                self.diags.last_mut().unwrap().hint =
                    Some("๑ กับ 1 คือตัวชี้วัดเดียวกัน: เก็บไว้ค่าเดียว (1 and ๑ are the same indicator: keep one)".into());
                ok = false;
                continue;
            }
            given.push((number, k.pos));
            match self.score(v, &path) {
                Some(score) => {
                    found.insert(number, score);
                }
                None => ok = false,
            }
        }
        let missing: Vec<String> =
            catalog.indicators.keys().filter(|n| !given.iter().any(|(g, _)| g == *n)).map(u32::to_string).collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            self.warn(
                node.pos,
                "result.indicators",
                format!("ไม่มีคะแนนตัวชี้วัดที่ {list} ตารางตัวชี้วัดจะไม่มีแถวเหล่านี้"),
                format!("no score for indicator {list}; the indicator table leaves those rows out"),
            );
        }
        let indicators = found
            .into_iter()
            .map(|(number, score)| IndicatorScore { number, name: catalog.indicators[&number].clone(), score })
            .collect();
        ok.then_some(indicators)
    }

    fn history(&mut self, node: &Node) -> Option<Vec<(i32, Score)>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "result.history", "ชุดคะแนนรายปี (ปี: คะแนน)", "a mapping of year: total");
            return None;
        };
        let mut years = BTreeMap::new();
        let mut ok = true;
        for (k, v) in pairs {
            let path = format!("result.history.{}", quoted(k.as_str().unwrap_or_default()));
            match (self.year(k, &path), self.score(v, &path)) {
                (Some(y), Some(s)) => {
                    if years.insert(y, s).is_some() {
                        self.error(k.pos, &path, format!("ปี {y} ให้ไว้แล้ว"), format!("the year {y} is already given"));
                        ok = false;
                    }
                }
                _ => ok = false,
            }
        }
        ok.then(|| years.into_iter().collect())
    }

    fn issues(&mut self, node: &Node, table: &ItemTable) -> Option<Vec<Issue>> {
        let items = self.seq(node, "issues")?;
        if items.is_empty() {
            self.error(node.pos, "issues", "ต้องมีประเด็นอย่างน้อยหนึ่งประเด็น", "at least one issue is needed");
            return None;
        }
        if !self.limit(items, node.pos, "issues", limits::ISSUES, "ประเด็น", "issues") {
            return None;
        }
        let issues: Vec<Option<Issue>> =
            items.iter().enumerate().map(|(i, n)| self.issue(n, &format!("issues[{i}]"), table)).collect();
        let measures: usize = issues.iter().flatten().map(|i| i.measures.len()).sum();
        if measures > limits::MEASURES {
            self.error(
                node.pos,
                "issues",
                format!("มีมาตรการรวม {measures} รายการ เกินขีดจำกัด {} รายการ", limits::MEASURES),
                format!("{measures} measures in all, over the limit of {}", limits::MEASURES),
            );
            return None;
        }
        issues.into_iter().collect()
    }

    fn issue(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Issue> {
        let f = self.fields(node, path, ISSUE_KEYS)?;
        let title = self.required_free_text(&f, "title", "ชื่อประเด็น", "the issue's title");
        let items = self
            .required(&f, "items", "รหัสข้อคำถามในตารางวิเคราะห์", "the item codes of the analysis table")
            .and_then(|n| self.issue_items(n, &f.key("items"), table));
        let analysis = match (f.get("analysis"), &items) {
            (Some(n), Some(items)) => self.analysis(n, &f.key("analysis"), items, table),
            (None, Some(items)) => Some(Analysis { lowest: lowest_items(items), ..Analysis::default() }),
            (_, None) => None,
        };
        let measures = match f.get("measures") {
            Some(n) => self.measures(n, &f.key("measures"), table),
            None => Some(Vec::new()),
        };
        if measures.as_ref().is_some_and(Vec::is_empty) {
            // At `measures: []` when written, else at the issue.
            let pos = f.entries.get("measures").map_or(f.pos, |(k, _)| k.pos);
            self.warn(
                pos,
                f.key("measures"),
                "ประเด็นนี้ไม่มีมาตรการ ส่วนมาตรการจะไม่มีตารางของประเด็นนี้",
                "this issue has no measures; the measures part leaves it out",
            );
        }
        Some(Issue { title: title?, items: items?, analysis: analysis?, measures: measures? })
    }

    fn issue_items(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Vec<Item>> {
        let nodes = self.seq(node, path)?;
        if nodes.is_empty() {
            self.error(
                node.pos,
                path,
                "ตารางวิเคราะห์ต้องมีข้อคำถามอย่างน้อยหนึ่งข้อ",
                "the analysis table needs at least one item",
            );
            return None;
        }
        if !self.limit(nodes, node.pos, path, limits::ITEMS_PER_ISSUE, "ข้อคำถาม", "items") {
            return None;
        }
        // Where each code is first written, to name it when it comes again.
        let mut rows: HashMap<String, usize> = HashMap::new();
        let items: Vec<Option<Item>> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let item = self.item_ref(n, &format!("{path}[{i}]"), table)?;
                if let Some(first) = rows.get(&item.code) {
                    self.twice_in_table(n, &format!("{path}[{i}]"), &item.code, &format!("{path}[{first}]"));
                    return None;
                }
                rows.insert(item.code.clone(), i);
                if item.score.is_none() && table.unscored(&item.code) {
                    self.error(
                        n.pos,
                        format!("{path}[{i}]"),
                        format!("ไม่มีคะแนนของ {} ใน scores", item.code),
                        format!("{} has no score in scores", item.code),
                    );
                    self.diags.last_mut().unwrap().hint =
                        Some(format!("เพิ่ม (add) `{}: <คะแนน>` ใต้ scores:", item.code));
                }
                // A refused score is reported where it is written, not here.
                item.score.is_some().then_some(item)
            })
            .collect();
        items.into_iter().collect()
    }

    /// A code that must name a known item.
    fn item_ref(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Item> {
        let written = node.as_str().filter(|_| !node.is_null());
        let Some(written) = written else {
            self.expected(node, path, "รหัสข้อคำถาม (เช่น i10)", "an item code (like i10)");
            return None;
        };
        match item_code(written).and_then(|c| table.item(&c)) {
            Some(item) => {
                if item.text.is_none() && !self.no_text.contains(&item.code) {
                    self.no_text.push(item.code.clone());
                    self.warn(
                        node.pos,
                        path,
                        format!("ไม่มีข้อความของ {} ในรายการของปี {} จะพิมพ์เฉพาะรหัส", item.code, table.catalog.fiscal_year),
                        format!(
                            "no text for {} in the {} catalog; it is printed by its code alone",
                            item.code, table.catalog.fiscal_year
                        ),
                    );
                    self.diags.last_mut().unwrap().hint =
                        Some(format!("เพิ่มข้อความ (add its text) under texts:  {}: <ข้อความ>", item.code));
                }
                Some(item)
            }
            None => {
                self.unknown_code(node.pos, path, written, table.catalog, table.scores);
                None
            }
        }
    }

    /// An item written twice in one table: an error, for a table row is
    /// never meant twice, and the second is most likely a typo for a code
    /// that is missing.
    fn twice_in_table(&mut self, node: &Node, path: &str, code: &str, first: &str) {
        self.diags.push(
            Diagnostic::error(
                node.pos,
                path,
                format!("{code} อยู่ในตารางนี้แล้ว ({first}) แต่ละข้อเป็นแถวได้แถวเดียว"),
                format!("{code} is already a row of this table ({first}); an item is one row"),
            )
            .with_hint("ลบแถวที่ซ้ำ หรือแก้เป็นรหัสที่ตั้งใจ (remove it, or write the code meant)"),
        );
    }

    /// The codes of `lowest`, each one that is no row of the issue's table
    /// warned of: the analysis would name an item the table does not show.
    fn lowest(&mut self, node: &Node, path: &str, items: &[Item], table: &ItemTable) -> Option<Vec<Item>> {
        let refs: Vec<(&Node, String)> = match &node.value {
            Value::Seq(codes) => codes.iter().enumerate().map(|(i, c)| (c, format!("{path}[{i}]"))).collect(),
            _ => vec![(node, path.to_string())],
        };
        let mut lowest = Vec::new();
        let mut ok = true;
        for (n, path) in refs {
            let Some(item) = self.item_ref(n, &path, table) else {
                ok = false;
                continue;
            };
            if !items.iter().any(|i| i.code == item.code) {
                let rows: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
                let code = &item.code;
                self.diags.push(
                    Diagnostic::warning(
                        n.pos,
                        &path,
                        format!("{code} ไม่ได้อยู่ในตารางของประเด็นนี้ (items) แต่ระบุเป็นข้อที่ได้คะแนนน้อยที่สุด"),
                        format!("{code} is not a row of this issue's table (items), yet it is named the lowest"),
                    )
                    .with_hint(format!(
                        "เพิ่ม {code} ใน items หรือเลือกจาก (add it to items, or name one of): {}",
                        rows.join(", ")
                    )),
                );
            }
            lowest.push(item);
        }
        ok.then_some(lowest)
    }

    fn analysis(&mut self, node: &Node, path: &str, items: &[Item], table: &ItemTable) -> Option<Analysis> {
        let f = self.fields(node, path, ANALYSIS_KEYS)?;
        let lowest = match f.entries.get("lowest").map(|(_, v)| *v) {
            None => Some(lowest_items(items)),
            Some(n) if n.is_null() => Some(lowest_items(items)),
            Some(n) => self.lowest(n, &f.key("lowest"), items, table),
        };
        let cause = self.opt_free_text(&f, "cause");
        let note = self.opt_free_text(&f, "note");
        let guideline = self.opt_free_text(&f, "guideline");
        Some(Analysis { lowest: lowest?, cause, note, guideline })
    }

    fn measures(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Vec<Measure>> {
        let nodes = self.seq(node, path)?;
        let measures: Vec<Option<Measure>> =
            nodes.iter().enumerate().map(|(i, n)| self.measure(n, &format!("{path}[{i}]"), table)).collect();
        measures.into_iter().collect()
    }

    fn measure(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Measure> {
        let f = self.fields(node, path, MEASURE_KEYS)?;
        let target = self
            .required(&f, "target", "ข้อที่ต้องยกระดับ (รหัสหรือข้อความ)", "the item to raise (a code or a text)")
            .and_then(|n| {
                let key = f.key("target");
                let looks_like_code = n.as_str().and_then(item_code).is_some();
                if looks_like_code {
                    self.item_ref(n, &key, table).map(Target::Item)
                } else {
                    self.free_text(n, &key).map(Target::Text)
                }
            });
        let name = self.required_free_text(&f, "name", "ชื่อมาตรการ โครงการ หรือกิจกรรม", "the measure's name");
        let steps =
            self.required(&f, "steps", "ขั้นตอนหรือวิธีการปฏิบัติ", "the steps").and_then(|n| self.steps(n, &f.key("steps")));
        let period = self
            .required(&f, "period", "ช่วงระยะเวลาในการดำเนินการ", "the period")
            .and_then(|n| self.period(n, &f.key("period")));
        let owner = self.required_free_text(&f, "owner", "ผู้รับผิดชอบ", "who is responsible");
        Some(Measure { target: target?, name: name?, steps: steps?, period: period?, owner: owner? })
    }

    fn steps(&mut self, node: &Node, path: &str) -> Option<Vec<String>> {
        let steps: Vec<Option<String>> = match &node.value {
            Value::Seq(items) => {
                if !self.limit(items, node.pos, path, limits::STEPS, "ขั้นตอน", "steps") {
                    return None;
                }
                items.iter().enumerate().map(|(i, n)| self.free_text(n, &format!("{path}[{i}]"))).collect()
            }
            _ => vec![self.free_text(node, path)],
        };
        let steps: Option<Vec<String>> = steps.into_iter().collect();
        if steps.as_ref().is_some_and(Vec::is_empty) {
            self.error(node.pos, path, "ต้องมีขั้นตอนอย่างน้อยหนึ่งขั้นตอน", "at least one step is needed");
            return None;
        }
        steps
    }

    fn period(&mut self, node: &Node, path: &str) -> Option<Period> {
        if !matches!(node.value, Value::Map(_)) {
            return self.free_text(node, path).map(Period::Text);
        }
        let f = self.fields(node, path, PERIOD_KEYS)?;
        let from = self
            .required(&f, "from", "วันเริ่ม (YYYY-MM-DD)", "the first day (YYYY-MM-DD)")
            .and_then(|n| self.date(n, &f.key("from")));
        let to = self
            .required(&f, "to", "วันสิ้นสุด (YYYY-MM-DD)", "the last day (YYYY-MM-DD)")
            .and_then(|n| self.date(n, &f.key("to")));
        let (from, to) = (from?, to?);
        if to < from {
            let pos = f.get("to").map_or(f.pos, |n| n.pos);
            self.error(
                pos,
                f.key("to"),
                format!("วันสิ้นสุด {} อยู่ก่อนวันเริ่ม {}", to.be(), from.be()),
                format!("the period ends ({to}) before it starts ({from})"),
            );
            return None;
        }
        Some(Period::Dates { from, to })
    }

    // ---- checks across the whole report (warnings) ----

    fn check_totals(&mut self, f: &Fields, catalog: &Catalog, report: &Report) {
        let result = &report.result;
        let pos_of = |key: &str| f.get("result").and_then(|n| n.get(key)).map_or(f.pos, |n| n.pos);
        let scores = catalog_tool_scores(catalog, &result.tools, &result.indicators);
        let weighted = catalog.weighted_total(|t| scores[catalog.tools.iter().position(|c| c.code == t.code).unwrap()]);
        // A hair of slack: in floating point 50.10 - 50.00 is just over 0.1,
        // and a difference of exactly 0.1 is allowed.
        let off = |w: f64| (w - result.total.value).abs() > 0.1 + 1e-9;
        if let Some(w) = weighted.filter(|w| off(*w)) {
            let weights: Vec<String> = catalog.tools.iter().map(|t| format!("{} {}%", t.code, t.weight)).collect();
            self.warn(
                pos_of("total"),
                "result.total",
                format!(
                    "คะแนนรวม {} ไม่ตรงกับ {w:.2} ที่คำนวณจากคะแนนเครื่องมือและน้ำหนักของปี {} ({})",
                    result.total.written,
                    catalog.fiscal_year,
                    weights.join(", ")
                ),
                format!(
                    "the total {} disagrees with {w:.2}, computed from the tools and the {} weights ({})",
                    result.total.written,
                    catalog.fiscal_year,
                    weights.join(", ")
                ),
            );
        }
        let derived = catalog.level(result.total.value, &scores.iter().flatten().copied().collect::<Vec<_>>());
        if result.level != derived {
            self.warn(
                pos_of("level"),
                "result.level",
                format!(
                    "ระดับ \"{}\" ไม่ตรงกับเกณฑ์ของปี {}: คะแนน {} อยู่ในระดับ \"{derived}\"",
                    result.level, catalog.fiscal_year, result.total.written
                ),
                format!(
                    "the level \"{}\" disagrees with the {} bands: a total of {} is \"{derived}\"",
                    result.level, catalog.fiscal_year, result.total.written
                ),
            );
        }
    }

    /// Years and provinces named in free text that do not belong to this
    /// document: signs of text copied from another year's or agency's file.
    fn scan_free_text(&mut self, r: &Report) {
        let first = r.fiscal_year - 1;
        for (path, pos, text) in std::mem::take(&mut self.free_text) {
            for year in years_named(&text) {
                if year < first || year > r.plan_year {
                    self.warn(
                        pos,
                        &path,
                        format!("ข้อความระบุปี {year} ซึ่งอยู่นอกช่วง {first}–{} ของเอกสารนี้ (คัดลอกมาจากเอกสารปีอื่นหรือไม่)", r.plan_year),
                        format!("the text names the year {year}, outside this document's {first}–{} (copied from another year's document?)", r.plan_year),
                    );
                }
            }
            let Some(own) = &r.agency.province else {
                continue;
            };
            for province in provinces_named(&text).into_iter().filter(|p| p != own) {
                self.warn(
                    pos,
                    &path,
                    format!("ข้อความระบุจังหวัด{province} แต่หน่วยงานอยู่จังหวัด{own} (คัดลอกมาจากเอกสารของหน่วยงานอื่นหรือไม่)"),
                    format!("the text names the province {province}, but the agency is in {own} (copied from another agency's document?)"),
                );
            }
        }
    }
}

/// Each catalog tool's score: the file's, or else the mean of its indicators
/// when all are given.
fn catalog_tool_scores(catalog: &Catalog, tools: &[ToolScore], indicators: &[IndicatorScore]) -> Vec<Option<f64>> {
    catalog
        .tools
        .iter()
        .map(|t| {
            if let Some(s) = tools.iter().find(|s| s.code == t.code) {
                return Some(s.score.value);
            }
            let values: Option<Vec<f64>> = t
                .indicators
                .iter()
                .map(|n| indicators.iter().find(|i| i.number == *n).map(|i| i.score.value))
                .collect();
            values.filter(|v| !v.is_empty()).map(|v| v.iter().sum::<f64>() / v.len() as f64)
        })
        .collect()
}

/// The file's scores by code, with where each is written; None for a score
/// that was refused (and reported).
type Scores = BTreeMap<String, (Option<Score>, Pos)>;

/// What the file and the catalog know of items: texts and scores by code.
struct ItemTable<'a> {
    catalog: &'a Catalog,
    scores: Option<&'a Scores>,
    texts: Option<&'a BTreeMap<String, String>>,
}

impl ItemTable<'_> {
    /// The item of a code, if the catalog or the scores know it.
    fn item(&self, code: &str) -> Option<Item> {
        let score = self.scores.and_then(|s| s.get(code)).and_then(|(s, _)| s.clone());
        let in_catalog = self.catalog.items.get(code);
        let in_scores = self.scores.is_some_and(|s| s.contains_key(code));
        if !in_scores && in_catalog.is_none() {
            return None;
        }
        let text = self.texts.and_then(|t| t.get(code).cloned()).or_else(|| in_catalog.and_then(|i| i.text.clone()));
        Some(Item { code: code.to_string(), text, score })
    }

    /// Whether a code's missing score is news: not when `scores` could not
    /// be read or its score was refused, which is reported already.
    fn unscored(&self, code: &str) -> bool {
        self.scores.is_some_and(|s| !s.contains_key(code))
    }
}

/// Whether a logo can be printed: a file no larger than the limit (a
/// device such as /dev/zero is no file), a PNG, JPEG or GIF whose header
/// reads and whose size is within the limit. Only the header is
/// read here; the writers read the whole image. Err has the Thai and
/// English messages and a hint.
fn logo_problem(path: &Path, written: &str) -> Result<(), (String, String, &'static str)> {
    use std::io::Read;
    const WHERE: &str = "ที่อยู่ของรูปนับจากโฟลเดอร์ของไฟล์นี้ ลบบรรทัด logo ถ้าไม่ใช้รูป \
                         (the path is relative to this file's folder; remove the logo line for a cover without one)";
    const SAVE_AS_PNG: &str = "เปิดรูปในโปรแกรมแต่งภาพแล้วบันทึกใหม่เป็น PNG \
                               (open it in an image editor and save it again as PNG)";
    const SMALLER: &str = "ย่อรูปให้กว้างไม่เกิน 1000 พิกเซลก็พอสำหรับปก \
                           (shrink it: 1000 pixels wide is plenty for a cover)";
    let open = |e: std::io::Error| {
        (format!("เปิดไฟล์รูป {written} ไม่ได้: {e}"), format!("cannot open the logo {written}: {e}"), WHERE)
    };
    let meta = std::fs::metadata(path).map_err(open)?;
    if !meta.is_file() {
        return Err((format!("{written} ไม่ใช่ไฟล์รูปภาพ"), format!("{written} is not an image file"), WHERE));
    }
    if meta.len() > limits::LOGO_BYTES {
        let mib = limits::LOGO_BYTES / (1024 * 1024);
        return Err((
            format!("ไฟล์รูป {written} ใหญ่เกินขีดจำกัดขนาดรูป {mib} MiB"),
            format!("the logo {written} is larger than the logo size limit of {mib} MiB"),
            SMALLER,
        ));
    }
    let mut head = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(16).read_to_end(&mut head)).map_err(open)?;
    // The PDF could show an SVG, but the DOCX writer cannot embed one, and
    // `build` writes both: refused here, where the message has a place.
    if head.starts_with(b"<svg") || head.starts_with(b"<?xml") {
        return Err((
            format!("รูป {written} เป็น SVG ซึ่งใส่ในไฟล์ Word ไม่ได้"),
            format!("the logo {written} is an SVG drawing, which the Word file cannot hold"),
            SAVE_AS_PNG,
        ));
    }
    let raster = head.starts_with(b"\x89PNG") || head.starts_with(b"\xFF\xD8\xFF") || head.starts_with(b"GIF8");
    if !raster {
        return Err((
            format!("ไฟล์ {written} ไม่ใช่รูปภาพ PNG, JPEG หรือ GIF"),
            format!("{written} is not a PNG, JPEG or GIF image"),
            SAVE_AS_PNG,
        ));
    }
    let size = image::ImageReader::open(path).and_then(|r| r.with_guessed_format()).map_err(open)?.into_dimensions();
    match size {
        Err(e) => Err((
            format!("อ่านรูป {written} ไม่ได้ (ไฟล์เสีย): {e}"),
            format!("the logo {written} is a broken image: {e}"),
            SAVE_AS_PNG,
        )),
        Ok((w, h)) if w.max(h) > limits::LOGO_PIXELS => Err((
            format!("รูป {written} ขนาด {w}×{h} พิกเซล เกินขีดจำกัด {0}×{0} พิกเซล", limits::LOGO_PIXELS),
            format!("the logo {written} is {w}×{h} pixels, over the logo limit of {0}×{0}", limits::LOGO_PIXELS),
            SMALLER,
        )),
        Ok(_) => Ok(()),
    }
}

/// A text with its control characters dealt with, trimmed. The ones that
/// text copied from Word or a PDF carries to mean a break become one: a
/// line break for the vertical tab (Word's manual line break), the form
/// feed (a PDF's page break), NEL, CR and the line separator, a blank line
/// (a new paragraph) for the paragraph separator; a tab is a space. Any
/// other control character has no meaning in print, and could hide
/// anything: it is refused, as (its place in characters, counting from 1,
/// and the character).
pub fn plain_text(raw: &str) -> Result<String, (usize, char)> {
    let mut out = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        match c {
            '\t' => out.push(' '),
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            c if c.is_control() => return Err((i + 1, c)),
            c => out.push(c),
        }
    }
    Ok(out.trim().to_string())
}

/// The name of a control character that is often met, for messages.
fn control_name(c: char) -> &'static str {
    match c {
        '\0' => " (NUL)",
        '\u{1B}' => " (ESC)",
        '\u{7F}' => " (DEL)",
        '\u{08}' => " (backspace)",
        '\u{07}' => " (BEL)",
        _ => "",
    }
}

fn is_decimal(s: &str) -> bool {
    let mut parts = s.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

pub fn provinces() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../data/provinces.txt").lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
    })
}

/// Provinces a text names after จังหวัด or จ.
fn provinces_named(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for prefix in ["จังหวัด", "จ."] {
        for (at, _) in text.match_indices(prefix) {
            let rest = text[at + prefix.len()..].trim_start();
            if let Some(p) = provinces().iter().find(|p| rest.starts_with(**p))
                && !found.iter().any(|f| f == p)
            {
                found.push(p.to_string());
            }
        }
    }
    found
}

/// Buddhist Era years a text names after ปี or พ.ศ. (a bare four-digit
/// number may be an amount).
fn years_named(text: &str) -> Vec<i32> {
    let text = arabic_digits(text);
    let chars: Vec<char> = text.chars().collect();
    let mut years = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i - start != 4 {
            continue;
        }
        let year: i32 = chars[start..i].iter().collect::<String>().parse().unwrap();
        let before: String = chars[start.saturating_sub(14)..start].iter().collect();
        if (2400..2800).contains(&year) && (before.contains("ปี") || before.contains("พ.ศ")) && !years.contains(&year)
        {
            years.push(year);
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_codes() {
        assert_eq!(item_code("i10").as_deref(), Some("i10"));
        assert_eq!(item_code("O12").as_deref(), Some("o12"));
        assert_eq!(item_code("e๗").as_deref(), Some("e7"));
        assert_eq!(item_code("x1"), None);
        assert_eq!(item_code("i"), None);
        assert_eq!(item_code("i01"), None);
        assert_eq!(item_code("o12 รายการ"), None);
    }

    #[test]
    fn years_are_found_after_pi_or_phor_sor() {
        assert_eq!(years_named("ประจำปี พ.ศ.๒๕๖๗ และในปี 2569"), [2567, 2569]);
        assert_eq!(years_named("งบ 2500 บาท"), Vec::<i32>::new());
        assert_eq!(years_named("ปี 25690"), Vec::<i32>::new());
    }

    #[test]
    fn provinces_are_found_after_changwat() {
        assert_eq!(provinces_named("คณะกรรมการปราบปรามการทุจริตจังหวัดจันทบุรีเพื่อ"), ["จันทบุรี"]);
        assert_eq!(provinces_named("ที่ จ. เลย และจังหวัดหนองบัวลำภู"), ["หนองบัวลำภู", "เลย"]);
        assert!(provinces_named("เลยเวลา").is_empty());
    }

    #[test]
    fn closest_suggests_only_near_words() {
        assert_eq!(closest("provnce", AGENCY_KEYS.iter().copied()), Some("province"));
        assert_eq!(closest("zzzzzz", AGENCY_KEYS.iter().copied()), None);
    }
}
