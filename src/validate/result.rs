//! The assessment's result: the total and level, the tools, the indicators
//! and the history of earlier years.

use std::collections::BTreeMap;

use super::Validator;
use super::keys::{RESULT_KEYS, TOOL_KEYS};
use crate::catalog::Catalog;
use crate::diag::{Diagnostic, Pos, quoted};
use crate::limits;
use crate::load::{Node, Value};
use crate::report::{GAP, IndicatorScore, Score, Summary, ToolScore};
use crate::suggest::Suggestion;
use crate::thai::arabic_digits;

impl Validator<'_> {
    pub(super) fn result(&mut self, node: &Node, catalog: &Catalog, fiscal_year: Option<i32>) -> Option<Summary> {
        let f = self.fields(node, "result", RESULT_KEYS)?;
        let total = self.required_score(&f, "total", "คะแนนรวม", "the total score");
        let level = self.opt_text(&f, "level");
        let tools = self
            .required(&f, "tools", "คะแนนรายเครื่องมือ (IIT, EIT, OIT)", "the tools' scores (IIT, EIT, OIT)")
            .and_then(|n| self.tools(n, catalog));
        let indicators = self
            .required(&f, "indicators", "คะแนนรายตัวชี้วัด 1–10", "the scores of indicators 1–10")
            .and_then(|n| self.indicators(n, catalog));
        let history = match f.get("history") {
            Some(n) => self.history(n, fiscal_year, total.as_ref()),
            None => Some(Vec::new()),
        };
        let (total, tools, indicators) = (total?, tools?, indicators?);
        let level = level.unwrap_or_else(|| {
            // A total, or a tool's score, not given yet: no level either.
            if total.given().is_none() || tools.iter().any(|t| t.score.given().is_none()) {
                return GAP.to_string();
            }
            catalog
                .level(
                    total.value,
                    &catalog_tool_scores(catalog, &tools, &indicators).into_iter().flatten().collect::<Vec<_>>(),
                )
                .to_string()
        });
        Some(Summary { total, level, tools, indicators, history: history? })
    }

    pub(super) fn tools(&mut self, node: &Node, catalog: &Catalog) -> Option<Vec<ToolScore>> {
        let items = self.seq(node, "result.tools")?;
        if !self.limit(items, node.pos, "result.tools", limits::TOOLS, "เครื่องมือ", "tools") {
            return None;
        }
        if items.is_empty() {
            self.error(node.pos, "result.tools", "รายการเครื่องมือว่าง", "the list of tools is empty");
        }
        let mut tools = Vec::new();
        let mut ok = !items.is_empty();
        for (i, n) in items.iter().enumerate() {
            let path = format!("result.tools[{i}]");
            let Some(f) = self.fields(n, &path, TOOL_KEYS) else {
                ok = false;
                continue;
            };
            let code = self
                .required_text(&f, "code", "รหัสเครื่องมือ (IIT, EIT, OIT)", "the tool's code (IIT, EIT, OIT)")
                .map(|c| c.to_uppercase());
            // A tool listed twice would print twice and weigh twice.
            if let Some(code) = &code
                && let Some(first) = tools.iter().position(|t: &ToolScore| &t.code == code)
            {
                let pos = f.get("code").map_or(n.pos, |c| c.pos);
                self.error(
                    pos,
                    f.key("code"),
                    format!("เครื่องมือ {} อยู่ในรายการแล้ว (result.tools[{first}])", quoted(code)),
                    format!("the tool {} is already listed (result.tools[{first}])", quoted(code)),
                );
                ok = false;
                continue;
            }
            let name = self.opt_text(&f, "name");
            let score = self.required_score(&f, "score", "คะแนนของเครื่องมือ", "the tool's score");
            let name = match (&code, name) {
                (_, Some(name)) => Some(name),
                (Some(code), None) => match catalog.tool(code) {
                    Some(t) => Some(t.name.clone()),
                    None => {
                        let pos = f.get("code").map_or(n.pos, |c| c.pos);
                        let mut d = Diagnostic::error(
                            pos,
                            f.key("code"),
                            format!("ไม่รู้จักเครื่องมือ \"{}\" ในปี {} จึงต้องระบุ name", quoted(code), catalog.fiscal_year),
                            format!(
                                "\"{}\" is not a tool of {}, so it needs a name",
                                quoted(code),
                                catalog.fiscal_year
                            ),
                        );
                        if let Some(s) = Suggestion::closest(code, catalog.tools.iter().map(|t| t.code.as_str())) {
                            d = d.with_hint(s.to_string());
                        }
                        self.diags.push(d);
                        None
                    }
                },
                (None, None) => None,
            };
            match (code, name, score) {
                (Some(code), Some(name), Some(score)) => tools.push(ToolScore { code, name, score }),
                _ => ok = false,
            }
        }
        ok.then_some(tools)
    }

    pub(super) fn indicators(&mut self, node: &Node, catalog: &Catalog) -> Option<Vec<IndicatorScore>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(
                node,
                "result.indicators",
                "ชุดคะแนนตัวชี้วัด (เลขตัวชี้วัด: คะแนน)",
                "a mapping of indicator number: score",
            );
            return None;
        };
        let mut found = BTreeMap::new();
        // Numbers written, scored or not: a refused score is not also missing.
        let mut given: Vec<(u32, Pos)> = Vec::new();
        let mut ok = true;
        for (k, v) in pairs {
            let written = &quoted(k.as_str().unwrap_or_default());
            let path = format!("result.indicators.{written}");
            let number =
                arabic_digits(written.trim()).parse::<u32>().ok().filter(|n| catalog.indicators.contains_key(n));
            let Some(number) = number else {
                self.error(
                    k.pos,
                    &path,
                    format!("ไม่มีตัวชี้วัดที่ \"{written}\": ตัวชี้วัดมีเลข 1 ถึง 10"),
                    format!("there is no indicator \"{written}\": indicators are numbered 1 to 10"),
                );
                ok = false;
                continue;
            };
            if let Some((_, first)) = given.iter().find(|(n, _)| *n == number) {
                let line = first.line;
                self.error(
                    k.pos,
                    &path,
                    format!("คะแนนตัวชี้วัดที่ {number} ให้ไว้แล้วที่บรรทัด {line}"),
                    format!("indicator {number} is already given, on line {line}"),
                );
                self.diags.last_mut().unwrap().hint =
                    Some("๑ กับ 1 คือตัวชี้วัดเดียวกัน: เก็บไว้ค่าเดียว (1 and ๑ are the same indicator: keep one)".into());
                ok = false;
                continue;
            }
            given.push((number, k.pos));
            match self.score(v, &path) {
                Some(score) => {
                    found.insert(number, score);
                }
                None => ok = false,
            }
        }
        let missing: Vec<String> =
            catalog.indicators.keys().filter(|n| !given.iter().any(|(g, _)| g == *n)).map(u32::to_string).collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            self.warn(
                node.pos,
                "result.indicators",
                format!("ไม่มีคะแนนตัวชี้วัดที่ {list} ตารางตัวชี้วัดจะไม่มีแถวเหล่านี้"),
                format!("no score for indicator {list}; the indicator table leaves those rows out"),
            );
        }
        let indicators = found
            .into_iter()
            .map(|(number, score)| IndicatorScore { number, name: catalog.indicators[&number].clone(), score })
            .collect();
        ok.then_some(indicators)
    }

    /// The totals of earlier years: none after the fiscal year, and the
    /// fiscal year's, if given, the file's total.
    pub(super) fn history(
        &mut self,
        node: &Node,
        fiscal_year: Option<i32>,
        total: Option<&Score>,
    ) -> Option<Vec<(i32, Score)>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "result.history", "ชุดคะแนนรายปี (ปี: คะแนน)", "a mapping of year: total");
            return None;
        };
        let mut years = BTreeMap::new();
        let mut ok = true;
        for (k, v) in pairs {
            let path = format!("result.history.{}", quoted(k.as_str().unwrap_or_default()));
            match (self.year(k, &path), self.score(v, &path)) {
                (Some(y), Some(_)) if fiscal_year.is_some_and(|fy| y > fy) => {
                    let fy = fiscal_year.unwrap_or_default();
                    let th = format!("ปี {y} อยู่หลังปีที่ประเมิน ({fy}): ประวัติมีเฉพาะปีที่ผ่านมาแล้ว");
                    self.error(
                        k.pos,
                        &path,
                        th,
                        format!("the year {y} is after the fiscal year ({fy}): the history holds past years"),
                    );
                    ok = false;
                }
                (Some(y), Some(s)) => {
                    if let Some(total) = total.filter(|t| Some(y) == fiscal_year && t.value != s.value) {
                        let (was, is) = (&s.written, &total.written);
                        let th = format!("คะแนนปี {y} ในประวัติ ({was}) ไม่ตรงกับคะแนนรวมของปีนี้ ({is}): แผนภูมิจะแสดง {was}");
                        let en = format!(
                            "the history's {y} ({was}) is not this year's total ({is}): the chart would show {was}"
                        );
                        self.warn(v.pos, &path, th, en);
                    }
                    if years.insert(y, s).is_some() {
                        self.error(k.pos, &path, format!("ปี {y} ให้ไว้แล้ว"), format!("the year {y} is already given"));
                        ok = false;
                    }
                }
                _ => ok = false,
            }
        }
        ok.then(|| years.into_iter().collect())
    }
}

/// The total the year's weights give the tools' scores (when every tool
/// has one), and the level the catalog gives the file's total: what the
/// file's own total and level are checked against.
pub fn derived(catalog: &Catalog, result: &Summary) -> (Option<f64>, String) {
    let scores = catalog_tool_scores(catalog, &result.tools, &result.indicators);
    let weighted = catalog.weighted_total(|t| scores[catalog.tools.iter().position(|c| c.code == t.code).unwrap()]);
    let blank = result.tools.iter().any(|t| t.score.given().is_none());
    let level = match result.total.given().filter(|_| !blank) {
        Some(total) => catalog.level(total, &scores.iter().flatten().copied().collect::<Vec<_>>()),
        None => "",
    };
    (weighted, level.to_string())
}

/// Each catalog tool's score: the file's, or else the mean of its indicators
/// when all are given.
pub(super) fn catalog_tool_scores(
    catalog: &Catalog,
    tools: &[ToolScore],
    indicators: &[IndicatorScore],
) -> Vec<Option<f64>> {
    catalog
        .tools
        .iter()
        .map(|t| {
            if let Some(s) = tools.iter().find(|s| s.code == t.code) {
                return s.score.given();
            }
            let values: Option<Vec<f64>> = t
                .indicators
                .iter()
                .map(|n| indicators.iter().find(|i| i.number == *n).and_then(|i| i.score.given()))
                .collect();
            values.filter(|v| !v.is_empty()).map(|v| v.iter().sum::<f64>() / v.len() as f64)
        })
        .collect()
}
