//! The children of WordprocessingML's property elements in the order
//! ECMA-376 (Part 1, the transitional schema) gives them. docx-rs writes
//! some in its own order (w:rPr before w:pStyle, w:jc after w:ind, w:sz
//! before w:b); Word validates these sequences and may call such a file
//! corrupt. The events of each part, as the fix-ups' pass reads them
//! (`fixes`), make a small tree; the children of each element below are
//! put in order (stable, so elements the schema repeats keep theirs) and
//! the part is written from it.

use quick_xml::errors::IllFormedError;
use quick_xml::events::{BytesEnd, BytesStart, Event};

use super::xml::element;

/// Each element whose children this pass orders, and their sequence. Names
/// the schema does not list there stay where they are (the element is left
/// as written); content after the properties (runs, cells, rows) keeps its
/// order behind them.
const SEQUENCES: &[(&str, &str)] = &[
    // CT_PPr: EG_PPrBase, then rPr, sectPr, pPrChange.
    (
        "w:pPr",
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs \
         suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd \
         snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment \
         textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    ),
    // CT_RPr and CT_ParaRPr: EG_RPrBase, after a paragraph mark's changes.
    (
        "w:rPr",
        "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint \
         noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText \
         vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange",
    ),
    (
        "w:tblPr",
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd \
         tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    ),
    (
        "w:tcPr",
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark headers \
         cellIns cellDel cellMerge tcPrChange",
    ),
    // CT_SectPr: the header and footer references, a choice, first.
    (
        "w:sectPr",
        "headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType \
         cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    ),
    ("w:tblBorders", "top left start bottom right end insideH insideV"),
    ("w:tcBorders", "top left start bottom right end insideH insideV tl2br tr2bl"),
    ("w:pBdr", "top left bottom right between bar"),
    ("w:tblCellMar", "top left start bottom right end"),
    ("w:tcMar", "top left start bottom right end"),
    (
        "w:style",
        "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked \
         personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    ),
    ("w:lvl", "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"),
    // CT_Settings, but for its two children of other namespaces (m:mathPr,
    // sl:schemaLibrary), which leave the element as written.
    (
        "w:settings",
        "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries \
         displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData \
         embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges \
         bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors \
         activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter \
         stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting \
         documentProtection autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation \
         consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle \
         defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets \
         drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery \
         displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin \
         drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne \
         strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema \
         saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly \
         useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults \
         footnotePr endnotePr compat docVars rsids attachedSchema themeFontLang clrSchemeMapping \
         doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown \
         smartTagType shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator",
    ),
];

/// Elements whose properties come first, before their content in document
/// order.
const PROPERTIES_FIRST: &[(&str, &str)] =
    &[("w:p", "pPr"), ("w:r", "rPr"), ("w:tbl", "tblPr tblGrid"), ("w:tr", "tblPrEx trPr"), ("w:tc", "tcPr")];

/// Where a child named `name` (with its `w:`) stands in `sequence`. The
/// parts docx-rs writes name WordprocessingML's namespace `w` throughout.
fn rank(sequence: &str, name: &str) -> Option<usize> {
    let local = name.strip_prefix("w:")?;
    sequence.split_whitespace().position(|s| s.split('|').any(|alt| alt == local))
}

/// An element of a part, its children read.
enum Node {
    Element { start: BytesStart<'static>, children: Vec<Node> },
    Empty(BytesStart<'static>),
    Other(Event<'static>),
}

impl Node {
    fn name(&self) -> Option<&str> {
        match self {
            Node::Element { start, .. } | Node::Empty(start) => Some(element(start)),
            Node::Other(_) => None,
        }
    }
}

/// A part's events with the children of its property elements in the
/// schema's order: the fix-ups' pass hands them over as it reads the part,
/// so the part is read and written once.
pub(super) fn in_schema_order(events: Vec<Event<'static>>) -> Result<Vec<Event<'static>>, quick_xml::Error> {
    let mut nodes = tree(events)?;
    nodes.iter_mut().for_each(order);
    let mut out = Vec::new();
    nodes.into_iter().for_each(|node| flatten(node, &mut out));
    Ok(out)
}

fn tree(events: Vec<Event<'static>>) -> Result<Vec<Node>, quick_xml::Error> {
    // The open elements, each with the children read so far; the part's
    // top level at the bottom.
    let mut open: Vec<(Option<BytesStart<'static>>, Vec<Node>)> = vec![(None, Vec::new())];
    for event in events {
        let node = match event {
            Event::Start(start) => {
                open.push((Some(start), Vec::new()));
                continue;
            }
            // The reader has matched every end tag with its start.
            Event::End(_) => match open.pop() {
                Some((Some(start), children)) => Node::Element { start, children },
                _ => unreachable!("an end tag without its start"),
            },
            Event::Empty(start) => Node::Empty(start),
            other => Node::Other(other),
        };
        open.last_mut().expect("the top level").1.push(node);
    }
    // The reader does not report an element the part never closes.
    match open.pop() {
        Some((Some(start), _)) => Err(IllFormedError::MissingEndTag(element(&start).to_string()).into()),
        Some((None, nodes)) => Ok(nodes),
        None => unreachable!("the top level is never closed"),
    }
}

/// Orders the children of `node` and of everything below it.
fn order(node: &mut Node) {
    let Node::Element { start, children } = node else { return };
    children.iter_mut().for_each(order);
    let name = element(start);
    if let Some((_, sequence)) = SEQUENCES.iter().find(|(n, _)| *n == name) {
        let at = |child: &Node| child.name().and_then(|c| rank(sequence, c));
        // Only where the schema knows every child: anything else is left
        // as it was written.
        if children.iter().all(|c| at(c).is_some()) {
            children.sort_by_key(at);
        }
    } else if let Some((_, first)) = PROPERTIES_FIRST.iter().find(|(n, _)| *n == name) {
        let after = first.split_whitespace().count();
        children.sort_by_key(|c| c.name().and_then(|c| rank(first, c)).unwrap_or(after));
    }
}

fn flatten(node: Node, out: &mut Vec<Event<'static>>) {
    match node {
        Node::Element { start, children } => {
            let end = BytesEnd::new(element(&start).to_string());
            out.push(Event::Start(start));
            children.into_iter().for_each(|child| flatten(child, out));
            out.push(Event::End(end));
        }
        Node::Empty(start) => out.push(Event::Empty(start)),
        Node::Other(event) => out.push(event),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Vec<Event<'static>> {
        let mut reader = quick_xml::Reader::from_str(xml);
        std::iter::from_fn(|| Some(reader.read_event().unwrap().into_owned()).filter(|e| *e != Event::Eof)).collect()
    }

    fn ordered(xml: &str) -> String {
        let mut writer = quick_xml::Writer::new(Vec::new());
        for e in in_schema_order(events(xml)).unwrap() {
            writer.write_event(e).unwrap();
        }
        String::from_utf8(writer.into_inner()).unwrap()
    }

    #[test]
    fn properties_follow_the_schemas_sequence() {
        let p = "<w:p><w:r><w:t>ก</w:t></w:r><w:pPr><w:rPr><w:sz w:val=\"32\" /><w:b /></w:rPr><w:jc w:val=\"center\" /><w:pStyle w:val=\"A\" /></w:pPr></w:p>";
        assert_eq!(
            ordered(p),
            "<w:p><w:pPr><w:pStyle w:val=\"A\" /><w:jc w:val=\"center\" /><w:rPr><w:b /><w:sz w:val=\"32\" /></w:rPr></w:pPr><w:r><w:t>ก</w:t></w:r></w:p>"
        );
        let sect = "<w:sectPr><w:pgSz w:w=\"1\" /><w:cols w:num=\"1\" /><w:footerReference r:id=\"f\" /><w:pgNumType w:start=\"1\" /></w:sectPr>";
        assert_eq!(
            ordered(sect),
            "<w:sectPr><w:footerReference r:id=\"f\" /><w:pgSz w:w=\"1\" /><w:pgNumType w:start=\"1\" /><w:cols w:num=\"1\" /></w:sectPr>"
        );
    }

    #[test]
    fn what_the_schema_does_not_list_is_left_as_written() {
        let unknown = "<w:rPr><w:sz w:val=\"32\" /><w:madeUp /><w:b /></w:rPr>";
        assert_eq!(ordered(unknown), unknown);
        let cell =
            "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p><w:tbl /><w:p /><w:tcPr><w:tcW w:w=\"5\" /></w:tcPr></w:tc>";
        assert_eq!(
            ordered(cell),
            "<w:tc><w:tcPr><w:tcW w:w=\"5\" /></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p><w:tbl /><w:p /></w:tc>"
        );
    }

    #[test]
    fn a_part_with_an_element_left_open_is_an_error() {
        assert!(in_schema_order(events("<w:document><w:body><w:p>")).is_err());
    }

    #[test]
    fn comments_and_instructions_stay_and_leave_their_element_as_written() {
        let xml = "<w:rPr><w:sz w:val=\"32\" /><!-- ขนาด --><w:b /></w:rPr><?pi x?><w:p><w:r /><w:pPr /></w:p>";
        assert_eq!(
            ordered(xml),
            "<w:rPr><w:sz w:val=\"32\" /><!-- ขนาด --><w:b /></w:rPr><?pi x?><w:p><w:pPr /><w:r /></w:p>"
        );
    }

    #[test]
    fn text_declarations_and_escapes_come_back_as_they_were() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"u\"><w:t xml:space=\"preserve\"> a &amp; &lt;b&gt; ไทย </w:t></w:document>";
        assert_eq!(ordered(xml), xml);
    }
}
