//! Check: load and validate one input file, the first two stages together.

use std::path::Path;

use crate::diag::{self, Diagnostic};
use crate::load::{self, Node};
use crate::report::Report;
use crate::validate;

/// A checked input: its report when there are no errors, every diagnostic,
/// and the file's text (to show the offending lines).
pub struct Outcome {
    pub report: Option<Report>,
    /// The loaded tree, for checks on every text (fonts).
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
    pub text: String,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        diag::has_errors(&self.diagnostics)
    }
}

pub fn check_file(path: &Path) -> Outcome {
    match load::load_file(path) {
        Err(diagnostics) => Outcome { report: None, root: None, diagnostics, text: String::new() },
        Ok((loaded, mut diagnostics)) => {
            let base_dir = path.parent().unwrap_or(Path::new("."));
            let checked = validate::check(loaded.root.as_ref(), base_dir);
            diagnostics.extend(checked.diagnostics);
            let report = checked.report.filter(|_| !diag::has_errors(&diagnostics));
            Outcome { report, root: loaded.root, diagnostics: diag::sorted(diagnostics), text: loaded.text }
        }
    }
}
