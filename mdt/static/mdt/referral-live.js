// The referral page listens for changes made by others on the case team: the status and
// a polite announcement update in place; the history is one reload away.
(function () {
  "use strict";
  const root = document.querySelector("[data-referral-socket]");
  if (!root || !("WebSocket" in window)) return;
  const status = document.getElementById("referral-status");
  const live = document.getElementById("referral-live");
  const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  const url = scheme + window.location.host + root.dataset.referralSocket;
  let delay = 1000;

  function connect() {
    const socket = new WebSocket(url);
    let opened = false;
    socket.onopen = function () { opened = true; delay = 1000; };
    socket.onmessage = function (message) {
      const event = JSON.parse(message.data);
      if (event.type !== "referral.changed") return;
      if (status) status.textContent = event.referral.status.replace(/_/g, " ");
      live.textContent = "This referral just changed (" + event.what + "). Reload the page to see its history.";
      live.hidden = false;
    };
    socket.onclose = function (closed) {
      if (closed.code === 4404 && opened) {
        // Closed while open: the referral was transferred, or its reader left the MDT.
        live.textContent = "This referral is no longer yours to see: it was transferred, or you left its MDT.";
        live.hidden = false;
      }
      if (closed.code === 4401 || closed.code === 4404) return;  // not allowed: stop
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
