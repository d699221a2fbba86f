/* Diff page: switch side-by-side/unified without a reload, unfold folded unchanged lines. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var diff = document.getElementById("diff");
    if (!diff) return;
    var split = diff.querySelector(".diff-split"), unified = diff.querySelector(".diff-unified");
    document.querySelectorAll("[data-view]").forEach(function (link) {
      if (link === diff) return;
      link.addEventListener("click", function (ev) {
        ev.preventDefault();
        var view = link.getAttribute("data-view");
        split.hidden = view !== "split";
        unified.hidden = view !== "unified";
        diff.setAttribute("data-view", view);
        document.querySelectorAll(".view-toggle [data-view]").forEach(function (l) { l.classList.toggle("active", l === link); });
        var url = new URL(window.location.href); url.searchParams.set("view", view);
        window.history.replaceState(null, "", url.toString());
      });
    });
    function unfold(group) {
      diff.querySelectorAll('tr[data-group="' + group + '"]').forEach(function (tr) { tr.hidden = false; });
      diff.querySelectorAll('tr[data-fold="' + group + '"]').forEach(function (tr) { tr.remove(); });
    }
    diff.addEventListener("click", function (ev) {
      var b = ev.target.closest("[data-unfold]");
      if (b) unfold(b.getAttribute("data-unfold"));
    });
    var all = document.getElementById("expand-all");
    if (all) all.addEventListener("click", function () {
      diff.querySelectorAll("tr.folded").forEach(function (tr) { tr.hidden = false; });
      diff.querySelectorAll("tr.fold-bar").forEach(function (tr) { tr.remove(); });
      all.disabled = true;
    });
  });
})();
