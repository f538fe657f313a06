//! Check: load and validate one input file, the first two stages together.

use std::path::Path;
use std::sync::Arc;

use crate::catalog::Catalog;
use crate::diag::{self, Diagnostic};
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

/// Loads and validates a file: every diagnostic, sorted, at most
/// [`crate::limits::DIAGNOSTICS`] of them.
pub fn check_file(path: &Path) -> CheckedFile {
    check_file_with(path, None)
}

/// [`check_file`] with a catalog file instead of the one the file names
/// or the built-in one.
pub fn check_file_with(path: &Path, catalog: Option<&Path>) -> CheckedFile {
    let mut checked = check_uncapped(path, catalog);
    checked.diagnostics = diag::capped(checked.diagnostics);
    checked
}

/// Loads and validates a file, every diagnostic kept: for a caller that
/// adds diagnostics of its own, and caps the whole list once.
pub(crate) fn check_uncapped(path: &Path, catalog: Option<&Path>) -> CheckedFile {
    let base_dir = path.parent().unwrap_or(Path::new("."));
    check_loaded(load::load_file(path), base_dir, catalog)
}

/// Checks a file's bytes not yet saved (the editor's), as
/// [`check_uncapped`] checks the file: relative paths resolved in
/// `base_dir`, every diagnostic kept.
pub fn check_bytes(bytes: Vec<u8>, base_dir: &Path, catalog: Option<&Path>) -> CheckedFile {
    check_loaded(load::load_bytes(bytes), base_dir, catalog)
}

fn check_loaded(loaded: load::LoadResult, base_dir: &Path, catalog: Option<&Path>) -> CheckedFile {
    match loaded {
        Err(diagnostics) => CheckedFile { diagnostics, ..CheckedFile::default() },
        Ok((loaded, mut diagnostics)) => {
            let validated = validate::check(loaded.root.as_ref(), base_dir, catalog);
            diagnostics.extend(validated.diagnostics);
            let report = validated.report.filter(|_| !diag::has_errors(&diagnostics));
            CheckedFile { report, root: loaded.root, diagnostics, text: loaded.text, catalog: validated.catalog }
        }
    }
}
