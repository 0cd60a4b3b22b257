// A form that comes back refused: focus moves to the first field with an error (its
// message is beside it, and listed in the summary above the form, each a link to its
// field), so nobody hunts 1,000 pixels down the page for what went wrong.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.querySelectorAll("a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    });
  });
  var first = document.querySelector("main [aria-invalid=true]");
  if (first && !first.matches("[data-refused-spans]")) {
    first.focus();  // a refused text's own script selects its span instead
  } else if (!first) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
})();
