/* An alert's own page, for whoever raised it (or anyone who may read it): its status is
   updated live when the contact acknowledges or resolves it. The socket is /ws/alerts/;
   on every (re)connect the page also reads the alert from the API, so an answer given
   while the socket was down is shown then. */
(function () {
  "use strict";
  var facts = document.getElementById("alert-facts");
  var status = document.getElementById("alert-status");
  var live = document.getElementById("alert-live");
  var watch = document.getElementById("alert-watch");
  if (!facts || !status) return;
  var id = Number(facts.dataset.alertId);
  var delay = 1000;
  var LABEL = { triggered: "Triggered", acknowledged: "Acknowledged", resolved: "Resolved" };
  var socket = null;

  function update(state, by, at) {
    if (!LABEL[state] || state === facts.dataset.status) return;
    facts.dataset.status = state;
    var text = LABEL[state] + (by ? " by " + by : "") + (at ? " at " + window.lanternTime(new Date(at)) : "");
    status.textContent = text;
    live.textContent = "Alert " + id + ": " + text + (/\.$/.test(text) ? "" : ".");
    var ack = document.querySelector("form[action$='/acknowledge/']");
    if (ack && state !== "triggered") ack.remove();
    // What the page said would happen next no longer will: the escalation stops.
    document.querySelectorAll(".alert-escalates").forEach(function (fact) { fact.remove(); });
    var history = document.getElementById("alert-history");
    if (history) {
      var entry = document.createElement("li");
      entry.textContent = (at ? window.lanternTime(new Date(at)) + " — " : "") + LABEL[state] +
        (by ? " by " + by : "");
      history.appendChild(entry);
    }
    if (state === "resolved") {
      if (watch) watch.remove();
      if (socket) socket.close(1000);
    }
  }

  function catchUp() {
    fetch("/api/v1/alerts/" + id + "/", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (alert) {
        if (alert) update(alert.status, null, alert.resolved_at || alert.acknowledged_at);
      })
      .catch(function () { /* the socket's next open tries again */ });
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws/alerts/");
    socket.onopen = function () {
      delay = 1000;
      if (watch) watch.dataset.state = "online";
      catchUp();
    };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type === "alert.answered" && event.id === id) update(event.status, event.by, event.at);
    };
    socket.onclose = function (closing) {
      if (facts.dataset.status === "resolved") return;
      if (closing.code === 4401 || closing.code === 4403) {
        if (watch) {
          watch.dataset.state = "offline";
          watch.textContent = closing.code === 4401
            ? "You are signed out. Sign in again to follow this alert."
            : "Your access changed: reload the page to follow this alert.";
        }
        return;
      }
      if (watch) watch.dataset.state = "offline";
      setTimeout(connect, delay + Math.random() * 500);
      delay = Math.min(delay * 2, 30000);
    };
  }

  connect();
})();
