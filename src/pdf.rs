//! The PDF writer: a Document laid out by Typst (templates/report.typ) with
//! the embedded or chosen fonts.
//!
//! The Document reaches Typst as JSON in `sys.inputs`, never as Typst
//! source, so user text is always printed as written.

use serde_json::Value;
use typst::foundations::{Bytes, Dict, IntoValue};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateCollection};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::document::{Chart, Document};
use crate::fonts::{Fonts, Measure};
use crate::thai::Numerals;
use crate::wordbreak::{Piece, WordBreaker};

const SOURCES: [(&str, &str); 3] = [
    ("report.typ", include_str!("../templates/report.typ")),
    ("chart.typ", include_str!("../templates/chart.typ")),
    ("chart-page.typ", include_str!("../templates/chart-page.typ")),
];

/// How many compiles a memoized result outlives its last use.
const CACHE_AGE: usize = 5;

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
            // Keep what Typst memoized for a few compiles: a rebuild after a
            // small change reuses most of the layout, and memory stays
            // bounded over a batch of hundreds.
            .comemo_evict_max_age(Some(CACHE_AGE))
            .build();
        PdfWriter { engine, fonts }
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Lays the document out into pages.
    /// The document as the template reads it, its texts cut where lines may
    /// break.
    pub fn prepare(&self, doc: &Document) -> Prepared {
        let prepare =
            Prepare { breaker: WordBreaker::new(doc.keep_whole.iter().cloned()), fonts: self.fonts.measure() };
        Prepared(json(&prepare.document(doc)))
    }

    /// Lays a prepared document out into pages.
    pub fn layout(&self, doc: &Prepared, numerals: Numerals, logo: Option<&[u8]>) -> Result<PagedDocument, PdfError> {
        let mut inputs = self.base_inputs(numerals);
        inputs.insert("document".into(), doc.0.clone().into_value());
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
        let pdf = typst_pdf::pdf(pages, &options)
            .map_err(|diags| PdfError(diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")))?;
        Ok(retag_thai(pdf))
    }

    pub fn write(&self, doc: &Document, numerals: Numerals, logo: Option<&[u8]>) -> Result<Vec<u8>, PdfError> {
        self.export(&self.layout(&self.prepare(doc), numerals, logo)?)
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

/// Text widths of the page, in points: A4 less the margins (3 cm + 2 cm).
const TEXT_WIDTH: f64 = 453.5;
const TEXT_WIDTH_LANDSCAPE: f64 = 700.2;
const BODY_SIZE: f64 = 16.0;
/// A table cell's insets, left and right (templates/report.typ).
const CELL_INSETS: f64 = 10.0;

/// The document as the template reads it: every text cut into pieces at the
/// places a line may break (see `wordbreak`), each piece a string (laid out
/// as usual), a one-string array (a unit that does not break) or an empty
/// array (a line break).
struct Prepare<'a> {
    breaker: WordBreaker,
    fonts: Measure<'a>,
}

/// A document ready for the template (see [`PdfWriter::prepare`]).
pub struct Prepared(Bytes);

impl Prepare<'_> {
    fn document(&self, doc: &Document) -> Value {
        let mut v = serde_json::to_value(doc).expect("a document serializes");
        let mut width = TEXT_WIDTH;
        for block in v["blocks"].as_array_mut().into_iter().flatten() {
            match block["kind"].as_str().unwrap_or_default() {
                "section" => {
                    width = if block["landscape"] == Value::Bool(true) { TEXT_WIDTH_LANDSCAPE } else { TEXT_WIDTH }
                }
                "cover" => {
                    for key in ["title", "agency"] {
                        self.texts(&mut block[key], width, 20.0, true);
                    }
                }
                "heading" => self.text(&mut block["text"], width, BODY_SIZE, true),
                "paragraph" => self.runs(&mut block["runs"], width - 2.5 * BODY_SIZE),
                "chart" => self.text(&mut block["title"], width, 14.0, true),
                "signatory" => self.texts(&mut block["lines"], 255.0, BODY_SIZE, false),
                "table" => self.table(block, width),
                _ => {}
            }
        }
        v
    }

    fn table(&self, table: &mut Value, width: f64) {
        let widths: Vec<f64> = table["widths"].as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
        let total: f64 = widths.iter().sum();
        let mut columns: Vec<f64> = widths.iter().map(|w| width * w / total).collect();
        let header = table["header"].as_array().map(Vec::as_slice).unwrap_or_default();
        let needs: Vec<f64> = header.iter().map(|cell| self.widest_word(cell) + CELL_INSETS).collect();
        fit_words(&mut columns, &needs);
        table["widths"] = columns.iter().map(|&c| Value::from(c)).collect();
        // A cell's text width: its column less the insets.
        let col = |i: usize| columns.get(i).copied().unwrap_or(0.0) - CELL_INSETS;
        for (i, cell) in table["header"].as_array_mut().into_iter().flatten().enumerate() {
            self.paras(cell, col(i));
        }
        // Cells fill the columns that no merged cell above still covers.
        let mut covered = vec![0usize; widths.len()];
        for row in table["rows"].as_array_mut().into_iter().flatten() {
            let mut column = 0;
            for cell in row.as_array_mut().into_iter().flatten() {
                while covered.get(column).is_some_and(|&c| c > 0) {
                    column += 1;
                }
                self.paras(cell, col(column));
                if let Some(c) = covered.get_mut(column) {
                    *c = cell["rows"].as_u64().unwrap_or(1) as usize;
                }
                column += 1;
            }
            covered.iter_mut().for_each(|c| *c = c.saturating_sub(1));
        }
    }

    /// The widest word of a (header) cell, in bold: the column must hold it
    /// or the word breaks inside.
    fn widest_word(&self, cell: &Value) -> f64 {
        let runs =
            cell["paras"].as_array().into_iter().flatten().flat_map(|p| p["runs"].as_array().into_iter().flatten());
        let texts = runs.filter_map(|r| r["text"].as_str());
        let words = texts.flat_map(|t| self.breaker.words(t));
        words.map(|w| self.fonts.width(&w, BODY_SIZE, true)).fold(0.0, f64::max)
    }

    fn paras(&self, cell: &mut Value, width: f64) {
        for para in cell["paras"].as_array_mut().into_iter().flatten() {
            self.runs(&mut para["runs"], width);
        }
    }

    fn runs(&self, runs: &mut Value, width: f64) {
        for run in runs.as_array_mut().into_iter().flatten() {
            let bold = run["bold"] == Value::Bool(true);
            self.text(&mut run["text"], width, BODY_SIZE, bold);
        }
    }

    fn texts(&self, lines: &mut Value, width: f64, size: f64, bold: bool) {
        for line in lines.as_array_mut().into_iter().flatten() {
            self.text(line, width, size, bold);
        }
    }

    fn text(&self, text: &mut Value, width: f64, size: f64, bold: bool) {
        let Some(s) = text.as_str() else { return };
        let measure = |t: &str| self.fonts.width(t, size, bold);
        let pieces = self.breaker.pieces(s, measure, width).into_iter().map(|p| match p {
            Piece::Text(t) => Value::String(t),
            Piece::Unit(u) => Value::Array(vec![Value::String(u)]),
            Piece::Break => Value::Array(Vec::new()),
        });
        *text = Value::Array(pieces.collect());
    }
}

/// Widens the columns (in points) whose widest header word does not fit,
/// taking the room from the others in proportion to what they can spare, as
/// a typesetter would rather than break a word of a heading. Where the table
/// has not the room, the columns stay as they are.
fn fit_words(columns: &mut [f64], needs: &[f64]) {
    let short: f64 = columns.iter().zip(needs).map(|(c, n)| (n - c).max(0.0)).sum();
    let spare: f64 = columns.iter().zip(needs).map(|(c, n)| (c - n).max(0.0)).sum();
    if short <= 0.0 || spare < short {
        return;
    }
    for (c, n) in columns.iter_mut().zip(needs) {
        *c = if *c < *n { *n } else { *c - (*c - n) * short / spare };
    }
}

/// Word boxes are set as Japanese to spare Typst its Thai LSTM (see
/// templates/chart.typ), and the PDF's structure tags them so; they are Thai,
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

#[cfg(test)]
mod tests {
    use super::fit_words;

    #[test]
    fn a_column_too_narrow_for_its_header_word_takes_room_from_those_that_can_spare_it() {
        let mut columns = [100.0, 40.0, 60.0];
        fit_words(&mut columns, &[50.0, 50.0, 60.0]);
        // The second grows to its word; only the first had room to spare.
        assert_eq!(columns, [90.0, 50.0, 60.0]);

        let mut columns = [100.0, 40.0, 60.0];
        fit_words(&mut columns, &[95.0, 50.0, 60.0]);
        assert_eq!(columns, [100.0, 40.0, 60.0], "no room: left as it was");
    }
}
