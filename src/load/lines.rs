//! Lines and columns of a text as byte offsets, and the nodes' positions
//! made right.

use super::{Node, Value};
use crate::diag::Pos;

/// Where each line of a text starts, to turn a line and a column (in
/// characters) into a byte offset, for underlining the source line. Every
/// [`Lines::STRIDE`]th character's byte offset is kept, so that finding one
/// costs a few steps, however long the line (a whole file can be one flow
/// mapping on one line).
pub(super) struct Lines<'t> {
    pub(super) text: &'t str,
    /// Per line: the byte offset and the character index it starts at.
    starts: Vec<(usize, usize)>,
    /// The byte offset of every STRIDE-th character.
    checkpoints: Vec<usize>,
}

impl<'t> Lines<'t> {
    const STRIDE: usize = 64;

    pub(super) fn new(text: &'t str) -> Self {
        let mut starts = vec![(0, 0)];
        let mut checkpoints = Vec::new();
        for (i, (byte, c)) in text.char_indices().enumerate() {
            if i % Self::STRIDE == 0 {
                checkpoints.push(byte);
            }
            if c == '\n' {
                starts.push((byte + 1, i + 1));
            }
        }
        Lines { text, starts, checkpoints }
    }

    pub(super) fn at(&self, line: usize, col: usize) -> Pos {
        let offset = match self.starts.get(line.saturating_sub(1)) {
            Some((_, first)) => self.byte_of(first + col.saturating_sub(1)),
            None => self.text.len(),
        };
        Pos { line, col, offset }
    }

    /// The `-` that only blanks separate from a byte offset, if any.
    pub(super) fn dash_before(&self, offset: usize) -> Option<Pos> {
        let before = self.text.get(..offset)?.trim_end();
        before.ends_with('-').then(|| self.pos_of(before.len() - 1))
    }

    /// The line and column of a byte offset.
    fn pos_of(&self, offset: usize) -> Pos {
        let line = self.starts.partition_point(|(start, _)| *start <= offset);
        let (start, _) = self.starts[line - 1];
        Pos { line, col: self.text[start..offset].chars().count() + 1, offset }
    }

    /// The byte offset of the `n`th character (the text's length past it).
    fn byte_of(&self, n: usize) -> usize {
        let Some(&from) = self.checkpoints.get(n / Self::STRIDE) else {
            return self.text.len();
        };
        self.text[from..].char_indices().nth(n % Self::STRIDE).map_or(self.text.len(), |(b, _)| from + b)
    }
}

pub(super) fn fix_positions(node: &mut Node, lines: &Lines) {
    node.pos = lines.at(node.pos.line, node.pos.col);
    match &mut node.value {
        Value::Scalar { .. } => {}
        Value::Seq(items) => items.iter_mut().for_each(|n| {
            fix_positions(n, lines);
            // The parser marks an empty item where the next token starts,
            // often on a line below; its dash is where it is.
            if matches!(&n.value, Value::Scalar { text, quoted: false } if text.is_empty()) {
                n.pos = lines.dash_before(n.pos.offset).unwrap_or(n.pos);
            }
        }),
        Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
            fix_positions(k, lines);
            fix_positions(v, lines)
        }),
    }
}
