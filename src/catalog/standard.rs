//! The standard grouping of items into issues, each issue's items by
//! fiscal year (data/standard-issues.yaml): a starter's issues, and those
//! the editor offers.

use std::collections::BTreeMap;

use serde::Deserialize;

/// An issue of the standard grouping.
#[derive(Deserialize)]
pub struct StandardIssue {
    pub title: String,
    pub items: BTreeMap<i32, Vec<String>>,
}

/// The standard issues, in their order, read once.
pub fn standard_issues() -> &'static [StandardIssue] {
    static ISSUES: std::sync::OnceLock<Vec<StandardIssue>> = std::sync::OnceLock::new();
    ISSUES.get_or_init(|| {
        serde_yaml::from_str(include_str!("../../data/standard-issues.yaml")).expect("data/standard-issues.yaml")
    })
}
