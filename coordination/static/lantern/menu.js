// On a phone the header is one row: the brand and a Menu button that opens the links,
// every task group open below it. On a laptop each task group ("Cases and teams", …) is a
// short list that opens on its own and closes on Escape or a click elsewhere.
// Without this script the links show as they always did (the button stays hidden).
(function () {
  "use strict";
  var button = document.querySelector(".nav-toggle");
  var links = document.getElementById("nav-links");
  if (!button || !links) return;
  var groups = Array.prototype.slice.call(links.querySelectorAll("details.nav-group"));
  document.documentElement.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    links.classList.toggle("is-open", open);
    groups.forEach(function (group) {
      group.open = open;  // each group a heading in the open menu, not a toggle
      group.querySelector("summary").tabIndex = open ? -1 : 0;
    });
    if (open) { var first = links.querySelector("a"); if (first) first.focus(); }
  });
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open || links.classList.contains("is-open")) return;
      groups.forEach(function (other) { if (other !== group) other.open = false; });
    });
  });
  document.addEventListener("click", function (event) {
    if (links.classList.contains("is-open")) return;
    groups.forEach(function (group) {
      if (group.open && !group.contains(event.target)) group.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (button.getAttribute("aria-expanded") === "true") {
      button.click();
      button.focus();
      return;
    }
    groups.forEach(function (group) {
      if (group.open) { group.open = false; group.querySelector("summary").focus(); }
    });
  });
})();
