//! The input format's JSON Schema (data/schema.json, which `ita-report
//! schema` prints and `init` writes beside a starter file) held to the
//! program: the example, the test inputs and a filled-in starter file are
//! valid against it; broken files are not; and its keys, required keys and
//! limits are the ones `validate` knows, so the two cannot drift apart.
//!
//! Files are read as an editor's YAML language server reads them: YAML into
//! JSON values, mapping keys as strings (`10:` is the key "10").

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ita_report::disk::check_file;
use ita_report::{catalog, init, limits, schema, validate};
use serde_json::{Value as Json, json};

use crate::support::{edit, minimal, root};

// ---- helpers ----

fn schema() -> Json {
    serde_json::from_str(schema::SCHEMA).expect("data/schema.json is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("data/schema.json compiles as a draft-07 schema")
}

/// YAML text as JSON, the way the editor sees it.
fn yaml_to_json(text: &str) -> Json {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).expect("the file is YAML");
    to_json(yaml)
}

fn to_json(value: serde_yaml::Value) -> Json {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Json::Null,
        Y::Bool(b) => Json::Bool(b),
        Y::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => json!(u),
            (_, Some(i), _) => json!(i),
            (_, _, Some(f)) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
            _ => Json::Null,
        },
        Y::String(s) => Json::String(s),
        Y::Sequence(items) => Json::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(pairs) => Json::Object(pairs.into_iter().map(|(k, v)| (key(k), to_json(v))).collect()),
        Y::Tagged(tagged) => to_json(tagged.value),
    }
}

fn key(k: serde_yaml::Value) -> String {
    match k {
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".into(),
        other => serde_yaml::to_string(&other).unwrap().trim().to_string(),
    }
}

/// The schema's complaints about a document, as `instance path: message`.
fn problems(v: &jsonschema::Validator, doc: &Json) -> Vec<String> {
    v.iter_errors(doc).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn assert_valid(v: &jsonschema::Validator, doc: &Json, what: &str) {
    let p = problems(v, doc);
    assert!(p.is_empty(), "{what} is not valid against data/schema.json:\n{}", p.join("\n"));
}

/// Whether `ita-report check` accepts the text (no errors; warnings allowed).
fn check_accepts(text: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, text).unwrap();
    !check_file(&path).has_errors()
}

/// What `check` says of the text, one diagnostic a line.
fn check_errors(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, text).unwrap();
    let o = check_file(&path);
    o.diagnostics.iter().map(|d| format!("{}: {}", d.key, d.en)).collect::<Vec<_>>().join("\n")
}

/// The keys of the errors `check` finds in the text, as JSON pointers
/// (`result.tools[0].score` is `/result/tools/0/score`).
fn check_error_paths(text: &str) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, text).unwrap();
    let o = check_file(&path);
    o.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("/{}", d.key.replace(['.', '['], "/").replace(']', "")))
        .collect()
}

/// The node at `path` of a JSON document (keys, and indexes of lists).
fn at<'j>(doc: &'j mut Json, path: &[&str]) -> &'j mut Json {
    path.iter().fold(doc, |node, step| match step.parse::<usize>() {
        Ok(i) => &mut node[i],
        Err(_) => &mut node[*step],
    })
}

/// The schema of an object, found by following `$ref` and, in an `anyOf`,
/// the alternative that is an object with properties.
fn resolve<'s>(root: &'s Json, node: &'s Json) -> &'s Json {
    if let Some(r) = node.get("$ref").and_then(Json::as_str) {
        let name = r.strip_prefix("#/definitions/").expect("local $ref");
        return resolve(root, &root["definitions"][name]);
    }
    if let Some(alternatives) = node.get("anyOf").and_then(Json::as_array) {
        let objects: Vec<&Json> =
            alternatives.iter().map(|a| resolve(root, a)).filter(|a| a.get("properties").is_some()).collect();
        if objects.len() == 1 {
            return objects[0];
        }
    }
    node
}

/// The schema of the object at a path of keys (`[]` for a list's items).
fn object_schema<'s>(root: &'s Json, path: &[&str]) -> &'s Json {
    path.iter().fold(resolve(root, root), |node, step| {
        let next = if *step == "[]" { &node["items"] } else { &node["properties"][*step] };
        assert!(!next.is_null(), "the schema has no {step} in {path:?}");
        resolve(root, next)
    })
}

/// A file with every key `validate` knows at every level (but the logo,
/// which needs an image beside it), clean for `check`.
const FULL: &str = r#"
format: 1
fiscal_year: 2568
plan_year: 2569
agency:
  name: องค์การบริหารส่วนตำบลทดสอบ
  district: ศรีบุญเรือง
  province: หนองบัวลำภู
  phone: "042-000000"
document:
  numerals: arabic
  measures_orientation: landscape
  font: TH SarabunPSK
  signatory:
    name: นายทดสอบ ใจดี
    position: นายกองค์การบริหารส่วนตำบลทดสอบ
    date: 2568-12-15
  date: 2568-12-15
  words: [หันนางาม]
result:
  total: 90.00
  level: ผ่านดี
  tools:
    - {code: IIT, name: แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน, score: 90}
    - {code: EIT, score: 90}
    - {code: OIT, score: 90}
  indicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90, 6: 90, 7: 90, 8: 90, 9: 90, 10: 90}
  history: {2567: 85, 2568: 90}
scores:
  i1: 90.95
  i10: 81.90
  o5: 100
texts:
  o5: ข้อมูลการติดต่อ
issues:
  - title: การปฏิบัติหน้าที่
    items: [i1, i10, o5]
    analysis:
      lowest: i10
      cause: เจ้าหน้าที่ยังไม่เข้าใจขั้นตอนการขอยืมทรัพย์สิน
      note: หมายเหตุ
      guideline: จัดทำคู่มือการปฏิบัติงาน
    measures:
      - target: i10
        name: มาตรการจัดทำคู่มือการขอยืมทรัพย์สิน
        steps: [จัดประชุมชี้แจงเจ้าหน้าที่]
        period: {from: 2568-10-01, to: 2569-09-30}
        owner: สำนักปลัด
        result:
          status: in_progress
          percent: 60
          done: จัดประชุมชี้แจงเจ้าหน้าที่ เมื่อวันที่ ๑๕ มกราคม ๒๕๖๙
          obstacles: เจ้าหน้าที่ย้ายตำแหน่ง
          next: มอบหมายผู้รับผิดชอบใหม่
          evidence: [https://example.go.th/report]
followup:
  round: full
  period: {from: 2568-10-01, to: 2569-09-30}
  date: 2569-10-20
  signatory: {name: นางสาวสมใจ ตั้งใจดี, position: ปลัด, date: 2569-10-20}
  obstacles: งบประมาณมีจำกัด
  suggestions: วางแผนงบประมาณตั้งแต่ต้นปี
"#;

/// Each mapping `validate` knows: where it is in FULL, where its schema is,
/// and validate's list of its keys.
fn levels() -> Vec<(Vec<&'static str>, Vec<&'static str>, &'static [&'static str])> {
    vec![
        (vec![], vec![], validate::ROOT_KEYS),
        (vec!["agency"], vec!["agency"], validate::AGENCY_KEYS),
        (vec!["document"], vec!["document"], validate::DOCUMENT_KEYS),
        (vec!["document", "signatory"], vec!["document", "signatory"], validate::SIGNATORY_KEYS),
        (vec!["result"], vec!["result"], validate::RESULT_KEYS),
        (vec!["result", "tools", "0"], vec!["result", "tools", "[]"], validate::TOOL_KEYS),
        (vec!["issues", "0"], vec!["issues", "[]"], validate::ISSUE_KEYS),
        (vec!["issues", "0", "analysis"], vec!["issues", "[]", "analysis"], validate::ANALYSIS_KEYS),
        (vec!["issues", "0", "measures", "0"], vec!["issues", "[]", "measures", "[]"], validate::MEASURE_KEYS),
        (
            vec!["issues", "0", "measures", "0", "result"],
            vec!["issues", "[]", "measures", "[]", "result"],
            validate::MEASURE_RESULT_KEYS,
        ),
        (vec!["followup"], vec!["followup"], validate::FOLLOWUP_KEYS),
        (vec!["followup", "signatory"], vec!["followup", "signatory"], validate::SIGNATORY_KEYS),
        (
            vec!["issues", "0", "measures", "0", "period"],
            vec!["issues", "[]", "measures", "[]", "period"],
            validate::PERIOD_KEYS,
        ),
    ]
}

fn yaml_of(doc: &Json) -> String {
    serde_yaml::to_string(doc).unwrap()
}

// ---- the schema itself ----

#[test]
fn the_schema_is_a_valid_draft_07_schema() {
    let s = schema();
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    if let Err(e) = jsonschema::draft7::meta::validate(&s) {
        panic!("data/schema.json is not a valid draft-07 schema: {e} at {}", e.instance_path());
    }
    validator();
    assert!(schema::SCHEMA.ends_with("}\n"), "printed as is, it ends its line");
}

// ---- what the program accepts, the schema accepts ----

#[test]
fn the_example_is_valid() {
    let text = std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap();
    assert!(check_accepts(&text));
    assert_valid(&validator(), &yaml_to_json(&text), "data/hannangam-2568.yaml");
}

/// Every YAML file under `dir`, but those named *bad* or under a `bad` folder.
fn inputs(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_lowercase();
        if name.contains("bad") {
            continue;
        }
        if path.is_dir() {
            inputs(&path, found);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            found.push(path);
        }
    }
}

#[test]
fn every_test_input_that_check_accepts_is_valid() {
    let mut files = Vec::new();
    inputs(&root().join("tests/inputs"), &mut files);
    files.sort();
    let v = validator();
    let mut validated = Vec::new();
    for path in &files {
        if check_file(path).has_errors() {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        assert_valid(&v, &yaml_to_json(&text), &path.display().to_string());
        validated.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    for name in ["minimal.yaml", "docx-signatory.yaml", "pdf-markup.yaml"] {
        assert!(validated.iter().any(|v| v == name), "{name} was not validated: {validated:?}");
    }
}

#[test]
fn the_full_file_is_clean_and_valid() {
    assert!(check_accepts(FULL), "{}", check_errors(FULL));
    assert_valid(&validator(), &yaml_to_json(FULL), "FULL");
}

/// Ways of writing a file that `check` accepts, each one edit of
/// minimal.yaml: the schema accepts each too.
#[test]
fn what_check_accepts_in_other_forms_is_valid() {
    let m = minimal();
    let variants = [
        ("a score in Thai digits", edit(&m, "i1: 90.95", "i1: ๙๐.๙๕")),
        ("a quoted score", edit(&m, "i1: 90.95", "i1: \"90.95\"")),
        ("a score of 100 in Thai digits", edit(&m, "o5: 100", "o5: ๑๐๐")),
        ("a score of 0", edit(&m, "o5: 100", "o5: 0")),
        ("a Common Era year", edit(&m, "fiscal_year: 2568", "fiscal_year: 2025")),
        ("a year in Thai digits", edit(&m, "fiscal_year: 2568", "fiscal_year: ๒๕๖๘")),
        ("an indicator in Thai digits", edit(&m, "{1: 90,", "{๑: 90,")),
        ("a history year in Thai digits", edit(&m, "  indicators:", "  history: {2566: 80, ๒๕๖๗: 90}\n  indicators:")),
        ("a code in capitals", edit(&m, "- target: i10", "- target: I10")),
        ("a code with Thai digits", edit(&m, "items: [i1, i10, o5]", "items: [i1, i๑๐, o5]")),
        ("lowest as a list", edit(&m, "analysis:\n", "analysis:\n      lowest: [i10, o5]\n")),
        ("lowest empty", edit(&m, "analysis:\n", "analysis:\n      lowest: []\n")),
        ("a target in free text", edit(&m, "- target: i10", "- target: ข้อ i10 การยืมทรัพย์สิน")),
        ("steps as one text", edit(&m, "steps:\n          - จัดประชุมชี้แจงเจ้าหน้าที่", "steps: จัดประชุม")),
        ("a period in free text", edit(&m, "period: {from: 2568-10-01, to: 2569-09-30}", "period: ๗ วัน")),
        ("a period in Common Era dates", edit(&m, "from: 2568-10-01", "from: 2025-10-1")),
        ("a date in Thai digits", edit(&m, "to: 2569-09-30", "to: ๒๕๖๙-๐๙-๓๐")),
        ("a blank optional key", edit(&m, "  province: หนองบัวลำภู", "  province:\n  district:")),
        ("a blank document", edit(&m, "result:", "document:\nresult:")),
        ("a numeric text", edit(&m, "owner: สำนักปลัด", "owner: 123")),
        (
            "an unknown tool with a name",
            edit(&m, "{code: OIT, score: 90}", "{code: OIT, score: 90}\n    - {code: EIT2, name: ชุดที่ 2, score: 90}"),
        ),
        ("a tool code in small letters", edit(&m, "{code: OIT, score: 90}", "{code: oit, score: 90}")),
        ("no measures", format!("{}    measures: []\n", &m[..m.find("    measures:\n").unwrap()])),
    ];
    let v = validator();
    for (what, text) in variants {
        assert!(check_accepts(&text), "{what}: check refuses it:\n{}\n{text}", check_errors(&text));
        assert_valid(&v, &yaml_to_json(&text), what);
    }
}

// ---- the starter file ----

const MODELINE: &str = "# yaml-language-server: $schema=./ita-report.schema.json";

#[test]
fn the_starter_file_names_the_schema_on_its_first_line() {
    let text = init::render(Path::new("x.yaml"), &init::Agency::default());
    assert_eq!(text.lines().next(), Some(MODELINE));
    assert!(MODELINE.ends_with(schema::FILE_NAME));
}

#[test]
fn the_starter_file_filled_in_is_valid() {
    let agency = init::Agency {
        name: Some("องค์การบริหารส่วนตำบลทดสอบ".into()),
        province: Some("หนองบัวลำภู".into()),
        district: None,
    };
    let (text, blanks) = crate::support::fill_blank_scores(&init::render(Path::new("x.yaml"), &agency), "90");
    assert!(blanks > 14, "{blanks}");
    assert!(check_accepts(&text), "{}", check_errors(&text));
    assert_valid(&validator(), &yaml_to_json(&text), "the starter file, filled in");
}

/// The blanks of a starter file are what the editor marks, each at its own
/// key, and nothing else is: the same blanks that `check` reports.
#[test]
fn the_starter_file_with_its_blanks_is_marked_at_each_blank() {
    let text = init::render(Path::new("x.yaml"), &init::Agency::default());
    let (_, blanks) = crate::support::fill_blank_scores(&text, "90");
    let v = validator();
    let doc = yaml_to_json(&text);
    let paths: BTreeSet<String> = v.iter_errors(&doc).map(|e| e.instance_path().to_string()).collect();
    let (scores, other): (Vec<&String>, Vec<&String>) =
        paths.iter().partition(|p| p.starts_with("/result/") || p.starts_with("/scores/"));
    assert_eq!(scores.len(), blanks, "{paths:#?}");
    assert_eq!(other, ["/agency/name"], "{paths:#?}");
    // `check` finds the same errors, at the same keys.
    assert_eq!(check_error_paths(&text), paths);
}

#[test]
fn init_writes_the_schema_beside_the_starter_file_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("x.yaml");
    ita_report::disk::write_starter(&yaml, &init::Agency::default()).unwrap();
    let schema_file = dir.path().join(schema::FILE_NAME);
    assert_eq!(ita_report::disk::schema_path(&yaml), schema_file);
    assert_eq!(std::fs::read_to_string(&schema_file).unwrap(), schema::SCHEMA);

    // A schema file already there (the official's own) is left alone.
    std::fs::write(&schema_file, "{}\n").unwrap();
    ita_report::disk::write_starter(&dir.path().join("y.yaml"), &init::Agency::default()).unwrap();
    assert_eq!(std::fs::read_to_string(&schema_file).unwrap(), "{}\n");
    assert!(std::fs::read_to_string(dir.path().join("y.yaml")).unwrap().starts_with(MODELINE));

    // An existing starter file is refused, and then nothing is written.
    let other = tempfile::tempdir().unwrap();
    let yaml = other.path().join("x.yaml");
    std::fs::write(&yaml, "# my own work\n").unwrap();
    let e = ita_report::disk::write_starter(&yaml, &init::Agency::default()).unwrap_err();
    assert!(e.to_string().contains("already exists; it is not overwritten"), "{e}");
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), "# my own work\n");
    assert!(!other.path().join(schema::FILE_NAME).exists());

    // In a folder of its own too.
    let nested = dir.path().join("sub/ita.yaml");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    ita_report::disk::write_starter(&nested, &init::Agency::default()).unwrap();
    assert!(dir.path().join("sub").join(schema::FILE_NAME).exists());
}

// ---- what the program refuses, the schema refuses ----

/// Broken files, each one edit of minimal.yaml, with the place the schema
/// must mark: `check` refuses each, and so does the schema, there.
#[test]
fn broken_files_are_invalid_where_they_are_broken() {
    let m = minimal();
    let broken = [
        ("an unknown key", edit(&m, "province:", "provnce:"), "/agency"),
        ("an unknown key at the top", edit(&m, "format: 1", "format: 1\nformta: 1"), ""),
        ("a score of 120", edit(&m, "i1: 90.95", "i1: 120"), "/scores/i1"),
        ("a score of 100.5 in Thai digits", edit(&m, "i1: 90.95", "i1: ๑๐๐.๕"), "/scores/i1"),
        ("a negative score", edit(&m, "i1: 90.95", "i1: -5"), "/scores/i1"),
        ("a score that is no number", edit(&m, "i1: 90.95", "i1: เก้าสิบ"), "/scores/i1"),
        ("a blank score", edit(&m, "i1: 90.95", "i1:"), "/scores/i1"),
        ("a total over 100", edit(&m, "total: 90.00", "total: 190"), "/result/total"),
        ("a bad numerals value", edit(&m, "result:", "document:\n  numerals: arabc\nresult:"), "/document/numerals"),
        (
            "a bad orientation",
            edit(&m, "result:", "document:\n  measures_orientation: wide\nresult:"),
            "/document/measures_orientation",
        ),
        ("a bad code in scores", edit(&m, "o5: 100", "x5: 100"), "/scores"),
        ("a code with a leading zero", edit(&m, "o5: 100", "o05: 100"), "/scores"),
        ("a bad code in items", edit(&m, "items: [i1, i10, o5]", "items: [i1, i10, q5]"), "/issues/0/items/2"),
        (
            "a bad code in a lowest list",
            edit(&m, "analysis:\n", "analysis:\n      lowest: [i10, x1]\n"),
            "/issues/0/analysis/lowest/1",
        ),
        (
            "steps as a mapping",
            edit(&m, "steps:\n          - จัดประชุมชี้แจงเจ้าหน้าที่", "steps: {a: b}"),
            "/issues/0/measures/0/steps",
        ),
        (
            "a period as a list",
            edit(&m, "period: {from: 2568-10-01, to: 2569-09-30}", "period: [2568-10-01]"),
            "/issues/0/measures/0/period",
        ),
        ("a bad code in lowest", edit(&m, "analysis:\n", "analysis:\n      lowest: 10\n"), "/issues/0/analysis/lowest"),
        ("an indicator 11", edit(&m, "10: 90}", "10: 90, 11: 90}"), "/result/indicators"),
        ("a bad date", edit(&m, "from: 2568-10-01", "from: 1 ต.ค. 68"), "/issues/0/measures/0/period/from"),
        ("a month 13", edit(&m, "from: 2568-10-01", "from: 2568-13-01"), "/issues/0/measures/0/period/from"),
        ("a year of three digits", edit(&m, "fiscal_year: 2568", "fiscal_year: 568"), "/fiscal_year"),
        ("a year past 2700", edit(&m, "fiscal_year: 2568", "fiscal_year: 2800"), "/fiscal_year"),
        (
            "a history year of five digits",
            edit(&m, "  indicators:", "  history: {25677: 90}\n  indicators:"),
            "/result/history",
        ),
        ("format 2", edit(&m, "format: 1", "format: 2"), "/format"),
        ("no issues", format!("{}issues: []\n", &m[..m.find("issues:\n").unwrap()]), "/issues"),
        ("empty items", edit(&m, "items: [i1, i10, o5]", "items: []"), "/issues/0/items"),
        ("empty steps", edit(&m, "steps:\n          - จัดประชุมชี้แจงเจ้าหน้าที่", "steps: []"), "/issues/0/measures/0/steps"),
        (
            "empty tools",
            edit(
                &m,
                "  tools:\n    - {code: IIT, score: 90}\n    - {code: EIT, score: 90}\n    - {code: OIT, score: 90}",
                "  tools: []",
            ),
            "/result/tools",
        ),
        ("an empty title", edit(&m, "title: การปฏิบัติหน้าที่", "title: \"  \""), "/issues/0/title"),
        (
            "an unknown tool without a name",
            edit(&m, "{code: OIT, score: 90}", "{code: XIT, score: 90}"),
            "/result/tools/2",
        ),
        ("a missing agency name", edit(&m, "  name: องค์การบริหารส่วนตำบลทดสอบ\n", ""), "/agency"),
        ("a period with one end", edit(&m, ", to: 2569-09-30}", "}"), "/issues/0/measures/0/period"),
        (
            "a period with an unknown key",
            edit(&m, ", to: 2569-09-30}", ", to: 2569-09-30, until: 2569-09-30}"),
            "/issues/0/measures/0/period",
        ),
    ];
    let v = validator();
    for (what, text, place) in broken {
        assert!(!check_accepts(&text), "{what}: check accepts it:\n{text}");
        let doc = yaml_to_json(&text);
        let errors: Vec<_> = v.iter_errors(&doc).map(|e| e.instance_path().to_string()).collect();
        assert!(!errors.is_empty(), "{what}: the schema accepts it");
        assert!(errors.iter().any(|p| p == place), "{what}: expected a problem at {place:?}, found {errors:?}");
    }
}

// ---- the schema and validate agree on keys ----

#[test]
fn the_schema_knows_the_keys_validate_knows_and_no_others() {
    let s = schema();
    for (_, schema_path, keys) in levels() {
        let object = object_schema(&s, &schema_path);
        let known: BTreeSet<&str> = object["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        let expected: BTreeSet<&str> = keys.iter().copied().collect();
        assert_eq!(known, expected, "the keys of {schema_path:?}");
        assert_eq!(object["additionalProperties"], false, "{schema_path:?} refuses unknown keys");
        for key in keys {
            for field in ["title", "description"] {
                let text = object["properties"][key][field].as_str().unwrap_or_default();
                let thai = text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
                let english = text.chars().any(|c| c.is_ascii_alphabetic());
                assert!(thai && english, "{schema_path:?}.{key} needs a {field} in Thai and English: {text:?}");
            }
        }
    }
}

/// A key is required by the schema exactly when `check` refuses a file
/// without it, or with it left blank; and the schema accepts what remains
/// exactly when `check` does.
#[test]
fn the_schema_requires_the_keys_validate_requires() {
    let s = schema();
    let v = validator();
    let full = yaml_to_json(FULL);
    for (doc_path, schema_path, keys) in levels() {
        let required: BTreeSet<&str> = object_schema(&s, &schema_path)["required"]
            .as_array()
            .map(|r| r.iter().map(|k| k.as_str().unwrap()).collect())
            .unwrap_or_default();
        for key in keys {
            for blank in [false, true] {
                let mut doc = full.clone();
                let object = at(&mut doc, &doc_path).as_object_mut().unwrap();
                if blank {
                    object.insert(key.to_string(), Json::Null);
                } else {
                    object.remove(*key);
                }
                let text = yaml_of(&doc);
                let what = format!("{doc_path:?}.{key} {}", if blank { "left blank" } else { "left out" });
                let accepted = check_accepts(&text);
                assert_eq!(accepted, !required.contains(key), "{what}: check accepts it: {accepted}");
                assert_eq!(v.is_valid(&doc), accepted, "{what}: {:?}", problems(&v, &doc));
            }
        }
    }
}

// ---- the schema and the catalog, the limits and the provinces agree ----

#[test]
fn every_catalog_tool_needs_no_name_and_every_indicator_is_described() {
    let s = schema();
    let v = validator();
    let indicators = &object_schema(&s, &["result"])["properties"]["indicators"]["properties"];
    for year in catalog::years() {
        let (c, _) = catalog::for_year(year);
        for tool in &c.tools {
            let mut doc = yaml_to_json(&minimal());
            doc["result"]["tools"] = json!([{"code": tool.code, "score": 90}]);
            assert_valid(&v, &doc, &format!("{} of {}", tool.code, c.fiscal_year));
            doc["result"]["tools"] = json!([{"code": tool.code.to_lowercase(), "score": 90}]);
            assert_valid(&v, &doc, &format!("{} of {}", tool.code, c.fiscal_year));
        }
        for (number, name) in &c.indicators {
            let title = indicators[number.to_string()]["title"].as_str().unwrap_or_default();
            assert!(title.contains(name.as_str()), "indicator {number} of {}: {name} not in {title:?}", c.fiscal_year);
        }
    }
    let latest = catalog::latest();
    let levels: Vec<&str> = latest.levels.bands.iter().map(|b| b.name.as_str()).collect();
    let examples = &object_schema(&s, &["result"])["properties"]["level"]["examples"];
    assert_eq!(examples, &json!(levels), "result.level's examples are the newest year's levels");
}

#[test]
fn the_schema_limits_are_the_programs() {
    let s = schema();
    let max = |path: &[&str], key: &str| -> Json {
        let parent = object_schema(&s, path);
        let node = resolve(&s, &parent["properties"][key]);
        node["maxItems"].clone()
    };
    assert_eq!(s["properties"]["issues"]["maxItems"], json!(limits::ISSUES));
    assert_eq!(max(&["issues", "[]"], "items"), json!(limits::ITEMS_PER_ISSUE));
    assert_eq!(max(&["document"], "words"), json!(limits::WORDS));
    assert_eq!(max(&["issues", "[]", "measures", "[]"], "steps"), json!(limits::STEPS));
}

#[test]
fn the_provinces_offered_are_the_programs() {
    let s = schema();
    let examples = &object_schema(&s, &["agency"])["properties"]["province"]["examples"];
    assert_eq!(examples, &json!(validate::provinces()));
}
