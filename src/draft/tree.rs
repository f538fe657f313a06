//! The input as the editor's form sees it: a tree of texts, lists and
//! mappings in file order, without positions, sent to the browser as JSON.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::load::{self, Node, Value};

/// A value of the input file. Scalars are texts as written (`81.90` stays
/// "81.90"); an empty plain scalar is `Null`.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    Null,
    Text(String),
    List(Vec<Tree>),
    /// Keys in file order.
    Map(Vec<(String, Tree)>),
}

/// One step of a path into the tree: a mapping's key or a list's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Step {
    Index(usize),
    Key(String),
}

impl Tree {
    pub fn from_node(node: &Node) -> Tree {
        match &node.value {
            _ if node.is_null() => Tree::Null,
            Value::Scalar { text, .. } => Tree::Text(text.clone()),
            Value::Seq(items) => Tree::List(items.iter().map(Tree::from_node).collect()),
            Value::Map(pairs) => Tree::Map(
                pairs.iter().map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), Tree::from_node(v))).collect(),
            ),
        }
    }

    pub fn get(&self, step: &Step) -> Option<&Tree> {
        match (self, step) {
            (Tree::Map(pairs), Step::Key(k)) => pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v),
            (Tree::List(items), Step::Index(i)) => items.get(*i),
            _ => None,
        }
    }

    pub fn get_mut(&mut self, step: &Step) -> Option<&mut Tree> {
        match (self, step) {
            (Tree::Map(pairs), Step::Key(k)) => pairs.iter_mut().find(|(key, _)| key == k).map(|(_, v)| v),
            (Tree::List(items), Step::Index(i)) => items.get_mut(*i),
            _ => None,
        }
    }

    pub fn at(&self, path: &[Step]) -> Option<&Tree> {
        path.iter().try_fold(self, |t, s| t.get(s))
    }

    pub fn at_mut(&mut self, path: &[Step]) -> Option<&mut Tree> {
        path.iter().try_fold(self, |t, s| t.get_mut(s))
    }
}

/// The tree a text holds, if it reads.
pub fn read(text: &str) -> Option<Tree> {
    let (root, _) = load::parse(text).ok()?;
    Some(root.as_ref().map_or(Tree::Null, Tree::from_node))
}

/// A path as diagnostics name keys: `issues[2].measures[0].period`.
pub fn key_path(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => out.push_str(&format!(".{k}")),
        }
    }
    out
}

impl Serialize for Tree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Null => s.serialize_none(),
            Tree::Text(t) => s.serialize_str(t),
            Tree::List(items) => items.serialize(s),
            Tree::Map(pairs) => {
                let mut map = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text, a list, a mapping or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }

    // Numbers and booleans are taken as the text they are written as: the
    // file keeps a score as typed.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Text(v.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut pairs: Vec<(String, Tree)> = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Tree>()? {
            match pairs.iter_mut().find(|(key, _)| *key == k) {
                Some(pair) => pair.1 = v,
                None => pairs.push((k, v)),
            }
        }
        Ok(Tree::Map(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_keeps_the_files_order_and_text_through_json() {
        let (root, _) = crate::load::parse("b: 81.90\na: [x, ~]\nc: {z: '1', y:}\n").unwrap();
        let tree = Tree::from_node(&root.unwrap());
        let json = serde_json::to_string(&tree).unwrap();
        assert_eq!(json, r#"{"b":"81.90","a":["x",null],"c":{"z":"1","y":null}}"#);
        assert_eq!(serde_json::from_str::<Tree>(&json).unwrap(), tree);
        let path = [Step::Key("a".into()), Step::Index(0)];
        assert_eq!(tree.at(&path), Some(&Tree::Text("x".into())));
        assert_eq!(
            key_path(&[Step::Key("issues".into()), Step::Index(2), Step::Key("title".into())]),
            "issues[2].title"
        );
    }
}
