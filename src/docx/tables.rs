//! Tables across the text width: the header row repeats on each page (the
//! package marks it), a cell spanning rows is a vertical merge.

use docx_rs as dx;

use super::blocks::paragraph;
use super::page::Page;
use super::styles::TABLE_TEXT;
use crate::document::{Cell, Table};
use crate::layout::Layout;

pub(super) fn table(t: &Table, page: Page) -> dx::Table {
    let layout = page.layout;
    let widths = column_widths(&t.widths, page.text_width());
    let header =
        t.header.iter().zip(&widths).map(|(c, w)| cell(c, *w, layout).vertical_align(dx::VAlignType::Center)).collect();
    // docx-rs has no tblHeader; the header is the one row that may not
    // split, and the package turns that mark into a repeating header.
    let mut rows = vec![dx::TableRow::new(header).cant_split()];
    rows.extend(body_rows(t, &widths, layout));
    // The cell padding is the PDF's at the sides, none above and below
    // (Word's default), as Word's Thai line is already tall.
    let padding = (layout.cell_inset * 20.0).round() as usize;
    dx::Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), dx::WidthType::Dxa)
        .layout(dx::TableLayoutType::Fixed)
        .set_borders(borders(layout))
        .margins(dx::TableCellMargins::new().margin(0, padding, 0, padding))
}

/// The relative widths scaled to `total` twips; the last column takes the
/// rounding so the table is exactly as wide as the text.
fn column_widths(relative: &[f32], total: i32) -> Vec<usize> {
    let total = total.max(0) as usize;
    let sum: f32 = relative.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    // Widths that say nothing share the width equally.
    let share = |w: f32| if sum > 0.0 { w.max(0.0).min(sum) / sum } else { 1.0 / relative.len() as f32 };
    let mut widths: Vec<usize> = relative.iter().map(|&w| (share(w) * total as f32).floor() as usize).collect();
    let rest = total.saturating_sub(widths.iter().sum());
    if let Some(last) = widths.last_mut() {
        *last += rest;
    }
    widths
}

/// The body rows, every column filled: a column that a cell above still
/// covers gets a continuing merged cell.
fn body_rows(t: &Table, widths: &[usize], layout: &Layout) -> Vec<dx::TableRow> {
    let mut covered = vec![0usize; widths.len()];
    t.rows
        .iter()
        .map(|row| {
            let mut cells = row.iter();
            let out = widths
                .iter()
                .enumerate()
                .map(|(col, &width)| {
                    if covered[col] > 0 {
                        covered[col] -= 1;
                        return empty_cell(width).vertical_merge(dx::VMergeType::Continue);
                    }
                    match cells.next() {
                        Some(c) if c.rows > 1 => {
                            covered[col] = c.rows - 1;
                            cell(c, width, layout).vertical_merge(dx::VMergeType::Restart)
                        }
                        Some(c) => cell(c, width, layout),
                        None => empty_cell(width),
                    }
                })
                .collect();
            dx::TableRow::new(out)
        })
        .collect()
}

fn cell(c: &Cell, width: usize, layout: &Layout) -> dx::TableCell {
    if c.paras.is_empty() {
        return empty_cell(width);
    }
    let cell = dx::TableCell::new().width(width, dx::WidthType::Dxa);
    c.paras.iter().fold(cell, |cell, p| cell.add_paragraph(paragraph(p, TABLE_TEXT, c.align, layout)))
}

/// A cell with the empty paragraph Word requires, in the table style (not
/// Normal's spacing, which would make the row taller).
fn empty_cell(width: usize) -> dx::TableCell {
    dx::TableCell::new().width(width, dx::WidthType::Dxa).add_paragraph(dx::Paragraph::new().style(TABLE_TEXT))
}

/// Rules of the layout's width, in Word's eighths of a point.
fn borders(layout: &Layout) -> dx::TableBorders {
    use dx::TableBorderPosition::*;
    let rule = (layout.rule * 8.0).round() as usize;
    [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(dx::TableBorders::new(), |b, pos| b.set(dx::TableBorder::new(pos).size(rule)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Align, Para};
    use crate::layout::OFFICIAL;
    use dx::BuildXML;

    const PORTRAIT: Page = Page { landscape: false, layout: &OFFICIAL };

    fn xml(t: &dx::Table) -> String {
        String::from_utf8(t.build()).unwrap()
    }

    #[test]
    fn columns_fill_the_text_width_exactly() {
        let widths = column_widths(&[1.2, 5.0, 1.3], PORTRAIT.text_width());
        assert_eq!(widths.iter().sum::<usize>(), 9071);
        assert!(widths[1] > 4 * widths[0], "{widths:?}");
        let landscape = Page { landscape: true, layout: &OFFICIAL };
        assert_eq!(column_widths(&[2.2, 2.2, 4.0, 1.6, 1.3], landscape.text_width()).iter().sum::<usize>(), 14003);
        assert_eq!(column_widths(&[0.0, f32::NAN], 100), vec![50, 50], "no usable widths: equal columns");
        assert!(column_widths(&[], 100).is_empty());
    }

    #[test]
    fn a_cell_spanning_rows_is_a_vertical_merge_and_every_row_has_every_column() {
        let t = Table {
            widths: vec![1.0, 1.0, 1.0],
            header: vec![Cell::text("ก"), Cell::text("ข"), Cell::text("ค")],
            rows: vec![
                vec![Cell::text("1"), Cell::text("2"), Cell::text("ยาว").spanning(3)],
                vec![Cell::text("4"), Cell::text("5")],
                vec![Cell::text("7"), Cell::text("8")],
                vec![Cell::text("10")],
            ],
        };
        let xml = xml(&table(&t, PORTRAIT));
        assert_eq!(xml.matches("<w:tr>").count(), 5);
        assert_eq!(xml.matches("<w:tc>").count(), 15, "every row has three cells");
        assert_eq!(xml.matches("<w:vMerge w:val=\"restart\" />").count(), 1);
        assert_eq!(xml.matches("<w:vMerge w:val=\"continue\" />").count(), 2);
        assert_eq!(xml.matches("<w:cantSplit />").count(), 1, "only the header row is marked");
        // Rows 2 and 3 continue the merge in their third column; row 4 is
        // filled out with empty cells.
        let rows: Vec<Vec<&str>> = xml.split("<w:tr>").skip(2).map(|r| r.split("<w:tc>").skip(1).collect()).collect();
        assert!(rows[0][2].contains("restart") && rows[0][2].contains("ยาว"));
        assert!(rows[1][2].contains("continue") && rows[2][2].contains("continue"));
        assert!(rows[3][0].contains(">10<") && !rows[3][1].contains("vMerge") && !rows[3][2].contains("vMerge"));
    }

    #[test]
    fn a_cell_takes_its_alignment_unless_its_paragraph_has_its_own() {
        let c = Cell::new(vec![Para::text("ก"), Para::text("ข").align(Align::Right)]).centered();
        let xml = String::from_utf8(cell(&c, 1000, &OFFICIAL).build()).unwrap();
        assert!(xml.contains("<w:jc w:val=\"center\" />") && xml.contains("<w:jc w:val=\"right\" />"), "{xml}");
        let indented =
            String::from_utf8(paragraph(&Para::text("ก").indented(), TABLE_TEXT, Align::Left, &OFFICIAL).build())
                .unwrap();
        assert!(indented.contains("w:firstLine=\"800\""), "{indented}");
    }
}
