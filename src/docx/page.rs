//! Word's units and page setup: the layout's pages in twentieths of a point,
//! the document's parts as sections, the page number (in the footer, or
//! "- ๒ -" in the header), and the creation date.

use docx_rs as dx;

use super::blocks::Child;
use super::styles::{FOOTER, HEADER};
use crate::document::{Block, Cover, Document, Meta};
use crate::layout::{Layout, PageNumbers};

/// From the page's bottom edge to the page number: the middle of the margin.
const FOOTER_DISTANCE: i32 = 567;
const HEADER_DISTANCE: i32 = 709;

/// A page in one orientation, with the layout's margins.
#[derive(Debug, Clone, Copy)]
pub(super) struct Page<'l> {
    pub(super) landscape: bool,
    pub(super) layout: &'l Layout,
}

impl Page<'_> {
    /// Width and height in twips.
    fn size(self) -> (u32, u32) {
        let (w, h) = self.layout.paper(self.landscape);
        (w.twips() as u32, h.twips() as u32)
    }

    pub(super) fn text_width(self) -> i32 {
        self.layout.text_width(self.landscape).twips()
    }

    pub(super) fn text_height(self) -> i32 {
        self.layout.text_height(self.landscape).twips()
    }

    fn page_size(self) -> dx::PageSize {
        let (w, h) = self.size();
        let size = dx::PageSize::new().size(w, h);
        if self.landscape { size.orient(dx::PageOrientationType::Landscape) } else { size }
    }

    fn margin(self) -> dx::PageMargin {
        let m = &self.layout.margin;
        dx::PageMargin::new()
            .top(m.top.twips())
            .bottom(m.bottom.twips())
            .left(m.left.twips())
            .right(m.right.twips())
            .header(HEADER_DISTANCE)
            .footer(FOOTER_DISTANCE)
            .gutter(0)
    }

    pub(super) fn section_property(self) -> dx::SectionProperty {
        dx::SectionProperty::new().page_size(self.page_size()).page_margin(self.margin())
    }

    /// A part that is not the last: a Word section of its own.
    pub(super) fn section(self, children: Vec<Child>, numbers: dx::PageNumType) -> dx::Section {
        let mut s = dx::Section::new().page_size(self.page_size()).page_margin(self.margin()).page_num_type(numbers);
        for child in children {
            s = match child {
                Child::P(p) => s.add_paragraph(*p),
                Child::T(t) => s.add_table(*t),
            };
        }
        match self.numbered() {
            Numbered::Footer(f) => s.footer(f),
            Numbered::Header(h) => s.header(h),
        }
    }

    /// The last part: Word keeps its page setup in the body, not in a
    /// paragraph.
    pub(super) fn body_section(self, mut docx: dx::Docx, children: Vec<Child>, numbers: dx::PageNumType) -> dx::Docx {
        for child in children {
            docx = match child {
                Child::P(p) => docx.add_paragraph(*p),
                Child::T(t) => docx.add_table(*t),
            };
        }
        docx.document.section_property = self.section_property();
        let docx = match self.numbered() {
            Numbered::Footer(f) => docx.footer(f),
            Numbered::Header(h) => docx.header(h),
        };
        docx.page_num_type(numbers)
    }

    /// Where the layout numbers the pages.
    fn numbered(self) -> Numbered {
        match self.layout.page_numbers {
            PageNumbers::Plain => Numbered::Footer(page_number_footer()),
            PageNumbers::DashTop => Numbered::Header(dash_top_header()),
        }
    }
}

/// The page number: the part of the page that holds it.
enum Numbered {
    Footer(dx::Footer),
    Header(dx::Header),
}

/// The page number, centred at the bottom. Its digits are the section's
/// number format, which the package sets.
fn page_number_footer() -> dx::Footer {
    dx::Footer::new().add_paragraph(dx::Paragraph::new().style(FOOTER).add_page_num(dx::PageNum::new()))
}

/// The page number between dashes, centred at the top: "- ๒ -".
fn dash_top_header() -> dx::Header {
    let dash = |t: &str| dx::Run::new().add_text(t);
    let number =
        dx::Paragraph::new().style(HEADER).add_run(dash("- ")).add_page_num(dx::PageNum::new()).add_run(dash(" -"));
    dx::Header::new().add_paragraph(number)
}

/// The document's parts, each a Word section: the cover, and the runs of
/// blocks each `Block::Section` starts.
pub(super) enum Part<'d> {
    Cover(&'d Cover),
    Body { landscape: bool, blocks: Vec<&'d Block> },
}

pub(super) fn parts(doc: &Document) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Cover(c) => parts.push(Part::Cover(c)),
            Block::Section { landscape } => parts.push(Part::Body { landscape: *landscape, blocks: Vec::new() }),
            other => {
                // Blocks with no section of their own (at the start, or after
                // the cover) go on portrait pages, as Typst's default page.
                if !matches!(parts.last(), Some(Part::Body { .. })) {
                    parts.push(Part::Body { landscape: false, blocks: Vec::new() });
                }
                if let Some(Part::Body { blocks, .. }) = parts.last_mut() {
                    blocks.push(other);
                }
            }
        }
    }
    parts
}

/// The creation date for the document's properties: the document's own,
/// or the timestamp's (SOURCE_DATE_EPOCH), never the clock (as the PDF).
pub(super) fn created(meta: &Meta) -> Option<String> {
    if let Some([y, m, d]) = meta.date {
        return Some(format!("{y:04}-{m:02}-{d:02}T00:00:00Z"));
    }
    let (y, mo, d, h, mi, s) = meta.timestamp?.utc()?;
    Some(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Para;
    use crate::layout::OFFICIAL;

    #[test]
    fn blocks_fall_into_sections() {
        let blocks = vec![
            Block::Paragraph(Para::text("ก่อนปก")),
            Block::Cover(Cover { title: vec!["ปก".into()], agency: vec![], logo: None }),
            Block::Paragraph(Para::text("หลังปก")),
            Block::Section { landscape: true },
            Block::Paragraph(Para::text("แนวนอน")),
        ];
        let d = super::super::tests::doc(blocks);
        let kinds: Vec<String> = parts(&d)
            .iter()
            .map(|p| match p {
                Part::Cover(_) => "cover".to_string(),
                Part::Body { landscape, blocks } => {
                    format!("{}:{}", if *landscape { "landscape" } else { "portrait" }, blocks.len())
                }
            })
            .collect();
        assert_eq!(kinds, ["portrait:1", "cover", "portrait:1", "landscape:1"]);
    }

    #[test]
    fn pages_are_a4_with_the_layouts_margins_in_twips() {
        let page = Page { landscape: true, layout: &OFFICIAL };
        assert_eq!(page.size(), (16838, 11906));
        assert_eq!((page.text_width(), page.text_height()), (14003, 9354));
    }

    #[test]
    fn the_creation_date_is_the_documents() {
        let mut d = super::super::tests::doc(vec![]);
        d.meta.date = Some([2025, 12, 15]);
        assert_eq!(created(&d.meta).as_deref(), Some("2025-12-15T00:00:00Z"));
        d.meta.date = None;
        d.meta.timestamp = Some(crate::document::Timestamp(1_700_000_000));
        assert_eq!(created(&d.meta).as_deref(), Some("2023-11-14T22:13:20Z"));
    }
}
