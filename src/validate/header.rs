//! The top of the file: format and years, the agency, the document's
//! settings and its signatory.

use std::collections::BTreeMap;

use super::keys::{AGENCY_KEYS, DOCUMENT_KEYS, ROOT_KEYS, SIGNATORY_KEYS};
use super::scores::ItemTable;
use super::warnings::provinces;
use super::{Fields, Validator};
use std::sync::Arc;

use super::catalog::read_catalog;
use crate::catalog::{self, Catalog};
use crate::diag::{Diagnostic, Pos, quoted};
use crate::document::PdfStandard;
use crate::layout::PageNumbers;
use crate::limits;
use crate::load::Node;
use crate::report::{Agency, Orientation, Report, Settings, Signatory};
use crate::suggest::Suggestion;
use crate::thai::Numerals;

impl Validator<'_> {
    pub(super) fn report(&mut self, root: &Node) -> Option<Report> {
        let f = self.fields(root, "", ROOT_KEYS)?;
        if let Some(n) = self.required(&f, "format", "รุ่นของรูปแบบไฟล์ (1)", "the format version (1)")
            && n.as_str().map(str::trim) != Some("1")
        {
            self.expected(n, "format", "รุ่น 1", "format version 1");
        }
        let fiscal_year = self
            .required(&f, "fiscal_year", "ปีงบประมาณที่ประเมิน", "the fiscal year assessed")
            .and_then(|n| self.year(n, "fiscal_year"));
        let catalog = self.catalog(&f, fiscal_year);
        self.catalog_used = Some(catalog.clone());
        let catalog = catalog.as_ref();
        let plan_year = match f.get("plan_year") {
            Some(n) => self.year(n, "plan_year"),
            None => fiscal_year.map(|y| y + 1),
        };
        if let (Some(fy), Some(py), Some(n)) = (fiscal_year, plan_year, f.get("plan_year"))
            && py < fy
        {
            self.error(
                n.pos,
                "plan_year",
                format!("ปีของมาตรการ ({py}) ต้องไม่ก่อนปีที่ประเมิน ({fy})"),
                format!("the plan year ({py}) must not be before the fiscal year ({fy})"),
            );
        }
        let agency = self.required(&f, "agency", "ข้อมูลหน่วยงาน", "the agency").and_then(|n| self.agency(n));
        let settings = match f.get("document") {
            Some(n) => self.settings(n),
            None => Some(Settings::default()),
        };
        let scores =
            self.required(&f, "scores", "คะแนนรายข้อ", "the scores per question and item").and_then(|n| self.scores(n));
        let texts = match f.get("texts") {
            Some(n) => self.texts(n, catalog, scores.as_ref()),
            None => Some(BTreeMap::new()),
        };
        let result = self
            .required(&f, "result", "ผลการประเมิน", "the assessment result")
            .and_then(|n| self.result(n, catalog, fiscal_year));
        let items =
            ItemTable { catalog, scores: scores.as_ref(), texts: texts.as_ref(), year_known: fiscal_year.is_some() };
        let followup = plan_year.and_then(|y| self.followup(f.get("followup"), y));
        let issues =
            self.required(&f, "issues", "ประเด็นการวิเคราะห์", "the issues analysed").and_then(|n| self.issues(n, &items));
        let report = Report {
            fiscal_year: fiscal_year?,
            plan_year: plan_year?,
            agency: agency?,
            settings: settings?,
            result: result?,
            issues: issues?,
            followup: followup?,
        };
        self.check_totals(&f, catalog, &report);
        self.check_results(&report);
        Some(report)
    }

    /// The year's catalog: the file the command line or `document.catalog`
    /// names, or else the built-in one, warned of where it is not a whole
    /// year from a source.
    fn catalog(&mut self, f: &Fields, fiscal_year: Option<i32>) -> Arc<Catalog> {
        let year = fiscal_year.unwrap_or(catalog::latest().fiscal_year);
        let at = f.get("fiscal_year").map_or(f.pos, |n| n.pos);
        if let Some((name, shown, pos, key)) = self.catalog_named(f) {
            match read_catalog(self.files, &name, &shown) {
                Ok((c, warnings)) if fiscal_year.is_none_or(|y| y == c.fiscal_year) => {
                    self.diags.extend(warnings);
                    self.borrowed(at, &c);
                    return Arc::new(c);
                }
                Ok((c, _)) => self.error(
                    pos,
                    key,
                    format!("ไฟล์กรอบการประเมิน {shown} เป็นของปี {} แต่ไฟล์นี้เป็นของปี {year}", c.fiscal_year),
                    format!("the catalog {shown} is for {}, and this file for {year}", c.fiscal_year),
                ),
                Err(diags) => {
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    self.diags.extend(diags);
                    self.error(
                        pos,
                        key,
                        format!("ไฟล์กรอบการประเมิน {shown} มีข้อผิดพลาด {errors} รายการ"),
                        format!("the catalog {shown} has {errors} error(s)"),
                    );
                }
            }
        }
        let (c, exact) = catalog::for_year(year);
        match (fiscal_year, exact) {
            (Some(y), false) => {
                let from = c.borrowed_from.unwrap_or(y);
                let d = Diagnostic::warning(
                    at,
                    "fiscal_year",
                    format!(
                        "ไม่มีข้อมูลกรอบการประเมิน ITA ของปี {y} ใช้เครื่องมือ น้ำหนัก ตัวชี้วัด และเกณฑ์ระดับของปี {from} แทน และไม่มีข้อความของข้อคำถาม"
                    ),
                    format!(
                        "no ITA framework catalog for {y}; using {from}'s tools, weights, indicators and level bands, and no item texts"
                    ),
                );
                self.diags.push(d.with_hint(
                    "ให้ข้อความของแต่ละข้อใต้ texts: หรือใช้ไฟล์กรอบการประเมินของปีนั้น (document.catalog) ซึ่ง `ita-report catalog` พิมพ์ให้เริ่มต้นได้ \
                     (give each item's text under texts:, or a catalog file of that year as document.catalog; `ita-report catalog` prints one to start from)",
                ));
            }
            (Some(_), true) => self.borrowed(at, &c),
            (None, _) => {}
        }
        c
    }

    /// A warning for a catalog that takes its tools, weights, indicators
    /// and levels from an earlier year, or whose facts come from one source
    /// that is not the NACC's own.
    fn borrowed(&mut self, at: Pos, c: &Catalog) {
        let y = c.fiscal_year;
        let (mut th, mut en) = (Vec::new(), Vec::new());
        if let Some(source) = &c.source {
            th.push(format!("ข้อมูลกรอบการประเมินปี {y} มาจากแหล่งเดียวที่ไม่ใช่ของสำนักงาน ป.ป.ช. ยังไม่ได้ตรวจกับคู่มือ ITA ปี {y}"));
            en.push(format!("the {y} catalog is taken from {source}"));
        }
        if let Some(from) = c.borrowed_from {
            th.push(format!("ไม่มีเครื่องมือ น้ำหนัก ตัวชี้วัด และเกณฑ์ระดับของปี {y} ใช้ของปี {from} แทน"));
            en.push(format!("it gives no tools, weights, indicators or level bands of {y}, so {from}'s are used"));
        }
        if !th.is_empty() {
            self.warn(at, "fiscal_year", th.join(" "), en.join("; "));
        }
    }

    /// The catalog file to use instead of the built-in one, if any: where
    /// it is, how to name it, and where and under which key it was given.
    fn catalog_named(&mut self, f: &Fields) -> Option<(String, String, Pos, &'static str)> {
        if let Some(name) = self.catalog_override {
            return Some((name.to_string(), name.to_string(), f.pos, "--catalog"));
        }
        let node = f.get("document")?.get("catalog").filter(|n| !n.is_null())?;
        let written = self.text(node, "document.catalog")?;
        let shown = quoted(&written);
        Some((written, shown, node.pos, "document.catalog"))
    }

    pub(super) fn agency(&mut self, node: &Node) -> Option<Agency> {
        let f = self.fields(node, "agency", AGENCY_KEYS)?;
        let name = self.required_text(&f, "name", "ชื่อหน่วยงาน", "the agency's name");
        let district = self.opt_text(&f, "district");
        let province = self.opt_text(&f, "province").map(|p| self.province(&f, p));
        let phone = self.opt_text(&f, "phone");
        let logo = match f.get("logo") {
            Some(n) => Some(self.logo(n)?),
            None => None,
        };
        Some(Agency { name: name?, district, province, phone, logo })
    }

    /// The province as a bare name (without จังหวัด), warned when unknown.
    pub(super) fn province(&mut self, f: &Fields, written: String) -> String {
        let name = written.trim_start_matches("จังหวัด").trim_start_matches("จ.").trim().to_string();
        if !provinces().contains(&name.as_str()) {
            let pos = f.get("province").map_or(f.pos, |n| n.pos);
            let name = quoted(&name);
            let mut d = Diagnostic::warning(
                pos,
                "agency.province",
                format!("ไม่รู้จักจังหวัด \"{name}\""),
                format!("\"{name}\" is not a province of Thailand"),
            );
            if let Some(s) = Suggestion::closest(&name, provinces().iter().copied()) {
                d = d.with_hint(s.to_string());
            }
            self.diags.push(d);
        }
        name
    }

    pub(super) fn settings(&mut self, node: &Node) -> Option<Settings> {
        let f = self.fields(node, "document", DOCUMENT_KEYS)?;
        let mut s = Settings::default();
        let mut ok = true;
        if let Some(n) = f.get("numerals") {
            ok &= self
                .choice(n, "document.numerals", &[("thai", Numerals::Thai), ("arabic", Numerals::Arabic)])
                .map(|v| s.numerals = v)
                .is_some();
        }
        if let Some(n) = f.get("measures_orientation") {
            let options = [("portrait", Orientation::Portrait), ("landscape", Orientation::Landscape)];
            ok &= self.choice(n, "document.measures_orientation", &options).map(|v| s.orientation = v).is_some();
        }
        if let Some(n) = f.get("page_numbers") {
            let options = [("plain", PageNumbers::Plain), ("dash-top", PageNumbers::DashTop)];
            ok &= self.choice(n, "document.page_numbers", &options).map(|v| s.page_numbers = v).is_some();
        }
        s.font = self.opt_text(&f, "font");
        if let Some(n) = f.get("pdf_standard") {
            let options = [("a-2u", PdfStandard::A2u)];
            ok &= self.choice(n, "document.pdf_standard", &options).map(|v| s.pdf_standard = Some(v)).is_some();
            let dated = f.get("date").is_some() || f.get("signatory").and_then(|s| s.get("date")).is_some();
            if !dated {
                self.warn(
                    n.pos,
                    "document.pdf_standard",
                    "PDF/A-2u ต้องมีวันที่ของเอกสาร: ระบุ document.date มิฉะนั้นต้องให้ SOURCE_DATE_EPOCH ตอนสร้าง",
                    "PDF/A-2u needs the document's date: give document.date, or the build needs SOURCE_DATE_EPOCH",
                );
            }
        }
        if let Some(n) = f.get("date") {
            ok &= self.date(n, "document.date").map(|d| s.date = Some(d)).is_some();
        }
        if let Some(n) = f.get("signatory") {
            s.signatory = self.signatory(n, "document.signatory");
            ok &= s.signatory.is_some();
        }
        if let Some(n) = f.get("words") {
            let words = self.seq(n, "document.words").map(|items| {
                if !self.limit(items, n.pos, "document.words", limits::WORDS, "คำ", "words") {
                    return None;
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(i, w)| self.text(w, &format!("document.words[{i}]")))
                    .collect::<Option<Vec<_>>>()
            });
            ok &= words.flatten().map(|w| s.words = w).is_some();
        }
        ok.then_some(s)
    }

    pub(super) fn signatory(&mut self, node: &Node, path: &str) -> Option<Signatory> {
        let f = self.fields(node, path, SIGNATORY_KEYS)?;
        let name = self.required_text(&f, "name", "ชื่อผู้ลงนาม", "the signatory's name");
        let position = self.required_text(&f, "position", "ตำแหน่งผู้ลงนาม", "the signatory's position");
        let date = match f.get("date") {
            Some(n) => Some(self.date(n, &f.key("date"))?),
            None => None,
        };
        Some(Signatory { name: name?, position: position?, date })
    }
}
