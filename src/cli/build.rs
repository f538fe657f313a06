//! `ita-report build [FILE or FOLDER …]`: the documents of many inputs on
//! all cores, with a progress bar on a terminal and a summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{Built, Options, build_all};
use crate::diag::{self, Diagnostic};

const EXAMPLE: &str = "data/hannangam-2568.yaml";

pub fn run(files: Vec<PathBuf>, opts: &Options) -> ExitCode {
    let inputs = match expand(if files.is_empty() { vec![PathBuf::from(EXAMPLE)] } else { files }) {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let progress = progress_bar(inputs.len());
    let built = build_all(&inputs, opts, |b| {
        // One file's report at a time, above the bar on a terminal.
        progress.suspend(|| report(b, inputs.len() > 1));
        progress.inc(1);
    });
    progress.finish_and_clear();
    if inputs.len() > 1 {
        summary(&built);
    }
    if built.iter().any(|b| b.result.is_err()) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Folders stand for the YAML files in them.
fn expand(paths: Vec<PathBuf>) -> std::io::Result<Vec<PathBuf>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(&path)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            found.sort();
            inputs.extend(found);
        } else {
            inputs.push(path);
        }
    }
    Ok(inputs)
}

/// A bar on a terminal when there is more than one file; nothing otherwise
/// (each file still gets its own plain line).
fn progress_bar(total: usize) -> ProgressBar {
    if total < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total as u64);
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} (eta {eta})").unwrap());
    bar
}

/// One input's diagnostics and outcome; with `brief`, warnings are counted,
/// not shown, so a batch stays readable.
fn report(b: &Built, brief: bool) {
    let name = b.input.display().to_string();
    let shown: Vec<Diagnostic> = b.diagnostics.iter().filter(|d| !brief || d.is_error()).cloned().collect();
    diag::eprint(&shown, &name, &b.text);
    for note in &b.notes {
        eprintln!("{name}: note: {note}");
    }
    match &b.result {
        Ok(paths) => {
            let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let warned =
                if brief && b.warnings() > 0 { format!(" ({} warning(s))", b.warnings()) } else { String::new() };
            eprintln!("{name}: ok → {}{warned}", paths.join(", "));
        }
        Err(e) => eprintln!("{name}: failed: {e}"),
    }
}

fn summary(built: &[Built]) {
    let ok = built.iter().filter(|b| b.result.is_ok()).count();
    let warned = built.iter().filter(|b| b.result.is_ok() && b.warnings() > 0).count();
    let failed: Vec<&Built> = built.iter().filter(|b| b.result.is_err()).collect();
    let n = failed.len();
    eprintln!("\nสร้างแล้ว {ok} (มีคำเตือน {warned}) ไม่สำเร็จ {n} (built {ok}, {warned} with warnings; {n} failed)");
    for b in failed {
        let name = b.input.display().to_string();
        let first = match (b.diagnostics.iter().find(|d| d.is_error()), &b.result) {
            (Some(d), _) => d.display(&name).to_string(),
            (None, Err(e)) => format!("{name}: {e}"),
            (None, Ok(_)) => continue,
        };
        eprintln!("  {}", first.lines().next().unwrap_or_default());
    }
}
