//! The measures of the official document that both writers share: the
//! paper and its margins, the type sizes, the cover's spacing and the
//! signatory's block. One fact in one place: the Typst template reads them
//! from the Document, the DOCX writer converts them to Word's units, and the
//! PDF writer measures lines with them.

use serde::Serialize;

/// Points in a centimetre (72 points an inch).
const PT_PER_CM: f64 = 72.0 / 2.54;
/// Word's twentieths of a point in a centimetre.
const TWIPS_PER_CM: f64 = 1440.0 / 2.54;

/// A length in centimetres, the unit the layout is given in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Cm(pub f64);

impl Cm {
    pub fn pt(self) -> f64 {
        self.0 * PT_PER_CM
    }

    /// In twentieths of a point, to the nearest.
    pub fn twips(self) -> i32 {
        (self.0 * TWIPS_PER_CM).round() as i32
    }

    /// In twentieths of a point, rounded up: a block at least this wide, so
    /// that lines that fit the length fit the block.
    pub fn twips_at_least(self) -> i32 {
        (self.0 * TWIPS_PER_CM).ceil() as i32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Margins {
    pub left: Cm,
    pub right: Cm,
    pub top: Cm,
    pub bottom: Cm,
}

/// The cover's vertical spacing: the title this far below the top margin
/// (below the logo when there is one), the agency this far above the
/// bottom one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CoverSpacing {
    pub top: Cm,
    pub logo_height: Cm,
    pub logo_gap: Cm,
    pub bottom: Cm,
}

/// Type sizes, in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sizes {
    /// Body text: 16 pt, the standard of Thai official documents.
    pub body: f64,
    pub cover: f64,
    /// A chart's title.
    pub caption: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Layout {
    /// The paper's name for Typst ("a4"), and its size portrait.
    pub paper: &'static str,
    pub width: Cm,
    pub height: Cm,
    pub margin: Margins,
    pub sizes: Sizes,
    /// The first-line indent of prose, in ems of the body size.
    pub indent_em: f64,
    pub cover: CoverSpacing,
    /// The signatory's block, at the right margin.
    pub signatory_width: Cm,
    /// A table cell's inset at each side, and the width of table rules, in
    /// points.
    pub cell_inset: f64,
    pub rule: f64,
    pub page_numbers: PageNumbers,
}

/// Where and how pages are numbered (`document.page_numbers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageNumbers {
    /// The number alone, centred at the foot of the page.
    #[default]
    Plain,
    /// "- ๒ -" centred at the top, as official letters (หนังสือราชการ) number them.
    DashTop,
}

/// The official document's layout: A4, margins of 3 cm at the left, 2 cm at
/// the right and bottom, 2.5 cm at the top.
pub const OFFICIAL: Layout = Layout {
    paper: "a4",
    width: Cm(21.0),
    height: Cm(29.7),
    margin: Margins { left: Cm(3.0), right: Cm(2.0), top: Cm(2.5), bottom: Cm(2.0) },
    sizes: Sizes { body: 16.0, cover: 20.0, caption: 14.0 },
    indent_em: 2.5,
    cover: CoverSpacing { top: Cm(2.5), logo_height: Cm(4.5), logo_gap: Cm(1.5), bottom: Cm(3.0) },
    signatory_width: Cm(9.0),
    cell_inset: 5.0,
    rule: 0.5,
    page_numbers: PageNumbers::Plain,
};

impl Default for Layout {
    fn default() -> Self {
        OFFICIAL
    }
}

impl Layout {
    /// The paper's width and height in this orientation.
    pub fn paper(&self, landscape: bool) -> (Cm, Cm) {
        if landscape { (self.height, self.width) } else { (self.width, self.height) }
    }

    /// The width of the text between the margins.
    pub fn text_width(&self, landscape: bool) -> Cm {
        Cm(self.paper(landscape).0.0 - self.margin.left.0 - self.margin.right.0)
    }

    /// The height of the text between the margins.
    pub fn text_height(&self, landscape: bool) -> Cm {
        Cm(self.paper(landscape).1.0 - self.margin.top.0 - self.margin.bottom.0)
    }

    /// The first-line indent, in points.
    pub fn indent_pt(&self) -> f64 {
        self.indent_em * self.sizes.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_in_word_units_and_points() {
        assert_eq!((OFFICIAL.width.twips(), OFFICIAL.height.twips()), (11906, 16838));
        assert_eq!(OFFICIAL.margin.left.twips(), 1701);
        assert_eq!((OFFICIAL.signatory_width.twips(), OFFICIAL.signatory_width.twips_at_least()), (5102, 5103));
        assert_eq!(OFFICIAL.text_width(false).twips(), 9071);
        assert_eq!(OFFICIAL.text_width(true).twips(), 14003);
        assert!((OFFICIAL.text_width(false).pt() - 453.54).abs() < 0.01);
        assert_eq!(OFFICIAL.indent_pt(), 40.0);
    }
}
