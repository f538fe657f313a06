//! A catalog file that an input names instead of the built-in year
//! (`document.catalog`, or `--catalog`): checked as strictly as an input,
//! every problem located in that file, in Thai and English.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::read::Percent;
use super::{Validator, item_code};
use crate::catalog::{self, Band, Catalog, CatalogFile, CatalogItem, Documents, Levels, Scheme, Tool};
use crate::diag::{Diagnostic, Origin, has_errors, quoted};
use crate::files::{Files, NoFiles};
use crate::limits;
use crate::load::{self, Node, Value};
use crate::thai::arabic_digits;

pub const CATALOG_KEYS: &[&str] =
    &["fiscal_year", "source", "notes", "tools", "indicators", "levels", "items", "documents"];
pub const DOCUMENTS_KEYS: &[&str] = &["measures", "followup"];
pub const CATALOG_TOOL_KEYS: &[&str] = &["code", "name", "weight", "indicators"];
pub const LEVELS_KEYS: &[&str] = &["scheme", "verified", "bands"];
pub const BAND_KEYS: &[&str] = &["name", "min", "tools_min"];
pub const ITEM_KEYS: &[&str] = &["text", "indicator", "verified"];

const SHARE: Percent = Percent { th: "ร้อยละ", en: "a percentage", example: "30", decimals: None };

/// The catalog in the file `name` of `files` (shown in messages as
/// `shown`), completed from the built-in years before its own; or its
/// diagnostics.
pub fn read_catalog(files: &dyn Files, name: &str, shown: &str) -> Result<(Catalog, Vec<Diagnostic>), Vec<Diagnostic>> {
    let read = files.read(name, limits::INPUT_BYTES as u64).map_err(load::unreadable);
    let (loaded, mut diags) = match read.and_then(load::load_bytes) {
        Ok(loaded) => loaded,
        Err(diags) => return Err(in_file(diags, shown, String::new())),
    };
    let mut v = Validator::new(&NoFiles, None);
    let file = match &loaded.root {
        Some(root) => v.catalog_file(root),
        None => {
            v.error(Default::default(), "", "ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty");
            None
        }
    };
    diags.extend(v.diags);
    let diags = in_file(diags, shown, loaded.text);
    let earlier = file.as_ref().map(|f| catalog::for_year(f.fiscal_year - 1).0);
    match file.filter(|_| !has_errors(&diags)).and_then(|f| f.resolve(earlier.as_deref())) {
        Some(catalog) => Ok((catalog, diags)),
        None => Err(diags),
    }
}

/// An optional part read: absent is fine (None within), refused is None.
fn given<T>(part: Option<Option<T>>) -> Option<Option<T>> {
    match part {
        None => Some(None),
        Some(read) => read.map(Some),
    }
}

fn in_file(diags: Vec<Diagnostic>, shown: &str, text: String) -> Vec<Diagnostic> {
    let origin = Arc::new(Origin { file: shown.to_string(), text });
    diags.into_iter().map(|d| d.in_file(&origin)).collect()
}

impl Validator<'_> {
    fn catalog_file(&mut self, root: &Node) -> Option<CatalogFile> {
        let f = self.fields(root, "", CATALOG_KEYS)?;
        let fiscal_year = self
            .required(&f, "fiscal_year", "ปีงบประมาณของกรอบการประเมิน", "the fiscal year the catalog is for")
            .and_then(|n| self.year(n, "fiscal_year"));
        let source = self.opt_text(&f, "source");
        let notes = match f.get("notes") {
            Some(n) => self.texts_list(n, "notes"),
            None => Some(Vec::new()),
        };
        let indicators = f.get("indicators").map(|n| self.catalog_indicators(n));
        let tools = f.get("tools").map(|n| self.catalog_tools(n, indicators.as_ref().and_then(Option::as_ref)));
        let levels = f.get("levels").map(|n| self.levels(n));
        let items = match f.get("items") {
            Some(n) => self.catalog_items(n),
            None => Some(BTreeMap::new()),
        };
        let documents = f.get("documents").map(|n| self.catalog_documents(n));
        Some(CatalogFile {
            fiscal_year: fiscal_year?,
            source,
            notes: notes?,
            tools: given(tools)?,
            indicators: given(indicators)?,
            levels: given(levels)?,
            items: items?,
            documents: given(documents)?,
        })
    }

    /// The item codes of the two documents.
    fn catalog_documents(&mut self, node: &Node) -> Option<Documents> {
        let f = self.fields(node, "documents", DOCUMENTS_KEYS)?;
        let mut code = |key: &str, th: &str, en: &str| {
            let n = self.required(&f, key, th, en)?;
            let code = n.as_str().and_then(item_code);
            if code.is_none() {
                self.expected(n, &f.key(key), "รหัสข้อ (เช่น o27)", "an item code (like o27)");
            }
            code
        };
        let measures = code("measures", "ข้อของมาตรการ", "the measures' item");
        let followup = code("followup", "ข้อของรายงานผล", "the report's item");
        Some(Documents { measures: measures?, followup: followup? })
    }

    fn texts_list(&mut self, node: &Node, path: &str) -> Option<Vec<String>> {
        let items = self.seq(node, path)?;
        let texts: Vec<Option<String>> =
            items.iter().enumerate().map(|(i, n)| self.text(n, &format!("{path}[{i}]"))).collect();
        texts.into_iter().collect()
    }

    fn catalog_indicators(&mut self, node: &Node) -> Option<BTreeMap<u32, String>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "indicators", "ชุดตัวชี้วัด (เลข: ชื่อ)", "a mapping of number: name");
            return None;
        };
        let mut out = BTreeMap::new();
        let mut ok = true;
        for (k, v) in pairs {
            let path = format!("indicators.{}", quoted(k.as_str().unwrap_or_default()));
            let number =
                k.as_str().and_then(|s| arabic_digits(s.trim()).parse::<u32>().ok()).filter(|n| (1..=99).contains(n));
            match (number, self.text(v, &path)) {
                (Some(n), Some(name)) => {
                    out.insert(n, name);
                }
                (None, _) => {
                    self.expected(k, &path, "เลขตัวชี้วัด 1–99", "an indicator number from 1 to 99");
                    ok = false;
                }
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn catalog_tools(&mut self, node: &Node, indicators: Option<&BTreeMap<u32, String>>) -> Option<Vec<Tool>> {
        let items = self.seq(node, "tools")?;
        if !self.limit(items, node.pos, "tools", limits::TOOLS, "เครื่องมือ", "tools") {
            return None;
        }
        let mut tools = Vec::new();
        let mut ok = true;
        for (i, n) in items.iter().enumerate() {
            let path = format!("tools[{i}]");
            let Some(f) = self.fields(n, &path, CATALOG_TOOL_KEYS) else {
                ok = false;
                continue;
            };
            let code = self.required_text(&f, "code", "รหัสเครื่องมือ (เช่น IIT)", "the tool's code (like IIT)");
            let name = self.required_text(&f, "name", "ชื่อเครื่องมือ", "the tool's name");
            let weight = self
                .required(&f, "weight", "น้ำหนักเป็นร้อยละของคะแนนรวม", "its weight, in percent of the total")
                .and_then(|n| self.percent(n, &f.key("weight"), &SHARE));
            let numbers = self
                .required(&f, "indicators", "เลขตัวชี้วัดของเครื่องมือ", "the numbers of its indicators")
                .and_then(|n| self.indicator_numbers(n, &f.key("indicators"), indicators));
            match (code, name, weight, numbers) {
                (Some(code), Some(name), Some(w), Some(indicators)) => {
                    tools.push(Tool { code: code.to_uppercase(), name, weight: w.value, indicators })
                }
                _ => ok = false,
            }
        }
        let total: f64 = tools.iter().map(|t| t.weight).sum();
        if ok && (total - 100.0).abs() > 1e-6 {
            self.error(
                node.pos,
                "tools",
                format!("น้ำหนักของเครื่องมือรวมกันได้ {total} ต้องเป็น 100"),
                format!("the tools' weights add up to {total}; they must make 100"),
            );
            ok = false;
        }
        ok.then_some(tools)
    }

    fn indicator_numbers(
        &mut self,
        node: &Node,
        path: &str,
        known: Option<&BTreeMap<u32, String>>,
    ) -> Option<Vec<u32>> {
        let items = self.seq(node, path)?;
        let mut out = Vec::new();
        for (i, n) in items.iter().enumerate() {
            let number = n.as_str().and_then(|s| arabic_digits(s.trim()).parse::<u32>().ok());
            match number {
                Some(number) if known.is_none_or(|k| k.contains_key(&number)) => out.push(number),
                _ => {
                    self.expected(
                        n,
                        &format!("{path}[{i}]"),
                        "เลขตัวชี้วัดที่อยู่ใน indicators",
                        "the number of an indicator under indicators",
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn levels(&mut self, node: &Node) -> Option<Levels> {
        let f = self.fields(node, "levels", LEVELS_KEYS)?;
        let scheme = self
            .required(&f, "scheme", "แบบของระดับ (rating หรือ grade)", "the scheme (rating or grade)")
            .and_then(|n| self.choice(n, "levels.scheme", &[("rating", Scheme::Rating), ("grade", Scheme::Grade)]));
        let verified = self.verified(&f, "levels");
        let bands =
            self.required(&f, "bands", "ระดับ เรียงจากสูงไปต่ำ", "the bands, highest first").and_then(|n| self.bands(n));
        Some(Levels { scheme: scheme?, verified: verified?, bands: bands? })
    }

    fn bands(&mut self, node: &Node) -> Option<Vec<Band>> {
        let items = self.seq(node, "levels.bands")?;
        if items.is_empty() {
            self.error(node.pos, "levels.bands", "ต้องมีระดับอย่างน้อยหนึ่งระดับ", "at least one band is needed");
            return None;
        }
        let mut bands: Vec<Band> = Vec::new();
        let mut ok = true;
        for (i, n) in items.iter().enumerate() {
            let path = format!("levels.bands[{i}]");
            let Some(f) = self.fields(n, &path, BAND_KEYS) else {
                ok = false;
                continue;
            };
            let name = self.required_text(&f, "name", "ชื่อระดับ", "the band's name");
            let min = self
                .required(&f, "min", "คะแนนรวมขั้นต่ำของระดับ", "the lowest total of the band")
                .and_then(|m| self.score(m, &f.key("min")));
            let tools_min = f.get("tools_min").map(|m| self.score(m, &f.key("tools_min")));
            match (name, min, given(tools_min)) {
                (Some(name), Some(min), Some(tools_min)) => {
                    if let Some(above) = bands.last().filter(|b| b.min < min.value) {
                        self.error(
                            n.pos,
                            &path,
                            format!(
                                "ระดับต้องเรียงจากสูงไปต่ำ: {name} ({}) สูงกว่า {} ({})",
                                min.written, above.name, above.min
                            ),
                            format!(
                                "bands go highest first: {name} ({}) is above {} ({})",
                                min.written, above.name, above.min
                            ),
                        );
                        ok = false;
                    }
                    bands.push(Band { name, min: min.value, tools_min: tools_min.map(|s| s.value) });
                }
                _ => ok = false,
            }
        }
        ok.then_some(bands)
    }

    fn catalog_items(&mut self, node: &Node) -> Option<BTreeMap<String, CatalogItem>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, "items", "ชุดข้อคำถาม (รหัส: ...)", "a mapping of code: item");
            return None;
        };
        if !self.limit(pairs, node.pos, "items", limits::CATALOG_ITEMS, "ข้อคำถาม", "items") {
            return None;
        }
        let mut items = BTreeMap::new();
        let mut ok = true;
        for (k, v) in pairs {
            let written = k.as_str().unwrap_or_default();
            let path = format!("items.{}", quoted(written));
            let Some(code) = item_code(written) else {
                self.error(
                    k.pos,
                    &path,
                    format!("\"{}\" ไม่ใช่รหัสข้อคำถาม", quoted(written)),
                    format!("\"{}\" is not an item code", quoted(written)),
                );
                ok = false;
                continue;
            };
            let Some(f) = self.fields(v, &path, ITEM_KEYS) else {
                ok = false;
                continue;
            };
            let text = self.opt_text(&f, "text");
            let indicator = f.get("indicator").map(|n| {
                let number = n.as_str().and_then(|s| arabic_digits(s.trim()).parse::<u32>().ok());
                if number.is_none() {
                    self.expected(n, &f.key("indicator"), "เลขตัวชี้วัด", "an indicator number");
                }
                number
            });
            match (self.verified(&f, &path), given(indicator)) {
                (Some(verified), Some(indicator)) => {
                    items.insert(code, CatalogItem { text, indicator, verified });
                }
                _ => ok = false,
            }
        }
        ok.then_some(items)
    }

    /// Whether a part is verified: `true` or `false`.
    fn verified(&mut self, f: &super::Fields, path: &str) -> Option<bool> {
        let key = super::join(path, "verified");
        self.required(
            f,
            "verified",
            "ว่าตรวจกับแหล่งทางการแล้วหรือไม่ (true หรือ false)",
            "whether it is verified (true or false)",
        )
        .and_then(|n| self.choice(n, &key, &[("true", true), ("false", false)]))
    }
}
