/* The contact's live alert console: a websocket to /ws/alerts/ that reconnects by itself
   with backoff. On every (re)connect the server replays what is still unacknowledged, so
   whatever was missed while offline arrives then; cards are keyed by alert id, so an alert
   is never shown twice. */
(function () {
  "use strict";
  var list = document.getElementById("alert-list");
  var template = document.getElementById("alert-card-template");
  if (!list || !template) return;
  var indicator = document.getElementById("connection");
  var announcer = document.getElementById("announcer");
  var empty = document.getElementById("no-alerts");
  var sound = document.getElementById("sound-cue");
  var csrf = template.content.querySelector("[name=csrfmiddlewaretoken]").value;
  var baseTitle = document.title;
  var delay = 1000;
  var MAX_DELAY = 30000;
  var SEVERITY = { info: "Info", urgent: "Urgent", critical: "Critical" };

  sound.checked = localStorage.getItem("lantern-alert-sound") === "on";
  sound.addEventListener("change", function () {
    localStorage.setItem("lantern-alert-sound", sound.checked ? "on" : "off");
  });

  function setState(state, text) {
    indicator.dataset.state = state;
    indicator.textContent = text;
  }

  function refreshCount() {
    var waiting = list.querySelectorAll(".alert-card[data-status=triggered]").length;
    document.title = waiting ? "(" + waiting + ") " + baseTitle : baseTitle;
    empty.hidden = list.children.length > 0;
    var badge = document.querySelector("[data-waiting-alerts]");
    if (badge) {
      badge.querySelector(".count").textContent = waiting;
      badge.hidden = waiting === 0;
    }
  }

  // Waiting alerts first, newest first; then the acknowledged ones, newest first.
  function rank(item) {
    var raised = Date.parse(item.querySelector("time.raised").dateTime) || 0;
    return [item.dataset.status === "triggered" ? 0 : 1, -raised, -Number(item.dataset.alertId)];
  }

  function before(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return a[i] < b[i];
    }
    return false;
  }

  function place(item) {
    var key = rank(item);
    var next = Array.prototype.find.call(list.children, function (other) {
      return other !== item && before(key, rank(other));
    });
    if (next) list.insertBefore(item, next);
    else list.appendChild(item);
  }

  function beep() {
    if (!sound.checked) return;
    try {
      var context = new (window.AudioContext || window.webkitAudioContext)();
      var tone = context.createOscillator();
      tone.frequency.value = 880;
      tone.connect(context.destination);
      tone.start();
      tone.stop(context.currentTime + 0.4);
    } catch (error) { /* no audio here: the visual cue stands */ }
  }

  function card(alert) {
    var item = template.content.querySelector("li").cloneNode(true);
    var label = " alert " + alert.id;
    item.id = "alert-" + alert.id;
    item.dataset.alertId = alert.id;
    item.classList.add("severity-" + alert.severity);
    item.querySelector("article").setAttribute("aria-labelledby", item.id + "-title");
    item.querySelector(".alert-title").id = item.id + "-title";
    item.querySelector(".severity").textContent = SEVERITY[alert.severity] || alert.severity;
    item.querySelector(".region").textContent = alert.region_name;
    item.querySelector(".summary").textContent = alert.summary;
    var raised = item.querySelector(".raised");
    raised.dateTime = alert.raised_at;
    raised.textContent = window.lanternTime(new Date(alert.raised_at));
    var forms = { ".ack-form": "acknowledge", ".resolve-form": "resolve" };
    Object.keys(forms).forEach(function (selector) {
      var form = item.querySelector(selector);
      form.action = "/alerts/" + alert.id + "/" + forms[selector] + "/";
      form.querySelector("[name=csrfmiddlewaretoken]").value = csrf;
      form.querySelector(".visually-hidden").textContent = label;
    });
    var link = item.querySelector(".detail-link");
    link.href = "/alerts/" + alert.id + "/";
    link.querySelector(".visually-hidden").textContent = " of" + label;
    return item;
  }

  function setEscalation(item, alert) {
    var line = item.querySelector(".escalation");
    if (!line) return;
    if (alert.escalate_at) {
      var at = line.querySelector("time");
      at.dateTime = alert.escalate_at;
      at.textContent = window.lanternTime(new Date(alert.escalate_at));
      line.hidden = false;
    } else {
      line.remove();
    }
  }

  function show(alert) {
    var existing = document.getElementById("alert-" + alert.id);
    if (existing && existing.dataset.status !== "triggered") {
      // Acknowledged, then left unresolved past the region's timeout: triggered again,
      // with its acknowledge button back.
      existing.remove();
      existing = null;
    }
    var item = existing || card(alert);
    var page = alert.escalation_level + "." + alert.escalation_repeat;
    var pagedAgain = existing && existing.dataset.page !== page;
    item.dataset.status = "triggered";
    item.dataset.page = page;
    setEscalation(item, alert);
    place(item);
    if (!existing) {
      beep();
      announcer.textContent =
        "New " + (SEVERITY[alert.severity] || "") + " alert for " + alert.region_name + ": " + alert.summary;
    } else if (pagedAgain) {
      // The escalation policy pages the same people again: it still waits for them.
      beep();
      announcer.textContent = "Alert " + alert.id + " paged again, still waiting: " + alert.summary;
    }
    refreshCount();
  }

  function cleared(event) {
    var item = document.getElementById("alert-" + event.id);
    if (!item) return;
    if (event.status === "acknowledged") {
      // Answered on another device: it stays here until resolved, without the clock.
      item.dataset.status = "acknowledged";
      item.classList.remove("alert-new");
      item.querySelector(".status").textContent = "Acknowledged";
      var ack = item.querySelector(".ack-form");
      if (ack) ack.remove();
      var line = item.querySelector(".escalation");
      if (line) line.remove();
      place(item);
    } else {
      item.remove();
      if (event.status === "triggered") {
        announcer.textContent = "Alert " + event.id + " passed to the next contact.";
      }
    }
    refreshCount();
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/ws/alerts/");
    setState("connecting", "Connecting to live alerts…");
    socket.onopen = function () {
      delay = 1000;
      setState("online", "Live: new alerts appear here as they are raised.");
    };
    socket.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type === "alert") show(event.alert);
      else if (event.type === "alert.cleared") cleared(event);
    };
    socket.onclose = function (closing) {
      // Refusals are final: reconnecting would be refused again.
      if (closing.code === 4401) {
        setState("offline", "You are signed out. Sign in again to receive alerts.");
        return;
      }
      if (closing.code === 4403) {
        setState("offline", "Your access to alerts was withdrawn: ask your coordinator or a state admin.");
        list.replaceChildren();
        refreshCount();
        return;
      }
      var wait = delay;
      setState("offline", "Connection lost — reconnecting in " + Math.round(wait / 1000) + " s. Alerts are kept and arrive on reconnect.");
      delay = Math.min(delay * 2, MAX_DELAY);
      setTimeout(connect, wait + Math.random() * 500);
    };
  }

  Array.prototype.forEach.call(list.children, function (item) {
    item.dataset.status = item.querySelector(".ack-form") ? "triggered" : "acknowledged";
  });
  refreshCount();
  connect();
})();
