//! The web page's figures, in a real Chromium (web/build.sh first): the
//! module's size, raw and gzipped; the time from opening the page (its
//! files cached, the work kept) to the form and to the first page of the
//! preview; and a build of the example in the page, the first and the
//! later ones, beside the same build natively: in this process (its
//! layouts memoized as in the page) and as the command line runs it, a
//! process a build.
//!
//!     web/build.sh && cargo bench --bench web
//!
//! Goals: the module at most 12 MB gzipped, the page usable within 3 s of a
//! warm load, the first build in the page within 1.5 s, later builds within
//! twice the native time.

#[path = "../tests/it/chrome.rs"]
#[allow(dead_code)]
mod chrome;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ita_report::files::NoFiles;
use ita_report::pipeline::{Pipeline, Settings};
use serde_json::json;

const BUILDS: usize = 6;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let site = root.join("target/web");
    if !site.join("pkg/ita_report_bg.wasm").is_file() {
        eprintln!("no site in target/web: run web/build.sh first");
        std::process::exit(2);
    }
    let module = site.join("pkg/ita_report_bg.wasm");
    let gzip = Command::new("sh").arg("-c").arg(format!("gzip -9c '{}' | wc -c", module.display())).output().unwrap();
    let gzipped: f64 = String::from_utf8_lossy(&gzip.stdout).trim().parse().unwrap();
    let raw = std::fs::metadata(&module).unwrap().len() as f64;
    println!("module: {:.1} MB, {:.1} MB gzipped (goal: at most 12)", raw / 1e6, gzipped / 1e6);

    let example = std::fs::read_to_string(root.join("data/hannangam-2568.yaml")).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let page = runtime.block_on(in_page(&site, &example));

    let mut pipeline = Pipeline::default();
    let native: Vec<f64> = (0..BUILDS)
        .map(|_| {
            let start = Instant::now();
            let rendered = pipeline.render(example.clone().into_bytes(), &NoFiles, &Settings::default());
            assert!(rendered.documents.is_ok());
            start.elapsed().as_secs_f64()
        })
        .collect();
    let out = std::env::temp_dir().join(format!("ita-report-bench-web-{}", std::process::id()));
    let cli: Vec<f64> = (0..BUILDS)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_ita-report"))
                .args(["build", "-o"])
                .arg(&out)
                .arg(root.join("data/hannangam-2568.yaml"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            start.elapsed().as_secs_f64()
        })
        .collect();
    let _ = std::fs::remove_dir_all(&out);
    let later = |t: &[f64]| median(&t[1..]);
    println!("page usable after a warm load: {:.2} s (goal: within 3 s)", page.usable);
    println!("first preview page after a warm load: {:.2} s", page.preview);
    println!(
        "build in the page: first {:.2} s (goal: within 1.5 s), later {:.3} s (median)",
        page.builds[0],
        later(&page.builds)
    );
    println!("build natively:    first {:.2} s, later {:.3} s (median)", native[0], later(&native));
    println!("build by the command line, a process a build: {:.3} s (median)", median(&cli));
    println!(
        "later builds, page / native: {:.2} in-process, {:.2} against the command line (goal: at most 2)",
        later(&page.builds) / later(&native),
        later(&page.builds) / median(&cli)
    );
}

struct PageFigures {
    usable: f64,
    preview: f64,
    builds: Vec<f64>,
}

async fn in_page(site: &std::path::Path, example: &str) -> PageFigures {
    let server = chrome::Static::serve(site);
    let (_driver, c) = chrome::session((1366, 768)).await.unwrap_or_else(|why| panic!("{why}"));
    c.goto(&server.url()).await.unwrap();
    // The work: the example, kept as an official's would be.
    chrome::until_within(&c, "the page", "return !!(window.ita && ita.state);", Duration::from_secs(120)).await;
    let open = "const text = arguments[0], done = arguments[arguments.length - 1];
        ita.request('POST', 'api/open', { name: 'hannangam-2568.yaml', text: text }, (status) => done(status));";
    assert_eq!(c.execute_async(open, vec![json!(example)]).await.unwrap(), json!(200));
    chrome::until_within(
        &c,
        "the service worker",
        "return !!navigator.serviceWorker.controller;",
        Duration::from_secs(60),
    )
    .await;

    // A warm load: the files cached, the work kept.
    c.refresh().await.unwrap();
    let seen = "const done = arguments[arguments.length - 1], marks = {};
        (function look() {
          const now = performance.now() / 1000;
          if (!marks.usable && document.querySelector('[data-path=\"agency.name\"]')) marks.usable = now;
          const img = document.querySelector('#pages img');
          if (!marks.preview && img && img.complete && img.naturalWidth > 0) marks.preview = now;
          if (marks.usable && marks.preview) done(marks); else setTimeout(look, 20);
        })();";
    let marks = c.execute_async(seen, vec![]).await.unwrap();

    let builds = "const text = arguments[0], n = arguments[1], done = arguments[arguments.length - 1];
        import('./pkg/ita_report.js').then((m) => m.default().then(() => {
          const times = [];
          for (let i = 0; i < n; i++) { const t = performance.now(); m.build(text); times.push((performance.now() - t) / 1000); }
          done(times);
        }));";
    let times = c.execute_async(builds, vec![json!(example), json!(BUILDS)]).await.unwrap();
    c.close().await.unwrap();
    PageFigures {
        usable: marks["usable"].as_f64().unwrap(),
        preview: marks["preview"].as_f64().unwrap(),
        builds: serde_json::from_value(times).unwrap(),
    }
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
