// On a phone the header is one row: the brand and a Menu button that opens the links.
// Without this script the links show as they always did (the button stays hidden).
(function () {
  "use strict";
  var button = document.querySelector(".nav-toggle");
  var links = document.getElementById("nav-links");
  if (!button || !links) return;
  document.documentElement.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    links.classList.toggle("is-open", open);
    if (open) { var first = links.querySelector("a"); if (first) first.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      button.click();
      button.focus();
    }
  });
})();
