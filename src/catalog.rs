//! The catalog of the ITA framework: for each fiscal year, its tools and
//! weights, the 10 indicators, the question and OIT item texts and the level
//! bands. One YAML file a year in data/catalog/, embedded in the binary.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

const FILES: &[(i32, &str)] = &[
    (2565, include_str!("../data/catalog/2565.yaml")),
    (2566, include_str!("../data/catalog/2566.yaml")),
    (2567, include_str!("../data/catalog/2567.yaml")),
    (2568, include_str!("../data/catalog/2568.yaml")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub fiscal_year: i32,
    /// What is not verified for this year, in plain sentences.
    pub notes: Vec<String>,
    pub tools: Vec<Tool>,
    pub indicators: BTreeMap<u32, String>,
    pub levels: Levels,
    pub items: BTreeMap<String, CatalogItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub code: String,
    pub name: String,
    /// Percent of the total.
    pub weight: f64,
    pub indicators: Vec<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub scheme: Scheme,
    pub verified: bool,
    /// Highest first: a result gets the first band whose conditions hold.
    pub bands: Vec<Band>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน, from FY2566.
    Rating,
    /// AA–F, up to FY2565.
    Grade,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name: String,
    pub min: f64,
    /// Every tool's score must reach this too.
    pub tools_min: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogItem {
    pub text: Option<String>,
    pub indicator: Option<u32>,
    pub verified: bool,
}

fn all() -> &'static [Catalog] {
    static ALL: OnceLock<Vec<Catalog>> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|(year, text)| {
                let c: Catalog = serde_yaml::from_str(text).unwrap_or_else(|e| panic!("data/catalog/{year}.yaml: {e}"));
                assert_eq!(c.fiscal_year, *year, "data/catalog/{year}.yaml names another year");
                c
            })
            .collect()
    })
}

/// The catalog for a fiscal year: that year's, or else the nearest earlier
/// one (the second value says whether it is the year's own), or else the
/// earliest.
pub fn for_year(year: i32) -> (&'static Catalog, bool) {
    let all = all();
    match all.iter().rev().find(|c| c.fiscal_year <= year) {
        Some(c) => (c, c.fiscal_year == year),
        None => (&all[0], false),
    }
}

/// The newest framework year the program knows.
pub fn latest() -> &'static Catalog {
    all().last().unwrap()
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
    fn a_year_without_its_own_catalog_takes_the_nearest_earlier() {
        let (c, exact) = for_year(2568);
        assert!(std::ptr::eq(c, latest()) && exact);
        let (c, exact) = for_year(2569);
        assert_eq!((c.fiscal_year, exact), (2568, false));
        assert_eq!(for_year(2566).0.fiscal_year, 2566);
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
