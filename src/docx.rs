//! The DOCX writer: the same Document as the PDF, as a Word file an official
//! can edit and restyle (named styles, real tables, one section per part).
//!
//! docx-rs builds the package. It cannot write a few things a Thai official
//! document needs, so one post-processing pass over the package ([`finish`])
//! adds them: the Thai language, Thai distributed alignment, repeated table
//! header rows, Thai page numbers and picture descriptions. The same pass
//! makes the bytes reproducible (docx-rs numbers paragraphs from a counter
//! that lives as long as the thread).

use std::io::{Cursor, Read, Write};

use docx_rs as dx;

use crate::document::{Align, Block, Cell, Chart, Cover, Document, Para, Run, Signatory, Table};
use crate::thai::Numerals;

/// The family Thai government documents are set in (the 2010 cabinet
/// resolution's national fonts); officials' machines have it.
pub const DEFAULT_FONT: &str = "TH SarabunPSK";

/// The resolution charts are drawn at: sharp in print, about 100 KB each.
pub const CHART_DPI: f32 = 200.0;

/// Draws a chart as a PNG at a resolution in dots per inch; in the program
/// this is `PdfWriter::chart_png`, the PDF's own drawing.
pub type ChartPng<'a> = dyn Fn(&Chart, f32) -> Result<Vec<u8>, String> + 'a;

pub struct DocxOptions<'a> {
    /// The font family Word sets the document in.
    pub font: String,
    /// The digits of the page numbers.
    pub numerals: Numerals,
    /// The cover's logo (PNG, JPEG or GIF), if the cover has one.
    pub logo: Option<&'a [u8]>,
    pub chart_png: &'a ChartPng<'a>,
}

impl<'a> DocxOptions<'a> {
    /// The government font, Thai page numbers, no logo.
    pub fn new(chart_png: &'a ChartPng<'a>) -> DocxOptions<'a> {
        DocxOptions { font: DEFAULT_FONT.into(), numerals: Numerals::Thai, logo: None, chart_png }
    }
}

#[derive(Debug)]
pub struct DocxError(pub String);

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "สร้าง DOCX ไม่สำเร็จ (the DOCX could not be made): {}", self.0)
    }
}

impl std::error::Error for DocxError {}

impl From<zip::result::ZipError> for DocxError {
    fn from(e: zip::result::ZipError) -> Self {
        DocxError(format!("zip: {e}"))
    }
}

impl From<std::io::Error> for DocxError {
    fn from(e: std::io::Error) -> Self {
        DocxError(e.to_string())
    }
}

/// The document as a DOCX package. The same document and options give the
/// same bytes.
pub fn write(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    let mut writer = Writer { opts, alts: Vec::new() };
    let docx = writer.docx(doc)?;
    let mut raw = Cursor::new(Vec::new());
    docx.pack(&mut raw)?;
    let fix = Fixes {
        thai_page_numbers: opts.numerals == Numerals::Thai,
        alts: &writer.alts,
        title: &doc.meta.title,
        author: &doc.meta.author,
    };
    finish(raw.get_ref(), &fix)
}

// Lengths in twentieths of a point (twips), Word's unit, as in
// templates/report.typ.
const A4: (u32, u32) = (11906, 16838);
const MARGIN_LEFT: i32 = 1701; // 3 cm
const MARGIN_RIGHT: i32 = 1134; // 2 cm
const MARGIN_TOP: i32 = 1417; // 2.5 cm
const MARGIN_BOTTOM: i32 = 1134; // 2 cm
/// From the page's bottom edge to the page number: the middle of the margin.
const FOOTER_DISTANCE: i32 = 567;
const HEADER_DISTANCE: i32 = 709;
/// The first-line indent of prose: 2.5em of 16 pt, as the PDF.
const FIRST_LINE_INDENT: i32 = 800;
/// The signatory's block at the right margin.
const SIGNATORY_WIDTH: i32 = 5103; // 9 cm
const SIGNATORY_SPACE: u32 = 800; // 2.5em
/// Cell padding: the PDF's 5 pt at the sides; none above and below (Word's
/// default), as Word's Thai line is already tall.
const CELL_PADDING: usize = 100;
const CELL_PADDING_Y: usize = 0;
/// Table rules of 0.5 pt, in eighths of a point.
const RULE: usize = 4;

// Font sizes in half-points.
const BODY_SIZE: usize = 32; // 16 pt, the standard
const COVER_SIZE: usize = 40; // 20 pt
const CAPTION_SIZE: usize = 28; // 14 pt, the PDF's chart title

// The cover, laid out as the PDF's: the title 2.5 cm from the top (below
// the logo when there is one), the agency 3 cm above the bottom margin.
// Its lines have an exact height so the space between can be computed.
const COVER_LINE: i32 = 600; // 30 pt for 20 pt text: room for Thai marks
const COVER_TOP: i32 = 1417; // 2.5 cm
const COVER_BOTTOM: i32 = 1701; // 3 cm
const LOGO_HEIGHT: i32 = 2551; // 4.5 cm
const LOGO_GAP: i32 = 850; // 1.5 cm
/// Slack so the agency's last line never slips onto a second page.
const COVER_SLACK: i32 = 300;

const EMU_PER_TWIP: u64 = 635;
const EMU_PER_INCH: f64 = 914_400.0;

// Style ids; their names are Word's built-in ones where Word has one, so
// Word treats them as its own (navigation pane, table of contents).
const NORMAL: &str = "Normal";
const BODY_TEXT: &str = "BodyText";
const TABLE_TEXT: &str = "TableText";
const CAPTION: &str = "Caption";
const TITLE: &str = "Title";
const SIGNATURE: &str = "Signature";
const FOOTER: &str = "Footer";

/// A page in one orientation, with the PDF's margins.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Page {
    landscape: bool,
}

impl Page {
    const PORTRAIT: Page = Page { landscape: false };

    fn size(self) -> (u32, u32) {
        if self.landscape { (A4.1, A4.0) } else { A4 }
    }

    fn text_width(self) -> i32 {
        self.size().0 as i32 - MARGIN_LEFT - MARGIN_RIGHT
    }

    fn text_height(self) -> i32 {
        self.size().1 as i32 - MARGIN_TOP - MARGIN_BOTTOM
    }

    fn page_size(self) -> dx::PageSize {
        let (w, h) = self.size();
        let size = dx::PageSize::new().size(w, h);
        if self.landscape { size.orient(dx::PageOrientationType::Landscape) } else { size }
    }

    fn margin(self) -> dx::PageMargin {
        dx::PageMargin::new()
            .top(MARGIN_TOP)
            .bottom(MARGIN_BOTTOM)
            .left(MARGIN_LEFT)
            .right(MARGIN_RIGHT)
            .header(HEADER_DISTANCE)
            .footer(FOOTER_DISTANCE)
            .gutter(0)
    }

    fn section_property(self) -> dx::SectionProperty {
        dx::SectionProperty::new().page_size(self.page_size()).page_margin(self.margin())
    }
}

/// The document's parts, each a Word section: the cover, and the runs of
/// blocks each `Block::Section` starts.
enum Part<'d> {
    Cover(&'d Cover),
    Body { page: Page, blocks: Vec<&'d Block> },
}

fn parts(doc: &Document) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Cover(c) => parts.push(Part::Cover(c)),
            Block::Section { landscape } => {
                parts.push(Part::Body { page: Page { landscape: *landscape }, blocks: Vec::new() })
            }
            other => {
                // Blocks with no section of their own (at the start, or after
                // the cover) go on portrait pages, as Typst's default page.
                if !matches!(parts.last(), Some(Part::Body { .. })) {
                    parts.push(Part::Body { page: Page::PORTRAIT, blocks: Vec::new() });
                }
                if let Some(Part::Body { blocks, .. }) = parts.last_mut() {
                    blocks.push(other);
                }
            }
        }
    }
    parts
}

/// What goes into a Word body or section.
enum Child {
    P(dx::Paragraph),
    T(dx::Table),
}

struct Writer<'a> {
    opts: &'a DocxOptions<'a>,
    /// The pictures' descriptions in document order, for [`finish`].
    alts: Vec<String>,
}

impl Writer<'_> {
    fn docx(&mut self, doc: &Document) -> Result<dx::Docx, DocxError> {
        let mut docx = dx::Docx::new().styles(styles(&self.opts.font));
        if let Some(date) = created(doc) {
            docx = docx.created_at(&date).updated_at(&date);
        }
        let parts = parts(doc);
        let mut numbered = false;
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            match part {
                Part::Cover(cover) => {
                    let mut paras = self.cover(cover)?;
                    if last {
                        docx.document.section_property = Page::PORTRAIT.section_property();
                    } else if let Some(p) = paras.pop() {
                        // The cover's section ends with its last paragraph: no
                        // empty paragraph that could spill onto a second page.
                        paras.push(p.section_property(Page::PORTRAIT.section_property()));
                    }
                    for p in paras {
                        docx = docx.add_paragraph(p);
                    }
                }
                Part::Body { page, blocks } => {
                    // Pages are numbered from the first page after the cover.
                    let numbers = if numbered { dx::PageNumType::new() } else { dx::PageNumType::new().start(1) };
                    numbered = true;
                    let children = self.blocks(blocks, *page)?;
                    docx = if last {
                        body_section(docx, children, *page, numbers)
                    } else {
                        docx.add_section(section(children, *page, numbers))
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
                out.push(Child::P(dx::Paragraph::new().style(TABLE_TEXT)));
            }
        }
        Ok(out)
    }

    fn block(&mut self, block: &Block, page: Page) -> Result<Vec<Child>, DocxError> {
        Ok(match block {
            Block::Heading { level, text } => vec![Child::P(heading(*level, text))],
            Block::Paragraph(p) => vec![Child::P(paragraph(p, if p.indent { BODY_TEXT } else { NORMAL }, Align::Left))],
            Block::Table(t) => vec![Child::T(table(t, page))],
            Block::Chart(c) => self.chart(c, page)?,
            Block::Signatory(s) => signatory(s, page).into_iter().map(Child::P).collect(),
            // parts() has made sections of these.
            Block::Cover(_) | Block::Section { .. } => Vec::new(),
        })
    }

    /// The title as a caption an official can edit, then the PDF's drawing
    /// of the bars without its title.
    fn chart(&mut self, chart: &Chart, page: Page) -> Result<Vec<Child>, DocxError> {
        let caption = dx::Paragraph::new().style(CAPTION).add_run(text_run(&chart.title));
        let bars = Chart { title: String::new(), ..chart.clone() };
        let png =
            (self.opts.chart_png)(&bars, CHART_DPI).map_err(|e| DocxError(format!("chart {}: {e}", chart.title)))?;
        let (w_px, h_px) = png_size(&png).ok_or_else(|| DocxError(format!("chart {}: not a PNG", chart.title)))?;
        let natural = (
            (f64::from(w_px) / f64::from(CHART_DPI) * EMU_PER_INCH) as u64,
            (f64::from(h_px) / f64::from(CHART_DPI) * EMU_PER_INCH) as u64,
        );
        let size = fit(natural, page.text_width() as u64 * EMU_PER_TWIP);
        let pic = self.picture(png, (w_px, h_px), size, &chart.alt);
        let figure = dx::Paragraph::new().align(dx::AlignmentType::Center).add_run(dx::Run::new().add_image(pic));
        Ok(vec![Child::P(caption), Child::P(figure)])
    }

    /// A picture in line with the text; [`finish`] gives it its description.
    fn picture(&mut self, png: Vec<u8>, px: (u32, u32), emu: (u64, u64), alt: &str) -> dx::Pic {
        self.alts.push(alt.to_string());
        // Our own ids, not docx-rs's process-wide counter: reproducible.
        let id = format!("rIdImage{}", self.alts.len());
        dx::Pic::new_with_dimensions(png, px.0, px.1).size(emu.0 as u32, emu.1 as u32).id(id)
    }

    /// The cover as the PDF's: logo, title, and the agency near the bottom.
    fn cover(&mut self, cover: &Cover) -> Result<Vec<dx::Paragraph>, DocxError> {
        let page = Page::PORTRAIT;
        let mut paras = Vec::new();
        let mut used = COVER_TOP;
        let mut title_space = COVER_TOP as u32;
        if let Some(logo) = self.opts.logo {
            let (png, px) = logo_png(logo)?;
            let height = LOGO_HEIGHT as u64 * EMU_PER_TWIP;
            let size = fit(
                (height * u64::from(px.0) / u64::from(px.1.max(1)), height),
                page.text_width() as u64 * EMU_PER_TWIP,
            );
            let alt = cover.title.join(" ");
            let pic = self.picture(png, px, size, &alt);
            let spacing = dx::LineSpacing::new().before(COVER_TOP as u32).after(LOGO_GAP as u32);
            paras.push(
                dx::Paragraph::new()
                    .align(dx::AlignmentType::Center)
                    .line_spacing(spacing)
                    .add_run(dx::Run::new().add_image(pic)),
            );
            // The picture's line is a little taller than the picture.
            used += (size.1 / EMU_PER_TWIP) as i32 + LOGO_GAP + COVER_LINE / 2;
            title_space = 0;
        }
        used += COVER_LINE * (cover.title.len() + cover.agency.len()) as i32 + COVER_BOTTOM + COVER_SLACK;
        let gap = (page.text_height() - used).max(0) as u32;
        paras.extend(cover_lines(&cover.title, title_space));
        paras.extend(cover_lines(&cover.agency, gap));
        Ok(paras)
    }
}

/// The last part: Word keeps its page setup in the body, not in a paragraph.
fn body_section(mut docx: dx::Docx, children: Vec<Child>, page: Page, numbers: dx::PageNumType) -> dx::Docx {
    for child in children {
        docx = match child {
            Child::P(p) => docx.add_paragraph(p),
            Child::T(t) => docx.add_table(t),
        };
    }
    docx.document.section_property = page.section_property();
    docx.footer(page_number_footer()).page_num_type(numbers)
}

fn section(children: Vec<Child>, page: Page, numbers: dx::PageNumType) -> dx::Section {
    let mut s = dx::Section::new().page_size(page.page_size()).page_margin(page.margin()).page_num_type(numbers);
    for child in children {
        s = match child {
            Child::P(p) => s.add_paragraph(p),
            Child::T(t) => s.add_table(t),
        };
    }
    s.footer(page_number_footer())
}

/// The page number, centred at the bottom. Its digits are the section's
/// number format, which [`finish`] sets.
fn page_number_footer() -> dx::Footer {
    dx::Footer::new().add_paragraph(dx::Paragraph::new().style(FOOTER).add_page_num(dx::PageNum::new()))
}

/// The creation date for the document's properties: the document's own,
/// or SOURCE_DATE_EPOCH's, never the clock (as the PDF).
fn created(doc: &Document) -> Option<String> {
    if let Some([y, m, d]) = doc.meta.date {
        return Some(format!("{y:04}-{m:02}-{d:02}T00:00:00Z"));
    }
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    let t = time::OffsetDateTime::from_unix_timestamp(secs).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

fn cover_lines(lines: &[String], space_before: u32) -> Vec<dx::Paragraph> {
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let p = dx::Paragraph::new().style(TITLE).add_run(text_run(line));
            if i == 0 { p.line_spacing(cover_spacing().before(space_before)) } else { p }
        })
        .collect()
}

fn cover_spacing() -> dx::LineSpacing {
    dx::LineSpacing::new().line_rule(dx::LineSpacingType::Exact).line(COVER_LINE).after(0)
}

fn heading(level: u8, text: &str) -> dx::Paragraph {
    let style = if level <= 1 { "Heading1" } else { "Heading2" };
    dx::Paragraph::new().style(style).add_run(text_run(text))
}

/// A paragraph in a style; `default` aligns it when the paragraph itself
/// does not say (a table cell's alignment).
fn paragraph(p: &Para, style: &str, default: Align) -> dx::Paragraph {
    let align = if p.align == Align::Left { default } else { p.align };
    let mut out = dx::Paragraph::new().style(style);
    if align != Align::Left {
        out = out.align(alignment(align));
    }
    p.runs.iter().fold(out, |out, r| out.add_run(run(r)))
}

fn alignment(align: Align) -> dx::AlignmentType {
    match align {
        Align::Left => dx::AlignmentType::Left,
        Align::Center => dx::AlignmentType::Center,
        Align::Right => dx::AlignmentType::Right,
    }
}

/// A run; each `\n` in its text is a line break.
fn run(r: &Run) -> dx::Run {
    let run = text_run(&r.text);
    if r.bold { run.bold() } else { run }
}

fn text_run(text: &str) -> dx::Run {
    text.split('\n').enumerate().fold(dx::Run::new(), |run, (i, line)| {
        let run = if i > 0 { run.add_break(dx::BreakType::TextWrapping) } else { run };
        run.add_text(line)
    })
}

/// The signatory's lines centred in a block at the right margin.
fn signatory(s: &Signatory, page: Page) -> Vec<dx::Paragraph> {
    let indent = page.text_width() - SIGNATORY_WIDTH;
    s.lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let p =
                dx::Paragraph::new().style(SIGNATURE).indent(Some(indent), None, None, None).add_run(text_run(line));
            if i == 0 { p.line_spacing(dx::LineSpacing::new().before(SIGNATORY_SPACE)) } else { p }
        })
        .collect()
}

/// A table across the text width: the header row repeats on each page
/// ([`finish`] marks it), a cell spanning rows is a vertical merge.
fn table(t: &Table, page: Page) -> dx::Table {
    let widths = column_widths(&t.widths, page.text_width());
    let header =
        t.header.iter().zip(&widths).map(|(c, w)| cell(c, *w).vertical_align(dx::VAlignType::Center)).collect();
    // docx-rs has no tblHeader; the header is the one row that may not
    // split, and finish() turns that mark into a repeating header.
    let mut rows = vec![dx::TableRow::new(header).cant_split()];
    rows.extend(body_rows(t, &widths));
    dx::Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), dx::WidthType::Dxa)
        .layout(dx::TableLayoutType::Fixed)
        .set_borders(borders())
        .margins(dx::TableCellMargins::new().margin(CELL_PADDING_Y, CELL_PADDING, CELL_PADDING_Y, CELL_PADDING))
}

/// The relative widths scaled to `total` twips; the last column takes the
/// rounding so the table is exactly as wide as the text.
fn column_widths(relative: &[f32], total: i32) -> Vec<usize> {
    let sum: f32 = relative.iter().sum();
    if relative.is_empty() || sum <= 0.0 {
        return vec![total.max(0) as usize; relative.len().min(1)];
    }
    let mut widths: Vec<usize> = relative.iter().map(|w| (w / sum * total as f32).floor() as usize).collect();
    let rest = total as usize - widths.iter().sum::<usize>();
    if let Some(last) = widths.last_mut() {
        *last += rest;
    }
    widths
}

/// The body rows, every column filled: a column that a cell above still
/// covers gets a continuing merged cell.
fn body_rows(t: &Table, widths: &[usize]) -> Vec<dx::TableRow> {
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
                            cell(c, width).vertical_merge(dx::VMergeType::Restart)
                        }
                        Some(c) => cell(c, width),
                        None => empty_cell(width),
                    }
                })
                .collect();
            dx::TableRow::new(out)
        })
        .collect()
}

fn cell(c: &Cell, width: usize) -> dx::TableCell {
    let cell = dx::TableCell::new().width(width, dx::WidthType::Dxa);
    if c.paras.is_empty() {
        return cell.add_paragraph(dx::Paragraph::new().style(TABLE_TEXT));
    }
    c.paras.iter().fold(cell, |cell, p| cell.add_paragraph(paragraph(p, TABLE_TEXT, c.align)))
}

/// A cell with the empty paragraph Word requires, in the table style (not
/// Normal's spacing, which would make the row taller).
fn empty_cell(width: usize) -> dx::TableCell {
    dx::TableCell::new().width(width, dx::WidthType::Dxa).add_paragraph(dx::Paragraph::new().style(TABLE_TEXT))
}

fn borders() -> dx::TableBorders {
    use dx::TableBorderPosition::*;
    [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(dx::TableBorders::new(), |b, pos| b.set(dx::TableBorder::new(pos).size(RULE)))
}

/// `size` scaled down, keeping its proportions, to at most `max_width`.
fn fit(size: (u64, u64), max_width: u64) -> (u64, u64) {
    if size.0 <= max_width || size.0 == 0 {
        return size;
    }
    (max_width, size.1 * max_width / size.0)
}

/// A PNG's width and height from its header.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if !png.starts_with(b"\x89PNG\r\n\x1a\n") || png.len() < 24 || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&png[16..20]), be(&png[20..24])))
}

/// The logo as a PNG (docx-rs writes pictures as PNG only) and its size in
/// pixels.
fn logo_png(logo: &[u8]) -> Result<(Vec<u8>, (u32, u32)), DocxError> {
    if let Some(size) = png_size(logo) {
        return Ok((logo.to_vec(), size));
    }
    let image = image::load_from_memory(logo)
        .map_err(|e| DocxError(format!("the logo is not a PNG, JPEG or GIF picture: {e}")))?;
    let mut png = Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png).map_err(|e| DocxError(format!("the logo: {e}")))?;
    Ok((png.into_inner(), (image.width(), image.height())))
}

/// The named styles. The body font and size are the document defaults, so
/// Normal and every style based on it follow a change of either.
fn styles(font: &str) -> dx::Styles {
    // Word takes Thai text's font and size from the complex-script
    // properties (w:cs, w:szCs); docx-rs's size() writes both.
    let fonts = dx::RunFonts::new().ascii(font).hi_ansi(font).east_asia(font).cs(font);
    let body = dx::LineSpacing::new().before(0).after(120).line(240).line_rule(dx::LineSpacingType::Auto);
    let para =
        |id: &str, name: &str| dx::Style::new(id, dx::StyleType::Paragraph).name(name).based_on(NORMAL).next(NORMAL);
    dx::Styles::new()
        .default_fonts(fonts)
        .default_size(BODY_SIZE)
        .default_line_spacing(body)
        .add_style(keep_next(
            para("Heading1", "heading 1")
                .bold()
                .align(dx::AlignmentType::Center)
                .outline_lvl(0)
                .line_spacing(spacing(0, 240)),
        ))
        .add_style(keep_next(para("Heading2", "heading 2").bold().outline_lvl(1).line_spacing(spacing(240, 120))))
        // Justified here stands for Thai distributed, which docx-rs cannot
        // write; finish() replaces it.
        .add_style(
            para(BODY_TEXT, "Body Text")
                .indent(None, Some(dx::SpecialIndentType::FirstLine(FIRST_LINE_INDENT)), None, None)
                .align(dx::AlignmentType::Both),
        )
        .add_style(para(TABLE_TEXT, "Table Text").line_spacing(spacing(0, 0)))
        .add_style(keep_next(
            para(CAPTION, "caption")
                .bold()
                .size(CAPTION_SIZE)
                .align(dx::AlignmentType::Center)
                .line_spacing(spacing(120, 80)),
        ))
        .add_style(
            para(TITLE, "Title")
                .bold()
                .size(COVER_SIZE)
                .align(dx::AlignmentType::Center)
                .line_spacing(cover_spacing().before(0)),
        )
        .add_style(keep_next(para(SIGNATURE, "Signature").align(dx::AlignmentType::Center).line_spacing(spacing(0, 0))))
        .add_style(para(FOOTER, "footer").align(dx::AlignmentType::Center).line_spacing(spacing(0, 0)))
}

fn spacing(before: u32, after: u32) -> dx::LineSpacing {
    dx::LineSpacing::new().before(before).after(after)
}

fn keep_next(mut style: dx::Style) -> dx::Style {
    style.paragraph_property = style.paragraph_property.keep_next(true);
    style
}

/// What [`finish`] adds to the package docx-rs wrote.
struct Fixes<'a> {
    thai_page_numbers: bool,
    /// The pictures' descriptions, in document order.
    alts: &'a [String],
    title: &'a str,
    author: &'a str,
}

/// The post-processing pass: each XML part gets what docx-rs cannot write,
/// and the package is zipped again with fixed times, so the same document
/// gives the same bytes.
fn finish(package: &[u8], fixes: &Fixes) -> Result<Vec<u8>, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(package))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    // Paragraph ids must be unique across the parts; number them in order.
    let mut para_ids = 0;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        // Word's own packages have no directory entries.
        if file.is_dir() {
            continue;
        }
        let name = file.name().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        if name.ends_with(".xml") {
            let xml = String::from_utf8(bytes).map_err(|e| DocxError(format!("{name}: {e}")))?;
            bytes = fix_part(&name, xml, fixes, &mut para_ids).into_bytes();
        }
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

fn fix_part(name: &str, xml: String, fixes: &Fixes, para_ids: &mut u32) -> String {
    match name {
        "word/styles.xml" => thai_distributed(&thai_language(&xml)),
        "word/document.xml" => {
            let xml = repeat_header_rows(&xml);
            let xml = if fixes.thai_page_numbers { thai_page_numbers(&xml) } else { xml };
            renumber_paragraphs(&describe_pictures(&xml, fixes.alts), para_ids)
        }
        "docProps/core.xml" => core_properties(&xml, fixes.title, fixes.author),
        _ if name.starts_with("word/footer") || name.starts_with("word/header") => renumber_paragraphs(&xml, para_ids),
        _ => xml,
    }
}

/// Thai as every run's language (Latin and complex script), so Word breaks
/// lines between Thai words and checks Thai spelling.
fn thai_language(styles: &str) -> String {
    // w:lang is among the last of a run's properties (ECMA-376 CT_RPr).
    let defaults = "</w:rPr></w:rPrDefault>";
    styles.replacen(defaults, &format!("<w:lang w:val=\"th-TH\" w:eastAsia=\"th-TH\" w:bidi=\"th-TH\" />{defaults}"), 1)
}

/// Thai distributed alignment for the styles written as justified (Body
/// Text): Word spreads Thai lines by characters, not only at spaces.
fn thai_distributed(styles: &str) -> String {
    styles.replace("<w:jc w:val=\"both\" />", "<w:jc w:val=\"thaiDistribute\" />")
}

/// Each table's header row (the rows marked cantSplit) repeats on every page.
fn repeat_header_rows(document: &str) -> String {
    document.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
}

/// Page numbers in Thai digits: each section's number format.
fn thai_page_numbers(document: &str) -> String {
    document.replace("<w:pgNumType", "<w:pgNumType w:fmt=\"thaiNumbers\"")
}

/// Each picture gets a unique id and its description (alt text): docx-rs
/// gives every picture id 1 and no description.
fn describe_pictures(document: &str, alts: &[String]) -> String {
    let marker = "<wp:docPr id=\"1\" name=\"Figure\" />";
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    let mut n = 0;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at]);
        let alt = alts.get(n).map(String::as_str).unwrap_or_default();
        n += 1;
        out.push_str(&format!("<wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{}\" />", escape(alt)));
        rest = &rest[at + marker.len()..];
    }
    out.push_str(rest);
    out
}

/// Paragraph ids numbered in order from `next`: docx-rs takes them from a
/// counter that outlives one document.
fn renumber_paragraphs(xml: &str, next: &mut u32) -> String {
    let attr = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(attr) {
        let value = at + attr.len();
        let Some(len) = rest[value..].find('"') else { break };
        *next += 1;
        out.push_str(&rest[..value]);
        out.push_str(&format!("{:08X}", *next));
        rest = &rest[value + len..];
    }
    out.push_str(rest);
    out
}

/// The title and author, as the PDF's, and the language.
fn core_properties(core: &str, title: &str, author: &str) -> String {
    let author = escape(author);
    let extra = format!("<dc:title>{}</dc:title><dc:language>th-TH</dc:language></cp:coreProperties>", escape(title));
    core.replacen("<dc:creator>unknown</dc:creator>", &format!("<dc:creator>{author}</dc:creator>"), 1)
        .replacen(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
            1,
        )
        .replacen("</cp:coreProperties>", &extra, 1)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
