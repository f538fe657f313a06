//! `ita-report check FILE`: every problem, located; exit 1 on errors.

use std::path::Path;
use std::process::ExitCode;

use crate::disk::check_file_with;

pub fn run(file: &Path, catalog: Option<&Path>) -> ExitCode {
    let checked = check_file_with(file, catalog);
    let name = file.display().to_string();
    super::eprint(&checked.diagnostics, &name, &checked.text);
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    eprintln!("{name}: {errors} error(s), {warnings} warning(s)");
    if errors > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
