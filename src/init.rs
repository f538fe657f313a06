//! Init: a starter input file for the newest framework year, with the seed's
//! standard issues, every required key, and short Thai comments; and beside
//! it the input format's JSON Schema, which the file's first line names, so
//! that an editor completes and checks it offline.

use std::io::Write;
use std::path::{Path, PathBuf};

use minijinja::value::{Serde, Value};
use serde::{Deserialize, Serialize};

use crate::{catalog, schema};

/// What the official may tell `init` of the agency; the rest is left blank.
#[derive(Debug, Default, Serialize)]
pub struct Agency {
    pub name: Option<String>,
    pub district: Option<String>,
    pub province: Option<String>,
}

#[derive(Deserialize, Serialize)]
struct StandardIssue {
    title: String,
    items: Vec<String>,
}

#[derive(Serialize)]
struct ItemLine<'a> {
    code: &'a str,
    text: &'a str,
}

/// Writes the starter file, and the schema file that its first line names
/// beside it unless one of that name is there already (it is left as it
/// is). An existing starter file is never overwritten; nothing is written
/// then.
pub fn write(path: &Path, agency: &Agency) -> std::io::Result<()> {
    let text = render(path, agency);
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            std::io::Error::new(
                e.kind(),
                format!(
                    "{} มีอยู่แล้ว ไม่เขียนทับ ({} already exists; it is not overwritten)",
                    path.display(),
                    path.display()
                ),
            )
        } else {
            e
        }
    })?;
    if let Err(e) = write_schema(&schema_path(path)) {
        // The starter file was created empty a moment ago: take it back, so
        // that a failed init leaves nothing behind.
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    file.write_all(text.as_bytes())
}

/// Where `write` puts the schema file: beside the starter file.
pub fn schema_path(path: &Path) -> PathBuf {
    path.with_file_name(schema::FILE_NAME)
}

/// Writes the schema file unless a file of that name exists, which may be
/// the official's own or an older program's: it is not overwritten.
fn write_schema(path: &Path) -> std::io::Result<()> {
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => file.write_all(schema::SCHEMA.as_bytes()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(std::io::Error::new(
            e.kind(),
            format!("เขียนไฟล์ {} ไม่ได้ (cannot write {}): {e}", path.display(), path.display()),
        )),
    }
}

pub fn render(path: &Path, agency: &Agency) -> String {
    let catalog = catalog::latest();
    let issues: Vec<StandardIssue> =
        serde_yaml::from_str(include_str!("../data/standard-issues.yaml")).expect("data/standard-issues.yaml");
    let mut codes: Vec<&str> = issues.iter().flat_map(|i| i.items.iter().map(String::as_str)).collect();
    codes.sort_by_key(|c| (c.as_bytes()[0] != b'i', c.as_bytes()[0] != b'e', c[1..].parse::<u32>().unwrap_or(0)));
    codes.dedup();
    let items: Vec<ItemLine> = codes
        .iter()
        .map(|code| ItemLine { code, text: catalog.items.get(*code).and_then(|i| i.text.as_deref()).unwrap_or("") })
        .collect();
    let tools: Vec<_> = catalog
        .tools
        .iter()
        .map(|t| minijinja::context! { code => t.code.as_str(), name => t.name.as_str() })
        .collect();
    let indicators: Vec<(u32, &str)> = catalog.indicators.iter().map(|(n, name)| (*n, name.as_str())).collect();

    let mut env = minijinja::Environment::new();
    env.add_filter("yaml", |v: Option<String>| v.map(|s| serde_json::to_string(&s).unwrap()).unwrap_or_default());
    env.add_template("init", include_str!("../templates/init.yaml.j2")).expect("templates/init.yaml.j2");
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    env.get_template("init")
        .unwrap()
        .render(minijinja::context! {
            year => catalog.fiscal_year,
            file,
            schema => schema::FILE_NAME,
            agency => Value::from(Serde(agency)),
            tools,
            indicators,
            items => Value::from(Serde(&items)),
            issues => Value::from(Serde(&issues)),
        })
        .expect("templates/init.yaml.j2 renders")
        + "\n"
}
