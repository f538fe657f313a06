//! Init: a starter input file for a framework year, with the seed's standard
//! issues, every required key, and short Thai comments; or next year's file
//! from this year's ([`next_year`]). Beside it goes the input format's JSON
//! Schema, which the file's first line names, so that an editor completes and
//! checks it offline.

pub mod next_year;

use std::path::Path;

use minijinja::value::{Serde, Value};
use serde::Serialize;

use crate::catalog::{self, Catalog, code_order};
use crate::schema;

/// What the official may tell `init` of the agency; the rest is left blank.
#[derive(Debug, Default, Serialize)]
pub struct Agency {
    pub name: Option<String>,
    pub district: Option<String>,
    pub province: Option<String>,
}

/// Why no starter file was written.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} มีอยู่แล้ว ไม่เขียนทับ ({0} already exists; it is not overwritten)")]
    Exists(String),
    #[error(
        "{0} เป็นชื่ออุปกรณ์ของ Windows ใช้เป็นชื่อไฟล์ไม่ได้ เลือกชื่ออื่น ({0} names a device on Windows, not a file: choose another name)"
    )]
    Device(String),
    #[error("เขียนไฟล์ {path} ไม่ได้ (cannot write {path}): {source}")]
    Io { path: String, source: std::io::Error },
    #[error(
        "ไม่มีโฟลเดอร์ {0}: สร้างโฟลเดอร์ก่อน หรือเลือกที่อื่น (there is no folder {0}: make it first, or choose another place)"
    )]
    NoFolder(String),
    #[error(
        "ไม่มีกรอบการประเมินของปี {year} ในโปรแกรม มีของปี {years} (no built-in catalog for {year}; the built-in years are {years})"
    )]
    NoCatalog { year: i32, years: String },
    #[error(transparent)]
    Last(#[from] next_year::LastError),
}

#[derive(Serialize)]
struct IssueLines<'a> {
    title: &'a str,
    items: &'a [String],
}

#[derive(Serialize)]
struct ItemLine<'a> {
    code: &'a str,
    text: &'a str,
}

/// The starter file of the newest framework year.
pub fn render(path: &Path, agency: &Agency) -> String {
    render_year(path, catalog::latest().fiscal_year, agency).expect("the newest year has a catalog")
}

/// The starter file of a year with a built-in catalog.
pub fn render_year(path: &Path, year: i32, agency: &Agency) -> Result<String, InitError> {
    let years = catalog::years();
    if !years.contains(&year) {
        let years = years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
        return Err(InitError::NoCatalog { year, years });
    }
    let catalog = catalog::for_year(year).0;
    let standard = catalog::standard_issues();
    let none = Vec::new();
    let issues: Vec<IssueLines> =
        standard.iter().map(|i| IssueLines { title: &i.title, items: i.items.get(&year).unwrap_or(&none) }).collect();
    let mut codes: Vec<&str> = issues.iter().flat_map(|i| i.items.iter().map(String::as_str)).collect();
    codes.sort_by_key(|c| code_order(c));
    codes.dedup();
    let items: Vec<ItemLine> =
        codes.iter().map(|code| ItemLine { code, text: catalog.text(code).unwrap_or("") }).collect();
    let tools: Vec<_> = catalog
        .tools
        .iter()
        .map(|t| minijinja::context! { code => t.code.as_str(), name => t.name.as_str() })
        .collect();
    let indicators: Vec<(u32, String)> = catalog.indicators.iter().map(|(n, name)| (*n, name.clone())).collect();

    let mut env = minijinja::Environment::new();
    env.add_filter("yaml", |v: Option<String>| v.map(|s| serde_json::to_string(&s).unwrap()).unwrap_or_default());
    env.add_template("init", include_str!("../../templates/init.yaml.j2")).expect("templates/init.yaml.j2");
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let text = env
        .get_template("init")
        .unwrap()
        .render(minijinja::context! {
            year,
            file,
            schema => schema::FILE_NAME,
            agency => Value::from(Serde(agency)),
            tools,
            indicators,
            items => Value::from(Serde(&items)),
            issues => Value::from(Serde(&issues)),
        })
        .expect("templates/init.yaml.j2 renders");
    Ok(text + "\n")
}

/// What a year's catalog has of the questions' texts, by tool, for the
/// official choosing a year: a text the catalog lacks is typed into the
/// file's `texts:`.
pub fn texts_said(year: i32) -> String {
    const TOOLS: [(char, &str); 3] = [('i', "IIT"), ('e', "EIT"), ('o', "OIT")];
    let count =
        |c: &Catalog, letter: char| c.items.iter().filter(|(k, i)| k.starts_with(letter) && i.text.is_some()).count();
    let catalog = catalog::for_year(year).0;
    let has: Vec<String> = TOOLS
        .iter()
        .filter(|(l, _)| count(&catalog, *l) > 0)
        .map(|(l, t)| format!("{t} {} ข้อ", count(&catalog, *l)))
        .collect();
    let lacks: Vec<&str> = TOOLS.iter().filter(|(l, _)| count(&catalog, *l) == 0).map(|(_, t)| *t).collect();
    let full: Vec<String> = catalog::years()
        .into_iter()
        .filter(|y| TOOLS.iter().all(|(l, _)| count(&catalog::for_year(*y).0, *l) > 0))
        .map(|y| y.to_string())
        .collect();
    let mut th = format!("ปี {year}");
    if !has.is_empty() {
        th += &format!(" มีข้อความคำถามของ {}", has.join(", "));
    }
    if !lacks.is_empty() {
        th += &format!(" ไม่มีของ {}: พิมพ์ข้อความของข้อเหล่านั้นเองที่ texts (ช่องข้อความของแต่ละข้อในตัวแก้ไข)", lacks.join(" และ "));
    }
    let full = if full.is_empty() { "-".to_string() } else { full.join(", ") };
    format!(
        "{th} ปีที่มีข้อความครบทั้งสามเครื่องมือ: {full} (the questions' texts the {year} catalog has; years with all three tools: {full})"
    )
}
