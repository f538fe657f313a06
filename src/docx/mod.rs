//! The DOCX writer: the same Document as the PDF, as a Word file an official
//! can edit and restyle (named styles, real tables, one section per part).
//!
//! docx-rs builds the package: [`page`] sets up the sections, [`blocks`],
//! [`tables`] and [`images`] write what they hold, [`styles`] names the
//! styles. It cannot write a few things a Thai official document needs, so
//! [`fixes`] adds them to the XML it wrote: the Thai language, Thai
//! distributed alignment, repeated table header rows, Thai page numbers and
//! picture descriptions; [`package`] zips it again so the bytes are
//! reproducible.

mod blocks;
mod fixes;
mod images;
mod order;
mod package;
mod page;
mod styles;
mod tables;
mod xml;

use std::io::Cursor;

use docx_rs as dx;

use crate::document::{Block, Chart, Document};
use crate::layout::Layout;
use crate::thai::Numerals;
use blocks::Child;
use page::{Page, Part};

/// The family Thai government documents are set in (the 2010 cabinet
/// resolution's national fonts); officials' machines have it.
pub const DEFAULT_FONT: &str = "TH SarabunPSK";

/// The resolution charts are drawn at: sharp in print, about 100 KB each.
pub const CHART_DPI: f32 = 200.0;

/// Why a chart could not be drawn, as the drawing says.
pub type ChartError = Box<dyn std::error::Error + Send + Sync>;

/// Draws a chart as a PNG in the document's layout at a resolution in dots
/// per inch; in the program this is `PdfWriter::chart_png`, the PDF's own
/// drawing.
pub type ChartPng<'a> = dyn Fn(&Chart, &Layout, f32) -> Result<Vec<u8>, ChartError> + 'a;

pub struct DocxOptions<'a> {
    /// The font family Word sets the document in.
    pub font: String,
    pub chart_png: &'a ChartPng<'a>,
}

impl<'a> DocxOptions<'a> {
    /// The government font.
    pub fn new(chart_png: &'a ChartPng<'a>) -> DocxOptions<'a> {
        DocxOptions { font: DEFAULT_FONT.into(), chart_png }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("สร้าง DOCX ไม่สำเร็จ (the DOCX could not be made): chart {title}: {source}")]
    Chart { title: String, source: ChartError },
    #[error("สร้าง DOCX ไม่สำเร็จ (the DOCX could not be made): the logo is not a PNG, JPEG or GIF picture: {0}")]
    Logo(#[from] image::ImageError),
    /// The XML docx-rs wrote is not as the fix-ups expect (see [`fixes`]).
    #[error("สร้าง DOCX ไม่สำเร็จ (the DOCX could not be made): {part}: {problem}")]
    Package { part: String, problem: String },
    #[error("สร้าง DOCX ไม่สำเร็จ (the DOCX could not be made): {part}: {source}")]
    Xml { part: String, source: quick_xml::Error },
    #[error("สร้าง DOCX ไม่สำเร็จ (the DOCX could not be made): zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("สร้าง DOCX ไม่สำเร็จ (the DOCX could not be made): {0}")]
    Io(#[from] std::io::Error),
}

/// The document as a DOCX package. The same document and options give the
/// same bytes.
pub fn write(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    let mut writer = Writer { opts, layout: &doc.layout, alts: Vec::new() };
    let docx = writer.docx(doc)?;
    let mut raw = Cursor::new(Vec::new());
    docx.pack(&mut raw)?;
    let fixes = package::Fixes {
        thai_page_numbers: doc.numerals == Numerals::Thai,
        numbered_sections: page::parts(doc).iter().filter(|p| matches!(p, Part::Body { .. })).count(),
        alts: &writer.alts,
        title: &doc.meta.title,
        author: &doc.meta.author,
        font: &opts.font,
        dated: page::created(&doc.meta).is_some(),
    };
    package::finish(raw.get_ref(), &fixes)
}

struct Writer<'a> {
    opts: &'a DocxOptions<'a>,
    layout: &'a Layout,
    /// The pictures' descriptions in document order, for the package.
    alts: Vec<String>,
}

impl<'a> Writer<'a> {
    fn page(&self, landscape: bool) -> Page<'a> {
        Page { landscape, layout: self.layout }
    }

    fn docx(&mut self, doc: &Document) -> Result<dx::Docx, DocxError> {
        let mut docx = dx::Docx::new().styles(styles::styles(&self.opts.font, self.layout));
        if let Some(date) = page::created(&doc.meta) {
            docx = docx.created_at(&date).updated_at(&date);
        }
        let parts = page::parts(doc);
        let mut numbered = false;
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            match part {
                Part::Cover(cover) => {
                    let portrait = self.page(false);
                    let mut paras = self.cover(cover)?;
                    if paras.is_empty() {
                        // An empty cover is still a page of its own.
                        paras.push(dx::Paragraph::new().style(styles::TITLE));
                    }
                    if last {
                        docx.document.section_property = portrait.section_property();
                    } else if let Some(p) = paras.pop() {
                        // The cover's section ends with its last paragraph: no
                        // empty paragraph that could spill onto a second page.
                        paras.push(p.section_property(portrait.section_property()));
                    }
                    for p in paras {
                        docx = docx.add_paragraph(p);
                    }
                }
                Part::Body { landscape, blocks } => {
                    // Pages are numbered from the first page after the cover.
                    let numbers = if numbered { dx::PageNumType::new() } else { dx::PageNumType::new().start(1) };
                    numbered = true;
                    let page = self.page(*landscape);
                    let children = self.blocks(blocks, page)?;
                    docx = if last {
                        page.body_section(docx, children, numbers)
                    } else {
                        docx.add_section(page.section(children, numbers))
                    };
                }
            }
        }
        Ok(docx)
    }

    fn blocks(&mut self, blocks: &[&Block], page: Page) -> Result<Vec<Child>, DocxError> {
        let mut out = Vec::new();
        for (i, block) in blocks.iter().enumerate() {
            out.extend(self.block(block, page)?);
            // Word joins two tables with nothing between them into one.
            if matches!(block, Block::Table(_)) && matches!(blocks.get(i + 1), Some(Block::Table(_))) {
                out.push(dx::Paragraph::new().style(styles::TABLE_TEXT).into());
            }
        }
        Ok(out)
    }

    fn block(&mut self, block: &Block, page: Page) -> Result<Vec<Child>, DocxError> {
        Ok(match block {
            Block::Heading { level, text } => vec![blocks::heading(*level, text).into()],
            Block::Paragraph(p) => {
                let style = if p.indent { styles::BODY_TEXT } else { styles::NORMAL };
                vec![blocks::paragraph(p, style, Default::default(), self.layout).into()]
            }
            Block::Table(t) => vec![tables::table(t, page).into()],
            Block::Chart(c) => self.chart(c, page)?,
            Block::Signature(s) => blocks::signature(s, page).into_iter().map(Child::from).collect(),
            // page::parts has made sections of these.
            Block::Cover(_) | Block::Section { .. } => Vec::new(),
        })
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::io::Read;

    use super::*;
    use crate::document::{Cover, Meta, Para};
    use crate::layout::OFFICIAL;

    pub(in crate::docx) fn doc(blocks: Vec<Block>) -> Document {
        let (title, author) = ("ชื่อเรื่อง".into(), "หน่วยงาน".into());
        let meta = Meta { title, author, lang: "th".into(), date: None, timestamp: None, standard: None };
        Document { meta, layout: OFFICIAL, numerals: Numerals::Thai, blocks, keep_whole: Vec::new(), names: Vec::new() }
    }

    fn no_charts(_: &Chart, _: &Layout, _: f32) -> Result<Vec<u8>, ChartError> {
        Err("no charts here".into())
    }

    /// A PNG of `w` × `h` white pixels.
    pub(in crate::docx) fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        image::RgbImage::from_pixel(w, h, image::Rgb([255, 255, 255]))
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    fn part(docx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn a_document_without_sections_is_one_numbered_portrait_section() {
        let bytes = write(&doc(vec![Block::Paragraph(Para::text("ข้อความ"))]), &DocxOptions::new(&no_charts)).unwrap();
        let xml = part(&bytes, "word/document.xml");
        assert_eq!(xml.matches("<w:sectPr>").count(), 1);
        assert!(xml.contains("<w:pgNumType w:fmt=\"thaiNumbers\" w:start=\"1\" />"), "{xml}");
        assert!(xml.contains("<w:footerReference"));
    }

    #[test]
    fn an_empty_cover_is_still_a_page_of_its_own() {
        let cover = Cover { title: vec![], agency: vec![], logo: None };
        let d = doc(vec![Block::Cover(cover), Block::Section { landscape: false }, Block::Paragraph(Para::text("ก"))]);
        let xml = part(&write(&d, &DocxOptions::new(&no_charts)).unwrap(), "word/document.xml");
        assert_eq!(xml.matches("<w:sectPr>").count(), 2, "{xml}");
    }

    #[test]
    fn a_chart_is_a_caption_and_a_picture_of_its_bars_that_fits_the_page() {
        let chart = Chart {
            title: "ผลการประเมิน".into(), alt: "แผนภูมิ \"คะแนน\" & <ปี>".into(), bars: vec![]
        };
        let drawn = std::cell::RefCell::new(Vec::new());
        let draw = |c: &Chart, _: &Layout, dpi: f32| {
            drawn.borrow_mut().push((c.title.clone(), dpi));
            Ok(png(4000, 1000))
        };
        let bytes = write(&doc(vec![Block::Chart(chart)]), &DocxOptions::new(&draw)).unwrap();
        assert_eq!(*drawn.borrow(), [(String::new(), CHART_DPI)], "drawn once, without its title");
        let xml = part(&bytes, "word/document.xml");
        assert!(xml.contains("<w:pStyle w:val=\"Caption\" />") && xml.contains(">ผลการประเมิน<"));
        assert!(xml.contains("descr=\"แผนภูมิ &quot;คะแนน&quot; &amp; &lt;ปี&gt;\""), "{xml}");
        // 4000 px at 200 dpi is 20 cm: scaled to the 16 cm of text, 4:1.
        let width = OFFICIAL.text_width(false).twips() as u64 * 635;
        assert!(xml.contains(&format!("<wp:extent cx=\"{width}\" cy=\"{}\" />", width / 4)), "{xml}");
    }

    #[test]
    fn a_chart_that_cannot_be_drawn_is_an_error_naming_it() {
        let chart = Chart { title: "ผลการประเมิน".into(), alt: String::new(), bars: vec![] };
        let err = write(&doc(vec![Block::Chart(chart)]), &DocxOptions::new(&no_charts)).err().unwrap();
        assert!(err.to_string().contains("ผลการประเมิน: no charts here"), "{err}");
    }

    #[test]
    fn the_cover_has_its_logo_its_own_section_and_no_page_number() {
        let cover =
            Cover {
                title: vec!["ชื่อ".into(), "ปี".into()], agency: vec!["หน่วยงาน".into()], logo: Some(png(300, 600))
            };
        let d =
            doc(vec![Block::Cover(cover), Block::Section { landscape: false }, Block::Paragraph(Para::text("เนื้อหา"))]);
        let bytes = write(&d, &DocxOptions::new(&no_charts)).unwrap();
        let xml = part(&bytes, "word/document.xml");
        let sect = xml.find("</w:sectPr>").unwrap();
        let cover = &xml[..sect + xml[sect..].find("</w:p>").unwrap()];
        assert!(cover.contains("descr=\"หน่วยงาน\"") && cover.contains(">หน่วยงาน<"), "{cover}");
        assert!(!cover.contains("footerReference") && !cover.contains("pgNumType"), "{cover}");
        // 4.5 cm tall, half as wide.
        let height = OFFICIAL.cover.logo_height.twips() as u64 * 635;
        assert!(cover.contains(&format!("<wp:extent cx=\"{}\" cy=\"{height}\" />", height / 2)), "{cover}");
    }
}
