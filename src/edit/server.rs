//! The editor's web server, for one official on this computer: it listens
//! on 127.0.0.1 alone, and every request must prove it comes from the page
//! the command opened.
//!
//! tiny_http, not an async framework: one person edits one file, requests
//! come one at a time, and a blocking loop keeps the binary small and the
//! order of edits plain. The page, its script and style are embedded; the
//! browser fetches nothing from elsewhere.
//!
//! What each request must have: a Host of `127.0.0.1:PORT` or
//! `localhost:PORT` (a web page's script that renames its own host to
//! 127.0.0.1, DNS rebinding, is refused); the session's token, given once in
//! the URL and kept in a cookie the browser sends to this origin alone
//! (SameSite=Strict); for a POST, an Origin of this server (a page of
//! another site posting a form here is refused). Bodies are bounded before
//! they are read.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value as Json, json};
use tiny_http::{Header, Method, Request, Response};

use super::session::{SaveError, Session};
use crate::draft::ops::Op;
use crate::limits;
use crate::pipeline::Kind;

const INDEX: &str = include_str!("../../page/index.html");
const SCRIPTS: [(&str, &str); 4] = [
    ("/editor.js", include_str!("../../page/editor.js")),
    ("/form.js", include_str!("../../page/form.js")),
    ("/results.js", include_str!("../../page/results.js")),
    ("/host-local.js", include_str!("../../page/host-local.js")),
];
const STYLE: &str = include_str!("../../page/editor.css");

/// The largest edit request: a whole input's worth of text.
const EDIT_BYTES: usize = limits::INPUT_BYTES + 64 * 1024;

/// How often the loop looks up from waiting, to stop at once on Ctrl-C.
const TICK: Duration = Duration::from_millis(100);

const COOKIE: &str = "ita_token";

/// The header the editor's page sends with every request.
const PAGE_HEADER: &str = "X-Ita-Report";

pub struct Editor {
    http: tiny_http::Server,
    port: u16,
    token: String,
    session: Session,
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

impl Editor {
    /// Listens on 127.0.0.1 at `port` (0: any free port).
    pub fn bind(port: u16, session: Session) -> Result<Editor, String> {
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| e.to_string())?;
        let port = http.server_addr().to_ip().map_or(port, |a| a.port());
        Ok(Editor { http, port, token: new_token(), session })
    }

    /// The address that opens the editor, its token in it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Answers requests until `stop` is set.
    pub fn run(&mut self, stop: &AtomicBool) {
        while !stop.load(Ordering::Relaxed) {
            match self.http.recv_timeout(TICK) {
                Ok(Some(request)) => self.answer(request),
                Ok(None) => {}
                Err(_) => return,
            }
        }
    }

    fn answer(&mut self, mut request: Request) {
        let reply = self.route(&mut request);
        // Every reply with its length: no chunks, which older browsers and
        // simple clients read no better.
        let reply = reply
            .with_chunked_threshold(usize::MAX)
            .with_header(header("Cache-Control", "no-store"))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("X-Frame-Options", "DENY"))
            .with_header(header("Referrer-Policy", "no-referrer"));
        let _ = request.respond(reply);
    }

    fn route(&mut self, request: &mut Request) -> Reply {
        let host_ok = header_value(request, "Host")
            .is_some_and(|h| h == format!("127.0.0.1:{}", self.port) || h == format!("localhost:{}", self.port));
        if !host_ok {
            return refused(421, "ที่อยู่ของเซิร์ฟเวอร์ไม่ถูกต้อง", "this server answers at 127.0.0.1 alone");
        }
        let url = request.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        if *request.method() == Method::Get && path == "/" && query_value(query, "token").is_some() {
            return self.sign_in(query);
        }
        if !self.has_token(request) {
            return refused(
                403,
                "เปิดตัวแก้ไขจากลิงก์ที่คำสั่ง ita-report edit พิมพ์ให้",
                "open the editor from the link `ita-report edit` printed",
            );
        }
        if *request.method() == Method::Post && !self.same_origin(request) {
            return refused(403, "คำขอนี้มาจากหน้าเว็บอื่น", "this request comes from another web page");
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
            (Method::Post, "/api/save") => match body(request, 1024) {
                Ok(bytes) => self.save(&bytes),
                Err(reply) => reply,
            },
            (Method::Post, "/api/reload") => match self.session.reload() {
                Ok(()) => self.state(200),
                Err(e) => refused(500, &format!("อ่านไฟล์ไม่ได้: {e}"), &format!("cannot read the file: {e}")),
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

    /// The link's token becomes a cookie, and the token leaves the address
    /// bar (and the history) at once.
    fn sign_in(&self, query: &str) -> Reply {
        if query_value(query, "token").as_deref() != Some(self.token.as_str()) {
            return refused(403, "ลิงก์นี้ใช้ไม่ได้แล้ว", "this link is no longer valid");
        }
        Response::from_data(Vec::new())
            .with_status_code(303)
            .with_header(header("Location", "/"))
            .with_header(header("Set-Cookie", &format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", self.token)))
    }

    fn has_token(&self, request: &Request) -> bool {
        let cookies = header_value(request, "Cookie").unwrap_or_default();
        cookies.split(';').filter_map(|c| c.trim().split_once('=')).any(|(k, v)| k == COOKIE && v == self.token)
    }

    /// An Origin of this server; or, from a browser too old to send one,
    /// the page's own header, which another site's page cannot send
    /// without a preflight this server never grants.
    fn same_origin(&self, request: &Request) -> bool {
        let ours =
            |o: &str| o == format!("http://127.0.0.1:{}", self.port) || o == format!("http://localhost:{}", self.port);
        match header_value(request, "Origin") {
            Some(origin) => ours(&origin),
            None => header_value(request, PAGE_HEADER).is_some(),
        }
    }

    fn state(&self, status: u16) -> Reply {
        json_reply(status, &self.session.state())
    }

    fn edit(&mut self, bytes: &[u8]) -> Reply {
        #[derive(Deserialize)]
        struct Edits {
            ops: Vec<Op>,
        }
        let edits: Edits = match serde_json::from_slice(bytes) {
            Ok(e) => e,
            Err(e) => return refused(400, "คำขอแก้ไขอ่านไม่ได้", &format!("the edit cannot be read: {e}")),
        };
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

/// The request's body, refused unread when it says it is longer than
/// `limit`, and cut off when it runs past it.
fn body(request: &mut Request, limit: usize) -> Result<Vec<u8>, Reply> {
    let too_big = || refused(413, "ข้อมูลที่ส่งมาใหญ่เกินไป", "what was sent is too large");
    if request.body_length().is_some_and(|n| n > limit) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    request.as_reader().take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|_| too_big())?;
    if bytes.len() > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn header_value(request: &Request, name: &'static str) -> Option<String> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string())
}

fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| unpercent(v))
}

fn unpercent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn text(status: u16, body: &str, kind: &str) -> Reply {
    let reply = Response::from_data(body.as_bytes().to_vec()).with_status_code(status);
    let reply = reply.with_header(header("Content-Type", kind));
    reply.with_header(header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    ))
}

fn json_reply(status: u16, value: &Json) -> Reply {
    let body = serde_json::to_vec(value).expect("JSON serializes");
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
}

fn refused(status: u16, th: &str, en: &str) -> Reply {
    json_reply(status, &json!({ "error": { "th": th, "en": en } }))
}

/// 128 random bits, as hex.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system's random numbers");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
