//! Scores and texts by item code, and what the file and the catalog know
//! of an item.

use std::collections::BTreeMap;

use super::{Validator, item_code};
use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Pos, quoted};
use crate::limits;
use crate::load::{Node, Value};
use crate::report::{Item, Score};
use crate::suggest::Suggestion;

/// The file's scores by code, with where each is written; None for a score
/// that was refused (and reported).
pub(super) type Scores = BTreeMap<String, (Option<Score>, Pos)>;

/// What the file and the catalog know of items: texts and scores by code.
pub(super) struct ItemTable<'a> {
    pub(super) catalog: &'a Catalog,
    pub(super) scores: Option<&'a Scores>,
    pub(super) texts: Option<&'a BTreeMap<String, String>>,
    /// Whether the file's fiscal year is known: if not, which year's
    /// catalog lacks a text is no news.
    pub(super) year_known: bool,
}

impl ItemTable<'_> {
    /// The item of a code, if the catalog or the scores know it.
    pub(super) fn item(&self, code: &str) -> Option<Item> {
        let score = self.scores.and_then(|s| s.get(code)).and_then(|(s, _)| s.clone());
        let in_catalog = self.catalog.items.get(code);
        let in_scores = self.scores.is_some_and(|s| s.contains_key(code));
        if !in_scores && in_catalog.is_none() {
            return None;
        }
        let text = self.texts.and_then(|t| t.get(code).cloned()).or_else(|| in_catalog.and_then(|i| i.text.clone()));
        Some(Item { code: code.to_string(), text, score })
    }

    /// Whether a code's missing score is news: not when `scores` could not
    /// be read or its score was refused, which is reported already.
    pub(super) fn unscored(&self, code: &str) -> bool {
        self.scores.is_some_and(|s| !s.contains_key(code))
    }
}

impl Validator<'_> {
    /// Every code written under `scores`, a refused score kept as None so
    /// that the code's uses are not reported again as unknown or unscored.
    pub(super) fn scores(&mut self, node: &Node) -> Option<Scores> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "scores", "ชุดคะแนน (รหัส: คะแนน)", "a mapping of code: score");
            return None;
        };
        let mut scores = Scores::new();
        for (k, v) in pairs {
            let written = k.as_str().unwrap_or_default();
            let path = format!("scores.{}", quoted(written));
            let Some(code) = item_code(written) else {
                self.error(
                    k.pos,
                    &path,
                    format!("\"{}\" ไม่ใช่รหัสข้อคำถาม", quoted(written)),
                    format!("\"{}\" is not an item code", quoted(written)),
                );
                self.diags.last_mut().unwrap().hint =
                    Some("รหัสคือ i, e หรือ o ตามด้วยเลขข้อ เช่น i10, e7, o12 (a code is i, e or o and a number)".into());
                continue;
            };
            if let Some((_, first)) = scores.get(&code) {
                let line = first.line;
                self.error(
                    k.pos,
                    &path,
                    format!("คะแนนของ {code} ให้ไว้แล้วที่บรรทัด {line}"),
                    format!("the score of {code} is already given, on line {line}"),
                );
                continue;
            }
            let score = self.score(v, &path);
            scores.insert(code, (score, k.pos));
        }
        Some(scores)
    }

    pub(super) fn texts(
        &mut self,
        node: &Node,
        catalog: &Catalog,
        scores: Option<&Scores>,
    ) -> Option<BTreeMap<String, String>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "texts", "ชุดข้อความ (รหัส: ข้อความ)", "a mapping of code: text");
            return None;
        };
        let mut texts = BTreeMap::new();
        let mut ok = true;
        for (k, v) in pairs {
            let written = k.as_str().unwrap_or_default();
            let path = format!("texts.{}", quoted(written));
            let code = item_code(written)
                .filter(|c| catalog.items.contains_key(c) || scores.is_none_or(|s| s.contains_key(c)));
            let Some(code) = code else {
                self.unknown_code(k.pos, &path, written, catalog, scores);
                ok = false;
                continue;
            };
            if let Some((_, first)) = texts.get(&code) {
                let line: usize = *first;
                self.error(
                    k.pos,
                    &path,
                    format!("ข้อความของ {code} ให้ไว้แล้วที่บรรทัด {line}"),
                    format!("the text of {code} is already given, on line {line}"),
                );
                ok = false;
                continue;
            }
            match self.free_text(v, &path) {
                // An item's text is printed in every table that has the
                // item: its length is bounded more tightly than a text's.
                Some(t) if t.chars().count() > limits::ITEM_TEXT_CHARS => {
                    let chars = t.chars().count();
                    self.error(
                        v.pos,
                        &path,
                        format!("ข้อความของข้อยาว {chars} ตัวอักษร เกินขีดจำกัด {} ตัวอักษร", limits::ITEM_TEXT_CHARS),
                        format!("an item's text of {chars} characters, over the limit of {}", limits::ITEM_TEXT_CHARS),
                    );
                    ok = false;
                }
                Some(t) => {
                    texts.insert(code, (t, k.pos.line));
                }
                None => ok = false,
            }
        }
        ok.then(|| texts.into_iter().map(|(code, (text, _))| (code, text)).collect())
    }

    pub(super) fn unknown_code(
        &mut self,
        pos: Pos,
        path: &str,
        written: &str,
        catalog: &Catalog,
        scores: Option<&Scores>,
    ) {
        let written = &quoted(written);
        let known = catalog
            .items
            .keys()
            .map(String::as_str)
            .chain(scores.into_iter().flat_map(|s| s.keys().map(String::as_str)));
        let mut d = Diagnostic::error(
            pos,
            path,
            format!("ไม่พบรหัส \"{written}\" ทั้งใน scores และในรายการข้อคำถามของปี {}", catalog.fiscal_year),
            format!("the code \"{written}\" is in neither scores nor the {} catalog", catalog.fiscal_year),
        );
        // A guess compares the code with every known one: past the
        // messages shown, not worth the time (a file of 50,000 unknown
        // codes would take minutes).
        if self.diags.len() < limits::DIAGNOSTICS
            && let Some(s) = Suggestion::closest(written, known)
        {
            d = d.with_hint(s.to_string());
        }
        self.diags.push(d);
    }
}
