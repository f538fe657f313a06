//! Validate: the loaded node tree, checked completely against the input
//! format and the year's catalog, into a [`Report`] with its derived values.
//!
//! Every problem is collected, none stops the walk: an official fixing a file
//! wants the whole list at once. Errors stop the build; warnings do not.
//! The typed readers of values are in `read`, one file reads each part of
//! the input, `warnings` holds the checks across the whole report, and
//! `logo` the one file read besides the input.

mod catalog;
mod followup;
mod header;
mod issues;
mod keys;
mod logo;
mod read;
mod result;
mod scores;
mod text;
mod warnings;

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::date::Date;
use crate::diag::{Diagnostic, Pos, has_errors, quoted};
use crate::files::Files;
use crate::load::Node;
use crate::report::Report;

pub use catalog::{BAND_KEYS, CATALOG_KEYS, CATALOG_TOOL_KEYS, ITEM_KEYS, LEVELS_KEYS, read_catalog};
pub use keys::*;
pub use read::item_code;
pub use result::derived;
pub use text::plain_text;
pub use warnings::provinces;

use read::Fields;

/// The result of validating: the report when there are no errors, and every
/// diagnostic found (warnings come with a report too).
pub struct Validated {
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
    /// The catalog the file was checked against, once its year was read.
    pub catalog: Option<Arc<Catalog>>,
}

/// Checks a loaded file. `files` are the files it names (the logo, a
/// catalog file); `catalog` names one of them to use instead of the
/// catalog the file names or the built-in one.
pub fn check(root: Option<&Node>, files: &dyn Files, catalog: Option<&str>) -> Validated {
    let mut v = Validator::new(files, catalog);
    let report = match root {
        Some(root) => v.report(root),
        None => {
            let d = Diagnostic::error(Pos { line: 1, col: 1, offset: 0 }, "", "ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty");
            v.diags.push(
                d.with_hint("เริ่มจากไฟล์ที่ `ita-report init` เขียนให้ (start from the file `ita-report init` writes)"),
            );
            None
        }
    };
    let report = report.filter(|_| !has_errors(&v.diags));
    if let Some(r) = &report {
        v.scan_free_text(r);
    }
    Validated { report, diagnostics: v.diags, catalog: v.catalog_used }
}

/// A file still being filled in, as the editor shows it: what is not given
/// yet (a blank score, a missing name) stands as a gap. None when something
/// else keeps the document from being made. Never built from: a build
/// checks the file with [`check`].
pub fn sketch(root: &Node, files: &dyn Files, catalog: Option<&str>) -> Option<Report> {
    let mut v = Validator::new(files, catalog);
    v.sketch = true;
    v.report(root)
}

/// The walk over one file: what it has found so far.
struct Validator<'a> {
    diags: Vec<Diagnostic>,
    files: &'a dyn Files,
    catalog_override: Option<&'a str>,
    /// Free text fields, for the checks on what they name.
    free_text: Vec<(String, Pos, String)>,
    /// Dates, for the check of their years.
    dates: Vec<(String, Pos, Date)>,
    /// Codes already warned of having no text: once a code is enough.
    no_text: Vec<String>,
    catalog_used: Option<Arc<Catalog>>,
    /// The measures' results, for the checks of the follow-up report.
    results: followup::Results,
    /// Whether values not given stand as gaps (see [`sketch`]).
    sketch: bool,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

impl<'a> Validator<'a> {
    fn new(files: &'a dyn Files, catalog_override: Option<&'a str>) -> Self {
        Validator {
            diags: Vec::new(),
            files,
            catalog_override,
            free_text: Vec::new(),
            dates: Vec::new(),
            no_text: Vec::new(),
            catalog_used: None,
            results: followup::Results::default(),
            sketch: false,
        }
    }

    fn error(&mut self, pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) {
        self.diags.push(Diagnostic::error(pos, key, th, en));
    }

    fn warn(&mut self, pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) {
        self.diags.push(Diagnostic::warning(pos, key, th, en));
    }

    fn expected(&mut self, node: &Node, path: &str, th: &str, en: &str) {
        let (found_th, found_en) = node.kind();
        let shown = node.as_str().filter(|s| !s.is_empty()).map(|s| format!(" \"{}\"", quoted(s))).unwrap_or_default();
        self.error(
            node.pos,
            path,
            format!("ต้องเป็น{th} แต่พบ{found_th}{shown}"),
            format!("expected {en}, found {found_en}{shown}"),
        );
    }
}
