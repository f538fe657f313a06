//! Plain text: the control characters text copied from Word or a PDF
//! carries, dealt with or refused, and the characters no document may hold.

/// A text with its control characters dealt with, trimmed. The ones that
/// text copied from Word or a PDF carries to mean a break become one: a
/// line break for the vertical tab (Word's manual line break), the form
/// feed (a PDF's page break), NEL, CR and the line separator, a blank line
/// (a new paragraph) for the paragraph separator; a tab is a space. Any
/// other control character has no meaning in print, and could hide
/// anything: it is refused, as (its place in characters, counting from 1,
/// and the character). So is a noncharacter (U+FFFE, U+FDD0, ...), which
/// XML 1.0 forbids or discourages: Word would not open the DOCX.
pub fn plain_text(raw: &str) -> Result<String, (usize, char)> {
    let mut out = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        match c {
            '\t' => out.push(' '),
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            c if c.is_control() || is_noncharacter(c) => return Err((i + 1, c)),
            c => out.push(c),
        }
    }
    Ok(out.trim().to_string())
}

/// The 66 noncharacters of Unicode: U+FDD0..U+FDEF, and the last two code
/// points of every plane.
pub(super) fn is_noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

/// The name of a control character that is often met, for messages.
pub(super) fn control_name(c: char) -> &'static str {
    match c {
        '\0' => " (NUL)",
        '\u{1B}' => " (ESC)",
        '\u{7F}' => " (DEL)",
        '\u{08}' => " (backspace)",
        '\u{07}' => " (BEL)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noncharacters_are_refused_where_they_stand() {
        assert_eq!(plain_text("ก\u{FFFE}"), Err((2, '\u{FFFE}')));
        assert_eq!(plain_text("\u{FDD0}"), Err((1, '\u{FDD0}')));
        assert_eq!(plain_text("a\u{10FFFF}"), Err((2, '\u{10FFFF}')));
        assert_eq!(plain_text("\u{FEFF}ก\u{FFFD}").as_deref(), Ok("\u{FEFF}ก\u{FFFD}"));
        assert!(!is_noncharacter('\u{FFFD}') && !is_noncharacter('\u{FDCF}') && is_noncharacter('\u{FDEF}'));
    }
}
