// A desk's page, the facilitator's or an observer's: draws the view the exercise sends for the desk,
// and sends what the desk does: injects fired or written, responses marked, the clock, notes, ratings.
// Every text from the exercise or a seat is set as text, never as markup.
"use strict";

// What each list last drew, as JSON: a list is redrawn only when it changed, so that a button is not
// replaced under a click while the clock runs.
const drawn = new Map();

function drawList(id, items, make) {
  const json = JSON.stringify(items);
  if (drawn.get(id) === json) return;
  drawn.set(id, json);
  document.getElementById(id).replaceChildren(...items.map(make));
}

// Fills a select with [value, label] choices when they changed, keeping what was chosen.
function fillSelect(select, choices) {
  const json = JSON.stringify(choices);
  // Not rebuilt while the user is choosing in it: the next view after does it.
  if (select.dataset.choices === json || document.activeElement === select) return;
  const chosen = select.value;
  select.dataset.choices = json;
  select.replaceChildren(...choices.map(([value, label]) => {
    const option = el("option", label);
    option.value = value;
    return option;
  }));
  if (choices.some(([value]) => value === chosen)) select.value = chosen;
}

// Sets a select's value from the view unless the user is choosing in it.
function settle(select, value) {
  if (document.activeElement !== select) select.value = value;
}

const WORDS = [
  ["speed-label", "desk-speed"], ["injects-title", "desk-injects"], ["to-fire-title", "desk-to-fire"],
  ["write-title", "desk-write-inject"], ["channel-label", "desk-channel"], ["inject-to-label", "desk-role"],
  ["inject-send", "desk-send"], ["notes-title", "desk-notes"], ["note-objective-label", "desk-objective"],
  ["note-role-label", "desk-role"], ["note-inject-label", "desk-inject"], ["note-add", "desk-note-add"],
  ["objectives-title", "desk-objectives"], ["feed-title", "desk-feed"],
];

function draw() {
  const facilitator = view.desk === "facilitator";
  drawHeader(view.desk_name);
  for (const [id, key] of WORDS) document.getElementById(id).textContent = word(key);
  document.getElementById("note-text").placeholder = word("desk-note-placeholder");
  document.getElementById("picture-title").textContent = word(view.truth ? "desk-truth" : "desk-room-picture");
  document.getElementById("clock-controls").hidden = !facilitator;
  document.getElementById("fire-section").hidden = !facilitator;
  if (facilitator) {
    drawClock();
    drawFire();
  }
  drawInjects(facilitator);
  drawNotes();
  drawObjectives();
  drawPicture();
  // Once the exercise has ended, notes, ratings and marks are still written; nothing else is.
  for (const control of document.querySelectorAll("#clock-controls *, #fire-section button, #fire-section input, #fire-section select, #fire-section textarea")) {
    control.disabled = view.ended;
  }
}

function drawClock() {
  document.getElementById("pause").textContent = word(view.paused ? "desk-resume" : "desk-pause");
  const speed = document.getElementById("speed");
  fillSelect(speed, [["pace", word("desk-pace")], ...view.speeds]);
  settle(speed, view.following_pace ? "pace" : view.speed);
}

function drawInjects(facilitator) {
  const items = view.injects.length ? [...view.injects] : [null];
  if (view.earlier_injects > 0) items.push({ earlier: view.earlier_injects });
  drawList("injects", items.map((i) => i && { ...i, facilitator }), (i) => {
    if (!i) return el("li", word("desk-no-inject"), "small");
    if (i.earlier) return el("li", `${word("desk-earlier-injects")} ${i.earlier}`, "small");
    const item = el("li", undefined, "inject");
    const who = i.sender ? `${i.sender} → ${i.audience}` : `→ ${i.audience}`;
    item.append(el("div", `${i.at} · ${i.channel} · ${who}`, "meta"), el("div", i.text));
    if (i.expected) item.append(el("div", `${word("desk-expected")} ${i.expected}`, "expected"));
    for (const reply of i.replies) item.append(el("div", reply, "reply"));
    if (i.more_replies > 0) item.append(el("div", `${word("desk-more-replies")} ${i.more_replies}`, "small"));
    const marks = el("div", undefined, "actions");
    for (const [mark, label] of view.marks) {
      if (facilitator) {
        const button = el("button", label, i.mark === mark ? "chosen" : "");
        button.type = "button";
        button.onclick = () => send({ kind: "mark", inject: i.rank, mark });
        marks.append(button, " ");
      } else if (i.mark === mark) {
        marks.append(el("span", label, "chosen"));
      }
    }
    if (i.on_banner) marks.append(el("span", word("desk-on-banner"), "waits"));
    item.append(marks);
    return item;
  });
}

function drawFire() {
  drawList("to-fire", view.pending, ([id, text]) => {
    const item = el("li");
    const button = el("button", word("desk-fire"));
    button.type = "button";
    button.onclick = () => send({ kind: "fire", inject: id });
    item.append(button, " ", el("span", text));
    return item;
  });
  fillSelect(document.getElementById("inject-to"), [["", word("seat-the-cell")], ...view.roles_at_table]);
}

function drawNotes() {
  const none = word("desk-none");
  fillSelect(document.getElementById("note-kind"), view.note_kinds);
  fillSelect(document.getElementById("note-objective"), [["", none], ...view.objectives.map((o) => [o.id, o.name])]);
  fillSelect(document.getElementById("note-role"), [["", none], ...view.roles]);
  const injects = view.injects.map((i) => [String(i.rank), `${i.at} · ${i.channel} · ${i.text.length > 50 ? i.text.slice(0, 50) + "…" : i.text}`]);
  fillSelect(document.getElementById("note-inject"), [["", none], ...injects]);
  drawList("notes", view.notes, (n) => {
    const item = el("li");
    item.append(el("div", `${n.at} · ${n.kind}`, "meta"), el("div", n.text));
    if (n.about) item.append(el("div", n.about, "small"));
    return item;
  });
}

// One item per objective, built when the objectives change; each rating is set from the view after.
function drawObjectives() {
  const list = document.getElementById("objectives");
  const choices = [["", word("desk-not-rated")], ...view.ratings];
  drawList("objectives", view.objectives.map((o) => [o.id, o.name, o.target]), ([id, name, target]) => {
    const item = el("li");
    const select = el("select");
    select.dataset.objective = id;
    select.onchange = () => send({ kind: "rate", objective: id, rating: select.value || null });
    item.append(el("div", name), el("div", `${word("desk-target")} ${target}`, "small"), select);
    return item;
  });
  for (const select of list.querySelectorAll("select")) {
    fillSelect(select, choices);
    const objective = view.objectives.find((o) => o.id === select.dataset.objective);
    settle(select, (objective && objective.rating) || "");
  }
}

function drawPicture() {
  document.getElementById("estate").replaceChildren(...view.estate.filter(([, n]) => n > 0).map(([state, n]) => el("li", `${state} ${n}`)));
  drawList("feed", view.feed, (line) => {
    const item = el("li", undefined, line.hidden ? "hidden" : "");
    item.append(el("span", `${line.at} `, "meta"), el("strong", `${line.tag} `), el("span", line.text));
    return item;
  });
}

document.getElementById("pause").onclick = () => send({ kind: "clock", paused: !view.paused });
document.getElementById("speed").onchange = (event) => {
  const chosen = event.target.value;
  send(chosen === "pace" ? { kind: "clock", pace: true } : { kind: "clock", speed: chosen });
};
document.getElementById("write-inject").onsubmit = (event) => {
  event.preventDefault();
  const text = document.getElementById("inject-text");
  if (text.value.trim() === "") return;
  send({ kind: "write", channel: document.getElementById("channel").value, text: text.value, to: document.getElementById("inject-to").value }, text);
};
document.getElementById("note").onsubmit = (event) => {
  event.preventDefault();
  const text = document.getElementById("note-text");
  if (text.value.trim() === "") return;
  const chosen = (id) => document.getElementById(id).value || null;
  const inject = chosen("note-inject");
  send({
    kind: "note",
    text: text.value,
    note_kind: document.getElementById("note-kind").value,
    objective: chosen("note-objective"),
    role: chosen("note-role"),
    inject: inject === null ? null : Number(inject),
  }, text);
};

onView = draw;
connect();
