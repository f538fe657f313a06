//! Room between a Thai mark and the punctuation after it.

use super::Piece;
use crate::thai::is_thai;

/// The room kept between a Thai mark and the punctuation after it
/// (ดิ์|)): a mark the font shifts right of its letter would otherwise
/// stand right of the punctuation's start, and an extractor that reads
/// letters in the order of their places (poppler) would give
/// "ศรีสวัสดิ)์".
const MARK_GAP_EM: f64 = 0.1;

/// The pieces with a [`Piece::Gap`] between a Thai mark and the
/// punctuation, Arabic digit or Latin letter that follows it.
pub(super) fn marks_cleared(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let before = out.last().and_then(text).and_then(|t| t.chars().next_back());
        let after = text(&piece).and_then(|t| t.chars().next());
        if let (Some(b), Some(a)) = (before, after)
            && is_mark(b)
            && !is_thai(a)
            && !a.is_whitespace()
        {
            out.push(Piece::Gap(MARK_GAP_EM));
        }
        out.push(piece);
    }
    out
}

fn text(piece: &Piece) -> Option<&str> {
    match piece {
        Piece::Text(t) | Piece::Unit(t) => Some(t),
        _ => None,
    }
}

/// A Thai vowel or tone mark set above or below its letter.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{E31}' | '\u{E34}'..='\u{E3A}' | '\u{E47}'..='\u{E4E}')
}
