//! Diagnostics shown as a well-made compiler shows them: the located message,
//! the offending line with a marker under the problem, and the hint; in
//! colour on a terminal only (anstream strips the colour elsewhere).

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::{Diagnostic, Severity};

const BOLD: Style = Style::new().bold();
const BLUE: Style = AnsiColor::Blue.on_default().bold();

/// A diagnostic with the line of `source` it points at.
pub fn render(d: &Diagnostic, file: &str, source: &str) -> String {
    let mut out = String::new();
    let (label, colour) = match d.severity {
        Severity::Error => ("error", AnsiColor::Red.on_default().bold()),
        Severity::Warning => ("warning", AnsiColor::Yellow.on_default().bold()),
    };
    let (file, source) = match &d.origin {
        Some(o) => (o.file.as_str(), o.text.as_str()),
        None => (file, source),
    };
    let header = Diagnostic { hint: None, ..d.clone() }.display(file).to_string();
    // Colour the location and the label; the message stays plain.
    let location = format!("{file}:{}:{}:", d.pos.line, d.pos.col);
    let rest = header.strip_prefix(&location).and_then(|r| r.strip_prefix(&format!(" {label}:"))).unwrap_or(&header);
    let _ = writeln!(out, "{BOLD}{location}{BOLD:#} {colour}{label}{colour:#}:{rest}");
    if let Some(line) = source.lines().nth(d.pos.line.wrapping_sub(1)) {
        let number = d.pos.line.to_string();
        let pad = " ".repeat(number.len());
        let before: String = line.chars().take(d.pos.col.saturating_sub(1)).collect();
        let marker = "^".repeat(token(line, before.len()).width().max(1));
        let _ = writeln!(out, "{pad} {BLUE}|{BLUE:#}");
        let _ = writeln!(out, "{BLUE}{number} |{BLUE:#} {line}");
        let _ = writeln!(out, "{pad} {BLUE}|{BLUE:#} {}{colour}{marker}{colour:#}", " ".repeat(before.width()));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "  {BLUE}={BLUE:#} {BOLD}hint{BOLD:#}: {hint}");
    }
    out
}

/// The word of a line that starts at byte `at`: up to the next space or
/// YAML punctuation, so the marker underlines a key or a value.
fn token(line: &str, at: usize) -> &str {
    let rest = line.get(at..).unwrap_or_default();
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}' | ':')).unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn the_line_is_shown_with_a_marker_under_the_value() {
        let source = "result:\n  total: 190\n";
        let d = Diagnostic::error(
            Pos { line: 2, col: 10, offset: 17 },
            "result.total",
            "คะแนนต้อง",
            "a score must be 0–100",
        )
        .with_hint("use 0–100");
        let text = anstream::adapter::strip_str(&render(&d, "f.yaml", source)).to_string();
        assert_eq!(
            text,
            "f.yaml:2:10: error: result.total: คะแนนต้อง (a score must be 0–100)\n  |\n2 |   total: 190\n  |          ^^^\n  = hint: use 0–100\n"
        );
    }

    #[test]
    fn thai_before_the_problem_is_measured_as_the_terminal_shows_it() {
        // ที่ is three code points but one column: x stands in column 9.
        let source = "name: ที่ x\n";
        let d = Diagnostic::warning(Pos { line: 1, col: 11, offset: 0 }, "name", "ก", "a");
        let text = anstream::adapter::strip_str(&render(&d, "f", source)).to_string();
        assert!(text.contains(&format!("\n  | {}^\n", " ".repeat(8))), "{text}");
    }
}
