//! Document: the layout-neutral form of the official document that both
//! writers read, so the PDF and the DOCX say the same words in the same order.
//! Every string here is final text (digits already converted); the writers
//! only lay it out. Everything a writer needs travels here: the layout's
//! measures, the digits, the logo's bytes.

use serde::Serialize;

use crate::layout::Layout;
use crate::thai::Numerals;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub meta: Meta,
    pub layout: Layout,
    /// The digits of the page numbers (the text has its digits already).
    pub numerals: Numerals,
    pub blocks: Vec<Block>,
    /// Terms that lines should not break inside where there is room (the
    /// agency's name, the catalog's terms).
    pub keep_whole: Vec<String>,
    /// Names that lines should not break inside wherever they fit (the
    /// agency's place, district and province, the signatory).
    pub names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub title: String,
    /// The agency.
    pub author: String,
    pub lang: String,
    /// The document's own date, Common Era year, month, day.
    pub date: Option<[i32; 3]>,
    /// When the document was made, for the files' creation dates where it
    /// has no date of its own: SOURCE_DATE_EPOCH, never the clock.
    #[serde(skip)]
    pub timestamp: Option<Timestamp>,
    /// The archival standard the PDF keeps to, if one is asked for.
    #[serde(skip)]
    pub standard: Option<PdfStandard>,
}

/// The archival standards the PDF can keep to (a command-line value too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum PdfStandard {
    /// PDF/A-2u: for archives, its text mapped to Unicode.
    #[cfg_attr(feature = "cli", value(name = "a-2u"))]
    A2u,
}

/// A moment as seconds since 1970 (UTC), as SOURCE_DATE_EPOCH gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Year, month, day, hour, minute, second (UTC); None out of range.
    pub fn utc(self) -> Option<(i32, u8, u8, u8, u8, u8)> {
        let t = time::OffsetDateTime::from_unix_timestamp(self.0).ok()?;
        Some((t.year(), t.month() as u8, t.day(), t.hour(), t.minute(), t.second()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Cover(Cover),
    /// Level 1 is a part's title, 2 a section's.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Para),
    Table(Table),
    Chart(Chart),
    /// A new page in this orientation (a new section in Word).
    Section {
        landscape: bool,
    },
    Signature(SignatureBlock),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    /// The title, line by line.
    pub title: Vec<String>,
    /// Agency name, address and phone, line by line.
    pub agency: Vec<String>,
    /// The cover's picture (PNG, JPEG or GIF), as the file holds it.
    pub logo: Option<Vec<u8>>,
}

/// A paragraph: runs of text, some bold. A `\n` inside a run is a line break.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// Indent the first line, as Thai official prose does.
    pub indent: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths.
    pub widths: Vec<f32>,
    /// One header row, repeated on every page the table spans.
    pub header: Vec<Cell>,
    /// Rows; a cell with `rows` > 1 covers the same column of the rows
    /// below it, which then hold no cell for that column.
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// How many rows this cell spans (a vertically merged cell).
    pub rows: usize,
    pub align: Align,
}

/// A bar chart, drawn by the writers (vector in the PDF, a picture of the
/// same drawing in the DOCX).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub title: String,
    /// Alternative text describing the chart, for the DOCX picture.
    pub alt: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub label: String,
    /// 0–100.
    pub value: f64,
    /// The value as printed above the bar.
    pub shown: String,
}

/// The signatory's lines at the end of the measures: (ลงชื่อ), name,
/// position, date.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureBlock {
    pub lines: Vec<String>,
}

impl Para {
    pub fn text(text: impl Into<String>) -> Para {
        Para { runs: vec![Run { text: text.into(), bold: false }], ..Para::default() }
    }

    pub fn bold(text: impl Into<String>) -> Para {
        Para { runs: vec![Run { text: text.into(), bold: true }], ..Para::default() }
    }

    pub fn align(mut self, align: Align) -> Para {
        self.align = align;
        self
    }

    pub fn indented(mut self) -> Para {
        self.indent = true;
        self
    }

    /// The paragraph's text, runs joined.
    pub fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

impl Cell {
    pub fn new(paras: Vec<Para>) -> Cell {
        Cell { paras, rows: 1, align: Align::Left }
    }

    pub fn text(text: impl Into<String>) -> Cell {
        Cell::new(vec![Para::text(text)])
    }

    pub fn centered(mut self) -> Cell {
        self.align = Align::Center;
        self
    }

    /// A number's cell: flush right, its last digits under each other, as
    /// official tables set scores.
    pub fn number(mut self) -> Cell {
        self.align = Align::Right;
        self
    }

    pub fn spanning(mut self, rows: usize) -> Cell {
        self.rows = rows;
        self
    }
}

impl Document {
    /// The cover's picture, if the document has one.
    pub fn cover_logo(&self) -> Option<&[u8]> {
        self.blocks.iter().find_map(|b| match b {
            Block::Cover(c) => c.logo.as_deref(),
            _ => None,
        })
    }

    /// Every word of the document in reading order, one paragraph a line:
    /// what a reader copying it out should get, whichever writer made it.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s);
            out.push('\n');
        };
        for block in &self.blocks {
            match block {
                Block::Cover(c) => c.title.iter().chain(&c.agency).for_each(|l| line(l)),
                Block::Heading { text, .. } => line(text),
                Block::Paragraph(p) => line(&p.plain()),
                Block::Table(t) => {
                    t.header.iter().flat_map(|c| &c.paras).for_each(|p| line(&p.plain()));
                    t.rows.iter().flatten().flat_map(|c| &c.paras).for_each(|p| line(&p.plain()));
                }
                Block::Chart(c) => {
                    line(&c.title);
                    c.bars.iter().for_each(|b| line(&format!("{} {}", b.label, b.shown)));
                }
                Block::Section { .. } => {}
                Block::Signature(s) => s.lines.iter().for_each(|l| line(l)),
            }
        }
        out
    }
}
