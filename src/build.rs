//! Build: input files to documents, the whole pipeline for each: check,
//! compose, write the PDF and the DOCX. An input with errors produces nothing and leaves any
//! earlier output as it was.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::check::{Outcome, check_file};
use crate::compose::compose;
use crate::diag::Diagnostic;
use crate::document::Chart;
use crate::docx::{self, DocxOptions};
use crate::fonts::Fonts;
use crate::load::{Node, Value};
use crate::output::write_atomic;
use crate::pdf::PdfWriter;
use crate::report::Report;

pub struct Options {
    pub out_dir: PathBuf,
    /// A font family that overrides the files' `document.font`.
    pub font: Option<String>,
}

/// What happened to one input.
pub struct Built {
    pub input: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    /// The source text, for showing the lines diagnostics point at.
    pub text: String,
    pub result: Result<Vec<PathBuf>, String>,
}

/// Builds inputs one after another, reusing a Typst engine per font family.
#[derive(Default)]
pub struct Builder {
    writers: HashMap<Option<String>, PdfWriter>,
}

impl Builder {
    pub fn build(&mut self, input: &Path, opts: &Options) -> Built {
        let Outcome { report, root, mut diagnostics, text } = check_file(input);
        let result = match report {
            Some(report) => self.produce(input, &report, root.as_ref(), opts, &mut diagnostics),
            None => Err("ไฟล์มีข้อผิดพลาด (the file has errors)".into()),
        };
        Built { input: input.to_path_buf(), diagnostics: crate::diag::sorted(diagnostics), text, result }
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
        let outputs =
            [(opts.out_dir.join(format!("{stem}.pdf")), pdf), (opts.out_dir.join(format!("{stem}.docx")), docx)];
        for (path, bytes) in &outputs {
            write_atomic(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(outputs.into_iter().map(|(path, _)| path).collect())
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

/// A warning for every text value holding characters no font in use can
/// print (they would show as empty boxes).
fn uncovered(root: &Node, fonts: &Fonts) -> Vec<Diagnostic> {
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
