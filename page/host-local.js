// The local editor's host: `ita-report edit` on this computer answers the
// page's requests over HTTP, and keeps the work in the input file.
(function (ita) {
  "use strict";

  var REFUSED = "ตัวแก้ไขไม่รับคำขอจากหน้านี้แล้ว เพราะเปิดใหม่หลังหน้านี้ (the editor no longer takes this page's requests: it was started again since).";
  var UNREACHABLE = "ติดต่อ ita-report ไม่ได้: ตัวแก้ไขปิดไปแล้ว (cannot reach ita-report: the editor has stopped).";

  // A request refused by the gate or never answered is held, with all
  // that follows it: nothing typed is sent out of order or lost. The
  // official starts the editor again (or opens the link it printed, which
  // signs this browser in again) and sends it once more.
  function held(r, done, failed, why) {
    var again = ita.button("ส่งอีกครั้ง (send again)", function () { ita.host.send(r, done, failed); }, "");
    var status = ita.$("status");
    status.className = "dirty";
    status.textContent = "ยังไม่ได้บันทึก: ตัวแก้ไขไม่ตอบ (not saved: the editor does not answer)";
    ita.banner(why + " สิ่งที่พิมพ์ยังอยู่ในหน้านี้ ยังไม่ได้บันทึก: เปิด ita-report edit แล้วเปิดลิงก์ที่พิมพ์ไว้ จากนั้นกด ส่งอีกครั้ง " +
      "(what you typed is kept in this page, not saved: run ita-report edit, open the link it prints, then press send again)", [again], true);
  }

  // Every change reaches the file a moment after it is made, errors and
  // all (the file is the work, as a starter is): an editor stopped, or a
  // PC restarted, loses nothing typed. A change made on disk meanwhile is
  // the official's to choose (the page's conflict), never saved over.
  var saving = null;
  function autosave(s) {
    clearTimeout(saving);
    if (!s.dirty || s.disk_changed || s.read_only) return;
    saving = setTimeout(function () {
      // Still typing: the edit to come brings its own state, and this again.
      if (Object.keys(ita.pending).length) return;
      ita.request("POST", "api/save", { force: false }, function (status, t) {
        if (t && t.tree !== undefined) ita.show(t);
      });
    }, 800);
  }

  ita.host = {
    send: function (r, done, failed) {
      var x = new XMLHttpRequest();
      x.open(r.method, r.url);
      // Only this page sends it: the server's check for a browser that
      // sends no Origin.
      x.setRequestHeader("X-Ita-Report", "1");
      if (r.body !== undefined && !r.type) x.setRequestHeader("Content-Type", "application/json");
      x.onload = function () {
        if (x.status === 403) return held(r, done, failed, REFUSED);
        var reply = null;
        try { reply = JSON.parse(x.responseText); } catch (e) { reply = null; }
        done(x.status, reply);
      };
      x.onerror = function () { held(r, done, failed, UNREACHABLE); };
      x.send(r.body === undefined ? null : (r.type ? r.body : JSON.stringify(r.body)));
    },
    page: function (hash, img) { img.src = "api/page/" + hash + ".png"; },
    // Saved a moment after each change. A file that is no UTF-8 text is
    // shown, never written: said at once, with a Windows-874 file's
    // conversion to a new file offered.
    shown: function (s) {
      autosave(s);
      if (!s.read_only) return;
      var convert = ita.button("แปลงเป็นไฟล์ UTF-8 ใหม่ ไฟล์เดิมเก็บไว้ (convert to a new UTF-8 file, keeping this one)", function () {
        ita.request("POST", "api/convert", {}, function (status, t) {
          if (t && t.tree !== undefined) {
            ita.show(t);
            ita.banner("แปลงแล้ว กำลังแก้ไขไฟล์ใหม่ " + t.file + " (converted: now editing the new file " + t.file + ")");
          } else if (t && t.error) ita.banner(ita.said(t.error));
        });
      }, "");
      var r = s.read_only;
      ita.banner("ไฟล์นี้แก้ไขและบันทึกไม่ได้: " + r.th + " (this file cannot be edited or saved: " + r.en + ") " +
        (r.convertible ? "" : r.hint || ""), r.convertible ? [convert] : []);
    }
  };
  ita.start();
})(window.ita);
