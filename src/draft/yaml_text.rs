//! A tree value as the YAML text the editor writes for it: plain where YAML
//! reads the text back unchanged, double-quoted otherwise; short lists and
//! mappings of one-line texts in flow style (`[i1, i10]`), others as blocks.

use super::tree::Tree;

/// The widest flow collection written on one line.
const FLOW_WIDTH: usize = 72;

/// A text as it is to stand in the file. `in_flow`: inside `[...]` or
/// `{...}`, where commas and brackets end a plain scalar.
pub fn scalar(text: &str, in_flow: bool) -> String {
    if plain_reads_back(text, in_flow) { text.to_string() } else { quoted(text) }
}

/// A double-quoted scalar: JSON's escapes are YAML's.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

fn plain_reads_back(text: &str, in_flow: bool) -> bool {
    const INDICATORS: &[char] =
        &['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`'];
    let Some(first) = text.chars().next() else { return false };
    !INDICATORS.contains(&first)
        && text.trim() == text
        && !text.chars().any(|c| c.is_control() || c == '\u{feff}')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !(in_flow && text.contains([',', '[', ']', '{', '}']))
        && !matches!(text, "~" | "null" | "Null" | "NULL")
}

/// The value in flow style on one line, when it is short enough and holds
/// only one-line texts: `81.90`, `[i1, i10]`, `{code: IIT, score: 95.68}`.
/// A null is the empty text (`key:` with nothing after it).
pub fn inline(tree: &Tree) -> Option<String> {
    let text = match tree {
        Tree::Null => String::new(),
        Tree::Text(t) => scalar(t, false),
        Tree::List(items) => {
            let items: Option<Vec<String>> = items.iter().map(flow_item).collect();
            format!("[{}]", items?.join(", "))
        }
        Tree::Map(pairs) => {
            let pairs: Option<Vec<String>> =
                pairs.iter().map(|(k, v)| flow_item(v).map(|v| format!("{}: {v}", scalar(k, true)))).collect();
            format!("{{{}}}", pairs?.join(", "))
        }
    };
    (text.chars().count() <= FLOW_WIDTH || matches!(tree, Tree::Text(_) | Tree::Null)).then_some(text)
}

fn flow_item(tree: &Tree) -> Option<String> {
    match tree {
        Tree::Null => Some("~".into()),
        Tree::Text(t) => Some(scalar(t, true)),
        _ => None,
    }
}

/// The value as block lines at `indent` spaces, each ending in a newline:
/// what follows `key:` on the lines below it.
pub fn block(tree: &Tree, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match tree {
        Tree::Map(pairs) => {
            for (k, v) in pairs {
                out.push_str(&format!("{pad}{}:{}", scalar(k, false), after_key(v, indent + 2)));
            }
        }
        Tree::List(items) => {
            for item in items {
                let nested = block(item, indent + 2);
                match item {
                    _ if !is_collection(item) => out.push_str(&format!("{pad}-{}", after_key(item, indent + 2))),
                    // The item's first line beside its dash.
                    Tree::Map(pairs) if !pairs.is_empty() => {
                        out.push_str(&format!("{pad}- {}", &nested[indent + 2..]));
                    }
                    _ => out.push_str(&format!("{pad}-{}", after_key(item, indent + 2))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", inline(other).unwrap_or_default())),
    }
    out
}

fn is_collection(tree: &Tree) -> bool {
    matches!(tree, Tree::List(_) | Tree::Map(_))
}

/// What follows a key's colon (or an item's dash): ` value` on its line,
/// or the block below it at `indent`.
fn after_key(tree: &Tree, indent: usize) -> String {
    match inline(tree) {
        Some(text) if text.is_empty() => "\n".into(),
        Some(text) if !is_collection(tree) || !has_nested(tree) => format!(" {text}\n"),
        _ => format!("\n{}", block(tree, indent)),
    }
}

/// Whether a collection is better written as a block: it has a collection
/// inside, or is one an official reads item by item (never here: flow is
/// used whenever it fits).
fn has_nested(tree: &Tree) -> bool {
    match tree {
        Tree::List(items) => items.iter().any(is_collection),
        Tree::Map(pairs) => pairs.iter().any(|(_, v)| is_collection(v)),
        _ => false,
    }
}

/// A whole file's text for a tree.
pub fn document(tree: &Tree) -> String {
    block(tree, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_back(tree: &Tree) {
        let text = document(tree);
        let (root, _) = crate::load::parse(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(&Tree::from_node(&root.unwrap()), tree, "{text}");
    }

    fn t(s: &str) -> Tree {
        Tree::Text(s.into())
    }

    #[test]
    fn texts_are_plain_only_where_they_read_back() {
        assert_eq!(scalar("81.90", false), "81.90");
        assert_eq!(scalar("องค์การบริหารส่วนตำบลหันนางาม", false), "องค์การบริหารส่วนตำบลหันนางาม");
        assert_eq!(scalar("ข้อ: ๑", false), "\"ข้อ: ๑\"");
        assert_eq!(scalar("- ก", false), "\"- ก\"");
        assert_eq!(scalar("null", false), "\"null\"");
        assert_eq!(scalar("ก, ข", true), "\"ก, ข\"");
        assert_eq!(scalar("ก\nข", false), "\"ก\\nข\"");
        for text in ["a #b", " ก", "ก ", "'x'", "{x}", "", "~", "#ก", "a:", "ก\tข", "x\u{feff}"] {
            let tree = Tree::Map(vec![("k".into(), t(text)), ("l".into(), Tree::List(vec![t(text)]))]);
            reads_back(&tree);
        }
    }

    #[test]
    fn collections_are_flow_when_short_and_blocks_when_not() {
        let tool = Tree::Map(vec![("code".into(), t("IIT")), ("score".into(), t("95.68"))]);
        assert_eq!(inline(&tool).unwrap(), "{code: IIT, score: 95.68}");
        let long = Tree::List((0..30).map(|i| t(&format!("o{i}"))).collect());
        assert_eq!(inline(&long), None);
        let issue = Tree::Map(vec![
            ("title".into(), t("ก")),
            ("items".into(), Tree::List(vec![t("i1"), t("o5")])),
            (
                "measures".into(),
                Tree::List(vec![Tree::Map(vec![("name".into(), t("ข")), ("steps".into(), long.clone())])]),
            ),
            ("analysis".into(), Tree::Map(vec![("cause".into(), Tree::Null)])),
        ]);
        let root = Tree::Map(vec![("issues".into(), Tree::List(vec![issue.clone(), issue]))]);
        let text = document(&root);
        assert!(text.starts_with("issues:\n  - title: ก\n    items: [i1, o5]\n    measures:\n      - name: ข\n        steps:\n          - o0\n"), "{text}");
        reads_back(&root);
        reads_back(&Tree::Map(vec![("empty".into(), Tree::List(vec![])), ("none".into(), Tree::Map(vec![]))]));
    }
}
