//! Amend: changes to a YAML file's text that leave the rest of it as it
//! was, its comments, key order and layout (yaml-edit's lossless tree).
//! A new value is given as the YAML text it is to be written as, so that a
//! score stays `81.90` and a blank stays blank.

use std::str::FromStr;

pub use yaml_edit::{Document, Mapping, Sequence, YamlNode};

/// A value written as this YAML text: a scalar as it is to stand in the
/// file (`81.90`, `"ก: ข"`), or a flow collection (`{from: 2569-10-01, to:
/// 2570-09-30}`).
pub fn raw(yaml: &str) -> YamlNode {
    value_of(&format!("v: {yaml}\n"))
}

/// A block collection written as these lines (indented two spaces, as
/// under a key at the left margin); yaml-edit indents it where it goes.
pub fn block(lines: &str) -> YamlNode {
    value_of(&format!("v:\n{lines}"))
}

/// An empty value: `key:` with nothing after it.
pub fn blank() -> YamlNode {
    value_of("v:\n")
}

fn value_of(entry: &str) -> YamlNode {
    let doc = Document::from_str(entry).expect("a one-entry YAML document");
    doc.as_mapping().and_then(|m| m.get("v")).expect("the entry's value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_as_given_and_the_rest_stays() {
        let text =
            "# ความเห็น\nscores:\n  i1: 90.95   # ข้อ ๑\n  i4: 95.71\nperiod: {from: 2568-10-01, to: 2569-09-30}\n";
        let doc = Document::from_str(text).unwrap();
        let root = doc.as_mapping().unwrap();
        let scores = root.get_mapping("scores").unwrap();
        scores.set("i4", raw("81.90"));
        scores.set("i1", blank());
        root.get_mapping("period").unwrap().set("from", raw("2569-10-01"));
        assert_eq!(
            doc.to_string(),
            "# ความเห็น\nscores:\n  i1:    # ข้อ ๑\n  i4: 81.90\nperiod: {from: 2569-10-01, to: 2569-09-30}\n"
        );
    }
}
