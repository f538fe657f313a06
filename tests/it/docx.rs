//! The DOCX: the same words as the PDF, in a Word document an official can
//! restyle, laid out like the PDF, the same bytes every time.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::support::*;
use ita_report::compose::compose;
use ita_report::disk::check_file;
use ita_report::document::{Block, Chart, Document};
use ita_report::docx::{self, DocxOptions};
use ita_report::fonts::Fonts;
use ita_report::layout::Layout;
use ita_report::pdf::PdfWriter;

const EXAMPLE: &str = "data/hannangam-2568.yaml";
/// Arabic numerals, portrait measures, a signatory, a history chart.
const SIGNATORY: &str = "tests/inputs/docx-signatory.yaml";

/// A document and the digits its file asks for.
fn document(input: &str) -> Document {
    let outcome = check_file(&root().join(input));
    let report = outcome.report.unwrap_or_else(|| panic!("{input} has errors: {:?}", outcome.diagnostics));
    compose(&report)
}

/// The DOCX as the program makes it: charts drawn by the PDF writer.
fn write_docx(pdf: &PdfWriter, doc: &Document) -> Vec<u8> {
    let charts = |c: &Chart, layout: &Layout, dpi: f32| pdf.chart_png(c, layout, dpi).map_err(Into::into);
    let opts = DocxOptions::new(&charts);
    let bytes = docx::write(doc, &opts).expect("the DOCX is written");
    assert_docx_is_xml(&bytes, &doc.meta.title);
    bytes
}

fn docx_of(input: &str) -> (Document, Vec<u8>) {
    let doc = document(input);
    let bytes = write_docx(&PdfWriter::new(Fonts::embedded()), &doc);
    (doc, bytes)
}

/// One part of the package, as text.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut file = zip.by_name(name).unwrap_or_else(|_| panic!("no {name} in the package"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

fn part_names(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    zip.file_names().map(str::to_string).collect()
}

/// The text of each paragraph (its w:t runs), in document order, table
/// cells included.
fn paragraphs(document_xml: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = document_xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').expect("a closed tag");
        let tag = &rest[..=end];
        rest = &rest[end + 1..];
        if tag.starts_with("<w:p ") || tag == "<w:p>" {
            out.push(String::new());
        } else if (tag.starts_with("<w:t ") || tag == "<w:t>") && !tag.ends_with("/>") {
            let close = rest.find("</w:t>").expect("a closed w:t");
            out.last_mut().expect("text in a paragraph").push_str(&unescape(&rest[..close]));
            rest = &rest[close..];
        } else if tag.starts_with("<w:br") {
            out.last_mut().expect("a break in a paragraph").push('\n');
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The Document's text as the DOCX holds it: a chart's bars are in its
/// picture (and its description), not in the text; its title is.
fn expected_text(doc: &Document) -> String {
    let mut doc = doc.clone();
    for block in &mut doc.blocks {
        if let Block::Chart(c) = block {
            c.bars.clear();
        }
    }
    doc.plain_text()
}

fn assert_same_text(input: &str) {
    let (doc, bytes) = docx_of(input);
    let got = squeeze(&paragraphs(&part(&bytes, "word/document.xml")).join("\n"));
    let want = squeeze(&expected_text(&doc));
    if got != want {
        let at = got.chars().zip(want.chars()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| s.chars().skip(at.saturating_sub(40)).take(80).collect::<String>();
        panic!(
            "{input}: the DOCX's text differs at character {at}:\n docx: {}\n want: {}",
            around(&got),
            around(&want)
        );
    }
}

#[test]
fn the_docx_says_what_the_document_says() {
    assert_same_text(EXAMPLE);
    assert_same_text(SIGNATORY);
}

#[test]
fn each_paragraph_of_the_document_is_a_paragraph_of_the_docx() {
    let (doc, bytes) = docx_of(SIGNATORY);
    let docx: Vec<String> = paragraphs(&part(&bytes, "word/document.xml")).iter().map(|p| squeeze(p)).collect();
    for line in expected_text(&doc).lines().filter(|l| !l.trim().is_empty()) {
        let line = squeeze(line);
        assert!(docx.iter().any(|p| p.contains(&line)), "no paragraph holds {line}");
    }
    // Free text keeps its characters: XML escapes are the package's business.
    let text = docx.concat();
    for written in ["การปฏิบัติหน้าที่&การให้บริการ<ทดสอบ>", "\"การขอยืม\"", "(ข้อ'e5'และo12)", "มาตรการA&B"]
    {
        assert!(text.contains(written), "{written}");
    }
}

#[test]
fn the_styles_set_the_font_its_size_and_thai() {
    let (_, bytes) = docx_of(EXAMPLE);
    let styles = part(&bytes, "word/styles.xml");
    let defaults = between(&styles, "<w:rPrDefault>", "</w:rPrDefault>");
    for attr in ["w:ascii=\"TH SarabunPSK\"", "w:hAnsi=\"TH SarabunPSK\"", "w:cs=\"TH SarabunPSK\""] {
        assert!(defaults.contains(attr), "the body font: {attr} in {defaults}");
    }
    assert!(
        defaults.contains("<w:sz w:val=\"32\" />") && defaults.contains("<w:szCs w:val=\"32\" />"),
        "16 pt: {defaults}"
    );
    assert!(defaults.contains("<w:lang w:val=\"th-TH\" w:bidi=\"th-TH\" />"), "Thai: {defaults}");
    for (id, name) in [
        ("Normal", "Normal"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("TableText", "Table Text"),
        ("Caption", "caption"),
    ] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"><w:name w:val=\"{name}\" />")), "style {id}");
    }
    assert_eq!(styles.matches("w:styleId=\"Normal\"").count(), 1, "one Normal style");
    assert!(
        styles.contains("<w:style w:default=\"1\" w:type=\"paragraph\" w:styleId=\"Normal\">"),
        "Normal is the default paragraph style, as readers of the standard (python-docx) expect"
    );
    assert!(between(&styles, "w:styleId=\"BodyText\"", "</w:style>").contains("<w:jc w:val=\"thaiDistribute\" />"));
    let doc = part(&bytes, "word/document.xml");
    assert!(doc.contains("<w:pStyle w:val=\"BodyText\" />") && doc.contains("<w:pStyle w:val=\"Caption\" />"));
}

#[test]
fn a_chosen_font_is_the_body_font() {
    let doc = document(SIGNATORY);
    let pdf = PdfWriter::new(Fonts::embedded());
    let charts = |c: &Chart, layout: &Layout, dpi: f32| pdf.chart_png(c, layout, dpi).map_err(Into::into);
    let opts = DocxOptions { font: "TH Sarabun New".into(), ..DocxOptions::new(&charts) };
    let bytes = docx::write(&doc, &opts).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:cs=\"TH Sarabun New\"") && !styles.contains("TH SarabunPSK"));
    // The font table lists that font alone, as a Thai one (charset DE).
    let fonts = part(&bytes, "word/fontTable.xml");
    assert_eq!(fonts.matches("<w:font ").count(), 1, "{fonts}");
    assert!(fonts.contains("<w:font w:name=\"TH Sarabun New\"><w:charset w:val=\"DE\" />"), "{fonts}");
}

#[test]
fn the_properties_give_the_documents_own_date_or_none() {
    let (_, undated) = docx_of(EXAMPLE);
    let core = part(&undated, "docProps/core.xml");
    assert!(!core.contains("dcterms:created") && !core.contains("1970"), "no date is given, none invented: {core}");
    let (doc, dated) = docx_of(SIGNATORY);
    let [y, m, d] = doc.meta.date.expect("the signatory's input has a date");
    let core = part(&dated, "docProps/core.xml");
    assert!(core.contains(&format!("{y:04}-{m:02}-{d:02}T00:00:00Z</dcterms:created>")), "{core}");
}

/// Each section's properties, in document order.
fn sections(document_xml: &str) -> Vec<&str> {
    document_xml.split("<w:sectPr>").skip(1).map(|s| &s[..s.find("</w:sectPr>").expect("a closed sectPr")]).collect()
}

#[test]
fn pages_are_a4_with_the_pdfs_margins_and_thai_numbers_from_the_first_page_after_the_cover() {
    let (_, bytes) = docx_of(EXAMPLE);
    let doc = part(&bytes, "word/document.xml");
    let sections = sections(&doc);
    assert_eq!(sections.len(), 3, "cover, analysis, measures");
    for s in &sections {
        assert!(
            s.contains("<w:pgMar w:top=\"1417\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\""),
            "margins 2.5, 2, 2, 3 cm: {s}"
        );
    }
    let cover = sections[0];
    assert!(cover.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\" />"), "A4 portrait: {cover}");
    assert!(!cover.contains("footerReference") && !cover.contains("pgNumType"), "no number on the cover: {cover}");
    for s in &sections[1..] {
        assert!(s.contains("footerReference"), "a page number: {s}");
        let (mar, num) = (s.find("<w:pgMar").unwrap(), s.find("<w:pgNumType w:fmt=\"thaiNumbers\"").expect(s));
        assert!(mar < num, "pgNumType after pgMar: {s}");
    }
    assert!(sections[1].contains("w:start=\"1\""), "numbered from 1 after the cover: {}", sections[1]);
    assert!(!sections[2].contains("w:start"), "numbers run on: {}", sections[2]);
    let footer = part(&bytes, "word/footer1.xml");
    assert!(footer.contains("<w:instrText>PAGE</w:instrText>") && !footer.contains("ThaiArabic"), "{footer}");
}

#[test]
fn landscape_sections_are_turned_and_arabic_numerals_stay_decimal() {
    let (_, bytes) = docx_of(EXAMPLE);
    let doc = part(&bytes, "word/document.xml");
    let measures = *sections(&doc).last().unwrap();
    assert!(measures.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\" />"), "{measures}");

    let (_, bytes) = docx_of(SIGNATORY);
    let doc = part(&bytes, "word/document.xml");
    assert!(!doc.contains("landscape"), "the file asks for portrait measures");
    assert!(!doc.contains("thaiNumbers"), "the file asks for Arabic numerals");
}

#[test]
fn tables_repeat_their_header_merge_the_analysis_and_fit_the_page() {
    let (doc, bytes) = docx_of(EXAMPLE);
    let xml = part(&bytes, "word/document.xml");
    let tables: Vec<_> =
        doc.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
    assert_eq!(xml.matches("<w:tbl>").count(), tables.len());
    assert_eq!(xml.matches("<w:tblHeader />").count(), tables.len(), "one repeated header row a table");
    let spanning: Vec<usize> =
        tables.iter().flat_map(|t| t.rows.iter().flatten()).filter(|c| c.rows > 1).map(|c| c.rows).collect();
    assert!(!spanning.is_empty());
    assert_eq!(xml.matches("<w:vMerge w:val=\"restart\" />").count(), spanning.len());
    assert_eq!(xml.matches("<w:vMerge w:val=\"continue\" />").count(), spanning.iter().map(|n| n - 1).sum::<usize>());
    // Columns fill the text width of their page: portrait, then landscape.
    for table in xml.split("<w:tblGrid>").skip(1) {
        let grid = &table[..table.find("</w:tblGrid>").unwrap()];
        let width: usize =
            grid.split("<w:gridCol w:w=\"").skip(1).map(|c| c[..c.find('"').unwrap()].parse::<usize>().unwrap()).sum();
        assert!(width == 11906 - 1701 - 1134 || width == 16838 - 1701 - 1134, "a table {width} twips wide");
    }
}

#[test]
fn charts_are_pictures_with_their_descriptions_that_fit_the_page() {
    let (doc, bytes) = docx_of(SIGNATORY);
    let charts: Vec<&Chart> =
        doc.blocks.iter().filter_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).collect();
    assert_eq!(charts.len(), 2, "history and indicators");
    let media: Vec<String> = part_names(&bytes).into_iter().filter(|n| n.starts_with("word/media/")).collect();
    assert_eq!(media.len(), 2, "{media:?}");
    let xml = part(&bytes, "word/document.xml");
    for (i, chart) in charts.iter().enumerate() {
        let n = i + 1;
        let descr = format!("<wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{}\" />", chart.alt);
        assert!(xml.contains(&descr), "{descr}");
    }
    for extent in xml.split("<wp:extent cx=\"").skip(1) {
        let cx: u64 = extent[..extent.find('"').unwrap()].parse().unwrap();
        assert!(cx > 0 && cx <= (11906 - 1701 - 1134) * 635, "a picture {cx} EMU wide");
    }
}

#[test]
fn writing_the_same_document_twice_gives_the_same_bytes() {
    let doc = document(EXAMPLE);
    let pdf = PdfWriter::new(Fonts::embedded());
    let first = write_docx(&pdf, &doc);
    let second = write_docx(&pdf, &doc);
    assert!(first == second, "two writes differ");
    // Another thread starts docx-rs's counters afresh: still the same.
    let third = std::thread::scope(|s| s.spawn(|| write_docx(&pdf, &doc)).join().unwrap());
    assert!(first == third, "a write on another thread differs");
}

/// LibreOffice's PDF of the DOCX: what an official without Word gets.
fn libreoffice_pdf(docx: &[u8], dir: &Path) -> std::path::PathBuf {
    let file = dir.join("report.docx");
    std::fs::write(&file, docx).unwrap();
    // A profile of its own, so a running LibreOffice does not take the job.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&file)
        .output()
        .expect("run soffice");
    let pdf = dir.join("report.pdf");
    assert!(pdf.exists(), "soffice made no PDF: {}", String::from_utf8_lossy(&out.stderr));
    pdf
}

fn have_libreoffice(test: &str) -> bool {
    if Command::new("soffice").arg("--version").output().is_err() {
        skip(test, "`soffice` is not installed (apt-get install libreoffice-writer)");
        return false;
    }
    have("pdfinfo", test) && have("pdftotext", test)
}

fn assert_libreoffice_lays_out_like_the_pdf(input: &str) {
    let doc = document(input);
    let pdf = PdfWriter::new(Fonts::embedded());
    let dir = tempfile::tempdir().unwrap();
    let typst_pdf = dir.path().join("typst.pdf");
    std::fs::write(&typst_pdf, pdf.write(&doc).unwrap()).unwrap();
    let office_pdf = libreoffice_pdf(&write_docx(&pdf, &doc), dir.path());

    let pages = |p: &Path| pdf_info(p, "Pages", None).parse::<usize>().unwrap();
    let (typst, office) = (pages(&typst_pdf), pages(&office_pdf));
    assert!(office.abs_diff(typst) * 3 <= typst, "{input}: LibreOffice made {office} pages, Typst {typst}");

    // Each paragraph in order; a table cell's lines may be interleaved
    // with its neighbours' lines and cut by a page break, so a paragraph
    // may come in pieces, about one a line.
    let text = squeeze(&pdf_text(&office_pdf));
    let want = expected_text(&doc);
    let found = |line: &str| found_in_pieces(&text, line, 4 + line.chars().count() / 20);
    let missing: Vec<&str> = want.lines().filter(|l| !l.trim().is_empty()).filter(|l| !found(&squeeze(l))).collect();
    assert!(missing.is_empty(), "{input}: not in LibreOffice's PDF: {missing:#?}");
}

#[test]
fn libreoffice_lays_out_the_example_like_the_pdf() {
    if have_libreoffice("libreoffice_lays_out_the_example_like_the_pdf") {
        assert_libreoffice_lays_out_like_the_pdf(EXAMPLE);
    }
}

#[test]
fn libreoffice_lays_out_a_portrait_document_with_a_signatory_like_the_pdf() {
    if have_libreoffice("libreoffice_lays_out_a_portrait_document_with_a_signatory_like_the_pdf") {
        assert_libreoffice_lays_out_like_the_pdf(SIGNATORY);
    }
}

/// Whether `needle` stands in `hay` in order in at most `pieces` pieces.
/// Each piece is taken where the rest of the needle next begins (its first
/// few characters), as long as it runs on: not the longest match anywhere,
/// which may lie in a later paragraph that opens with the same words.
fn found_in_pieces(hay: &str, needle: &str, pieces: usize) -> bool {
    const PROBE: usize = 12;
    let (hay, needle): (Vec<char>, Vec<char>) = (hay.chars().collect(), needle.chars().collect());
    let find =
        |from: usize, probe: &[char]| hay[from..].windows(probe.len()).position(|w| w == probe).map(|i| from + i);
    let first = &needle[..needle.len().min(PROBE)];
    let starts = (0..hay.len()).filter(|&i| hay[i..].starts_with(first));
    starts.into_iter().any(|start| {
        let (mut from, mut rest) = (start, &needle[..]);
        for _ in 0..pieces {
            if rest.is_empty() {
                return true;
            }
            let Some(at) = find(from, &rest[..rest.len().min(PROBE)]) else { return false };
            let run = hay[at..].iter().zip(rest).take_while(|(a, b)| a == b).count();
            (from, rest) = (at + run, &rest[run..]);
        }
        rest.is_empty()
    })
}

fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let start = s.find(from).unwrap_or_else(|| panic!("no {from}")) + from.len();
    &s[start..start + s[start..].find(to).unwrap_or_else(|| panic!("no {to} after {from}"))]
}
