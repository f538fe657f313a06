// The local editor's host: `ita-report edit` on this computer answers the
// page's requests over HTTP, and keeps the work in the input file.
(function (ita) {
  "use strict";

  ita.host = {
    send: function (r, done, failed) {
      var x = new XMLHttpRequest();
      x.open(r.method, r.url);
      // Only this page sends it: the server's check for a browser that
      // sends no Origin.
      x.setRequestHeader("X-Ita-Report", "1");
      if (r.body !== undefined && !r.type) x.setRequestHeader("Content-Type", "application/json");
      x.onload = function () {
        var reply = null;
        try { reply = JSON.parse(x.responseText); } catch (e) { reply = null; }
        done(x.status, reply);
      };
      x.onerror = function () {
        failed("ติดต่อ ita-report ไม่ได้: คำสั่ง edit ยังทำงานอยู่หรือไม่ (cannot reach ita-report: is `ita-report edit` still running?)");
      };
      x.send(r.body === undefined ? null : (r.type ? r.body : JSON.stringify(r.body)));
    },
    page: function (hash, img) { img.src = "api/page/" + hash + ".png"; }
  };
  ita.start();
})(window.ita);
