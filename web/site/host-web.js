// The web page's host: the core runs in a worker (worker.js) on this PC,
// and the work is kept in this browser. Nothing is uploaded: the page
// talks to its worker alone, opens files the official picks and saves
// them where the official says.
(function (ita) {
  "use strict";

  var el = ita.el, $ = ita.$;
  var worker = new Worker("worker.js", { type: "module" });
  var waiting = {};
  var next = 1;
  var urls = {};      // page hash -> object URL of its picture
  var handle = null;  // the file opened or saved, where the browser can write it again

  function ask(method, url, body, done) {
    var id = next++;
    waiting[id] = done;
    worker.postMessage({ id: id, method: method, url: url, body: body });
  }

  worker.onmessage = function (e) {
    var done = waiting[e.data.id];
    delete waiting[e.data.id];
    if (done) done(e.data);
  };
  worker.onerror = function () {
    ita.banner("โหลดตัวโปรแกรมไม่ได้: เบราว์เซอร์นี้อาจเก่าเกินไป (the program could not be loaded: this browser may be too old)");
  };

  // A download of bytes under a name.
  function download(name, bytes, type) {
    var a = el("a", { href: URL.createObjectURL(new Blob([bytes], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    return a.href;
  }

  var DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  // The built documents: downloaded at once, and linked in the bar.
  function built(reply) {
    if (!reply.ok) return reply;
    var files = [[reply.stem + ".pdf", reply.pdf, "application/pdf", "PDF"], [reply.stem + ".docx", reply.docx, DOCX, "DOCX"]];
    reply.links = files.map(function (f) { return { href: download(f[0], f[1], f[2]), name: f[0], text: f[3] }; });
    reply.files = files.map(function (f) { return f[0]; });
    delete reply.pdf;
    delete reply.docx;
    return reply;
  }

  // The text saved as a .yaml: into the file it came from where the
  // browser can write one (the File System Access API), else downloaded.
  function save(done) {
    ask("GET", "api/text", undefined, function (a) {
      var text = a.reply.text;
      var name = a.reply.name || "ita.yaml";
      var saved = function (as, said) {
        ask("POST", "api/saved", { name: as, text: text }, function (b) {
          done(b.status, b.reply);
          ita.banner(said);
        });
      };
      var downloaded = function () {
        download(name, text, "text/yaml");
        saved(name, "บันทึก " + name + " ลงในโฟลเดอร์ดาวน์โหลด (Downloads) แล้ว (saved " + name + " to your Downloads folder)");
      };
      if (!window.showSaveFilePicker) { downloaded(); return; }
      (handle ? Promise.resolve(handle) : window.showSaveFilePicker({ suggestedName: name, types: [{ description: "YAML", accept: { "text/yaml": [".yaml", ".yml"] } }] }))
        .then(function (h) {
          handle = h;
          return h.createWritable().then(function (w) { return w.write(text).then(function () { return w.close(); }); })
            .then(function () { saved(h.name, "บันทึกลงไฟล์ " + h.name + " แล้ว (saved to " + h.name + ")"); });
        })
        .catch(function (e) {
          // The official closed the picker: nothing to do. Any other
          // failure: the file is downloaded instead.
          if (e && e.name === "AbortError") { ask("GET", "api/state", undefined, function (b) { done(b.status, b.reply); }); return; }
          handle = null;
          downloaded();
        });
    });
  }

  ita.host = {
    send: function (r, done) {
      if (r.url === "api/save") { save(done); return; }
      var reply = function (a) { done(a.status, r.url === "api/build" ? built(a.reply) : a.reply); };
      if (r.body instanceof Blob) {
        r.body.arrayBuffer().then(function (bytes) { ask(r.method, r.url, bytes, reply); });
        return;
      }
      ask(r.method, r.url, r.body, function (a) {
        if (r.url === "api/state" && a.reply && a.reply.empty) start(a.reply.years);
        reply(a);
      });
    },
    page: function (hash, img) {
      if (urls[hash]) { img.src = urls[hash]; return; }
      ask("PAGE", hash, undefined, function (a) {
        if (!a.png) return;
        urls[hash] = URL.createObjectURL(new Blob([a.png], { type: "image/png" }));
        img.src = urls[hash];
      });
    }
  };

  // ---- opening a file, starting a new one, next year's ----

  function read(file, done) {
    file.arrayBuffer().then(function (bytes) {
      var text;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch (e) {
        ita.banner("เปิด " + file.name + " ไม่ได้: ไฟล์ไม่ได้บันทึกเป็น UTF-8 (it is not saved as UTF-8; save it again as UTF-8 in the text editor)");
        return;
      }
      done(text);
    });
  }

  function replaced(reply, said) {
    $("start").hidden = true;
    ita.show(reply);
    ita.banner(said && said.length ? said.join(" · ") : "เปิดแล้ว: งานเก็บไว้ในเบราว์เซอร์นี้ทุกครั้งที่แก้ (opened: the work is kept in this browser at every change)");
  }

  // Whether the work at hand may be replaced: asked when it is not saved
  // to a file. What is replaced is kept still, to be taken back.
  function replacing() {
    var s = ita.state;
    if (!s || s.empty || !s.dirty) return true;
    return confirm("งาน " + (s.file || "") + " ยังไม่ได้บันทึกเป็นไฟล์ จะเปิดงานใหม่แทนหรือไม่? งานเดิมยังเรียกคืนได้จากปุ่ม \"เปิด / ใหม่\" " +
      "(" + (s.file || "the work") + " is not saved to a file: open the new one instead? The old one can still be taken back from \"open / new\")");
  }

  function openFile(file, asLastYear) {
    if (!replacing()) return;
    handle = null;
    read(file, function (text) {
      ask("POST", asLastYear ? "api/next" : "api/open", { name: file.name, text: text }, function (a) {
        if (a.reply.error) { ita.banner(a.reply.error.th); return; }
        replaced(a.reply, a.reply.said);
      });
    });
  }

  function picker(label, asLastYear) {
    var f = el("input", { type: "file", accept: ".yaml,.yml,text/yaml", "aria-label": label });
    f.onchange = function () { if (f.files[0]) openFile(f.files[0], asLastYear); };
    return el("label", { class: "pick" }, [label, f]);
  }

  // The choices of what to work on; `known` are the years the program
  // has the framework of, the newest first chosen.
  function start(known) {
    var box = $("start");
    if (box.childNodes.length) { box.hidden = false; return; }
    var years = el("select", { "aria-label": "ปีงบประมาณ (fiscal year)" });
    (known || []).slice().reverse().forEach(function (y) { years.appendChild(el("option", { value: String(y), text: "พ.ศ. " + y })); });
    box.appendChild(el("h2", { text: "เริ่มทำเอกสาร (start a document)" }));
    box.appendChild(el("p", { text: "ทุกอย่างทำในเบราว์เซอร์นี้ ไม่มีไฟล์ใดถูกส่งออกไป งานเก็บไว้ในเบราว์เซอร์ทุกครั้งที่แก้ (everything happens in this browser; no file is sent anywhere; the work is kept here at every change)" }));
    box.appendChild(el("div", { class: "choice" }, [picker("เปิดไฟล์ .yaml (open a .yaml file)", false)]));
    box.appendChild(el("div", { class: "choice" }, [el("span", { text: "เอกสารใหม่ของปี (a new document for) " }), years,
      ita.button("เริ่มใหม่ (start)", function () {
        if (!replacing()) return;
        handle = null;
        ask("POST", "api/new", { year: Number(years.value) }, function (a) {
          if (a.reply.error) ita.banner(a.reply.error.th); else replaced(a.reply);
        });
      }, "")]));
    box.appendChild(el("div", { class: "choice" }, [picker("ปีถัดไปจากไฟล์ปีที่แล้ว (next year's from last year's file)", true)]));
    box.appendChild(el("div", { class: "choice" }, [ita.button("เรียกคืนงานก่อนหน้า (take back the work before this one)", function () {
      ask("POST", "api/previous", {}, function (a) {
        if (a.reply.error) ita.banner(a.reply.error.th); else replaced(a.reply);
      });
    }, "")]));
    box.appendChild(ita.button("ปิด (close)", function () { box.hidden = true; }, ""));
    box.hidden = false;
  }

  // A .yaml dropped anywhere on the page opens it.
  document.addEventListener("dragover", function (e) { e.preventDefault(); });
  document.addEventListener("drop", function (e) {
    e.preventDefault();
    var file = e.dataTransfer.files[0];
    if (file && /\.ya?ml$/i.test(file.name)) openFile(file, false);
  });

  $("host-actions").appendChild(ita.button("เปิด / ใหม่ (open / new)", function () { start(ita.state && ita.state.years); }, ""));
  $("save").textContent = "บันทึกเป็นไฟล์ (Save .yaml)";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(function () { /* online only */ });
  ita.start();
})(window.ita);
