//! An item from one year's catalog to another's. The NACC renumbers items
//! from year to year (2568's o15 is 2569's o14), and no source maps them;
//! the catalogs do by what they say: an item whose text is the same in
//! both years is the same item, and so is the document of the measures
//! and the report on them, which each year names.

use std::collections::BTreeMap;

use super::Catalog;

/// What a code of one year is in another year.
#[derive(Debug, Clone, PartialEq)]
pub enum Carried {
    /// The same item under the same code.
    Same,
    /// The same item under another code.
    Moved(String),
    /// No one item of the other year has this one's text (or role), and
    /// under this code it has another item (`after`), or none.
    Differs { before: String, after: Option<String> },
    /// One of the years gives no text for it: nothing is known.
    Unknown,
}

/// What each code `from` gives a text for is in `to`.
pub fn carry(from: &Catalog, to: &Catalog) -> BTreeMap<String, Carried> {
    let mut by_text: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (code, item) in &to.items {
        if let Some(text) = &item.text {
            by_text.entry(key(text)).or_default().push(code);
        }
    }
    let role = |code: &str| {
        let (a, b) = (from.documents.as_ref()?, to.documents.as_ref()?);
        [(&a.measures, &b.measures), (&a.followup, &b.followup)].into_iter().find(|(x, _)| *x == code).map(|(_, y)| y)
    };
    let mut carried = BTreeMap::new();
    for (code, item) in &from.items {
        let Some(text) = &item.text else { continue };
        let after = to.text(code);
        let fate = match (by_text.get(&key(text)).map(Vec::as_slice), role(code)) {
            (_, Some(other)) if other == code => Carried::Same,
            (_, None) if after.map(key) == Some(key(text)) => Carried::Same,
            (_, Some(other)) => Carried::Moved(other.clone()),
            (Some([one]), _) if one == code => Carried::Same,
            (Some([one]), _) => Carried::Moved(one.to_string()),
            _ if after.is_none() && to.items.keys().any(|c| same_tool(c, code)) => {
                Carried::Differs { before: text.clone(), after: None }
            }
            _ if after.is_none() => Carried::Unknown,
            _ => Carried::Differs { before: text.clone(), after: after.map(str::to_string) },
        };
        carried.insert(code.clone(), fate);
    }
    carried
}

/// Two codes of one tool (o1 and o28): where a year lists a tool's items
/// and not this code, the code has no item that year.
fn same_tool(a: &str, b: &str) -> bool {
    a.chars().next().map(|c| c.to_ascii_lowercase()) == b.chars().next().map(|c| c.to_ascii_lowercase())
}

/// A text as the years are compared: without blanks or case, and without
/// a closing ประจำปี, which one year's source writes and another's leaves
/// out ("รายงานผลการดำเนินงานประจำปี").
fn key(text: &str) -> String {
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    flat.strip_suffix("ประจำปี").map(str::to_string).unwrap_or(flat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::for_year;

    fn moved(from: i32, to: i32) -> Vec<(String, String)> {
        carry(&for_year(from).0, &for_year(to).0)
            .into_iter()
            .filter_map(|(code, fate)| match fate {
                Carried::Moved(other) => Some((code, other)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_item_with_the_same_text_keeps_its_item_under_the_new_code() {
        let moves = moved(2568, 2569);
        for (a, b) in [("o15", "o14"), ("o17", "o16"), ("o18", "o17"), ("o25", "o23"), ("o27", "o25"), ("o28", "o26")] {
            assert!(moves.contains(&(a.to_string(), b.to_string())), "{a} → {b} in {moves:?}");
        }
        // A near text is no proof: 2569's o15 lacks 2568's o16's "และ".
        assert!(!moves.iter().any(|(a, _)| a == "o16"), "{moves:?}");
        let back = moved(2569, 2568);
        assert!(back.contains(&("o14".to_string(), "o15".to_string())), "{back:?}");
    }

    #[test]
    fn a_code_whose_item_is_another_says_both_texts() {
        let carried = carry(&for_year(2568).0, &for_year(2569).0);
        let Some(Carried::Differs { before, after: Some(after) }) = carried.get("o1") else {
            panic!("{:?}", carried.get("o1"))
        };
        assert_eq!((before.as_str(), after.as_str()), ("โครงสร้างและอำนาจหน้าที่", "โครงสร้าง หน้าที่และอำนาจ"));
        // 2569 lists o-items up to o26, and no i-items.
        assert!(matches!(carried.get("o20"), Some(Carried::Differs { .. })));
        assert_eq!(carried.get("i1"), Some(&Carried::Unknown));
        assert_eq!(carried.get("o2"), Some(&Carried::Same));
        assert!(carry(&for_year(2567).0, &for_year(2567).0).values().all(|c| *c == Carried::Same));
    }
}
