//! Scores read from text an official copied: the assessment's result pages,
//! or last year's document's tables as a PDF or Word gives them out. Each
//! score goes to the item whose text the line holds; a line with a code and
//! no text goes by its code. Codes are hints only where they come garbled
//! (an OCR'd "1๑๐" is i10, "๐๑๑" is o11). What is not understood is said,
//! never guessed, and nothing is written until the official agrees.

use std::collections::BTreeSet;

use serde_json::{Value as Json, json};

use super::Draft;
use super::tree::{Step, Tree};
use crate::thai::arabic_digits;

impl Draft {
    /// What a paste would fill in, for the official to see before anything
    /// is written: each score with its item and the value it replaces.
    pub fn pasted(&self, text: &str) -> Json {
        let items = self.paste_items();
        let pasted = read(text, &items);
        let shown = |f: &Found| {
            let path = path_of(&f.code);
            let was = match self.tree.at(&path) {
                Some(Tree::Text(t)) if !t.trim().is_empty() => Some(t.clone()),
                _ => None,
            };
            // The text shown: the file's own wording, else the catalog's.
            let text = items.iter().rev().find(|(c, t)| *c == f.code && !t.is_empty()).map(|(_, t)| t.as_str());
            let same = was.as_deref().is_some_and(|w| number(&arabic_digits(w.trim())) == number(&f.score));
            json!({"code": f.code, "score": f.score, "line": f.line, "path": path, "text": text, "was": was, "same": same})
        };
        json!({
            "found": pasted.found.iter().map(shown).collect::<Vec<_>>(),
            "clashes": pasted.clashes.iter().map(|(_, all)| all.iter().map(shown).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "missed": pasted.missed.iter().map(|m| json!({"line": m.line, "text": m.text, "score": m.score})).collect::<Vec<_>>(),
        })
    }

    /// The year's items and indicators (by number), then the file's own
    /// wording of its items, which a copy of last year's document prints,
    /// and the codes its scores list: a code with no text (2569 has no
    /// question texts) is still found by its code.
    fn paste_items(&self) -> Vec<(String, String)> {
        let catalog = self.catalog();
        let mut items: Vec<(String, String)> =
            catalog.items.iter().map(|(code, i)| (code.clone(), i.text.clone().unwrap_or_default())).collect();
        items.extend(catalog.indicators.iter().map(|(n, name)| (n.to_string(), name.clone())));
        for key in ["texts", "scores"] {
            if let Some(Tree::Map(own)) = self.tree.at(&[Step::Key(key.into())]) {
                items.extend(own.iter().map(|(code, t)| match (key, t) {
                    ("texts", Tree::Text(t)) => (code.clone(), t.clone()),
                    _ => (code.clone(), String::new()),
                }));
            }
        }
        items
    }
}

/// Where a code's score is kept: an indicator's number in the result's
/// indicators, an item's code in `scores`.
fn path_of(code: &str) -> Vec<Step> {
    if code.bytes().all(|b| b.is_ascii_digit()) {
        ["result", "indicators", code].map(|k| Step::Key(k.into())).to_vec()
    } else {
        ["scores", code].map(|k| Step::Key(k.into())).to_vec()
    }
}

/// A score found, with the item it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub code: String,
    /// As written in the file: Arabic digits, as typed elsewhere.
    pub score: String,
    /// The line of the pasted text it was read from, from 1.
    pub line: usize,
}

/// A line with a score that no item could be found for.
#[derive(Debug, Clone, PartialEq)]
pub struct Missed {
    pub line: usize,
    pub text: String,
    pub score: String,
}

/// What a paste gives: the scores found, the lines not understood, and the
/// codes given two different scores (left out of `found`).
#[derive(Debug, Default, PartialEq)]
pub struct Pasted {
    pub found: Vec<Found>,
    pub missed: Vec<Missed>,
    pub clashes: Vec<(String, Vec<Found>)>,
}

/// Below this, a line's text is no item's: the indicators' table or a
/// tool's total has numbers too.
const LIKE: f64 = 0.55;
/// A garbled code in the line makes its item this much likelier.
const HINT: f64 = 0.15;

/// Reads `text` against the items there are (code, text).
pub fn read(text: &str, items: &[(String, String)]) -> Pasted {
    let keyed: Vec<(&str, Vec<(char, char)>)> = items.iter().map(|(c, t)| (c.as_str(), pairs(t))).collect();
    let mut pasted = Pasted::default();
    let mut found: Vec<Found> = Vec::new();
    for record in records(text) {
        let Some(score) = record.score.clone() else { continue };
        match item_of(&record, &keyed) {
            Some(code) => found.push(Found { code: code.to_string(), score, line: record.line }),
            None => pasted.missed.push(Missed { line: record.line, text: shown(&record.text), score }),
        }
    }
    let codes: BTreeSet<String> = found.iter().map(|f| f.code.clone()).collect();
    for code in codes {
        let mut same: Vec<Found> = Vec::new();
        for f in found.iter().filter(|f| f.code == code) {
            if !same.iter().any(|s| number(&s.score) == number(&f.score)) {
                same.push(f.clone());
            }
        }
        if same.len() == 1 {
            pasted.found.push(same.remove(0));
        } else {
            pasted.clashes.push((code, same));
        }
    }
    pasted.found.sort_by_key(|f| f.line);
    pasted
}

/// One row of the pasted table: a code, its text and its score, from one
/// line or from a row's wrapped lines.
#[derive(Debug, Default)]
struct Record {
    line: usize,
    codes: Vec<String>,
    /// A code written with its letter (i1, e๓, o๑๐): sure, unless garbled.
    sure: Option<String>,
    text: String,
    score: Option<String>,
}

fn records(text: &str) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let read = parse(line, i + 1);
        // A code starts a row, and so does a second score.
        let starts = !read.codes.is_empty() || !open;
        match out.last_mut() {
            // A row's wrapped lines: its text goes on, and its score comes
            // on one of them.
            Some(last) if !starts && (last.score.is_none() || read.score.is_none()) => {
                last.text.push(' ');
                last.text.push_str(&read.text);
                if last.score.is_none() {
                    last.score = read.score;
                }
            }
            _ => out.push(read),
        }
        open = true;
    }
    out
}

/// A line: a code, the item's text, and the first score after them.
/// Copied tables keep their cells apart with tabs: the score is a cell of
/// its own, the text the cells before it. Text copied from a PDF has spaces
/// only: there a score ends the line or, on a line a code starts, is the
/// first number with decimals (a text's "รอบ ๖ เดือน" is no score); a
/// heading's "ประเด็นที่ ๑ …" has none. A number alone on its line is a
/// score, not a code: a PDF gives a cell a line.
fn parse(line: &str, number: usize) -> Record {
    let line = line.replace('\u{200b}', "");
    let cells: Vec<&str> = line.split('\t').collect();
    let at = cells.iter().skip(1).position(|c| score_of(c.trim()).is_some()).map(|i| i + 1);
    let head = at.map_or(line.clone(), |i| cells[..i].join(" "));
    let mut words: Vec<&str> = head.split_whitespace().collect();
    let mut record = Record { line: number, score: at.and_then(|i| score_of(cells[i].trim())), ..Record::default() };
    let lone_score = cells.len() == 1 && words.len() == 1 && score_of(words[0]).is_some();
    if !lone_score
        && let Some(first) = words.first()
        && let Some((codes, sure)) = code_of(first)
    {
        record.codes = codes;
        record.sure = sure;
        words.remove(0);
    }
    if at.is_none() && cells.len() == 1 {
        let last = words.len().checked_sub(1).filter(|&i| score_of(words[i]).is_some());
        let decimal = || words.iter().position(|w| w.contains('.') && score_of(w).is_some());
        let found = if record.codes.is_empty() { last } else { last.or_else(decimal) };
        if let Some(i) = found {
            record.score = score_of(words[i]);
            words.truncate(i);
        }
    }
    record.text = words.join(" ");
    record
}

/// The codes a first word may be: "i1", "e๓.", "o๑๐:" for sure; "1๑๐"
/// (i10), "0๕" and "๐๑๑" (o5, o11) as OCR reads them; a bare number, which
/// is also an indicator's.
fn code_of(word: &str) -> Option<(Vec<String>, Option<String>)> {
    let word = arabic_digits(word.trim_end_matches(['.', ':', ')']));
    let mut chars = word.chars();
    let first = chars.next()?;
    let digits: String = chars.collect();
    if matches!(first.to_ascii_lowercase(), 'i' | 'e' | 'o') {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code = format!("{}{}", first.to_ascii_lowercase(), digits.trim_start_matches('0'));
        return Some((vec![code.clone()], Some(code)));
    }
    if !word.bytes().all(|b| b.is_ascii_digit()) || word.len() > 3 {
        return None;
    }
    let number = word.trim_start_matches('0');
    let mut codes: Vec<String> = ["", "i", "e", "o"].iter().map(|l| format!("{l}{number}")).collect();
    let rest = digits.trim_start_matches('0');
    if !rest.is_empty() {
        match first {
            '1' => codes.push(format!("i{rest}")),
            '0' => codes.push(format!("o{rest}")),
            _ => {}
        }
    }
    Some((codes, None))
}

/// A score: a number from 0 to 100 with at most two decimals, in Thai or
/// Arabic digits, written back in Arabic ones.
fn score_of(word: &str) -> Option<String> {
    let word = arabic_digits(word.trim_end_matches('%'));
    let (whole, decimals) = word.split_once('.').unwrap_or((&word, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || !digits(whole) || !digits(decimals) || decimals.len() > 2 {
        return None;
    }
    if word.ends_with('.') {
        return None;
    }
    let value: f64 = word.parse().ok()?;
    (value <= 100.0).then_some(word)
}

fn number(score: &str) -> Option<f64> {
    score.parse().ok()
}

/// The item a record's score is for: the one whose text is most like the
/// line's, a code the line gives making it likelier; by its code alone when
/// the line has no text.
fn item_of<'a>(record: &Record, items: &'a [(&'a str, Vec<(char, char)>)]) -> Option<&'a str> {
    let own = pairs(&record.text);
    if own.len() < 3 {
        let sure = record.sure.as_deref()?;
        return items.iter().find(|(c, _)| *c == sure).map(|(c, _)| *c);
    }
    let mut best: Option<(&str, f64)> = None;
    for (code, theirs) in items {
        let mut like = dice(&own, theirs);
        if record.sure.as_deref() == Some(*code) {
            like += 2.0 * HINT;
        } else if record.codes.iter().any(|c| c == code) {
            like += HINT;
        }
        if best.is_none_or(|(_, b)| like > b) {
            best = Some((code, like));
        }
    }
    best.filter(|(_, like)| *like >= LIKE).map(|(code, _)| code)
}

/// A text's letters in pairs, its spaces, markup and punctuation left
/// out: a wrapped or re-spaced line has the same pairs.
fn pairs(text: &str) -> Vec<(char, char)> {
    let letters: String = untagged(text)
        .chars()
        .filter(|c| c.is_alphanumeric() || crate::thai::is_thai(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let letters: Vec<char> = arabic_digits(&letters).chars().collect();
    let mut out: Vec<(char, char)> = letters.windows(2).map(|w| (w[0], w[1])).collect();
    out.sort_unstable();
    out
}

/// A text without its HTML tags (a results page copied as HTML has
/// `<p>`, `<b>`): a tag opens with a letter or `/` after its `<`, so a
/// lone `<` or `>` stays text.
fn untagged(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let tag = rest[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match rest[at..].find('>').filter(|_| tag) {
            Some(end) => {
                out.push_str(&rest[..at]);
                out.push(' ');
                rest = &rest[at + end + 1..];
            }
            None => {
                out.push_str(&rest[..=at]);
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How alike two texts' pairs are: twice what they share over all they
/// have, 0 to 1.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// A line's text as the official will recognise it, cut short.
fn shown(text: &str) -> String {
    crate::diag::cut(&untagged(text).split_whitespace().collect::<Vec<_>>().join(" "), 80)
}
