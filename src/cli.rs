//! The command line: `check`, `build`, `watch`, `schema`, `init`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{Built, Options, build_all};
use crate::check::check_file;
use crate::diag::Diagnostic;
use crate::snippet;

#[derive(Parser)]
#[command(
    name = "ita-report",
    version,
    about = "สร้างเอกสารวิเคราะห์ผลการประเมิน ITA และมาตรการฯ จากไฟล์ YAML (the ITA analysis and measures document, from one YAML file)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// ตรวจไฟล์ (check a file): every problem, located; exit 1 on errors
    Check {
        /// The input file
        file: PathBuf,
    },
    /// สร้างเอกสาร (build documents): DIR/<name>.pdf and DIR/<name>.docx for each input
    Build {
        /// Input files or folders of them (default: data/hannangam-2568.yaml, the example)
        files: Vec<PathBuf>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// สร้างใหม่ทุกครั้งที่บันทึก (rebuild on every save of the input or its logo)
    Watch {
        /// The input file
        file: PathBuf,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// พิมพ์ JSON Schema ของรูปแบบไฟล์ (print the input format's JSON Schema, for editors): ita-report schema > ita-report.schema.json
    Schema,
    /// สร้างไฟล์ตั้งต้น (write a starter file) for the current framework year
    Init {
        /// Where to write it (default: ita.yaml); an existing file is never overwritten
        path: Option<PathBuf>,
        /// The agency's name (ชื่อหน่วยงาน)
        #[arg(long)]
        agency: Option<String>,
        /// The agency's district (อำเภอ)
        #[arg(long)]
        district: Option<String>,
        /// The agency's province (จังหวัด)
        #[arg(long)]
        province: Option<String>,
    },
}

#[derive(Args)]
struct OutputArgs {
    /// Where to write
    #[arg(short, long, default_value = "output")]
    out: PathBuf,
    /// An installed font family, instead of the embedded Laksaman
    #[arg(long)]
    font: Option<String>,
    /// Replace a DOCX edited since it was written, keeping it as <name>.bak.docx
    #[arg(long)]
    force: bool,
}

impl OutputArgs {
    fn options(self) -> Options {
        Options { out_dir: self.out, font: self.font, force: self.force }
    }
}

const EXAMPLE: &str = "data/hannangam-2568.yaml";

pub fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { file } => check(&file),
        Command::Build { files, out } => build(files, &out.options()),
        Command::Watch { file, out } => crate::watch::watch(&file, &out.options()),
        // write_all, not print!: `ita-report schema | head` must not panic.
        Command::Schema => match std::io::Write::write_all(&mut std::io::stdout(), crate::schema::SCHEMA.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        },
        Command::Init { path, agency, district, province } => init(
            &path.unwrap_or_else(|| PathBuf::from("ita.yaml")),
            crate::init::Agency { name: agency, district, province },
        ),
    }
}

fn check(file: &Path) -> ExitCode {
    let outcome = check_file(file);
    let name = file.display().to_string();
    print_diagnostics(&outcome.diagnostics, &name, &outcome.text);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    eprintln!("{name}: {errors} error(s), {warnings} warning(s)");
    if outcome.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Diagnostics on standard error, each with its source line.
pub fn print_diagnostics(diags: &[Diagnostic], file: &str, source: &str) {
    for d in diags {
        anstream::eprint!("{}", snippet::render(d, file, source));
    }
}

fn init(path: &Path, agency: crate::init::Agency) -> ExitCode {
    match crate::init::write(path, &agency) {
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

fn build(files: Vec<PathBuf>, opts: &Options) -> ExitCode {
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
    print_diagnostics(&shown, &name, &b.text);
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
        let first = match b.diagnostics.iter().find(|d| d.is_error()) {
            Some(d) => d.display(&name).to_string(),
            None => format!("{name}: {}", b.result.as_ref().err().cloned().unwrap_or_default()),
        };
        eprintln!("  {}", first.lines().next().unwrap_or_default());
    }
}
