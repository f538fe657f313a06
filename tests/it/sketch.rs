//! The editor's preview of a file still being filled in: the document as
//! it stands, what is not given yet printed as a gap, from a starter's
//! first minute. Build still waits for a file without errors.

use ita_report::draft::Draft;
use ita_report::draft::ops::Op;
use ita_report::files::NoFiles;
use ita_report::pipeline::{Pipeline, RenderError, Settings};
use serde_json::json;

use crate::support::{root, starter_2568};

fn draft(text: &str) -> Draft {
    let mut d = Draft::new(Pipeline::default(), Settings::default());
    d.set_text(text.to_string(), &NoFiles);
    d
}

/// The preview's pages, asserting they are a sketch of a file with errors.
fn sketched(d: &mut Draft) -> usize {
    assert!(d.checked().has_errors());
    let p = d.preview();
    assert_eq!(
        (p["sketch"].as_bool(), p["stale"].as_bool(), &p["error"]),
        (Some(true), Some(false), &json!(null)),
        "{p}"
    );
    assert!(matches!(d.documents(), Err(RenderError::Invalid)), "Build waits for the errors to be fixed");
    p["pages"].as_array().unwrap().len()
}

#[test]
fn a_starter_shows_its_pages_with_gaps() {
    let mut d = draft(&starter_2568());
    assert!(d.checked().diagnostics.len() >= 57);
    assert!(sketched(&mut d) >= 10);
}

#[test]
fn an_issue_or_a_measure_just_added_keeps_the_pages() {
    let example = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    let mut d = draft(&example);
    let before = d.preview()["pages"].as_array().unwrap().len();
    // As the form's buttons add them: a measure, and an issue of no standard kind.
    let ops: Vec<Op> = serde_json::from_value(json!([
        { "op": "insert", "path": ["issues", 0, "measures"], "index": 0,
          "value": { "target": null, "name": null, "steps": [], "period": null, "owner": null } },
        { "op": "insert", "path": ["issues"], "index": 7,
          "value": { "title": null, "items": [], "analysis": { "cause": null, "guideline": null }, "measures": [] } }
    ]))
    .unwrap();
    d.edit(&ops, &NoFiles).unwrap();
    assert!(sketched(&mut d) >= before);
}

/// The sketch's PDF, as the preview lays it out: its gaps are where the
/// starter's blanks are, and the level a blank total cannot have is one.
#[test]
fn the_gaps_print_where_the_blanks_are() {
    let text = starter_2568();
    let loaded = ita_report::load::load_bytes(text.into_bytes()).ok().unwrap().0;
    let report = ita_report::validate::sketch(loaded.root.as_ref().unwrap(), &NoFiles, None).expect("a sketch");
    assert_eq!(report.result.total.written, "……");
    assert_eq!(report.result.level, "……");
    assert!(report.agency.name.contains("……"), "{}", report.agency.name);
    let docs = Pipeline::default().documents(&report, &Settings::default()).unwrap();
    assert!(!docs.pdf.is_empty());
}

/// Every input of the tests, the broken ones too: a sketch, where one can
/// be had, is laid out without a panic (the editor's preview must not stop).
#[test]
fn every_test_input_sketches_or_says_why_not() {
    let dirs = ["tests/inputs", "tests/inputs/bad", "tests/inputs/extreme"];
    let mut sketched = 0;
    let mut pipeline = Pipeline::default();
    for dir in dirs {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let Ok((loaded, _)) = ita_report::load::load_bytes(std::fs::read(&path).unwrap()) else { continue };
            let Some(root) = loaded.root else { continue };
            if let Some(report) = ita_report::validate::sketch(&root, &NoFiles, None) {
                let _ = pipeline.documents(&report, &Settings::default());
                sketched += 1;
            }
        }
    }
    assert!(sketched >= 30, "{sketched} sketched");
}

/// "ใช้ค่าที่คำนวณ" from a starter: the total the year's weights give as
/// soon as the tools' scores are in, the other blanks notwithstanding.
#[test]
fn the_computed_total_is_there_once_the_tools_scores_are() {
    let mut d = draft(&starter_2568());
    assert_eq!(d.state()["derived"]["total"], json!(null), "no tool score yet");
    let ops: Vec<Op> = serde_json::from_value(json!([
        { "op": "set", "path": ["result", "tools", 0, "score"], "value": "95.68" },
        { "op": "set", "path": ["result", "tools", 1, "score"], "value": "95.50" },
        { "op": "set", "path": ["result", "tools", 2, "score"], "value": "90.38" }
    ]))
    .unwrap();
    d.edit(&ops, &NoFiles).unwrap();
    assert!(d.checked().has_errors());
    // 2568's weights: IIT 30, EIT 30, OIT 40.
    let total = 95.68 * 0.3 + 95.50 * 0.3 + 90.38 * 0.4;
    assert_eq!(d.state()["derived"]["total"], json!(format!("{total:.2}")));
    assert_eq!(d.state()["derived"]["level"], json!(""), "a blank total has no level yet");
}
