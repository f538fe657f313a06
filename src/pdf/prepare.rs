//! The Document as templates/report.typ reads it: every text cut into
//! pieces at the places a line may break (see `wordbreak`), each measured
//! against the width it is laid out in. The walk matches every kind of block
//! and names every field, so that a change to the Document stops it from
//! compiling instead of silently leaving a text unbroken.

use serde::{Serialize, Serializer};

use crate::document::{Align, Bar, Block, Cell, Chart, Cover, Document, Meta, Para, Run, SignatureBlock, Table};
use crate::fonts::Measure;
use crate::layout::{Cm, Layout};
use crate::thai::Numerals;
use crate::wordbreak::{OVERFLOW_SHARE, Piece, WordBreaker};

#[derive(Serialize)]
pub(super) struct TemplateDocument<'d> {
    meta: &'d Meta,
    layout: &'d Layout,
    numerals: Numerals,
    /// Room, in points, that keeps Thai marks off the rules and lines around.
    clearance: Clearance,
    blocks: Vec<TemplateBlock<'d>>,
}

/// A cell's insets above and below its text, and what a signature's lines
/// add to their leading, in points: what the marks of the body size reach
/// past a line (fonts::Reach) and a point and a half to spare, the layout's
/// inset at least.
#[derive(Serialize)]
struct Clearance {
    cell_top: f64,
    cell_bottom: f64,
    leading: f64,
}

/// Room between a mark and a rule, in points.
const SPARE_PT: f64 = 1.5;

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum TemplateBlock<'d> {
    /// The picture itself reaches the template as bytes of its own.
    Cover {
        title: Vec<Pieces>,
        agency: Vec<Pieces>,
        logo: bool,
    },
    Heading {
        level: u8,
        text: Pieces,
    },
    Paragraph {
        #[serde(flatten)]
        para: TemplatePara,
        /// An intro: kept on the page of the table or chart after it.
        keep: bool,
    },
    Table {
        widths: Vec<f64>,
        header: Vec<TemplateCell>,
        rows: Vec<Vec<TemplateCell>>,
    },
    Chart {
        title: Pieces,
        bars: &'d [Bar],
    },
    Section {
        landscape: bool,
    },
    Signature {
        lines: Vec<Pieces>,
    },
}

#[derive(Serialize)]
struct TemplatePara {
    runs: Vec<TemplateRun>,
    align: Align,
    indent: bool,
}

#[derive(Serialize)]
struct TemplateRun {
    text: Pieces,
    bold: bool,
}

#[derive(Serialize)]
struct TemplateCell {
    paras: Vec<TemplatePara>,
    rows: usize,
    align: Align,
}

/// A text as `txt` (src/pdf/pieces.rs) reads it: an array of pieces, each
/// a string, a one-string array (a unit that does not break), an empty
/// array (a line break) or a number (a gap, in ems).
struct Pieces(Vec<Piece>);

impl Serialize for Pieces {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(TemplatePiece))
    }
}

struct TemplatePiece<'p>(&'p Piece);

impl Serialize for TemplatePiece<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Piece::Text(t) => s.serialize_str(t),
            Piece::Unit(u) => s.collect_seq([u]),
            Piece::Break => s.collect_seq(std::iter::empty::<&str>()),
            Piece::Gap(em) => s.serialize_f64(*em),
        }
    }
}

/// The walk: what cuts the texts, and what measures them.
pub(super) struct Preparer<'a> {
    pub(super) breaker: WordBreaker,
    pub(super) fonts: Measure<'a>,
}

/// A length of the layout as the walk measures lines against it: to a tenth
/// of a point, as the widths it compares are measured without shaping.
fn measure(cm: Cm) -> f64 {
    (cm.pt() * 10.0).round() / 10.0
}

impl Preparer<'_> {
    pub(super) fn document<'d>(&self, doc: &'d Document) -> TemplateDocument<'d> {
        let layout = &doc.layout;
        let size = layout.sizes.body;
        let mut width = measure(layout.text_width(false));
        let mut blocks = Vec::with_capacity(doc.blocks.len());
        for (i, block) in doc.blocks.iter().enumerate() {
            let intro = matches!(doc.blocks.get(i + 1), Some(Block::Table(_) | Block::Chart(_)));
            blocks.push(match block {
                Block::Section { landscape } => {
                    width = measure(layout.text_width(*landscape));
                    TemplateBlock::Section { landscape: *landscape }
                }
                Block::Cover(Cover { title, agency, logo }) => {
                    let lines =
                        |ls: &[String]| ls.iter().map(|l| self.text(l, width, layout.sizes.cover, true)).collect();
                    TemplateBlock::Cover { title: lines(title), agency: lines(agency), logo: logo.is_some() }
                }
                Block::Heading { level, text } => {
                    TemplateBlock::Heading { level: *level, text: self.text(text, width, size, true) }
                }
                // Measured as if indented, whether it is or not.
                Block::Paragraph(p) => {
                    TemplateBlock::Paragraph { para: self.para(p, width - layout.indent_pt(), size), keep: intro }
                }
                Block::Chart(Chart { title, alt: _, bars }) => {
                    TemplateBlock::Chart { title: self.text(title, width, layout.sizes.caption, true), bars }
                }
                Block::Signature(SignatureBlock { lines }) => TemplateBlock::Signature {
                    lines: lines.iter().map(|l| self.text(l, measure(layout.signatory_width), size, false)).collect(),
                },
                Block::Table(t) => self.table(t, layout, width),
            });
        }
        let reach = self.fonts.thai_reach();
        let clearance = Clearance {
            cell_top: layout.cell_inset.max(reach.above * size + SPARE_PT),
            cell_bottom: layout.cell_inset.max(reach.below * size + SPARE_PT),
            leading: reach.above * size,
        };
        TemplateDocument { meta: &doc.meta, layout, numerals: doc.numerals, clearance, blocks }
    }

    /// Each table's columns as the PDF sets them, in points, written back
    /// into the document: the DOCX, which measures no text, then has the
    /// same.
    pub(super) fn fit_columns(&self, doc: &mut Document) {
        let Document { layout, blocks, .. } = doc;
        let mut width = measure(layout.text_width(false));
        for block in blocks {
            match block {
                Block::Section { landscape } => width = measure(layout.text_width(*landscape)),
                Block::Table(t) => t.widths = self.columns(t, layout, width).into_iter().map(|w| w as f32).collect(),
                _ => {}
            }
        }
    }

    /// A table's columns in points: its relative widths over `width`, each
    /// widened to its header's widest word where the others can spare it.
    fn columns(&self, table: &Table, layout: &Layout, width: f64) -> Vec<f64> {
        let insets = 2.0 * layout.cell_inset;
        let total: f64 = table.widths.iter().map(|&w| f64::from(w)).sum();
        let mut columns: Vec<f64> = table.widths.iter().map(|&w| width * f64::from(w) / total).collect();
        let size = layout.sizes.body;
        let header: Vec<f64> = table.header.iter().map(|cell| self.widest_word(cell, size) + insets).collect();
        // Then no date or number of the body is cut (a period column): kept
        // whole where it takes at most OVERFLOW_SHARE of it. Then no word of
        // the body. Each as far as the table can spare it, the one before
        // kept where the next cannot be had.
        let (mut units, mut words) = (header.clone(), header.clone());
        for (column, cell) in placed(&table.rows, columns.len()) {
            let [unit, word] = self.widest_in_body(cell, size).map(|w| w / OVERFLOW_SHARE + insets);
            if let (Some(u), Some(w)) = (units.get_mut(column), words.get_mut(column)) {
                *u = u.max(unit);
                *w = w.max(word).max(*u);
            }
        }
        for needs in [header, units, words] {
            fit_words(&mut columns, &needs);
        }
        columns
    }

    fn table(&self, table: &Table, layout: &Layout, width: f64) -> TemplateBlock<'static> {
        let Table { widths, header, rows } = table;
        let size = layout.sizes.body;
        // A cell's insets, left and right.
        let insets = 2.0 * layout.cell_inset;
        // The columns `fit_columns` gave the document, over this width.
        let total: f64 = widths.iter().map(|&w| f64::from(w)).sum();
        let columns: Vec<f64> = widths.iter().map(|&w| width * f64::from(w) / total).collect();
        // A cell's text width: its column less the insets.
        let col = |i: usize| columns.get(i).copied().unwrap_or(0.0) - insets;
        let header = header.iter().enumerate().map(|(i, cell)| self.cell(cell, col(i), size)).collect();
        let mut body: Vec<Vec<TemplateCell>> = rows.iter().map(|r| Vec::with_capacity(r.len())).collect();
        let mut cells = placed(rows, widths.len());
        for (row, out) in rows.iter().zip(&mut body) {
            out.extend(cells.by_ref().take(row.len()).map(|(column, cell)| self.cell(cell, col(column), size)));
        }
        TemplateBlock::Table { widths: columns, header, rows: body }
    }

    /// The widest word of a (header) cell, in bold: the column must hold it
    /// or the word breaks inside.
    fn widest_word(&self, cell: &Cell, size: f64) -> f64 {
        let runs = cell.paras.iter().flat_map(|p| &p.runs);
        let words = runs.flat_map(|r| self.breaker.words(&r.text));
        words.map(|w| self.fonts.width(&w, size, true)).fold(0.0, f64::max)
    }

    /// The widest number or date of a body cell, and its widest word.
    fn widest_in_body(&self, cell: &Cell, size: f64) -> [f64; 2] {
        let mut widest = [0.0f64; 2];
        for r in cell.paras.iter().flat_map(|p| &p.runs) {
            let width = |t: &str| self.fonts.width(t, size, r.bold);
            widest[0] = self.breaker.units(&r.text).map(width).fold(widest[0], f64::max);
            widest[1] = self.breaker.words(&r.text).iter().map(|w| width(w)).fold(widest[1], f64::max);
        }
        widest
    }

    fn cell(&self, cell: &Cell, width: f64, size: f64) -> TemplateCell {
        let Cell { paras, rows, align } = cell;
        TemplateCell { paras: paras.iter().map(|p| self.para(p, width, size)).collect(), rows: *rows, align: *align }
    }

    fn para(&self, para: &Para, width: f64, size: f64) -> TemplatePara {
        let Para { runs, align, indent } = para;
        let runs = runs
            .iter()
            .map(|Run { text, bold }| TemplateRun { text: self.text(text, width, size, *bold), bold: *bold })
            .collect();
        TemplatePara { runs, align: *align, indent: *indent }
    }

    fn text(&self, text: &str, width: f64, size: f64, bold: bool) -> Pieces {
        Pieces(self.breaker.pieces(text, |t| self.fonts.width(t, size, bold), width))
    }
}

/// The body's cells, row by row, each with its column: cells fill the
/// columns that no merged cell above still covers.
fn placed(rows: &[Vec<Cell>], columns: usize) -> impl Iterator<Item = (usize, &Cell)> {
    let mut covered = vec![0usize; columns];
    rows.iter().flat_map(move |row| {
        let mut column = 0;
        let placed: Vec<(usize, &Cell)> = row
            .iter()
            .map(|cell| {
                while covered.get(column).is_some_and(|&c| c > 0) {
                    column += 1;
                }
                if let Some(c) = covered.get_mut(column) {
                    *c = cell.rows;
                }
                column += 1;
                (column - 1, cell)
            })
            .collect();
        covered.iter_mut().for_each(|c| *c = c.saturating_sub(1));
        placed
    })
}

/// Widens the columns (in points) narrower than they need (for their widest
/// header word, say), taking the room from the others in proportion to what
/// they can spare, as a typesetter would rather than break a word. Where the
/// table has not the room, the columns stay as they are.
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn pieces_are_strings_units_and_breaks() {
        let pieces = Pieces(vec![Piece::Text("a ".into()), Piece::Unit("คำ".into()), Piece::Break]);
        assert_eq!(serde_json::to_string(&pieces).unwrap(), r#"["a ",["คำ"],[]]"#);
    }
}
