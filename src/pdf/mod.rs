//! The PDF writer: a Document laid out by Typst (templates/report.typ) with
//! the embedded or chosen fonts.
//!
//! The Document reaches Typst as JSON, in a file the template reads (see
//! [`prepare`]), never as Typst source, so user text is always printed as
//! written.

mod pieces;
mod prepare;

use std::borrow::Cow;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Dict, IntoValue};
use typst::syntax::{FileId, Source};
use typst_as_lib::conversions::IntoFileId;
use typst_as_lib::file_resolver::FileResolver;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateCollection};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp as PdfTimestamp};

use crate::document::{Chart, Document, Meta, PdfStandard, Timestamp};
use crate::fonts::Fonts;
use crate::layout::Layout;
use crate::wordbreak::WordBreaker;

const SOURCES: [(&str, &str); 3] = [
    ("report.typ", include_str!("../../templates/report.typ")),
    ("chart.typ", include_str!("../../templates/chart.typ")),
    ("chart-page.typ", include_str!("../../templates/chart-page.typ")),
];

/// How many documents' layouts a memoized result outlives its last use.
const CACHE_AGE: usize = 5;

/// Why a PDF (or a chart's picture) could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("สร้าง PDF ไม่สำเร็จ (the PDF could not be made): {0}")]
    Layout(String),
    #[error("สร้าง PDF ไม่สำเร็จ (the PDF could not be made): {0}")]
    Export(String),
    #[error(
        "PDF/A-2u ต้องมีวันที่ของเอกสาร: ระบุ document.date ในไฟล์ หรือ SOURCE_DATE_EPOCH \
         (PDF/A-2u needs the document's date: give document.date in the file, or SOURCE_DATE_EPOCH)"
    )]
    NoDate,
    #[error("วาดแผนภูมิไม่สำเร็จ (the chart could not be drawn): the chart has no page")]
    NoChart,
    #[error("วาดแผนภูมิไม่สำเร็จ (the chart could not be drawn): {0}")]
    Picture(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<TypstAsLibError> for PdfError {
    fn from(e: TypstAsLibError) -> Self {
        PdfError::Layout(match e {
            TypstAsLibError::TypstSource(diags) => messages(&diags),
            other => other.to_string(),
        })
    }
}

fn messages(diags: &[typst::diag::SourceDiagnostic]) -> String {
    diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")
}

/// Where the template reads the document and its logo.
const DOCUMENT: &str = "/document.json";
const LOGO: &str = "/logo";

/// A Typst engine with the templates and fonts loaded, reused for every
/// document it writes.
pub struct PdfWriter {
    engine: TypstEngine<TypstTemplateCollection>,
    fonts: Fonts,
    /// What every template reads in `sys.inputs`, the same for each compile.
    inputs: Dict,
    /// The document being laid out, and its logo, as files the template
    /// reads, not as `sys.inputs`: Typst checks every memoized layout
    /// against the inputs, so a document in them would make a change to one
    /// score lay out every page again. Read as files, only what reads them
    /// is redone.
    files: DocumentFiles,
    /// One document at a time in `files`.
    laying_out: Mutex<()>,
}

/// The files of the document being laid out.
#[derive(Clone, Default)]
struct DocumentFiles(Arc<RwLock<Vec<(FileId, Bytes)>>>);

impl FileResolver for DocumentFiles {
    fn resolve_binary(&self, id: FileId) -> FileResult<Cow<'_, Bytes>> {
        let files = self.0.read().unwrap_or_else(PoisonError::into_inner);
        let found = files.iter().find(|(f, _)| *f == id).map(|(_, b)| Cow::Owned(b.clone()));
        found.ok_or_else(|| not_found(id))
    }

    fn resolve_source(&self, id: FileId) -> FileResult<Cow<'_, Source>> {
        Err(not_found(id))
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}

/// A document ready for the template: its texts cut where lines may break,
/// and its logo.
pub struct Prepared {
    document: Bytes,
    logo: Option<Bytes>,
}

impl PdfWriter {
    pub fn new(fonts: Fonts) -> PdfWriter {
        let files = DocumentFiles::default();
        let engine = TypstEngine::builder()
            .fonts(fonts.data.iter().map(|d| d.as_slice()))
            .with_static_source_file_resolver(SOURCES)
            .add_file_resolver(files.clone())
            // Evicted after each document's layout instead (see `layout`).
            .comemo_evict_max_age(None)
            .build();
        let inputs = inputs(&fonts);
        PdfWriter { engine, fonts, inputs, files, laying_out: Mutex::new(()) }
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Each table's columns as the PDF sets them (a header's word never
    /// cut), written into the document for the DOCX too.
    pub fn fit_columns(&self, doc: &mut Document) {
        self.preparer(doc).fit_columns(doc);
    }

    fn preparer(&self, doc: &Document) -> prepare::Preparer<'_> {
        prepare::Preparer {
            breaker: WordBreaker::new(doc.keep_whole.iter().cloned(), doc.names.iter().cloned()),
            fonts: self.fonts.measure(),
        }
    }

    /// The document as the template reads it, its texts cut where lines may
    /// break.
    pub fn prepare(&self, doc: &Document) -> Prepared {
        let preparer = self.preparer(doc);
        let json = serde_json::to_vec(&preparer.document(doc)).expect("a document serializes");
        let logo = doc.cover_logo().map(|l| Bytes::new(l.to_vec()));
        Prepared { document: Bytes::new(json), logo }
    }

    /// Lays a prepared document out into pages.
    pub fn layout(&self, doc: &Prepared) -> Result<PagedDocument, PdfError> {
        let _one = self.laying_out.lock().unwrap_or_else(PoisonError::into_inner);
        let mut files = vec![(DOCUMENT.into_file_id(), doc.document.clone())];
        files.extend(doc.logo.clone().map(|logo| (LOGO.into_file_id(), logo)));
        *self.files.0.write().unwrap_or_else(PoisonError::into_inner) = files;
        let pages = self.engine.compile_with_input("report.typ", self.inputs.clone()).output;
        // Keep what Typst memoized for a few documents: a rebuild after a
        // small change, or the next agency's document of a batch, whose texts
        // are mostly the same, reuses most of the layout, and memory stays
        // bounded however long the batch. Counted in documents, not compiles,
        // so that a DOCX's charts do not age it faster.
        typst::comemo::evict(CACHE_AGE);
        Ok(pages?)
    }

    /// The PDF of laid-out pages, to the standard the document asks for.
    /// Where the document has no date of its own, its creation date is the
    /// timestamp's (SOURCE_DATE_EPOCH), never the clock: the same input
    /// gives the same bytes.
    pub fn export(&self, pages: &PagedDocument, meta: &Meta) -> Result<Vec<u8>, PdfError> {
        if meta.standard.is_some() && meta.date.is_none() && meta.timestamp.is_none() {
            return Err(PdfError::NoDate);
        }
        let standards = match meta.standard {
            Some(PdfStandard::A2u) => PdfStandards::new(&[typst_pdf::PdfStandard::A_2u])
                .map_err(|e| PdfError::Export(e.message().to_string()))?,
            None => PdfStandards::default(),
        };
        let timestamp = meta.timestamp.and_then(pdf_timestamp);
        let options = PdfOptions { timestamp, standards, ..PdfOptions::default() };
        let pdf = typst_pdf::pdf(pages, &options).map_err(|diags| PdfError::Export(messages(&diags)))?;
        Ok(retag_thai(pdf))
    }

    pub fn write(&self, doc: &Document) -> Result<Vec<u8>, PdfError> {
        self.export(&self.layout(&self.prepare(doc))?, &doc.meta)
    }

    /// A chart drawn as in the PDF, as a PNG at `dpi` (for the DOCX).
    pub fn chart_png(&self, chart: &Chart, layout: &Layout, dpi: f32) -> Result<Vec<u8>, PdfError> {
        let mut inputs = self.inputs.clone();
        let json = serde_json::to_vec(chart).expect("a chart serializes");
        inputs.insert("chart".into(), Bytes::new(json).into_value());
        inputs.insert("caption".into(), layout.sizes.caption.into_value());
        let pages: PagedDocument = self.engine.compile_with_input("chart-page.typ", inputs).output?;
        let page = pages.pages().first().ok_or(PdfError::NoChart)?;
        let pixmap = typst_render::render(
            page,
            &typst_render::RenderOptions {
                pixel_per_pt: typst::utils::Scalar::new(f64::from(dpi) / 72.0),
                ..Default::default()
            },
        );
        pixmap.encode_png().map_err(|e| PdfError::Picture(e.into()))
    }
}

/// The fonts' families, the first as the one to set text in, and `txt`.
fn inputs(fonts: &Fonts) -> Dict {
    let mut inputs = Dict::new();
    let families: Vec<_> = fonts.families.iter().map(|f| f.as_str().into_value()).collect();
    inputs.insert("fonts".into(), families.into_value());
    inputs.insert("font".into(), fonts.families[0].as_str().into_value());
    inputs.insert("txt".into(), pieces::function().into_value());
    inputs
}

/// Word boxes are set as Japanese to spare Typst its Thai LSTM (see
/// src/pdf/pieces.rs), and the PDF's structure tags them so; they are Thai,
/// for screen readers too. The tag is replaced in place by one of the same
/// length, so every offset in the file stays right.
fn retag_thai(mut pdf: Vec<u8>) -> Vec<u8> {
    const FROM: &[u8] = b"/Lang(ja)";
    const TO: &[u8] = b"/Lang(th)";
    let mut at = 0;
    while let Some(i) = pdf[at..].windows(FROM.len()).position(|w| w == FROM) {
        pdf[at + i..at + i + TO.len()].copy_from_slice(TO);
        at += i + TO.len();
    }
    pdf
}

fn pdf_timestamp(t: Timestamp) -> Option<PdfTimestamp> {
    let (year, month, day, hour, minute, second) = t.utc()?;
    let dt = typst::foundations::Datetime::from_ymd_hms(year, month, day, hour, minute, second)?;
    Some(PdfTimestamp::new_utc(dt))
}
