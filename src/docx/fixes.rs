//! The package's fix-ups: what docx-rs cannot write, added to the XML parts
//! it wrote, element by element (quick-xml reads each part and writes it
//! again; nothing is patched as text).
//!
//! Each fix counts what it changed, and a part where a fix does not find
//! what it must change is an error: a docx-rs that writes its XML otherwise
//! fails the tests instead of silently dropping a fix.

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use super::DocxError;
use super::order::in_schema_order;
use super::package::Fixes;
use super::xml::{Attrs, attribute, element, escape};

fn problem(part: &str, problem: impl Into<String>) -> DocxError {
    DocxError::Package { part: part.to_string(), problem: problem.into() }
}

pub(super) fn fix_part(name: &str, xml: &[u8], fixes: &Fixes, para_ids: &mut u32) -> Result<Vec<u8>, DocxError> {
    let mut pass = Pass::new(para_ids);
    match name {
        "word/styles.xml" => {
            pass.styles = true;
            let out = pass.run(name, xml)?;
            pass.expect(name, pass.languages == 1, "one set of default run properties to give Thai")?;
            pass.expect(name, pass.defaults == 1, "a Normal paragraph style to make the default")?;
            pass.expect(name, pass.distributed > 0, "the justified Body Text style to distribute")?;
            Ok(out)
        }
        "word/document.xml" => {
            pass.body = Some(fixes);
            let out = pass.run(name, xml)?;
            pass.expect(name, pass.headers == pass.tables, "a header row in every table (w:cantSplit)")?;
            pass.expect(name, pass.pictures == fixes.alts.len(), "one wp:docPr for each picture")?;
            let numbered = !fixes.thai_page_numbers || pass.page_numbers == fixes.numbered_sections;
            pass.expect(name, numbered, "a w:pgNumType in each numbered section")?;
            Ok(out)
        }
        "docProps/core.xml" => {
            pass.core = Some(fixes);
            let out = pass.run(name, xml)?;
            pass.expect(name, pass.authors == 2 && pass.titled, "dc:creator, cp:lastModifiedBy and the end")?;
            pass.expect(name, fixes.dated || pass.undated == 2, "dcterms:created and dcterms:modified")?;
            Ok(out)
        }
        // Every other part of the document is put in the schema's order.
        _ if name.starts_with("word/") => pass.run(name, xml),
        _ => Ok(xml.to_vec()),
    }
}

/// One pass over a part: the fixes that apply to it, and what they did.
struct Pass<'f, 'n> {
    para_ids: &'n mut u32,
    styles: bool,
    body: Option<&'f Fixes<'f>>,
    core: Option<&'f Fixes<'f>>,
    /// The names of the open elements.
    open: Vec<String>,
    /// Inside dc:creator or cp:lastModifiedBy: their text is replaced.
    replacing: bool,
    /// Inside a creation or modification date the document does not have:
    /// left out.
    dropping: bool,
    undated: usize,
    languages: usize,
    defaults: usize,
    distributed: usize,
    tables: usize,
    headers: usize,
    page_numbers: usize,
    pictures: usize,
    authors: usize,
    titled: bool,
}

impl<'f, 'n> Pass<'f, 'n> {
    fn new(para_ids: &'n mut u32) -> Self {
        Pass {
            para_ids,
            styles: false,
            body: None,
            core: None,
            open: Vec::new(),
            replacing: false,
            dropping: false,
            undated: 0,
            languages: 0,
            defaults: 0,
            distributed: 0,
            tables: 0,
            headers: 0,
            page_numbers: 0,
            pictures: 0,
            authors: 0,
            titled: false,
        }
    }

    fn expect(&self, part: &str, holds: bool, what: &str) -> Result<(), DocxError> {
        if holds { Ok(()) } else { Err(problem(part, format!("docx-rs wrote no {what} (has its output changed?)"))) }
    }

    fn run(&mut self, name: &str, xml: &[u8]) -> Result<Vec<u8>, DocxError> {
        let xml_error = |source| DocxError::Xml { part: name.to_string(), source };
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut out = Vec::new();
        loop {
            let event = reader.read_event().map_err(xml_error)?;
            if event == Event::Eof {
                break;
            }
            self.fix(event.into_owned(), &mut out).map_err(xml_error)?;
        }
        let mut writer = quick_xml::Writer::new(Vec::with_capacity(xml.len() + xml.len() / 16));
        for e in in_schema_order(out).map_err(xml_error)? {
            writer.write_event(e)?;
        }
        Ok(writer.into_inner())
    }

    /// Writes `event`, fixed, to `out`.
    fn fix(&mut self, event: Event<'static>, out: &mut Vec<Event<'static>>) -> Result<(), quick_xml::Error> {
        let event = match event {
            Event::Start(e) => {
                let mut e = self.renumbered(e)?;
                let name = element(&e).to_string();
                // Normal is the default paragraph style: readers that follow
                // the standard (python-docx) find a paragraph's style by it.
                if self.styles && name == "w:style" && attribute(&e, "w:styleId")?.as_deref() == Some("Normal") {
                    e = Attrs::of(&e)?.prepend("w:default", "1").into_start();
                    self.defaults += 1;
                }
                let started = self.start(&name, Event::Start(e), out)?;
                self.open.push(name);
                started
            }
            Event::Empty(e) => {
                let e = self.renumbered(e)?;
                self.empty(e, out)?
            }
            Event::End(e) => self.end(e, out)?,
            Event::Text(_) | Event::GeneralRef(_) if self.replacing || self.dropping => None,
            other => Some(other),
        };
        out.extend(event);
        Ok(())
    }

    fn start(
        &mut self,
        name: &str,
        event: Event<'static>,
        out: &mut Vec<Event<'static>>,
    ) -> Result<Option<Event<'static>>, quick_xml::Error> {
        if self.body.is_some() && name == "w:tbl" {
            self.tables += 1;
        }
        if let Some(fixes) = self.core
            && matches!(name, "dc:creator" | "cp:lastModifiedBy")
        {
            out.push(event);
            out.push(Event::Text(BytesText::from_escaped(escape(fixes.author))));
            self.authors += 1;
            self.replacing = true;
            return Ok(None);
        }
        // docx-rs dates an undated document 1970-01-01: no date is the truth.
        if self.core.is_some_and(|f| !f.dated) && matches!(name, "dcterms:created" | "dcterms:modified") {
            self.dropping = true;
            self.undated += 1;
            return Ok(None);
        }
        Ok(Some(event))
    }

    fn empty(
        &mut self,
        e: BytesStart<'static>,
        out: &mut Vec<Event<'static>>,
    ) -> Result<Option<Event<'static>>, quick_xml::Error> {
        let name = element(&e).to_string();
        if self.styles && name == "w:jc" && attribute(&e, "w:val")?.as_deref() == Some("both") {
            self.distributed += 1;
            return Ok(Some(Event::Empty(Attrs::of(&e)?.set("w:val", "thaiDistribute").into_start())));
        }
        let Some(fixes) = self.body else { return Ok(Some(Event::Empty(e))) };
        Ok(Some(match name.as_str() {
            // The one row that may not split is the header: it repeats on
            // every page.
            "w:cantSplit" => {
                self.headers += 1;
                out.push(Event::Empty(e));
                Event::Empty(Attrs::new("w:tblHeader").into_start())
            }
            "w:pgNumType" if fixes.thai_page_numbers => {
                self.page_numbers += 1;
                Event::Empty(Attrs::of(&e)?.prepend("w:fmt", "thaiNumbers").into_start())
            }
            // docx-rs gives every picture id 1 and no description.
            "wp:docPr" => {
                self.pictures += 1;
                let n = self.pictures.to_string();
                let alt = fixes.alts.get(self.pictures - 1).map(String::as_str).unwrap_or_default();
                let picture = format!("Picture {n}");
                let attrs = Attrs::of(&e)?.set("id", &n).set("name", &picture).set("descr", alt);
                Event::Empty(attrs.into_start())
            }
            _ => Event::Empty(e),
        }))
    }

    fn end(
        &mut self,
        e: BytesEnd<'static>,
        out: &mut Vec<Event<'static>>,
    ) -> Result<Option<Event<'static>>, quick_xml::Error> {
        // The reader has matched every end tag with its start.
        let name = self.open.pop().unwrap_or_default();
        let parent = self.open.last().map(String::as_str);
        if self.styles && name == "w:rPr" && parent == Some("w:rPrDefault") {
            // w:lang is among the last of a run's properties (CT_RPr).
            let lang = Attrs::new("w:lang").set("w:val", "th-TH").set("w:bidi", "th-TH");
            out.push(Event::Empty(lang.into_start()));
            self.languages += 1;
        }
        if self.dropping {
            self.dropping = false;
            return Ok(None);
        }
        if let Some(fixes) = self.core {
            self.replacing = false;
            if name == "cp:coreProperties" {
                for (tag, text) in [("dc:title", fixes.title), ("dc:language", "th-TH")] {
                    out.push(Event::Start(BytesStart::new(tag)));
                    out.push(Event::Text(BytesText::from_escaped(escape(text))));
                    out.push(Event::End(BytesEnd::new(tag)));
                }
                self.titled = true;
            }
        }
        Ok(Some(Event::End(e)))
    }

    /// An element with its paragraph id numbered in order: docx-rs takes
    /// them from a counter that outlives one document.
    fn renumbered(&mut self, e: BytesStart<'static>) -> Result<BytesStart<'static>, quick_xml::Error> {
        if attribute(&e, "w14:paraId")?.is_none() {
            return Ok(e);
        }
        *self.para_ids += 1;
        Ok(Attrs::of(&e)?.set("w14:paraId", &format!("{:08X}", *self.para_ids)).into_start())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(alts: &[String]) -> Fixes<'_> {
        Fixes { thai_page_numbers: true, numbered_sections: 1, alts, title: "", author: "", font: "F", dated: true }
    }

    fn fixed(name: &str, xml: &str, fixes: &Fixes) -> Result<String, DocxError> {
        let mut ids = 0;
        fix_part(name, xml.as_bytes(), fixes, &mut ids).map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn thai_is_added_to_the_default_run_properties_once_and_justified_is_distributed() {
        let styles = "<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"32\" /></w:rPr></w:rPrDefault></w:docDefaults>\
                      <w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:rPr></w:rPr><w:jc w:val=\"both\" /><w:jc w:val=\"center\" /></w:style></w:styles>";
        let out = fixed("word/styles.xml", styles, &fixes(&[])).unwrap();
        assert_eq!(out.matches("<w:lang").count(), 1);
        assert!(
            out.contains("<w:sz w:val=\"32\" /><w:lang w:val=\"th-TH\" w:bidi=\"th-TH\" /></w:rPr></w:rPrDefault>"),
            "{out}"
        );
        assert!(out.contains("<w:jc w:val=\"thaiDistribute\" /><w:jc w:val=\"center\" />"), "{out}");
        assert!(out.contains("<w:style w:default=\"1\" w:type=\"paragraph\" w:styleId=\"Normal\">"), "{out}");
    }

    #[test]
    fn header_rows_repeat_and_page_numbers_are_thai() {
        let document = "<w:body><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl>\
                        <w:p><w:sectPr><w:pgSz w:w=\"1\" /><w:pgMar w:top=\"2\" /><w:cols w:num=\"1\" />\
                        <w:footerReference w:type=\"default\" r:id=\"rIdFooter1\" /><w:pgNumType w:start=\"1\" /></w:sectPr></w:p></w:body>";
        let out = fixed("word/document.xml", document, &fixes(&[])).unwrap();
        assert!(out.contains("<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr />"), "{out}");
        assert!(out.contains("<w:pgNumType w:fmt=\"thaiNumbers\" w:start=\"1\" />"), "{out}");
    }

    #[test]
    fn pictures_get_their_own_ids_and_descriptions_escaped() {
        let document = "<w:body><wp:docPr id=\"1\" name=\"Figure\" /><wp:docPr id=\"1\" name=\"Figure\" /></w:body>";
        let alts = ["แผนภูมิ \"คะแนน\" & <ปี>".to_string(), "ตรา".to_string()];
        let out = fixed("word/document.xml", document, &Fixes { numbered_sections: 0, ..fixes(&alts) }).unwrap();
        assert_eq!(
            out,
            "<w:body><wp:docPr id=\"1\" name=\"Picture 1\" descr=\"แผนภูมิ &quot;คะแนน&quot; &amp; &lt;ปี&gt;\" />\
             <wp:docPr id=\"2\" name=\"Picture 2\" descr=\"ตรา\" /></w:body>"
        );
    }

    #[test]
    fn output_that_a_fix_does_not_find_is_an_error() {
        let no_header = "<w:body><w:tbl><w:tr /></w:tbl></w:body>";
        let e = fixed("word/document.xml", no_header, &Fixes { numbered_sections: 0, ..fixes(&[]) }).unwrap_err();
        assert!(e.to_string().contains("a header row in every table"), "{e}");
        let e = fixed("word/styles.xml", "<w:styles />", &fixes(&[])).unwrap_err();
        assert!(e.to_string().contains("word/styles.xml"), "{e}");
    }

    #[test]
    fn paragraph_ids_run_on_across_parts() {
        let mut next = 0;
        let f = fixes(&[]);
        let a = fix_part(
            "word/footer1.xml",
            b"<w:ftr><w:p w14:paraId=\"0000abcd\" /><w:p w14:paraId=\"00000001\"></w:p></w:ftr>",
            &f,
            &mut next,
        )
        .unwrap();
        let b = fix_part("word/header1.xml", b"<w:hdr><w:p w14:paraId=\"12345678\" /></w:hdr>", &f, &mut next).unwrap();
        assert_eq!(
            String::from_utf8(a).unwrap(),
            "<w:ftr><w:p w14:paraId=\"00000001\" /><w:p w14:paraId=\"00000002\"></w:p></w:ftr>"
        );
        assert_eq!(String::from_utf8(b).unwrap(), "<w:hdr><w:p w14:paraId=\"00000003\" /></w:hdr>");
    }

    #[test]
    fn the_properties_name_the_title_and_author_escaped() {
        let core = "<cp:coreProperties><dc:creator>unknown</dc:creator><cp:lastModifiedBy>unknown</cp:lastModifiedBy></cp:coreProperties>";
        let f = Fixes { title: "ITA <2568> & \"มาตรการ\"", author: "อบต. ก & ข", ..fixes(&[]) };
        assert_eq!(
            fixed("docProps/core.xml", core, &f).unwrap(),
            "<cp:coreProperties><dc:creator>อบต. ก &amp; ข</dc:creator><cp:lastModifiedBy>อบต. ก &amp; ข</cp:lastModifiedBy>\
             <dc:title>ITA &lt;2568&gt; &amp; &quot;มาตรการ&quot;</dc:title><dc:language>th-TH</dc:language></cp:coreProperties>"
        );
    }

    #[test]
    fn an_undated_document_has_no_creation_date() {
        let core = "<cp:coreProperties><dcterms:created xsi:type=\"dcterms:W3CDTF\">1970-01-01T00:00:00Z</dcterms:created>\
                    <dc:creator>x</dc:creator><cp:lastModifiedBy>x</cp:lastModifiedBy>\
                    <dcterms:modified xsi:type=\"dcterms:W3CDTF\">1970-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>";
        let undated = fixed("docProps/core.xml", core, &Fixes { dated: false, ..fixes(&[]) }).unwrap();
        assert!(!undated.contains("dcterms:") && !undated.contains("1970"), "{undated}");
        assert!(undated.contains("<dc:creator></dc:creator>"), "{undated}");
        let dated = fixed("docProps/core.xml", core, &fixes(&[])).unwrap();
        assert_eq!(dated.matches("1970-01-01").count(), 2, "a dated document keeps its dates: {dated}");
    }
}
