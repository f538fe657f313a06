//! Runs of other scripts than Thai: Latin words, codes, markup.

use unicode_segmentation::UnicodeSegmentation;

use super::{OVERFLOW_SHARE, Piece, push_text};

/// The most hyphens a word is broken at (a rule of hyphens is cut as a
/// stretch of characters, in as few boxes as lines).
const MAX_HYPHENS: usize = 8;

/// A run of other scripts: laid out as usual, except that a word with a
/// hyphen is one unit where it fits the line (E-|Service is no break), and
/// a stretch without spaces too wide for the line (a URL, markup, a long
/// code), which Typst would let run out of its column and off the page, is
/// cut at its hyphens, else between grapheme clusters into pieces that fit
/// the line, each a unit: as few boxes as lines (a box a character would
/// make a run of 30,000 characters cost seconds to lay out).
pub(super) fn other(run: &str, width: &impl Fn(&str) -> f64, line: f64, out: &mut Vec<Piece>) {
    for part in run.split_inclusive(char::is_whitespace) {
        let word = part.trim_end_matches(char::is_whitespace);
        let space = &part[word.len()..];
        if width(word) <= OVERFLOW_SHARE * line {
            // A word with a hyphen (E-Service) is not broken at it while it fits.
            if word.len() > 1 && word.contains('-') {
                out.push(Piece::Unit(word.to_string()));
                push_text(out, space);
            } else {
                push_text(out, part);
            }
            continue;
        }
        // Too wide: broken at its hyphens first, if it has a few (a code,
        // not a rule of hyphens).
        let hyphens = word.matches('-').count();
        let segments: Vec<&str> =
            if (1..=MAX_HYPHENS).contains(&hyphens) { word.split_inclusive('-').collect() } else { vec![word] };
        for segment in segments {
            if width(segment) <= OVERFLOW_SHARE * line {
                out.push(Piece::Unit(segment.to_string()));
            } else {
                cut_between_graphemes(segment, width, line, out);
            }
        }
        push_text(out, space);
    }
}

/// A stretch too wide for its line, cut between grapheme clusters into
/// pieces that fit it.
fn cut_between_graphemes(word: &str, width: &impl Fn(&str) -> f64, line: f64, out: &mut Vec<Piece>) {
    let mut piece = String::new();
    let mut wide = 0.0;
    for g in word.graphemes(true) {
        let w = width(g);
        if !piece.is_empty() && wide + w > OVERFLOW_SHARE * line {
            out.push(Piece::Unit(std::mem::take(&mut piece)));
            wide = 0.0;
        }
        piece.push_str(g);
        wide += w;
    }
    out.push(Piece::Unit(piece));
}
