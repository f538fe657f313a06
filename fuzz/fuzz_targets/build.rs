//! The whole build from a structured random report: an input file made of
//! random parts that are mostly of the right shape (codes, scores, dates,
//! texts from Thai, Latin, markup, zero-width and combining characters and
//! any character at all), checked, composed, and written as a PDF and a
//! DOCX. A file that checks must build: any failure after the check is a
//! bug, and a panic here.
#![no_main]

use std::fmt::Write;

use arbitrary::Arbitrary;
use ita_report::compose::compose;
use ita_report::docx::{self, DocxOptions};
use ita_report::files::NoFiles;
use ita_report::fonts::Fonts;
use ita_report::pdf::PdfWriter;
use ita_report::thai::{arabic_digits, thai_digits};
use ita_report::{load, validate};
use libfuzzer_sys::fuzz_target;

/// Bounds that keep one run to a second or so (Typst lays out each).
const MAX_LIST: usize = 4;
const MAX_TEXT: usize = 120;

#[derive(Arbitrary, Debug)]
struct Input {
    year: u8,
    plan_later: Option<u8>,
    arabic: bool,
    landscape: bool,
    agency: Text,
    district: Option<Text>,
    province: Option<Text>,
    phone: Option<Text>,
    total: Score,
    level: Option<Text>,
    tools: Vec<(u8, Option<Text>, Score)>,
    indicators: Vec<(u8, bool, Score)>,
    history: Vec<(u8, Score)>,
    scores: Vec<(Code, Score)>,
    texts: Vec<(Scored, Text)>,
    issues: Vec<Issue>,
    signatory: Option<(Text, Text, Option<Day>)>,
    words: Vec<Text>,
}

#[derive(Arbitrary, Debug)]
struct Issue {
    title: Text,
    items: Vec<Scored>,
    lowest: Option<Vec<Scored>>,
    cause: Option<Text>,
    note: Option<Text>,
    guideline: Option<Text>,
    measures: Vec<Measure>,
}

#[derive(Arbitrary, Debug)]
struct Measure {
    target: Result<Scored, Text>,
    name: Text,
    steps: Vec<Text>,
    period: Result<(Day, Day), Text>,
    owner: Text,
}

/// An item code, i1..i40, e1..e40 or o1..o40, in Arabic or Thai digits.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Code(u8, u8, bool);

/// One of the codes scored (most uses of a code need a score): an index
/// into `scores`, or now and then a code of its own.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Scored {
    Index(u8),
    Any(Code),
}

/// A score 0.00–100.00, as written: integers and decimals.
#[derive(Arbitrary, Debug)]
struct Score(u16);

#[derive(Arbitrary, Debug)]
struct Day(u8, u8, u8);

/// A text made of pieces that stress the writers.
#[derive(Arbitrary, Debug)]
struct Text(Vec<Piece>);

#[derive(Arbitrary, Debug)]
enum Piece {
    /// One of the snippets below.
    Snippet(u8),
    /// Any character at all (most are refused or warned of).
    Char(char),
    /// A line break or a blank line.
    Break(bool),
}

const SNIPPETS: &[&str] = &[
    "องค์การบริหารส่วนตำบล",
    "การปฏิบัติหน้าที่",
    "ข้อคำถามที่",
    "ทั่วถึง",
    " ",
    "ITA 81.90% (i10)",
    "#set page(paper: \"a5\")",
    "{{ x }}{% if %}",
    "<w:t>&amp;</w:t>]]>",
    "<script>alert(1)</script>",
    "$x$ *bold* _i_ @ref \\ `raw` [link](x)",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0E31}",
    "\u{0301}",
    "ສະບາຍດີ",
    "សួស្តី",
    "😀",
    "ปี พ.ศ. 2560",
    "จังหวัดจันทบุรี",
    "๑๒๓",
    "\t",
    "\u{2028}",
];

impl Code {
    fn write(&self) -> String {
        let letter = ['i', 'e', 'o'][usize::from(self.0 % 3)];
        let number = (1 + self.1 % 40).to_string();
        let number = if self.2 { thai_digits(&number) } else { number };
        format!("{letter}{number}")
    }
}

impl Scored {
    fn write(&self, scored: &[Code]) -> String {
        match self {
            Scored::Index(i) => scored[usize::from(*i) % scored.len()].write(),
            Scored::Any(code) => code.write(),
        }
    }
}

/// Codes as a flow list, each once (a row twice is refused).
fn codes(codes: &[Scored], scored: &[Code]) -> String {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for code in codes.iter().take(8) {
        let written = code.write(scored);
        let arabic = arabic_digits(&written);
        if !seen.contains(&arabic) {
            seen.push(arabic);
            out.push(written);
        }
    }
    out.join(", ")
}

impl Score {
    fn write(&self) -> String {
        let n = self.0 % 10001;
        if n % 100 == 0 { (n / 100).to_string() } else { format!("{}.{:02}", n / 100, n % 100) }
    }
}

impl Day {
    fn write(&self) -> String {
        format!("{}-{:02}-{:02}", 2567 + u32::from(self.0 % 3), 1 + self.1 % 12, 1 + self.2 % 28)
    }
}

impl Text {
    /// As a YAML double-quoted string (JSON's form is one).
    fn write(&self) -> String {
        let mut s = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Snippet(i) => s.push_str(SNIPPETS[usize::from(*i) % SNIPPETS.len()]),
                // Control characters are refused by the check (its own
                // target tries them all); here they would only stop builds.
                Piece::Char(c) if c.is_control() => {}
                Piece::Char(c) => s.push(*c),
                Piece::Break(blank) => s.push_str(if *blank { "\n\n" } else { "\n" }),
            }
            if s.chars().count() > MAX_TEXT {
                break;
            }
        }
        // An empty text is refused too.
        if s.trim().is_empty() {
            s.push('ก');
        }
        serde_json::to_string(&s).unwrap()
    }
}

fn some<T>(v: &[T]) -> &[T] {
    &v[..v.len().min(MAX_LIST)]
}

/// The input file the parts make.
fn yaml(i: &Input) -> String {
    let mut y = String::new();
    let fiscal = 2565 + u32::from(i.year % 5);
    writeln!(y, "format: 1\nfiscal_year: {fiscal}").unwrap();
    if let Some(p) = i.plan_later {
        writeln!(y, "plan_year: {}", fiscal + u32::from(p % 3)).unwrap();
    }
    writeln!(y, "agency:\n  name: {}", i.agency.write()).unwrap();
    for (key, v) in [("district", &i.district), ("province", &i.province), ("phone", &i.phone)] {
        if let Some(t) = v {
            writeln!(y, "  {key}: {}", t.write()).unwrap();
        }
    }
    writeln!(y, "document:").unwrap();
    writeln!(y, "  numerals: {}", if i.arabic { "arabic" } else { "thai" }).unwrap();
    writeln!(y, "  measures_orientation: {}", if i.landscape { "landscape" } else { "portrait" }).unwrap();
    if let Some((name, position, date)) = &i.signatory {
        writeln!(y, "  signatory:\n    name: {}\n    position: {}", name.write(), position.write()).unwrap();
        if let Some(d) = date {
            writeln!(y, "    date: {}", d.write()).unwrap();
        }
    }
    if !i.words.is_empty() {
        let words: Vec<String> = some(&i.words).iter().map(Text::write).collect();
        writeln!(y, "  words: [{}]", words.join(", ")).unwrap();
    }
    writeln!(y, "result:\n  total: {}", i.total.write()).unwrap();
    if let Some(level) = &i.level {
        writeln!(y, "  level: {}", level.write()).unwrap();
    }
    writeln!(y, "  tools:").unwrap();
    let mut listed = Vec::new();
    for (code, name, score) in some(&i.tools) {
        let code = ["IIT", "EIT", "OIT", "EIT2"][usize::from(code % 4)];
        if listed.contains(&code) {
            continue;
        }
        listed.push(code);
        let name = name.as_ref().map(|n| format!(", name: {}", n.write())).unwrap_or_default();
        writeln!(y, "    - {{code: {code}, score: {}{name}}}", score.write()).unwrap();
    }
    if listed.is_empty() {
        writeln!(y, "    - {{code: IIT, score: 90}}").unwrap();
    }
    writeln!(y, "  indicators:").unwrap();
    for (n, thai, score) in i.indicators.iter().take(10) {
        let n = (1 + n % 10).to_string();
        writeln!(y, "    {}: {}", if *thai { thai_digits(&n) } else { n }, score.write()).unwrap();
    }
    if !i.history.is_empty() {
        writeln!(y, "  history:").unwrap();
        for (year, score) in some(&i.history) {
            writeln!(y, "    {}: {}", 2560 + u32::from(year % 9), score.write()).unwrap();
        }
    }
    writeln!(y, "scores:").unwrap();
    let mut scored: Vec<Code> = Vec::new();
    for (code, score) in i.scores.iter().take(30) {
        if !scored.iter().any(|c| c.0 % 3 == code.0 % 3 && c.1 % 40 == code.1 % 40) {
            scored.push(*code);
            writeln!(y, "  {}: {}", code.write(), score.write()).unwrap();
        }
    }
    if scored.is_empty() {
        scored.push(Code(0, 0, false));
        writeln!(y, "  i1: 90").unwrap();
    }
    if !i.texts.is_empty() {
        writeln!(y, "texts:").unwrap();
        let mut seen = Vec::new();
        for (code, text) in some(&i.texts) {
            let written = code.write(&scored);
            let arabic = arabic_digits(&written);
            if !seen.contains(&arabic) {
                seen.push(arabic);
                writeln!(y, "  {written}: {}", text.write()).unwrap();
            }
        }
    }
    writeln!(y, "issues:").unwrap();
    for issue in some(&i.issues) {
        write_issue(&mut y, issue, &scored);
    }
    y
}

fn write_issue(y: &mut String, issue: &Issue, scored: &[Code]) {
    let items = if issue.items.is_empty() { vec![Scored::Index(0)] } else { issue.items.clone() };
    writeln!(y, "  - title: {}\n    items: [{}]", issue.title.write(), codes(&items, scored)).unwrap();
    writeln!(y, "    analysis:").unwrap();
    if let Some(lowest) = &issue.lowest {
        writeln!(y, "      lowest: [{}]", codes(lowest, scored)).unwrap();
    }
    for (key, v) in [("cause", &issue.cause), ("note", &issue.note), ("guideline", &issue.guideline)] {
        if let Some(t) = v {
            writeln!(y, "      {key}: {}", t.write()).unwrap();
        }
    }
    if issue.measures.is_empty() {
        return;
    }
    writeln!(y, "    measures:").unwrap();
    for m in some(&issue.measures) {
        let target = match &m.target {
            Ok(code) => code.write(scored),
            Err(text) => text.write(),
        };
        writeln!(y, "      - target: {target}\n        name: {}\n        steps:", m.name.write()).unwrap();
        for step in some(&m.steps) {
            writeln!(y, "          - {}", step.write()).unwrap();
        }
        let period = match &m.period {
            Ok((a, b)) => {
                let (from, to) = if a.write() <= b.write() { (a, b) } else { (b, a) };
                format!("{{from: {}, to: {}}}", from.write(), to.write())
            }
            Err(text) => text.write(),
        };
        writeln!(y, "        period: {period}\n        owner: {}", m.owner.write()).unwrap();
    }
}

thread_local! {
    static PDF: PdfWriter = PdfWriter::new(Fonts::embedded());
}

fuzz_target!(|input: Input| {
    let text = yaml(&input);
    let (loaded, _) = load::load_bytes(text.into_bytes()).expect("the generated file is YAML");
    let checked = validate::check(loaded.root.as_ref(), &NoFiles, None);
    let Some(report) = checked.report else { return };
    let doc = compose(&report);
    PDF.with(|pdf| {
        pdf.write(&doc).expect("a checked file makes a PDF");
        if std::env::var_os("ITA_FUZZ_STATS").is_some() {
            eprintln!("built a PDF");
        }
        let charts = |c: &_, layout: &_, dpi| pdf.chart_png(c, layout, dpi).map_err(Into::into);
        docx::write(&doc, &DocxOptions::new(&charts)).expect("a checked file makes a DOCX");
    });
});
