//! XML elements as docx-rs writes them, `<w:name a="1" b="2" />`, read and
//! changed attribute by attribute.

use quick_xml::events::BytesStart;

pub(super) fn element<'e>(e: &'e BytesStart) -> &'e str {
    e.name().into_inner()
}

/// The unescaped value of an attribute, if the element has it.
pub(super) fn attribute(e: &BytesStart, key: &str) -> Result<Option<String>, quick_xml::Error> {
    match e.try_get_attribute(key)? {
        Some(a) => Ok(Some(quick_xml::escape::unescape(&a.value)?.into_owned())),
        None => Ok(None),
    }
}

/// An element's name and attributes, to change some of them and write it as
/// docx-rs writes its elements: `<w:name a="1" b="2" />`.
pub(super) struct Attrs {
    name: String,
    /// Keys and values, the values escaped.
    list: Vec<(String, String)>,
    /// What stood between the last attribute and the tag's end.
    trailing: String,
}

impl Attrs {
    pub(super) fn new(name: &str) -> Attrs {
        Attrs { name: name.to_string(), list: Vec::new(), trailing: " ".into() }
    }

    pub(super) fn of(e: &BytesStart) -> Result<Attrs, quick_xml::Error> {
        let raw = e.attributes_raw();
        let trailing = raw[raw.trim_end().len()..].to_string();
        let mut list = Vec::new();
        for a in e.attributes() {
            let a = a?;
            let key: &str = a.key.as_ref();
            list.push((key.to_string(), a.value.into_owned()));
        }
        Ok(Attrs { name: element(e).to_string(), list, trailing })
    }

    /// Sets an attribute (an unescaped value) where it stands, or last.
    pub(super) fn set(mut self, key: &str, value: &str) -> Attrs {
        let value = escape(value);
        match self.list.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.list.push((key.to_string(), value)),
        }
        self
    }

    /// Sets an attribute first.
    pub(super) fn prepend(mut self, key: &str, value: &str) -> Attrs {
        self.list.retain(|(k, _)| k != key);
        self.list.insert(0, (key.to_string(), escape(value)));
        self
    }

    pub(super) fn into_start(self) -> BytesStart<'static> {
        let mut content = self.name.clone();
        for (k, v) in &self.list {
            content.push_str(&format!(" {k}=\"{v}\""));
        }
        content.push_str(&self.trailing);
        BytesStart::from_content(content, self.name.len())
    }
}

/// A text for an attribute or an element: escaped, and on one line.
pub(super) fn escape(s: &str) -> String {
    quick_xml::escape::escape(s.replace(['\n', '\r', '\t'], " ")).into_owned()
}
