//! Build: input files to documents, the whole pipeline for each: check,
//! compose, write the PDF and the DOCX. An input with errors produces nothing and leaves any
//! earlier output as it was.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::check::{CheckedFile, check_uncapped};
use crate::compose::compose;
use crate::diag::{self, Diagnostic};
use crate::document::{Chart, Document, Timestamp};
use crate::docx::{self, DocxError, DocxOptions};
use crate::fingerprint;
use crate::fonts::{Fonts, NotInstalled};
use crate::layout::Layout;
use crate::load::{Node, Value};
use crate::output::write_atomic;
use crate::pdf::{PdfError, PdfWriter};
use crate::report::Report;

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
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io { path: path.to_path_buf(), source }
}

/// What happened to one input.
pub struct Built {
    pub input: PathBuf,
    /// At most [`crate::limits::DIAGNOSTICS`], sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The source text, for showing the lines diagnostics point at.
    pub text: String,
    pub result: Result<Vec<PathBuf>, BuildError>,
    /// The logo the input names, when it checked: a change to it is a
    /// change to the document.
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
    let worker = || {
        let mut pipeline = Pipeline::default();
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { return out };
            let built = pipeline.build(input, opts);
            done(&built);
            out.push((i, built));
        }
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(inputs.len()).max(1);
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
#[derive(Default)]
pub struct Pipeline {
    writers: HashMap<Option<String>, PdfWriter>,
}

impl Pipeline {
    pub fn build(&mut self, input: &Path, opts: &Options) -> Built {
        let CheckedFile { report, root, mut diagnostics, text } = check_uncapped(input, opts.catalog.as_deref());
        let mut notes = Vec::new();
        let logo = report.as_ref().and_then(|r| r.agency.logo.as_ref()).map(|l| l.path.clone());
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
        let writer = self.writer(&family)?;
        if let Some(root) = root {
            diagnostics.extend(uncovered(root, writer.fonts()));
        }
        let mut doc = compose(report);
        doc.meta.timestamp = opts.timestamp;
        let (pdf, docx) = write(writer, &doc, family.unwrap_or_else(|| docx::DEFAULT_FONT.to_string()))?;
        let stem = input.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let pdf_path = opts.out_dir.join(format!("{stem}.pdf"));
        let docx_path = place_docx(&opts.out_dir.join(format!("{stem}.docx")), opts.force, notes)?;
        write_atomic(&pdf_path, &pdf).map_err(io(&pdf_path))?;
        write_atomic(&docx_path, &docx).map_err(io(&docx_path))?;
        let print = fingerprint::path_for(&docx_path);
        write_atomic(&print, fingerprint::of(&docx).as_bytes()).map_err(io(&print))?;
        Ok(vec![pdf_path, docx_path])
    }

    fn writer(&mut self, family: &Option<String>) -> Result<&PdfWriter, NotInstalled> {
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
pub fn write(writer: &PdfWriter, doc: &Document, font: String) -> Result<(Vec<u8>, Vec<u8>), BuildError> {
    let pdf = writer.write(doc)?;
    let chart_png = |c: &Chart, layout: &Layout, dpi: f32| writer.chart_png(c, layout, dpi).map_err(Into::into);
    let docx = docx::write(doc, &DocxOptions { font, chart_png: &chart_png })?;
    Ok((pdf, docx))
}

/// Where the new DOCX goes. One edited since ita-report wrote it is kept:
/// the new one goes beside it, or, with `force`, it is kept as a backup.
fn place_docx(path: &Path, force: bool, notes: &mut Vec<String>) -> Result<PathBuf, BuildError> {
    if !fingerprint::edited(path) {
        return Ok(path.to_path_buf());
    }
    let shown = path.display();
    if force {
        let backup = path.with_extension("bak.docx");
        std::fs::rename(path, &backup).map_err(io(path))?;
        let backup = backup.display();
        notes.push(format!(
            "{shown} ถูกแก้ไขหลังสร้าง เก็บไว้เป็น {backup} แล้วเขียนฉบับใหม่แทน ({shown} was edited after it was written: kept as {backup}, and replaced)"
        ));
        return Ok(path.to_path_buf());
    }
    let beside = path.with_extension("new.docx");
    let new = beside.display();
    notes.push(format!(
        "{shown} ถูกแก้ไขหลังสร้าง จึงไม่เขียนทับ ฉบับใหม่อยู่ที่ {new} (--force เขียนทับโดยเก็บฉบับที่แก้ไว้) \
         ({shown} was edited after it was written, so it is not overwritten: the new one is {new}; --force replaces it, keeping the edited one as a backup)"
    ));
    Ok(beside)
}

/// A warning for every text value holding characters no font in use can
/// print (they would show as empty boxes).
fn uncovered(root: &Node, fonts: &Fonts) -> Vec<Diagnostic> {
    let fonts = fonts.measure();
    let mut out = Vec::new();
    walk(root, String::new(), &mut |path, node| {
        let Value::Scalar { text, .. } = &node.value else { return };
        let missing = fonts.uncovered(text);
        if missing.is_empty() {
            return;
        }
        let list: Vec<String> = missing.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
        let list = list.join(", ");
        out.push(Diagnostic::warning(
            node.pos,
            path,
            format!("ฟอนต์ที่ใช้ไม่มีอักขระ {list} จะพิมพ์เป็นกล่องว่าง"),
            format!("no font in use has {list}; it would print as an empty box"),
        ));
    });
    out
}

fn walk(node: &Node, path: String, f: &mut impl FnMut(&str, &Node)) {
    match &node.value {
        Value::Scalar { .. } => f(&path, node),
        Value::Seq(items) => items.iter().enumerate().for_each(|(i, n)| walk(n, format!("{path}[{i}]"), f)),
        Value::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            let key = k.as_str().unwrap_or_default();
            walk(v, if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }, f)
        }),
    }
}
