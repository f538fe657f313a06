//! `ita-report init [PATH]`: a starter file, never over an existing one.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::init::{self, Agency};

pub fn run(path: Option<PathBuf>, agency: Agency) -> ExitCode {
    let path = path.unwrap_or_else(|| PathBuf::from("ita.yaml"));
    match init::write(&path, &agency) {
        Ok(()) => {
            let p = path.display();
            println!(
                "เขียน {p} แล้ว: กรอกคะแนนแล้วตรวจด้วย `ita-report check {p}` (wrote it: fill in the scores, then check it)"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
