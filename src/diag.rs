//! Diagnostics: located, bilingual messages about an input file.
//!
//! Every problem the program finds in an input is a [`Diagnostic`]: where it
//! is (line and column), which key it concerns, and what was expected and
//! found, said in Thai and in English.

use std::fmt;

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
}

impl Diagnostic {
    pub fn error(pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(Severity::Error, pos, key, th, en)
    }

    pub fn warning(pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(Severity::Warning, pos, key, th, en)
    }

    fn new(severity: Severity, pos: Pos, key: impl Into<String>, th: impl Into<String>, en: impl Into<String>) -> Self {
        Diagnostic { severity, pos, key: key.into(), th: th.into(), en: en.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
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
        write!(f, "{}:{}:{}: {label}: ", self.file, d.pos.line, d.pos.col)?;
        if !d.key.is_empty() {
            write!(f, "{}: ", d.key)?;
        }
        write!(f, "{} ({})", d.th, d.en)?;
        if let Some(hint) = &d.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Diagnostics of one input, errors first, each group in file order.
pub fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by_key(|d| (d.severity, d.pos.line, d.pos.col));
    diags
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}
