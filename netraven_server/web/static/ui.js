/* NetRaven UI helpers: modal forms, copy buttons, the job schedule builder with cron preview,
   and the credential preview of the device form.  Plain DOM, no framework, no inline code
   (the Content-Security-Policy forbids it).  Everything inserted as text uses textContent. */
(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function debounce(fn, ms) {
    var t = null;
    return function () { var args = arguments; clearTimeout(t); t = setTimeout(function () { fn.apply(null, args); }, ms); };
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } }).then(function (r) {
      if (r.status === 401) { window.location.assign("/login?expired=1&next=" + encodeURIComponent(location.pathname + location.search)); throw new Error("session expired"); }
      return r.json();
    });
  }

  /* ---- modal: load a form page (?partial=1) into the <dialog> ---- */
  function openModal(url) {
    var dialog = document.getElementById("modal");
    if (!dialog || typeof dialog.showModal !== "function") { window.location.assign(url); return; }
    var sep = url.indexOf("?") >= 0 ? "&" : "?";
    fetch(url + sep + "partial=1", { credentials: "same-origin" }).then(function (r) {
      if (r.redirected && r.url.indexOf("/login") >= 0) { window.location.assign(r.url); return null; }
      return r.text();
    }).then(function (html) {
      if (html === null) return;
      var body = dialog.querySelector(".modal-body");
      // The fragment is this server's own template output (autoescaped); parse it inertly.
      var doc = new DOMParser().parseFromString(html, "text/html");
      var content = doc.querySelector("main") || doc.body;
      body.replaceChildren.apply(body, Array.prototype.slice.call(content.childNodes));
      dialog.showModal();
      initWidgets(body);
      var first = body.querySelector("input:not([type=hidden]), select, textarea, button");
      if (first) first.focus();
    }).catch(function () { window.location.assign(url); });
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[data-modal]");
    if (link && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) { ev.preventDefault(); openModal(link.getAttribute("href")); return; }
    var close = ev.target.closest("[data-close]");
    var dialog = document.getElementById("modal");
    if (close && dialog && dialog.open && dialog.contains(close)) { ev.preventDefault(); dialog.close(); return; }
    var copy = ev.target.closest("[data-copy]");
    if (copy) { ev.preventDefault(); copyText(copy); }
  });

  /* A form in the modal is posted from here, so a refusal (422 with the marked fields) comes
     back into the modal instead of replacing the page with the form alone. */
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var dialog = document.getElementById("modal");
    if (!dialog || !dialog.open || !dialog.contains(form) || form.method.toLowerCase() !== "post") return;
    if (!window.fetch || !window.FormData) return;
    ev.preventDefault();
    var action = form.getAttribute("action") || window.location.pathname;
    var sep = action.indexOf("?") >= 0 ? "&" : "?";
    fetch(action + sep + "partial=1", { method: "POST", body: new FormData(form), credentials: "same-origin" }).then(function (r) {
      // Done: the server names the page to show instead of redirecting (a followed redirect
      // would consume the flash message meant for that page).
      var next = r.headers.get("X-NetRaven-Location");
      if (next) { window.location.assign(next); return null; }
      if (r.redirected) { window.location.assign(r.url); return null; }
      return r.text();
    }).then(function (html) {
      if (html === null) return;
      var body = dialog.querySelector(".modal-body");
      var doc = new DOMParser().parseFromString(html, "text/html");
      var content = doc.querySelector("main") || doc.body;
      body.replaceChildren.apply(body, Array.prototype.slice.call(content.childNodes));
      initWidgets(body);
      var bad = body.querySelector(".field-error, .flash.error");
      if (bad) bad.scrollIntoView({ block: "nearest" });
    }).catch(function () { form.submit(); });
  });

  function copyText(button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.textContent;
    var done = function () { var old = button.textContent; button.textContent = "Copied"; setTimeout(function () { button.textContent = old; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var area = el("textarea", text); document.body.appendChild(area); area.select();
      try { document.execCommand("copy"); done(); } finally { area.remove(); }
    }
  }

  /* ---- job form: show the fields of the chosen schedule type; cron preview ---- */
  function initSchedule(root) {
    root.querySelectorAll(".schedule-builder").forEach(function (box) {
      var update = function () {
        var checked = box.querySelector("input[name=schedule_type]:checked");
        var kind = checked ? checked.value : "manual";
        box.querySelectorAll(".sched").forEach(function (s) { s.hidden = s.getAttribute("data-kind") !== kind; });
      };
      box.addEventListener("change", update);
      update();
    });
    root.querySelectorAll("input[data-cron-preview]").forEach(function (input) {
      var out = input.closest(".sched").querySelector(".cron-preview");
      var refresh = debounce(function () {
        var expr = input.value.trim();
        if (!expr) { out.replaceChildren(); return; }
        getJSON(input.getAttribute("data-cron-preview") + "?cron=" + encodeURIComponent(expr)).then(function (data) {
          if (!data.ok) { out.replaceChildren(el("span", data.error, "bad-text")); return; }
          var list = el("ol");
          data.next.forEach(function (t) { list.appendChild(el("li", t)); });
          out.replaceChildren(el("span", "Next runs:"), list);
        }).catch(function () {});
      }, 250);
      input.addEventListener("input", refresh);
      refresh();
    });
  }

  /* ---- device form: which credentials the selected tags bring ---- */
  function initCredPreview(root) {
    root.querySelectorAll("[data-cred-preview]").forEach(function (box) {
      var form = box.closest("form");
      var list = form.querySelector(".cred-list");
      if (!list) return;
      var refresh = debounce(function () {
        var params = new URLSearchParams();
        box.querySelectorAll("input[name=tags]:checked").forEach(function (c) { params.append("tag", c.value); });
        var extra = box.querySelector("input[name=tags_new]");
        if (extra) extra.value.split(",").forEach(function (t) { if (t.trim()) params.append("tag", t.trim()); });
        getJSON(box.getAttribute("data-cred-preview") + "?" + params.toString()).then(function (data) {
          var items = data.credentials.map(function (c) {
            var li = el("li", c.name + " ");
            li.appendChild(el("span", "user " + c.username + " · priority " + c.priority, "muted"));
            return li;
          });
          if (!items.length) items = [el("li", "none: no credential shares a tag with this device", "muted none")];
          list.replaceChildren.apply(list, items);
        }).catch(function () {});
      }, 200);
      box.addEventListener("change", refresh);
      box.addEventListener("input", refresh);
    });
  }

  /* ---- a <select data-switch> shows only the form parts whose data-types name its value;
     a form with two switches names each (data-switch="source") and its parts (data-for="source") ---- */
  function initSwitches(root) {
    root.querySelectorAll("select[data-switch]").forEach(function (select) {
      var form = select.closest("form");
      var group = select.getAttribute("data-switch") || "";
      var update = function () {
        form.querySelectorAll("[data-types]").forEach(function (part) {
          if ((part.getAttribute("data-for") || "") !== group) return;
          part.hidden = part.getAttribute("data-types").split(" ").indexOf(select.value) < 0;
        });
      };
      select.addEventListener("change", update);
      update();
    });
  }

  /* ---- narrow windows: the menu button opens and closes the nav ---- */
  function initNavToggle() {
    var button = document.getElementById("navtoggle");
    if (!button) return;
    var bar = button.closest(".topbar");
    button.addEventListener("click", function () {
      var open = !bar.classList.contains("open");
      bar.classList.toggle("open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && bar.classList.contains("open")) { bar.classList.remove("open"); button.setAttribute("aria-expanded", "false"); }
    });
  }

  /* ---- device list: select rows for the bulk bar; confirm a destructive bulk action ---- */
  function initBulk() {
    var all = document.getElementById("select-all");
    var count = document.getElementById("bulk-count");
    if (!all || !count) return;
    var boxes = function () { return document.querySelectorAll("input[name=ids][form=bulk-form]"); };
    var update = function () {
      var n = Array.prototype.filter.call(boxes(), function (b) { return b.checked; }).length;
      count.textContent = String(n);
      all.checked = n > 0 && n === boxes().length;
    };
    all.addEventListener("change", function () { boxes().forEach(function (b) { b.checked = all.checked; }); update(); });
    document.addEventListener("change", function (ev) { if (ev.target.matches && ev.target.matches("input[name=ids]")) update(); });
    document.addEventListener("click", function (ev) {
      var button = ev.target.closest("button[data-confirm]");
      if (button && !window.confirm(button.getAttribute("data-confirm"))) ev.preventDefault();
    });
    update();
  }

  /* ---- tables: each cell learns its column's name, so on a phone a row can be shown as a
     card ("Address  10.0.0.1") instead of a table squeezed or scrolled sideways ---- */
  function labelTables(root) {
    root.querySelectorAll("table.table").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) return;
      var names = Array.prototype.map.call(heads, function (th) { return th.textContent.replace(/[\u25b2\u25bc]/g, "").trim(); });
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        var col = 0;
        Array.prototype.forEach.call(tr.children, function (td) {
          var span = td.colSpan || 1;
          if (span === 1 && names[col] && !td.hasAttribute("data-label")) td.setAttribute("data-label", names[col]);
          col += span;
        });
      });
      table.classList.add("labelled");
      addSortPicker(table);
    });
  }

  /* The cards of a phone have no column headers to click: the same sort links in a picker. */
  function addSortPicker(table) {
    var links = table.querySelectorAll("thead a.sort");
    if (!links.length || table.previousElementSibling && table.previousElementSibling.classList.contains("sort-picker")) return;
    var label = el("label", "Sort by ", "sort-picker small");
    var select = el("select");
    var none = el("option", "(as listed)"); none.value = "";
    select.appendChild(none);
    Array.prototype.forEach.call(links, function (a) {
      var option = el("option", a.textContent.trim());
      option.value = a.getAttribute("href");
      select.appendChild(option);
    });
    select.addEventListener("change", function () { if (select.value) window.location.assign(select.value); });
    label.appendChild(select);
    table.parentNode.insertBefore(label, table);
  }

  /* ---- device form: the telnet warning only while telnet is chosen ---- */
  function initTelnetWarning(root) {
    root.querySelectorAll("select[name=transport]").forEach(function (select) {
      var note = select.closest("form").querySelector(".telnet-warning");
      if (!note) return;
      var update = function () { note.hidden = select.value !== "telnet"; };
      select.addEventListener("change", update);
      update();
    });
  }

  function initWidgets(root) { initSchedule(root); initCredPreview(root); initSwitches(root); initTelnetWarning(root); }
  window.NetRaven = { initWidgets: initWidgets, el: el };
  document.addEventListener("DOMContentLoaded", function () { initNavToggle(); initBulk(); labelTables(document); initWidgets(document); });
})();
