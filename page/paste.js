// "วางผลคะแนน": scores pasted, not typed. The official copies the results
// page of the assessment, or last year's document, and pastes it here; the
// host reads it (src/draft/paste.rs) and the box shows what it found, what
// it would replace and what it could not read, before anything is written.
(function (ita) {
  "use strict";

  var el = ita.el;
  var dialog = null, box = null, result = null, timer = null;

  function close() {
    if (dialog.close) dialog.close(); else dialog.removeAttribute("open");
  }

  function found(f) {
    var replaces = f.was !== null && !f.same;
    var what = f.was === null ? ["ใหม่", "new"] : replaces ? ["แทน " + f.was, "replaces " + f.was] : ["เท่าเดิม", "same"];
    // An indicator is read by its number: its code is that number.
    var code = /^\d+$/.test(f.code) ? "ตัวชี้วัดที่ " + f.code : f.code;
    return el("tr", { class: replaces ? "replaces" : "" }, [
      el("td", { class: "code", text: code }),
      el("td", { text: f.text || "" }),
      el("td", { class: "num", text: f.score }),
      el("td", { class: "was", text: what[0], title: what[1] })
    ]);
  }

  // The scores that change the file: new, or other than the file's.
  function changes(r) {
    return r.found.filter(function (f) { return !f.same; });
  }

  function fill(r) {
    var ops = changes(r).map(function (f) { return { op: "set", path: f.path, value: f.score }; });
    ita.send(ops);
    close();
    ita.banner("ใส่คะแนนแล้ว " + ops.length + " ข้อ (" + ops.length + " scores filled in)");
  }

  // What was read, the button to fill it in first: at 1024x700 the list
  // runs below the window.
  function show(r) {
    result.innerHTML = "";
    var n = changes(r).length;
    var go = ita.button("ใส่คะแนน " + n + " ข้อ (fill in " + n + " scores)", function () { fill(r); }, "primary");
    go.disabled = !n;
    result.appendChild(el("p", { class: "said" }, [r.found.length
      ? "พบคะแนน " + r.found.length + " ข้อ จะใส่หรือแก้ " + n + " ข้อ (found " + r.found.length + ", " + n + " to fill in or change) "
      : "ยังไม่พบคะแนน: วางตารางที่มีรหัสข้อหรือข้อความคำถาม กับคะแนน (no scores found yet: paste a table of item codes or question texts with their scores) ",
      go, " ", ita.button("ยกเลิก (cancel)", close, "")]));
    if (r.clashes.length) {
      result.appendChild(el("p", { class: "msg warning", text: "รหัสเดียวกันได้คะแนนไม่ตรงกัน จึงไม่ใส่ให้ กรอกเองที่ตาราง (one code, different scores: not filled in, type it in the table): " +
        r.clashes.map(function (c) { return c[0].code + " = " + c.map(function (f) { return f.score + " (บรรทัด " + f.line + ")"; }).join(" / "); }).join("; ") }));
    }
    if (r.missed.length) {
      result.appendChild(el("details", {}, [el("summary", { text: "บรรทัดที่มีตัวเลขแต่ไม่รู้ว่าเป็นข้อใด " + r.missed.length + " บรรทัด (lines with a number but no item found)" }),
        el("ul", {}, r.missed.map(function (m) { return el("li", { text: "บรรทัด " + m.line + ": " + m.text + " → " + m.score }); }))]));
    }
    if (r.found.length) {
      result.appendChild(el("table", {}, [el("tr", {}, [el("th", { text: "รหัส" }), el("th", { text: "ข้อ" }), el("th", { text: "คะแนน" }), el("th", {})])]
        .concat(r.found.map(found))));
    }
  }

  function readNow() {
    clearTimeout(timer);
    ita.request("POST", "api/paste", { text: box.value }, function (status, r) {
      if (r && r.found) show(r);
      else if (r && r.error) result.textContent = ita.said(r.error);
    });
  }

  function make() {
    box = el("textarea", { rows: "8", "aria-label": "ข้อความที่วาง (the pasted text)",
      placeholder: "เช่น\ni1\t90.95\ne๓ ๙๗.๖๗\nหรือคัดลอกทั้งตารางจากหน้าผลการประเมิน หรือจากเอกสารปีก่อน" });
    box.oninput = function () { clearTimeout(timer); timer = setTimeout(readNow, 300); };
    result = el("div", { class: "pasted" });
    dialog = el("dialog", { id: "paste", "aria-labelledby": "paste-title" }, [
      el("h2", { id: "paste-title", text: "วางผลคะแนน (paste the results)" }),
      el("p", { text: "คัดลอกตารางคะแนนจากหน้าผลการประเมิน หรือจากเอกสารของปีก่อน แล้ววาง (Ctrl+V) ในช่องนี้ " +
        "ใช้รหัสข้อ (i1, e๑, o๑๐) หรือข้อความคำถามก็ได้ ยังไม่มีอะไรถูกบันทึกจนกว่าจะกด ใส่คะแนน " +
        "(copy the score table from the results page or last year's document and paste it here; nothing is written until you press fill in)" }),
      box, result]);
    document.body.appendChild(dialog);
  }

  // The button beside the scores' table.
  ita.pasteButton = function () {
    return ita.button("วางผลคะแนน (paste results)", function () {
      if (ita.state.read_only) {
        ita.banner("ไฟล์นี้แก้ไขไม่ได้ จึงวางผลคะแนนลงไม่ได้ (this file cannot be edited, so no results can be pasted into it)");
        return;
      }
      if (!dialog) make();
      box.value = "";
      result.innerHTML = "";
      if (dialog.showModal) dialog.showModal(); else dialog.setAttribute("open", "");
      box.focus();
    }, "");
  };
})(window.ita);
