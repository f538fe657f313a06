//! The start page: `ita-report edit` without a file, and ita-report.exe
//! opened from Explorer. It lists the input files of the working folder
//! to open and starts a new one from a short form; the file chosen opens
//! in the editor, which takes over the start page's server and address.
//!
//! Plain HTML forms and no script: the page only asks for a choice.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use minijinja::context;
use tiny_http::{Method, Request};

use super::http::{Gate, Reply, admitted, body, next_request, query_value, refused, respond, see_other, text};
use super::server::Editor;
use super::session::Session;
use crate::batch::Options;
use crate::disk::{absolute, is_yaml};
use crate::init::{self, Agency};

const PAGE: &str = include_str!("../../page/start.html");
const STYLE: &str = include_str!("../../page/start.css");

pub struct Start {
    http: tiny_http::Server,
    gate: Gate,
    folder: PathBuf,
    opts: Options,
}

/// What the new-file form held: shown again with the message when refused.
struct NewFile {
    name: String,
    year: i32,
    agency: Agency,
}

impl NewFile {
    /// The form's fields, trimmed; the newest year if none.
    fn read(form: &str) -> NewFile {
        let field = |k| query_value(form, k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        NewFile {
            name: field("name").unwrap_or_default(),
            year: field("year").and_then(|y| y.parse().ok()).unwrap_or(crate::catalog::latest().fiscal_year),
            agency: Agency { name: field("agency"), district: field("district"), province: field("province") },
        }
    }
}

impl Start {
    /// Listens on 127.0.0.1 at `port` (0: any free port), over `folder`.
    pub fn bind(port: u16, folder: PathBuf, opts: Options) -> Result<Start, String> {
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| e.to_string())?;
        // A file a killed save had moved aside is back before it is listed.
        crate::output::recover_in(&folder).map_err(|e| e.to_string())?;
        Ok(Start { gate: Gate::new(&http), http, folder, opts })
    }

    pub fn url(&self) -> String {
        self.gate.url()
    }

    /// Answers requests until a file is chosen, and returns the editor
    /// opened on it, on this server: the same address, the browser signed
    /// in already. None when `stop` is set first.
    pub fn run(mut self, stop: &AtomicBool) -> Option<Editor> {
        while let Some(request) = next_request(&self.http, stop) {
            if let Some(session) = self.answer(request) {
                return Some(Editor::over(self.http, self.gate, session));
            }
        }
        None
    }

    fn answer(&mut self, request: Request) -> Option<Session> {
        let mut request = admitted(&self.gate, request)?;
        let (reply, session) = self.route(&mut request);
        respond(request, reply);
        session
    }

    fn route(&mut self, request: &mut Request) -> (Reply, Option<Session>) {
        let form = match (request.method(), request.url()) {
            (Method::Get, "/") => return (self.page(200, "", &self.fresh()), None),
            (Method::Get, "/start.css") => return (text(200, STYLE, "text/css; charset=utf-8"), None),
            (Method::Post, "/open" | "/new") => match body(request, 16 * 1024) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(reply) => return (reply, None),
            },
            _ => return (refused(404, "ไม่มีหน้านี้", "there is no such page"), None),
        };
        // The form shown again with the message if the choice fails: the
        // official's own typing, or, after a file of the list, a fresh one.
        let (chosen, refill) = if request.url() == "/open" {
            (self.existing(&form), self.fresh())
        } else {
            let new = NewFile::read(&form);
            (self.create(&new), new)
        };
        match chosen.and_then(|file| self.open(&file)) {
            // The page that follows is the editor's, at this address.
            Ok(session) => (see_other("/"), Some(session)),
            Err(message) => (self.page(422, &message, &refill), None),
        }
    }

    /// A file of the list: a name in the folder, never a path out of it.
    fn existing(&self, form: &str) -> Result<PathBuf, String> {
        let name = query_value(form, "file").unwrap_or_default();
        if !inputs(&self.folder).contains(&name) {
            return Err(format!(
                "ไม่พบไฟล์ {name} ในโฟลเดอร์นี้แล้ว เลือกใหม่อีกครั้ง ({name} is no longer in this folder: choose again)"
            ));
        }
        Ok(self.folder.join(name))
    }

    /// A new file, written as `init` writes it.
    fn create(&self, new: &NewFile) -> Result<PathBuf, String> {
        let Some(name) = file_name(&new.name) else {
            return Err("ชื่อไฟล์ใช้ไม่ได้: ใช้ตัวอักษร ตัวเลข - หรือ _ ไม่มี / \\ : * ? \" < > | และไม่ขึ้นต้นด้วยจุด \
                        (the file name cannot be used: no / \\ : * ? \" < > |, and no dot first)"
                .into());
        };
        let path = self.folder.join(&name);
        init::render_year(&path, new.year, &new.agency)
            .and_then(|text| crate::disk::write_text(&path, &text))
            .map_err(|e| e.to_string())?;
        Ok(path)
    }

    fn open(&self, file: &Path) -> Result<Session, String> {
        Session::open(file, self.opts.clone())
    }

    /// The form as it first shows: the newest year, a name not yet taken.
    fn fresh(&self) -> NewFile {
        let year = crate::catalog::latest().fiscal_year;
        let taken = inputs(&self.folder);
        let name = crate::files::first_free(&format!("ita-{year}"), ".yaml", |n| !taken.iter().any(|t| t == n));
        NewFile { name, year, agency: Agency::default() }
    }

    fn page(&self, status: u16, message: &str, new: &NewFile) -> Reply {
        let mut env = minijinja::Environment::new();
        env.add_template("start.html", PAGE).expect("page/start.html");
        let html = env
            .get_template("start.html")
            .and_then(|t| {
                t.render(context! {
                    folder => absolute(&self.folder),
                    out => absolute(&self.opts.out_dir),
                    files => inputs(&self.folder),
                    years => crate::catalog::years(),
                    message,
                    name => &new.name,
                    year => new.year,
                    agency => new.agency.name.as_deref().unwrap_or_default(),
                    district => new.agency.district.as_deref().unwrap_or_default(),
                    province => new.agency.province.as_deref().unwrap_or_default(),
                })
            })
            .expect("page/start.html renders");
        text(status, &html, "text/html; charset=utf-8")
    }
}

/// The input files of a folder, the newest first: ordinary files named
/// .yaml or .yml, in any case, not hidden.
fn inputs(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut files: Vec<(std::time::SystemTime, String)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let input = !name.starts_with('.') && is_yaml(Path::new(&name));
            let meta = std::fs::metadata(e.path()).ok().filter(|m| input && m.is_file())?;
            Some((meta.modified().unwrap_or(std::time::UNIX_EPOCH), name))
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    files.into_iter().map(|(_, name)| name).collect()
}

/// A new file's name as typed, `.yaml` added if it has no such ending;
/// None for one that is not a plain name on every system.
fn file_name(typed: &str) -> Option<String> {
    let bad = |c: char| c.is_control() || "/\\:*?\"<>|".contains(c);
    if typed.is_empty() || typed.starts_with('.') || typed.chars().any(bad) || typed.len() > 200 {
        return None;
    }
    Some(if is_yaml(Path::new(typed)) { typed.to_string() } else { format!("{typed}.yaml") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_name_is_a_plain_file_name_with_its_ending() {
        assert_eq!(file_name("หันนางาม-2569").as_deref(), Some("หันนางาม-2569.yaml"));
        assert_eq!(file_name("ita.yml").as_deref(), Some("ita.yml"));
        assert_eq!(file_name("ITA.YAML").as_deref(), Some("ITA.YAML"));
        for bad in ["", ".hidden", "../ita", "a/b", "a\\b", "C:ita", "a?b", "a\u{7}"] {
            assert_eq!(file_name(bad), None, "{bad:?}");
        }
    }
}
