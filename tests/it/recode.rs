//! A fiscal year changed in the form: the codes the catalogs map are
//! renamed wherever the file uses them, and every code whose item differs
//! in the new year is said. The files here are made up; their texts are
//! the catalogs' own.

use ita_report::draft::Draft;
use ita_report::draft::ops::Op;
use ita_report::draft::tree::{Step, Tree};
use ita_report::files::NoFiles;
use ita_report::pipeline::{Pipeline, Settings};
use serde_json::{Value, json};

use crate::support::starter_2568;

const FILE: &str = "\
fiscal_year: 2568
scores:
  o14:                # แผนการบริหารและพัฒนาทรัพยากรบุคคล
  o15: 80             # รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี
  o16:
  o17: 90
  o18:
  o20: 70
texts:
  o19: ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปี พ.ศ. 2567
issues:
  - title: ก
    items: [o15, o17, o19, o20]
    analysis: {lowest: o15}
    measures:
      - target: o17
      - target: ปรับปรุงเว็บไซต์
";

fn draft(text: &str) -> Draft {
    let mut d = Draft::new(Pipeline::default(), Settings::default());
    d.set_text(text.to_string(), &NoFiles);
    d
}

/// The year typed into its box as a person types, a keystroke an edit.
fn type_year(d: &mut Draft, year: &str) {
    let chars: Vec<char> = year.chars().collect();
    for n in 1..=chars.len() {
        let value = Tree::Text(chars[..n].iter().collect());
        d.edit(&[Op::Set { path: vec![Step::Key("fiscal_year".into())], value }], &NoFiles).unwrap();
    }
}

fn recoded(d: &Draft) -> Value {
    d.state()["recoded"].clone()
}

#[test]
fn a_new_year_renames_the_codes_of_moved_items_everywhere_and_keeps_their_comments() {
    let mut d = draft(FILE);
    type_year(&mut d, "2569");
    let text = d.text();
    assert!(text.contains("  o14: 80             # รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี"), "{text}");
    assert!(text.contains("  o16: 90\n"), "{text}");
    assert!(!text.contains("แผนการบริหารและพัฒนาทรัพยากรบุคคล\n"), "the blank o14 it took the place of is gone: {text}");
    assert!(text.contains("  o19: ข้อมูลสถิติ"), "a code with the file's own text stays: {text}");
    assert!(text.contains("items: [o14, o16, o19, o20]") && text.contains("lowest: o14"), "{text}");
    assert!(text.contains("- target: o16\n") && text.contains("- target: ปรับปรุงเว็บไซต์"), "{text}");
    let r = recoded(&d);
    assert_eq!((&r["from"], &r["to"]), (&json!(2568), &json!(2569)));
    assert_eq!(r["moved"], json!([["o15", "o14"], ["o17", "o16"], ["o18", "o17"]]));
    assert_eq!(r["own"], json!(["o19"]));
    let differs = r["differs"].as_array().unwrap();
    assert_eq!(differs.len(), 1, "{r}");
    assert_eq!(differs[0]["code"], "o20");
    assert_eq!(differs[0]["before"], "การเปิดโอกาสให้เกิดการมีส่วนร่วม");
    assert!(differs[0]["after"].as_str().unwrap().contains("NO GIFT POLICY"), "{r}");

    // And back: the codes as they were written, nothing more to say.
    type_year(&mut d, "2568");
    assert!(d.text().contains("items: [o15, o17, o19, o20]"), "{}", d.text());
    assert!(d.text().contains("  o17: 90\n  o18:\n"), "{}", d.text());
    assert_eq!(recoded(&d), Value::Null);
}

#[test]
fn a_code_the_file_holds_something_under_is_not_written_over() {
    let mut d = draft(&FILE.replace("  o14:  ", "  o14: 50"));
    type_year(&mut d, "2569");
    let r = recoded(&d);
    assert_eq!(r["held"], json!([["o15", "o14"]]), "{r}");
    assert_eq!(r["moved"], json!([["o17", "o16"], ["o18", "o17"]]), "{r}");
    assert!(d.text().contains("  o14: 50") && d.text().contains("  o15: 80"), "{}", d.text());
    assert!(d.text().contains("items: [o15, o16, o19, o20]"), "{}", d.text());

    // o17 held where o16 has a score: then o18 may not take o17's place.
    let mut d = draft(&FILE.replace("  o16:\n", "  o16: 40\n"));
    type_year(&mut d, "2569");
    let r = recoded(&d);
    assert_eq!(r["held"], json!([["o17", "o16"], ["o18", "o17"]]), "{r}");
    assert!(d.text().contains("  o16: 40\n  o17: 90\n  o18:\n"), "{}", d.text());
}

#[test]
fn a_year_typed_back_or_through_another_carries_codes_from_the_year_they_were_written_in() {
    // o16 holds a score, so o17 and o18 stay: back in 2568 they are 2568's still.
    let held = FILE.replace("  o16:\n", "  o16: 40\n");
    let mut d = draft(&held);
    type_year(&mut d, "2569");
    type_year(&mut d, "2568");
    let o14 = "  o14:                # แผนการบริหารและพัฒนาทรัพยากรบุคคล\n";
    assert_eq!(d.text(), held.replace(o14, ""), "as written, but the blank o15 took the place of");
    assert_eq!(recoded(&d), Value::Null);

    // 2567 typed on the way to 2569: as if 2569 had been typed at once.
    let mut direct = draft(FILE);
    type_year(&mut direct, "2569");
    let mut d = draft(FILE);
    type_year(&mut d, "2567");
    assert_eq!(recoded(&d)["from"], 2568);
    type_year(&mut d, "2569");
    assert_eq!(d.text(), direct.text());
    assert_eq!(recoded(&d), recoded(&direct));
}

#[test]
fn a_year_half_typed_a_year_without_a_catalog_or_a_file_of_its_own_catalog_renames_nothing() {
    let mut d = draft(FILE);
    type_year(&mut d, "2570");
    assert_eq!(d.text(), FILE.replace("2568", "2570"));
    assert_eq!(recoded(&d), Value::Null);
    let own = format!("{FILE}document:\n  catalog: ita-2569.yaml\n");
    let mut d = draft(&own);
    type_year(&mut d, "2569");
    assert!(d.text().contains("items: [o15, o17, o19, o20]"));
}

#[test]
fn a_starter_carried_to_the_next_year_builds_on_its_codes() {
    let mut d = draft(&starter_2568());
    type_year(&mut d, "2569");
    let r = recoded(&d);
    let moved = r["moved"].as_array().unwrap();
    assert!(moved.contains(&json!(["o28", "o26"])) && moved.contains(&json!(["o27", "o25"])), "{r}");
    let text = d.text();
    let scores = &text[text.find("\nscores:").unwrap()..text.find("\nissues:").unwrap()];
    let mut codes: Vec<&str> = scores
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.split(':').next())
        .filter(|c| !c.starts_with(' '))
        .collect();
    assert!(codes.contains(&"o26") && !codes.contains(&"o27") && !codes.contains(&"o28"), "{codes:?}");
    let all = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), all, "no code twice:\n{scores}");
}

#[test]
fn codes_are_read_as_the_check_reads_them_and_lowest_may_be_a_list() {
    let file = FILE
        .replace("  o15: 80", "  O15: 80")
        .replace("  o14:  ", "  o๑๔:  ")
        .replace("lowest: o15", "lowest: [o15, o17]");
    let mut d = draft(&file);
    type_year(&mut d, "2569");
    let text = d.text();
    assert!(text.contains("  o14: 80") && !text.contains("o๑๔"), "{text}");
    assert!(text.contains("lowest: [o14, o16]"), "{text}");
    // A score under o๑๔ is the file's own: O15 stays where it is.
    let mut d = draft(&file.replace("  o๑๔:  ", "  o๑๔: 50"));
    type_year(&mut d, "2569");
    assert_eq!(recoded(&d)["held"], json!([["o15", "o14"]]));
    assert!(d.text().contains("  o๑๔: 50") && d.text().contains("  O15: 80"), "{}", d.text());
}

#[test]
fn the_codes_are_put_back_as_they_were_when_the_clerk_asks() {
    let mut d = draft(FILE);
    type_year(&mut d, "2569");
    let back: Vec<(String, String)> = serde_json::from_value::<Vec<(String, String)>>(recoded(&d)["moved"].clone())
        .unwrap()
        .into_iter()
        .map(|(a, b)| (b, a))
        .collect();
    d.edit(&[Op::Recode { moves: back }], &NoFiles).unwrap();
    let text = d.text();
    assert!(text.contains("fiscal_year: 2569") && text.contains("items: [o15, o17, o19, o20]"), "{text}");
    assert!(text.contains("  o15: 80") && text.contains("- target: o17\n"), "{text}");
    assert_eq!(recoded(&d), Value::Null, "nothing more to say");
    // Put back onto a code the file has now: refused, and nothing changes.
    let mut d = draft(FILE);
    type_year(&mut d, "2569");
    let before = d.text().to_string();
    let err = d.edit(&[Op::Recode { moves: vec![("o14".into(), "o16".into())] }], &NoFiles).unwrap_err();
    assert!(err.to_string().contains("scores.o16"), "{err}");
    assert_eq!(d.text(), before);
}

/// In Chromium: the year's box selected with the keyboard and 2569 typed
/// over it. The file's codes are renamed, the page says so under the year,
/// and the code whose item differs is marked beside it. "คงรหัสเดิม" puts
/// the codes back; a year changed again marks them again, until the clerk
/// puts the marks away.
#[tokio::test(flavor = "current_thread")]
async fn a_year_typed_in_the_form_renames_and_marks_the_codes() {
    use fantoccini::Locator;
    use fantoccini::key::Key;

    use crate::chrome::until;

    let test = "a_year_typed_in_the_form_renames_and_marks_the_codes";
    let Some((_driver, c, ed)) = crate::edit::in_browser(test, (1024, 700), FILE).await else { return };
    until(&c, "the form", "return !!document.querySelector('[data-path=\"fiscal_year\"]');").await;
    let retype = async |year: &str| {
        let field = c.find(Locator::Css("[data-path=\"fiscal_year\"]")).await.unwrap();
        field.click().await.unwrap();
        field.send_keys(&format!("{}a{}", char::from(Key::Control), char::from(Key::Control))).await.unwrap();
        field.send_keys(year).await.unwrap();
    };
    let click = async |label: &str| {
        let button = c.find(Locator::XPath(&format!("//button[starts-with(., '{label}')]"))).await.unwrap();
        button.click().await.unwrap();
    };
    let note = |text: &str| {
        format!(
            "var n = document.getElementById('yearnote'); return !!n && !n.hidden && n.textContent.indexOf('{text}') >= 0;"
        )
    };

    retype("2569").await;
    let saved = ed.saved(&["fiscal_year: 2569", "items: [o14, o16, o19, o20]"]);
    assert!(saved.contains("- target: o16\n"), "{saved}");
    until(&c, "the note under the year", &note("o15 → o14")).await;
    let mark = "var m = document.querySelector('[data-path=\"issues[0].items\"] input[data-code=\"o20\"]').parentNode.querySelector('.yearmark.warn'); return m && !m.hidden ? m.textContent : '';";
    let shown = c.execute(mark, vec![]).await.unwrap();
    assert!(shown.as_str().unwrap().contains("การเปิดโอกาสให้เกิดการมีส่วนร่วม"), "o20 marked with its 2568 text: {shown}");

    click("คงรหัสเดิม").await;
    let saved = ed.saved(&["fiscal_year: 2569", "items: [o15, o17, o19, o20]", "- target: o17\n"]);
    assert!(saved.contains("  o15: 80"), "{saved}");
    until(&c, "the note gone, the keyboard at the year", "return document.getElementById('yearnote').hidden && document.activeElement.getAttribute('data-path') === 'fiscal_year';").await;

    retype("2568").await;
    until(&c, "the note again", &note("2569 เป็น 2568")).await;
    click("ตรวจแล้ว").await;
    until(
        &c,
        "the marks put away",
        "return !document.querySelector('.yearmark:not([hidden])') && document.getElementById('yearnote').hidden;",
    )
    .await;
    c.close().await.unwrap();
}
