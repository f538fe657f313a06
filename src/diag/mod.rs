//! Diagnostics: located, bilingual messages about an input file.
//!
//! Every problem the program finds in an input is a [`Diagnostic`]: where it
//! is (line and column), which key it concerns, and what was expected and
//! found, said in Thai and in English. [`render`] shows them as a compiler
//! does, with the line they point at.

mod render;

use std::fmt;
use std::sync::Arc;

pub use render::render;

use crate::limits;

/// A position in an input file; line and column count from 1, the column in
/// characters (not bytes), as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
    /// Byte offset into the file, for underlining the source line.
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pos: Pos,
    /// The key the problem concerns, as a path: `issues[2].measures[0].period`.
    pub key: String,
    pub th: String,
    pub en: String,
    pub hint: Option<String>,
    /// The key whose value mends it, when not `key`: a form shows the
    /// message there (an item used in an issue, its score not in `scores`).
    pub mended_at: Option<String>,
    /// The file the problem is in, when it is not the input itself (a
    /// catalog the input names).
    pub origin: Option<Arc<Origin>>,
}

/// Another file a diagnostic is about: its name and its text, to show the
/// line the diagnostic points at.
#[derive(Debug, PartialEq)]
pub struct Origin {
    pub file: String,
    pub text: String,
}

impl Diagnostic {
    pub fn error(pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(Severity::Error, pos, key, th, en)
    }

    pub fn warning(pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(Severity::Warning, pos, key, th, en)
    }

    fn new(severity: Severity, pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            pos,
            key: key.into(),
            th: th.into(),
            en: en.into(),
            hint: None,
            mended_at: None,
            origin: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn mended_at(mut self, key: impl Into<String>) -> Self {
        self.mended_at = Some(key.into());
        self
    }

    /// The same diagnostic, about another file.
    pub fn in_file(mut self, origin: &Arc<Origin>) -> Self {
        self.origin = Some(origin.clone());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form `FILE:LINE:COLUMN: error: key: ไทย (English)`.
    pub fn display<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        Located { file, diag: self }
    }
}

struct Located<'a> {
    file: &'a str,
    diag: &'a Diagnostic,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diag;
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = d.origin.as_ref().map_or(self.file, |o| o.file.as_str());
        write!(f, "{file}:{}:{}: {label}: ", d.pos.line, d.pos.col)?;
        if !d.key.is_empty() {
            write!(f, "{}: ", Visible(&d.key))?;
        }
        write!(f, "{} ({})", Visible(&d.th), Visible(&d.en))?;
        if let Some(hint) = &d.hint {
            write!(f, "\n  hint: {}", Visible(hint))?;
        }
        Ok(())
    }
}

/// Text quoted from the input into a message: control characters (an
/// escape sequence would drive the terminal; a line break would break the
/// one-line form), the invisible characters that reorder text, and those
/// that take no room (a byte-order mark left inside a file by joining two,
/// zero-width spaces) are shown as `<U+001B>`.
struct Visible<'a>(&'a str);

impl fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            let invisible = matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}');
            if c.is_control() || invisible || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                write!(f, "<U+{:04X}>", c as u32)?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// At most [`QUOTED_CHARS`] characters of the input, to quote it in a
/// message: a whole pasted page would bury the message.
pub fn quoted(s: &str) -> String {
    cut(s, QUOTED_CHARS)
}

/// At most `chars` characters of a text, "…" where it goes on.
pub fn cut(s: &str, chars: usize) -> String {
    match s.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// How much of the input a message quotes.
pub const QUOTED_CHARS: usize = 40;

/// Diagnostics of one input, sorted, at most [`limits::DIAGNOSTICS`] of
/// them: past that, one more says how many are not shown. A file with
/// thousands of problems is the wrong file or one broken throughout, and
/// the first hundred say which.
pub fn capped(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diags = sorted(diags);
    if diags.len() <= limits::DIAGNOSTICS {
        return diags;
    }
    let more = diags.len() - limits::DIAGNOSTICS;
    let first_hidden = diags[limits::DIAGNOSTICS].pos;
    diags.truncate(limits::DIAGNOSTICS);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let note = Diagnostic::new(
        if errors > 0 { Severity::Error } else { Severity::Warning },
        first_hidden,
        "",
        format!("และปัญหาอีก {more} รายการที่ไม่แสดง (แสดงได้ไม่เกิน {} รายการ)", limits::DIAGNOSTICS),
        format!("and {more} more problems, not shown (at most {} are shown)", limits::DIAGNOSTICS),
    );
    diags.push(note.with_hint("แก้รายการข้างบนแล้วตรวจอีกครั้ง (fix these, then check again)"));
    diags
}

/// Diagnostics of one input, errors first, each group in file order, the
/// input's own before those of the files it names.
fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by_key(|d| (d.severity, d.origin.is_some(), d.pos.line, d.pos.col));
    diags
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}
