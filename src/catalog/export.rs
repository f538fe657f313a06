//! A catalog written out as a file of the catalog's own format, which an
//! input can name instead of the built-in year (`document.catalog`).

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use super::{Catalog, CatalogItem, Documents, Levels, Tool};

/// The file's format, said at its top.
const FORMAT: &str = "\
# The keys (every one but fiscal_year and items may be left out):
#   fiscal_year  the year (พ.ศ.) it is for: the input's fiscal_year
#   source       where its facts come from
#   notes        what is not verified, in plain sentences
#   tools        in the order documents print them: code, name, weight (percent of
#                the total; together 100) and indicators (their numbers)
#   indicators   number: name (ตัวชี้วัด)
#   levels       scheme (rating or grade), verified (true or false), and bands,
#                highest first: name, min (the total that reaches it) and tools_min
#                (the score every tool must reach too)
#   items        code (i.., e.. or o..): text, indicator (a number), verified
#   documents    the items the analysis and measures (measures) and the report on
#                the year before's measures (followup) are published as
# Left out, tools, indicators and levels are the newest earlier year's; item texts
# are never taken from another year.
";

#[derive(Serialize)]
struct Exported<'c> {
    fiscal_year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'c str>,
    notes: &'c [String],
    tools: &'c [Tool],
    indicators: &'c BTreeMap<u32, String>,
    levels: &'c Levels,
    items: Items<'c>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<&'c Documents>,
}

/// Items in the order of the assessment: i, e, then o, each by number.
struct Items<'c>(&'c BTreeMap<String, CatalogItem>);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut items: Vec<(&String, &CatalogItem)> = self.0.iter().collect();
        items.sort_by_key(|(code, _)| code_order(code));
        s.collect_map(items)
    }
}

/// Where a code stands in the assessment's order.
pub fn code_order(code: &str) -> (usize, u32) {
    let letter = "ieo".find(code.chars().next().unwrap_or('o')).unwrap_or(3);
    (letter, code[1..].parse().unwrap_or(0))
}

/// The catalog as a file a user can keep, change and give back.
pub fn to_yaml(c: &Catalog) -> String {
    let mut out = format!(
        "# ITA framework catalog for fiscal year {} (ita-report catalog {}). Name it in an\n\
         # input as `document: {{catalog: FILE}}`, or give it as `--catalog FILE`.\n",
        c.fiscal_year, c.fiscal_year
    );
    out.push_str(FORMAT);
    if let Some(year) = c.borrowed_from {
        out.push_str(&format!(
            "# No source gave the tools, weights, indicators or levels of {}: those below are {year}'s.\n",
            c.fiscal_year
        ));
    }
    let exported = Exported {
        fiscal_year: c.fiscal_year,
        source: c.source.as_deref(),
        notes: &c.notes,
        tools: &c.tools,
        indicators: &c.indicators,
        levels: &c.levels,
        items: Items(&c.items),
        documents: c.documents.as_ref(),
    };
    out.push_str(&serde_yaml::to_string(&exported).expect("a catalog serializes"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CatalogFile, for_year};

    #[test]
    fn an_exported_catalog_reads_back_as_the_same_catalog() {
        for year in [2565, 2568, 2569, 2570] {
            let c = for_year(year).0;
            let text = to_yaml(&c);
            let file: CatalogFile = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{year}: {e}\n{text}"));
            let back = file.resolve(None).expect("complete");
            assert_eq!(Catalog { borrowed_from: c.borrowed_from, ..back }, *c, "{year}");
        }
    }

    #[test]
    fn items_are_in_the_assessments_order() {
        let text = to_yaml(&for_year(2568).0);
        let at = |code: &str| text.find(&format!("\n  {code}:")).unwrap_or_else(|| panic!("{code}"));
        assert!(at("i2") < at("i10") && at("i15") < at("e1") && at("e9") < at("o1") && at("o9") < at("o10"));
        assert!(text.contains("การปฏิบัติงานหรือให้บริการ"), "Thai as it is, not escaped");
    }
}
