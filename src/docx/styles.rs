//! The named styles. The body font and size are the document defaults, so
//! Normal and every style based on it follow a change of either. Their
//! names are Word's built-in ones where Word has one, so Word treats them as
//! its own (navigation pane, table of contents).

use docx_rs as dx;

use super::blocks::{cover_spacing, first_line_indent};
use crate::layout::Layout;

pub(super) const NORMAL: &str = "Normal";
pub(super) const BODY_TEXT: &str = "BodyText";
pub(super) const TABLE_TEXT: &str = "TableText";
pub(super) const CAPTION: &str = "Caption";
pub(super) const TITLE: &str = "Title";
pub(super) const SIGNATURE: &str = "Signature";
pub(super) const FOOTER: &str = "Footer";
pub(super) const HEADER: &str = "Header";

/// A size in points as Word's half-points.
fn half_points(pt: f64) -> usize {
    (pt * 2.0).round() as usize
}

pub(super) fn styles(font: &str, layout: &Layout) -> dx::Styles {
    // Word takes Thai text's font and size from the complex-script
    // properties (w:cs, w:szCs); docx-rs's size() writes both.
    let fonts = dx::RunFonts::new().ascii(font).hi_ansi(font).east_asia(font).cs(font);
    let body = dx::LineSpacing::new().before(0).after(120).line(240).line_rule(dx::LineSpacingType::Auto);
    let sizes = layout.sizes;
    // Enter after a heading or prose starts prose; in a table, table text.
    let para = |id: &str, name: &str| {
        let next = if id == TABLE_TEXT { TABLE_TEXT } else { BODY_TEXT };
        dx::Style::new(id, dx::StyleType::Paragraph).name(name).based_on(NORMAL).next(next)
    };
    dx::Styles::new()
        .default_fonts(fonts)
        .default_size(half_points(sizes.body))
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
        // write; the package replaces it.
        .add_style(
            para(BODY_TEXT, "Body Text")
                .indent(None, Some(dx::SpecialIndentType::FirstLine(first_line_indent(layout))), None, None)
                .align(dx::AlignmentType::Both),
        )
        .add_style(para(TABLE_TEXT, "Table Text").line_spacing(spacing(0, 0)))
        .add_style(keep_next(
            para(CAPTION, "caption")
                .bold()
                .size(half_points(sizes.caption))
                .align(dx::AlignmentType::Center)
                .line_spacing(spacing(120, 80)),
        ))
        .add_style(
            para(TITLE, "Title")
                .bold()
                .size(half_points(sizes.cover))
                .align(dx::AlignmentType::Center)
                .line_spacing(cover_spacing().before(0)),
        )
        .add_style(keep_next(para(SIGNATURE, "Signature").align(dx::AlignmentType::Center).line_spacing(spacing(0, 0))))
        .add_style(para(FOOTER, "footer").align(dx::AlignmentType::Center).line_spacing(spacing(0, 0)))
        .add_style(para(HEADER, "header").align(dx::AlignmentType::Center).line_spacing(spacing(0, 0)))
}

fn spacing(before: u32, after: u32) -> dx::LineSpacing {
    dx::LineSpacing::new().before(before).after(after)
}

fn keep_next(mut style: dx::Style) -> dx::Style {
    style.paragraph_property = style.paragraph_property.keep_next(true);
    style
}
