//! The PDF writer: a Document laid out by Typst (templates/report.typ) with
//! the embedded or chosen fonts.
//!
//! The Document reaches Typst as JSON in `sys.inputs`, never as Typst
//! source, so user text is always printed as written.

use typst::foundations::{Bytes, Dict, IntoValue};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateCollection};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::document::{Chart, Document};
use crate::fonts::Fonts;
use crate::thai::Numerals;

const SOURCES: [(&str, &str); 3] = [
    ("report.typ", include_str!("../templates/report.typ")),
    ("chart.typ", include_str!("../templates/chart.typ")),
    ("chart-page.typ", include_str!("../templates/chart-page.typ")),
];

/// A Typst engine with the templates and fonts loaded, reused for every
/// document it writes.
pub struct PdfWriter {
    engine: TypstEngine<TypstTemplateCollection>,
    fonts: Fonts,
}

#[derive(Debug)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "สร้าง PDF ไม่สำเร็จ (the PDF could not be made): {}", self.0)
    }
}

impl From<TypstAsLibError> for PdfError {
    fn from(e: TypstAsLibError) -> Self {
        PdfError(match e {
            TypstAsLibError::TypstSource(diags) => {
                diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")
            }
            other => other.to_string(),
        })
    }
}

impl PdfWriter {
    pub fn new(fonts: Fonts) -> PdfWriter {
        let engine = TypstEngine::builder()
            .fonts(fonts.data.iter().map(|d| d.as_slice()))
            .with_static_source_file_resolver(SOURCES)
            .build();
        PdfWriter { engine, fonts }
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Lays the document out into pages.
    pub fn layout(&self, doc: &Document, numerals: Numerals, logo: Option<&[u8]>) -> Result<PagedDocument, PdfError> {
        let mut inputs = self.base_inputs(numerals);
        inputs.insert("document".into(), json(doc).into_value());
        if let Some(logo) = logo {
            inputs.insert("logo".into(), Bytes::new(logo.to_vec()).into_value());
        }
        Ok(self.engine.compile_with_input("report.typ", inputs).output?)
    }

    /// The PDF of laid-out pages. Its creation date is the document's own,
    /// or SOURCE_DATE_EPOCH's, never the clock: the same input gives the
    /// same bytes.
    pub fn export(&self, pages: &PagedDocument) -> Result<Vec<u8>, PdfError> {
        let options = PdfOptions { timestamp: source_date_epoch(), ..PdfOptions::default() };
        typst_pdf::pdf(pages, &options)
            .map_err(|diags| PdfError(diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")))
    }

    pub fn write(&self, doc: &Document, numerals: Numerals, logo: Option<&[u8]>) -> Result<Vec<u8>, PdfError> {
        self.export(&self.layout(doc, numerals, logo)?)
    }

    /// A chart drawn as in the PDF, as a PNG at `dpi` (for the DOCX).
    pub fn chart_png(&self, chart: &Chart, dpi: f32) -> Result<Vec<u8>, PdfError> {
        let mut inputs = self.base_inputs(Numerals::Thai);
        inputs.insert("chart".into(), json(chart).into_value());
        let pages: PagedDocument = self.engine.compile_with_input("chart-page.typ", inputs).output?;
        let page = pages.pages().first().ok_or_else(|| PdfError("the chart has no page".into()))?;
        let pixmap = typst_render::render(
            page,
            &typst_render::RenderOptions {
                pixel_per_pt: typst::utils::Scalar::new(f64::from(dpi) / 72.0),
                ..Default::default()
            },
        );
        pixmap.encode_png().map_err(|e| PdfError(e.to_string()))
    }

    fn base_inputs(&self, numerals: Numerals) -> Dict {
        let mut inputs = Dict::new();
        let families: Vec<_> = self.fonts.families.iter().map(|f| f.as_str().into_value()).collect();
        inputs.insert("fonts".into(), families.into_value());
        inputs.insert("font".into(), self.fonts.families[0].as_str().into_value());
        inputs.insert("numerals".into(), if numerals == Numerals::Thai { "thai" } else { "arabic" }.into_value());
        inputs
    }
}

fn json<T: serde::Serialize>(value: &T) -> Bytes {
    Bytes::new(serde_json::to_vec(value).expect("a document serializes"))
}

/// The reproducible-builds convention: SOURCE_DATE_EPOCH, in seconds.
fn source_date_epoch() -> Option<Timestamp> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    let t = time::OffsetDateTime::from_unix_timestamp(secs).ok()?;
    let dt = typst::foundations::Datetime::from_ymd_hms(
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
    )?;
    Some(Timestamp::new_utc(dt))
}
