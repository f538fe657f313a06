//! `ita-report init [PATH]`: a starter file, never over an existing one;
//! `--from LAST.yaml` starts next year's from this year's.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::disk::{check_file, write_text};
use crate::init::next_year::{self, LastError};
use crate::init::{self, Agency, InitError};

pub fn run(path: Option<PathBuf>, year: Option<i32>, agency: Agency) -> ExitCode {
    let path = path.unwrap_or_else(|| PathBuf::from("ita.yaml"));
    let year = year.unwrap_or(crate::catalog::latest().fiscal_year);
    let written = init::render_year(&path, year, &agency).and_then(|text| write_text(&path, &text));
    finish(&path, written, &[init::texts_said(year)])
}

pub fn next_year(last: &Path, path: Option<PathBuf>) -> ExitCode {
    match next_year::from_last(check_file(last), &last.display().to_string()) {
        Ok(next) => {
            let path = path.unwrap_or_else(|| next_year::default_path(last, next.fiscal_year));
            finish(&path, write_text(&path, &next.text), &next.said)
        }
        Err(LastError::Invalid { file, diagnostics, text }) => {
            super::eprint(&diagnostics, &file, &text);
            fail(&InitError::Last(LastError::Invalid { file, diagnostics: Vec::new(), text: String::new() }))
        }
        Err(e) => fail(&InitError::Last(e)),
    }
}

fn finish(path: &Path, written: Result<(), InitError>, said: &[String]) -> ExitCode {
    if let Err(e) = written {
        return fail(&e);
    }
    for line in said {
        println!("- {line}");
    }
    let p = path.display();
    println!("เขียน {p} แล้ว: กรอกคะแนนแล้วตรวจด้วย `ita-report check {p}` (wrote it: fill in the scores, then check it)");
    ExitCode::SUCCESS
}

fn fail(e: &InitError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::FAILURE
}
