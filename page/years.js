// A fiscal year changed in the form: the codes whose items the new year
// numbers otherwise were renamed by the core (draft/recode.rs); this says
// so under the year, and marks each code it renamed, or could not, or
// whose item the new year has not, beside that code.
(function (ita) {
  "use strict";

  var el = ita.el;
  var hidden = null; // the change whose marks the clerk has put away

  // The change, while the year is the one it was to and its marks are not
  // put away.
  function change() {
    var r = ita.state && ita.state.recoded;
    var year = ita.dates.arabic(ita.textAt(["fiscal_year"])).trim();
    return r && String(r.to) === year && JSON.stringify(r) !== hidden ? r : null;
  }

  function itemText(code) {
    var item = ita.state.catalog.items.filter(function (i) { return i.code === code; })[0];
    return item ? item.text || "" : null;
  }

  // What a code is after the change, in a line; "" when nothing is.
  function said(r, code) {
    var i;
    for (i = 0; i < r.moved.length; i++) if (r.moved[i][1] === code) {
      return "เดิมคือ " + r.moved[i][0] + " ของปี " + r.from + " (was " + r.moved[i][0] + ")";
    }
    for (i = 0; i < r.held.length; i++) if (r.held[i][0] === code) {
      var to = r.held[i][1];
      return "⚠ ปี " + r.to + " ข้อนี้ใช้รหัส " + to + " แต่ไฟล์มี " + to + " อยู่แล้ว จึงคงรหัส " + code + " ไว้: ตรวจคะแนนและข้อที่เลือกของ " +
        code + " และ " + to + " (in " + r.to + " this item is " + to + ", which the file has already: check the scores and ticks of both)";
    }
    if (r.own.indexOf(code) >= 0) {
      var now = itemText(code);
      return now === null ?
        "⚠ ข้อความของข้อนี้เป็นของหน่วยงานเอง จึงคงรหัสไว้ แม้ปี " + r.to + " ไม่มีรหัส " + code + ": ตรวจว่ายังควรมีข้อนี้ (the file's own text, under a code " + r.to + " has not)" :
        "⚠ ข้อความของข้อนี้เป็นของหน่วยงานเอง จึงคงรหัสไว้: ปี " + r.to + " รหัส " + code + " คือ " + now + " ตรวจว่าตรงกับข้อความของหน่วยงาน (the file's own text: check it is the " + r.to + " item)";
    }
    for (i = 0; i < r.differs.length; i++) if (r.differs[i].code === code) {
      var d = r.differs[i];
      return "⚠ ปี " + r.from + ": " + d.before + " · ปี " + r.to + ": " +
        (d.after || "ไม่มีข้อนี้") + " (the item differs in " + r.to + ")";
    }
    return "";
  }

  // A mark beside a code; `code` gives the code it is beside now.
  ita.yearMark = function (code) {
    var mark = el("small", { class: "yearmark" });
    mark._refresh = function () {
      var r = change(), c = typeof code === "function" ? code() : code;
      mark.textContent = r && c ? said(r, String(c).trim().toLowerCase()) : "";
      mark.className = "yearmark" + (/^⚠/.test(mark.textContent) ? " warn" : "");
      mark.hidden = !mark.textContent;
    };
    return mark;
  };

  function refreshMarks() {
    Array.prototype.forEach.call(document.querySelectorAll(".yearmark, #yearnote"), function (m) { m._refresh(); });
  }

  function focusYear() {
    var year = document.querySelector('[data-path="fiscal_year"]');
    if (year) year.focus();
  }

  // The change as a whole, under the year's field; built anew only when
  // the change is another, so that a button keeps the keyboard's focus.
  ita.yearNote = function () {
    var note = el("div", { id: "yearnote" }), shownFor = null;
    note._refresh = function () {
      var r = change(), key = r ? JSON.stringify(r) : null;
      note.hidden = !r;
      if (key === shownFor) return;
      shownFor = key;
      note.innerHTML = "";
      if (!r) return;
      note.appendChild(el("p", { text: "เปลี่ยนปีงบประมาณจาก " + r.from + " เป็น " + r.to + " แล้ว " + (r.moved.length ?
        "ข้อที่ปี " + r.to + " ใช้รหัสอื่น เปลี่ยนรหัสตามแล้ว " + r.moved.length + " ข้อ (codes renamed to the new year's):" :
        "ไม่ได้เปลี่ยนรหัสใด (no code renamed)") }));
      if (r.moved.length) {
        note.appendChild(el("ul", {}, r.moved.map(function (m) { return el("li", { text: m[0] + " → " + m[1] + " " + (itemText(m[1]) || "") }); })));
      }
      var warn = r.held.length + r.differs.length + r.own.length;
      if (warn) {
        note.appendChild(el("p", { text: "⚠ อีก " + warn + " รหัสเป็นข้อที่ต่างไปในปี " + r.to + ": ดูเครื่องหมาย ⚠ ข้างรหัสในตารางคะแนนรายข้อ " +
          "ในข้อที่เลือกของแต่ละประเด็น และที่เป้าหมายของมาตรการ (" + warn + " codes name another item now: see each ⚠ beside its code)" }));
      }
      if (r.unknown.length) {
        note.appendChild(el("p", { text: "ปี " + r.from + " หรือปี " + r.to + " ไม่มีข้อความของ " + r.unknown.length + " รหัสที่ไฟล์ใช้ (" +
          r.unknown.slice(0, 3).join(", ") + (r.unknown.length > 3 ? ", …" : "") + ") จึงบอกไม่ได้ว่าเป็นข้อเดิมหรือไม่ " +
          "(whether these are the same items is not known: a year gives no text for them)" }));
      }
      // For codes that were the new year's already: the year alone was wrong.
      if (r.moved.length) {
        note.appendChild(ita.button("คงรหัสเดิม ไม่เปลี่ยนตามปี " + r.to + " (keep the codes as they were)", function () {
          ita.send([{ op: "recode", moves: r.moved.map(function (m) { return [m[1], m[0]]; }) }]);
          ita.banner("คงรหัสไว้ตามที่กรอก ปีงบประมาณเป็น " + r.to + " (the codes are kept as typed; the fiscal year is " + r.to + ")");
          focusYear();
        }));
      }
      if (warn) {
        note.appendChild(ita.button("ตรวจแล้ว ซ่อนเครื่องหมาย (checked: hide the marks)", function () {
          hidden = key;
          refreshMarks();
          focusYear();
        }));
      }
    };
    return note;
  };
})(window.ita);
