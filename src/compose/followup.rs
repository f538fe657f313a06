//! The follow-up report: what was done about each measure of a checked
//! [`Report`], composed into a [`Document`] with the same writers' blocks
//! as the analysis, its wording from templates/wording.yaml.

use minijinja::context;

use super::{Composer, header_cell, labelled, paragraphs};
use crate::document::*;
use crate::report::{Issue, Measure, MeasureResult, Orientation, Round, Status};

/// Measures counted by what became of them.
#[derive(Default, Clone, Copy)]
struct Tally {
    measures: usize,
    done: usize,
    in_progress: usize,
    not_started: usize,
    unreported: usize,
}

impl Tally {
    fn of<'m>(measures: impl IntoIterator<Item = &'m Measure>) -> Tally {
        let mut t = Tally::default();
        for m in measures {
            t.measures += 1;
            match m.result.as_ref().and_then(|r| r.status) {
                Some(Status::Done) => t.done += 1,
                Some(Status::InProgress) => t.in_progress += 1,
                Some(Status::NotStarted) => t.not_started += 1,
                None => t.unreported += 1,
            }
        }
        t
    }

    fn counts(&self, unreported: bool) -> Vec<usize> {
        let mut c = vec![self.measures, self.done, self.in_progress, self.not_started];
        if unreported {
            c.push(self.unreported);
        }
        c
    }
}

impl Composer<'_> {
    pub(super) fn followup_document(&self) -> Document {
        let r = self.r;
        let f = &r.followup;
        let title = self.w.say("followup_title", context! { agency => self.agency(), plan_year => r.plan_year });
        let date = f.date.or(f.signatory.as_ref().and_then(|s| s.date));
        let mut cover = self.cover();
        let period = context! { plan_year => r.plan_year, from => f.from.to_string(), to => f.to.to_string(), half => f.round == Round::Half };
        cover.title = self.w.lines("followup_cover_title", period);
        let mut blocks = vec![
            Block::Cover(cover),
            Block::Section { landscape: r.settings.orientation == Orientation::Landscape },
            Block::Heading { level: 1, text: title.clone() },
            Block::Paragraph(Para::text(self.followup_intro()).indented()),
        ];
        blocks.extend(self.tally_table());
        for (i, issue) in r.issues.iter().enumerate().filter(|(_, i)| !i.measures.is_empty()) {
            blocks.extend(self.issue_results(i + 1, issue));
        }
        blocks.extend(self.remarks());
        blocks.extend(self.followup_signatures());
        self.assembled(title, date, blocks)
    }

    fn followup_intro(&self) -> String {
        let r = self.r;
        let f = &r.followup;
        let item = f.measures_item.as_ref().map(|i| self.item(i));
        let measures: usize = r.issues.iter().map(|i| i.measures.len()).sum();
        let issues = r.issues.iter().filter(|i| !i.measures.is_empty()).count();
        self.w.say(
            "followup_intro",
            context! {
                agency => self.agency(), fiscal_year => r.fiscal_year, plan_year => r.plan_year, item,
                measures, issues, from => f.from.to_string(), to => f.to.to_string(),
            },
        )
    }

    /// Per issue, the measures done, in progress and not started, and the
    /// whole document's share done.
    fn tally_table(&self) -> Vec<Block> {
        let issues: Vec<(usize, Tally)> = (self.r.issues.iter().enumerate())
            .filter(|(_, i)| !i.measures.is_empty())
            .map(|(n, i)| (n + 1, Tally::of(&i.measures)))
            .collect();
        let all = Tally::of(self.r.issues.iter().flat_map(|i| &i.measures));
        let unreported = all.unreported > 0;
        let number = |n: usize| Cell::text(self.digits(&n.to_string())).centered();
        let mut rows: Vec<Vec<Cell>> =
            issues.iter().map(|(n, t)| std::iter::once(*n).chain(t.counts(unreported)).map(number).collect()).collect();
        let total = header_cell(self.w.say("followup_total", context! {}));
        rows.push(std::iter::once(total).chain(all.counts(unreported).into_iter().map(number)).collect());
        let mut header = self.header("followup_summary_header");
        if unreported {
            header.push(header_cell(self.w.say("followup_unreported_header", context! {})));
        }
        let widths = vec![1.0; header.len()];
        let percent = share(all.done, all.measures);
        let share = self.w.say("followup_share", context! { done => all.done, measures => all.measures, percent });
        vec![
            Block::Heading { level: 2, text: self.w.say("followup_summary_title", context! {}) },
            Block::Table(Table { widths, header, rows }),
            Block::Paragraph(Para::text(share).indented()),
        ]
    }

    fn issue_results(&self, number: usize, issue: &Issue) -> Vec<Block> {
        let rows = issue.measures.iter().map(|m| self.result_row(m)).collect();
        vec![
            self.issue_heading(number, issue),
            Block::Table(Table { widths: vec![3.4, 1.5, 3.5, 1.6, 2.6], header: self.header("followup_header"), rows }),
        ]
    }

    /// The measure as the first document printed it, then what became of it.
    fn result_row(&self, m: &Measure) -> Vec<Cell> {
        let say = |name: &str| self.w.say(name, context! {});
        let mut measure = vec![Para::bold(self.digits(&m.name))];
        measure.extend(labelled(say("label_target"), &self.target(m)));
        measure.extend(self.steps(m));
        let mut when = paragraphs(&self.period(m));
        when.extend(paragraphs(&self.digits(&m.owner)));
        let Some(result) = &m.result else {
            let blank = || Cell::new(Vec::new());
            let unreported = Cell::new(vec![Para::text(say("status_unreported")).align(Align::Center)]).centered();
            return vec![Cell::new(measure), Cell::new(when), blank(), unreported, blank()];
        };
        vec![
            Cell::new(measure),
            Cell::new(when),
            Cell::new(self.what_was_done(result)),
            Cell::new(self.status(result)).centered(),
            Cell::new(self.obstacles(result)),
        ]
    }

    fn what_was_done(&self, r: &MeasureResult) -> Vec<Para> {
        let mut paras = r.done.as_deref().map(|t| paragraphs(&self.digits(t))).unwrap_or_default();
        if !r.evidence.is_empty() {
            // Links are printed as written: their digits are part of the address.
            paras.extend(labelled(self.w.say("label_evidence", context! {}), &r.evidence.join("\n")));
        }
        paras
    }

    fn status(&self, r: &MeasureResult) -> Vec<Para> {
        let name = match r.status {
            Some(Status::Done) => "status_done",
            Some(Status::InProgress) => "status_in_progress",
            Some(Status::NotStarted) => "status_not_started",
            None => "status_unreported",
        };
        let mut paras = vec![Para::text(self.w.say(name, context! {})).align(Align::Center)];
        if let Some(p) = &r.percent {
            let line = self.w.say("status_percent", context! { percent => p.written.as_str() });
            paras.push(Para::text(line).align(Align::Center));
        }
        paras
    }

    fn obstacles(&self, r: &MeasureResult) -> Vec<Para> {
        let mut paras = Vec::new();
        for (label, text) in [("label_obstacles", &r.obstacles), ("label_next", &r.next)] {
            if let Some(text) = text {
                paras.extend(labelled(self.w.say(label, context! {}), &self.digits(text)));
            }
        }
        paras
    }

    /// The whole document's problems and suggestions, when given.
    fn remarks(&self) -> Vec<Block> {
        let f = &self.r.followup;
        let parts = [("label_overall_obstacles", &f.obstacles), ("label_suggestions", &f.suggestions)];
        let paras: Vec<Block> = parts
            .iter()
            .filter_map(|(label, text)| text.as_ref().map(|t| (label, t)))
            .flat_map(|(label, t)| labelled(self.w.say(label, context! {}), &self.digits(t)))
            .map(|p| Block::Paragraph(p.indented()))
            .collect();
        if paras.is_empty() {
            return paras;
        }
        let heading = Block::Heading { level: 2, text: self.w.say("followup_remarks_title", context! {}) };
        std::iter::once(heading).chain(paras).collect()
    }

    /// The reporter, and the head who signed the measures acknowledging.
    fn followup_signatures(&self) -> Vec<Block> {
        let f = &self.r.followup;
        let head = self.r.settings.signatory.as_ref();
        let mut blocks = Vec::new();
        if let Some(s) = &f.signatory {
            blocks.push(self.signature("reporter", s, s.date.or(f.date)));
        }
        if let Some(h) = head.filter(|h| f.signatory.as_ref().is_none_or(|s| s.name != h.name)) {
            blocks.push(self.signature("acknowledged", h, None));
        }
        blocks
    }
}

/// `part` of `whole` as a percentage written to two decimals at most
/// (`50`, `66.67`).
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0".into();
    }
    let p = format!("{:.2}", part as f64 * 100.0 / whole as f64);
    p.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn shares_are_written_as_a_reader_would() {
        assert_eq!(share(2, 4), "50");
        assert_eq!(share(2, 3), "66.67");
        assert_eq!(share(4, 4), "100");
        assert_eq!(share(0, 0), "0");
        assert_eq!(share(1, 8), "12.5");
    }
}
