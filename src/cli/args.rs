//! The command line's arguments, in one place, with their environment
//! fallbacks.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::batch::Options;
use crate::document::{PdfStandard, Timestamp};
use crate::pipeline::Kind;

#[derive(Parser)]
#[command(
    name = "ita-report",
    version,
    about = "สร้างเอกสารวิเคราะห์ผลการประเมิน ITA และมาตรการฯ จากไฟล์ YAML (the ITA analysis and measures document, from one YAML file)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// ตรวจไฟล์ (check a file): every problem, located; exit 1 on errors
    Check {
        /// The input file
        file: PathBuf,
        /// A framework catalog file instead of the one the input names or the built-in one
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
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
    /// แก้ไขในเบราว์เซอร์ (edit in the browser): a form over FILE, the document's pages beside it as you type
    Edit {
        /// The input file (a new one starts as `init` writes it; without one, a page lists the folder's files and starts new ones)
        file: Option<PathBuf>,
        /// The port on 127.0.0.1 to listen on (default: any free one)
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Print the editor's address instead of opening a browser
        #[arg(long)]
        no_open: bool,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// พิมพ์ JSON Schema ของรูปแบบไฟล์ (print the input format's JSON Schema, for editors): ita-report schema > ita-report.schema.json
    Schema,
    /// สร้างไฟล์ตั้งต้น (write a starter file) for a framework year, or next year's from this year's
    Init {
        /// Where to write it (default: ita.yaml); an existing file is never overwritten
        path: Option<PathBuf>,
        /// Start next year's file from this year's: the agency, settings, issues and measures carried, the scores blank
        #[arg(long, value_name = "LAST.yaml", conflicts_with_all = ["year", "agency", "district", "province"])]
        from: Option<PathBuf>,
        /// The fiscal year (พ.ศ.) of a built-in catalog (default: the newest)
        #[arg(long)]
        year: Option<i32>,
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
    /// พิมพ์กรอบการประเมินของปี (print a year's framework catalog) as a file an input can name: ita-report catalog 2569 > ita-2569.yaml
    Catalog {
        /// The fiscal year (พ.ศ.; default: the newest built in)
        year: Option<i32>,
    },
}

#[derive(Args)]
pub struct OutputArgs {
    /// Where to write
    #[arg(short, long, default_value = "output")]
    out: PathBuf,
    /// An installed font family, instead of the embedded Laksaman
    #[arg(long)]
    font: Option<String>,
    /// Replace a DOCX edited since it was written, keeping it as <name>.bak.docx
    #[arg(long)]
    force: bool,
    /// The documents' creation date, in seconds since 1970, where they have no date of their own
    #[arg(long, env = "SOURCE_DATE_EPOCH", value_name = "SECONDS")]
    creation_timestamp: Option<i64>,
    /// A framework catalog file instead of the ones the inputs name or the built-in ones
    #[arg(long, value_name = "FILE")]
    catalog: Option<PathBuf>,
    /// PDF/A-2u, for archives, whatever the inputs' document.pdf_standard says
    #[arg(long, value_enum)]
    pdf_standard: Option<PdfStandard>,
    /// How many documents to build at once (default: one a core)
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// รายงานผลการดำเนินการตามมาตรการ (the follow-up report on the measures): DIR/<name>-followup.pdf and .docx
    #[arg(long)]
    followup: bool,
}

impl OutputArgs {
    pub fn options(self) -> Options {
        Options {
            out_dir: native(self.out),
            font: self.font,
            force: self.force,
            timestamp: self.creation_timestamp.map(Timestamp),
            catalog: self.catalog.map(native),
            pdf_standard: self.pdf_standard,
            jobs: self.jobs.map(usize::from),
            kind: if self.followup { Kind::Followup } else { Kind::Analysis },
        }
    }
}

/// A path as the system writes it: on Windows, `/` given on the command
/// line (`-o out/2568`) becomes a backslash, so that the paths in messages,
/// joined from it, have one separator.
pub fn native(path: PathBuf) -> PathBuf {
    if cfg!(windows) {
        match path.into_os_string().into_string() {
            Ok(text) => PathBuf::from(text.replace('/', "\\")),
            Err(other) => PathBuf::from(other),
        }
    } else {
        path
    }
}
