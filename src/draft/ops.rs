//! Edits the form makes, applied to the file's text so that only what was
//! edited changes: comments, key order and the layout of the rest stay
//! (yaml-edit's lossless tree, through [`crate::amend`]).
//!
//! Every edit is checked: the new text is read back and must hold exactly
//! the tree the edit asks for. Where yaml-edit's result does not, the
//! smallest enclosing value is written afresh instead, and so on outwards;
//! a text that cannot be made right is never kept.

use std::str::FromStr;

use serde::Deserialize;

use super::tree::read;
use super::tree::{Step, Tree, key_path};
use super::yaml_text;
use crate::amend::{self, Document, Mapping, Sequence, YamlNode};

/// One change the form asks for, at a path into the input.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Op {
    /// A value set, the mappings on its way made where missing.
    Set { path: Vec<Step>, value: Tree },
    /// A key or a list's item taken out.
    Remove { path: Vec<Step> },
    /// An item put into the list at `path`, before `index` (at the end
    /// when `index` is its length).
    Insert { path: Vec<Step>, index: usize, value: Tree },
    /// An item of the list at `path` moved from one place to another.
    Move { path: Vec<Step>, from: usize, to: usize },
    /// A mapping's key at `path` given another name, its value and place
    /// kept; refused where the name is taken.
    Rename { path: Vec<Step>, to: String },
    /// Item codes renamed, old to new, wherever the file names them
    /// ([`super::recode::rename`]).
    Recode { moves: Vec<(String, String)> },
}

/// Why an edit was refused; the file's text is as it was.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EditError {
    #[error("ไม่มี {0} ในไฟล์ หรือไม่ใช่ชนิดที่แก้ได้ด้วยวิธีนี้ (there is no {0} in the file, or it cannot be edited so)")]
    NoSuchPlace(String),
    #[error(
        "{0} อยู่นอกโฟลเดอร์ของไฟล์: ใส่ไฟล์ไว้ในโฟลเดอร์เดียวกัน แล้วระบุเพียงชื่อไฟล์ \
         ({0} is outside the file's folder: put the file in the same folder and give its name alone)"
    )]
    OutsideFolder(String),
    #[error("มี {0} อยู่แล้วในไฟล์ (there is a {0} in the file already)")]
    Taken(String),
    #[error("ไฟล์จะใหญ่เกินขีดจำกัด 1 MiB (the file would be larger than the 1 MiB limit)")]
    TooBig,
    #[error(
        "ไฟล์ตอนนี้ไม่ใช่ YAML ที่อ่านได้ จึงแก้ทีละช่องไม่ได้ (the file is not readable YAML now, so it cannot be edited field by field)"
    )]
    Unreadable,
}

/// An edited file: its new text and the tree it holds.
#[derive(Debug)]
pub struct Edited {
    pub text: String,
    pub tree: Tree,
}

/// Applies an edit to a file's text, whose tree is `tree`.
pub fn apply(text: &str, tree: &Tree, op: &Op) -> Result<Edited, EditError> {
    match op {
        Op::Recode { moves } => return super::recode::rename(text, tree, moves),
        Op::Rename { to, .. } => {
            let taken = [op.container(), &[Step::Key(to.clone())]].concat();
            if tree.at(&taken).is_some() {
                return Err(EditError::Taken(key_path(&taken)));
            }
        }
        _ => {}
    }
    let mut expected = tree.clone();
    change(&mut expected, op).ok_or_else(|| EditError::NoSuchPlace(key_path(op.path())))?;
    let holds = |text: String| (read(&text).as_ref() == Some(&expected)).then_some(text);
    if let Some(text) = edit_text(text, tree, op).and_then(holds) {
        return Ok(Edited { text, tree: expected });
    }
    // Written afresh: the value the edit is in, then the values around it.
    let target = op.container();
    for len in (1..=target.len()).rev() {
        let path = target[..len].to_vec();
        let Some(value) = expected.at(&path).cloned() else { continue };
        if let Some(text) = edit_text(text, tree, &Op::Set { path, value }).and_then(holds) {
            return Ok(Edited { text, tree: expected });
        }
    }
    // The whole file written afresh: only for a file of no values (empty,
    // or comments alone), where nothing is lost; never for a file that does
    // not read, whose text would be lost.
    match read(text) {
        Some(Tree::Null) => {
            let text = yaml_text::document(&expected);
            holds(text).map(|text| Edited { text, tree: expected }).ok_or(EditError::Unreadable)
        }
        _ => Err(EditError::Unreadable),
    }
}

impl Op {
    fn path(&self) -> &[Step] {
        match self {
            Op::Set { path, .. }
            | Op::Remove { path }
            | Op::Insert { path, .. }
            | Op::Move { path, .. }
            | Op::Rename { path, .. } => path,
            Op::Recode { .. } => &[],
        }
    }

    /// The path of the collection the edit changes.
    fn container(&self) -> &[Step] {
        match self {
            Op::Set { path, .. } | Op::Remove { path } | Op::Rename { path, .. } => {
                &path[..path.len().saturating_sub(1)]
            }
            Op::Insert { path, .. } | Op::Move { path, .. } => path,
            Op::Recode { .. } => &[],
        }
    }
}

/// The edit made to the tree: what the text must hold after it.
fn change(tree: &mut Tree, op: &Op) -> Option<()> {
    match op {
        Op::Set { path, value } => {
            let (last, parents) = path.split_last()?;
            // A file of no values yet is an empty mapping to put them in.
            if *tree == Tree::Null {
                *tree = Tree::Map(Vec::new());
            }
            let mut at = tree;
            for step in parents {
                at = match step {
                    Step::Key(_) => child_or_new_map(at, step)?,
                    Step::Index(_) => at.get_mut(step)?,
                };
            }
            match (at, last) {
                (Tree::Map(pairs), Step::Key(k)) => match pairs.iter_mut().find(|(key, _)| key == k) {
                    Some(pair) => pair.1 = value.clone(),
                    None => pairs.push((k.clone(), value.clone())),
                },
                (Tree::List(items), Step::Index(i)) => *items.get_mut(*i)? = value.clone(),
                _ => return None,
            }
        }
        Op::Remove { path } => {
            let (last, parents) = path.split_last()?;
            match (tree.at_mut(parents)?, last) {
                (Tree::Map(pairs), Step::Key(k)) => {
                    let i = pairs.iter().position(|(key, _)| key == k)?;
                    pairs.remove(i);
                }
                (Tree::List(items), Step::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => return None,
            }
        }
        Op::Insert { path, index, value } => match tree.at_mut(path)? {
            Tree::List(items) if *index <= items.len() => items.insert(*index, value.clone()),
            _ => return None,
        },
        Op::Move { path, from, to } => match tree.at_mut(path)? {
            Tree::List(items) if *from < items.len() && *to < items.len() => {
                let item = items.remove(*from);
                items.insert(*to, item);
            }
            _ => return None,
        },
        Op::Rename { path, to } => {
            let (Step::Key(k), parents) = path.split_last()? else { return None };
            let Tree::Map(pairs) = tree.at_mut(parents)? else { return None };
            pairs.iter_mut().find(|(key, _)| key == k)?.0 = to.clone();
        }
        Op::Recode { .. } => return None,
    }
    Some(())
}

/// A mapping's value at a key, an empty mapping put there when missing (or
/// null: `document:` with nothing under it yet); a list's item where it is.
/// A Set's path runs through mappings only where they may be made.
fn child_or_new_map<'t>(tree: &'t mut Tree, step: &Step) -> Option<&'t mut Tree> {
    let (Tree::Map(pairs), Step::Key(k)) = (tree, step) else { return None };
    let i = match pairs.iter().position(|(key, _)| key == k) {
        Some(i) => i,
        None => {
            pairs.push((k.clone(), Tree::Map(Vec::new())));
            pairs.len() - 1
        }
    };
    if pairs[i].1 == Tree::Null {
        pairs[i].1 = Tree::Map(Vec::new());
    }
    Some(&mut pairs[i].1)
}

/// A mapping or a list of the yaml-edit tree.
enum Place {
    Map(Mapping),
    List(Sequence),
}

impl Place {
    fn of(node: &YamlNode) -> Option<Place> {
        node.as_mapping().cloned().map(Place::Map).or_else(|| node.as_sequence().cloned().map(Place::List))
    }

    fn child(&self, step: &Step) -> Option<YamlNode> {
        match (self, step) {
            (Place::Map(m), Step::Key(k)) => m.get(key(k)),
            (Place::List(s), Step::Index(i)) => s.get(*i),
            _ => None,
        }
    }
}

/// A key as a node, so that a key written `9` is found as the integer it
/// reads as.
fn key(k: &str) -> YamlNode {
    amend::raw(&yaml_text::scalar(k, false))
}

/// The node a value is written as.
fn node(value: &Tree) -> YamlNode {
    match yaml_text::inline(value) {
        Some(text) if text.is_empty() => amend::blank(),
        Some(text) => amend::raw(&text),
        None => amend::block(&yaml_text::block(value, 2)),
    }
}

/// The edit made by yaml-edit, when the text reads as a mapping and the
/// path is there.
fn edit_text(text: &str, tree: &Tree, op: &Op) -> Option<String> {
    let doc = Document::from_str(text).ok()?;
    let mut at = Place::Map(doc.as_mapping()?);
    let target = op.container();
    for (i, step) in target.iter().enumerate() {
        match at.child(step).filter(|n| Place::of(n).is_some()) {
            Some(n) => at = Place::of(&n)?,
            // A Set whose mappings are missing from here: the rest of its
            // path is written as one new value.
            None => {
                let Op::Set { path, value } = op else { return None };
                let rest = path[i + 1..].iter().rev().try_fold(value.clone(), |v, s| match s {
                    Step::Key(k) => Some(Tree::Map(vec![(k.clone(), v)])),
                    Step::Index(_) => None,
                })?;
                return set(&at, step, &rest).then(|| doc.to_string());
            }
        }
    }
    let done = match op {
        Op::Set { path, value } => set(&at, path.last()?, value),
        Op::Remove { path } => match (&at, path.last()?) {
            (Place::Map(m), Step::Key(k)) => m.remove(key(k)).is_some(),
            (Place::List(s), Step::Index(i)) => s.remove(*i).is_some(),
            _ => false,
        },
        Op::Insert { index, value, .. } => match &at {
            Place::List(s) if *index == s.len() => {
                s.push(node(value));
                true
            }
            Place::List(s) => {
                s.insert(*index, node(value));
                true
            }
            Place::Map(_) => false,
        },
        Op::Rename { path, to } => match (&at, path.last()?) {
            (Place::Map(m), Step::Key(k)) => m.rename_key(key(k), key(to)),
            _ => false,
        },
        Op::Recode { .. } => false,
        // A moved item is written afresh at its new place.
        Op::Move { path, from, to } => match (&at, tree.at(path).and_then(|l| l.get(&Step::Index(*from)))) {
            (Place::List(s), Some(item)) => {
                s.remove(*from);
                if *to == s.len() {
                    s.push(node(item))
                } else {
                    s.insert(*to, node(item))
                }
                true
            }
            _ => false,
        },
    };
    done.then(|| doc.to_string())
}

fn set(at: &Place, step: &Step, value: &Tree) -> bool {
    match (at, step) {
        (Place::Map(m), Step::Key(k)) => {
            m.set(key(k), node(value));
            true
        }
        (Place::List(s), Step::Index(i)) => s.set(*i, node(value)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# หัว\nagency:\n  name: ก   # ชื่อ\n  province: ข\nresult:\n  indicators:\n    1: 95.40\n    9: 80.75\nissues:\n  # ประเด็นที่ ๑\n  - title: หนึ่ง\n    items: [i1, i10]\n    measures:\n      - name: ม\n        steps:\n          - ขั้น ๑\n          - ขั้น ๒\n  # ประเด็นที่ ๒\n  - title: สอง\n    items: [o1]\n";

    fn path(json: &str) -> Vec<Step> {
        serde_json::from_str(json).unwrap()
    }

    fn edit(text: &str, op: Op) -> String {
        let tree = read(text).unwrap();
        let edited = apply(text, &tree, &op).unwrap();
        assert_eq!(read(&edited.text).as_ref(), Some(&edited.tree), "{}", edited.text);
        edited.text
    }

    fn text(s: &str) -> Tree {
        Tree::Text(s.into())
    }

    #[test]
    fn a_set_value_changes_its_line_alone() {
        let out = edit(FILE, Op::Set { path: path(r#"["agency","name"]"#), value: text("องค์การ: ใหม่") });
        assert_eq!(out, FILE.replace("name: ก   # ชื่อ", "name: \"องค์การ: ใหม่\"   # ชื่อ"));
        let out = edit(FILE, Op::Set { path: path(r#"["result","indicators","9"]"#), value: text("81.00") });
        assert_eq!(out, FILE.replace("9: 80.75", "9: 81.00"));
        let out = edit(
            FILE,
            Op::Set { path: path(r#"["issues",1,"items"]"#), value: Tree::List(vec![text("o1"), text("o2")]) },
        );
        assert_eq!(out, FILE.replace("items: [o1]", "items: [o1, o2]"));
    }

    #[test]
    fn missing_mappings_are_made_on_the_way() {
        let out = edit(FILE, Op::Set { path: path(r#"["document","signatory","name"]"#), value: text("นาย ค") });
        assert!(out.starts_with(FILE), "{out}");
        assert_eq!(&out[FILE.len()..], "document:\n  signatory: {name: นาย ค}\n");
        let out = edit(FILE, Op::Set { path: path(r#"["agency","phone"]"#), value: text("042-351668") });
        assert!(out.contains("  province: ข\n  phone: 042-351668\n"), "{out}");
    }

    #[test]
    fn items_are_inserted_removed_and_moved_and_the_comments_stay() {
        let step = Op::Insert {
            path: path(r#"["issues",0,"measures",0,"steps"]"#), index: 2, value: text("ขั้น ๓")
        };
        let out = edit(FILE, step);
        assert_eq!(out, FILE.replace("          - ขั้น ๒\n", "          - ขั้น ๒\n          - ขั้น ๓\n"));
        let issue = Tree::Map(vec![("title".into(), text("สาม")), ("items".into(), Tree::List(vec![]))]);
        let out = edit(FILE, Op::Insert { path: path(r#"["issues"]"#), index: 2, value: issue });
        assert!(out.ends_with("    items: [o1]\n  - title: สาม\n    items: []\n"), "{out}");
        let out = edit(FILE, Op::Remove { path: path(r#"["issues",0,"measures",0,"steps",0]"#) });
        assert_eq!(out, FILE.replace("          - ขั้น ๑\n", ""));
        let out = edit(FILE, Op::Move { path: path(r#"["issues",0,"measures",0,"steps"]"#), from: 1, to: 0 });
        assert!(out.contains("          - ขั้น ๒\n          - ขั้น ๑\n"), "{out}");
        let out = edit(FILE, Op::Rename { path: path(r#"["result","indicators","1"]"#), to: "2".into() });
        assert_eq!(out, FILE.replace("    1: 95.40", "    2: 95.40"));
        let out = edit(FILE, Op::Move { path: path(r#"["issues"]"#), from: 1, to: 0 });
        assert!(out.starts_with("# หัว\nagency:\n  name: ก   # ชื่อ\n"), "{out}");
        assert!(out.contains("# ประเด็นที่ ๑"), "{out}");
        let Some(Tree::List(issues)) = read(&out).unwrap().get(&Step::Key("issues".into())).cloned() else { panic!() };
        assert_eq!(issues[0].get(&Step::Key("title".into())), Some(&text("สอง")));
    }

    #[test]
    fn an_edit_at_no_such_place_or_in_a_file_that_does_not_read_is_refused() {
        let broken = "agency:\n  name: [ก\n";
        let op = Op::Set { path: path(r#"["agency","name"]"#), value: text("ข") };
        assert_eq!(apply(broken, &Tree::Null, &op).unwrap_err(), EditError::Unreadable);
        let tree = read(FILE).unwrap();
        let op = Op::Set { path: path(r#"["issues",5,"title"]"#), value: text("x") };
        assert_eq!(apply(FILE, &tree, &op).unwrap_err(), EditError::NoSuchPlace("issues[5].title".into()));
        let op = Op::Move { path: path(r#"["issues"]"#), from: 0, to: 2 };
        assert!(apply(FILE, &tree, &op).is_err());
        let op = Op::Rename { path: path(r#"["result","indicators","1"]"#), to: "9".into() };
        assert_eq!(apply(FILE, &tree, &op).unwrap_err(), EditError::Taken("result.indicators.9".into()));
    }

    #[test]
    fn a_file_of_comments_alone_gets_its_first_values() {
        let out = edit("# ยังว่าง\n", Op::Set { path: path(r#"["agency","name"]"#), value: text("ก") });
        assert_eq!(read(&out), Some(Tree::Map(vec![("agency".into(), Tree::Map(vec![("name".into(), text("ก"))]))])));
    }
}
