// The web page's host, in a worker so that the page never freezes: the
// core (WebAssembly) holds the draft, and every change is kept in the
// browser's IndexedDB before it is answered, so that a closed tab, a
// crashed browser or a restarted PC loses nothing. It answers the page's
// requests as the local editor's server does (page/editor.js).
import init, { Editor, starter, next_year } from "./pkg/ita_report.js";

const DB = "ita-report";
const STORE = "work";
const KEY = "current";
// The work an open or a new one replaced, kept to be taken back.
const PREVIOUS = "previous";

let editor = null;
// The work's name, and its text when last opened or saved as a file.
let work = { name: "", saved: "" };

function database() {
  return new Promise((ok, fail) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}

// One transaction on the store; resolves once it is on disk.
async function stored(mode, act) {
  const db = await database();
  return new Promise((ok, fail) => {
    const t = db.transaction(STORE, mode);
    const r = act(t.objectStore(STORE));
    t.oncomplete = () => ok(r && r.result);
    t.onerror = () => fail(t.error);
    t.onabort = () => fail(t.error);
  });
}

// The whole work: its text, name, saved text and the files it names.
function record() {
  const files = {};
  for (const name of JSON.parse(editor.file_names())) files[name] = editor.file(name);
  return { name: work.name, text: editor.text(), saved: work.saved, files, when: Date.now() };
}

async function keep() {
  const now = record();
  await stored("readwrite", (s) => s.put(now, KEY));
}

async function restore(key) {
  const record = await stored("readonly", (s) => s.get(key || KEY));
  if (!record) return false;
  work = { name: record.name, saved: record.saved };
  for (const name of Object.keys(record.files || {})) editor.set_file(name, record.files[name]);
  editor.open(record.text);
  return true;
}

const ready = init().then(async () => {
  editor = new Editor();
  return restore();
});

function state(extra) {
  const s = JSON.parse(editor.state());
  s.file = work.name || null;
  s.dirty = editor.text() !== work.saved;
  s.kept = true;
  s.disk_changed = false;
  s.empty = !work.name;
  return Object.assign(s, extra || {});
}

function refused(status, message) {
  return { status, reply: { error: { th: String(message) } } };
}

// Opens a text as the work, kept at once; the work it replaces is kept
// as the previous one.
async function open(name, text, files) {
  if (work.name) {
    const before = record();
    await stored("readwrite", (s) => s.put(before, PREVIOUS));
  }
  editor.clear_files();
  for (const f of Object.keys(files || {})) editor.set_file(f, files[f]);
  editor.open(text);
  work = { name, saved: text };
  await keep();
}

const routes = {
  "GET api/state": async () => ({ status: 200, reply: state() }),
  "GET api/preview": async () => ({ status: 200, reply: JSON.parse(editor.preview()) }),
  "POST api/reload": async () => ({ status: 200, reply: state() }),
  "GET api/text": async () => ({ status: 200, reply: { name: work.name, text: editor.text() } }),
  "POST api/edit": async (body) => {
    try {
      editor.edit(JSON.stringify(body));
    } catch (e) {
      return { status: 422, reply: state({ refused: String(e) }) };
    }
    await keep();
    return { status: 200, reply: state() };
  },
  "POST api/paste": async (body) => ({ status: 200, reply: JSON.parse(editor.paste(String(body.text || ""))) }),
  "POST api/logo": async (body, query) => {
    try {
      editor.logo(query.get("name") || "logo", new Uint8Array(body));
    } catch (e) {
      return refused(422, e);
    }
    await keep();
    return { status: 200, reply: state() };
  },
  // The text was written to a file by the page: it is the saved one now.
  "POST api/saved": async (body) => {
    work = { name: body.name || work.name, saved: body.text };
    await keep();
    return { status: 200, reply: state() };
  },
  "POST api/open": async (body) => {
    await open(body.name, body.text, body.files);
    return { status: 200, reply: state() };
  },
  "POST api/previous": async () => {
    const before = await stored("readonly", (s) => s.get(PREVIOUS));
    if (!before) return refused(404, "ไม่มีงานก่อนหน้าให้เรียกคืน (there is no earlier work to take back)");
    await open(before.name, before.text, before.files);
    work.saved = before.saved;
    await keep();
    return { status: 200, reply: state() };
  },
  "POST api/new": async (body) => {
    const name = "ita-" + body.year + ".yaml";
    try {
      await open(name, starter(body.year, name), {});
    } catch (e) {
      return refused(422, e);
    }
    work.saved = "";
    await keep();
    return { status: 200, reply: state() };
  },
  "POST api/next": async (body) => {
    let next;
    try {
      next = JSON.parse(next_year(body.text, body.name, body.files || {}));
    } catch (e) {
      return refused(422, e);
    }
    const name = body.name.replace(String(next.fiscal_year - 1), String(next.fiscal_year));
    await open(name === body.name ? "ita-" + next.fiscal_year + ".yaml" : name, next.text, body.files);
    work.saved = "";
    await keep();
    return { status: 200, reply: state({ said: next.said }) };
  },
  "POST api/kind": async (body, query) => {
    try {
      editor.set_kind(query.get("kind") || "");
    } catch (e) {
      return refused(400, e);
    }
    return { status: 200, reply: state() };
  },
  "POST api/build": async () => {
    try {
      const built = editor.build();
      const stem = (work.name || "ita").replace(/\.ya?ml$/i, "") + built.suffix;
      return { status: 200, reply: { ok: true, stem, pdf: built.pdf, docx: built.docx, notes: [], state: state() } };
    } catch (e) {
      // The errors are beside their fields: the message only counts them.
      const s = state();
      const errors = s.diagnostics.filter((d) => d.severity === "error").length;
      const said = errors
        ? "ไฟล์มีข้อผิดพลาด " + errors + " รายการ: แก้ตามข้อความสีแดงในแบบฟอร์มก่อน (the file has " + errors + " errors: fix them in the form first)"
        : String(e);
      return { status: 200, reply: { ok: false, error: said, state: s } };
    }
  }
};

onmessage = async (event) => {
  const { id, method, url, body } = event.data;
  let answer;
  try {
    await ready;
    const [path, query] = url.split("?");
    if (method === "PAGE") {
      const png = editor.page(path);
      answer = { status: png ? 200 : 404, png };
    } else {
      const route = routes[method + " " + path];
      answer = route ? await route(body, new URLSearchParams(query || "")) : refused(404, "ไม่มีคำสั่งนี้ (no such request)");
    }
  } catch (e) {
    answer = refused(500, "เกิดข้อผิดพลาดในตัวโปรแกรม (the program failed): " + e);
  }
  postMessage(Object.assign({ id }, answer));
};
