// A text the privacy guard refused keeps what the person typed; the spans it found are in
// data-refused-spans ("12-26,40-45", in the box's own character count). Select the first,
// so the person sees what to replace and can type a role word ("the youth") over it.
(function () {
  "use strict";
  var box = document.querySelector("[data-refused-spans]");
  if (!box) return;
  var first = (box.getAttribute("data-refused-spans") || "").split(",")[0].split("-");
  var start = parseInt(first[0], 10);
  var end = parseInt(first[1], 10);
  if (isNaN(start) || isNaN(end)) return;
  box.focus();
  box.setSelectionRange(start, end);
  if (box.scrollIntoView) box.scrollIntoView({ block: "center" });
})();
