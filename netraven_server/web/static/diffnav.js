/* Diff page: jump to the next / previous change with the buttons or the n / p keys.
   A file of its own (the Content-Security-Policy allows no inline script); it only moves the view
   and marks the current change, the links work without it (#change-N anchors). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var nav = document.getElementById("change-nav"), diff = document.getElementById("diff");
    if (!nav || !diff) return;
    var total = parseInt(nav.getAttribute("data-changes"), 10) || 0;
    var pos = document.getElementById("change-pos"), current = 0;

    function row(n) {  // the change's first row in the table being shown (split or unified)
      var table = diff.querySelector("table:not([hidden])");
      return table ? table.querySelector('tr[data-change="' + n + '"]') : null;
    }
    function go(n) {
      n = Math.max(1, Math.min(total, n));
      var target = row(n);
      if (!target) return;
      diff.querySelectorAll("tr.current-change").forEach(function (tr) { tr.classList.remove("current-change"); });
      target.classList.add("current-change");
      target.scrollIntoView({ block: "center" });
      current = n;
      pos.textContent = "change " + n + " of " + total + " · keys n / p";
    }
    document.getElementById("next-change").addEventListener("click", function (ev) { ev.preventDefault(); go(current + 1); });
    document.getElementById("prev-change").addEventListener("click", function (ev) { ev.preventDefault(); go(current - 1); });
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
      var t = ev.target;
      if (t && t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
      if (ev.key === "n") { ev.preventDefault(); go(current + 1); }
      else if (ev.key === "p") { ev.preventDefault(); go(current - 1); }
    });
  });
})();
