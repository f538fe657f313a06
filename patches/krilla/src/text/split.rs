//! Patch (see the README beside the patched crate): the text each glyph of a
//! cluster stands for on its own.
//!
//! A shaper draws some clusters with several glyphs: a Thai consonant with
//! its tone mark and vowels, a mark the font substituted (lowered, shifted),
//! SARA AM decomposed into NIKHAHIT and SARA AA. krilla gives such a cluster's
//! whole text to its first glyph and none to the others, and relies on
//! `/ActualText`, which many viewers ignore. Here each glyph of such a
//! cluster gets the part of the cluster's text it stands for, so that the
//! ToUnicode map alone gives the text back:
//! - a glyph the font's cmap reaches stands for its character;
//! - NIKHAHIT and SARA AA drawn for SARA AM stand for nothing and for SARA AM;
//! - a glyph reached through the Thai private use code points (the lowered
//!   and shifted marks of Thai fonts) stands for the mark it is a form of;
//! - the glyphs left (made by other substitutions: ligatures) stand for the
//!   characters left, in order.
//!
//! Marks that the font drew in another order than the text's are put back in
//! the text's order (they have no advance, so their positions stay as they
//! are). A cluster is split only when the parts, in order, give its text
//! back; otherwise it is left to krilla as it was. A glyph that stands for
//! nothing is drawn as a path, since a viewer would extract something for it.
//! The glyphs of a split cluster keep the cluster (its text drawn here) as
//! their text range, so that krilla still wraps it in `/ActualText` for the
//! viewers that read it; the text each glyph stands for goes beside them.
//!
//! Typst draws the glyphs of a cluster that are moved up or down (a Thai mark
//! over another, a vowel under ฎ) as a text of their own, after the others.
//! A Thai or Lao cluster may so lack some of its marks here: the part drawn
//! first stands for the cluster's text up to the first mark it lacks (its
//! glyphs for marks after that stand for nothing), the part drawn later for
//! the rest, so that the text comes out in order.

use std::ops::Range;

use skrifa::MetadataProvider;

use crate::text::{Font, Glyph, KrillaGlyph};

/// A run of glyphs with its clusters split.
pub(crate) struct Split {
    /// The advance (at size 1) of the glyphs that stand for nothing before
    /// the first of `glyphs`.
    pub(crate) lead: f32,
    /// The glyphs to draw as text, their text range the cluster's text they
    /// draw.
    pub(crate) glyphs: Vec<KrillaGlyph>,
    /// The text each of `glyphs` stands for, where its cluster was split.
    pub(crate) own: Vec<Option<Range<usize>>>,
    /// The glyphs that stand for nothing, positioned from the run's start.
    pub(crate) silent: Vec<KrillaGlyph>,
}

/// SARA AM and LAO AM, which the shaper draws as NIKHAHIT (NIGGAHITA) and AA.
const AM: [(char, char, char); 2] = [
    ('\u{0E33}', '\u{0E4D}', '\u{0E32}'),
    ('\u{0EB3}', '\u{0ECD}', '\u{0EB2}'),
];

/// The Thai marks and letters that fonts also draw in other forms, which
/// they reach through the private use code points U+F700 to U+F71A.
const THAI_PUA: &str = "\u{0E10}\u{0E34}\u{0E35}\u{0E36}\u{0E37}\u{0E48}\u{0E49}\u{0E4A}\u{0E4B}\u{0E4C}\
    \u{0E48}\u{0E49}\u{0E4A}\u{0E4B}\u{0E4C}\u{0E0D}\u{0E31}\u{0E4D}\u{0E47}\u{0E48}\u{0E49}\u{0E4A}\u{0E4B}\
    \u{0E4C}\u{0E38}\u{0E39}\u{0E3A}";

thread_local! {
    /// The glyphs that the last fonts reach through the Thai private use
    /// code points, with the character each is a form of.
    static PUA: std::cell::RefCell<Vec<(Font, std::rc::Rc<[(u32, char)]>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn thai_pua(font: &Font, glyph_of: &impl Fn(u32) -> Option<u32>) -> std::rc::Rc<[(u32, char)]> {
    PUA.with_borrow_mut(|cache| {
        if let Some((_, pua)) = cache.iter().find(|(f, _)| f == font) {
            return pua.clone();
        }
        let pua: std::rc::Rc<[(u32, char)]> = THAI_PUA
            .chars()
            .zip(0xF700..)
            .filter_map(|(c, cp)| Some((glyph_of(cp)?, c)))
            .collect();
        if cache.len() == 8 {
            cache.remove(0);
        }
        cache.push((font.clone(), pua.clone()));
        pua
    })
}

/// A Thai or Lao mark, which Typst may draw apart from its cluster.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
        || matches!(c, '\u{0EB1}' | '\u{0EB4}'..='\u{0EBC}' | '\u{0EC8}'..='\u{0ECE}')
}

/// The run with its clusters split, or `None` when it has no cluster of more
/// than one glyph nor a part of a Thai or Lao cluster, or is not in the
/// text's order (right-to-left), or runs vertically.
pub(crate) fn split_clusters(font: &Font, glyphs: &[impl Glyph], text: &str) -> Option<Split> {
    let mut split_any = false;
    for (k, g) in glyphs.iter().enumerate() {
        let range = g.text_range();
        if let Some(next) = glyphs.get(k + 1) {
            let next = next.text_range();
            if next.start < range.start {
                return None;
            }
            split_any |= next == range;
        }
        split_any |= range.len() > 3 && text[range].chars().any(is_mark);
    }
    if !split_any || glyphs.iter().any(|g| g.y_advance(1.0) != 0.0) {
        return None;
    }

    let charmap = font.font_ref().charmap();
    let glyph_of = |c: u32| charmap.map(c).map(|g| g.to_u32());
    let pua = thai_pua(font, &glyph_of);
    let mut split = Split {
        lead: 0.0,
        glyphs: Vec::with_capacity(glyphs.len()),
        own: Vec::new(),
        silent: Vec::new(),
    };
    let mut pen = 0.0;
    let mut i = 0;
    while i < glyphs.len() {
        let range = glyphs[i].text_range();
        let end = i + glyphs[i..]
            .iter()
            .take_while(|g| g.text_range() == range)
            .count();
        let cluster = &glyphs[i..end];
        let parts = if cluster.len() > 1 || text[range.clone()].chars().nth(1).is_some() {
            own_texts(cluster, text, range.clone(), &glyph_of, &pua)
        } else {
            None
        };
        // The cluster's text drawn here: its parts, which are in order.
        let drawn = parts.as_ref().map(|parts| {
            let own = || parts.iter().map(|(_, r)| r).filter(|r| !r.is_empty());
            let start = own().map(|r| r.start).min().unwrap_or(range.start);
            start..own().map(|r| r.end).max().unwrap_or(start)
        });
        let parts: Vec<(usize, Option<Range<usize>>)> = match parts {
            Some(parts) => parts.into_iter().map(|(k, r)| (k, Some(r))).collect(),
            None => (0..cluster.len()).map(|k| (k, None)).collect(),
        };
        for (k, own) in parts {
            let g = &cluster[k];
            let (advance, offset) = (g.x_advance(1.0), g.x_offset(1.0));
            let range = drawn.clone().unwrap_or(range.clone());
            let glyph = KrillaGlyph::new(
                g.glyph_id(),
                advance,
                offset,
                g.y_offset(1.0),
                0.0,
                range,
                g.location(),
            );
            if own.as_ref().is_some_and(|r| r.is_empty()) {
                split.silent.push(KrillaGlyph {
                    x_advance: 0.0,
                    x_offset: pen + offset,
                    ..glyph
                });
                match split.glyphs.last_mut() {
                    Some(last) => last.x_advance += advance,
                    None => split.lead += advance,
                }
            } else {
                split.glyphs.push(glyph);
                split.own.push(own);
            }
            pen += advance;
        }
        i = end;
    }
    Some(split)
}

/// Each glyph of a cluster (its index in the cluster) with the text it
/// stands for, in the order to draw them; `None` when the parts do not give
/// the cluster's text back.
fn own_texts(
    cluster: &[impl Glyph],
    text: &str,
    range: Range<usize>,
    glyph_of: &impl Fn(u32) -> Option<u32>,
    pua: &[(u32, char)],
) -> Option<Vec<(usize, Range<usize>)>> {
    let chars: Vec<(Range<usize>, char)> = text[range.clone()]
        .char_indices()
        .map(|(at, c)| (range.start + at..range.start + at + c.len_utf8(), c))
        .collect();
    let gids: Vec<u32> = cluster.iter().map(|g| g.glyph_id().to_u32()).collect();
    let mut taken = vec![false; chars.len()];
    let mut own: Vec<Option<Range<usize>>> = vec![None; cluster.len()];
    let mut take =
        |own: &mut Vec<Option<Range<usize>>>, k: usize, matches: &dyn Fn(char) -> bool| {
            if let Some(c) = (0..chars.len()).find(|&c| !taken[c] && matches(chars[c].1)) {
                taken[c] = true;
                own[k] = Some(chars[c].0.clone());
            }
        };

    // A glyph the font's cmap reaches stands for its character.
    for (k, &gid) in gids.iter().enumerate() {
        take(&mut own, k, &|c| glyph_of(c as u32) == Some(gid));
    }
    // SARA AM drawn as NIKHAHIT and SARA AA: the SARA AA glyph stands for it.
    for &(am, nikhahit, aa) in &AM {
        let free = |own: &[Option<Range<usize>>], ch: char| {
            (0..gids.len()).find(|&k| own[k].is_none() && glyph_of(ch as u32) == Some(gids[k]))
        };
        while let (Some(n), Some(a)) = (free(&own, nikhahit), free(&own, aa)) {
            take(&mut own, a, &|c| c == am);
            match &own[a] {
                Some(r) => own[n] = Some(r.start..r.start),
                None => break,
            }
        }
    }
    // A glyph reached through a Thai private use code point stands for the
    // mark (or letter) it is a form of.
    for (k, &gid) in gids.iter().enumerate() {
        if own[k].is_none() {
            take(&mut own, k, &|c| {
                pua.iter().any(|&(g, m)| g == gid && m == c)
            });
        }
    }
    // The glyphs left, which the font's substitutions made, stand for the
    // characters left, in order; the last of them for all the rest.
    let left: Vec<usize> = (0..chars.len()).filter(|&c| !taken[c]).collect();
    let glyphs_left: Vec<usize> = (0..gids.len()).filter(|&k| own[k].is_none()).collect();
    if left.len() < glyphs_left.len() {
        return None;
    }
    for (n, &k) in glyphs_left.iter().enumerate() {
        let last = if n + 1 == glyphs_left.len() {
            *left.last()?
        } else {
            left[n]
        };
        own[k] = Some(chars[left[n]].0.start..chars[last].0.end);
        taken[left[n]..=last].iter_mut().for_each(|t| *t = true);
    }
    // What is still left is drawn in another part of the cluster: the
    // characters before those drawn here, or Thai and Lao marks.
    let first_here = (0..chars.len())
        .find(|&c| taken[c])
        .map_or(usize::MAX, |c| chars[c].0.start);
    if (0..chars.len()).any(|c| !taken[c] && chars[c].0.end > first_here && !is_mark(chars[c].1)) {
        return None;
    }
    let mut own: Vec<(usize, Range<usize>)> =
        own.into_iter().map(Option::unwrap).enumerate().collect();

    // Marks drawn in another order than the text's (with no advance, so at
    // the same pen position) are put in the text's order.
    let mut k = 0;
    while k < own.len() {
        let run = own[k..]
            .iter()
            .take_while(|(g, _)| cluster[*g].x_advance(1.0) == 0.0)
            .count();
        own[k..k + run].sort_by_key(|(_, r)| r.start);
        k += run.max(1);
    }

    // The parts, in order, must be the cluster's text, or the part of it
    // this part of the cluster stands for: up to the first mark drawn apart
    // (the glyphs after it stand for nothing) when it has the cluster's
    // first character, else from its first character to the end.
    let first = own
        .iter()
        .filter(|(_, r)| !r.is_empty())
        .map(|(_, r)| r.start)
        .min()?;
    let mut at = first;
    let mut cut = false;
    for (_, r) in own.iter_mut() {
        if r.start == r.end {
            continue;
        }
        if cut || r.start != at {
            if first != range.start || r.start < at {
                return None;
            }
            cut = true;
            *r = at..at;
            continue;
        }
        at = r.end;
    }
    if first != range.start {
        let (_, last) = own.iter_mut().rev().find(|(_, r)| !r.is_empty())?;
        last.end = range.end;
    }
    Some(own)
}
