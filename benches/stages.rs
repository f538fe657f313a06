//! `cargo bench`: the time of each stage of building the example, and what
//! Thai costs against the same document in Latin letters
//! (benches/hannangam-2568-latin.yaml), measured in one run.

use std::path::Path;
use std::time::{Duration, Instant};

use ita_report::check::check_file;
use ita_report::compose::compose;
use ita_report::document::Chart;
use ita_report::docx::{self, DocxOptions};
use ita_report::fonts::Fonts;
use ita_report::pdf::PdfWriter;

const RUNS: usize = 7;

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

/// Each stage's median over the runs, the DOCX included.
fn measure(input: &Path, writer: &PdfWriter) -> Stages {
    let mut samples: [Vec<Duration>; 6] = Default::default();
    for _ in 0..RUNS {
        let t = Instant::now();
        let report = check_file(input).report.expect("the input checks");
        samples[0].push(t.elapsed());
        let t = Instant::now();
        let doc = compose(&report);
        samples[1].push(t.elapsed());
        let t = Instant::now();
        let prepared = writer.prepare(&doc);
        samples[2].push(t.elapsed());
        // Cold, as a new document is: nothing memoized from the last run.
        typst::comemo::evict(0);
        let t = Instant::now();
        let pages = writer.layout(&prepared, report.settings.numerals, None).expect("layout");
        samples[3].push(t.elapsed());
        let t = Instant::now();
        let pdf = writer.export(&pages).expect("export");
        samples[4].push(t.elapsed());
        assert!(pdf.starts_with(b"%PDF"));
        let chart_png = |c: &Chart, dpi: f32| writer.chart_png(c, dpi).map_err(|e| e.to_string());
        let t = Instant::now();
        let docx = docx::write(&doc, &DocxOptions::new(&chart_png)).expect("docx");
        samples[5].push(t.elapsed());
        assert!(docx.starts_with(b"PK"));
    }
    let [check, compose, words, layout, export, docx] = samples.map(median);
    Stages { check, compose, words, layout, export, docx }
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let writer = PdfWriter::new(Fonts::embedded());
    // Warm up once: the word list and the fonts load on first use.
    measure(&root.join("data/hannangam-2568.yaml"), &writer);
    let thai = measure(&root.join("data/hannangam-2568.yaml"), &writer);
    let latin = measure(&root.join("benches/hannangam-2568-latin.yaml"), &writer);
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
