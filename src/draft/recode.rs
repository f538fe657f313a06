//! A file's item codes carried to the fiscal year it is changed to. A code
//! whose item the new year has under another code (by the catalogs, see
//! [`catalog::carry`]) is renamed wherever the file uses it: its score and
//! text, issues' items and lowest, measures' targets. Every other code
//! whose item the new year has not is kept, and said, so that the page
//! marks it beside the code.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::ops::{self, EditError, Edited, Op};
use super::tree::{Step, Tree};
use crate::catalog::{self, Carried, Catalog};
use crate::limits;
use crate::validate::item_code;

/// What a change of fiscal year did to the file's codes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recoded {
    pub from: i32,
    pub to: i32,
    /// Codes renamed, old to new.
    pub moved: Vec<(String, String)>,
    /// Codes left as they were, with the code their item has now: the
    /// file holds something of its own under that code.
    pub held: Vec<(String, String)>,
    /// Codes kept whose item the new year has not, with both years' texts.
    pub differs: Vec<Differs>,
    /// Codes kept because the file gives their text itself (`texts`): the
    /// item is the file's, whatever the catalogs say of the code.
    pub own: Vec<String>,
    /// Codes of which one of the years gives no text: nothing is known.
    pub unknown: Vec<String>,
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
    /// As the check reads it: o๑๕ and O15 are o15.
    code: String,
    path: Vec<Step>,
    /// A key of `scores` or `texts` (renamed), or a value (set anew).
    key: bool,
    /// A score or text not filled in, which a moved code may take the place of.
    blank: bool,
}

/// Codes, old to new.
type Moves<'a> = BTreeMap<&'a str, &'a str>;

/// The file carried to the codes of the year `to` from those it has now,
/// which are the year `now`'s. After an earlier change (`last`, from its
/// first year to `now`), that change is undone first: codes are carried
/// from the year they were written in, never through another year's, and
/// a year typed back leaves them as they were. None where the codes are
/// the new year's as they stand.
pub fn change_year(
    text: String,
    tree: Tree,
    now: i32,
    last: Option<&Recoded>,
    to: i32,
) -> (String, Tree, Option<Recoded>) {
    let undone = last.filter(|r| r.to == now).and_then(|r| {
        let back: Vec<(String, String)> = r.moved.iter().map(|(a, b)| (b.clone(), a.clone())).collect();
        rename(&text, &tree, &back).ok().map(|edited| (edited, r.from))
    });
    let (text, tree, first) = match undone {
        Some((edited, first)) => (edited.text, edited.tree, first),
        None => (text, tree, now),
    };
    if first == to {
        return (text, tree, None);
    }
    let (text, tree, recoded) = carry(text, tree, first, to);
    (text, tree, Some(recoded))
}

/// A file (its text and tree) carried from the codes of the year `from` to
/// those of `to`: every rename made, or, where one cannot be, none.
pub fn carry(text: String, tree: Tree, from: i32, to: i32) -> (String, Tree, Recoded) {
    let mut recoded = plan(&tree, &catalog::for_year(from).0, &catalog::for_year(to).0);
    match rename(&text, &tree, &recoded.moved) {
        Ok(edited) => (edited.text, edited.tree, recoded),
        Err(_) => {
            let moved = std::mem::take(&mut recoded.moved);
            recoded.held.extend(moved);
            (text, tree, recoded)
        }
    }
}

/// The file's codes renamed wherever it names them, old to new: all, or
/// none where one is refused (its new code is there) or the file would
/// grow past its limit.
pub fn rename(text: &str, tree: &Tree, moves: &[(String, String)]) -> Result<Edited, EditError> {
    let uses = uses(tree);
    let moves: Moves = moves.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut edited = Edited { text: text.to_string(), tree: tree.clone() };
    for op in edits(&uses, &moves) {
        edited = ops::apply(&edited.text, &edited.tree, &op)?;
    }
    if edited.text.len() > limits::INPUT_BYTES {
        return Err(EditError::TooBig);
    }
    Ok(edited)
}

/// What carrying a file (its tree) from one year's codes to another's
/// renames and says.
fn plan(tree: &Tree, from: &Catalog, to: &Catalog) -> Recoded {
    let carried = catalog::carry(from, to);
    let uses = uses(tree);
    let used: BTreeSet<&str> = uses.iter().map(|u| u.code.as_str()).collect();
    let own: BTreeSet<&str> = uses
        .iter()
        .filter(|u| u.key && !u.blank && u.path[0] == Step::Key("texts".into()))
        .map(|u| u.code.as_str())
        .collect();
    let wanted: Moves = used
        .difference(&own)
        .filter_map(|code| match carried.get(*code) {
            Some(Carried::Moved(new)) => Some((*code, new.as_str())),
            _ => None,
        })
        .collect();
    let (moves, held) = settle(&wanted, &uses);
    // Said of the codes that stay, but a blank a moved code took the place of.
    let stays = |c: &&&str| !wanted.contains_key(**c) && !own.contains(**c) && !moves.values().any(|new| new == *c);
    let mut differs: Vec<Differs> = used
        .iter()
        .filter(stays)
        .filter_map(|code| match carried.get(*code) {
            Some(Carried::Differs { before, after }) => {
                Some(Differs { code: code.to_string(), before: before.clone(), after: after.clone() })
            }
            _ => None,
        })
        .collect();
    let mut unknown: Vec<String> = used
        .iter()
        .filter(stays)
        .filter(|c| carried.get(**c) == Some(&Carried::Unknown))
        .map(|c| c.to_string())
        .collect();
    // Said in the catalogs' order: o1, o3, o10, not o1, o10, o3.
    differs.sort_by_key(|d| catalog::code_order(&d.code));
    unknown.sort_by_key(|c| catalog::code_order(c));
    let mut own: Vec<String> = own.iter().map(|c| c.to_string()).collect();
    own.sort_by_key(|c| catalog::code_order(c));
    let pairs = |m: Moves| m.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    Recoded {
        from: from.fiscal_year,
        to: to.fiscal_year,
        moved: pairs(moves),
        held: pairs(held),
        differs,
        own,
        unknown,
    }
}

/// The moves that can be made, and those held: none onto a code that
/// stays and holds something (a value, or a code held itself), none of two
/// codes onto one, none in a ring. What is blocked is taken out until
/// nothing more is (a move held can block the move onto it).
fn settle<'a>(wanted: &Moves<'a>, uses: &[Use]) -> (Moves<'a>, Moves<'a>) {
    let (mut moves, mut held) = (wanted.clone(), Moves::new());
    loop {
        let blocked: Vec<&str> = {
            let occupied = |code: &str| {
                !moves.contains_key(code)
                    && (held.contains_key(code) || uses.iter().any(|u| u.code == code && !u.blank))
            };
            let shared = |new: &str| moves.values().filter(|t| **t == new).count() > 1;
            moves
                .iter()
                .filter(|(code, new)| occupied(new) || shared(new) || in_a_ring(&moves, code))
                .map(|(c, _)| *c)
                .collect()
        };
        if blocked.is_empty() {
            return (moves, held);
        }
        for code in blocked {
            let new = moves.remove(code).expect("a move");
            held.insert(code, new);
        }
    }
}

/// Codes that would take each other's places (a → b → a): no year has
/// been seen to swap items, and a file is not renamed in a ring.
fn in_a_ring(moves: &Moves, code: &str) -> bool {
    let mut at = code;
    for _ in 0..moves.len() {
        match moves.get(at) {
            Some(next) if *next == code => return true,
            Some(next) => at = next,
            None => return false,
        }
    }
    false
}

/// Every place the file names a code: keys of `scores` and `texts`, and
/// issues' items, lowest and targets (a target of free text is named too,
/// and is never a code).
fn uses(tree: &Tree) -> Vec<Use> {
    let key = |s: &str| Step::Key(s.into());
    let mut uses = Vec::new();
    let mut note = |written: &str, path: Vec<Step>, key: bool, blank: bool| {
        let code = item_code(written).unwrap_or_else(|| written.trim().to_lowercase());
        uses.push(Use { code, path, key, blank });
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
        let at = |rest: &[Step]| [&[key("issues"), Step::Index(i)][..], rest].concat();
        let mut paths = vec![at(&[key("items")]), at(&[key("analysis"), key("lowest")])];
        if let Some(Tree::List(measures)) = issue.get(&key("measures")) {
            paths.extend((0..measures.len()).map(|j| at(&[key("measures"), Step::Index(j), key("target")])));
        }
        for path in paths {
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
    }
    uses
}

/// The edits of a rename: a blank that a moved key takes the place of in
/// its mapping taken out, the keys renamed in an order that never writes
/// over a key still to move, and the values set anew.
fn edits(uses: &[Use], moves: &Moves) -> Vec<Op> {
    let same_map = |a: &Use, b: &Use| a.path[0] == b.path[0];
    let mut ops: Vec<Op> = uses
        .iter()
        .filter(|u| u.key && u.blank && !moves.contains_key(u.code.as_str()))
        .filter(|u| {
            uses.iter().any(|w| w.key && same_map(u, w) && moves.get(w.code.as_str()) == Some(&u.code.as_str()))
        })
        .map(|u| Op::Remove { path: u.path.clone() })
        .collect();
    let mut waiting: Vec<&Use> = uses.iter().filter(|u| u.key && moves.contains_key(u.code.as_str())).collect();
    while !waiting.is_empty() {
        let (ready, rest): (Vec<&Use>, Vec<&Use>) =
            waiting.iter().partition(|u| !waiting.iter().any(|w| same_map(u, w) && w.code == moves[u.code.as_str()]));
        if ready.is_empty() {
            break; // a ring, which `settle` holds
        }
        ops.extend(ready.iter().map(|u| Op::Rename { path: u.path.clone(), to: moves[u.code.as_str()].to_string() }));
        waiting = rest;
    }
    let values = uses.iter().filter(|u| !u.key && moves.contains_key(u.code.as_str()));
    ops.extend(values.map(|u| Op::Set { path: u.path.clone(), value: Tree::Text(moves[u.code.as_str()].to_string()) }));
    ops
}
