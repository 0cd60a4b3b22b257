// A wide table scrolls inside its box on a phone. A box that scrolls takes keyboard focus
// (so the arrow keys scroll it) and is named by its table's caption or the heading before
// it, so a screen reader says what it is.
(function () {
  "use strict";
  function name(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var before = box.previousElementSibling;
    while (before && !/^H[1-6]$/.test(before.tagName)) before = before.previousElementSibling;
    return before ? before.textContent.trim() : "Table";
  }
  function mark() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.hasAttribute("tabindex")) return;
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var says = document.documentElement.dataset.scrollsSideways || "(scrolls sideways)";
        box.setAttribute("aria-label", name(box) + " " + says);
        box.dataset.scrollMarked = "yes";
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
