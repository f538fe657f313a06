//! The catalog of the ITA framework: for each fiscal year, its tools and
//! weights, the 10 indicators, the question and OIT item texts and the level
//! bands. One YAML file a year in data/catalog/, embedded in the binary; or a
//! file of the same format that an input names (`document.catalog`), checked
//! in `validate`. A year's file may leave out the tools, the indicators and
//! the levels: the newest earlier year's stand in. Item texts never cross
//! years: a code may mean another item the next year.

mod carry;
mod export;
mod standard;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

pub use carry::{Carried, carry};
pub use export::{code_order, to_yaml};
pub use standard::{StandardIssue, standard_issues};

const FILES: &[(i32, &str)] = &[
    (2565, include_str!("../../data/catalog/2565.yaml")),
    (2566, include_str!("../../data/catalog/2566.yaml")),
    (2567, include_str!("../../data/catalog/2567.yaml")),
    (2568, include_str!("../../data/catalog/2568.yaml")),
    (2569, include_str!("../../data/catalog/2569.yaml")),
];

/// A framework year, complete: what its file leaves out is filled in from
/// an earlier year.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub fiscal_year: i32,
    /// Where the year's facts come from, when one source gives them all.
    pub source: Option<String>,
    /// What is not verified for this year, in plain sentences.
    pub notes: Vec<String>,
    pub tools: Vec<Tool>,
    pub indicators: BTreeMap<u32, String>,
    pub levels: Levels,
    pub items: BTreeMap<String, CatalogItem>,
    /// Which items the measures document and the report on them are.
    pub documents: Option<Documents>,
    /// The year whose tools, weights, indicators and levels stand in for
    /// this year's, which no source gave.
    pub borrowed_from: Option<i32>,
}

/// A catalog as its file writes it: the tools, indicators and levels may
/// be left out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    pub fiscal_year: i32,
    pub source: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub tools: Option<Vec<Tool>>,
    pub indicators: Option<BTreeMap<u32, String>>,
    pub levels: Option<Levels>,
    #[serde(default)]
    pub items: BTreeMap<String, CatalogItem>,
    pub documents: Option<Documents>,
}

/// The assessment's items that this project's two documents are published
/// as: the analysis and measures, and the report on the year before's
/// measures. Like item texts, never taken from another year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    pub measures: String,
    pub followup: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub code: String,
    pub name: String,
    /// Percent of the total.
    pub weight: f64,
    pub indicators: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub scheme: Scheme,
    pub verified: bool,
    /// Highest first: a result gets the first band whose conditions hold.
    pub bands: Vec<Band>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน, from FY2566.
    Rating,
    /// AA–F, up to FY2565.
    Grade,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name: String,
    pub min: f64,
    /// Every tool's score must reach this too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools_min: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<u32>,
    pub verified: bool,
}

impl CatalogFile {
    /// The catalog complete, what the file leaves out taken from `earlier`
    /// (the newest earlier year's), or None when the file leaves out what
    /// no earlier year has.
    pub fn resolve(self, earlier: Option<&Catalog>) -> Option<Catalog> {
        let borrowed = self.tools.is_none() || self.indicators.is_none() || self.levels.is_none();
        let borrowed_from = match (borrowed, earlier) {
            (false, _) => None,
            (true, Some(e)) => Some(e.borrowed_from.unwrap_or(e.fiscal_year)),
            (true, None) => return None,
        };
        Some(Catalog {
            fiscal_year: self.fiscal_year,
            source: self.source,
            notes: self.notes,
            tools: self.tools.or_else(|| earlier.map(|e| e.tools.clone()))?,
            indicators: self.indicators.or_else(|| earlier.map(|e| e.indicators.clone()))?,
            levels: self.levels.or_else(|| earlier.map(|e| e.levels.clone()))?,
            items: self.items,
            documents: self.documents,
            borrowed_from,
        })
    }
}

fn all() -> &'static [Arc<Catalog>] {
    static ALL: OnceLock<Vec<Arc<Catalog>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Arc<Catalog>> = Vec::new();
        for (year, text) in FILES {
            let file: CatalogFile =
                serde_yaml::from_str(text).unwrap_or_else(|e| panic!("data/catalog/{year}.yaml: {e}"));
            assert_eq!(file.fiscal_year, *year, "data/catalog/{year}.yaml names another year");
            let catalog = file.resolve(all.last().map(|c| c.as_ref()));
            all.push(Arc::new(catalog.unwrap_or_else(|| panic!("data/catalog/{year}.yaml is incomplete"))));
        }
        all
    })
}

/// The built-in catalog of a fiscal year (the second value says whether the
/// year has one of its own). A year without one takes the tools, weights,
/// indicators and levels of the newest earlier year (or else the earliest),
/// and no items: their texts do not carry across years.
pub fn for_year(year: i32) -> (Arc<Catalog>, bool) {
    let all = all();
    if let Some(c) = all.iter().find(|c| c.fiscal_year == year) {
        return (c.clone(), true);
    }
    let base = all.iter().rev().find(|c| c.fiscal_year < year).unwrap_or(&all[0]);
    let catalog = Catalog {
        fiscal_year: year,
        source: None,
        notes: Vec::new(),
        items: BTreeMap::new(),
        documents: None,
        borrowed_from: Some(base.borrowed_from.unwrap_or(base.fiscal_year)),
        ..(**base).clone()
    };
    (Arc::new(catalog), false)
}

/// The built-in catalog of the newest framework year the program knows.
pub fn latest() -> Arc<Catalog> {
    all().last().unwrap().clone()
}

/// The years with a built-in catalog, oldest first.
pub fn years() -> Vec<i32> {
    all().iter().map(|c| c.fiscal_year).collect()
}

impl Catalog {
    pub fn tool(&self, code: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.code == code)
    }

    /// The level of a total, given each tool's score (for the all-tools
    /// conditions of the rating scheme).
    pub fn level(&self, total: f64, tool_scores: &[f64]) -> &str {
        let lowest_tool = tool_scores.iter().copied().fold(f64::INFINITY, f64::min);
        self.levels
            .bands
            .iter()
            .find(|b| total >= b.min && b.tools_min.is_none_or(|m| lowest_tool >= m))
            .or(self.levels.bands.last())
            .map_or("", |b| b.name.as_str())
    }

    /// The total that the tools' scores and the year's weights give.
    pub fn weighted_total(&self, tool_score: impl Fn(&Tool) -> Option<f64>) -> Option<f64> {
        self.tools.iter().map(|t| tool_score(t).map(|s| s * t.weight / 100.0)).sum()
    }

    /// The item's text, if the year's catalog gives one.
    pub fn text(&self, code: &str) -> Option<&str> {
        self.items.get(code).and_then(|i| i.text.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_year_loads_with_ten_indicators_and_full_weights() {
        for c in all() {
            assert_eq!(
                c.indicators.keys().copied().collect::<Vec<_>>(),
                (1..=10).collect::<Vec<_>>(),
                "{}",
                c.fiscal_year
            );
            let weights: f64 = c.tools.iter().map(|t| t.weight).sum();
            assert!((weights - 100.0).abs() < 1e-9, "{}: weights sum to {weights}", c.fiscal_year);
            for t in &c.tools {
                assert!(t.indicators.iter().all(|i| c.indicators.contains_key(i)));
            }
        }
    }

    #[test]
    fn a_year_without_its_own_catalog_takes_the_nearest_earlier_years_tools_but_no_items() {
        let (c, exact) = for_year(2569);
        assert!(Arc::ptr_eq(&c, &latest()) && exact);
        let (c, exact) = for_year(2570);
        assert_eq!((c.fiscal_year, exact, c.borrowed_from), (2570, false, Some(2568)));
        assert_eq!(c.tools, for_year(2568).0.tools);
        assert!(c.items.is_empty(), "no item texts across years");
        assert_eq!(for_year(2566).0.fiscal_year, 2566);
        assert_eq!(for_year(2560).0.levels, for_year(2565).0.levels);
    }

    #[test]
    fn the_2569_catalog_has_its_own_items_and_2568s_tools_and_bands() {
        let (c, exact) = for_year(2569);
        assert!(exact);
        assert_eq!(c.borrowed_from, Some(2568));
        assert_eq!(
            (c.tools.clone(), c.levels.clone()),
            (for_year(2568).0.tools.clone(), for_year(2568).0.levels.clone())
        );
        assert_eq!(c.items.len(), 26, "o1 to o26");
        assert_eq!(c.text("o25"), Some("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"));
        assert_eq!(c.text("o27"), None);
        assert!(c.items.keys().all(|k| k.starts_with('o')), "no question texts were found for 2569");
        // Said to officials: where, not how it was read (no repository, no commit).
        let source = c.source.as_deref().unwrap();
        assert!(source.contains("สทร.") && !source.contains("commit") && !source.contains(".ts"), "{source}");
    }

    #[test]
    fn rating_levels_from_2566_with_their_all_tools_conditions() {
        let c = for_year(2568).0;
        assert_eq!(c.levels.scheme, Scheme::Rating);
        assert_eq!(c.level(99.06, &[99.0, 98.0, 100.0]), "ผ่านดีเยี่ยม");
        // State Audit Office 2568: 94.64 but EIT below 85 → ผ่าน, not ผ่านดี.
        assert_eq!(c.level(94.64, &[96.0, 84.0, 99.0]), "ผ่าน");
        assert_eq!(c.level(90.77, &[90.0, 91.0, 90.0]), "ผ่านดี");
        assert_eq!(c.level(96.0, &[96.0, 90.0, 99.0]), "ผ่านดี");
        assert_eq!(c.level(84.99, &[90.0, 90.0, 90.0]), "ต้องปรับปรุง");
        assert_eq!(c.level(70.0, &[]), "ต้องปรับปรุง");
        assert_eq!(c.level(49.74, &[95.68, 95.5, 90.38]), "ต้องปรับปรุงโดยด่วน");
    }

    #[test]
    fn grade_levels_before_2566() {
        let c = for_year(2565).0;
        assert_eq!(c.levels.scheme, Scheme::Grade);
        assert_eq!(c.level(88.37, &[]), "A");
        assert_eq!(c.level(95.0, &[]), "AA");
        assert_eq!(c.level(49.99, &[]), "F");
        assert_eq!(c.level(50.0, &[]), "E");
    }

    #[test]
    fn weighted_total_uses_the_year_weights() {
        let c = for_year(2568).0;
        let scores = [("IIT", 95.68), ("EIT", 97.75), ("OIT", 90.38)];
        let total = c.weighted_total(|t| scores.iter().find(|(code, _)| *code == t.code).map(|s| s.1)).unwrap();
        assert!((total - 94.181).abs() < 0.001, "{total}");
        assert_eq!(c.weighted_total(|_| None), None);
    }
}
