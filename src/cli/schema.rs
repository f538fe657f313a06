//! `ita-report schema`: the input format's JSON Schema, for editors.

use std::io::Write;
use std::process::ExitCode;

/// write_all, not print!, so that `ita-report schema | head` does not panic.
pub fn run() -> ExitCode {
    match std::io::stdout().write_all(crate::schema::SCHEMA.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
