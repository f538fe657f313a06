//! `cargo bench --bench edit`: how long the editor takes from an edit to
//! the picture of a page it changed, as the browser asks for them (the
//! edit applied and checked, the document laid out, the first changed page
//! drawn), and how large a page's picture is. The target: within 300 ms.

use std::time::{Duration, Instant};

use ita_report::batch::Options;
use ita_report::draft::ops::Op;
use ita_report::draft::tree::{Step, Tree};
use ita_report::edit::session::Session;
use ita_report::init;

const RUNS: usize = 21;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let example = dir.path().join("hannangam-2568.yaml");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/data/hannangam-2568.yaml"), &example).unwrap();
    let opts = Options::writing_to(dir.path().join("output"));
    let start = Instant::now();
    let mut session = Session::open(&example, opts.clone()).unwrap();
    let shown: Vec<String> = hashes(&session.draft.preview());
    let first = session.draft.page_png(&shown[0]).unwrap();
    println!("open, first layout and first page: {:>6.1} ms", ms(start.elapsed()));
    let shown = score_edits(&mut session, shown, "an edit of a score");

    let sizes: Vec<usize> = shown.iter().map(|h| session.draft.page_png(h).unwrap().len()).collect();
    println!(
        "page pictures: {} pages, {:.0} KB each on average, the cover {:.0} KB, the largest {:.0} KB",
        sizes.len(),
        sizes.iter().sum::<usize>() as f64 / sizes.len() as f64 / 1024.0,
        first.len() as f64 / 1024.0,
        *sizes.iter().max().unwrap() as f64 / 1024.0
    );

    // A starter: 57 errors, so every edit is checked, then sketched.
    let starter = dir.path().join("ita-2568.yaml");
    std::fs::write(&starter, init::render_year(&starter, 2568, &Default::default()).unwrap()).unwrap();
    let mut session = Session::open(&starter, opts).unwrap();
    let shown = hashes(&session.draft.preview());
    score_edits(&mut session, shown, "an edit of a score in a starter (a sketch)");
}

/// Edits of a score, each to the picture of a page it changed: the
/// pages shown after the last.
fn score_edits(session: &mut Session, mut shown: Vec<String>, what: &str) -> Vec<String> {
    let (mut edit, mut layout, mut draw, mut total) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for run in 0..RUNS {
        let score = format!("{}.{:02}", 80 + run % 10, run);
        let op = Op::Set { path: vec![Step::Key("scores".into()), Step::Key("i10".into())], value: Tree::Text(score) };
        let t0 = Instant::now();
        session.edit(&[op]).unwrap();
        let t1 = Instant::now();
        let now = hashes(&session.draft.preview());
        let t2 = Instant::now();
        let changed = now.iter().find(|h| !shown.contains(h)).expect("a page shows the score");
        session.draft.page_png(changed).unwrap();
        let t3 = Instant::now();
        shown = now;
        edit.push(t1 - t0);
        layout.push(t2 - t1);
        draw.push(t3 - t2);
        total.push(t3 - t0);
    }
    println!("{what}, {RUNS} runs, median (max):");
    for (what, times) in
        [("apply and check", &edit), ("layout", &layout), ("draw the page", &draw), ("edit to picture", &total)]
    {
        println!("  {what:<16} {:>6.1} ms ({:.1})", ms(median(times)), ms(*times.iter().max().unwrap()));
    }
    shown
}

fn hashes(preview: &serde_json::Value) -> Vec<String> {
    serde_json::from_value(preview["pages"].clone()).unwrap()
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
