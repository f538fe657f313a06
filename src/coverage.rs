//! Characters no font in use can print: a warning for each text that has
//! them, naming the field.

use crate::diag::Diagnostic;
use crate::fonts::Fonts;
use crate::load::{Node, Value};

/// A warning for every text value holding characters no font in use can
/// print (they would show as empty boxes).
pub fn uncovered(root: &Node, fonts: &Fonts) -> Vec<Diagnostic> {
    let fonts = fonts.measure();
    let mut out = Vec::new();
    walk(root, String::new(), &mut |path, node| {
        let Value::Scalar { text, .. } = &node.value else { return };
        let missing = fonts.uncovered(text);
        if missing.is_empty() {
            return;
        }
        let list: Vec<String> = missing.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
        let list = list.join(", ");
        out.push(Diagnostic::warning(
            node.pos,
            path,
            format!("ฟอนต์ที่ใช้ไม่มีอักขระ {list} จะพิมพ์เป็นกล่องว่าง"),
            format!("no font in use has {list}; it would print as an empty box"),
        ));
    });
    out
}

fn walk(node: &Node, path: String, f: &mut impl FnMut(&str, &Node)) {
    match &node.value {
        Value::Scalar { .. } => f(&path, node),
        Value::Seq(items) => items.iter().enumerate().for_each(|(i, n)| walk(n, format!("{path}[{i}]"), f)),
        Value::Map(pairs) => pairs.iter().for_each(|(k, v)| {
            let key = k.as_str().unwrap_or_default();
            walk(v, if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }, f)
        }),
    }
}
