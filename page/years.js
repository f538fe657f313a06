// A fiscal year changed in the form: the codes whose items the new year
// numbers otherwise were renamed by the core (draft/recode.rs); this says
// so under the year, and marks each code it renamed, or could not, or
// whose item the new year has not, beside that code.
(function (ita) {
  "use strict";

  var el = ita.el;
  var hidden = null; // the change whose marks the clerk has put away

  function change() {
    var r = ita.state && ita.state.recoded;
    return r && JSON.stringify(r) !== hidden ? r : null;
  }

  // What a code is after the change, in a line; "" when nothing is.
  function said(r, code) {
    var i;
    for (i = 0; i < r.moved.length; i++) if (r.moved[i][1] === code) {
      return "เดิมคือ " + r.moved[i][0] + " ของปี " + r.from + " (was " + r.moved[i][0] + ")";
    }
    for (i = 0; i < r.held.length; i++) if (r.held[i][0] === code) {
      return "⚠ ปี " + r.to + " ข้อนี้คือ " + r.held[i][1] + " แต่ไฟล์ใช้ " + r.held[i][1] + " อยู่แล้ว จึงไม่ได้เปลี่ยน: ตรวจแล้วแก้เอง (in " + r.to + " this item is " + r.held[i][1] + ", which the file uses already)";
    }
    if (r.own.indexOf(code) >= 0) {
      return "⚠ ข้อความของข้อนี้เป็นของไฟล์เอง จึงไม่ได้เปลี่ยนรหัส: ตรวจว่ายังตรงกับข้อ " + code + " ของปี " + r.to + " (the file's own text: check it still names the " + r.to + " item)";
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
      var moved = r.moved.map(function (m) { return m[0] + " → " + m[1]; }).join(", ");
      note.appendChild(el("p", { text: "เปลี่ยนปีงบประมาณจาก " + r.from + " เป็น " + r.to + " แล้ว" +
        (moved ? " รหัสข้อที่กรอบการประเมินปี " + r.to + " ใช้รหัสอื่นเปลี่ยนตามแล้ว " + r.moved.length + " ข้อ: " + moved : " ไม่มีรหัสที่ต้องเปลี่ยน") +
        " (the fiscal year changed: codes renamed to the new year's)" }));
      var warn = r.held.length + r.differs.length + r.own.length;
      if (warn) {
        note.appendChild(el("p", { text: "⚠ อีก " + warn + " รหัสเป็นข้อที่ต่างไปในปี " + r.to +
          ": ตรวจรหัสที่มีเครื่องหมาย ⚠ ว่ายังเป็นข้อที่ตั้งใจ (" + warn + " codes name another item now: check each one marked ⚠)" }));
      }
      // For codes that were the new year's already: the year alone was wrong.
      if (r.moved.length) {
        note.appendChild(ita.button("คงรหัสเดิม ไม่เปลี่ยนตามปี " + r.to + " (keep the codes as they were)", function () {
          ita.send([{ op: "recode", moves: r.moved.map(function (m) { return [m[1], m[0]]; }) }]);
          focusYear();
        }));
      }
      note.appendChild(ita.button("ตรวจแล้ว ซ่อนเครื่องหมาย (checked: hide the marks)", function () {
        hidden = key;
        refreshMarks();
        focusYear();
      }));
    };
    return note;
  };
})(window.ita);
