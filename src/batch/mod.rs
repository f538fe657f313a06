//! Batch: input files to document files for the command line, the core's
//! pipeline for each on all cores; where the files go ([`place`]) and how
//! they are put there together ([`crate::output`]). An input with errors
//! produces nothing and leaves any earlier output as it was.

mod place;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::check::CheckedFile;
use crate::diag::{self, Diagnostic};
use crate::disk::{Folder, absolute, is_device, read_bounded};
use crate::document::{Document, PdfStandard, Timestamp};
use crate::fingerprint;
use crate::load::{self, Node};
use crate::output::{Output, OutputError, write_together};
use crate::pdf::PdfWriter;
use crate::pipeline::{self, Documents, Kind, RenderError, Settings};
use crate::report::Report;
use crate::{limits, system_fonts, wordbreak};
pub use place::{Collision, plan};

#[derive(Default, Clone)]
pub struct Options {
    pub out_dir: PathBuf,
    /// A font family that overrides the files' `document.font`.
    pub font: Option<String>,
    /// Replace a DOCX edited since it was written (keeping it as a backup).
    pub force: bool,
    /// The documents' creation date where they have none of their own
    /// (SOURCE_DATE_EPOCH).
    pub timestamp: Option<Timestamp>,
    /// A catalog file instead of the ones the inputs name or the built-in.
    pub catalog: Option<PathBuf>,
    /// An archival standard for every PDF, whatever the inputs ask.
    pub pdf_standard: Option<PdfStandard>,
    /// How many documents are built at once (default: one a core).
    pub jobs: Option<usize>,
    /// The analysis and measures, or the follow-up report on them.
    pub kind: Kind,
}

impl Options {
    /// The command line's defaults, writing into `out_dir`.
    pub fn writing_to(out_dir: PathBuf) -> Options {
        Options { out_dir, ..Options::default() }
    }

    /// What the core is told: the catalog file named absolutely, since the
    /// core reads an input's files from the input's folder.
    pub fn settings(&self) -> Settings {
        let catalog = self.catalog.as_deref().map(absolute);
        Settings {
            font: self.font.clone(),
            timestamp: self.timestamp,
            catalog,
            pdf_standard: self.pdf_standard,
            kind: self.kind,
        }
    }
}

/// Why an input built no documents.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("ไม่พบไฟล์ {0}: ตรวจชื่อไฟล์และโฟลเดอร์ (there is no file {0}: check its name and folder)")]
    Missing(String),
    #[error(
        "{0} เป็นลิงก์ที่ไม่ได้ชี้ไปยังไฟล์ใด (ไฟล์ปลายทางไม่มีแล้ว หรือลิงก์วนกลับมาที่ตัวเอง): ระบุไฟล์ YAML เอง \
         ({0} is a link that leads to no file: its target is gone, or the links loop back on themselves; give the YAML file itself)"
    )]
    Dangling(String),
    #[error(
        "{0} ไม่ใช่ไฟล์ข้อมูล (เป็นโฟลเดอร์ FIFO หรืออุปกรณ์): ระบุไฟล์ YAML เอง \
         ({0} is no ordinary file but a folder, a FIFO or a device: give the YAML file itself)"
    )]
    NotAFile(String),
}

/// What happened to one input.
pub struct Built {
    pub input: PathBuf,
    /// At most [`crate::limits::DIAGNOSTICS`], sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The source text, for showing the lines diagnostics point at.
    pub text: String,
    pub result: Result<Vec<PathBuf>, BuildError>,
    /// The logo the input names, whether or not it is there: a change to it
    /// is a change to the document.
    pub logo: Option<PathBuf>,
    /// What was done that the official should know (an edited DOCX kept).
    pub notes: Vec<String>,
}

impl Built {
    /// An input refused before it was read.
    fn refused(input: &Path, e: BuildError) -> Built {
        let (diagnostics, text, notes) = (Vec::new(), String::new(), Vec::new());
        Built { input: input.to_path_buf(), diagnostics, text, result: Err(e), logo: None, notes }
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count()
    }
}

/// Builds every input, on all cores; `done` hears of each as it finishes.
/// One bad input does not stop the others.
///
/// Plain threads with one Pipeline each, not rayon's `par_iter`: Typst and
/// krilla wait for their own rayon work with `rayon::yield_now`, which on a
/// rayon worker runs the batch's other inputs nested on its stack, each with
/// a Pipeline of its own: memory grew with the batch (1.4 GB for 200).
pub fn build_all(inputs: &[PathBuf], opts: &Options, done: impl Fn(&Built) + Sync) -> Vec<Built> {
    let next = AtomicUsize::new(0);
    let cores = || std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = opts.jobs.unwrap_or_else(cores).min(inputs.len()).max(1);
    let worker = || {
        let mut pipeline = Pipeline { alongside: threads < cores(), ..Pipeline::default() };
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { return out };
            let built = pipeline.build(input, opts);
            done(&built);
            out.push((i, built));
        }
    };
    let mut built: Vec<(usize, Built)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    // In the order given, whichever thread built each.
    built.sort_by_key(|(i, _)| *i);
    built.into_iter().map(|(_, b)| b).collect()
}

/// The core's pipeline for input files one after another.
pub struct Pipeline {
    pub core: pipeline::Pipeline,
    /// Whether the DOCX is written on a thread of its own beside the PDF:
    /// for a document alone, not when every core has a document already.
    alongside: bool,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline { core: pipeline::Pipeline::new(system_fonts::installed), alongside: true }
    }
}

impl Pipeline {
    pub fn build(&mut self, input: &Path, opts: &Options) -> Built {
        build_one(&mut self.core, self.alongside, input, opts)
    }
}

/// One input's documents written, with `core`'s engines (the DOCX
/// `alongside` the PDF or after it).
pub fn build_one(core: &mut pipeline::Pipeline, alongside: bool, input: &Path, opts: &Options) -> Built {
    segmenter_in_background();
    // An input whose save was killed half-way is back in its place first.
    // Where that cannot be done, the input is looked for as it is.
    let _ = crate::output::recover_in(&Folder::of(input).0);
    let shown = input.display().to_string();
    match std::fs::metadata(input) {
        _ if is_device(input) => return Built::refused(input, BuildError::NotAFile(shown)),
        Err(_) if std::fs::symlink_metadata(input).is_ok() => {
            return Built::refused(input, BuildError::Dangling(shown));
        }
        Err(_) => return Built::refused(input, BuildError::Missing(shown)),
        Ok(m) if !m.is_file() => return Built::refused(input, BuildError::NotAFile(shown)),
        Ok(_) => {}
    }
    let settings = opts.settings();
    let checked = match read_bounded(input, limits::INPUT_BYTES as u64) {
        Ok(bytes) => core.check(bytes, &Folder::of(input), &settings),
        Err(e) => CheckedFile { diagnostics: load::unreadable(e), ..CheckedFile::default() },
    };
    let logo = named_logo(input, checked.root.as_ref());
    let mut notes = Vec::new();
    let result = match &checked.report {
        Some(report) => produce(core, alongside, input, report, &settings, opts, &mut notes),
        None => Err(RenderError::Invalid.into()),
    };
    let diagnostics = diag::capped(checked.diagnostics);
    Built { input: input.to_path_buf(), diagnostics, text: checked.text, result, logo, notes }
}

/// The PDF and the DOCX of a checked report, put in place. Both are
/// made before either is written, so a failure leaves the earlier pair
/// as it was.
fn produce(
    core: &mut pipeline::Pipeline,
    alongside: bool,
    input: &Path,
    report: &Report,
    settings: &Settings,
    opts: &Options,
    notes: &mut Vec<String>,
) -> Result<Vec<PathBuf>, BuildError> {
    let (writer, doc, font) = core.prepare(report, settings)?;
    let Documents { pdf, docx } = write(writer, &doc, font, alongside)?;
    let stem = input.file_stem().unwrap_or_default().to_string_lossy().into_owned() + settings.kind.suffix();
    let place = place::place(&opts.out_dir, &stem, opts.force)?;
    let print = fingerprint::of(&docx);
    let files = [
        Output { path: place.pdf.clone(), bytes: &pdf },
        Output { path: place.docx.clone(), bytes: &docx },
        Output { path: fingerprint::path_for(&place.docx), bytes: print.as_bytes() },
    ];
    write_together(&opts.out_dir, &files)?;
    notes.extend(place.note);
    Ok(vec![place.pdf, place.docx])
}

/// The document's PDF and its DOCX. With `alongside`, the two are written
/// at once, on two threads: a document alone (`watch`, the editor) is
/// ready in the time of the PDF.
pub fn write(writer: &PdfWriter, doc: &Document, font: String, alongside: bool) -> Result<Documents, RenderError> {
    let docx = || pipeline::write_docx(writer, doc, font);
    let (pdf, docx) = if alongside {
        std::thread::scope(|s| {
            let docx = s.spawn(docx);
            (writer.write(doc), docx.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        })
    } else {
        (writer.write(doc), docx())
    };
    Ok(Documents { pdf: pdf?, docx: docx? })
}

/// Starts building the segmenter on a thread of its own, once a process:
/// begun while the input is read and checked, it is ready, or nearly, when
/// the PDF's text is first split into words. Where no thread can be
/// started, the first use builds it.
fn segmenter_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let _ = std::thread::Builder::new().name("segmenter".into()).spawn(wordbreak::warm_up);
    });
}

/// The logo's path as the input names it, relative to the input's folder.
fn named_logo(input: &Path, root: Option<&Node>) -> Option<PathBuf> {
    let written = root?.get("agency")?.get("logo")?.as_str()?.trim();
    let dir = input.parent().unwrap_or(Path::new("."));
    (!written.is_empty()).then(|| dir.join(written))
}
