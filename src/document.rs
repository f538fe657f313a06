//! Document: the layout-neutral form of the official document that both
//! writers read, so the PDF and the DOCX say the same words in the same order.
//! Every string here is final text (digits already converted); the writers
//! only lay it out.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// Names and terms that lines should not break inside where there is
    /// room (the agency's name, the catalog's terms).
    #[serde(skip)]
    pub keep_whole: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub title: String,
    /// The agency.
    pub author: String,
    pub lang: String,
    /// The creation date, Common Era year, month, day; None writes none.
    pub date: Option<[i32; 3]>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
    Signatory(Signatory),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cover {
    /// The title, line by line.
    pub title: Vec<String>,
    /// Agency name, address and phone, line by line.
    pub agency: Vec<String>,
    /// A cover image's path (read by the writers).
    pub logo: Option<String>,
}

/// A paragraph: runs of text, some bold. A `\n` inside a run is a line break.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// Indent the first line, as Thai official prose does.
    pub indent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Relative column widths.
    pub widths: Vec<f32>,
    /// One header row, repeated on every page the table spans.
    pub header: Vec<Cell>,
    /// Rows; a cell with `rows` > 1 covers the same column of the rows
    /// below it, which then hold no cell for that column.
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signatory {
    /// Lines: (ลงชื่อ), name, position, date.
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

    pub fn spanning(mut self, rows: usize) -> Cell {
        self.rows = rows;
        self
    }
}

impl Document {
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
                Block::Signatory(s) => s.lines.iter().for_each(|l| line(l)),
            }
        }
        out
    }
}
