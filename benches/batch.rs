//! `cargo bench --bench batch [-- DOCS]`: a district office's batch. Builds
//! copies of the example with varied scores (200 unless DOCS, or
//! `BATCH_DOCS`, says otherwise), three times, on all cores (or
//! `BATCH_JOBS` at once), and reports the median time, a document's share
//! of it beside LibreOffice's conversion of one of the DOCX (target: 0.03),
//! what the 8,317 agencies of FY2568 would take at that rate, and the peak
//! memory of the process: memory must stay bounded however long the batch
//! (target: under 400 MB for 1,000).

#[path = "common/libreoffice.rs"]
mod libreoffice;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ita_report::batch::{Options, build_all};

const RUNS: usize = 3;
/// The agencies assessed in FY2568.
const AGENCIES: f64 = 8317.0;

/// The example with every score of an item (`  i1: 95.40`) moved by an
/// amount of its own, so that no two documents are laid out alike.
fn varied(example: &str, n: usize) -> String {
    let lines = example.lines().enumerate().map(|(i, line)| {
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        let code = key.trim();
        let is_item = key.starts_with("  ")
            && !key.starts_with("   ")
            && code.len() > 1
            && code.starts_with(['i', 'e', 'o'])
            && code[1..].chars().all(|c| c.is_ascii_digit());
        match value.trim().parse::<f64>() {
            Ok(score) if is_item => format!("{key}: {:.2}", (score - ((n * 7 + i) % 50) as f64 / 10.0).max(0.0)),
            _ => line.to_string(),
        }
    });
    lines.collect::<Vec<_>>().join("\n") + "\n"
}

/// The process's peak resident memory, in MB (Linux).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; the first number given is the count.
    let given = std::env::args().skip(1).find_map(|a| a.parse().ok());
    let docs: usize = given.or_else(|| std::env::var("BATCH_DOCS").ok()?.parse().ok()).unwrap_or(200);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let example = std::fs::read_to_string(root.join("data/hannangam-2568.yaml")).expect("the example");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let inputs: Vec<PathBuf> = (0..docs)
        .map(|n| {
            let path = dir.path().join(format!("agency-{n:03}.yaml"));
            std::fs::write(&path, varied(&example, n)).expect("write an input");
            path
        })
        .collect();
    assert_ne!(varied(&example, 0), varied(&example, 1), "the copies differ");
    let mut opts = Options::writing_to(dir.path().join("out"));
    opts.jobs = std::env::var("BATCH_JOBS").ok().and_then(|j| j.parse().ok());
    std::fs::create_dir_all(&opts.out_dir).expect("the output folder");
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let built = build_all(&inputs, &opts, |_| {});
            let failed = built.iter().filter(|b| b.result.is_err()).count();
            assert_eq!(failed, 0, "every copy builds");
            start.elapsed()
        })
        .collect();
    times.sort();
    let peak = peak_mb().map_or("unknown".to_string(), |mb| format!("{mb:.0} MB"));
    let median = times[RUNS / 2].as_secs_f64();
    let each = median / docs as f64;
    println!(
        "batch of {docs} documents (PDF + DOCX), {RUNS} runs: median {median:.1} s, {:.0} ms a document, \
         8,317 agencies in {:.1} min; peak memory {peak}",
        each * 1000.0,
        each * AGENCIES / 60.0
    );
    // After the batch, so that its peak memory is the batch's own.
    let yardstick = libreoffice::conversion(&opts.out_dir.join("agency-000.docx"));
    libreoffice::share("a document of the batch", Duration::from_secs_f64(each), yardstick, 0.03);
}
