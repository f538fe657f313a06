//! Pictures: the charts, drawn as the PDF draws them, and the cover's logo,
//! each in line with the text and described for screen readers.

use std::io::Cursor;

use docx_rs as dx;

use super::blocks::{Child, text_run};
use super::page::Page;
use super::styles::CAPTION;
use super::{CHART_DPI, DocxError, Writer};
use crate::document::{Chart, Cover};
use crate::sniff::Kind;

const EMU_PER_TWIP: u64 = 635;
const EMU_PER_INCH: f64 = 914_400.0;

impl Writer<'_> {
    /// The title as a caption an official can edit, then the PDF's drawing
    /// of the bars without its title.
    pub(super) fn chart(&mut self, chart: &Chart, page: Page) -> Result<Vec<Child>, DocxError> {
        let caption = dx::Paragraph::new().style(CAPTION).add_run(text_run(&chart.title));
        let bars = Chart { title: String::new(), ..chart.clone() };
        let failed = |source| DocxError::Chart { title: chart.title.clone(), source };
        let png = (self.opts.chart_png)(&bars, self.layout, CHART_DPI).map_err(failed)?;
        let (w_px, h_px) = pixels(&png).map_err(|e| failed(e.into()))?;
        let natural = (
            (f64::from(w_px) / f64::from(CHART_DPI) * EMU_PER_INCH) as u64,
            (f64::from(h_px) / f64::from(CHART_DPI) * EMU_PER_INCH) as u64,
        );
        let size = fit(natural, page.text_width() as u64 * EMU_PER_TWIP);
        let pic = self.picture(png, (w_px, h_px), size, &chart.alt);
        let figure = dx::Paragraph::new().align(dx::AlignmentType::Center).add_run(dx::Run::new().add_image(pic));
        Ok(vec![caption.into(), figure.into()])
    }

    /// The cover's logo at the layout's height (narrower than the text), and
    /// that height in twips.
    pub(super) fn logo(&mut self, logo: &[u8], cover: &Cover, page: Page) -> Result<(dx::Pic, i32), DocxError> {
        let (png, px) = logo_png(logo)?;
        let height = self.layout.cover.logo_height.twips() as u64 * EMU_PER_TWIP;
        let natural = (height * u64::from(px.0) / u64::from(px.1.max(1)), height);
        let size = fit(natural, page.text_width() as u64 * EMU_PER_TWIP);
        // The logo is the agency's emblem: its name describes it.
        let alt = cover.agency.first().or(cover.title.first()).cloned().unwrap_or_default();
        Ok((self.picture(png, px, size, &alt), (size.1 / EMU_PER_TWIP) as i32))
    }

    /// A picture in line with the text; the package gives it its
    /// description.
    fn picture(&mut self, png: Vec<u8>, px: (u32, u32), emu: (u64, u64), alt: &str) -> dx::Pic {
        self.alts.push(alt.to_string());
        // Our own ids, not docx-rs's process-wide counter: reproducible.
        let id = format!("rIdImage{}", self.alts.len());
        dx::Pic::new_with_dimensions(png, px.0, px.1).size(emu.0 as u32, emu.1 as u32).id(id)
    }
}

/// `size` scaled down, keeping its proportions, to at most `max_width`.
fn fit(size: (u64, u64), max_width: u64) -> (u64, u64) {
    if size.0 <= max_width || size.0 == 0 {
        return size;
    }
    (max_width, size.1 * max_width / size.0)
}

/// A picture's width and height in pixels, from its header.
fn pixels(picture: &[u8]) -> Result<(u32, u32), image::ImageError> {
    image::ImageReader::new(Cursor::new(picture)).with_guessed_format()?.into_dimensions()
}

/// The logo as a PNG (docx-rs writes pictures as PNG only) and its size in
/// pixels.
pub(super) fn logo_png(logo: &[u8]) -> Result<(Vec<u8>, (u32, u32)), DocxError> {
    if Kind::of(logo) == Some(Kind::Png) {
        return Ok((logo.to_vec(), pixels(logo)?));
    }
    let image = image::load_from_memory(logo)?;
    let mut png = Cursor::new(Vec::new());
    image.write_to(&mut png, image::ImageFormat::Png)?;
    Ok((png.into_inner(), (image.width(), image.height())))
}

#[cfg(test)]
mod tests {
    use super::super::tests::png;
    use super::*;

    #[test]
    fn a_jpeg_logo_becomes_a_png_and_a_broken_one_is_an_error() {
        let mut jpeg = Cursor::new(Vec::new());
        image::RgbImage::from_pixel(40, 20, image::Rgb([0, 0, 200]))
            .write_to(&mut jpeg, image::ImageFormat::Jpeg)
            .unwrap();
        let (converted, size) = logo_png(jpeg.get_ref()).unwrap();
        assert_eq!((Kind::of(&converted), pixels(&converted).ok(), size), (Some(Kind::Png), Some((40, 20)), (40, 20)));
        assert!(logo_png(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap_err().to_string().contains("the logo"));
        assert_eq!(logo_png(&png(3, 2)).unwrap().1, (3, 2));
    }

    #[test]
    fn a_picture_wider_than_the_text_is_scaled_to_it() {
        assert_eq!(fit((200, 100), 100), (100, 50));
        assert_eq!(fit((50, 100), 100), (50, 100));
    }
}
