//! The start page of `ita-report edit` without a file (and of the Windows
//! .exe opened from Explorer), over real HTTP: the folder's input files
//! listed and opened, a new one written as `init` writes it, names that
//! would leave the folder or overwrite a file refused, and the browser sent
//! on to the editor of the file chosen.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ita_report::batch::Options;
use ita_report::edit::start::Start;

use crate::edit::exchange;
use crate::support::root;

/// A start page over `dir`, and the editor it opens served once chosen.
struct Started {
    port: u16,
    cookie: String,
    stop: Arc<AtomicBool>,
}

impl Started {
    fn over(dir: &Path) -> Started {
        let start = Start::bind(0, dir.to_path_buf(), Options::writing_to(dir.join("output"))).unwrap();
        let (port, cookie) = signed_in(&start.url());
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            if let Some(mut editor) = start.run(&flag) {
                editor.run(&flag);
            }
        });
        Started { port, cookie, stop }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let host = format!("127.0.0.1:{}", self.port);
        let (status, _, body) = exchange(self.port, "GET", path, &[("Host", &host), ("Cookie", &self.cookie)], b"");
        (status, unescaped(body))
    }

    /// A form posted as the page posts it; the status, the Location, the page.
    fn post(&self, path: &str, form: &str) -> (u16, String, String) {
        let host = format!("127.0.0.1:{}", self.port);
        let origin = format!("http://{host}");
        let kind = "application/x-www-form-urlencoded";
        let headers = [("Host", host.as_str()), ("Cookie", &self.cookie), ("Origin", &origin), ("Content-Type", kind)];
        let (status, head, body) = exchange(self.port, "POST", path, &headers, form.as_bytes());
        let location = head.lines().find_map(|l| l.strip_prefix("Location: ")).unwrap_or_default().to_string();
        (status, location, unescaped(body))
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The port of a server's link, and the cookie its token becomes.
fn signed_in(url: &str) -> (u16, String) {
    let (port, token) = url.trim_start_matches("http://127.0.0.1:").split_once("/?token=").unwrap();
    (port.parse().unwrap(), format!("ita_token_{port}={token}"))
}

/// The page's text, its slashes as the browser shows them.
fn unescaped(body: Vec<u8>) -> String {
    String::from_utf8(body).unwrap().replace("&#x2f;", "/")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn the_start_page_lists_the_folders_inputs_and_refuses_what_is_not_one() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("outside.yaml"), "format: 1\n").unwrap();
    let dir = outer.path().join("work");
    std::fs::create_dir(&dir).unwrap();
    let dir = dir.as_path();
    let example = std::fs::read(root().join("data/hannangam-2568.yaml")).unwrap();
    std::fs::write(dir.join("hannangam-2568.yaml"), &example).unwrap();
    std::fs::write(dir.join(".hidden.yaml"), "format: 1\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "not an input").unwrap();
    std::fs::create_dir(dir.join("folder.yaml")).unwrap();
    let before = listing(dir);
    let start = Started::over(dir);

    let host = format!("127.0.0.1:{}", start.port);
    assert_eq!(exchange(start.port, "GET", "/", &[("Host", &host)], b"").0, 403, "no token, no page");
    let (status, page) = start.get("/");
    assert_eq!(status, 200);
    assert!(page.contains(">hannangam-2568.yaml</button>"), "{page}");
    for absent in [".hidden.yaml", "notes.txt", "folder.yaml"] {
        assert!(!page.contains(absent), "{absent} listed");
    }
    assert!(page.contains(r#"name="name" value="ita-2569.yaml""#), "a free name offered: {page}");

    for (path, form, said) in [
        ("/open", "file=..%2Foutside.yaml", "ไม่พบไฟล์ ../outside.yaml"),
        ("/open", "file=notes.txt", "ไม่พบไฟล์ notes.txt"),
        ("/new", "name=..%2Fescape&year=2568", "ชื่อไฟล์ใช้ไม่ได้"),
        ("/new", "name=hannangam-2568&year=2568", "มีอยู่แล้ว"),
        ("/new", "name=y&year=2550", "ไม่มีกรอบการประเมินของปี 2550"),
    ] {
        let (status, location, page) = start.post(path, form);
        assert_eq!((status, location.as_str()), (422, ""), "{path} {form}");
        assert!(page.contains(said), "{form}: {page}");
    }
    assert_eq!(listing(dir), before, "nothing written");
    assert_eq!(std::fs::read(dir.join("hannangam-2568.yaml")).unwrap(), example);
}

#[test]
fn a_new_file_from_the_start_page_is_inits_and_opens_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let start = Started::over(dir.path());
    let form = "agency=%E0%B8%97%E0%B8%94%E0%B8%A5%E0%B8%AD%E0%B8%87&district=&province=&year=2568&name=%E0%B9%83%E0%B8%AB%E0%B8%A1%E0%B9%88";
    let (status, location, _) = start.post("/new", form);
    assert_eq!(status, 303);
    let file = dir.path().join("ใหม่.yaml");
    let agency = ita_report::init::Agency { name: Some("ทดลอง".into()), ..Default::default() };
    let expected = ita_report::init::render_year(&file, 2568, &agency).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);

    // The editor of that file, at the start page's address, the browser
    // signed in already.
    assert_eq!(location, "/");
    let (status, state) = start.get("/api/state");
    assert_eq!(status, 200);
    assert!(state.contains("ทดลอง"), "{state}");
    let (_, page) = start.get("/");
    assert!(page.contains("<title>ita-report: แก้ไขเอกสาร"), "the editor's page: {page}");
}

/// In Chromium, by the keyboard: the form's post passes the gate (a page
/// that sends no referrer posts `Origin: null`, refused), and the browser
/// lands in the editor of the new file.
#[tokio::test(flavor = "current_thread")]
async fn a_clerk_starts_a_file_in_a_real_browser() {
    use fantoccini::Locator;
    use fantoccini::key::Key;

    let test = "a_clerk_starts_a_file_in_a_real_browser";
    let (_driver, c) = match crate::chrome::session((1024, 700)).await {
        Ok(session) => session,
        Err(why) => return crate::support::skip(test, &why),
    };
    let dir = tempfile::tempdir().unwrap();
    let start = Started::over(dir.path());
    let token = start.cookie.rsplit_once('=').unwrap().1;
    c.goto(&format!("http://127.0.0.1:{}/?token={token}", start.port)).await.unwrap();
    let agency = c.find(Locator::Css("input[name=agency]")).await.unwrap();
    agency.click().await.unwrap();
    agency.send_keys("เทศบาลตำบลทดลอง").await.unwrap();
    agency.send_keys(&Key::Enter.to_string()).await.unwrap();
    crate::chrome::until(
        &c,
        "the editor",
        "return !!document.querySelector('#pages') && document.title.indexOf('แก้ไข') >= 0;",
    )
    .await;
    let text = std::fs::read_to_string(dir.path().join("ita-2569.yaml")).unwrap();
    assert!(text.contains("เทศบาลตำบลทดลอง"), "{text}");
}

/// `ita-report edit` without a file: the start page over the working
/// folder, its address printed; Ctrl-C stops it before any choice, and
/// nothing is written.
#[test]
fn edit_without_a_file_serves_the_start_page_of_the_working_folder() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ของเดิม.yaml"), "format: 1\n").unwrap();
    let mut child = crate::support::bin()
        .args(["edit", "--no-open"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read on to the end: a closed pipe would fail the editor's last words.
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let line = lines.next().unwrap().unwrap();
    let (port, cookie) = signed_in(&line[line.find("http://").expect(&line)..]);
    let start = Started { port, cookie, stop: Default::default() };
    let (status, page) = start.get("/");
    assert_eq!(status, 200);
    assert!(page.contains(">ของเดิม.yaml</button>"), "{page}");
    let killed = std::process::Command::new("sh").arg("-c").arg(format!("kill -INT {}", child.id())).status().unwrap();
    assert!(killed.success());
    let said: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success(), "{said:?}");
    assert_eq!(listing(dir.path()), ["ของเดิม.yaml"]);
}
