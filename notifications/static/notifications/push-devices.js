/* "Turn on notifications on this device": registers Lantern's service worker, asks the
   browser for permission, subscribes with Lantern's VAPID key and sends the subscription
   to the server. */
(function () {
  "use strict";
  var button = document.getElementById("push-enable");
  var note = document.getElementById("push-note");
  if (!button || !note) return;
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.isSecureContext) {
    note.textContent = "This browser cannot get phone notifications here: it needs a secure (HTTPS) " +
      "connection and Web Push. On an iPhone, add Lantern to the home screen first (Share, then Add to Home Screen).";
    return;
  }
  button.hidden = false;
  var csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;

  function keyBytes(text) {
    var padded = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function deviceName() {
    var agent = navigator.userAgent;
    var system = /Android/.test(agent) ? "Android" : /iPhone|iPad/.test(agent) ? "iPhone or iPad"
      : /Mac OS X/.test(agent) ? "Mac" : /Windows/.test(agent) ? "Windows" : /Linux/.test(agent) ? "Linux" : "Device";
    var browser = /Edg\//.test(agent) ? "Edge" : /Firefox\//.test(agent) ? "Firefox"
      : /Chrom(e|ium)\//.test(agent) ? "Chrome" : /Safari\//.test(agent) ? "Safari" : "browser";
    return browser + " on " + system;
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    note.textContent = "Asking this browser…";
    navigator.serviceWorker.register("/service-worker.js")
      .then(function () { return Notification.requestPermission(); })
      .then(function (permission) {
        if (permission !== "granted") throw new Error("blocked");
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(button.dataset.key) });
      })
      .then(function (subscription) {
        var body = subscription.toJSON();
        body.label = deviceName();
        return fetch(button.dataset.url, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
          body: JSON.stringify(body),
        });
      })
      .then(function (answer) {
        if (answer.ok) { location.reload(); return null; }
        return answer.json().then(function (refusal) { throw new Error(refusal.detail || "refused"); });
      })
      .catch(function (error) {
        button.disabled = false;
        note.textContent = error.message === "blocked"
          ? "Notifications are blocked for Lantern in this browser's settings: allow them there, then try again."
          : "Could not turn on notifications on this device (" + error.message + ").";
      });
  });
})();
