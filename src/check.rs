//! Check: load and validate one input, the first two stages together.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::diag::{self, Diagnostic};
use crate::files::Files;
use crate::load::{self, Node};
use crate::report::Report;
use crate::validate;

/// A checked input file: its report when there are no errors, its
/// diagnostics, and the file's text (to show the offending lines).
#[derive(Default)]
pub struct CheckedFile {
    pub report: Option<Report>,
    /// The loaded tree, for checks on every text (fonts).
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
    pub text: String,
    /// The year's catalog the file was checked against, once its year was
    /// read.
    pub catalog: Option<Arc<Catalog>>,
}

impl CheckedFile {
    pub fn has_errors(&self) -> bool {
        diag::has_errors(&self.diagnostics)
    }
}

/// Checks an input's bytes: the files it names are read from `files`, and
/// `catalog` names one of them to use instead of the catalog the input
/// names or the built-in one. Every diagnostic is kept, for a caller that
/// adds its own and caps the whole list once.
pub fn check_bytes(bytes: Vec<u8>, files: &dyn Files, catalog: Option<&str>) -> CheckedFile {
    match load::load_bytes(bytes) {
        Err(diagnostics) => CheckedFile { diagnostics, ..CheckedFile::default() },
        Ok((loaded, mut diagnostics)) => {
            let validated = validate::check(loaded.root.as_ref(), files, catalog);
            diagnostics.extend(validated.diagnostics);
            let report = validated.report.filter(|_| !diag::has_errors(&diagnostics));
            CheckedFile { report, root: loaded.root, diagnostics, text: loaded.text, catalog: validated.catalog }
        }
    }
}
