//! Scores pasted: read from the seed document's tables as they were copied
//! (OCR'd: "1๑๐" for i10, wrapped question texts), against the scores the
//! example holds, which were typed from the same document.

use std::collections::BTreeMap;

use ita_report::catalog;
use ita_report::draft::paste::{self, Pasted};

const SEED: &str = include_str!("../inputs/paste/hannangam-2568-seed.txt");

/// The year's items, and its indicators by their numbers.
fn items(year: i32) -> Vec<(String, String)> {
    let (c, _) = catalog::for_year(year);
    let items = c.items.iter().filter_map(|(code, i)| Some((code.clone(), i.text.clone()?)));
    items.chain(c.indicators.iter().map(|(n, name)| (n.to_string(), name.clone()))).collect()
}

/// The example, transcribed from the seed.
fn example() -> serde_yaml::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/hannangam-2568.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// The example's scores, as typed from the seed.
fn typed() -> BTreeMap<String, f64> {
    let yaml = example();
    let scores = yaml["scores"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().to_string(), v.as_f64().unwrap()));
    let indicators = yaml["result"]["indicators"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_u64().unwrap().to_string(), v.as_f64().unwrap()));
    scores.chain(indicators).collect()
}

/// The example's own wording of items, which the seed prints.
fn own_texts() -> Vec<(String, String)> {
    example()["texts"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().to_string(), v.as_str().unwrap().to_string()))
        .collect()
}

fn read(text: &str) -> Pasted {
    paste::read(text, &[items(2568), own_texts()].concat())
}

fn wrong(pasted: &Pasted) -> Vec<String> {
    let typed = typed();
    pasted
        .found
        .iter()
        .filter(|f| typed.get(&f.code) != Some(&f.score.parse().unwrap()))
        .map(|f| format!("line {}: {} = {} (typed {:?})", f.line, f.code, f.score, typed.get(&f.code)))
        .collect()
}

#[test]
fn the_seeds_tables_give_every_score_typed_from_them() {
    let pasted = read(SEED);
    assert_eq!(wrong(&pasted), Vec::<String>::new(), "scores read wrong");
    let found: Vec<&str> = pasted.found.iter().map(|f| f.code.as_str()).collect();
    let missing: Vec<String> = typed().into_keys().filter(|c| !found.contains(&c.as_str())).collect();
    assert!(missing.is_empty(), "not found: {missing:?}; missed lines: {:#?}", pasted.missed);
    assert!(pasted.clashes.is_empty(), "{:#?}", pasted.clashes);
    // Not one line with a score is left not understood (the chart's lost
    // values, "0 2564 0 2565 …", have none: no decimals, none last).
    assert_eq!(pasted.missed, []);
}

/// A starter has no wording of its own: the seed's own wording of o15 is
/// nearest o13's catalog text. Two scores for one code are shown, not
/// written; nothing is read wrong.
#[test]
fn without_the_agencys_wording_a_doubt_is_a_clash_not_a_wrong_score() {
    let pasted = paste::read(SEED, &items(2568));
    assert_eq!(wrong(&pasted), Vec::<String>::new(), "scores read wrong");
    assert!(pasted.found.len() >= 50, "found {}", pasted.found.len());
    let clashed: Vec<&str> = pasted.clashes.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(clashed, ["o13"]);
}

/// Made-up lines, as typed or copied: a code and a score a line, in either
/// digits; a question's text wrapped over two lines with its score on the
/// second, no code at all.
#[test]
fn codes_alone_and_wrapped_question_texts_are_read() {
    let text = "i1 90.95\ne๓: ๙๗.๖๗\nO10\t100\n\nเจ้าหน้าที่ในหน่วยงานของท่าน มีการขอยืมหรือขอใช้ ทรัพย์สินของหน่วยงาน\nอย่างถูกต้องตามขั้นตอน/แนวปฏิบัติ มากน้อยเพียงใด ๘๑.๙๐\nx9 50\ni99 70";
    let pasted = paste::read(text, &items(2568));
    let found: Vec<(&str, &str, usize)> =
        pasted.found.iter().map(|f| (f.code.as_str(), f.score.as_str(), f.line)).collect();
    assert_eq!(found, [("i1", "90.95", 1), ("e3", "97.67", 2), ("o10", "100", 3), ("i10", "81.90", 5)]);
    let missed: Vec<usize> = pasted.missed.iter().map(|m| m.line).collect();
    assert_eq!(missed, [7, 8], "{:#?}", pasted.missed);
}

/// A clerk's starter file, filled by pasting: the seed's text copied with
/// the keyboard (Ctrl+A, Ctrl+C in another box, as from another window),
/// the paste box opened with a click, Ctrl+V, and one click to fill in. The
/// file then holds the scores typed from the seed, and the clash is left
/// blank.
#[tokio::test(flavor = "current_thread")]
async fn a_starter_is_filled_by_pasting_the_seeds_tables() {
    use fantoccini::Locator;
    use fantoccini::key::Key;

    use crate::chrome::{self, until};

    use crate::support;

    let test = "a_starter_is_filled_by_pasting_the_seeds_tables";
    let starter = support::starter_2568();
    let Some((_driver, c, ed)) = crate::edit::in_browser(test, (1024, 700), &starter).await else { return };
    until(&c, "the form", "return !!document.querySelector('[data-path=\"scores\"]');").await;
    chrome::copy(&c, SEED).await;

    c.find(Locator::XPath("//button[starts-with(., 'วางผลคะแนน')]")).await.unwrap().click().await.unwrap();
    until(
        &c,
        "the paste box open and focused",
        "return document.getElementById('paste').open && document.activeElement.tagName === 'TEXTAREA';",
    )
    .await;
    let paste = format!("{}v{}", char::from(Key::Control), char::from(Key::Control));
    c.active_element().await.unwrap().send_keys(&paste).await.unwrap();
    until(
        &c,
        "what was found, shown",
        "var p = document.querySelector('#paste .said'); return !!p && p.textContent.indexOf('พบคะแนน') === 0;",
    )
    .await;
    let shown: String =
        c.execute("return document.getElementById('paste').innerText;", vec![]).await.unwrap().as_str().unwrap().into();
    assert!(shown.contains("o13 = 0 (บรรทัด 117) / 100 (บรรทัด 128)"), "the clash shown:\n{shown}");
    assert_eq!(ed.text(), starter, "nothing written before the click");

    c.find(Locator::XPath("//button[starts-with(., 'ใส่คะแนน')]")).await.unwrap().click().await.unwrap();
    let saved = ed.saved(&["i1: 90.95", "e9: 94.42"]);
    c.close().await.unwrap();

    let yaml: serde_yaml::Value = serde_yaml::from_str(&saved).unwrap();
    let typed = typed();
    let mut filled = 0;
    for (code, value) in
        yaml["scores"].as_mapping().unwrap().iter().chain(yaml["result"]["indicators"].as_mapping().unwrap())
    {
        let code = code.as_str().map(String::from).unwrap_or_else(|| code.as_u64().unwrap().to_string());
        let Some(score) = value.as_f64() else { continue };
        assert_eq!(typed.get(&code), Some(&score), "{code}");
        filled += 1;
    }
    assert!(filled >= 50, "{filled} filled:\n{saved}");
    assert!(yaml["scores"]["o13"].is_null(), "the clash is left blank");
}

/// Made-up lines as a PDF gives them: a number in the item's own text
/// ("รอบ 6 เดือน") is no score; a score alone on the next line is its row's;
/// one code given 100, 50 and 100 again is one clash of two scores.
#[test]
fn a_pdfs_lines_give_their_scores_and_no_number_of_the_text() {
    let text = "o37 รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน 100\n\
                o38 รายงานผลการดำเนินการป้องกันการทุจริตประจำปี\n๕๐\n\
                o1 100\no1 50\no1 ๑๐๐";
    let pasted = paste::read(text, &items(2567));
    let found: Vec<(&str, &str)> = pasted.found.iter().map(|f| (f.code.as_str(), f.score.as_str())).collect();
    assert_eq!(found, [("o37", "100"), ("o38", "50")], "{pasted:#?}");
    let clash: Vec<&str> = pasted.clashes[0].1.iter().map(|f| f.score.as_str()).collect();
    assert_eq!((pasted.clashes.len(), clash), (1, vec!["100", "50"]));
}

/// A year whose catalog has no question texts (2569): a code alone is
/// still found, as its starter lists it under scores.
#[test]
fn codes_of_a_year_without_question_texts_are_found() {
    let starter =
        ita_report::init::render_year(std::path::Path::new("ita-2569.yaml"), 2569, &Default::default()).unwrap();
    let mut d = ita_report::draft::Draft::new(Default::default(), Default::default());
    d.set_text(starter, &ita_report::files::NoFiles);
    let pasted = d.pasted("i1 90.95\ne๒ ๙๕.๕๐\no1 100");
    let found: Vec<&str> = pasted["found"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(found, ["i1", "e2", "o1"], "{pasted}");
    assert_eq!(pasted["found"][1]["path"], serde_json::json!(["scores", "e2"]));
}
