//! The follow-up report: each measure's `result:` and the file's
//! `followup:` block, and the checks of what a report on the measures
//! should say (warnings: a report with gaps still builds).

use super::keys::{FOLLOWUP_KEYS, MEASURE_RESULT_KEYS};
use super::read::Percent;
use super::{Fields, Validator};
use crate::catalog;
use crate::date::Date;
use crate::diag::Pos;
use crate::load::{Node, Value};
use crate::report::{Followup, Item, MeasureResult, Period, Report, Round, Status};
use crate::thai::dates_in;

const PERCENT: Percent = Percent {
    th: "ร้อยละความสำเร็จ", en: "the percent done", example: "60", decimals: None
};

/// What the measures' results leave to check once the whole file is read.
#[derive(Default)]
pub(super) struct Results {
    /// Measures without a result: where, and the key.
    pub(super) missing: Vec<(Pos, String)>,
    /// Dates named in what was done: where, the key, the dates.
    pub(super) dated: Vec<(Pos, String, Vec<Date>)>,
}

impl Validator<'_> {
    /// A measure's `result:`, with the checks that need only the result.
    pub(super) fn measure_result(&mut self, f: &Fields) -> Option<Option<MeasureResult>> {
        let Some(node) = f.get("result") else {
            self.results.missing.push((f.pos, f.key("result")));
            return Some(None);
        };
        let path = f.key("result");
        let r = self.fields(node, &path, MEASURE_RESULT_KEYS)?;
        let statuses =
            [("done", Status::Done), ("in_progress", Status::InProgress), ("not_started", Status::NotStarted)];
        // A result begun without its status still lets both documents
        // build: the report shows the measure as not reported yet.
        let status = match r.get("status") {
            Some(n) => Some(self.choice(n, &r.key("status"), &statuses)?),
            None => {
                self.warn(
                    r.pos,
                    r.key("status"),
                    "ยังไม่ได้เลือกสถานะ (done | in_progress | not_started): รายงานผลจะแสดงว่ายังไม่ได้รายงานผล",
                    "no status chosen yet (done | in_progress | not_started): the report shows the measure as not reported",
                );
                None
            }
        };
        let percent = match r.get("percent") {
            Some(n) => Some(self.percent(n, &r.key("percent"), &PERCENT)?),
            None => None,
        };
        let done = self.opt_free_text(&r, "done");
        let obstacles = self.opt_free_text(&r, "obstacles");
        let next = self.opt_free_text(&r, "next");
        let evidence = match r.get("evidence") {
            Some(n) => self.evidence(n, &r.key("evidence"))?,
            None => Vec::new(),
        };
        if let (Some(text), Some(n)) = (&done, r.get("done")) {
            self.results.dated.push((n.pos, r.key("done"), dates_in(text)));
        }
        let result = MeasureResult { status, percent, done, obstacles, next, evidence };
        self.check_result(&r, &result);
        Some(Some(result))
    }

    /// Links to the evidence: one, or a list.
    fn evidence(&mut self, node: &Node, path: &str) -> Option<Vec<String>> {
        let links: Vec<Option<String>> = match &node.value {
            Value::Seq(items) => items.iter().enumerate().map(|(i, n)| self.text(n, &format!("{path}[{i}]"))).collect(),
            _ => vec![self.text(node, path)],
        };
        links.into_iter().collect()
    }

    fn check_result(&mut self, r: &Fields, result: &MeasureResult) {
        let at = |key: &str| r.get(key).map_or(r.pos, |n| n.pos);
        if matches!(result.status, Some(Status::InProgress | Status::NotStarted)) && result.obstacles.is_none() {
            self.warn(
                at("status"),
                r.key("obstacles"),
                "มาตรการยังไม่แล้วเสร็จ แต่ยังไม่ได้กรอกปัญหาอุปสรรค (obstacles)",
                "the measure is not done, yet no obstacles are given",
            );
        }
        let percent = result.percent.as_ref().map(|p| p.value);
        if percent == Some(100.0) && result.status.is_some_and(|s| s != Status::Done) {
            self.warn(
                at("percent"),
                r.key("status"),
                "ร้อยละ ๑๐๐ แต่สถานะยังไม่ใช่ดำเนินการแล้วเสร็จ (done)",
                "100 percent, yet the status is not done",
            );
        }
        if percent.is_some_and(|p| p < 100.0) && result.status == Some(Status::Done) {
            self.warn(
                at("percent"),
                r.key("percent"),
                "สถานะดำเนินการแล้วเสร็จ (done) แต่ร้อยละไม่ถึง ๑๐๐",
                "the status is done, yet the percent is under 100",
            );
        }
    }

    /// The `followup:` block, its defaults filled in, read before the
    /// issues so that their results can be checked against its period.
    pub(super) fn followup(&mut self, node: Option<&Node>, plan_year: i32) -> Option<Followup> {
        let (from, to) = Round::Full.period(plan_year);
        let mut followup = Followup {
            asked: node.is_some(),
            round: Round::Full,
            from,
            to,
            date: None,
            signatory: None,
            obstacles: None,
            suggestions: None,
            measures_item: measures_item(plan_year),
        };
        let Some(node) = node else { return Some(followup) };
        let f = self.fields(node, "followup", FOLLOWUP_KEYS)?;
        let mut ok = true;
        if let Some(n) = f.get("round") {
            let rounds = [("full", Round::Full), ("half", Round::Half)];
            followup.round = self.choice(n, "followup.round", &rounds).unwrap_or_else(|| {
                ok = false;
                Round::Full
            });
            (followup.from, followup.to) = followup.round.period(plan_year);
        }
        if let Some(n) = f.get("period") {
            match self.period(n, "followup.period") {
                Some(Period::Dates { from, to }) => {
                    (followup.from, followup.to) = (from, to);
                    self.within_plan_year(n.pos, from, to, plan_year);
                }
                Some(Period::Text(_)) => {
                    self.expected(n, "followup.period", "ช่วงวันที่ {from: ..., to: ...}", "dates {from: ..., to: ...}");
                    ok = false;
                }
                None => ok = false,
            }
        }
        if let Some(n) = f.get("date") {
            followup.date = self.date(n, "followup.date").or_else(|| {
                ok = false;
                None
            });
        }
        if let Some(n) = f.get("signatory") {
            followup.signatory = self.signatory(n, "followup.signatory");
            ok &= followup.signatory.is_some();
        }
        followup.obstacles = self.opt_free_text(&f, "obstacles");
        followup.suggestions = self.opt_free_text(&f, "suggestions");
        ok.then_some(followup)
    }

    /// A period reported on lies within the fiscal year of the measures.
    fn within_plan_year(&mut self, pos: Pos, from: Date, to: Date, plan_year: i32) {
        let (first, last) = Round::Full.period(plan_year);
        if from < first || to > last {
            self.warn(
                pos,
                "followup.period",
                format!(
                    "ช่วงที่รายงาน {} ถึง {} อยู่นอกปีงบประมาณ {plan_year} ของมาตรการ ({} ถึง {})",
                    from.be(),
                    to.be(),
                    first.be(),
                    last.be()
                ),
                format!(
                    "the period reported on, {} to {}, lies outside the measures' fiscal year {plan_year} ({} to {})",
                    from.be(),
                    to.be(),
                    first.be(),
                    last.be()
                ),
            );
        }
    }

    /// Once every measure is read: the measures without a result, and the
    /// dates of what was done outside the period reported on.
    pub(super) fn check_results(&mut self, report: &Report) {
        let results = std::mem::take(&mut self.results);
        let f = &report.followup;
        if !report.has_results() {
            return;
        }
        for (pos, key) in results.missing {
            self.warn(
                pos,
                key,
                "ยังไม่ได้รายงานผลการดำเนินการของมาตรการนี้ (result)",
                "this measure has no result to report yet (result)",
            );
        }
        for (pos, key, dates) in results.dated {
            for d in dates.into_iter().filter(|d| *d < f.from || *d > f.to) {
                self.warn(
                    pos,
                    &key,
                    format!("วันที่ {} อยู่นอกช่วงที่รายงาน {} ถึง {}", d.be(), f.from.be(), f.to.be()),
                    format!(
                        "the date {} lies outside the period reported on, {} to {}",
                        d.be(),
                        f.from.be(),
                        f.to.be()
                    ),
                );
            }
        }
    }
}

/// The item the measures were published as: measures for plan year P are
/// an item of the assessment of P (their report, one of P + 1's), as that
/// year's catalog says, where it is known.
fn measures_item(plan_year: i32) -> Option<Item> {
    let (c, exact) = catalog::for_year(plan_year);
    let code = c.documents.as_ref().filter(|_| exact)?.measures.clone();
    Some(Item { text: c.text(&code).map(str::to_string), code, score: None })
}
