//! Build: input files to documents, the whole pipeline for each: check,
//! compose, write the PDF and the DOCX. An input with errors produces nothing and leaves any
//! earlier output as it was.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::check::{Outcome, check_file};
use crate::compose::compose;
use crate::diag::Diagnostic;
use crate::document::Chart;
use crate::docx::{self, DocxOptions};
use crate::fingerprint;
use crate::fonts::Fonts;
use crate::load::{Node, Value};
use crate::output::write_atomic;
use crate::pdf::PdfWriter;
use crate::report::Report;

pub struct Options {
    pub out_dir: PathBuf,
    /// A font family that overrides the files' `document.font`.
    pub font: Option<String>,
    /// Replace a DOCX edited since it was written (keeping it as a backup).
    pub force: bool,
}

/// What happened to one input.
pub struct Built {
    pub input: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    /// The source text, for showing the lines diagnostics point at.
    pub text: String,
    pub result: Result<Vec<PathBuf>, String>,
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
/// Plain threads with one Builder each, not rayon's `par_iter`: Typst and
/// krilla wait for their own rayon work with `rayon::yield_now`, which on a
/// rayon worker runs the batch's other inputs nested on its stack, each with
/// a Builder of its own: memory grew with the batch (1.4 GB for 200).
pub fn build_all(inputs: &[PathBuf], opts: &Options, done: impl Fn(&Built) + Sync) -> Vec<Built> {
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut builder = Builder::default();
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { return out };
            let built = builder.build(input, opts);
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

/// Builds inputs one after another, reusing a Typst engine per font family.
#[derive(Default)]
pub struct Builder {
    writers: HashMap<Option<String>, PdfWriter>,
}

impl Builder {
    pub fn build(&mut self, input: &Path, opts: &Options) -> Built {
        let Outcome { report, root, mut diagnostics, text } = check_file(input);
        let mut notes = Vec::new();
        let result = match report {
            Some(report) => self.produce(input, &report, root.as_ref(), opts, &mut diagnostics, &mut notes),
            None => Err("ไฟล์มีข้อผิดพลาด (the file has errors)".into()),
        };
        Built { input: input.to_path_buf(), diagnostics: crate::diag::sorted(diagnostics), text, result, notes }
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
    ) -> Result<Vec<PathBuf>, String> {
        let family = opts.font.clone().or(report.settings.font.clone());
        let writer = self.writer(&family)?;
        if let Some(root) = root {
            diagnostics.extend(uncovered(root, writer.fonts()));
        }
        let doc = compose(report);
        let logo = match &report.agency.logo {
            Some(p) => Some(std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?),
            None => None,
        };
        let numerals = report.settings.numerals;
        let pdf = writer.write(&doc, numerals, logo.as_deref()).map_err(|e| e.to_string())?;
        let chart_png = |c: &Chart, dpi: f32| writer.chart_png(c, dpi).map_err(|e| e.to_string());
        let docx_opts = DocxOptions {
            font: family.unwrap_or_else(|| docx::DEFAULT_FONT.to_string()),
            numerals,
            logo: logo.as_deref(),
            chart_png: &chart_png,
        };
        let docx = docx::write(&doc, &docx_opts).map_err(|e| e.to_string())?;
        let stem = input.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let pdf_path = opts.out_dir.join(format!("{stem}.pdf"));
        let docx_path = place_docx(&opts.out_dir.join(format!("{stem}.docx")), opts.force, notes)?;
        let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
        write_atomic(&pdf_path, &pdf).map_err(|e| io(&pdf_path, e))?;
        write_atomic(&docx_path, &docx).map_err(|e| io(&docx_path, e))?;
        let print = fingerprint::path_for(&docx_path);
        write_atomic(&print, fingerprint::of(&docx).as_bytes()).map_err(|e| io(&print, e))?;
        Ok(vec![pdf_path, docx_path])
    }

    fn writer(&mut self, family: &Option<String>) -> Result<&PdfWriter, String> {
        if !self.writers.contains_key(family) {
            let fonts = match family {
                Some(f) => Fonts::with_installed(f).map_err(|e| e.to_string())?,
                None => Fonts::embedded(),
            };
            self.writers.insert(family.clone(), PdfWriter::new(fonts));
        }
        Ok(&self.writers[family])
    }
}

/// Where the new DOCX goes. One edited since ita-report wrote it is kept:
/// the new one goes beside it, or, with `force`, it is kept as a backup.
fn place_docx(path: &Path, force: bool, notes: &mut Vec<String>) -> Result<PathBuf, String> {
    if !fingerprint::edited(path) {
        return Ok(path.to_path_buf());
    }
    let shown = path.display();
    if force {
        let backup = path.with_extension("bak.docx");
        std::fs::rename(path, &backup).map_err(|e| format!("{shown}: {e}"))?;
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
