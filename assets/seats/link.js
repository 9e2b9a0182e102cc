// What every seat's page shares (a role's and a desk's): the connection to the exercise, retried when
// lost, the requests not yet answered (resent with their id, applied once), and small helpers.
// Every text from the exercise or another seat is set as text, never as markup.
"use strict";

const token = location.pathname.split("/").pop();
let socket = null;
let view = null;
let nextId = Date.now() * 1000;
// Requests not yet answered, resent with the same id after a lost connection (applied once); a request
// older than this is dropped rather than taken long after it was clicked.
const pending = new Map();
const RESEND_WITHIN_MS = 10000;
let retry = 500;
// The close code the server sends when the facilitator has given this seat a new link.
const LINK_RENEWED = 4001;
// Set by the page's own script: what draws a new view, and what to undo when the seat is taken back.
let onView = () => {};
let onGone = () => {};

function word(key) {
  const found = view && view.words.find(([k]) => k === key);
  return found ? found[1] : "";
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// The page's language, its title and heading, and the clock with the exercise's state.
function drawHeader(name) {
  document.documentElement.lang = view.language;
  // The minute shown, for a test or a script that waits for a given moment.
  document.body.dataset.minute = String(view.minute);
  document.title = `${name} — crisis-cell`;
  document.getElementById("role").textContent = name;
  const state = view.ended ? word("seat-ended") : view.paused ? word("seat-paused") : "";
  document.getElementById("clock").textContent = state ? `${view.clock} · ${state}` : view.clock;
}

// Sends a request; `draft`, a text box, is emptied once the request is done (not when it is refused,
// so that what was typed is not lost). Returns the request's id.
function send(request, draft) {
  request.id = nextId++;
  pending.set(request.id, { request, at: Date.now(), draft, typed: draft ? draft.value : "" });
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
  return request.id;
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/${token}`);
  socket.onopen = () => {
    retry = 500;
    document.getElementById("status").textContent = "";
    for (const [id, { request, at }] of pending) {
      if (Date.now() - at < RESEND_WITHIN_MS) socket.send(JSON.stringify(request));
      else pending.delete(id);
    }
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.kind === "view") {
      view = message.view;
      onView();
    } else if (message.kind === "reply") {
      const sent = pending.get(message.id);
      pending.delete(message.id);
      if (!message.ok) document.getElementById("status").textContent = message.text;
      else if (sent && sent.draft && sent.draft.value === sent.typed) sent.draft.value = "";
    }
  };
  socket.onclose = (event) => {
    if (event.code === LINK_RENEWED) {
      giveUp(event.reason);
      return;
    }
    document.getElementById("status").textContent = word("seat-offline") || "…";
    // A link that opens no seat any more (renewed while this browser was away, or the exercise over)
    // is said so, instead of being tried forever.
    fetch(location.href, { method: "HEAD", cache: "no-store" })
      .then((answer) => (answer.status === 404 ? giveUp(word("seat-no-such") || answer.statusText) : later()))
      .catch(later);
  };
}

function later() {
  setTimeout(connect, retry);
  retry = Math.min(retry * 2, 8000);
}

// This page's seat is no longer its own: it says why, and stops sending.
function giveUp(why) {
  pending.clear();
  onGone();
  document.getElementById("status").textContent = why;
  document.body.classList.add("gone");
  for (const control of document.querySelectorAll("button, textarea, select")) control.disabled = true;
}

