//! Pipeline: an input's bytes to its documents' bytes, every stage of the
//! core in order (check, compose, the PDF and the DOCX writers). It reads
//! no file, starts no thread and reads no clock: the front ends give it
//! the input, the files it names and the date to stamp, and do the rest.

use std::collections::HashMap;

use crate::check::{CheckedFile, check_bytes};
use crate::document::{Chart, Document, PdfStandard, Timestamp};
use crate::docx::{self, DocxError, DocxOptions};
use crate::files::Files;
use crate::fonts::{Fonts, NotInstalled};
use crate::layout::Layout;
use crate::pdf::{PdfError, PdfWriter};
use crate::report::Report;
use crate::{compose, coverage};

/// How the documents are made, whatever the input says.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// A font family that overrides the input's `document.font`.
    pub font: Option<String>,
    /// The documents' creation date where they have none of their own
    /// (SOURCE_DATE_EPOCH).
    pub timestamp: Option<Timestamp>,
    /// A catalog file, by its name among the files, instead of the one the
    /// input names or the built-in one.
    pub catalog: Option<String>,
    /// An archival standard for the PDF, whatever the input asks.
    pub pdf_standard: Option<PdfStandard>,
    /// Which of the year's two documents is made.
    pub kind: Kind,
}

/// The year's two documents from one input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    /// The analysis of the results and the measures.
    #[default]
    Analysis,
    /// The report on what was done about the measures (`build --followup`).
    Followup,
}

impl Kind {
    /// The kind as the editor's page names it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Analysis => "analysis",
            Kind::Followup => "followup",
        }
    }

    /// The kind the page names, if it is one.
    pub fn named(name: &str) -> Option<Kind> {
        [Kind::Analysis, Kind::Followup].into_iter().find(|k| k.name() == name)
    }

    /// What the documents' file names end in: `NAME.pdf`, `NAME-followup.pdf`.
    pub fn suffix(self) -> &'static str {
        match self {
            Kind::Analysis => "",
            Kind::Followup => "-followup",
        }
    }
}

/// Why an input made no documents.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("ไฟล์มีข้อผิดพลาด (the file has errors)")]
    Invalid,
    #[error(
        "ยังไม่มีผลการดำเนินการที่จะรายงาน: กรอก result ของแต่ละมาตรการ หรือส่วน followup ก่อน \
         (nothing to report yet: give each measure its result, or a followup block, first)"
    )]
    NoResults,
    #[error(transparent)]
    Font(#[from] NotInstalled),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Docx(#[from] DocxError),
}

/// A document's two files.
pub struct Documents {
    pub pdf: Vec<u8>,
    pub docx: Vec<u8>,
}

/// A checked input and, when it has no errors, its documents.
pub struct Rendered {
    pub checked: CheckedFile,
    pub documents: Result<Documents, RenderError>,
}

/// Finds an installed font family by name.
pub type FindFamily = fn(&str) -> Result<Fonts, NotInstalled>;

/// The stages for inputs one after another, reusing a Typst engine per font
/// family.
pub struct Pipeline {
    writers: HashMap<Option<String>, PdfWriter>,
    find_family: FindFamily,
}

impl Default for Pipeline {
    /// The embedded fonts alone: an input that asks for another family is
    /// told it is not installed.
    fn default() -> Self {
        Pipeline::new(Fonts::none_installed)
    }
}

impl Pipeline {
    pub fn new(find_family: FindFamily) -> Self {
        Pipeline { writers: HashMap::new(), find_family }
    }

    /// The Typst engine for a font family (None: the embedded fonts), made
    /// on first use and kept.
    pub fn writer(&mut self, family: &Option<String>) -> Result<&PdfWriter, NotInstalled> {
        if !self.writers.contains_key(family) {
            let fonts = match family {
                Some(f) => (self.find_family)(f)?,
                None => Fonts::embedded(),
            };
            self.writers.insert(family.clone(), PdfWriter::new(fonts));
        }
        Ok(&self.writers[family])
    }

    /// The font family a checked input is set in.
    pub fn family(settings: &Settings, report: Option<&Report>) -> Option<String> {
        settings.font.clone().or_else(|| report.and_then(|r| r.settings.font.clone()))
    }

    /// Checks an input and, when it has no errors, warns of every text its
    /// fonts cannot print (a control character refused is not warned of
    /// again). Every diagnostic is kept (uncapped).
    pub fn check(&mut self, bytes: Vec<u8>, files: &dyn Files, settings: &Settings) -> CheckedFile {
        let mut checked = check_bytes(bytes, files, settings.catalog.as_deref());
        let family = Self::family(settings, checked.report.as_ref());
        if let (Some(_), Some(root), Ok(writer)) = (&checked.report, &checked.root, self.writer(&family)) {
            checked.diagnostics.extend(coverage::uncovered(root, writer.fonts()));
        }
        checked
    }

    /// Checks an input and, when it has no errors, makes its documents.
    pub fn render(&mut self, bytes: Vec<u8>, files: &dyn Files, settings: &Settings) -> Rendered {
        let checked = self.check(bytes, files, settings);
        let documents = match &checked.report {
            Some(report) => self.documents(report, settings),
            None => Err(RenderError::Invalid),
        };
        Rendered { checked, documents }
    }

    /// The PDF and the DOCX of a checked report, one after the other.
    pub fn documents(&mut self, report: &Report, settings: &Settings) -> Result<Documents, RenderError> {
        let (writer, doc, font) = self.prepare(report, settings)?;
        Ok(Documents { pdf: writer.write(&doc)?, docx: write_docx(writer, &doc, font)? })
    }

    /// What both writers need: the engine, the composed document, and the
    /// family the DOCX names.
    pub fn prepare(
        &mut self,
        report: &Report,
        settings: &Settings,
    ) -> Result<(&PdfWriter, Document, String), RenderError> {
        let family = Self::family(settings, Some(report));
        let mut doc = document(report, settings)?;
        let writer = self.writer(&family)?;
        writer.fit_columns(&mut doc);
        Ok((writer, doc, family.unwrap_or_else(|| docx::DEFAULT_FONT.to_string())))
    }
}

/// The layout-neutral document of a report, stamped as `settings` say; a
/// follow-up report needs something to report.
pub fn document(report: &Report, settings: &Settings) -> Result<Document, RenderError> {
    let mut doc = match settings.kind {
        Kind::Analysis => compose::compose(report),
        Kind::Followup if report.has_results() => compose::compose_followup(report),
        Kind::Followup => return Err(RenderError::NoResults),
    };
    doc.meta.timestamp = settings.timestamp;
    doc.meta.standard = settings.pdf_standard.or(doc.meta.standard);
    Ok(doc)
}

/// The DOCX of a document, set in `font`, its charts the PDF's drawings.
pub fn write_docx(writer: &PdfWriter, doc: &Document, font: String) -> Result<Vec<u8>, RenderError> {
    let chart_png = |c: &Chart, layout: &Layout, dpi: f32| writer.chart_png(c, layout, dpi).map_err(Into::into);
    Ok(docx::write(doc, &DocxOptions { font, chart_png: &chart_png })?)
}
