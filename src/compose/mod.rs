//! Compose: a checked [`Report`] into the layout-neutral [`Document`], every
//! sentence, heading and label rendered from templates/wording.yaml: the
//! analysis and measures here, the follow-up report on them in [`followup`].

mod followup;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::{Environment, State, Value, context};

use crate::date::Date;
use crate::document::*;
use crate::layout::Layout;
use crate::report::{self, Item, Orientation, Period, Report, Target};
use crate::thai::{Formatter, Numerals};

/// The wording file: template sources by name (a list for multi-line ones).
fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let wording: BTreeMap<String, serde_yaml::Value> =
            serde_yaml::from_str(include_str!("../../templates/wording.yaml")).expect("templates/wording.yaml");
        let mut env = Environment::new();
        // User text is data, printed as written: no escaping of any kind.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        for (name, source) in wording {
            match source {
                serde_yaml::Value::String(s) => env.add_template_owned(name, s).expect("a wording template"),
                serde_yaml::Value::Sequence(lines) => {
                    for (i, line) in lines.into_iter().enumerate() {
                        let line = line.as_str().expect("a wording line").to_string();
                        env.add_template_owned(format!("{name}.{i}"), line).expect("a wording template");
                    }
                }
                other => panic!("templates/wording.yaml: {name} is {other:?}"),
            }
        }
        env.add_filter("number", |s: &State, v: String| fmt(s).number(&v));
        env.add_filter("digits", |s: &State, v: Value| fmt(s).digits(&v.to_string()));
        env.add_filter("year", |s: &State, v: i32| fmt(s).year(v));
        env.add_filter("phone", |s: &State, v: String| fmt(s).phone(&v));
        env.add_filter("date_long", |s: &State, v: String| Date::parse(&v).map(|d| fmt(s).date_long(&d)).unwrap_or(v));
        env.add_filter("date_short", |s: &State, v: String| {
            Date::parse(&v).map(|d| fmt(s).date_short(&d)).unwrap_or(v)
        });
        env
    })
}

/// The formatter of the document being composed (its numerals are in the
/// context of every render).
fn fmt(state: &State) -> Formatter {
    let arabic = state.lookup("arabic").is_some_and(|v| v.is_true());
    Formatter::new(if arabic { Numerals::Arabic } else { Numerals::Thai })
}

/// The kinds of local agency, whose names begin an agency's name.
const KINDS: [&str; 5] = ["องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "เทศบาล"];

/// Renders wording templates for one report.
struct Wording {
    fmt: Formatter,
}

impl Wording {
    fn say(&self, name: &str, ctx: Value) -> String {
        let ctx = context! { arabic => self.fmt.numerals == Numerals::Arabic, ..ctx };
        let tmpl = environment().get_template(name).unwrap_or_else(|e| panic!("wording {name}: {e}"));
        tmpl.render(ctx).unwrap_or_else(|e| panic!("wording {name}: {e}"))
    }

    fn lines(&self, name: &str, ctx: Value) -> Vec<String> {
        (0..)
            .map_while(|i| {
                environment()
                    .get_template(&format!("{name}.{i}"))
                    .ok()
                    .map(|_| self.say(&format!("{name}.{i}"), ctx.clone()))
            })
            .collect()
    }
}

/// The analysis and measures.
pub fn compose(report: &Report) -> Document {
    Composer::of(report).document()
}

/// The follow-up report on the measures.
pub fn compose_followup(report: &Report) -> Document {
    Composer::of(report).followup_document()
}

struct Composer<'r> {
    r: &'r Report,
    w: Wording,
}

impl<'r> Composer<'r> {
    fn of(r: &'r Report) -> Self {
        Composer { r, w: Wording { fmt: Formatter::new(r.settings.numerals) } }
    }

    /// User text in the document's digits.
    fn digits(&self, s: &str) -> String {
        self.w.fmt.digits(s)
    }

    fn agency(&self) -> String {
        self.digits(&self.r.agency.name)
    }

    fn document(&self) -> Document {
        let r = self.r;
        let title = self.w.say("analysis_title", context! { agency => self.agency(), fiscal_year => r.fiscal_year });
        let date = r.settings.date.or(r.settings.signatory.as_ref().and_then(|s| s.date));
        let mut blocks = vec![Block::Cover(self.cover())];
        blocks.extend(self.summary(title.clone()));
        for (i, issue) in r.issues.iter().enumerate() {
            blocks.extend(self.analysis(i + 1, issue));
        }
        blocks.extend(self.measures());
        self.assembled(title, date, blocks)
    }

    /// The document of these blocks, titled and dated.
    fn assembled(&self, title: String, date: Option<Date>, blocks: Vec<Block>) -> Document {
        let r = self.r;
        let date = date.map(|d| [d.year_ce(), d.month as i32, d.day as i32]);
        Document {
            meta: Meta {
                title,
                author: self.agency(),
                lang: "th".into(),
                date,
                timestamp: None,
                standard: r.settings.pdf_standard,
            },
            layout: Layout { page_numbers: r.settings.page_numbers, ..Layout::default() },
            numerals: r.settings.numerals,
            blocks,
            keep_whole: self.keep_whole(),
            names: self.names(),
        }
    }

    /// The agency's place (its name after its kind), district and
    /// province, and the signatory's name.
    fn names(&self) -> Vec<String> {
        let a = &self.r.agency;
        let agency = self.agency();
        let place =
            KINDS.iter().find_map(|k| agency.strip_prefix(k)).map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        let signatory = self.r.settings.signatory.as_ref().map(|s| &s.name);
        let named = [&a.district, &a.province].into_iter().flatten().chain(signatory).map(|n| self.digits(n));
        place.into_iter().chain(named).collect()
    }

    /// The agency's name, the kinds of local agency, and the names of the
    /// tools, indicators and items the document prints.
    fn keep_whole(&self) -> Vec<String> {
        let r = self.r;
        let mut terms: Vec<String> = vec![self.agency()];
        terms.extend(KINDS.map(String::from));
        terms.extend(r.result.tools.iter().map(|t| self.digits(&t.name)));
        terms.extend(r.result.indicators.iter().map(|i| self.digits(&i.name)));
        let items = r.issues.iter().flat_map(|i| i.items.iter().chain(&i.analysis.lowest));
        terms.extend(items.filter_map(|i| i.text.as_deref()).map(|t| self.digits(t)));
        terms.extend(r.settings.words.iter().map(|w| self.digits(w)));
        terms
    }

    fn cover(&self) -> Cover {
        let a = &self.r.agency;
        let mut agency = vec![self.agency()];
        if a.district.is_some() || a.province.is_some() {
            let (district, province) =
                (a.district.as_deref().map(|s| self.digits(s)), a.province.as_deref().map(|s| self.digits(s)));
            agency.push(self.w.say("cover_address", context! { district, province }));
        }
        if let Some(phone) = &a.phone {
            agency.push(self.w.say("cover_phone", context! { phone }));
        }
        Cover {
            title: self.w.lines("cover_title", context! { fiscal_year => self.r.fiscal_year }),
            agency,
            logo: a.logo.as_ref().map(|l| l.bytes.clone()),
        }
    }

    fn summary(&self, title: String) -> Vec<Block> {
        let r = self.r;
        let res = &r.result;
        let mut blocks = vec![
            Block::Section { landscape: false },
            Block::Heading { level: 1, text: title },
            Block::Paragraph(
                Para::text(self.w.say("summary", context! { agency => self.agency(), total => res.total.written.as_str(), level => self.digits(&res.level) })).indented(),
            ),
        ];
        for tool in &res.tools {
            let line = self.w.say("tool", context! { name => self.digits(&tool.name), code => tool.code.as_str(), score => tool.score.written.as_str() });
            blocks.push(Block::Paragraph(Para::text(line).indented()));
        }
        if let (Some((first, _)), Some((last, _))) = (res.history.first(), res.history.last()) {
            let years = context! { first, last };
            let bars = res.history.iter().map(|(y, s)| self.bar(self.w.fmt.year(*y), s)).collect();
            blocks.push(Block::Chart(Chart {
                title: self.w.say("history_title", years.clone()),
                alt: self.w.say("history_alt", years),
                bars,
            }));
        }
        if !res.indicators.is_empty() {
            let bars = res.indicators.iter().map(|i| self.bar(self.digits(&i.number.to_string()), &i.score)).collect();
            let alt = self.w.say("indicators_alt", context! { fiscal_year => r.fiscal_year });
            blocks.push(Block::Chart(Chart { title: self.w.say("indicators_chart_title", context! {}), alt, bars }));
            blocks.push(Block::Heading { level: 2, text: self.w.say("indicators_table_title", context! {}) });
            let rows = res
                .indicators
                .iter()
                .map(|i| {
                    vec![
                        Cell::text(self.digits(&i.number.to_string())).centered(),
                        Cell::text(self.digits(&i.name)),
                        Cell::text(self.w.fmt.number(&i.score.written)).number(),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                widths: vec![1.2, 5.0, 1.3],
                header: self.header("indicators_header"),
                rows,
            }));
        }
        blocks
    }

    fn bar(&self, label: String, score: &report::Score) -> Bar {
        Bar { label, value: score.value, shown: self.w.fmt.number(&score.written) }
    }

    fn header(&self, name: &str) -> Vec<Cell> {
        self.w.lines(name, context! {}).into_iter().map(header_cell).collect()
    }

    fn item(&self, item: &Item) -> String {
        self.w
            .say("item", context! { code => item.code.as_str(), text => item.text.as_deref().map(|t| self.digits(t)) })
    }

    fn analysis(&self, number: usize, issue: &report::Issue) -> Vec<Block> {
        let mut rows: Vec<Vec<Cell>> = issue
            .items
            .iter()
            .map(|item| {
                let score = item.score.as_ref().map(|s| self.w.fmt.number(&s.written)).unwrap_or_default();
                vec![Cell::text(self.item(item)), Cell::text(score).number()]
            })
            .collect();
        let cell = Cell::new(self.analysis_paras(&issue.analysis)).spanning(rows.len());
        rows[0].push(cell);
        vec![
            self.issue_heading(number, issue),
            Block::Paragraph(Para::text(self.w.say("issue_intro", context! {})).indented()),
            Block::Table(Table { widths: vec![3.2, 1.2, 4.0], header: self.header("analysis_header"), rows }),
        ]
    }

    /// ประเด็นที่ N and the issue's title, a section's heading.
    fn issue_heading(&self, number: usize, issue: &report::Issue) -> Block {
        let text = self.w.say("issue_heading", context! { number, title => self.digits(&issue.title) });
        Block::Heading { level: 2, text }
    }

    /// The analysis cell: each part with its bold label.
    fn analysis_paras(&self, a: &report::Analysis) -> Vec<Para> {
        let lowest = if a.lowest.is_empty() {
            self.w.say("no_lowest", context! {})
        } else {
            a.lowest.iter().map(|i| self.item(i)).collect::<Vec<_>>().join("\n")
        };
        let mut paras = labelled(self.w.say("label_lowest", context! {}), &lowest);
        for (label, text) in [("label_cause", &a.cause), ("label_note", &a.note), ("label_guideline", &a.guideline)] {
            if let Some(text) = text {
                paras.extend(labelled(self.w.say(label, context! {}), &self.digits(text)));
            }
        }
        paras
    }

    fn measures(&self) -> Vec<Block> {
        let r = self.r;
        let mut blocks = vec![
            Block::Section { landscape: r.settings.orientation == Orientation::Landscape },
            Block::Heading {
                level: 1,
                text: self.w.say("measures_title", context! { agency => self.agency(), plan_year => r.plan_year }),
            },
            Block::Paragraph(
                Para::text(
                    self.w.say("measures_intro", context! { agency => self.agency(), fiscal_year => r.fiscal_year }),
                )
                .indented(),
            ),
        ];
        for (i, issue) in r.issues.iter().enumerate().filter(|(_, issue)| !issue.measures.is_empty()) {
            blocks.push(self.issue_heading(i + 1, issue));
            let rows = issue.measures.iter().map(|m| self.measure_row(m)).collect();
            blocks.push(Block::Table(Table {
                widths: vec![2.1, 2.1, 3.6, 1.9, 1.6],
                header: self.header("measures_header"),
                rows,
            }));
        }
        if let Some(s) = &r.settings.signatory {
            blocks.push(self.signature("signatory", s, s.date));
        }
        blocks
    }

    /// A signature block worded by `wording`: the signatory's lines, the
    /// date's left out when there is none.
    fn signature(&self, wording: &str, s: &report::Signatory, date: Option<Date>) -> Block {
        let ctx = context! { name => self.digits(&s.name), position => self.digits(&s.position), date => date.map(|d| d.to_string()) };
        Block::Signature(SignatureBlock {
            lines: self.w.lines(wording, ctx).into_iter().filter(|l| !l.is_empty()).collect(),
        })
    }

    fn measure_row(&self, m: &report::Measure) -> Vec<Cell> {
        vec![
            Cell::new(paragraphs(&self.target(m))),
            Cell::new(paragraphs(&self.digits(&m.name))),
            Cell::new(self.steps(m)),
            Cell::text(self.period(m)).centered(),
            Cell::new(paragraphs(&self.digits(&m.owner))).centered(),
        ]
    }

    /// The item a measure raises.
    fn target(&self, m: &report::Measure) -> String {
        match &m.target {
            Target::Item(item) => self.item(item),
            Target::Text(text) => self.digits(text),
        }
    }

    /// A measure's steps, numbered.
    fn steps(&self, m: &report::Measure) -> Vec<Para> {
        let step = |(i, s): (usize, &String)| self.w.say("step", context! { number => i + 1, text => self.digits(s) });
        m.steps.iter().enumerate().flat_map(|s| paragraphs(&step(s))).collect()
    }

    fn period(&self, m: &report::Measure) -> String {
        match &m.period {
            Period::Dates { from, to } => self.w.fmt.period(from, to),
            Period::Text(text) => self.digits(text),
        }
    }
}

/// A table's header cell: bold, centred.
fn header_cell(text: String) -> Cell {
    Cell::new(vec![Para::bold(text).align(Align::Center)]).centered()
}

/// Free text as paragraphs: a blank line starts a new one.
/// A single line break stays inside its paragraph.
fn paragraphs(text: &str) -> Vec<Para> {
    let mut paras = vec![String::new()];
    for line in text.lines().map(str::trim_end) {
        let current = paras.last_mut().unwrap();
        if line.trim().is_empty() {
            if !current.is_empty() {
                paras.push(String::new());
            }
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    paras.into_iter().filter(|p| !p.is_empty()).map(Para::text).collect()
}

/// A bold label before the first paragraph of a text.
fn labelled(label: String, text: &str) -> Vec<Para> {
    let mut paras = paragraphs(text);
    match paras.first_mut() {
        Some(first) => {
            first.runs[0].text.insert(0, ' ');
            first.runs.insert(0, Run { text: label, bold: true });
        }
        None => paras.push(Para::bold(label)),
    }
    paras
}
