//! The typed reading of YAML values: a mapping's fields, required keys,
//! texts, scores, years, dates, choices, lists and their limits. Each reader
//! reports what it refuses, located, and gives None for it.

use std::collections::HashMap;

use super::text::{control_name, plain_text};
use super::{Validator, join, keys::thai_key};
use crate::date::{Date, DateError, be_year};
use crate::diag::{Diagnostic, Pos, quoted};
use crate::limits;
use crate::load::{Node, Value};
use crate::report::{GAP, Score};
use crate::suggest::Suggestion;
use crate::thai::arabic_digits;

/// How a number from 0 to 100 is named in messages.
pub(super) struct Percent {
    pub(super) th: &'static str,
    pub(super) en: &'static str,
    pub(super) example: &'static str,
    /// More decimals than this are surely a slip (warned of).
    pub(super) decimals: Option<usize>,
}

/// The published results give scores to two decimals.
pub(super) const SCORE: Percent = Percent { th: "คะแนน", en: "a score", example: "81.90", decimals: Some(2) };

/// A mapping's entries by key, with the mapping's own position (where a
/// missing key is reported).
pub(super) struct Fields<'n> {
    pub(super) pos: Pos,
    pub(super) path: String,
    pub(super) entries: HashMap<&'n str, (&'n Node, &'n Node)>,
    /// Known keys offered as "did you mean" for unknown ones: such a key
    /// is not reported missing too, one typo being one error.
    suggested: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// The value of a key, None when absent or empty.
    pub(super) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.get(key).map(|(_, v)| *v).filter(|v| !v.is_null())
    }

    pub(super) fn key(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

/// An item code: a letter i, e or o and a number (`i10`, `o5`); Thai digits
/// and capitals accepted. None if the text is not of that form.
pub fn item_code(text: &str) -> Option<String> {
    let code = arabic_digits(text.trim()).to_lowercase();
    let mut chars = code.chars();
    let ok = matches!(chars.next(), Some('i' | 'e' | 'o')) && {
        let digits = chars.as_str();
        !digits.is_empty()
            && digits.len() <= 3
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    };
    ok.then_some(code)
}

impl Validator<'_> {
    /// A mapping with only `known` keys; unknown keys are errors with a
    /// "did you mean" hint.
    pub(super) fn fields<'n>(&mut self, node: &'n Node, path: &str, known: &[&'static str]) -> Option<Fields<'n>> {
        let Value::Map(pairs) = &node.value else {
            self.expected(node, path, "ชุดคีย์ (key: value)", "a mapping (key: value)");
            return None;
        };
        let mut entries = HashMap::new();
        let mut suggested = Vec::new();
        for (k, v) in pairs {
            let Some(name) = k.as_str() else {
                self.expected(k, path, "ชื่อคีย์", "a key name");
                continue;
            };
            if known.contains(&name) {
                entries.insert(name, (k, v));
                continue;
            }
            let name = quoted(name);
            let key = join(path, &name);
            let mut d = Diagnostic::error(k.pos, key, format!("ไม่รู้จักคีย์ \"{name}\""), format!("unknown key \"{name}\""));
            d = match Suggestion::closest(&name, known.iter().copied())
                .or_else(|| thai_key(&name, known).map(Suggestion))
            {
                // A merge key copies another mapping's keys in some YAML
                // readers; here it would silently do nothing.
                None if name == "<<" => d.with_hint(
                    "ไม่รองรับการรวมคีย์ด้วย << ของ YAML: เขียนคีย์ให้ครบ \
                     (YAML merge keys are not read: write the keys out)",
                ),
                Some(s) => {
                    suggested.push(s.0);
                    d.with_hint(s.to_string())
                }
                None => d.with_hint(format!("คีย์ที่ใช้ได้ที่นี่ (keys allowed here): {}", known.join(", "))),
            };
            self.diags.push(d);
        }
        Some(Fields { pos: node.pos, path: path.to_string(), entries, suggested })
    }

    /// A required key's value; a missing key or an empty value is an error.
    pub(super) fn required<'n>(&mut self, f: &Fields<'n>, key: &str, what_th: &str, what_en: &str) -> Option<&'n Node> {
        let value = f.get(key);
        let misspelt = !f.entries.contains_key(key) && f.suggested.contains(&key);
        if value.is_none() && !misspelt {
            let pos = f.entries.get(key).map_or(f.pos, |(k, _)| k.pos);
            let (th, en) = if f.entries.contains_key(key) {
                ("ยังไม่ได้กรอกค่า", "has no value")
            } else {
                ("ยังไม่ได้กรอก", "is missing")
            };
            self.error(pos, f.key(key), format!("{th}: ต้องระบุ{what_th}"), format!("{en}: expected {what_en}"));
        }
        value
    }

    /// Plain text: trimmed, within the length limit, its control characters
    /// dealt with (see [`plain_text`]).
    pub(super) fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        let Some(raw) = node.as_str().filter(|_| !node.is_null()) else {
            self.expected(node, path, "ข้อความ", "a text");
            return None;
        };
        let text = match plain_text(raw) {
            Ok(text) => text,
            Err((at, c)) => {
                let (th, en) = if c.is_control() {
                    let name = control_name(c);
                    (
                        format!("มีอักขระควบคุม U+{:04X}{name} ที่ตัวอักษรที่ {at} ของข้อความ ซึ่งพิมพ์ไม่ได้", c as u32),
                        format!(
                            "contains the control character U+{:04X}{name} at character {at} of the text, which cannot be printed",
                            c as u32
                        ),
                    )
                } else {
                    (
                        format!(
                            "มี U+{:04X} ที่ตัวอักษรที่ {at} ของข้อความ ซึ่งไม่ใช่อักขระ (noncharacter) ไฟล์ Word ที่มีอักขระนี้เปิดไม่ได้",
                            c as u32
                        ),
                        format!(
                            "contains U+{:04X} at character {at} of the text, a noncharacter, which no document may hold (Word would not open the file)",
                            c as u32
                        ),
                    )
                };
                self.diags.push(Diagnostic::error(node.pos, path, th, en).with_hint(
                    "มักติดมากับข้อความที่คัดลอกจากไฟล์อื่น: ลบอักขระนั้นออก \
                         (it often comes with text copied from another file: delete it)",
                ));
                return None;
            }
        };
        let chars = text.chars().count();
        if chars > limits::TEXT_CHARS {
            self.error(
                node.pos,
                path,
                format!("ข้อความยาว {chars} ตัวอักษร เกินขีดจำกัดความยาวข้อความ {} ตัวอักษร", limits::TEXT_CHARS),
                format!("the text is {chars} characters long, over the text length limit of {}", limits::TEXT_CHARS),
            );
            return None;
        }
        if text.is_empty() {
            self.error(node.pos, path, "ข้อความว่าง", "the text is empty");
            return None;
        }
        Some(text)
    }

    /// Free text that the document prints: checked later for years and
    /// provinces that look copied from another document.
    pub(super) fn free_text(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        self.free_text.push((path.to_string(), node.pos, text.clone()));
        Some(text)
    }

    pub(super) fn opt_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.text(n, &f.key(key)))
    }

    pub(super) fn opt_free_text(&mut self, f: &Fields, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.free_text(n, &f.key(key)))
    }

    pub(super) fn required_text(&mut self, f: &Fields, key: &str, what_th: &str, what_en: &str) -> Option<String> {
        let text = self.required(f, key, what_th, what_en).and_then(|n| self.text(n, &f.key(key)));
        text.or_else(|| self.gap(|| GAP.to_string()))
    }

    pub(super) fn required_free_text(&mut self, f: &Fields, key: &str, what_th: &str, what_en: &str) -> Option<String> {
        let text = self.required(f, key, what_th, what_en).and_then(|n| self.free_text(n, &f.key(key)));
        text.or_else(|| self.gap(|| GAP.to_string()))
    }

    /// A score required and not given (or refused).
    pub(super) fn required_score(&mut self, f: &Fields, key: &str, what_th: &str, what_en: &str) -> Option<Score> {
        let score = self.required(f, key, what_th, what_en).and_then(|n| self.score(n, &f.key(key)));
        score.or_else(|| self.gap(Score::gap))
    }

    /// In a sketch, a value not filled in yet (or refused) stands as a gap,
    /// so that the editor shows the document as it stands; its error is
    /// reported all the same. Anywhere else, nothing stands in for it.
    pub(super) fn gap<T>(&self, gap: impl FnOnce() -> T) -> Option<T> {
        self.sketch.then(gap)
    }

    /// A score 0–100, Arabic or Thai digits, kept as written.
    pub(super) fn score(&mut self, node: &Node, path: &str) -> Option<Score> {
        self.percent(node, path, &SCORE)
    }

    /// A number from 0 to 100, Arabic or Thai digits, kept as written.
    pub(super) fn percent(&mut self, node: &Node, path: &str, what: &Percent) -> Option<Score> {
        let written = node.as_str().filter(|_| !node.is_null()).map(|s| arabic_digits(s.trim()));
        // A minus sign is read, so that -5 is told it is out of range.
        let value = written
            .as_deref()
            .filter(|w| is_decimal(w.strip_prefix('-').unwrap_or(w)))
            .and_then(|w| w.parse::<f64>().ok());
        let Percent { th, en, example, decimals } = what;
        match (written, value) {
            (Some(written), Some(value)) if within_100(&written) => {
                let places = written.split_once('.').map_or(0, |(_, f)| f.len());
                if let Some(most) = decimals.filter(|m| places > *m) {
                    self.warn(
                        node.pos,
                        path,
                        format!("{th} {written} มีทศนิยม {places} ตำแหน่ง ผลการประเมินให้ไว้ {most} ตำแหน่ง (พิมพ์ผิดหรือไม่)"),
                        format!("{en} {written} has {places} decimals; the results give {most} (a slip?)"),
                    );
                }
                Some(Score { written, value })
            }
            (Some(written), Some(_)) => {
                self.error(
                    node.pos,
                    path,
                    format!("{th}ต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ {written}"),
                    format!("{en} must be from 0 to 100, found {written}"),
                );
                self.gap(Score::gap)
            }
            _ => {
                self.expected(
                    node,
                    path,
                    &format!("{th}เป็นตัวเลข 0–100 (เช่น {example})"),
                    &format!("{en}, a number from 0 to 100 (like {example})"),
                );
                self.gap(Score::gap)
            }
        }
    }

    pub(super) fn year(&mut self, node: &Node, path: &str) -> Option<i32> {
        let year =
            node.as_str().map(|s| arabic_digits(s.trim())).filter(|s| s.len() == 4).and_then(|s| s.parse::<i32>().ok());
        match year.map(be_year) {
            Some(y) if (2500..=2700).contains(&y) => Some(y),
            _ => {
                self.expected(node, path, "ปี พ.ศ. สี่หลัก (เช่น 2568)", "a four-digit Buddhist Era year (like 2568)");
                None
            }
        }
    }

    pub(super) fn date(&mut self, node: &Node, path: &str) -> Option<Date> {
        let text = node.as_str().unwrap_or_default();
        match Date::parse(text) {
            Ok(d) => {
                self.dates.push((path.to_string(), node.pos, d));
                Some(d)
            }
            Err(DateError::NoSuchDay) => {
                self.error(node.pos, path, format!("ไม่มีวันที่ {text} ในปฏิทิน"), format!("there is no such day as {text}"));
                None
            }
            Err(DateError::Form) => {
                self.expected(
                    node,
                    path,
                    "วันที่แบบ YYYY-MM-DD (เช่น 2568-10-01)",
                    "a date as YYYY-MM-DD (like 2568-10-01)",
                );
                None
            }
        }
    }

    /// One of a few words.
    pub(super) fn choice<T: Copy>(&mut self, node: &Node, path: &str, options: &[(&str, T)]) -> Option<T> {
        let word = node.as_str().unwrap_or_default().trim();
        if let Some((_, v)) = options.iter().find(|(w, _)| *w == word) {
            return Some(*v);
        }
        let shown = quoted(word);
        let names: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
        let list = names.join(" | ");
        let mut d = Diagnostic::error(
            node.pos,
            path,
            format!("ต้องเป็นหนึ่งใน {list} แต่พบ \"{shown}\""),
            format!("expected one of {list}, found \"{shown}\""),
        );
        if let Some(s) = Suggestion::closest(word, names) {
            d = d.with_hint(s.to_string());
        }
        self.diags.push(d);
        None
    }

    pub(super) fn seq<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.expected(node, path, "รายการ (- ...)", "a list (- ...)");
                None
            }
        }
    }

    pub(super) fn limit<T>(
        &mut self,
        items: &[T],
        pos: Pos,
        path: &str,
        max: usize,
        what_th: &str,
        what_en: &str,
    ) -> bool {
        let ok = items.len() <= max;
        if !ok {
            self.error(
                pos,
                path,
                format!("มี{what_th} {} รายการ เกินขีดจำกัด {max} รายการ", items.len()),
                format!("{} {what_en}, over the limit of {max}", items.len()),
            );
        }
        ok
    }
}

/// Whether a decimal number as written lies from 0 to 100, exactly: the
/// nearest float of `100.00000000000000001` is 100, but the number is not.
fn within_100(written: &str) -> bool {
    if written.starts_with('-') {
        return false;
    }
    let (whole, fraction) = written.split_once('.').unwrap_or((written, ""));
    let whole = whole.trim_start_matches('0');
    whole.len() < 3 || (whole == "100" && fraction.bytes().all(|b| b == b'0'))
}

fn is_decimal(s: &str) -> bool {
    let mut parts = s.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_codes() {
        assert_eq!(item_code("i10").as_deref(), Some("i10"));
        assert_eq!(item_code("O12").as_deref(), Some("o12"));
        assert_eq!(item_code("e๗").as_deref(), Some("e7"));
        assert_eq!(item_code("x1"), None);
        assert_eq!(item_code("i"), None);
        assert_eq!(item_code("i01"), None);
        assert_eq!(item_code("o12 รายการ"), None);
    }
}
