//! The editor in a real Chromium, driven through chromedriver (WebDriver,
//! fantoccini) as an official would use it: every key of the input format
//! has its field, a changed name and score show in the pages, a score of
//! 120 is an error beside its field until fixed, an issue and a measure are
//! added, a logo is uploaded, and the file saved builds the PDF that
//! `ita-report build` makes of it. With ITA_EDITOR_SCREENSHOT=FILE it
//! leaves a picture of the form there (docs/editor.png, in the README).

use fantoccini::{Client, Locator};
use ita_report::validate::{
    AGENCY_KEYS, ANALYSIS_KEYS, DOCUMENT_KEYS, FOLLOWUP_KEYS, ISSUE_KEYS, MEASURE_KEYS, MEASURE_RESULT_KEYS,
    PERIOD_KEYS, RESULT_KEYS, ROOT_KEYS, SIGNATORY_KEYS, TOOL_KEYS,
};
use serde_json::json;

use crate::chrome::{self, until};
use crate::edit::{Running, png};
use crate::support::{self, root};

const TEST: &str = "the_form_edits_the_file_in_a_real_browser";

async fn pages(c: &Client) -> Vec<String> {
    let v = c.execute("return Array.prototype.map.call(document.querySelectorAll('#pages img'), function (i) { return i.getAttribute('data-hash'); });", vec![]).await.unwrap();
    serde_json::from_value(v).unwrap()
}

async fn type_into(c: &Client, path: &str, text: &str) {
    let field = c.find(Locator::Css(&format!("[data-path=\"{path}\"]"))).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

/// Every key the input format has, as a path with `[]` for any index and
/// `*` for any code: the form must reach each.
fn format_keys() -> Vec<String> {
    let mut keys: Vec<String> = ROOT_KEYS.iter().map(|k| k.to_string()).collect();
    let under = |parent: &str, keys: &[&str]| keys.iter().map(|k| format!("{parent}{k}")).collect::<Vec<_>>();
    keys.extend(under("agency.", AGENCY_KEYS));
    keys.extend(under("document.", DOCUMENT_KEYS));
    keys.extend(under("document.signatory.", SIGNATORY_KEYS));
    keys.extend(under("result.", RESULT_KEYS));
    keys.extend(under("result.tools[].", TOOL_KEYS));
    keys.extend(["result.indicators.*".to_string(), "scores.*".into(), "texts.*".into()]);
    keys.extend(under("issues[].", ISSUE_KEYS));
    keys.extend(under("issues[].analysis.", ANALYSIS_KEYS));
    keys.extend(under("issues[].measures[].", MEASURE_KEYS));
    keys.extend(under("issues[].measures[].period.", PERIOD_KEYS));
    keys.extend(under("issues[].measures[].result.", MEASURE_RESULT_KEYS));
    keys.extend(under("followup.", FOLLOWUP_KEYS));
    keys
}

/// A field's path with its indices and codes made general.
fn general(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push_str("[]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    let by_code = ["result.indicators.", "scores.", "texts.", "result.history."];
    match by_code.iter().find(|map| out.len() > map.len() && out.starts_with(*map)) {
        Some(map) => format!("{map}*"),
        None => out,
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_form_edits_the_file_in_a_real_browser() {
    let (_driver, c) = match chrome::session((1400, 1000)).await {
        Ok(session) => session,
        Err(why) => return support::skip(TEST, &why),
    };
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let ed = Running::start(&example);
    c.goto(&format!("http://127.0.0.1:{}/?token={}", ed.port, ed.token)).await.unwrap();
    until(&c, "the pages", "return document.querySelectorAll('#pages img').length > 10;").await;
    assert!(!c.current_url().await.unwrap().as_str().contains("token"), "the token stays out of the address bar");

    // Thai labels alone, and no format row, until the advanced switch is on.
    let shown =
        "function shown(css) { var e = document.querySelector(css); return !!e && e.getClientRects().length > 0; }";
    let keys_and_format = format!("{shown} return [shown('.row > label small'), shown('[data-path=\"format\"]')];");
    let now = |v: serde_json::Value| serde_json::from_value::<[bool; 2]>(v).unwrap();
    assert_eq!(
        now(c.execute(&keys_and_format, vec![]).await.unwrap()),
        [false, false],
        "the keys and the format row hidden"
    );
    c.find(Locator::Id("advanced")).await.unwrap().click().await.unwrap();
    assert_eq!(now(c.execute(&keys_and_format, vec![]).await.unwrap()), [true, true], "the advanced switch shows them");

    // Every key of the format has its field.
    let paths: Vec<String> = serde_json::from_value(
        c.execute("return Array.prototype.map.call(document.querySelectorAll('[data-path]'), function (e) { return e.getAttribute('data-path'); });", vec![]).await.unwrap(),
    )
    .unwrap();
    let reached: Vec<String> = paths.iter().map(|p| general(p)).collect();
    let missing: Vec<String> = format_keys()
        .into_iter()
        .filter(|k| {
            !reached.iter().any(|r| r == k || r.starts_with(&format!("{k}.")) || r.starts_with(&format!("{k}[")))
        })
        .collect();
    assert!(missing.is_empty(), "keys the form does not reach: {missing:?}");

    // The agency's name: the cover changes.
    let before = pages(&c).await;
    type_into(&c, "agency.name", "องค์การบริหารส่วนตำบลทดสอบ").await;
    until(
        &c,
        "a new cover",
        &format!(
            "var i = document.querySelector('#pages img'); return !!i && i.getAttribute('data-hash') !== '{}';",
            before[0]
        ),
    )
    .await;
    // A score: the pages that show it change, not the cover.
    let named = pages(&c).await;
    type_into(&c, "scores.i10", "85.00").await;
    until(&c, "the new score's pages", &format!("return Array.prototype.some.call(document.querySelectorAll('#pages img'), function (i, n) {{ return n > 0 && i.getAttribute('data-hash') !== {}[n]; }});", json!(named))).await;
    assert_eq!(pages(&c).await[0], named[0]);

    // 120 is no score: the error is beside the field, the pages a sketch.
    type_into(&c, "scores.i10", "120").await;
    until(&c, "the error beside i10", "var m = document.querySelector('.msg.error[data-for=\"scores.i10\"]'); return !!m && m.parentNode.tagName === 'TD' && m.parentNode.contains(document.querySelector('[data-path=\"scores.i10\"]')) && m.getBoundingClientRect().height > 0 && document.getElementById('preview').className === 'sketch';").await;
    // The README's picture: the error beside its field, the pages a sketch.
    if let Ok(path) = std::env::var("ITA_EDITOR_SCREENSHOT") {
        c.execute("document.querySelector('[data-path=\"scores.i10\"]').scrollIntoView({block: 'center'}); document.activeElement.blur();", vec![]).await.unwrap();
        std::fs::write(path, c.screenshot().await.unwrap()).unwrap();
    }
    type_into(&c, "scores.i10", "85.00").await;
    until(
        &c,
        "the error gone",
        "return !document.querySelector('.msg.error') && document.getElementById('preview').className === '';",
    )
    .await;

    // An issue, then a measure in it, named.
    let issues = example.matches("  - title:").count();
    c.find(Locator::XPath("//button[contains(., 'add issue')]")).await.unwrap().click().await.unwrap();
    until(&c, "the new issue", &format!("return document.querySelectorAll('.issue').length === {};", issues + 1)).await;
    let new_issue = format!("issues[{issues}]");
    type_into(&c, &format!("{new_issue}.title"), "ประเด็นทดสอบ").await;
    let add = format!("//div[@data-path='{new_issue}']//button[contains(., 'add measure')]");
    c.find(Locator::XPath(&add)).await.unwrap().click().await.unwrap();
    until(
        &c,
        "the new measure",
        &format!("return !!document.querySelector('[data-path=\"{new_issue}.measures[0].name\"]');"),
    )
    .await;
    let m = format!("{new_issue}.measures[0]");
    type_into(&c, &format!("{m}.name"), "มาตรการทดสอบ").await;
    for (path, text) in [("target", "o1"), ("period", "๗ วัน"), ("owner", "สำนักปลัด")] {
        type_into(&c, &format!("{m}.{path}"), text).await;
    }
    let add_step = format!("//div[@data-path='{m}.steps']//button[contains(., 'add step')]");
    c.find(Locator::XPath(&add_step)).await.unwrap().click().await.unwrap();
    // An empty box with a hint, no made-up text that would print.
    until(&c, "the new step", &format!("var s = document.querySelector('[data-path=\"{m}.steps[0]\"]'); return !!s && s.tagName === 'TEXTAREA' && s.value === '' && s.placeholder.indexOf('ขั้นตอน') >= 0;")).await;
    type_into(&c, &format!("{m}.steps[0]"), "ประชุมชี้แจง").await;
    for (path, text) in [("analysis.cause", "สาเหตุทดสอบ"), ("analysis.guideline", "แนวทางทดสอบ")]
    {
        type_into(&c, &format!("{new_issue}.{path}"), text).await;
    }
    let o1 = format!("//div[@data-path='{new_issue}.items']//input[@data-code='o1']");
    c.find(Locator::XPath(&o1)).await.unwrap().click().await.unwrap();
    until(
        &c,
        "a new issue without errors",
        "return !document.querySelector('.msg.error') && document.getElementById('preview').className === '';",
    )
    .await;

    // A logo, picked from a file.
    let logo = ed.dir.path().join("upload").join("ตรา.png");
    std::fs::create_dir_all(logo.parent().unwrap()).unwrap();
    std::fs::write(&logo, png()).unwrap();
    c.find(Locator::Css("input[type=file]")).await.unwrap().send_keys(logo.to_str().unwrap()).await.unwrap();
    until(
        &c,
        "the logo named",
        "var f = document.querySelector('[data-path=\"agency.logo\"]'); return !!f && f.value === 'ตรา.png';",
    )
    .await;

    // Saved without a click, a moment after the last change: the file holds
    // every change, and builds as the command line builds it.
    ed.saved(&["องค์การบริหารส่วนตำบลทดสอบ", "i10: 85.00", "ประเด็นทดสอบ", "มาตรการทดสอบ", "logo: ตรา.png"]);
    until(&c, "the save shown", "return document.getElementById('status').textContent.indexOf('(saved)') >= 0;").await;
    assert!(!ed.text().contains("ขั้นตอนใหม่"), "a new step is empty");
    assert!(ed.dir.path().join("ตรา.png").is_file());
    c.find(Locator::Id("build")).await.unwrap().click().await.unwrap();
    until(&c, "the downloads", "return !!document.querySelector('#downloads a');").await;
    c.close().await.unwrap();

    let out = ed.dir.path().join("cli");
    let o =
        support::bin().env_remove("SOURCE_DATE_EPOCH").args(["build", "-o"]).arg(&out).arg(&ed.file).output().unwrap();
    assert!(o.status.success(), "{}", support::stderr(&o));
    let from_editor = std::fs::read(ed.dir.path().join("output/ita.pdf")).unwrap();
    assert!(from_editor == std::fs::read(out.join("ita.pdf")).unwrap(), "the editor's PDF is not the command line's");
}

/// The results step as an official fills it a year on: the first measure's
/// status picked, its percent, what was done and the obstacles typed; the
/// follow-up report picked at the top shows its pages, and Build writes the
/// PDF that `ita-report build --followup` makes of the saved file.
#[tokio::test(flavor = "current_thread")]
async fn the_results_step_makes_the_followup_report_in_a_real_browser() {
    let test = "the_results_step_makes_the_followup_report_in_a_real_browser";
    let (_driver, c) = match chrome::session((1366, 768)).await {
        Ok(session) => session,
        Err(why) => return support::skip(test, &why),
    };
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let ed = Running::start(&example);
    c.goto(&format!("http://127.0.0.1:{}/?token={}", ed.port, ed.token)).await.unwrap();
    until(&c, "the pages", "return document.querySelectorAll('#pages img').length > 10;").await;

    let r = "issues[0].measures[0].result";
    // The button at the form's top takes the keyboard to the step.
    c.find(Locator::Css("p.jump button")).await.unwrap().click().await.unwrap();
    until(
        &c,
        "the step focused",
        &format!("return document.activeElement.getAttribute('data-path') === '{r}.status';"),
    )
    .await;
    let status = c.find(Locator::Css(&format!("select[data-path=\"{r}.status\"]"))).await.unwrap();
    status.select_by_value("in_progress").await.unwrap();
    until(&c, "the status kept", &format!("return !!document.querySelector('[data-path=\"{r}.percent\"]') && document.querySelector('[data-path=\"{r}.status\"]').value === 'in_progress';")).await;
    type_into(&c, &format!("{r}.percent"), "60").await;
    type_into(&c, &format!("{r}.done"), "จัดประชุมผู้บริหาร เมื่อวันที่ ๑๕ ตุลาคม ๒๕๖๘").await;
    type_into(&c, &format!("{r}.obstacles"), "เจ้าหน้าที่ย้ายตำแหน่ง").await;
    until(&c, "no error", "return !document.querySelector('.msg.error');").await;
    // The report's date typed key by key as Thai officials write it (day,
    // month, Buddhist year, in Thai digits): no half-typed year (๒๕, which
    // would be 2525) reaches the file.
    let date = c.find(Locator::Css("input[data-path=\"followup.date\"]")).await.unwrap();
    date.click().await.unwrap();
    date.send_keys("๒๐/๑๐/๒๕๖๙").await.unwrap();
    until(&c, "the date shown as printed", "return document.querySelector('[data-path=\"followup.date\"]').parentNode.textContent.indexOf('๒๐ ตุลาคม ๒๕๖๙') >= 0;").await;

    let analysis = pages(&c).await;
    c.find(Locator::Id("kind")).await.unwrap().select_by_value("followup").await.unwrap();
    until(&c, "the follow-up report's pages", &format!("var i = document.querySelectorAll('#pages img'); return i.length > 3 && i[0].getAttribute('data-hash') !== '{}' && document.getElementById('preview').className === '';", analysis[0])).await;
    c.find(Locator::Id("build")).await.unwrap().click().await.unwrap();
    until(&c, "the downloads", "return !!document.querySelector('#downloads a');").await;
    c.close().await.unwrap();

    let saved = ed.text();
    for text in ["status: in_progress", "percent: 60", "เจ้าหน้าที่ย้ายตำแหน่ง", "date: 2569-10-20"]
    {
        assert!(saved.contains(text), "the saved file lacks {text}:\n{saved}");
    }
    let out = ed.dir.path().join("cli");
    let o = support::bin()
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["build", "--followup", "-o"])
        .arg(&out)
        .arg(&ed.file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", support::stderr(&o));
    let from_editor = std::fs::read(ed.dir.path().join("output/ita-followup.pdf")).unwrap();
    let from_cli = std::fs::read(out.join("ita-followup.pdf")).unwrap();
    assert!(from_editor == from_cli, "the editor's follow-up PDF is not the command line's");
    assert!(!ed.dir.path().join("output/ita.pdf").exists(), "Build made the document shown");
    assert_eq!(saved.matches("date:").count(), 1, "one date, the report's, and no half-typed one:\n{saved}");
}

/// A page the editor no longer takes (its sign-in gone, as after the
/// editor was started again) says so at once, keeps what was typed, and
/// sends it once the official has opened the editor's link again.
#[tokio::test(flavor = "current_thread")]
async fn a_refused_page_says_so_and_sends_the_typing_again_once_signed_in() {
    let test = "a_refused_page_says_so_and_sends_the_typing_again_once_signed_in";
    let (_driver, c) = match chrome::session((1024, 700)).await {
        Ok(session) => session,
        Err(why) => return support::skip(test, &why),
    };
    let ed = Running::start(support::minimal());
    let link = format!("http://127.0.0.1:{}/?token={}", ed.port, ed.token);
    c.goto(&link).await.unwrap();
    until(&c, "the pages", "return document.querySelectorAll('#pages img').length > 0;").await;
    c.delete_all_cookies().await.unwrap();
    type_into(&c, "agency.name", "องค์การบริหารส่วนตำบลส่งซ้ำ").await;
    until(&c, "the refusal said", "var b = document.getElementById('banner'); return !b.hidden && b.className === 'alarm' && b.textContent.indexOf('send again') >= 0;").await;
    assert!(!ed.text().contains("ส่งซ้ำ"));

    // The link opened again, in another tab: this browser is signed in.
    let page = c.window().await.unwrap();
    let tab = c.new_window(true).await.unwrap();
    c.switch_to_window(tab.handle).await.unwrap();
    c.goto(&link).await.unwrap();
    c.switch_to_window(page).await.unwrap();
    c.find(Locator::XPath("//button[contains(., 'send again')]")).await.unwrap().click().await.unwrap();
    ed.saved(&["องค์การบริหารส่วนตำบลส่งซ้ำ"]);
    c.close().await.unwrap();
}
