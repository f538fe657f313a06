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
/// Fewer letters than a 16 cm line of 20 pt bold Thai holds (about 45), so
/// a wrapped title is never underestimated.
const COVER_LINE_LETTERS: usize = 36;

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
    P(Box<dx::Paragraph>),
    T(Box<dx::Table>),
}

impl From<dx::Paragraph> for Child {
    fn from(p: dx::Paragraph) -> Child {
        Child::P(Box::new(p))
    }
}

impl From<dx::Table> for Child {
    fn from(t: dx::Table) -> Child {
        Child::T(Box::new(t))
    }
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
                    if paras.is_empty() {
                        // An empty cover is still a page of its own.
                        paras.push(dx::Paragraph::new().style(TITLE));
                    }
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
                out.push(dx::Paragraph::new().style(TABLE_TEXT).into());
            }
        }
        Ok(out)
    }

    fn block(&mut self, block: &Block, page: Page) -> Result<Vec<Child>, DocxError> {
        Ok(match block {
            Block::Heading { level, text } => vec![heading(*level, text).into()],
            Block::Paragraph(p) => vec![paragraph(p, if p.indent { BODY_TEXT } else { NORMAL }, Align::Left).into()],
            Block::Table(t) => vec![table(t, page).into()],
            Block::Chart(c) => self.chart(c, page)?,
            Block::Signatory(s) => signatory(s, page).into_iter().map(Child::from).collect(),
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
        Ok(vec![caption.into(), figure.into()])
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
        // As in the PDF, the cover shows the logo when it names one.
        if let (Some(_), Some(logo)) = (&cover.logo, self.opts.logo) {
            let (png, px) = logo_png(logo)?;
            let height = LOGO_HEIGHT as u64 * EMU_PER_TWIP;
            let size = fit(
                (height * u64::from(px.0) / u64::from(px.1.max(1)), height),
                page.text_width() as u64 * EMU_PER_TWIP,
            );
            // The logo is the agency's emblem: its name describes it.
            let alt = cover.agency.first().or(cover.title.first()).cloned().unwrap_or_default();
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
        let lines: i32 = cover.title.iter().chain(&cover.agency).map(|l| wrapped_lines(l)).sum();
        used += COVER_LINE * lines + COVER_BOTTOM + COVER_SLACK;
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
            Child::P(p) => docx.add_paragraph(*p),
            Child::T(t) => docx.add_table(*t),
        };
    }
    docx.document.section_property = page.section_property();
    docx.footer(page_number_footer()).page_num_type(numbers)
}

fn section(children: Vec<Child>, page: Page, numbers: dx::PageNumType) -> dx::Section {
    let mut s = dx::Section::new().page_size(page.page_size()).page_margin(page.margin()).page_num_type(numbers);
    for child in children {
        s = match child {
            Child::P(p) => s.add_paragraph(*p),
            Child::T(t) => s.add_table(*t),
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

/// How many lines a cover line takes, at most: a long title wraps. Thai
/// marks above and below a letter take no width of their own.
fn wrapped_lines(line: &str) -> i32 {
    let is_mark = |c: &char| matches!(*c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}');
    let letters = line.chars().filter(|c| !is_mark(c)).count();
    letters.div_ceil(COVER_LINE_LETTERS).max(1) as i32
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
    // Body Text indents by itself; elsewhere (a cell) the indent is direct.
    if p.indent && style != BODY_TEXT {
        out = out.indent(None, Some(dx::SpecialIndentType::FirstLine(FIRST_LINE_INDENT)), None, None);
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
    // Enter after a heading or prose starts prose; in a table, table text.
    let para = |id: &str, name: &str| {
        let next = if id == TABLE_TEXT { TABLE_TEXT } else { BODY_TEXT };
        dx::Style::new(id, dx::StyleType::Paragraph).name(name).based_on(NORMAL).next(next)
    };
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
            let xml = sections_in_schema_order(&xml);
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
    styles.replacen(defaults, &format!("<w:lang w:val=\"th-TH\" w:bidi=\"th-TH\" />{defaults}"), 1)
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

/// The children of a section's properties, in ECMA-376's order (CT_SectPr):
/// docx-rs writes the footer reference and the number format after the
/// columns; a reader that validates (Word does, in places) expects the
/// schema's sequence.
const SECTION_ORDER: [&str; 22] = [
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

fn sections_in_schema_order(document: &str) -> String {
    let (open, close) = ("<w:sectPr>", "</w:sectPr>");
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    while let Some(at) = rest.find(open) {
        let start = at + open.len();
        let Some(len) = rest[start..].find(close) else { break };
        out.push_str(&rest[..start]);
        let mut children: Vec<&str> = rest[start..start + len].split_inclusive("/>").collect();
        // docx-rs writes only empty elements here; anything else stays as it is.
        if children.iter().all(|c| c.starts_with('<') && c.matches('<').count() == 1) {
            children.sort_by_key(|c| {
                let name = c[1..].split([' ', '/']).next().unwrap_or_default();
                SECTION_ORDER.iter().position(|n| *n == name).unwrap_or(SECTION_ORDER.len())
            });
        }
        out.push_str(&children.concat());
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;
    use dx::BuildXML;

    fn meta() -> Meta {
        Meta {
            title: "ชื่อเรื่อง".into(), author: "หน่วยงาน".into(), lang: "th".into(), date: None
        }
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document { meta: meta(), blocks, keep_whole: Vec::new() }
    }

    fn no_charts(_: &Chart, _: f32) -> Result<Vec<u8>, String> {
        Err("no charts here".into())
    }

    /// A PNG of `w` × `h` white pixels.
    fn png(w: u32, h: u32) -> Vec<u8> {
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

    fn xml(t: &dx::Table) -> String {
        String::from_utf8(t.build()).unwrap()
    }

    #[test]
    fn columns_fill_the_text_width_exactly() {
        let widths = column_widths(&[1.2, 5.0, 1.3], Page::PORTRAIT.text_width());
        assert_eq!(widths.iter().sum::<usize>(), 9071);
        assert!(widths[1] > 4 * widths[0], "{widths:?}");
        assert_eq!(
            column_widths(&[2.2, 2.2, 4.0, 1.6, 1.3], Page { landscape: true }.text_width()).iter().sum::<usize>(),
            14003
        );
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
        let xml = xml(&table(&t, Page::PORTRAIT));
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
        let cell = Cell::new(vec![Para::text("ก"), Para::text("ข").align(Align::Right)]).centered();
        let xml = String::from_utf8(super::cell(&cell, 1000).build()).unwrap();
        assert!(xml.contains("<w:jc w:val=\"center\" />") && xml.contains("<w:jc w:val=\"right\" />"), "{xml}");
        let indented =
            String::from_utf8(paragraph(&Para::text("ก").indented(), TABLE_TEXT, Align::Left).build()).unwrap();
        assert!(indented.contains("w:firstLine=\"800\""), "{indented}");
    }

    #[test]
    fn blocks_fall_into_sections() {
        let d = doc(vec![
            Block::Paragraph(Para::text("ก่อนปก")),
            Block::Cover(Cover { title: vec!["ปก".into()], agency: vec![], logo: None }),
            Block::Paragraph(Para::text("หลังปก")),
            Block::Section { landscape: true },
            Block::Paragraph(Para::text("แนวนอน")),
        ]);
        let kinds: Vec<String> = parts(&d)
            .iter()
            .map(|p| match p {
                Part::Cover(_) => "cover".to_string(),
                Part::Body { page, blocks } => {
                    format!("{}:{}", if page.landscape { "landscape" } else { "portrait" }, blocks.len())
                }
            })
            .collect();
        assert_eq!(kinds, ["portrait:1", "cover", "portrait:1", "landscape:1"]);
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
    fn line_breaks_in_a_run_are_breaks_and_bold_is_bold_for_thai_too() {
        let p = Para {
            runs: vec![
                Run { text: "หัวข้อ".into(), bold: true },
                Run { text: " บรรทัดหนึ่ง\nบรรทัดสอง".into(), bold: false },
            ],
            ..Para::default()
        };
        let xml = String::from_utf8(paragraph(&p, NORMAL, Align::Left).build()).unwrap();
        assert!(xml.contains("<w:b /><w:bCs />"), "{xml}");
        assert!(
            xml.contains("บรรทัดหนึ่ง</w:t><w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">บรรทัดสอง"),
            "{xml}"
        );
    }

    #[test]
    fn a_chart_is_a_caption_and_a_picture_of_its_bars_that_fits_the_page() {
        let chart = Chart {
            title: "ผลการประเมิน".into(), alt: "แผนภูมิ \"คะแนน\" & <ปี>".into(), bars: vec![]
        };
        let drawn = std::cell::RefCell::new(Vec::new());
        let draw = |c: &Chart, dpi: f32| {
            drawn.borrow_mut().push((c.title.clone(), dpi));
            Ok(png(4000, 1000))
        };
        let bytes = write(&doc(vec![Block::Chart(chart)]), &DocxOptions::new(&draw)).unwrap();
        assert_eq!(*drawn.borrow(), [(String::new(), CHART_DPI)], "drawn once, without its title");
        let xml = part(&bytes, "word/document.xml");
        assert!(xml.contains("<w:pStyle w:val=\"Caption\" />") && xml.contains(">ผลการประเมิน<"));
        assert!(xml.contains("descr=\"แผนภูมิ &quot;คะแนน&quot; &amp; &lt;ปี&gt;\""), "{xml}");
        // 4000 px at 200 dpi is 20 cm: scaled to the 16 cm of text, 4:1.
        let width = Page::PORTRAIT.text_width() as u64 * EMU_PER_TWIP;
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
        let cover = Cover {
            title: vec!["ชื่อ".into(), "ปี".into()],
            agency: vec!["หน่วยงาน".into()],
            logo: Some("logo.png".into()),
        };
        let logo = png(300, 600);
        let opts = DocxOptions { logo: Some(&logo), ..DocxOptions::new(&no_charts) };
        let d =
            doc(vec![Block::Cover(cover), Block::Section { landscape: false }, Block::Paragraph(Para::text("เนื้อหา"))]);
        let bytes = write(&d, &opts).unwrap();
        let xml = part(&bytes, "word/document.xml");
        let sect = xml.find("</w:sectPr>").unwrap();
        let cover = &xml[..sect + xml[sect..].find("</w:p>").unwrap()];
        assert!(cover.contains("descr=\"หน่วยงาน\"") && cover.contains(">หน่วยงาน<"), "{cover}");
        assert!(!cover.contains("footerReference") && !cover.contains("pgNumType"), "{cover}");
        // 4.5 cm tall, half as wide.
        let height = LOGO_HEIGHT as u64 * EMU_PER_TWIP;
        assert!(cover.contains(&format!("<wp:extent cx=\"{}\" cy=\"{height}\" />", height / 2)), "{cover}");
    }

    #[test]
    fn a_jpeg_logo_becomes_a_png_and_a_broken_one_is_an_error() {
        let mut jpeg = Cursor::new(Vec::new());
        image::RgbImage::from_pixel(40, 20, image::Rgb([0, 0, 200]))
            .write_to(&mut jpeg, image::ImageFormat::Jpeg)
            .unwrap();
        let (png, size) = logo_png(jpeg.get_ref()).unwrap();
        assert_eq!((png_size(&png), size), (Some((40, 20)), (40, 20)));
        assert!(logo_png(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap_err().to_string().contains("the logo"));
    }

    #[test]
    fn the_signatory_is_a_block_at_the_right_margin() {
        let s = Signatory { lines: vec!["(ลงชื่อ)".into(), "นาย ก".into()] };
        let paras = signatory(&s, Page { landscape: true });
        let xml = String::from_utf8(paras[0].build()).unwrap();
        assert!(xml.contains(&format!("w:left=\"{}\"", 14003 - SIGNATORY_WIDTH)), "{xml}");
        assert!(xml.contains("w:before=\"800\""), "{xml}");
    }

    #[test]
    fn a_long_cover_line_counts_as_the_lines_it_wraps_into() {
        assert_eq!(wrapped_lines("โทร. ๐๔๒-๓๕๑๖๖๘"), 1);
        assert_eq!(wrapped_lines(""), 1);
        // 50 characters, 45 letters: two lines (it wraps in the PDF too).
        assert_eq!(wrapped_lines("มาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงาน"), 2);
    }

    #[test]
    fn the_creation_date_is_the_documents() {
        let mut d = doc(vec![]);
        d.meta.date = Some([2025, 12, 15]);
        assert_eq!(created(&d).as_deref(), Some("2025-12-15T00:00:00Z"));
    }

    #[test]
    fn thai_is_added_to_the_default_run_properties_once() {
        let styles = "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"32\" /></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr></w:rPr></w:style>";
        let fixed = thai_language(styles);
        assert_eq!(fixed.matches("<w:lang").count(), 1);
        assert!(
            fixed.contains("<w:sz w:val=\"32\" /><w:lang w:val=\"th-TH\" w:bidi=\"th-TH\" /></w:rPr></w:rPrDefault>"),
            "{fixed}"
        );
        assert_eq!(
            thai_distributed("<w:jc w:val=\"both\" /><w:jc w:val=\"center\" />"),
            "<w:jc w:val=\"thaiDistribute\" /><w:jc w:val=\"center\" />"
        );
    }

    #[test]
    fn header_rows_repeat_and_page_numbers_are_thai() {
        assert_eq!(
            repeat_header_rows("<w:trPr><w:cantSplit /></w:trPr><w:trPr />"),
            "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr><w:trPr />"
        );
        assert_eq!(
            thai_page_numbers("<w:pgNumType w:start=\"1\" /><w:pgNumType />"),
            "<w:pgNumType w:fmt=\"thaiNumbers\" w:start=\"1\" /><w:pgNumType w:fmt=\"thaiNumbers\" />"
        );
    }

    #[test]
    fn section_properties_are_put_in_the_schemas_order() {
        let docx_rs = "<w:p><w:sectPr><w:pgSz w:w=\"1\" /><w:pgMar w:top=\"2\" /><w:cols w:num=\"1\" />\
                       <w:footerReference w:type=\"default\" r:id=\"rIdFooter1\" /><w:pgNumType w:start=\"1\" /></w:sectPr></w:p>";
        assert_eq!(
            sections_in_schema_order(docx_rs),
            "<w:p><w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\" /><w:pgSz w:w=\"1\" />\
             <w:pgMar w:top=\"2\" /><w:pgNumType w:start=\"1\" /><w:cols w:num=\"1\" /></w:sectPr></w:p>"
        );
        let nested = "<w:sectPr><w:cols><w:col /></w:cols><w:pgSz /></w:sectPr>";
        assert_eq!(sections_in_schema_order(nested), nested, "only empty children are moved");
    }

    #[test]
    fn paragraph_ids_run_on_across_parts() {
        let mut next = 0;
        let a = renumber_paragraphs("<w:p w14:paraId=\"0000abcd\"><w:p w14:paraId=\"00000001\">", &mut next);
        let b = renumber_paragraphs("<w:p w14:paraId=\"12345678\">", &mut next);
        assert_eq!(a, "<w:p w14:paraId=\"00000001\"><w:p w14:paraId=\"00000002\">");
        assert_eq!(b, "<w:p w14:paraId=\"00000003\">");
    }

    #[test]
    fn the_properties_name_the_title_and_author_escaped() {
        let core = "<cp:coreProperties><dc:creator>unknown</dc:creator><cp:lastModifiedBy>unknown</cp:lastModifiedBy></cp:coreProperties>";
        let fixed = core_properties(core, "ITA <2568> & \"มาตรการ\"", "อบต. ก & ข");
        assert_eq!(
            fixed,
            "<cp:coreProperties><dc:creator>อบต. ก &amp; ข</dc:creator><cp:lastModifiedBy>อบต. ก &amp; ข</cp:lastModifiedBy>\
             <dc:title>ITA &lt;2568&gt; &amp; &quot;มาตรการ&quot;</dc:title><dc:language>th-TH</dc:language></cp:coreProperties>"
        );
    }

    #[test]
    fn the_package_is_zipped_again_without_times_or_folders() {
        let mut raw = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let now = zip::DateTime::from_date_and_time(2030, 5, 6, 7, 8, 10).unwrap();
        let options = zip::write::SimpleFileOptions::default().last_modified_time(now);
        raw.add_directory("word/", options).unwrap();
        raw.start_file("word/document.xml", options).unwrap();
        raw.write_all(b"<w:p w14:paraId=\"00000099\">").unwrap();
        let raw = raw.finish().unwrap().into_inner();
        let fixes = Fixes { thai_page_numbers: true, alts: &[], title: "", author: "" };
        let out = finish(&raw, &fixes).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(&out)).unwrap();
        assert_eq!(zip.file_names().collect::<Vec<_>>(), ["word/document.xml"]);
        let file = zip.by_index(0).unwrap();
        assert_eq!(file.last_modified(), Some(zip::DateTime::default()));
        drop(file);
        assert_eq!(part(&out, "word/document.xml"), "<w:p w14:paraId=\"00000001\">");
    }
}
