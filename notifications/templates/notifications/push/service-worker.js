/* Lantern's service worker. It shows an alert pushed to this device as a notification (with
   Lantern closed and the screen locked), acknowledges from the notification's button, opens
   the alert when the notification is tapped, and closes the notification once the alert is
   answered on another device. */
"use strict";

// Events a test dispatches itself are not the browser's: waitUntil refuses them.
function waitFor(event, promise) {
  try { event.waitUntil(promise); } catch (error) { /* an untrusted event */ }
  return promise;
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { waitFor(event, self.clients.claim()); });

function show(data) {
  if (data.type === "cleared") {
    return self.registration.getNotifications({ tag: "alert-" + data.id }).then(function (shown) {
      shown.forEach(function (notification) { notification.close(); });
    });
  }
  var actions = [];
  if (data.acknowledge) actions.push({ action: "acknowledge", title: "Acknowledge" });
  actions.push({ action: "open", title: "Open" });
  return self.registration.showNotification(data.title || "Lantern", {
    body: data.body || "",
    tag: data.id ? "alert-" + data.id : "lantern-test",
    renotify: true,
    requireInteraction: data.type === "alert",
    data: data,
    actions: actions,
  });
}

self.addEventListener("push", function (event) {
  var data;
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  if (!data.type) data = { type: "test", title: "Lantern", body: "Open Lantern to see what is new." };
  waitFor(event, show(data));
});

function answered(data, title, body) {
  return self.registration.showNotification(title, { body: body, tag: "alert-" + data.id, data: { url: data.url } });
}

function acknowledge(data) {
  var body = new URLSearchParams({ token: data.acknowledge.token });
  return fetch(data.acknowledge.url, { method: "POST", body: body, credentials: "omit" })
    .then(function (answer) {
      if (answer.ok) return answered(data, "Alert acknowledged", "It stops escalating. Open Lantern to resolve it.");
      if (answer.status === 409) return answered(data, "Already answered", "Open Lantern to see the alert.");
      return answered(data, "Not acknowledged", "This notification can no longer acknowledge: open Lantern.");
    })
    .catch(function () {
      return answered(data, "Not acknowledged: no connection", "Open Lantern to acknowledge when you are back online.");
    });
}

function open(url) {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (new URL(windows[i].url).pathname === url && "focus" in windows[i]) return windows[i].focus();
    }
    return self.clients.openWindow(url);
  });
}

self.addEventListener("notificationclick", function (event) {
  var data = event.notification.data || {};
  event.notification.close();
  if (event.action === "acknowledge" && data.acknowledge) waitFor(event, acknowledge(data));
  else if (data.url) waitFor(event, open(data.url));
});
