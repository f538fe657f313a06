//! The web page (web/build.sh writes it into target/web) in a real
//! Chromium, served by a static server of this test: the module builds the
//! example and every test input into the PDF and the DOCX that the command
//! line writes, byte for byte; a value typed in the form is still there
//! after a reload; the page asks nothing of another origin; and once
//! loaded, it still builds with the server gone.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use crate::chrome::{self, Static, until, until_within};
use crate::support::{bin, inputs, root, skip};

/// The site, or None (and a skip, or in CI a failure) when it is not built.
fn site(test: &str) -> Option<PathBuf> {
    let site = root().join("target/web");
    if site.join("index.html").is_file() && site.join("pkg/ita_report_bg.wasm").is_file() {
        return Some(site);
    }
    skip(test, "the web page is not built (web/build.sh)");
    None
}

/// The page open in a browser of `window` pixels, from a static server of
/// the site; None (a skip, or in CI a failure) without the site or a
/// browser.
async fn opened(test: &str, window: (u32, u32)) -> Option<(chrome::Driver, Client, Static)> {
    let site = site(test)?;
    let (driver, c) = match chrome::session(window).await {
        Ok(session) => session,
        Err(why) => {
            skip(test, &why);
            return None;
        }
    };
    let server = Static::serve(&site);
    c.goto(&server.url()).await.unwrap();
    Some((driver, c, server))
}

/// The module's build of an input's text, as `{pdf, docx}` byte lists, or
/// `{error}` with what it threw.
async fn build_in_page(c: &Client, text: &str) -> Value {
    let script = "const text = arguments[0], done = arguments[arguments.length - 1];
        import('./pkg/ita_report.js')
          .then((m) => m.default().then(() => {
            try { const r = m.build(text); done({ pdf: Array.from(r.pdf), docx: Array.from(r.docx) }); }
            catch (e) { done({ error: String(e) }); }
          }))
          .catch((e) => done({ error: 'load: ' + e }));";
    c.execute_async(script, vec![json!(text)]).await.unwrap()
}

fn bytes(v: &Value) -> Vec<u8> {
    v.as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect()
}

const SAME: &str = "the_page_builds_every_input_as_the_command_line_does";

#[tokio::test(flavor = "current_thread")]
async fn the_page_builds_every_input_as_the_command_line_does() {
    let Some((_driver, c, _server)) = opened(SAME, (1366, 768)).await else { return };
    let out = tempfile::tempdir().unwrap();
    for input in inputs() {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let cli =
            bin().args(["build", "-o"]).arg(out.path()).arg(&input).env_remove("SOURCE_DATE_EPOCH").output().unwrap();
        let page = build_in_page(&c, &std::fs::read_to_string(&input).unwrap()).await;
        if !cli.status.success() {
            assert!(
                page["error"].as_str().is_some_and(|e| e.contains("error:")),
                "{name}: the page built what the CLI refused: {page:.200}"
            );
            continue;
        }
        assert!(page["error"].is_null(), "{name}: {}", page["error"]);
        let stem = input.file_stem().unwrap().to_string_lossy();
        for kind in ["pdf", "docx"] {
            let native = std::fs::read(out.path().join(format!("{stem}.{kind}"))).unwrap();
            assert!(bytes(&page[kind]) == native, "{name}: the page's {kind} differs from the command line's");
        }
    }
    let others: Vec<String> = c
        .execute("return performance.getEntriesByType('resource').map(function (e) { return e.name; }).filter(function (n) { return n.indexOf(location.origin + '/') !== 0; });", vec![])
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.to_string())
        .collect();
    assert!(others.is_empty(), "requests outside the page's origin: {others:?}");
    c.close().await.unwrap();
}

const FOLLOWUP: &str = "the_page_builds_the_followup_report_as_the_command_line_does";

/// The page's editor, the follow-up report picked, builds the test input
/// with results into the bytes of `ita-report build --followup`.
#[tokio::test(flavor = "current_thread")]
async fn the_page_builds_the_followup_report_as_the_command_line_does() {
    let Some((_driver, c, _server)) = opened(FOLLOWUP, (1366, 768)).await else { return };
    let input = root().join("tests/inputs/followup.yaml");
    let script = "const text = arguments[0], done = arguments[arguments.length - 1];
        import('./pkg/ita_report.js')
          .then((m) => m.default().then(() => {
            try {
              const e = new m.Editor();
              e.open(text);
              const kind = JSON.parse(e.set_kind('followup')).kind;
              const r = e.build();
              done({ kind, pdf: Array.from(r.pdf), docx: Array.from(r.docx) });
            } catch (e) { done({ error: String(e) }); }
          }))
          .catch((e) => done({ error: 'load: ' + e }));";
    let page = c.execute_async(script, vec![json!(std::fs::read_to_string(&input).unwrap())]).await.unwrap();
    assert!(page["error"].is_null(), "{}", page["error"]);
    assert_eq!(page["kind"], "followup");
    let out = tempfile::tempdir().unwrap();
    let args = ["build", "--followup", "-o"];
    let cli = bin().args(args).arg(out.path()).arg(&input).env_remove("SOURCE_DATE_EPOCH").output().unwrap();
    assert!(cli.status.success());
    for kind in ["pdf", "docx"] {
        let native = std::fs::read(out.path().join(format!("followup-followup.{kind}"))).unwrap();
        assert!(bytes(&page[kind]) == native, "the page's follow-up {kind} differs from the command line's");
    }
    c.close().await.unwrap();
}

const KEPT: &str = "typed_work_survives_a_reload_and_the_page_works_offline";

#[tokio::test(flavor = "current_thread")]
async fn typed_work_survives_a_reload_and_the_page_works_offline() {
    let Some((_driver, c, server)) = opened(KEPT, (1024, 700)).await else { return };
    // A first visit: nothing kept, so the page offers to start.
    until_within(&c, "the start panel", "return !document.getElementById('start').hidden;", Duration::from_secs(60))
        .await;
    let start = "//div[@id='start']//button[contains(., 'start')]";
    c.find(Locator::XPath(start)).await.unwrap().click().await.unwrap();
    until(
        &c,
        "the starter's form",
        "return !!document.querySelector('[data-path=\"agency.name\"]') && document.getElementById('start').hidden;",
    )
    .await;
    let name = c.find(Locator::Css("[data-path=\"agency.name\"]")).await.unwrap();
    name.click().await.unwrap();
    name.send_keys("องค์การบริหารส่วนตำบลทดสอบ").await.unwrap();
    until(&c, "the name kept", "return document.getElementById('status').className === 'kept' && /kept in this browser/.test(document.getElementById('status').textContent);").await;
    // The starter's pages from the first minute, a draft with gaps.
    until(&c, "the draft's pages", "return document.getElementById('preview').className === 'sketch' && document.querySelectorAll('#pages img').length > 5;").await;
    // Two scores pasted (the newest year's starter: its OIT items), the
    // page's core reading them.
    c.find(Locator::XPath("//button[starts-with(., 'วางผลคะแนน')]")).await.unwrap().click().await.unwrap();
    c.active_element().await.unwrap().send_keys("o1 100\no๓ ๙๗.๖๗").await.unwrap();
    until(
        &c,
        "two found",
        "var p = document.querySelector('#paste .said'); return !!p && p.textContent.indexOf('พบคะแนน 2 ข้อ') === 0;",
    )
    .await;
    c.find(Locator::XPath("//button[starts-with(., 'ใส่คะแนน')]")).await.unwrap().click().await.unwrap();
    until(&c, "the scores filled in", "var f = document.querySelector('[data-path=\"scores.o3\"]'); return !!f && f.value === '97.67' && document.getElementById('status').className === 'kept';").await;

    c.refresh().await.unwrap();
    until_within(&c, "the name after a reload", "var f = document.querySelector('[data-path=\"agency.name\"]'); return !!f && f.value === 'องค์การบริหารส่วนตำบลทดสอบ';", Duration::from_secs(60)).await;
    until(&c, "the service worker", "return !!navigator.serviceWorker.controller;").await;

    let asked = server.asked.lock().unwrap().clone();
    assert!(asked.iter().any(|p| p.ends_with(".wasm")), "the module came from the site: {asked:?}");
    drop(server);
    // The server is gone: the page loads from what the service worker kept,
    // and still builds.
    c.refresh().await.unwrap();
    until_within(&c, "the name offline", "var f = document.querySelector('[data-path=\"agency.name\"]'); return !!f && f.value === 'องค์การบริหารส่วนตำบลทดสอบ';", Duration::from_secs(60)).await;
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let built = build_in_page(&c, &example).await;
    assert!(
        built["error"].is_null() && bytes(&built["pdf"]).starts_with(b"%PDF"),
        "offline build: {:.200}",
        built.to_string()
    );
    c.close().await.unwrap();
}

/// Whether the site's module is as big as the issue allows: at most 12 MB
/// gzipped (measured in benches/web too; here, so that a regression fails).
#[test]
fn the_module_is_within_its_size() {
    let Some(site) = site("the_module_is_within_its_size") else { return };
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("gzip -9c '{}' | wc -c", site.join("pkg/ita_report_bg.wasm").display()))
        .output()
        .unwrap();
    let gzipped: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(gzipped <= 12_000_000, "the module is {gzipped} bytes gzipped");
}

/// The core with its files in memory, as the page gives them, makes what
/// the command line writes from the files on disk: a logo included.
#[test]
fn the_core_builds_from_memory_what_the_command_line_builds_from_files() {
    use ita_report::pipeline::{Pipeline, Settings};
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let text = example.replacen("agency:\n", "agency:\n  logo: ตรา.png\n", 1);
    let input = dir.path().join("ita.yaml");
    std::fs::write(&input, &text).unwrap();
    std::fs::write(dir.path().join("ตรา.png"), crate::edit::png()).unwrap();
    let out = dir.path().join("out");
    let cli = bin().args(["build", "-o"]).arg(&out).arg(&input).env_remove("SOURCE_DATE_EPOCH").output().unwrap();
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));

    let files = std::collections::BTreeMap::from([("ตรา.png".to_string(), crate::edit::png())]);
    let rendered = Pipeline::default().render(text.into_bytes(), &files, &Settings::default());
    let documents = rendered.documents.expect("the example builds");
    assert!(rendered.checked.report.unwrap().agency.logo.is_some(), "the logo was read from memory");
    assert!(documents.pdf == std::fs::read(out.join("ita.pdf")).unwrap(), "the PDFs differ");
    assert!(documents.docx == std::fs::read(out.join("ita.docx")).unwrap(), "the DOCX files differ");
}
