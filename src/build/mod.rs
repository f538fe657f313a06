//! Build: input files to documents, the whole pipeline for each: check,
//! compose, write the PDF and the DOCX. An input with errors produces nothing and leaves any
//! earlier output as it was.

pub(crate) mod coverage;
mod place;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::check::{CheckedFile, check_uncapped};
use crate::compose::compose;
use crate::diag::{self, Diagnostic};
use crate::document::{Chart, Document, PdfStandard, Timestamp};
use crate::docx::{self, DocxError, DocxOptions};
use crate::fingerprint;
use crate::fonts::{Fonts, NotInstalled};
use crate::layout::Layout;
use crate::load::Node;
use crate::output::{Output, OutputError, write_together};
use crate::pdf::{PdfError, PdfWriter};
use crate::report::Report;
use crate::wordbreak;
pub use place::{Collision, plan};

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
}

impl Options {
    /// The command line's defaults, writing into `out_dir`.
    pub fn writing_to(out_dir: PathBuf) -> Options {
        Options { out_dir, font: None, force: false, timestamp: None, catalog: None, pdf_standard: None, jobs: None }
    }
}

/// Why an input built no documents.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("ไฟล์มีข้อผิดพลาด (the file has errors)")]
    Invalid,
    #[error(transparent)]
    Font(#[from] NotInstalled),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("ไม่พบไฟล์ {0}: ตรวจชื่อไฟล์และโฟลเดอร์ (there is no file {0}: check its name and folder)")]
    Missing(String),
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

/// The whole pipeline for inputs one after another, reusing a Typst engine
/// per font family.
pub struct Pipeline {
    writers: HashMap<Option<String>, PdfWriter>,
    /// Whether the DOCX is written on a thread of its own beside the PDF:
    /// for a document alone, not when every core has a document already.
    alongside: bool,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline { writers: HashMap::new(), alongside: true }
    }
}

impl Pipeline {
    pub fn build(&mut self, input: &Path, opts: &Options) -> Built {
        wordbreak::build_in_background();
        let shown = input.display().to_string();
        let refused = match std::fs::metadata(input) {
            Err(_) => Some(BuildError::Missing(shown)),
            Ok(m) if !m.is_file() => Some(BuildError::NotAFile(shown)),
            Ok(_) => None,
        };
        if let Some(e) = refused {
            let (diagnostics, text, notes) = (Vec::new(), String::new(), Vec::new());
            return Built { input: input.to_path_buf(), diagnostics, text, result: Err(e), logo: None, notes };
        }
        let CheckedFile { report, root, mut diagnostics, text, .. } = check_uncapped(input, opts.catalog.as_deref());
        let mut notes = Vec::new();
        let logo = named_logo(input, root.as_ref());
        let result = match report {
            Some(report) => self.produce(input, &report, root.as_ref(), opts, &mut diagnostics, &mut notes),
            None => Err(BuildError::Invalid),
        };
        Built { input: input.to_path_buf(), diagnostics: diag::capped(diagnostics), text, result, logo, notes }
    }

    /// The PDF and the DOCX of a checked report. Both are made before either
    /// is written, so a failure leaves the earlier pair as it was.
    fn produce(
        &mut self,
        input: &Path,
        report: &Report,
        root: Option<&Node>,
        opts: &Options,
        diagnostics: &mut Vec<Diagnostic>,
        notes: &mut Vec<String>,
    ) -> Result<Vec<PathBuf>, BuildError> {
        let family = opts.font.clone().or(report.settings.font.clone());
        let alongside = self.alongside;
        let writer = self.writer(&family)?;
        if let Some(root) = root {
            diagnostics.extend(coverage::uncovered(root, writer.fonts()));
        }
        let mut doc = compose(report);
        doc.meta.timestamp = opts.timestamp;
        doc.meta.standard = opts.pdf_standard.or(doc.meta.standard);
        let font = family.unwrap_or_else(|| docx::DEFAULT_FONT.to_string());
        let (pdf, docx) = write(writer, &doc, font, alongside)?;
        let stem = input.file_stem().unwrap_or_default().to_string_lossy().into_owned();
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

    /// The Typst engine for a font family (None: the embedded fonts), made
    /// on first use and kept.
    pub fn writer(&mut self, family: &Option<String>) -> Result<&PdfWriter, NotInstalled> {
        if !self.writers.contains_key(family) {
            let fonts = match family {
                Some(f) => Fonts::with_installed(f)?,
                None => Fonts::embedded(),
            };
            self.writers.insert(family.clone(), PdfWriter::new(fonts));
        }
        Ok(&self.writers[family])
    }
}

/// The document's PDF and its DOCX (set in `font`), whose charts are the
/// PDF's drawings.
/// With `alongside`, the two are written at once, on two threads: a
/// document alone (`watch`, the editor) is ready in the time of the PDF.
pub fn write(
    writer: &PdfWriter,
    doc: &Document,
    font: String,
    alongside: bool,
) -> Result<(Vec<u8>, Vec<u8>), BuildError> {
    let chart_png = |c: &Chart, layout: &Layout, dpi: f32| writer.chart_png(c, layout, dpi).map_err(Into::into);
    let docx = || docx::write(doc, &DocxOptions { font, chart_png: &chart_png });
    let (pdf, docx) = if alongside {
        std::thread::scope(|s| {
            let docx = s.spawn(docx);
            (writer.write(doc), docx.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        })
    } else {
        (writer.write(doc), docx())
    };
    Ok((pdf?, docx?))
}

/// The logo's path as the input names it, relative to the input's folder.
fn named_logo(input: &Path, root: Option<&Node>) -> Option<PathBuf> {
    let written = root?.get("agency")?.get("logo")?.as_str()?.trim();
    let dir = input.parent().unwrap_or(Path::new("."));
    (!written.is_empty()).then(|| dir.join(written))
}
