//! Report: the checked domain model of one agency's document, every derived
//! value filled in. `validate` builds it; `compose` reads it.

use crate::date::Date;
use crate::document::PdfStandard;
use crate::layout::PageNumbers;
use crate::thai::Numerals;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The assessment analysed (พ.ศ.).
    pub fiscal_year: i32,
    /// The year the measures apply to.
    pub plan_year: i32,
    pub agency: Agency,
    pub settings: Settings,
    pub result: Summary,
    pub issues: Vec<Issue>,
    /// The follow-up report's settings, defaults filled in.
    pub followup: Followup,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    pub name: String,
    pub district: Option<String>,
    pub province: Option<String>,
    pub phone: Option<String>,
    pub logo: Option<Logo>,
}

/// The cover's picture: its name and what it holds, read once when the
/// file is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// The name the input gives it, relative to the input's folder.
    pub name: String,
    /// A PNG, JPEG or GIF within the logo limits.
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub numerals: Numerals,
    pub orientation: Orientation,
    /// An installed font family asked for; None for the embedded one.
    pub font: Option<String>,
    pub signatory: Option<Signatory>,
    /// Words the PDF should not break lines inside (`document.words`).
    pub words: Vec<String>,
    /// Fixes the document's creation date (PDF metadata), else
    /// SOURCE_DATE_EPOCH, else none.
    pub date: Option<Date>,
    pub pdf_standard: Option<PdfStandard>,
    pub page_numbers: PageNumbers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    pub name: String,
    pub position: String,
    pub date: Option<Date>,
}

/// A score as written in the file (Arabic digits) and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub written: String,
    pub value: f64,
}

/// What the editor's sketch of a file still being filled in prints for a
/// value not given yet: the dotted gap of a Thai form.
pub const GAP: &str = "……";

impl Score {
    /// A score not given yet, in a sketch.
    pub fn gap() -> Score {
        Score { written: GAP.into(), value: 0.0 }
    }

    /// The score if given: a gap has no value to count.
    pub fn given(&self) -> Option<f64> {
        (self.written != GAP).then_some(self.value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub total: Score,
    /// The level printed: as stated, or derived from the year's bands.
    pub level: String,
    pub tools: Vec<ToolScore>,
    pub indicators: Vec<IndicatorScore>,
    /// Totals of earlier years, oldest first.
    pub history: Vec<(i32, Score)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ToolScore {
    pub code: String,
    pub name: String,
    pub score: Score,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    pub number: u32,
    pub name: String,
    pub score: Score,
}

/// A question or OIT item with its text (None when neither the catalog nor
/// the file gives one: it is printed by its code alone).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub code: String,
    pub text: Option<String>,
    pub score: Option<Score>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub title: String,
    /// Rows of the analysis table; every one has a score.
    pub items: Vec<Item>,
    pub analysis: Analysis,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// The lowest-scoring item(s): as stated, or derived. Empty when every
    /// item scores the same, or when the file says `lowest: []`.
    pub lowest: Vec<Item>,
    pub cause: Option<String>,
    pub note: Option<String>,
    pub guideline: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    pub target: Target,
    pub name: String,
    pub steps: Vec<String>,
    pub period: Period,
    pub owner: String,
    /// What became of it, for the follow-up report.
    pub result: Option<MeasureResult>,
}

/// What was done about a measure (`result:`).
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureResult {
    /// None while not yet chosen: the report counts it as not reported.
    pub status: Option<Status>,
    pub percent: Option<Score>,
    /// What was done, with its dates.
    pub done: Option<String>,
    pub obstacles: Option<String>,
    /// The way forward.
    pub next: Option<String>,
    /// Links to the evidence.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Done,
    InProgress,
    NotStarted,
}

/// The follow-up report on the measures (`followup:`), a year after them.
#[derive(Debug, Clone, PartialEq)]
pub struct Followup {
    /// Whether the file has a `followup:` block (a result asks for the
    /// report too: see [`Report::has_results`]).
    pub asked: bool,
    pub round: Round,
    /// The period reported on: given, or the round's part of plan_year.
    pub from: Date,
    pub to: Date,
    pub date: Option<Date>,
    pub signatory: Option<Signatory>,
    pub obstacles: Option<String>,
    pub suggestions: Option<String>,
    /// The assessment's item the measures were published as, where the
    /// catalog of their year names it.
    pub measures_item: Option<Item>,
}

/// A whole fiscal year, or its first six months (Oct–Mar).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Round {
    #[default]
    Full,
    Half,
}

impl Round {
    /// The round's part of a fiscal year (พ.ศ.): from 1 October of the year
    /// before to 30 September, or to 31 March.
    pub fn period(self, fiscal_year: i32) -> (Date, Date) {
        let from = Date { year_be: fiscal_year - 1, month: 10, day: 1 };
        let to = match self {
            Round::Full => Date { year_be: fiscal_year, month: 9, day: 30 },
            Round::Half => Date { year_be: fiscal_year, month: 3, day: 31 },
        };
        (from, to)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Item(Item),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Period {
    Dates { from: Date, to: Date },
    Text(String),
}

impl Report {
    /// Whether there is anything to report on the measures: a `followup:`
    /// block or a measure's result.
    pub fn has_results(&self) -> bool {
        self.followup.asked || self.issues.iter().flat_map(|i| &i.measures).any(|m| m.result.is_some())
    }
}

/// The lowest-scoring items among `items`; none when they all score the
/// same. A score not given yet (a sketch's gap) is none of them.
pub fn lowest_items(items: &[Item]) -> Vec<Item> {
    let scores: Vec<f64> = items.iter().filter_map(|i| i.score.as_ref().and_then(Score::given)).collect();
    let (min, max) = scores.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &s| (lo.min(s), hi.max(s)));
    if scores.len() < 2 || min == max {
        return Vec::new();
    }
    items.iter().filter(|i| i.score.as_ref().and_then(Score::given) == Some(min)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, score: f64) -> Item {
        Item { code: code.into(), text: None, score: Some(Score { written: score.to_string(), value: score }) }
    }

    #[test]
    fn lowest_is_every_item_at_the_minimum() {
        let items = [item("i1", 90.95), item("i10", 81.90), item("o5", 100.0), item("o6", 81.90)];
        let codes: Vec<_> = lowest_items(&items).into_iter().map(|i| i.code).collect();
        assert_eq!(codes, ["i10", "o6"]);
    }

    #[test]
    fn no_lowest_when_all_items_score_the_same() {
        assert!(lowest_items(&[item("e4", 100.0), item("o1", 100.0)]).is_empty());
        assert!(lowest_items(&[item("e4", 100.0)]).is_empty());
    }
}
