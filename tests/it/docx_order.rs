//! The DOCX's elements in the order of ECMA-376's schema (Part 1,
//! transitional wml.xsd): for each element the program writes whose
//! children the schema gives as a sequence, every child it writes is one
//! the sequence allows there, and they come in the sequence's order. Word
//! refuses or "repairs" a file that breaks these; LibreOffice does not
//! mind, so only a check like this one tells.

use std::io::Read;

use ita_report::compose::{compose, compose_followup};
use ita_report::disk::check_file;
use ita_report::document::{Chart, Document};
use ita_report::docx::{self, DocxOptions};
use ita_report::fonts::Fonts;
use ita_report::layout::Layout;
use ita_report::pdf::PdfWriter;

use crate::support::inputs;

/// The sequences of the schema's complex types, as wml.xsd gives them
/// (a `|` joins the members of a choice that stands in one place).
const SCHEMA: &[(&str, &str)] = &[
    // CT_PPr = CT_PPrBase + rPr, sectPr, pPrChange (17.3.1.26)
    (
        "pPr",
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs \
         suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd \
         snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment \
         textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    ),
    // CT_RPr / CT_ParaRPr: EG_RPrBase (17.3.2.28)
    (
        "rPr",
        "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint \
         noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText \
         vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange",
    ),
    // CT_TblPr (17.4.60)
    (
        "tblPr",
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd \
         tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    ),
    // CT_TcPr (17.4.70)
    (
        "tcPr",
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark \
         headers cellIns cellDel cellMerge tcPrChange",
    ),
    // CT_SectPr (17.6.17)
    (
        "sectPr",
        "headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType \
         cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    ),
    ("tblBorders", "top left|start bottom right|end insideH insideV"),
    ("tcBorders", "top left|start bottom right|end insideH insideV tl2br tr2bl"),
    ("tblCellMar", "top left|start bottom right|end"),
    ("tcMar", "top left|start bottom right|end"),
    // CT_Style (17.7.4.17)
    (
        "style",
        "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked \
         personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    ),
    ("pBdr", "top left bottom right between bar"),
    // CT_Lvl (17.9.6)
    ("lvl", "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"),
    // CT_Settings (17.15.1.78), the members the program may write
    (
        "settings",
        "writeProtection view zoom removePersonalInformation proofState defaultTabStop autoHyphenation \
         characterSpacingControl footnotePr endnotePr compat docVars rsids themeFontLang decimalSymbol listSeparator",
    ),
    // CT_Tbl, CT_Row, CT_Tc, CT_P, CT_R: properties first
    ("tbl", "tblPr tblGrid tr"),
    ("tr", "tblPrEx trPr tc"),
    ("tc", "tcPr p|tbl"),
];

/// Every element of a part whose children break its sequence, as
/// `parent: child after earlier`.
fn out_of_order(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut found = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        let Some((_, sequence)) = SCHEMA.iter().find(|(n, _)| *n == name) else { continue };
        let rank = |child: &str| sequence.split_whitespace().position(|s| s.split('|').any(|alt| alt == child));
        let mut last: Option<(usize, &str)> = None;
        for child in node.children().filter(|c| c.is_element()) {
            let c = child.tag_name().name();
            match (rank(c), last) {
                (None, _) => found.push(format!("{name}: {c}, which the schema does not allow there")),
                (Some(r), Some((l, before))) if r < l => found.push(format!("{name}: {c} after {before}")),
                (Some(r), _) => last = Some((r, c)),
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn docx(doc: &Document) -> Vec<u8> {
    let pdf = PdfWriter::new(Fonts::embedded());
    let charts = |c: &Chart, layout: &Layout, dpi: f32| pdf.chart_png(c, layout, dpi).map_err(Into::into);
    docx::write(doc, &DocxOptions::new(&charts)).expect("the DOCX is written")
}

#[test]
fn every_docx_part_is_in_the_schemas_order() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for input in inputs() {
        let Some(report) = check_file(&input).report else { continue };
        checked += 1;
        let documents = [("", compose(&report)), (" (follow-up)", compose_followup(&report))];
        for (what, doc) in documents.iter().filter(|(what, _)| what.is_empty() || report.followup.asked) {
            let bytes = docx(doc);
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut part = zip.by_index(i).unwrap();
                let name = part.name().to_string();
                if !(name.starts_with("word/") && name.ends_with(".xml")) {
                    continue;
                }
                let mut xml = String::new();
                part.read_to_string(&mut xml).unwrap();
                let shown = input.file_name().unwrap().to_string_lossy();
                problems.extend(out_of_order(&xml).into_iter().map(|p| format!("{shown}{what} {name}: {p}")));
            }
        }
    }
    assert!(checked > 5, "only {checked} inputs built");
    assert!(problems.is_empty(), "{} out of the schema's order:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_check_finds_what_breaks_the_order() {
    let xml = "<w:document xmlns:w=\"w\"><w:p><w:pPr><w:rPr /><w:pStyle /></w:pPr></w:p>\
               <w:sectPr><w:pgSz /><w:footerReference /><w:madeUp /></w:sectPr></w:document>";
    assert_eq!(
        out_of_order(xml),
        [
            "pPr: pStyle after rPr",
            "sectPr: footerReference after pgSz",
            "sectPr: madeUp, which the schema does not allow there"
        ]
    );
}
