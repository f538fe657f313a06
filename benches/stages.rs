//! `cargo bench`: the time of each stage of building the example, and what
//! Thai costs against the same document in Latin letters
//! (benches/hannangam-2568-latin.yaml), measured in one run.

use std::path::Path;
use std::time::{Duration, Instant};

use ita_report::compose::compose;
use ita_report::disk::check_file;
use ita_report::document::Chart;
use ita_report::docx::{self, DocxOptions};
use ita_report::fonts::Fonts;
use ita_report::layout::Layout;
use ita_report::pdf::PdfWriter;

const RUNS: usize = 11;

struct Stages {
    check: Duration,
    compose: Duration,
    words: Duration,
    layout: Duration,
    export: Duration,
    docx: Duration,
}

impl Stages {
    fn pdf(&self) -> Duration {
        self.words + self.layout + self.export
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// One build of `input`, each stage timed: check, compose, words, layout,
/// export, DOCX.
fn sample(input: &Path, writer: &PdfWriter) -> [Duration; 6] {
    let t = Instant::now();
    let report = check_file(input).report.expect("the input checks");
    let check = t.elapsed();
    let t = Instant::now();
    let mut doc = compose(&report);
    let compose = t.elapsed();
    let t = Instant::now();
    writer.fit_columns(&mut doc);
    let prepared = writer.prepare(&doc);
    let words = t.elapsed();
    // Cold, as a new document is: nothing memoized from the last run.
    typst::comemo::evict(0);
    let t = Instant::now();
    let pages = writer.layout(&prepared).expect("layout");
    let layout = t.elapsed();
    let t = Instant::now();
    let pdf = writer.export(&pages, &doc.meta).expect("export");
    let export = t.elapsed();
    assert!(pdf.starts_with(b"%PDF"));
    let chart_png = |c: &Chart, layout: &Layout, dpi: f32| writer.chart_png(c, layout, dpi).map_err(Into::into);
    let t = Instant::now();
    let docx = docx::write(&doc, &DocxOptions::new(&chart_png)).expect("docx");
    let docx_time = t.elapsed();
    assert!(docx.starts_with(b"PK"));
    [check, compose, words, layout, export, docx_time]
}

/// Each stage's median over the samples.
fn stages(samples: &[[Duration; 6]]) -> Stages {
    let [check, compose, words, layout, export, docx] =
        std::array::from_fn(|i| median(samples.iter().map(|s| s[i]).collect()));
    Stages { check, compose, words, layout, export, docx }
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let writer = PdfWriter::new(Fonts::embedded());
    let (thai, latin) = (root.join("data/hannangam-2568.yaml"), root.join("benches/hannangam-2568-latin.yaml"));
    // Warm up once: the word list and the fonts load on first use.
    sample(&thai, &writer);
    // Thai and Latin in turns, so that a change in the machine's load
    // between runs weighs on both alike.
    let (mut t, mut l) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        t.push(sample(&thai, &writer));
        l.push(sample(&latin, &writer));
    }
    let (thai, latin) = (stages(&t), stages(&l));
    println!("stage (median of {RUNS})      Thai example   Latin twin");
    for (name, a, b) in [
        ("load + check", thai.check, latin.check),
        ("compose", thai.compose, latin.compose),
        ("word breaking", thai.words, latin.words),
        ("Typst layout", thai.layout, latin.layout),
        ("PDF export", thai.export, latin.export),
        ("PDF (words+layout+export)", thai.pdf(), latin.pdf()),
        ("DOCX (charts included)", thai.docx, latin.docx),
    ] {
        println!("{name:<24}{}  {}", ms(a), ms(b));
    }
    println!("Thai / Latin, PDF: {:.2}", thai.pdf().as_secs_f64() / latin.pdf().as_secs_f64());
}
