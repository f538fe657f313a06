//! Where Thai lines may break: between words, as a careful typesetter
//! breaks them.
//!
//! Thai has no spaces between words, and Typst's own segmenter (an LSTM)
//! breaks inside words often enough that a reader notices, and costs most of
//! the compile. So the PDF writer sets each Thai word in its own unbreakable
//! box. Three segmenters find the words (segment.rs), and a line breaks
//! only where all put a joint, unless the stretch between two such joints
//! is too wide to move whole. Names and terms that should stay whole (the
//! agency's name and its place, องค์การบริหารส่วนตำบล, the catalog's terms,
//! the file's own word list), numbers, codes and dates (units.rs) are one
//! box each where the line has room for them. Boxes keep the PDF's text
//! clean, unlike word joiners or zero-width spaces, which copy-and-paste
//! would carry.

mod marks;
mod other;
mod segment;
mod units;

pub use segment::warm_up;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::thai::is_thai;

/// A piece of text as the PDF lays it out.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text laid out as usual (spaces, Latin, digits, punctuation).
    Text(String),
    /// Thai that must not break inside: a word, or a phrase kept whole.
    Unit(String),
    /// A line break.
    Break,
    /// A little room, in ems, that prints nothing and copies as nothing.
    Gap(f64),
}

/// How many runs of Thai a thread remembers the words of.
const SEEN_RUNS: usize = 20_000;

/// The share of a line a phrase may take and still be kept whole.
pub const PHRASE_SHARE: f64 = 0.6;

pub struct WordBreaker {
    /// Finds the phrases to keep whole, all of them in one pass over a run.
    phrases: Option<AhoCorasick>,
    /// The share of a line each phrase may take and still be kept whole.
    shares: Vec<f64>,
    /// The phrases of several words (a name with a space), found by
    /// units.rs, and their shares.
    spaced: Vec<String>,
    spaced_shares: Vec<f64>,
}

/// Where a run of Thai may break, from the surest joints down, and where
/// its words start (see segment::joints), none before ฯ or ๆ.
type Joints = Rc<[Vec<usize>; 4]>;

impl WordBreaker {
    /// Terms are kept whole where they take at most [`PHRASE_SHARE`] of a
    /// line, names (a place, a person) wherever they fit it.
    pub fn new(terms: impl IntoIterator<Item = String>, names: impl IntoIterator<Item = String>) -> WordBreaker {
        let names = names.into_iter().map(|n| (n, OVERFLOW_SHARE));
        let phrases: Vec<(String, f64)> =
            names.chain(terms.into_iter().map(|t| (t, PHRASE_SHARE))).filter(|(p, _)| p.chars().any(is_thai)).collect();
        let (spaced, spaced_shares) = phrases.iter().filter(|(p, _)| p.contains(' ')).cloned().unzip();
        let (phrases, shares): (Vec<String>, Vec<f64>) = phrases.into_iter().unzip();
        // A new set of phrases each document: the automaton that is quick to
        // build (a DFA took longer to build than the document's searches).
        let build = AhoCorasick::builder().kind(Some(AhoCorasickKind::ContiguousNFA)).build(phrases);
        WordBreaker { phrases: build.ok().filter(|f| f.patterns_len() > 0), shares, spaced, spaced_shares }
    }

    /// Splits text to be laid out on lines `line` wide, `width` measuring a
    /// text. A phrase is kept whole when it takes at most [`PHRASE_SHARE`]
    /// of the line, so that moving it whole to the next line never leaves a
    /// wide gap; a number, code, date or name with a space when it fits the
    /// line; a word wider than the line is left for Typst to break, so
    /// that nothing overflows a narrow column.
    pub fn pieces(&self, text: &str, width: impl Fn(&str) -> f64, line: f64) -> Vec<Piece> {
        let mut out = Vec::new();
        for (i, row) in text.split('\n').enumerate() {
            if i > 0 {
                out.push(Piece::Break);
            }
            self.row(row, true, &width, line, &mut out);
        }
        marks::marks_cleared(out)
    }

    /// A line of text, its units and names kept whole where they fit.
    fn row(&self, row: &str, spaced: bool, width: &impl Fn(&str) -> f64, line: f64, out: &mut Vec<Piece>) {
        let mut at = 0;
        for span in units::spans(row, if spaced { &self.spaced } else { &[] }) {
            self.runs(&row[at..span.start], width, line, out);
            let unit = &row[span.start..span.end];
            let share = span.phrase.map_or(OVERFLOW_SHARE, |i| self.spaced_shares[i]);
            if width(unit) <= share * line {
                out.push(Piece::Unit(unit.to_string()));
            } else if span.phrase.is_some() {
                // Too wide to keep whole: its own numbers and dates still are.
                self.row(unit, false, width, line, out);
            } else {
                self.runs(unit, width, line, out);
            }
            at = span.end;
        }
        self.runs(&row[at..], width, line, out);
    }

    fn runs(&self, text: &str, width: &impl Fn(&str) -> f64, line: f64, out: &mut Vec<Piece>) {
        for (thai, chunk) in script_runs(text) {
            if thai {
                self.thai(chunk, width, line, out);
            } else {
                other::other(chunk, width, line, out);
            }
        }
    }

    /// The words of a text, without the phrases kept whole: Thai words (as
    /// newmm cuts them, the finest), what stands between spaces, and dates
    /// and years with their spaces (พ.ศ. ๒๕๖๘), each kept on one line.
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = self.units(text).filter(|u| u.contains(' ')).map(str::to_string).collect();
        for (thai, run) in script_runs(text) {
            if thai {
                out.extend(self.joints(run)[3].windows(2).map(|w| run[w[0]..w[1]].to_string()));
            } else {
                out.extend(run.split_whitespace().map(str::to_string));
            }
        }
        out
    }

    /// The numbers, codes and dates of a text, each kept on one line.
    pub fn units<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        units::spans(text, &[]).into_iter().map(|s| &text[s.start..s.end])
    }

    /// Where a run of Thai may break; remembered on this thread, across
    /// documents too: documents repeat their labels, headings and names,
    /// and a batch the catalog's texts.
    fn joints(&self, run: &str) -> Joints {
        thread_local! {
            static SEEN: RefCell<HashMap<String, Joints>> = RefCell::default();
        }
        SEEN.with_borrow_mut(|seen| {
            if let Some(joints) = seen.get(run) {
                return joints.clone();
            }
            // Bounded: a batch of thousands of documents never grows it past this.
            if seen.len() >= SEEN_RUNS {
                seen.clear();
            }
            let joints: Joints = Rc::new(segment::joints(run).map(|j| repeats_kept(run, j)));
            seen.insert(run.to_string(), joints.clone());
            joints
        })
    }

    /// A run of Thai letters: words, with the phrases it holds kept whole.
    fn thai(&self, run: &str, width: &impl Fn(&str) -> f64, line: f64, out: &mut Vec<Piece>) {
        let joints = self.joints(run);
        // The run's ends, whatever the segmenters said: no text is left out.
        let mut breaks = joints[0].clone();
        breaks.extend([0, run.len()]);
        // Every occurrence, overlapping ones too: where a long phrase (the
        // agency's name) is too wide to keep whole, a shorter one within it
        // (องค์การบริหารส่วนตำบล) may still fit.
        let mut found: Vec<(usize, usize, f64)> = match &self.phrases {
            Some(finder) => {
                finder.find_overlapping_iter(run).map(|m| (m.start(), m.end(), self.shares[m.pattern()])).collect()
            }
            None => Vec::new(),
        };
        found.sort_by_key(|&(at, end, _)| std::cmp::Reverse(end - at));
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for (at, end, share) in found {
            let overlaps = kept.iter().any(|&(a, b)| at < b && a < end);
            if overlaps || width(&run[at..end]) > share * line {
                continue;
            }
            breaks.retain(|&b| b <= at || b >= end);
            breaks.extend([at, end]);
            kept.push((at, end));
        }
        breaks.sort_unstable();
        breaks.dedup();
        for pair in breaks.windows(2) {
            let phrase = kept.contains(&(pair[0], pair[1]));
            let fits = |start: usize, end: usize| phrase || width(&run[start..end]) <= OVERFLOW_SHARE * line;
            split(run, (pair[0], pair[1]), &joints[1..3], &fits, &mut |word| {
                if width(word) <= line {
                    out.push(Piece::Unit(word.to_string()));
                } else {
                    push_text(out, word);
                }
            });
        }
    }
}

/// A stretch of a run, whole where it fits, else cut at the surest joints
/// left, and each piece again.
fn split(
    run: &str,
    (start, end): (usize, usize),
    joints: &[Vec<usize>],
    fits: &impl Fn(usize, usize) -> bool,
    put: &mut impl FnMut(&str),
) {
    let Some((surest, rest)) = joints.split_first().filter(|_| !fits(start, end)) else {
        put(&run[start..end]);
        return;
    };
    let inner = surest.iter().copied().filter(|&b| b > start && b < end);
    let cuts: Vec<usize> = std::iter::once(start).chain(inner).chain([end]).collect();
    for w in cuts.windows(2) {
        split(run, (w[0], w[1]), rest, fits, put);
    }
}

/// Word starts with none before ฯ or ๆ: a line never starts with either,
/// each belongs to the word before it.
fn repeats_kept(run: &str, mut starts: Vec<usize>) -> Vec<usize> {
    starts.retain(|&b| b == 0 || !run[b..].starts_with(['ฯ', 'ๆ']));
    starts
}

/// The share of a line beyond which a run without spaces is cut: below
/// one, as widths are measured without kerning.
pub const OVERFLOW_SHARE: f64 = 0.9;

pub(super) fn push_text(out: &mut Vec<Piece>, text: &str) {
    if let Some(Piece::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else if !text.is_empty() {
        out.push(Piece::Text(text.to_string()));
    }
}

/// The text cut into runs of Thai and of everything else.
fn script_runs(text: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let thai = is_thai(first);
        let end = rest.char_indices().find(|(_, c)| is_thai(*c) != thai).map_or(rest.len(), |(i, _)| i);
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some((thai, chunk))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(pieces: &[Piece]) -> Vec<&str> {
        pieces.iter().filter_map(|p| if let Piece::Unit(u) = p { Some(u.as_str()) } else { None }).collect()
    }

    #[test]
    fn thai_is_cut_between_words_and_the_text_is_kept() {
        let b = WordBreaker::new([], []);
        let text = "ข้อคำถามที่ได้คะแนนน้อยที่สุด (i10) ทั่วถึง\nองค์การ";
        let pieces = b.pieces(text, |_| 1.0, 100.0);
        let joined: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Unit(t) => t.as_str(),
                Piece::Break => "\n",
                Piece::Gap(_) => "",
            })
            .collect();
        assert_eq!(joined, text);
        let u = units(&pieces);
        assert!(u.contains(&"คำถาม") && u.contains(&"ทั่วถึง") && u.contains(&"องค์การ"), "{u:?}");
        // A code is one unit, its brackets beside it.
        assert!(u.contains(&"i10") && pieces.contains(&Piece::Text(" (".into())), "{pieces:?}");
        assert!(pieces.contains(&Piece::Break));
    }

    #[test]
    fn numbers_years_dates_and_names_are_one_unit_where_they_fit() {
        let b = WordBreaker::new([], ["นายสมชาย ศรีสวัสดิ์".to_string()]);
        let chars = |t: &str| t.chars().count() as f64;
        let text = "มาก ๔.๗๖% ปี พ.ศ. ๒๕๖๘ ตั้งแต่ ๑ ต.ค. ๖๘ (นายสมชาย ศรีสวัสดิ์)";
        let pieces = b.pieces(text, chars, 40.0);
        let u = units(&pieces);
        for unit in ["๔.๗๖%", "พ.ศ. ๒๕๖๘", "๑ ต.ค. ๖๘", "นายสมชาย ศรีสวัสดิ์"]
        {
            assert!(u.contains(&unit), "{unit}: {u:?}");
        }
        // A name too wide for its share of the line is words again.
        assert!(!units(&b.pieces(text, chars, 20.0)).contains(&"นายสมชาย ศรีสวัสดิ์"));
    }

    #[test]
    fn where_segmenters_disagree_the_line_breaks_elsewhere_while_it_has_room() {
        let b = WordBreaker::new([], []);
        let chars = |t: &str| t.chars().count() as f64;
        // newmm: ช่อง|ทางการ; the model: ช่องทาง|การ.
        assert!(units(&b.pieces("ช่องทางการ", chars, 40.0)).contains(&"ช่องทางการ"));
        // Too wide to move whole: cut where two of the three agree, or the model says.
        let narrow = units(&b.pieces("ช่องทางการ", chars, 8.0)).join("|");
        assert!(narrow == "ช่องทาง|การ", "{narrow}");
    }

    #[test]
    fn phrases_stay_whole_where_they_fit() {
        let b = WordBreaker::new(["องค์การบริหารส่วนตำบลหันนางาม".to_string()], []);
        let text = "ขององค์การบริหารส่วนตำบลหันนางามให้ดีขึ้น";
        let chars = |t: &str| t.chars().count() as f64;
        assert!(units(&b.pieces(text, chars, 100.0)).contains(&"องค์การบริหารส่วนตำบลหันนางาม"));
        let split = b.pieces(text, chars, 30.0);
        assert!(!units(&split).contains(&"องค์การบริหารส่วนตำบลหันนางาม"));
        // Even split, the phrase's edges are word edges.
        assert!(units(&split).contains(&"ของ"), "{:?}", units(&split));
    }

    #[test]
    fn a_phrase_within_a_longer_one_neither_splits_it_nor_is_lost_when_the_longer_is_too_wide() {
        let name = "องค์การบริหารส่วนตำบลหันนางาม";
        let b = WordBreaker::new([name.to_string(), "องค์การบริหารส่วนตำบล".to_string()], []);
        let text = format!("ของ{name}ให้ดีขึ้น");
        let chars = |t: &str| t.chars().count() as f64;
        assert!(units(&b.pieces(&text, chars, 100.0)).contains(&name));
        let narrow = b.pieces(&text, chars, 30.0);
        assert!(units(&narrow).contains(&"องค์การบริหารส่วนตำบล"), "{:?}", units(&narrow));
    }

    #[test]
    fn a_run_without_spaces_wider_than_its_line_is_cut_into_pieces_that_fit() {
        let b = WordBreaker::new([], []);
        let chars = |t: &str| t.chars().count() as f64;
        let pieces = b.pieces("see </w:t>e\u{301}x here", chars, 5.0);
        let u = units(&pieces);
        // Cut between grapheme clusters: the accent stays with its letter.
        assert_eq!(u, ["</w:", "t>e\u{301}", "x"]);
        assert_eq!(pieces.first(), Some(&Piece::Text("see ".into())));
        assert_eq!(pieces.last(), Some(&Piece::Text(" here".into())));
        // What fits is left alone.
        assert_eq!(b.pieces("see </w:t>", chars, 100.0), [Piece::Text("see </w:t>".into())]);
    }

    #[test]
    fn a_latin_word_breaks_only_at_its_hyphen_and_only_when_too_wide() {
        let b = WordBreaker::new([], []);
        let chars = |t: &str| t.chars().count() as f64;
        assert_eq!(units(&b.pieces("ระบบ E-Service ใหม่", chars, 40.0)), ["ระบบ", "E-Service", "ใหม่"]);
        assert_eq!(units(&b.pieces("E-Service", chars, 8.0)), ["E-", "Service"]);
    }

    #[test]
    fn a_mark_before_punctuation_is_given_room() {
        let b = WordBreaker::new([], ["นายสมชาย ศรีสวัสดิ์".to_string()]);
        let pieces = b.pieces("(นายสมชาย ศรีสวัสดิ์) ที่ ๑", |t| t.chars().count() as f64, 100.0);
        let gap = pieces.iter().position(|p| matches!(p, Piece::Gap(_))).expect("a gap");
        assert_eq!(pieces[gap - 1], Piece::Unit("นายสมชาย ศรีสวัสดิ์".into()));
        assert_eq!(pieces[gap + 1], Piece::Text(") ".into()));
        // Before a space, a Thai letter or nothing: no gap.
        assert_eq!(pieces.iter().filter(|p| matches!(p, Piece::Gap(_))).count(), 1);
    }

    #[test]
    fn words_are_thai_words_and_what_stands_between_spaces() {
        let b = WordBreaker::new(["องค์การบริหารส่วนตำบล".to_string()], []);
        assert_eq!(b.words("ช่วงระยะเวลาในการดำเนินการ (i10)"), ["ช่วง", "ระยะเวลา", "ใน", "การ", "ดำเนินการ", "(i10)"]);
        // ฯ and ๆ stay with the word before them.
        assert_eq!(b.words("การประเมินฯ ต่างๆ"), ["การประเมินฯ", "ต่างๆ"]);
    }

    #[test]
    fn a_word_wider_than_its_line_is_left_to_break_anywhere() {
        let b = WordBreaker::new([], []);
        assert_eq!(b.pieces("ผู้รับผิดชอบ", |_| 50.0, 40.0), [Piece::Text("ผู้รับผิดชอบ".into())]);
    }
}
