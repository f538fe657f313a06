//! The command line: `check`, `init`, `build`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::check::check_file;

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
    /// สร้างเอกสาร (build documents): DIR/<name>.pdf for each input
    Build {
        /// Input files (default: data/hannangam-2568.yaml, the example)
        files: Vec<PathBuf>,
        /// Where to write (default: output/)
        #[arg(short, long, default_value = "output")]
        out: PathBuf,
        /// An installed font family, instead of the embedded Laksaman
        #[arg(long)]
        font: Option<String>,
    },
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

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { file } => check(&file),
        Command::Build { files, out, font } => build(files, out, font),
        Command::Init { path, agency, district, province } => {
            let path = path.unwrap_or_else(|| PathBuf::from("ita.yaml"));
            let agency = crate::init::Agency { name: agency, district, province };
            match crate::init::write(&path, &agency) {
                Ok(()) => {
                    println!(
                        "เขียน {} แล้ว: กรอกคะแนนแล้วตรวจด้วย `ita-report check {}` (wrote it: fill in the scores, then check it)",
                        path.display(),
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn check(file: &std::path::Path) -> ExitCode {
    let outcome = check_file(file);
    let name = file.display().to_string();
    for d in &outcome.diagnostics {
        eprintln!("{}", d.display(&name));
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    eprintln!("{name}: {errors} error(s), {warnings} warning(s)");
    if outcome.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

const EXAMPLE: &str = "data/hannangam-2568.yaml";

fn build(files: Vec<PathBuf>, out_dir: PathBuf, font: Option<String>) -> ExitCode {
    let files = if files.is_empty() { vec![PathBuf::from(EXAMPLE)] } else { files };
    let opts = crate::build::Options { out_dir, font };
    let mut builder = crate::build::Builder::default();
    let mut failed = 0;
    for file in &files {
        let built = builder.build(file, &opts);
        let name = file.display().to_string();
        for d in &built.diagnostics {
            eprintln!("{}", d.display(&name));
        }
        match built.result {
            Ok(paths) => {
                let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                eprintln!("{name}: ok → {}", paths.join(", "));
            }
            Err(e) => {
                failed += 1;
                eprintln!("{name}: failed: {e}");
            }
        }
    }
    if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
