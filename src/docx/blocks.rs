//! Headings, paragraphs and runs, the signatory's block, and the cover.

use docx_rs as dx;

use super::page::Page;
use super::styles::{BODY_TEXT, SIGNATURE, TITLE};
use super::{DocxError, Writer};
use crate::document::{Align, Cover, Para, Run, SignatureBlock};
use crate::layout::Layout;

/// The signatory's block starts 2.5em below the text before it.
const SIGNATORY_SPACE: u32 = 800;
/// A cover line's exact height: 30 pt for 20 pt text, room for Thai marks.
/// Exact, so that the space between the title and the agency can be
/// computed.
pub(super) const COVER_LINE: i32 = 600;
/// Slack so the agency's last line never slips onto a second page.
const COVER_SLACK: i32 = 300;
/// Fewer letters than a 16 cm line of 20 pt bold Thai holds (about 45), so
/// a wrapped title is never underestimated.
const COVER_LINE_LETTERS: usize = 36;

/// What goes into a Word body or section.
pub(super) enum Child {
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

pub(super) fn heading(level: u8, text: &str) -> dx::Paragraph {
    let style = if level <= 1 { "Heading1" } else { "Heading2" };
    dx::Paragraph::new().style(style).add_run(text_run(text))
}

/// A paragraph in a style; `default` aligns it when the paragraph itself
/// does not say (a table cell's alignment).
pub(super) fn paragraph(p: &Para, style: &str, default: Align, layout: &Layout) -> dx::Paragraph {
    let align = if p.align == Align::Left { default } else { p.align };
    let mut out = dx::Paragraph::new().style(style);
    if align != Align::Left {
        out = out.align(alignment(align));
    }
    // Body Text indents by itself; elsewhere (a cell) the indent is direct.
    if p.indent && style != BODY_TEXT {
        out = out.indent(None, Some(dx::SpecialIndentType::FirstLine(first_line_indent(layout))), None, None);
    }
    p.runs.iter().fold(out, |out, r| out.add_run(run(r)))
}

/// The first-line indent of prose, in twips.
pub(super) fn first_line_indent(layout: &Layout) -> i32 {
    (layout.indent_pt() * 20.0).round() as i32
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

pub(super) fn text_run(text: &str) -> dx::Run {
    text.split('\n').enumerate().fold(dx::Run::new(), |run, (i, line)| {
        let run = if i > 0 { run.add_break(dx::BreakType::TextWrapping) } else { run };
        run.add_text(line)
    })
}

/// The signatory's lines centred in a block at the right margin.
pub(super) fn signature(s: &SignatureBlock, page: Page) -> Vec<dx::Paragraph> {
    let indent = page.text_width() - page.layout.signatory_width.twips_at_least();
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

impl Writer<'_> {
    /// The cover as the PDF's: logo, title, and the agency near the bottom.
    pub(super) fn cover(&mut self, cover: &Cover) -> Result<Vec<dx::Paragraph>, DocxError> {
        let page = self.page(false);
        let spacing = self.layout.cover;
        let top = spacing.top.twips();
        let mut paras = Vec::new();
        let mut used = top;
        let mut title_space = top as u32;
        if let Some(logo) = &cover.logo {
            let (pic, height) = self.logo(logo, cover, page)?;
            let gap = spacing.logo_gap.twips();
            let line = dx::LineSpacing::new().before(top as u32).after(gap as u32);
            paras.push(
                dx::Paragraph::new()
                    .align(dx::AlignmentType::Center)
                    .line_spacing(line)
                    .add_run(dx::Run::new().add_image(pic)),
            );
            // The picture's line is a little taller than the picture.
            used += height + gap + COVER_LINE / 2;
            title_space = 0;
        }
        let lines: i32 = cover.title.iter().chain(&cover.agency).map(|l| wrapped_lines(l)).sum();
        used += COVER_LINE * lines + spacing.bottom.twips() + COVER_SLACK;
        let gap = (page.text_height() - used).max(0) as u32;
        paras.extend(cover_lines(&cover.title, title_space));
        paras.extend(cover_lines(&cover.agency, gap));
        Ok(paras)
    }
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

pub(super) fn cover_spacing() -> dx::LineSpacing {
    dx::LineSpacing::new().line_rule(dx::LineSpacingType::Exact).line(COVER_LINE).after(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::OFFICIAL;
    use dx::BuildXML;

    #[test]
    fn line_breaks_in_a_run_are_breaks_and_bold_is_bold_for_thai_too() {
        let p = Para {
            runs: vec![
                Run { text: "หัวข้อ".into(), bold: true },
                Run { text: " บรรทัดหนึ่ง\nบรรทัดสอง".into(), bold: false },
            ],
            ..Para::default()
        };
        let xml =
            String::from_utf8(paragraph(&p, super::super::styles::NORMAL, Align::Left, &OFFICIAL).build()).unwrap();
        assert!(xml.contains("<w:b /><w:bCs />"), "{xml}");
        assert!(
            xml.contains("บรรทัดหนึ่ง</w:t><w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">บรรทัดสอง"),
            "{xml}"
        );
    }

    #[test]
    fn the_signatory_is_a_block_at_the_right_margin() {
        let s = SignatureBlock { lines: vec!["(ลงชื่อ)".into(), "นาย ก".into()] };
        let paras = signature(&s, Page { landscape: true, layout: &OFFICIAL });
        let xml = String::from_utf8(paras[0].build()).unwrap();
        assert!(xml.contains(&format!("w:left=\"{}\"", 14003 - OFFICIAL.signatory_width.twips_at_least())), "{xml}");
        assert!(xml.contains("w:before=\"800\""), "{xml}");
    }

    #[test]
    fn a_long_cover_line_counts_as_the_lines_it_wraps_into() {
        assert_eq!(wrapped_lines("โทร. ๐๔๒-๓๕๑๖๖๘"), 1);
        assert_eq!(wrapped_lines(""), 1);
        // 50 characters, 45 letters: two lines (it wraps in the PDF too).
        assert_eq!(wrapped_lines("มาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงาน"), 2);
    }
}
