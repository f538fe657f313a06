//! A file's item codes carried to the fiscal year it is changed to. A code
//! whose item the new year has under another code (by the catalogs, see
//! [`catalog::carry`]) is renamed wherever the file uses it: its score and
//! text, issues' items and lowest, measures' targets. Every other code
//! whose item the new year has not is kept, and said, so that the page
//! marks it beside the code.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::ops::{self, Op};
use super::tree::{Step, Tree};
use crate::catalog::{self, Carried, Catalog};

/// What a change of fiscal year did to the file's codes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recoded {
    pub from: i32,
    pub to: i32,
    /// Codes renamed, old to new.
    pub moved: Vec<(String, String)>,
    /// Codes left as they were, with the code their item has now, because
    /// the file holds something of its own under that code.
    pub held: Vec<(String, String)>,
    /// Codes kept whose item the new year has not, with both years' texts.
    pub differs: Vec<Differs>,
    /// Codes kept because the file gives their text itself (`texts`): the
    /// item is the file's, whatever the catalogs say of the code.
    pub own: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Differs {
    pub code: String,
    pub before: String,
    /// The new year's item under this code, if it has one.
    pub after: Option<String>,
}

/// One place the file names a code.
struct Use {
    code: String,
    path: Vec<Step>,
    /// A key of `scores` or `texts` (renamed), or a value (set anew).
    key: bool,
    /// A score or text not filled in, which a moved code may take the place of.
    blank: bool,
}

/// A file (its text and tree) carried from the codes of the year `from` to
/// those of `to`: every rename made, or, where one cannot be, none.
pub fn carry(text: String, tree: Tree, from: i32, to: i32) -> (String, Tree, Recoded) {
    let (edits, mut recoded) = recode(&tree, &catalog::for_year(from).0, &catalog::for_year(to).0);
    let applied = edits.iter().try_fold((text.clone(), tree.clone()), |(text, tree), op| {
        ops::apply(&text, &tree, op).map(|edited| (edited.text, edited.tree))
    });
    match applied {
        Ok((text, tree)) => (text, tree, recoded),
        Err(_) => {
            let moved = std::mem::take(&mut recoded.moved);
            recoded.held.extend(moved);
            (text, tree, recoded)
        }
    }
}

/// The edits that carry a file (its tree) from one year's codes to
/// another's, and what they do.
pub fn recode(tree: &Tree, from: &Catalog, to: &Catalog) -> (Vec<Op>, Recoded) {
    let carried = catalog::carry(from, to);
    let uses = uses(tree, &carried);
    let used: BTreeSet<&str> = uses.iter().map(|u| u.code.as_str()).collect();
    let own: BTreeSet<&str> = uses
        .iter()
        .filter(|u| u.key && !u.blank && u.path[0] == Step::Key("texts".into()))
        .map(|u| u.code.as_str())
        .collect();
    let mut wanted: BTreeMap<&str, &str> = BTreeMap::new();
    for code in used.difference(&own) {
        if let Some(Carried::Moved(new)) = carried.get(*code) {
            wanted.insert(code, new);
        }
    }
    // A new code is free unless the file keeps something of its own there.
    let keeps = |code: &str| !wanted.contains_key(code) && uses.iter().any(|u| u.code == code && !u.blank);
    let targets: Vec<&str> = wanted.values().copied().collect();
    let free = |code: &str, new: &str| {
        !keeps(new) && targets.iter().filter(|t| **t == new).count() == 1 && !in_a_ring(&wanted, code)
    };
    let (moves, held): (BTreeMap<&str, &str>, BTreeMap<&str, &str>) =
        wanted.iter().map(|(a, b)| (*a, *b)).partition(|(code, new)| free(code, new));
    let mut ops: Vec<Op> = uses
        .iter()
        .filter(|u| u.key && !moves.contains_key(u.code.as_str()) && moves.values().any(|new| *new == u.code))
        .map(|u| Op::Remove { path: u.path.clone() })
        .collect();
    ops.extend(renames(&uses, &moves));
    let pair = |(a, b): (&&str, &&str)| (a.to_string(), b.to_string());
    let differs = used
        .iter()
        // A blank the moved code took the place of is gone.
        .filter(|c| !wanted.contains_key(*c) && !own.contains(*c) && !moves.values().any(|new| new == *c))
        .filter_map(|code| match carried.get(*code) {
            Some(Carried::Differs { before, after }) => {
                Some(Differs { code: code.to_string(), before: before.clone(), after: after.clone() })
            }
            _ => None,
        })
        .collect();
    let recoded = Recoded {
        from: from.fiscal_year,
        to: to.fiscal_year,
        moved: moves.iter().map(pair).collect(),
        held: held.iter().map(pair).collect(),
        differs,
        own: own.iter().map(|c| c.to_string()).collect(),
    };
    (ops, recoded)
}

/// Codes that would take each other's places (a → b → a): no year has
/// been seen to swap items, and a file is not renamed in a ring.
fn in_a_ring(wanted: &BTreeMap<&str, &str>, code: &str) -> bool {
    let mut at = code;
    for _ in 0..wanted.len() {
        match wanted.get(at) {
            Some(next) if *next == code => return true,
            Some(next) => at = next,
            None => return false,
        }
    }
    false
}

/// Every place the file names a code the old year gives a text for.
fn uses(tree: &Tree, carried: &BTreeMap<String, Carried>) -> Vec<Use> {
    let key = |s: &str| Step::Key(s.into());
    let mut uses = Vec::new();
    let mut note = |code: &str, path: Vec<Step>, key: bool, blank: bool| {
        let code = code.trim().to_lowercase();
        if carried.contains_key(&code) {
            uses.push(Use { code, path, key, blank });
        }
    };
    for map in ["scores", "texts"] {
        if let Some(Tree::Map(pairs)) = tree.get(&key(map)) {
            for (code, value) in pairs {
                let blank = matches!(value, Tree::Null) || *value == Tree::Text(String::new());
                note(code, vec![key(map), key(code)], true, blank);
            }
        }
    }
    let Some(Tree::List(issues)) = tree.get(&key("issues")) else { return uses };
    for (i, issue) in issues.iter().enumerate() {
        let at = |rest: &[&str]| {
            [&[key("issues"), Step::Index(i)][..], &rest.iter().map(|s| key(s)).collect::<Vec<_>>()].concat()
        };
        for path in [at(&["items"]), at(&["analysis", "lowest"])] {
            match tree.at(&path) {
                Some(Tree::Text(code)) => note(code, path, false, false),
                Some(Tree::List(codes)) => {
                    for (j, code) in codes.iter().enumerate() {
                        if let Tree::Text(code) = code {
                            note(code, [&path[..], &[Step::Index(j)]].concat(), false, false);
                        }
                    }
                }
                _ => {}
            }
        }
        let Some(Tree::List(measures)) = issue.get(&key("measures")) else { continue };
        for j in 0..measures.len() {
            let path = [at(&["measures"]), vec![Step::Index(j), key("target")]].concat();
            if let Some(Tree::Text(code)) = tree.at(&path) {
                note(code, path, false, false);
            }
        }
    }
    uses
}

/// The renames and new values, keys renamed in an order that never writes
/// a key over one still to move.
fn renames(uses: &[Use], moves: &BTreeMap<&str, &str>) -> Vec<Op> {
    let (keys, values): (Vec<&Use>, Vec<&Use>) =
        uses.iter().filter(|u| moves.contains_key(u.code.as_str())).partition(|u| u.key);
    let mut ops = Vec::new();
    let mut waiting = keys;
    while !waiting.is_empty() {
        let before = waiting.len();
        waiting.retain(|u| {
            let new = moves[u.code.as_str()];
            let parent = &u.path[..u.path.len() - 1];
            let taken = uses.iter().any(|w| w.key && w.code == new && w.path.starts_with(parent) && moves.contains_key(new))
                && !ops.iter().any(|op| matches!(op, Op::Rename { path, .. } if path.starts_with(parent) && path.last() == Some(&Step::Key(new.into()))));
            if !taken {
                ops.push(Op::Rename { path: u.path.clone(), to: new.to_string() });
            }
            taken
        });
        // Held from rings in `recode`: never met.
        if waiting.len() == before {
            break;
        }
    }
    ops.extend(
        values.iter().map(|u| Op::Set { path: u.path.clone(), value: Tree::Text(moves[u.code.as_str()].to_string()) }),
    );
    ops
}
