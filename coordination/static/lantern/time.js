// One way to show a time, as the server does ("9:05 a.m."): in Lantern's time zone (the
// page's data-time-zone), never the browser's, so a card written by the script reads like
// one written by the server.
(function () {
  "use strict";
  var zone = document.documentElement.dataset.timeZone || undefined;
  var format = new Intl.DateTimeFormat("en-US", {
    hour: "numeric", minute: "2-digit", hour12: true, timeZone: zone,
  });
  window.lanternTime = function (date) {
    return format.format(date).replace(/\s?AM$/, " a.m.").replace(/\s?PM$/, " p.m.");
  };
})();
