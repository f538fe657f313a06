//! The issues: each one's table of items, its analysis and its measures.

use std::collections::HashMap;

use super::Validator;
use super::item_code;
use super::keys::{ANALYSIS_KEYS, ISSUE_KEYS, MEASURE_KEYS, PERIOD_KEYS};
use super::scores::ItemTable;
use crate::diag::Diagnostic;
use crate::limits;
use crate::load::{Node, Value};
use crate::report::{Analysis, GAP, Issue, Item, Measure, Period, Target, lowest_items};

impl Validator<'_> {
    pub(super) fn issues(&mut self, node: &Node, table: &ItemTable) -> Option<Vec<Issue>> {
        let items = self.seq(node, "issues")?;
        if items.is_empty() {
            self.error(node.pos, "issues", "ต้องมีประเด็นอย่างน้อยหนึ่งประเด็น", "at least one issue is needed");
            return None;
        }
        if !self.limit(items, node.pos, "issues", limits::ISSUES, "ประเด็น", "issues") {
            return None;
        }
        let issues: Vec<Option<Issue>> =
            items.iter().enumerate().map(|(i, n)| self.issue(n, &format!("issues[{i}]"), table)).collect();
        let rows: usize = issues.iter().flatten().map(|i| i.items.len()).sum();
        if rows > limits::ROWS {
            self.error(
                node.pos,
                "issues",
                format!("ตารางวิเคราะห์มีแถวรวม {rows} แถว เกินขีดจำกัด {} แถว", limits::ROWS),
                format!("{rows} rows in the analysis tables in all, over the limit of {}", limits::ROWS),
            );
            return None;
        }
        let measures: usize = issues.iter().flatten().map(|i| i.measures.len()).sum();
        if measures > limits::MEASURES {
            self.error(
                node.pos,
                "issues",
                format!("มีมาตรการรวม {measures} รายการ เกินขีดจำกัด {} รายการ", limits::MEASURES),
                format!("{measures} measures in all, over the limit of {}", limits::MEASURES),
            );
            return None;
        }
        issues.into_iter().collect()
    }

    pub(super) fn issue(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Issue> {
        let f = self.fields(node, path, ISSUE_KEYS)?;
        let title = self.required_free_text(&f, "title", "ชื่อประเด็น", "the issue's title");
        let items = self
            .required(&f, "items", "รหัสข้อคำถามในตารางวิเคราะห์", "the item codes of the analysis table")
            .and_then(|n| self.issue_items(n, &f.key("items"), table))
            .or_else(|| self.gap(|| vec![Item { code: GAP.into(), text: None, score: None }]));
        let analysis = match (f.get("analysis"), &items) {
            (Some(n), Some(items)) => self.analysis(n, &f.key("analysis"), items, table),
            (None, Some(items)) => Some(Analysis { lowest: lowest_items(items), ..Analysis::default() }),
            (_, None) => None,
        };
        let measures = match f.get("measures") {
            Some(n) => self.measures(n, &f.key("measures"), table),
            None => Some(Vec::new()),
        };
        if measures.as_ref().is_some_and(Vec::is_empty) {
            // At `measures: []` when written, else at the issue.
            let pos = f.entries.get("measures").map_or(f.pos, |(k, _)| k.pos);
            self.warn(
                pos,
                f.key("measures"),
                "ประเด็นนี้ไม่มีมาตรการ ส่วนมาตรการจะไม่มีตารางของประเด็นนี้",
                "this issue has no measures; the measures part leaves it out",
            );
        }
        Some(Issue { title: title?, items: items?, analysis: analysis?, measures: measures? })
    }

    pub(super) fn issue_items(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Vec<Item>> {
        let nodes = self.seq(node, path)?;
        if nodes.is_empty() {
            self.error(
                node.pos,
                path,
                "ตารางวิเคราะห์ต้องมีข้อคำถามอย่างน้อยหนึ่งข้อ",
                "the analysis table needs at least one item",
            );
            return None;
        }
        if !self.limit(nodes, node.pos, path, limits::ITEMS_PER_ISSUE, "ข้อคำถาม", "items") {
            return None;
        }
        // Where each code is first written, to name it when it comes again.
        let mut rows: HashMap<String, usize> = HashMap::new();
        let items: Vec<Option<Item>> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let item = self.item_ref(n, &format!("{path}[{i}]"), table)?;
                if let Some(first) = rows.get(&item.code) {
                    self.twice_in_table(n, &format!("{path}[{i}]"), &item.code, &format!("{path}[{first}]"));
                    return None;
                }
                rows.insert(item.code.clone(), i);
                if item.score.is_none() && table.unscored(&item.code) {
                    let d = Diagnostic::error(
                        n.pos,
                        format!("{path}[{i}]"),
                        format!("ไม่มีคะแนนของ {} ใน scores", item.code),
                        format!("{} has no score in scores", item.code),
                    );
                    self.diags.push(
                        d.with_hint(format!("เพิ่ม (add) `{}: <คะแนน>` ใต้ scores:", item.code))
                            .mended_at(format!("scores.{}", item.code)),
                    );
                }
                // A refused score is reported where it is written, not here.
                item.score.is_some().then_some(item)
            })
            .collect();
        items.into_iter().collect()
    }

    /// A code that must name a known item.
    pub(super) fn item_ref(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Item> {
        let written = node.as_str().filter(|_| !node.is_null());
        let Some(written) = written else {
            self.expected(node, path, "รหัสข้อคำถาม (เช่น i10)", "an item code (like i10)");
            return None;
        };
        match item_code(written).and_then(|c| table.item(&c)) {
            Some(item) => {
                if item.text.is_none() && table.year_known && !self.no_text.contains(&item.code) {
                    self.no_text.push(item.code.clone());
                    self.warn(
                        node.pos,
                        path,
                        format!("ไม่มีข้อความของ {} ในรายการของปี {} จะพิมพ์เฉพาะรหัส", item.code, table.catalog.fiscal_year),
                        format!(
                            "no text for {} in the {} catalog; it is printed by its code alone",
                            item.code, table.catalog.fiscal_year
                        ),
                    );
                    self.diags.last_mut().unwrap().hint =
                        Some(format!("เพิ่มข้อความ (add its text) under texts:  {}: <ข้อความ>", item.code));
                }
                Some(item)
            }
            None => {
                self.unknown_code(node.pos, path, written, table.catalog, table.scores);
                None
            }
        }
    }

    /// An item written twice in one table: an error, for a table row is
    /// never meant twice, and the second is most likely a typo for a code
    /// that is missing.
    pub(super) fn twice_in_table(&mut self, node: &Node, path: &str, code: &str, first: &str) {
        self.diags.push(
            Diagnostic::error(
                node.pos,
                path,
                format!("{code} อยู่ในตารางนี้แล้ว ({first}) แต่ละข้อเป็นแถวได้แถวเดียว"),
                format!("{code} is already a row of this table ({first}); an item is one row"),
            )
            .with_hint("ลบแถวที่ซ้ำ หรือแก้เป็นรหัสที่ตั้งใจ (remove it, or write the code meant)"),
        );
    }

    /// The codes of `lowest`, each one that is no row of the issue's table
    /// warned of: the analysis would name an item the table does not show.
    pub(super) fn lowest(&mut self, node: &Node, path: &str, items: &[Item], table: &ItemTable) -> Option<Vec<Item>> {
        let refs: Vec<(&Node, String)> = match &node.value {
            Value::Seq(codes) => codes.iter().enumerate().map(|(i, c)| (c, format!("{path}[{i}]"))).collect(),
            _ => vec![(node, path.to_string())],
        };
        let mut lowest = Vec::new();
        let mut ok = true;
        for (n, path) in refs {
            let Some(item) = self.item_ref(n, &path, table) else {
                ok = false;
                continue;
            };
            if !items.iter().any(|i| i.code == item.code) {
                let rows: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
                let code = &item.code;
                self.diags.push(
                    Diagnostic::warning(
                        n.pos,
                        &path,
                        format!("{code} ไม่ได้อยู่ในตารางของประเด็นนี้ (items) แต่ระบุเป็นข้อที่ได้คะแนนน้อยที่สุด"),
                        format!("{code} is not a row of this issue's table (items), yet it is named the lowest"),
                    )
                    .with_hint(format!(
                        "เพิ่ม {code} ใน items หรือเลือกจาก (add it to items, or name one of): {}",
                        rows.join(", ")
                    )),
                );
            }
            lowest.push(item);
        }
        ok.then_some(lowest)
    }

    pub(super) fn analysis(&mut self, node: &Node, path: &str, items: &[Item], table: &ItemTable) -> Option<Analysis> {
        let f = self.fields(node, path, ANALYSIS_KEYS)?;
        let lowest = match f.entries.get("lowest").map(|(_, v)| *v) {
            None => Some(lowest_items(items)),
            Some(n) if n.is_null() => Some(lowest_items(items)),
            Some(n) => self.lowest(n, &f.key("lowest"), items, table),
        };
        let cause = self.opt_free_text(&f, "cause");
        let note = self.opt_free_text(&f, "note");
        let guideline = self.opt_free_text(&f, "guideline");
        Some(Analysis { lowest: lowest?, cause, note, guideline })
    }

    pub(super) fn measures(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Vec<Measure>> {
        let nodes = self.seq(node, path)?;
        let measures: Vec<Option<Measure>> =
            nodes.iter().enumerate().map(|(i, n)| self.measure(n, &format!("{path}[{i}]"), table)).collect();
        measures.into_iter().collect()
    }

    pub(super) fn measure(&mut self, node: &Node, path: &str, table: &ItemTable) -> Option<Measure> {
        let f = self.fields(node, path, MEASURE_KEYS)?;
        let target = self
            .required(&f, "target", "ข้อที่ต้องยกระดับ (รหัสหรือข้อความ)", "the item to raise (a code or a text)")
            .and_then(|n| {
                let key = f.key("target");
                let looks_like_code = n.as_str().and_then(item_code).is_some();
                if looks_like_code {
                    self.item_ref(n, &key, table).map(Target::Item)
                } else {
                    self.free_text(n, &key).map(Target::Text)
                }
            })
            .or_else(|| self.gap(|| Target::Text(GAP.into())));
        let name = self.required_free_text(&f, "name", "ชื่อมาตรการ โครงการ หรือกิจกรรม", "the measure's name");
        let steps =
            self.required(&f, "steps", "ขั้นตอนหรือวิธีการปฏิบัติ", "the steps").and_then(|n| self.steps(n, &f.key("steps")));
        let steps = steps.or_else(|| self.gap(|| vec![GAP.into()]));
        let period = self
            .required(&f, "period", "ช่วงระยะเวลาในการดำเนินการ", "the period")
            .and_then(|n| self.period(n, &f.key("period")))
            .or_else(|| self.gap(|| Period::Text(GAP.into())));
        let owner = self.required_free_text(&f, "owner", "ผู้รับผิดชอบ", "who is responsible");
        let result = self.measure_result(&f);
        Some(Measure { target: target?, name: name?, steps: steps?, period: period?, owner: owner?, result: result? })
    }

    pub(super) fn steps(&mut self, node: &Node, path: &str) -> Option<Vec<String>> {
        let steps: Vec<Option<String>> = match &node.value {
            Value::Seq(items) => {
                if !self.limit(items, node.pos, path, limits::STEPS, "ขั้นตอน", "steps") {
                    return None;
                }
                items.iter().enumerate().map(|(i, n)| self.free_text(n, &format!("{path}[{i}]"))).collect()
            }
            _ => vec![self.free_text(node, path)],
        };
        let steps: Option<Vec<String>> = steps.into_iter().collect();
        if steps.as_ref().is_some_and(Vec::is_empty) {
            self.error(node.pos, path, "ต้องมีขั้นตอนอย่างน้อยหนึ่งขั้นตอน", "at least one step is needed");
            return None;
        }
        steps
    }

    pub(super) fn period(&mut self, node: &Node, path: &str) -> Option<Period> {
        if !matches!(node.value, Value::Map(_)) {
            return self.free_text(node, path).map(Period::Text);
        }
        let f = self.fields(node, path, PERIOD_KEYS)?;
        let from = self
            .required(&f, "from", "วันเริ่ม (YYYY-MM-DD)", "the first day (YYYY-MM-DD)")
            .and_then(|n| self.date(n, &f.key("from")));
        let to = self
            .required(&f, "to", "วันสิ้นสุด (YYYY-MM-DD)", "the last day (YYYY-MM-DD)")
            .and_then(|n| self.date(n, &f.key("to")));
        let (from, to) = (from?, to?);
        if to < from {
            let pos = f.get("to").map_or(f.pos, |n| n.pos);
            self.error(
                pos,
                f.key("to"),
                format!("วันสิ้นสุด {} อยู่ก่อนวันเริ่ม {}", to.be(), from.be()),
                format!("the period ends ({to}) before it starts ({from})"),
            );
            return None;
        }
        Some(Period::Dates { from, to })
    }
}
