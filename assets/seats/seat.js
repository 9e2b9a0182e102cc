// A seat's page: draws the view the exercise sends for this role, and sends its decisions and messages.
// Every text from the exercise or another seat is set as text, never as markup.
"use strict";

// The inject being answered or passed on, if any: { about, mode: "answer" | "forward" }.
let replying = null;

// The connection, its retries and the helpers every seat shares are in link.js.

function draw() {
  drawHeader(view.role_name);
  document.getElementById("decisions-title").textContent = word("seat-decisions");
  document.getElementById("inbox-title").textContent = word("seat-inbox");
  document.getElementById("estate-title").textContent = word("seat-estate");
  document.getElementById("care-title").textContent = word("seat-care");
  document.getElementById("write-label").textContent = word("seat-write");
  document.getElementById("send").textContent = word("seat-send");
  document.getElementById("cancel").textContent = word("seat-cancel");
  document.getElementById("staff").textContent = view.staff;
  for (const control of document.querySelectorAll("#write textarea, #write select, #send")) control.disabled = view.ended;
  drawDecisions();
  drawRecipients();
  drawInbox();
  drawPicture();
}

function drawDecisions() {
  const waiting = document.getElementById("waiting");
  waiting.hidden = view.known;
  waiting.textContent = word("seat-waiting-for-alert");
  const list = document.getElementById("decisions");
  list.replaceChildren(...view.decisions.map((d) => {
    const item = el("li");
    const button = el("button", d.name, d.irreversible ? "irreversible" : "");
    button.title = d.description;
    button.disabled = view.ended;
    button.onclick = () => send({ kind: "decide", action: d.action });
    // The spaces stay outside the unbreakable spans: on a phone, the line may break before them.
    item.append(button, " ", el("span", `≈${d.expected_minutes} min`, "small"));
    if (d.taken > 0) item.append(" ", el("span", `· ${word("seat-taken")} ×${d.taken}`, "small"));
    if (d.waits_for) item.append(el("div", d.waits_for, "waits"));
    return item;
  }));
}

function drawRecipients() {
  const select = document.getElementById("to");
  const chosen = select.value;
  // The first choice, "—", is nobody: what a message passed on starts from.
  const options = [["", "—"], ["cell", word("seat-the-cell")], ...view.roles];
  if (select.options.length !== options.length) {
    select.replaceChildren(...options.map(([id, name]) => {
      const option = el("option", name);
      option.value = id;
      return option;
    }));
    select.value = chosen || "cell";
  }
}

function drawInbox() {
  const list = document.getElementById("inbox");
  list.replaceChildren(...view.inbox.map((m) => {
    const item = el("li", undefined, m.mine ? "mine" : "");
    // The facilitator's own calls have no sender: the arrow alone says whom they are for.
    const who = m.from ? `${m.from} → ${m.to}` : `→ ${m.to}`;
    item.append(el("div", `${m.at} · ${m.channel} · ${who}`, "meta"));
    if (m.quoted) item.append(el("div", m.quoted, "quoted"));
    if (m.text) item.append(el("div", m.text));
    if (m.inject !== null && m.inject !== undefined && !m.mine && !view.ended) {
      const actions = el("div", undefined, "actions");
      const answer = el("button", word("seat-answer"), "answer");
      answer.onclick = () => startReply(m, "answer");
      const forward = el("button", word("seat-forward"), "forward");
      forward.onclick = () => startReply(m, "forward");
      actions.append(answer, " ", forward);
      item.append(actions);
    }
    return item;
  }));
}

// Answering writes to the inject's sender (whom the facilitator plays); passing on sends the inject to
// another role or the cell, with or without words.
function startReply(m, mode) {
  replying = { about: m.inject, mode };
  // An answer goes to the inject's own sender, also when a colleague passed it on.
  const heading = mode === "answer" ? `${word("seat-answer-to")} ${m.answer_to}` : word("seat-forward-to");
  const quoted = m.quoted || m.text;
  document.getElementById("replying-text").textContent = `${heading} — « ${quoted.length > 90 ? quoted.slice(0, 90) + "…" : quoted} »`;
  document.getElementById("replying").hidden = false;
  document.getElementById("recipient").hidden = mode === "answer";
  // Passing on asks whom to: nobody is chosen for the sender, lest it go to the whole cell unasked.
  if (mode === "forward") document.getElementById("to").value = "";
  document.getElementById("text").focus();
}

function stopReply() {
  replying = null;
  document.getElementById("replying").hidden = true;
  document.getElementById("recipient").hidden = false;
  const select = document.getElementById("to");
  if (select.value === "") select.value = "cell";
}

function drawPicture() {
  document.getElementById("estate").replaceChildren(...view.estate.filter(([, n]) => n > 0).map(([state, n]) => el("li", `${state} ${n}`)));
  const table = document.getElementById("care");
  table.replaceChildren(...view.care.map((c) => {
    const row = el("tr");
    row.append(el("td", c.site), el("td", `✓ ${c.up}`), el("td", `P ${c.paper}`), el("td", `✖ ${c.down}`),
      el("td", String(c.patients_at_risk), c.patients_at_risk > 0 ? "risk" : ""));
    return row;
  }));
}

document.getElementById("write").onsubmit = (event) => {
  event.preventDefault();
  const text = document.getElementById("text");
  const request = { kind: "message", to: document.getElementById("to").value, text: text.value };
  if (replying) {
    request.about = replying.about;
    if (replying.mode === "answer") request.to = "sender";
  }
  // Passing an inject on needs no words of one's own; anything else does. Everything needs someone to go to.
  if (text.value.trim() === "" && !(replying && replying.mode === "forward")) return;
  if (request.to === "") {
    document.getElementById("to").focus();
    return;
  }
  send(request, text);
  stopReply();
};
document.getElementById("cancel").onclick = stopReply;

onView = draw;
onGone = stopReply;
connect();
