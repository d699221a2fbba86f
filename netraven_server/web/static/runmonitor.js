/* Run monitor: follow the run's event stream (Server-Sent Events) and update the progress bar,
   the counters, each device's row and the log as they change.  When the run ends the page
   reloads once, so it shows the final state with links to the diffs the run produced. */
(function () {
  "use strict";
  var BADGE = { success: "ok", failed: "bad", partial: "warn", running: "info", pending: "muted", cancelled: "muted",
                skipped: "muted", debug: "muted", info: "info", warning: "warn", error: "bad", critical: "bad" };

  function badge(status) {
    var s = document.createElement("span");
    s.className = "badge " + (BADGE[status] || "muted");
    s.textContent = status;
    return s;
  }
  function text(id, value) { var e = document.getElementById(id); if (e) e.textContent = value; }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("run-monitor");
    if (!root || root.getAttribute("data-active") !== "true" || typeof EventSource === "undefined") return;
    var el = window.NetRaven.el;
    var live = document.getElementById("live-state");
    var log = document.getElementById("run-log");
    var tbody = document.querySelector("#results tbody");
    var seenLogs = {};
    log.querySelectorAll("li[data-log]").forEach(function (li) { seenLogs[li.getAttribute("data-log")] = true; });
    var lastStatus = null;

    var source = new EventSource(root.getAttribute("data-events"));
    source.addEventListener("open", function () { if (live.textContent.indexOf("waiting") !== 0) live.textContent = "live"; });
    source.addEventListener("error", function () {
      live.textContent = "reconnecting…";
      // A 401 (session expired) closes the stream for good: send the user to the login page.
      if (source.readyState === EventSource.CLOSED) {
        fetch(window.location.href, { credentials: "same-origin" }).then(function (r) { if (r.redirected) window.location.assign(r.url); });
      }
    });
    // Counters come from the device rows: the run's own counters are final only when it ends.
    function recount(total) {
      var c = { done: 0, success: 0, failed: 0, changed: 0 };
      tbody.querySelectorAll("tr[data-result]").forEach(function (row) {
        var st = row.getAttribute("data-status");
        if (st === "success" || st === "failed" || st === "cancelled" || st === "skipped") c.done += 1;
        if (st === "success") c.success += 1;
        if (st === "failed") c.failed += 1;
        if (st === "success" && row.getAttribute("data-changed") === "true") c.changed += 1;
      });
      var bar = document.getElementById("run-progress");
      if (total !== undefined) { bar.max = total || 1; text("c-total", total); }
      bar.value = c.done;
      text("c-done", c.done); text("c-succeeded", c.success); text("c-failed", c.failed);
      text("c-changed", c.changed); text("c-unchanged", c.success - c.changed);
    }

    source.addEventListener("run", function (ev) {
      var run = JSON.parse(ev.data);
      recount(run.total);
      if (run.status !== lastStatus) {
        lastStatus = run.status;
        document.getElementById("run-status").replaceChildren(badge(run.status));
      }
    });
    source.addEventListener("result", function (ev) {
      var r = JSON.parse(ev.data);
      live.textContent = "live";
      var row = tbody.querySelector('tr[data-result="' + r.id + '"]');
      if (!row) return;
      row.setAttribute("data-status", r.status);
      row.setAttribute("data-changed", r.changed ? "true" : "false");
      row.querySelector(".st").replaceChildren(badge(r.status));
      var chg = row.querySelector(".chg");
      if (r.changed) {
        chg.replaceChildren(el("span", "+" + r.lines_added, "add"), document.createTextNode(" "), el("span", "−" + r.lines_removed, "del"));
      } else if (r.status === "success") {
        chg.replaceChildren(el("span", "unchanged", "muted"));
      }
      row.querySelector(".att").textContent = r.attempts;
      row.querySelector(".dur").textContent = r.duration === null ? "—" : r.duration.toFixed(1) + " s";
      var err = row.querySelector(".err");
      err.replaceChildren();
      if (r.error_category) { err.appendChild(el("strong", r.error_category)); err.appendChild(document.createTextNode(" ")); }
      if (r.error) err.appendChild(document.createTextNode(r.error));
      row.classList.add("updated");
      recount();
    });
    source.addEventListener("log", function (ev) {
      var e = JSON.parse(ev.data);
      if (seenLogs[e.id]) return;
      seenLogs[e.id] = true;
      var li = el("li", null, "lv-" + e.level);
      li.appendChild(el("time", (e.time || "").replace("T", " ").slice(0, 19) + " UTC"));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge(e.level));
      li.appendChild(document.createTextNode(" "));
      if (e.hostname) { li.appendChild(el("strong", e.hostname)); li.appendChild(document.createTextNode(" ")); }
      li.appendChild(document.createTextNode(e.message));
      log.appendChild(li);
      log.scrollTop = log.scrollHeight;
      // ...and in the device's own log, in its row
      var row = e.hostname ? tbody.querySelector('tr[data-hostname="' + CSS.escape(e.hostname) + '"]') : null;
      if (row) {
        var own = el("li", null, "lv-" + e.level);
        own.appendChild(el("time", (e.time || "").replace("T", " ").slice(0, 19) + " UTC"));
        own.appendChild(document.createTextNode(" " + e.message));
        row.querySelector(".dlog ol").appendChild(own);
        var n = row.querySelector(".dlog .n");
        n.textContent = String(Number(n.textContent) + 1);
      }
    });
    // No worker is alive: the stream closes; EventSource reconnects by itself and the run goes
    // on as soon as a worker (re)starts.
    source.addEventListener("idle", function (ev) {
      live.textContent = "waiting: " + (JSON.parse(ev.data).reason || "no worker is running");
    });
    source.addEventListener("end", function (ev) {
      source.close();
      live.textContent = "finished";
      var status = JSON.parse(ev.data).status;
      document.getElementById("run-status").replaceChildren(badge(status));
      setTimeout(function () { window.location.reload(); }, 400);
    });
  });
})();
