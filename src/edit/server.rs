//! The editor's web server, for one official on this computer: it listens
//! on 127.0.0.1 alone, and every request must prove it comes from the page
//! the command opened.
//!
//! tiny_http, not an async framework: one person edits one file, requests
//! come one at a time, and a blocking loop keeps the binary small and the
//! order of edits plain. The page, its script and style are embedded; the
//! browser fetches nothing from elsewhere.
//!
//! Each request passes the gate of [`super::http`] first.

use std::sync::atomic::AtomicBool;

use serde::Deserialize;
use serde_json::{Value as Json, json};
use tiny_http::{Method, Request, Response};

use super::http::{
    Gate, Reply, admitted, body, header, json_reply, next_request, percent, query_value, refused, respond, text,
};

use super::session::{SaveError, Session};
use crate::draft::ops::Op;
use crate::limits;
use crate::pipeline::Kind;

const INDEX: &str = include_str!("../../page/index.html");
const SCRIPTS: [(&str, &str); 9] = [
    ("/editor.js", include_str!("../../page/editor.js")),
    ("/help.js", include_str!("../../page/help.js")),
    ("/dates.js", include_str!("../../page/dates.js")),
    ("/form.js", include_str!("../../page/form.js")),
    ("/results.js", include_str!("../../page/results.js")),
    ("/problems.js", include_str!("../../page/problems.js")),
    ("/paste.js", include_str!("../../page/paste.js")),
    ("/years.js", include_str!("../../page/years.js")),
    ("/host-local.js", include_str!("../../page/host-local.js")),
];
const STYLE: &str = include_str!("../../page/editor.css");

/// The largest paste: a results page's text is some tens of KiB.
const PASTE_BYTES: usize = 256 * 1024;

/// The largest edit request: a whole input's worth of text.
const EDIT_BYTES: usize = limits::INPUT_BYTES + 64 * 1024;

pub struct Editor {
    http: tiny_http::Server,
    gate: Gate,
    session: Session,
}

impl Editor {
    /// Listens on 127.0.0.1 at `port` (0: any free port).
    pub fn bind(port: u16, session: Session) -> Result<Editor, String> {
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| e.to_string())?;
        let gate = Gate::new(&http);
        Ok(Editor::over(http, gate, session))
    }

    /// The editor on a server listening already, the start page's: the
    /// same address and token, so that the browser signed in stays so.
    pub fn over(http: tiny_http::Server, gate: Gate, session: Session) -> Editor {
        Editor { http, gate, session }
    }

    /// The address that opens the editor, its token in it.
    pub fn url(&self) -> String {
        self.gate.url()
    }

    pub fn port(&self) -> u16 {
        self.gate.port()
    }

    /// Answers requests until `stop` is set.
    pub fn run(&mut self, stop: &AtomicBool) {
        while let Some(request) = next_request(&self.http, stop) {
            self.answer(request);
        }
    }

    fn answer(&mut self, request: Request) {
        if let Some(mut request) = admitted(&self.gate, request) {
            let reply = self.route(&mut request);
            respond(request, reply);
        }
    }

    fn route(&mut self, request: &mut Request) -> Reply {
        let url = request.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let writes = matches!(path, "/api/edit" | "/api/save" | "/api/logo" | "/api/build");
        if let Some((th, en)) = self.session.read_only().filter(|_| writes) {
            let (th, en) = (format!("ไฟล์นี้แก้ไขไม่ได้: {th}"), format!("this file cannot be edited: {en}"));
            return refused(422, &th, &en);
        }
        match (request.method().clone(), path) {
            (Method::Get, "/") => text(200, INDEX, "text/html; charset=utf-8"),
            (Method::Get, p) if let Some((_, script)) = SCRIPTS.iter().find(|(name, _)| *name == p) => {
                text(200, script, "text/javascript; charset=utf-8")
            }
            (Method::Get, "/editor.css") => text(200, STYLE, "text/css; charset=utf-8"),
            (Method::Get, "/api/state") => self.state(200),
            (Method::Get, "/api/preview") => json_reply(200, &self.session.draft.preview()),
            (Method::Get, p) if p.starts_with("/api/page/") => self.page(&p["/api/page/".len()..]),
            (Method::Get, "/api/file/pdf") => self.download(true),
            (Method::Get, "/api/file/docx") => self.download(false),
            (Method::Post, "/api/edit") => match body(request, EDIT_BYTES) {
                Ok(bytes) => self.edit(&bytes),
                Err(reply) => reply,
            },
            (Method::Post, "/api/paste") => match body(request, PASTE_BYTES) {
                Ok(bytes) => self.pasted(&bytes),
                Err(reply) => reply,
            },
            (Method::Post, "/api/save") => match body(request, 1024) {
                Ok(bytes) => self.save(&bytes),
                Err(reply) => reply,
            },
            (Method::Post, "/api/reload") => match self.session.reload() {
                Ok(()) => self.state(200),
                Err(e) => refused(500, &format!("อ่านไฟล์ไม่ได้: {e}"), &format!("cannot read the file: {e}")),
            },
            (Method::Post, "/api/convert") => match self.session.converted() {
                Ok(session) => {
                    self.session = session;
                    self.state(200)
                }
                Err((th, en)) => refused(422, &th, &en),
            },
            (Method::Post, "/api/logo") => match body(request, limits::LOGO_BYTES as usize) {
                Ok(bytes) => self.logo(query, &bytes),
                Err(reply) => reply,
            },
            (Method::Post, "/api/build") => self.build(),
            (Method::Post, "/api/kind") => match query_value(query, "kind").as_deref().and_then(Kind::named) {
                Some(kind) => {
                    self.session.set_kind(kind);
                    self.state(200)
                }
                None => refused(400, "ไม่มีเอกสารชนิดนี้", "there is no such document"),
            },
            _ => refused(404, "ไม่มีหน้านี้", "there is no such page"),
        }
    }

    fn state(&self, status: u16) -> Reply {
        json_reply(status, &self.session.state())
    }

    /// What a pasted text would fill in; nothing is written.
    fn pasted(&self, bytes: &[u8]) -> Reply {
        #[derive(Deserialize)]
        struct Paste {
            text: String,
        }
        match serde_json::from_slice::<Paste>(bytes) {
            Ok(p) => json_reply(200, &self.session.draft.pasted(&p.text)),
            Err(e) => refused(400, "ข้อความที่วางอ่านไม่ได้", &format!("the pasted text cannot be read: {e}")),
        }
    }

    fn edit(&mut self, bytes: &[u8]) -> Reply {
        #[derive(Deserialize)]
        struct Edits {
            ops: Vec<Op>,
            /// The version of the file the page showed when it made them,
            /// and the editor's run it came from.
            version: Option<u64>,
            session: Option<String>,
        }
        let edits: Edits = match serde_json::from_slice(bytes) {
            Ok(e) => e,
            Err(e) => return refused(400, "คำขอแก้ไขอ่านไม่ได้", &format!("the edit cannot be read: {e}")),
        };
        // Made against another version (another tab edited since): its
        // list indexes may name other items now, so it is not applied.
        let other_run = edits.session.is_some_and(|run| run != self.session.run);
        if other_run || edits.version.is_some_and(|v| v != self.session.draft.version()) {
            let mut state = self.session.state();
            state["refused"] = json!(
                "ไฟล์เปลี่ยนไปก่อน (แก้จากแท็บหรือหน้าต่างอื่น หรือตัวแก้ไขเปิดใหม่) จึงไม่ได้ใช้การแก้ไขล่าสุด \
                 แบบฟอร์มแสดงไฟล์ตามที่เป็นอยู่แล้ว: กรอกช่องนั้นอีกครั้ง \
                 (the file changed first, edited in another tab or window, or the editor started again, \
                 so the last change was not applied; the form now shows the file as it is: type that field again)"
            );
            return json_reply(409, &state);
        }
        match self.session.edit(&edits.ops) {
            Ok(()) => self.state(200),
            Err(e) => {
                let mut state = self.session.state();
                state["refused"] = json!(e.to_string());
                json_reply(422, &state)
            }
        }
    }

    fn save(&mut self, bytes: &[u8]) -> Reply {
        let force = serde_json::from_slice::<Json>(bytes).ok().and_then(|b| b["force"].as_bool()).unwrap_or(false);
        match self.session.save(force) {
            Ok(()) => self.state(200),
            Err(e) => self.save_error(e),
        }
    }

    /// A save refused: the state with the conflict marked, or the failure.
    fn save_error(&self, e: SaveError) -> Reply {
        match e {
            SaveError::Conflict => {
                let mut state = self.session.state();
                state["conflict"] = json!(true);
                json_reply(409, &state)
            }
            SaveError::Write(e) => refused(500, &format!("บันทึกไม่ได้: {e}"), &format!("cannot save: {e}")),
        }
    }

    fn logo(&mut self, query: &str, bytes: &[u8]) -> Reply {
        let name = query_value(query, "name").unwrap_or_default();
        match self.session.upload_logo(&name, bytes) {
            Ok(_) => self.state(200),
            Err((th, en)) => refused(422, &th, &en),
        }
    }

    fn build(&mut self) -> Reply {
        match self.session.build() {
            Ok(mut result) => {
                result["state"] = self.session.state();
                json_reply(200, &result)
            }
            Err(e) => self.save_error(e),
        }
    }

    fn page(&mut self, name: &str) -> Reply {
        let hash = name.strip_suffix(".png").unwrap_or(name);
        match self.session.draft.page_png(hash) {
            Some(png) => Response::from_data(png.to_vec()).with_header(header("Content-Type", "image/png")),
            None => refused(404, "ไม่มีหน้านี้", "there is no such page"),
        }
    }

    fn download(&self, pdf: bool) -> Reply {
        let Some((name, bytes)) = self.session.built_file(pdf) else {
            return refused(404, "ยังไม่ได้สร้างเอกสาร", "the documents have not been built yet");
        };
        let kind = if pdf {
            "application/pdf"
        } else {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        };
        let disposition = format!("attachment; filename*=UTF-8''{}", percent(&name));
        Response::from_data(bytes)
            .with_header(header("Content-Type", kind))
            .with_header(header("Content-Disposition", &disposition))
    }
}
