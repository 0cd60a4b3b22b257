// Two things about a signed-in session. (1) Before it ends, a warning says when, with a
// button that renews it. (2) What a person types into a form is kept in this tab
// (sessionStorage: gone when the tab closes) until a page says it was saved, so that a
// form sent after the session ended comes back filled once they sign in again (and only
// then: a refused form keeps its text from the server).
(function () {
  "use strict";
  var root = document.documentElement;
  var main = document.getElementById("main");
  var WARN_BEFORE_MS = 5 * 60 * 1000;
  var PENDING = "lantern-draft-pending";

  // --- (1) the warning ------------------------------------------------------------------
  var ends = root.dataset.sessionEnds ? new Date(root.dataset.sessionEnds) : null;
  var warning = null;
  var timer = null;
  function schedule() {
    if (!ends || !main) return;
    clearTimeout(timer);
    var wait = ends.getTime() - WARN_BEFORE_MS - Date.now();
    timer = setTimeout(check, Math.max(wait, 0));
  }
  // Another tab may have renewed the session: ask when it ends (without renewing it)
  // before warning, and wait longer if it ends later than this page was told.
  function check() {
    fetch("/accounts/stay-signed-in/", {
      credentials: "same-origin", headers: { Accept: "application/json" },
    }).then(function (answer) {
      if (!answer.ok || answer.redirected) throw new Error("signed out");
      return answer.json();
    }).then(function (data) {
      var now = data.ends ? new Date(data.ends) : null;
      if (now && now.getTime() > ends.getTime()) {
        ends = now;
        schedule();
      } else {
        warn();
      }
    }).catch(function () {
      warn();
      ended();
    });
  }
  function ended() {
    warning.querySelector("p").textContent =
      "Your sign-in has ended. Send the form anyway: you will sign in again and find what you typed.";
    var button = warning.querySelector("button");
    if (button) button.remove();
  }
  function warn() {
    if (warning) warning.remove();
    warning = document.createElement("div");
    warning.className = "message message-warning session-warning";
    warning.lang = "en";  // in English on a page in Spanish or Vietnamese too
    warning.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = "Your sign-in ends at " + window.lanternTime(ends) +
      " Save what you are typing, or stay signed in.";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Stay signed in";
    button.addEventListener("click", renew);
    warning.appendChild(text);
    warning.appendChild(button);
    main.insertBefore(warning, main.firstChild);
  }
  function renew() {
    var token = document.querySelector("meta[name=csrf-token]");
    fetch("/accounts/stay-signed-in/", {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.content : "" },
    }).then(function (answer) {
      if (!answer.ok) throw new Error("not renewed");
      return answer.json();
    }).then(function (data) {
      ends = new Date(data.ends);
      warning.querySelector("p").textContent = "You stay signed in until " +
        window.lanternTime(ends);
      warning.querySelector("button").remove();
      warning.className = "message message-success session-warning";
      schedule();
    }).catch(ended);
  }
  schedule();

  // --- (2) drafts -------------------------------------------------------------------------
  // A draft belongs to the form it was typed in (its action), wherever that form shows.
  function formPath(form) { return new URL(form.action, location.href).pathname; }
  function key(field) { return "lantern-draft:" + formPath(field.form) + ":" + field.name; }
  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll(
      "main form[method=post] textarea, main form[method=post] input[type=text], " +
      "main form[method=post] input[type=search]:not([id^=filter-])"
    )).filter(function (field) {
      // A one-time code is never kept: it is short-lived, and a secret.
      return field.name && field.autocomplete !== "one-time-code";
    });
  }
  var pending = sessionStorage.getItem(PENDING);
  var saved = document.querySelector(".message-success");
  if (pending && saved) {
    Object.keys(sessionStorage).forEach(function (name) {
      if (name.indexOf("lantern-draft:" + pending + ":") === 0) sessionStorage.removeItem(name);
    });
    sessionStorage.removeItem(PENDING);
  }
  // A draft is put back in the form last sent, unsaved: after a refusal that came back
  // without the text, and on the page a sign-in led to (only then said to be).
  var fromSignIn = false;
  try {
    var came = new URL(document.referrer);
    fromSignIn = came.origin === location.origin && came.pathname.indexOf("/accounts/") === 0;
  } catch (error) { fromSignIn = false; }
  var restored = 0;
  fields().forEach(function (field) {
    var draft = sessionStorage.getItem(key(field));
    var back = pending === formPath(field.form) && !saved;
    if (back && draft && !field.value) { field.value = draft; restored += 1; }
    field.addEventListener("input", function () {
      if (field.value) sessionStorage.setItem(key(field), field.value);
      else sessionStorage.removeItem(key(field));
    });
  });
  document.querySelectorAll("main form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function () { sessionStorage.setItem(PENDING, formPath(form)); });
  });
  if (restored && main && fromSignIn) {
    var note = document.createElement("p");
    note.className = "message message-info";
    note.setAttribute("role", "status");
    note.lang = "en";
    note.textContent = "What you typed before signing in again is back in its box: check it and send it again.";
    main.insertBefore(note, main.firstChild);
  }
})();
