//! The font families installed on this machine (found with fontdb), for
//! the command line and the local editor: `document.font` or `--font`.

use std::sync::OnceLock;

use crate::fonts::{Fonts, NotInstalled};
use crate::suggest::Suggestion;

/// An installed family first, the embedded one behind it for anything it
/// lacks; or the family's name and the nearest one installed.
pub fn installed(family: &str) -> Result<Fonts, NotInstalled> {
    let db = system();
    let faces = faces(family)?;
    let name = faces[0].families[0].0.clone();
    let files = faces.iter().filter_map(|face| db.with_face_data(face.id, |data, _| data.to_vec())).collect();
    Ok(Fonts::with_family(name, files))
}

/// The faces of a family, without reading them; or why there are none.
pub fn faces(family: &str) -> Result<Vec<&'static fontdb::FaceInfo>, NotInstalled> {
    let db = system();
    let faces: Vec<&fontdb::FaceInfo> =
        db.faces().filter(|f| f.families.iter().any(|(name, _)| name.eq_ignore_ascii_case(family))).collect();
    if faces.is_empty() {
        let names = db.faces().flat_map(|f| f.families.iter().map(|(n, _)| n.as_str()));
        let near = Suggestion::closest(family, names).map(|s| s.0.to_string());
        return Err(NotInstalled { family: family.into(), near });
    }
    Ok(faces)
}

fn system() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_that_is_not_installed_is_a_clear_error() {
        let err = installed("No Such Family 12345").err().expect("not installed");
        assert_eq!(err.family, "No Such Family 12345");
        assert!(err.to_string().contains("is not installed"));
    }
}
