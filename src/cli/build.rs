//! `ita-report build [FILE or FOLDER …]`: the documents of many inputs on
//! all cores, with a progress bar on a terminal and a summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::{Built, Options, build_all, plan};
use crate::diag::Diagnostic;

const EXAMPLE: &str = "data/hannangam-2568.yaml";

pub fn run(files: Vec<PathBuf>, opts: &Options) -> ExitCode {
    let given = if files.is_empty() { vec![super::native(PathBuf::from(EXAMPLE))] } else { files };
    let inputs = match expand(given).map(|inputs| plan(&inputs, &opts.out_dir, opts.kind.suffix())) {
        Ok(Ok(inputs)) => inputs,
        Ok(Err(collision)) => {
            eprintln!("error: {collision}");
            return ExitCode::from(2);
        }
        Err(empty) => {
            eprintln!("error: {empty}");
            return ExitCode::FAILURE;
        }
    };
    let progress = progress_bar(inputs.len());
    let started = std::time::Instant::now();
    let built = build_all(&inputs, opts, |b| {
        // One file's report at a time, above the bar on a terminal.
        progress.suspend(|| report(b, inputs.len() > 1));
        progress.inc(1);
    });
    progress.finish_and_clear();
    if inputs.len() > 1 {
        summary(&built, started.elapsed());
    }
    if built.iter().any(|b| b.result.is_err()) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// A folder with no input in it.
#[derive(Debug, thiserror::Error)]
#[error("ไม่มีไฟล์ .yaml หรือ .yml ในโฟลเดอร์ {0} (there is no .yaml or .yml file in the folder {0})")]
struct NoInput(String);

/// Folders stand for the YAML files in them (`.yaml` or `.yml`, in any
/// letter case): everything of that name, so that one that is no ordinary
/// file is refused with a message rather than passed over.
fn expand(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, NoInput> {
    let mut inputs = Vec::new();
    for path in paths {
        if !path.is_dir() {
            inputs.push(path);
            continue;
        }
        let entries = std::fs::read_dir(&path).into_iter().flatten();
        let mut found: Vec<PathBuf> =
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| crate::disk::is_yaml(p)).collect();
        if found.is_empty() {
            return Err(NoInput(path.display().to_string()));
        }
        found.sort();
        inputs.extend(found);
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
    super::eprint(&shown, &name, &b.text);
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

fn summary(built: &[Built], took: std::time::Duration) {
    let ok = built.iter().filter(|b| b.result.is_ok()).count();
    let warned = built.iter().filter(|b| b.result.is_ok() && b.warnings() > 0).count();
    let failed: Vec<&Built> = built.iter().filter(|b| b.result.is_err()).collect();
    let n = failed.len();
    let rate = built.len() as f64 / took.as_secs_f64().max(1e-3);
    eprintln!(
        "\nสร้างแล้ว {ok} (มีคำเตือน {warned}) ไม่สำเร็จ {n} ใน {:.1} วินาที ({rate:.1} ฉบับต่อวินาที) \
         (built {ok}, {warned} with warnings; {n} failed; {:.1} s, {rate:.1} documents a second)",
        took.as_secs_f64(),
        took.as_secs_f64()
    );
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
