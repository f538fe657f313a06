//! `ita-report edit`'s server over real HTTP: what it refuses (a request
//! without the token, a foreign Host or Origin, a path out of the file's
//! folder, a body too large) writes nothing; an edit saved changes only its
//! line, a change on disk is never overwritten unasked, and the documents
//! it builds are `ita-report build`'s, byte for byte.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use ita_report::batch::Options;
use ita_report::edit::server::Editor;
use ita_report::edit::session::Session;
use serde_json::{Value, json};

use crate::support::{self, root};

/// An editor serving a copy of a file in a folder of its own.
pub struct Running {
    pub dir: tempfile::TempDir,
    pub file: PathBuf,
    pub port: u16,
    pub token: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    pub fn start(text: impl AsRef<[u8]>) -> Running {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ita.yaml");
        std::fs::write(&file, text).unwrap();
        Running::over(dir, file)
    }

    /// An editor serving `file`, in `dir`.
    pub fn over(dir: tempfile::TempDir, file: PathBuf) -> Running {
        let opts = Options::writing_to(dir.path().join("output"));
        let mut editor = Editor::bind(0, Session::open(&file, opts).unwrap()).unwrap();
        let url = editor.url();
        let token = url.rsplit_once("token=").unwrap().1.to_string();
        let port = editor.port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || editor.run(&flag));
        Running { dir, file, port, token, stop, thread: Some(thread) }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A request as the editor's page sends it: its Host, its cookie and,
    /// for a POST, its Origin.
    pub fn call(&self, method: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let cookie = format!("ita_token_{}={}", self.port, self.token);
        let mut headers = vec![("Host", self.host()), ("Cookie", cookie)];
        if method == "POST" {
            headers.push(("Origin", self.origin()));
        }
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        raw(self.port, method, path, &headers, body)
    }

    pub fn json(&self, method: &str, path: &str, body: Value) -> (u16, Value) {
        let (status, bytes) = self.call(method, path, body.to_string().as_bytes());
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    pub fn text(&self) -> String {
        std::fs::read_to_string(&self.file).unwrap()
    }

    /// The file's text once it holds every one of `texts`: the page saves
    /// each change a moment after it is made, with no click. (A bound, not
    /// a measure: with several browsers laying out pages on two cores, the
    /// page's requests wait their turn.)
    pub fn saved(&self, texts: &[&str]) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
        loop {
            let now = self.text();
            if texts.iter().all(|t| now.contains(t)) {
                return now;
            }
            assert!(std::time::Instant::now() < deadline, "not saved within 90 s: {texts:?} in\n{now}");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

/// The editor over `text`, open in a headless browser of `window` pixels;
/// None (a skip, or in CI a failure) without a browser.
pub async fn in_browser(
    test: &str,
    window: (u32, u32),
    text: impl AsRef<[u8]>,
) -> Option<(crate::chrome::Driver, fantoccini::Client, Running)> {
    let (driver, c) = match crate::chrome::session(window).await {
        Ok(session) => session,
        Err(why) => {
            crate::support::skip(test, &why);
            return None;
        }
    };
    let ed = Running::start(text);
    c.goto(&format!("http://127.0.0.1:{}/?token={}", ed.port, ed.token)).await.unwrap();
    Some((driver, c, ed))
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One HTTP/1.1 request on a fresh connection, headers exactly as given.
pub fn raw(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, Vec<u8>) {
    let (status, _, body) = exchange(port, method, path, headers, body);
    (status, body)
}

/// [`raw`], with the reply's head.
pub fn exchange(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A refused body may be left unread and the connection closed early.
    let _ = stream.write_all(body);
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let status = std::str::from_utf8(&reply[9..12]).unwrap().parse().unwrap();
    let start = reply.windows(4).position(|w| w == b"\r\n\r\n").map_or(reply.len(), |i| i + 4);
    (status, String::from_utf8_lossy(&reply[..start]).into_owned(), reply[start..].to_vec())
}

pub fn example() -> String {
    std::fs::read_to_string(root().join("data/hannangam-2568.yaml")).unwrap()
}

pub fn set(path: Value, value: Value) -> Value {
    json!({ "ops": [{ "op": "set", "path": path, "value": value }] })
}

#[test]
fn a_request_without_the_token_is_refused_and_writes_nothing() {
    let ed = Running::start(example());
    let before = ed.text();
    let host = ed.host();
    let origin = ed.origin();
    let body = set(json!(["agency", "name"]), json!("ผู้อื่น")).to_string();
    let headers = [("Host", host.as_str()), ("Origin", origin.as_str())];
    for path in ["/api/edit", "/api/save", "/api/paste"] {
        let (status, _) = raw(ed.port, "POST", path, &headers, body.as_bytes());
        assert_eq!(status, 403, "{path}");
    }
    let (status, _) = raw(ed.port, "GET", "/api/state", &headers[..1], b"");
    assert_eq!(status, 403);
    let wrong_token = format!("ita_token_{}=00000000000000000000000000000000", ed.port);
    let other_port = format!("ita_token_{}={}", ed.port + 1, ed.token);
    for cookie in [wrong_token.as_str(), other_port.as_str()] {
        let wrong = [("Host", host.as_str()), ("Cookie", cookie)];
        assert_eq!(raw(ed.port, "GET", "/api/state", &wrong, b"").0, 403, "{cookie}");
    }
    assert_eq!(raw(ed.port, "GET", "/?token=0000", &headers[..1], b"").0, 403);
    assert_eq!(ed.text(), before);
    // The link's token is swapped for a cookie of this port's own name.
    let (status, head, _) = exchange(ed.port, "GET", &format!("/?token={}", ed.token), &headers[..1], b"");
    assert_eq!(status, 303);
    assert!(head.contains(&format!("Set-Cookie: ita_token_{}={};", ed.port, ed.token)), "{head}");
}

#[test]
fn a_foreign_host_or_origin_is_refused_and_writes_nothing() {
    let ed = Running::start(example());
    let before = ed.text();
    let cookie = format!("ita_token_{}={}", ed.port, ed.token);
    let body = set(json!(["agency", "name"]), json!("ผู้อื่น")).to_string();
    // DNS rebinding: a page of evil.example whose name now points here.
    let rebound = [("Host", "evil.example:80"), ("Cookie", cookie.as_str()), ("Origin", "http://evil.example")];
    assert_eq!(raw(ed.port, "POST", "/api/edit", &rebound, body.as_bytes()).0, 421);
    assert_eq!(raw(ed.port, "GET", "/api/state", &rebound[..2], b"").0, 421);
    let host = ed.host();
    for origin in ["http://evil.example", "null", "http://127.0.0.1:1"] {
        let headers = [("Host", host.as_str()), ("Cookie", cookie.as_str()), ("Origin", origin)];
        assert_eq!(raw(ed.port, "POST", "/api/edit", &headers, body.as_bytes()).0, 403, "{origin}");
    }
    let no_origin = [("Host", host.as_str()), ("Cookie", cookie.as_str())];
    assert_eq!(raw(ed.port, "POST", "/api/save", &no_origin, b"{}").0, 403);
    assert_eq!(ed.text(), before);
    // A browser too old to send an Origin: the page's own header stands in.
    let old_browser = [("Host", host.as_str()), ("Cookie", cookie.as_str()), ("X-Ita-Report", "1")];
    assert_eq!(raw(ed.port, "POST", "/api/save", &old_browser, b"{}").0, 200);
    let localhost = format!("localhost:{}", ed.port);
    assert_eq!(raw(ed.port, "GET", "/api/state", &[("Host", &localhost), ("Cookie", &cookie)], b"").0, 200);
}

#[test]
fn a_path_out_of_the_files_folder_is_refused_and_writes_nothing() {
    let ed = Running::start(example());
    let before = ed.text();
    // However the edit is made: a whole mapping set with a bad path in it.
    let whole_agency = json!({ "name": "ก", "logo": "../../secret.png" });
    for (path, value) in [
        (json!(["agency", "logo"]), json!("../secret.png")),
        (json!(["document", "catalog"]), json!("/etc/passwd")),
        (json!(["agency"]), whole_agency),
    ] {
        let (status, reply) = ed.json("POST", "/api/edit", set(path, value.clone()));
        assert_eq!(status, 422, "{value}");
        assert!(reply["refused"].as_str().unwrap().contains("outside the file's folder"), "{reply}");
        assert_eq!(ed.json("POST", "/api/save", json!({})).0, 200);
        assert_eq!(ed.text(), before);
    }
    for path in ["/api/file/../../etc/passwd", "/api/file/pdf", "/../ita.yaml", "/api/page/..%2Fita.yaml"] {
        assert_eq!(ed.call("GET", path, b"").0, 404, "{path}");
    }
    // A logo's name is made safe: it lands in the folder, whatever it says.
    let (status, _) = ed.call("POST", "/api/logo?name=..%2F..%2Fevil.png", &png());
    assert_eq!(status, 200);
    assert!(ed.dir.path().join("evil.png").is_file());
    assert!(!ed.dir.path().parent().unwrap().join("evil.png").exists());
}

#[test]
fn a_body_too_large_is_refused_unread_and_writes_nothing() {
    let ed = Running::start(example());
    let before = ed.text();
    let big = vec![b' '; 2 * 1024 * 1024];
    assert_eq!(ed.call("POST", "/api/edit", &big).0, 413);
    let huge_logo = vec![0x89u8; 11 * 1024 * 1024];
    assert_eq!(ed.call("POST", "/api/logo?name=big.png", &huge_logo).0, 413);
    assert!(!ed.dir.path().join("big.png").exists());
    // An edit that would take the file past the input limit.
    let (status, _) = ed.json("POST", "/api/edit", set(json!(["agency", "name"]), json!("ก".repeat(350_000))));
    assert_eq!(status, 422);
    assert_eq!(ed.json("POST", "/api/save", json!({})).0, 200);
    assert_eq!(ed.text(), before);
}

#[test]
fn a_saved_edit_changes_its_line_alone_and_a_change_on_disk_is_kept() {
    let ed = Running::start(example());
    let before = ed.text();
    let (status, state) = ed.json("POST", "/api/edit", set(json!(["scores", "i10"]), json!("83.10")));
    assert_eq!(status, 200);
    assert_eq!(state["dirty"], true);
    assert_eq!(ed.text(), before, "nothing is written before a save");
    assert_eq!(ed.json("POST", "/api/save", json!({})).0, 200);
    assert_eq!(ed.text(), support::edit(&before, "i10: 81.90", "i10: 83.10"));
    // The file changed elsewhere, and the editor has unsaved edits: a save
    // is refused until the official chooses.
    ed.json("POST", "/api/edit", set(json!(["agency", "phone"]), json!("042-000000")));
    let elsewhere = ed.text().replace("หนองบัวลำภู", "อุดรธานี");
    std::fs::write(&ed.file, &elsewhere).unwrap();
    let (status, state) = ed.json("POST", "/api/save", json!({}));
    assert_eq!(status, 409);
    assert_eq!(state["disk_changed"], true);
    assert_eq!(ed.text(), elsewhere);
    // Taking the file's version drops the edit.
    let (_, state) = ed.json("POST", "/api/reload", json!({}));
    assert_eq!(state["tree"]["agency"]["province"], "อุดรธานี");
    assert_eq!(state["tree"]["agency"]["phone"], "042-351668");
}

#[test]
fn errors_are_reported_at_their_key_and_the_preview_shows_a_gap_till_the_fix() {
    let ed = Running::start(example());
    let (_, first) = ed.json("GET", "/api/preview", Value::Null);
    assert_eq!(first["stale"], false);
    let pages = first["pages"].as_array().unwrap().clone();
    assert!(pages.len() > 10);
    let (_, state) = ed.json("POST", "/api/edit", set(json!(["scores", "i10"]), json!("120")));
    let error = state["diagnostics"].as_array().unwrap().iter().find(|d| d["severity"] == "error").unwrap().clone();
    assert_eq!(error["key"], "scores.i10");
    assert!(error["en"].as_str().unwrap().contains("120"), "{error}");
    // The document as it stands: 120 is no score, printed as a gap.
    let (_, sketch) = ed.json("GET", "/api/preview", Value::Null);
    assert_eq!((&sketch["stale"], &sketch["sketch"]), (&json!(false), &json!(true)));
    let gapped = sketch["pages"].as_array().unwrap().iter().filter(|p| !pages.contains(p)).count();
    assert!(gapped > 0 && gapped < pages.len(), "only the pages showing i10 change: {gapped}");
    let (_, build) = ed.json("POST", "/api/build", json!({}));
    assert_eq!(build["ok"], false, "Build waits for the fix: {build}");
    let (_, fixed) = ed.json("POST", "/api/edit", set(json!(["scores", "i10"]), json!("82.00")));
    assert!(fixed["diagnostics"].as_array().unwrap().iter().all(|d| d["severity"] != "error"));
    let (_, fresh) = ed.json("GET", "/api/preview", Value::Null);
    assert_eq!((&fresh["stale"], &fresh["sketch"]), (&json!(false), &json!(false)));
    let changed: Vec<_> = fresh["pages"].as_array().unwrap().iter().filter(|p| !pages.contains(p)).collect();
    assert!(!changed.is_empty() && changed.len() < pages.len(), "only the pages showing i10 change: {changed:?}");
    let (status, png) = ed.call("GET", &format!("/api/page/{}.png", changed[0].as_str().unwrap()), b"");
    assert_eq!(status, 200);
    assert_eq!(&png[..4], b"\x89PNG");
}

#[test]
fn the_documents_it_builds_are_the_command_lines() {
    let ed = Running::start(example());
    ed.json("POST", "/api/edit", set(json!(["agency", "district"]), json!("เมือง")));
    let (status, built) = ed.json("POST", "/api/build", json!({}));
    assert_eq!((status, &built["ok"]), (200, &json!(true)), "{built}");
    let (_, pdf) = ed.call("GET", "/api/file/pdf", b"");
    let (_, docx) = ed.call("GET", "/api/file/docx", b"");
    let out = ed.dir.path().join("cli");
    let o =
        support::bin().env_remove("SOURCE_DATE_EPOCH").args(["build", "-o"]).arg(&out).arg(&ed.file).output().unwrap();
    assert!(o.status.success(), "{}", support::stderr(&o));
    assert!(pdf == std::fs::read(out.join("ita.pdf")).unwrap(), "the PDF differs from `ita-report build`'s");
    assert!(docx == std::fs::read(out.join("ita.docx")).unwrap(), "the DOCX differs from `ita-report build`'s");
    // A DOCX the official has edited since is not replaced by a build.
    std::fs::write(ed.dir.path().join("output/ita.docx"), b"edited by hand").unwrap();
    ed.json("POST", "/api/edit", set(json!(["agency", "district"]), json!("ศรีบุญเรือง")));
    let (_, again) = ed.json("POST", "/api/build", json!({}));
    assert_eq!(std::fs::read(ed.dir.path().join("output/ita.docx")).unwrap(), b"edited by hand");
    assert!(again["notes"][0].as_str().unwrap().contains("ita.new.docx"), "{again}");
    let (_, docx) = ed.call("GET", "/api/file/docx", b"");
    assert!(docx == std::fs::read(ed.dir.path().join("output/ita.new.docx")).unwrap());
}

/// The page, its script and style come from the binary, not the network.
#[test]
fn the_page_is_served_whole_from_the_binary() {
    let ed = Running::start(example());
    let (status, page) = ed.call("GET", "/", b"");
    assert_eq!(status, 200);
    let page = String::from_utf8(page).unwrap();
    let assets = ["editor.js", "form.js", "results.js", "host-local.js", "editor.css"];
    assert!(assets.iter().all(|a| page.contains(a)), "{page}");
    for asset in ["/", "/editor.js", "/form.js", "/results.js", "/host-local.js", "/editor.css"] {
        let text = String::from_utf8(ed.call("GET", asset, b"").1).unwrap();
        assert!(!text.contains("http://") && !text.contains("https://"), "{asset} fetches from elsewhere");
    }
}

/// A small PNG made up here, a logo's stand-in.
pub fn png() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(48, 48, |x, y| image::Rgb([(x * 5) as u8, (y * 5) as u8, 160]));
    let mut bytes = Vec::new();
    picture.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

#[test]
fn a_new_file_starts_from_init_and_ctrl_c_stops_at_once() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.yaml");
    let mut child =
        support::bin().args(["edit", "--no-open"]).arg(&file).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let said: Vec<String> = lines.by_ref().take(2).map(Result::unwrap).collect();
    assert!(said[0].contains("wrote the starter file"), "{said:?}");
    assert!(said[1].contains("http://127.0.0.1:") && said[1].contains("token="), "{said:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ita_report::init::render(&file, &Default::default()));
    // The shell's own kill: a Ctrl-C's SIGINT, wherever /bin/kill is missing.
    let killed = std::process::Command::new("sh").arg("-c").arg(format!("kill -INT {}", child.id())).status().unwrap();
    assert!(killed.success());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed().as_secs() < 5, "Ctrl-C did not stop the editor");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "the starter and its schema alone: {left:?}");
}
