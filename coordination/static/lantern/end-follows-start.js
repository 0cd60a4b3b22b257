// An end that follows its start ("Ends" on a meeting's form): when the start moves, the end
// moves with it and keeps the length it had, so a meeting moved to another day is not
// refused for ending before it starts.
(function () {
  "use strict";
  function parse(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || "");
    if (!parts) return null;
    return new Date(+parts[1], +parts[2] - 1, +parts[3], +parts[4], +parts[5]);
  }
  function two(number) { return (number < 10 ? "0" : "") + number; }
  function written(date) {
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate()) +
      "T" + two(date.getHours()) + ":" + two(date.getMinutes());
  }
  document.querySelectorAll("input[data-follows]").forEach(function (end) {
    var start = document.getElementById(end.dataset.follows);
    if (!start) return;
    var before = parse(start.value);
    start.addEventListener("change", function () {
      var now = parse(start.value);
      var ends = parse(end.value);
      if (now && before && ends) {
        var length = ends.getTime() - before.getTime();
        if (length >= 0) end.value = written(new Date(now.getTime() + length));
      }
      before = now;
    });
  });
})();
