// Two seats in headless Chromium, for the end-to-end test: the called role's page on a laptop, another
// role's on a phone. The phone call must reach the called role's inbox and not the other's; the called
// role then takes its first decision and answers the call. Prints what it saw as one line of JSON.
//
// Meanwhile the facilitator's desk (laptop) marks the response to the call, and an observer's (phone)
// writes a tagged note and rates an objective.
//
// Arguments: one JSON object {playwright, chromium, called: {link, name}, other: {link, name},
// facilitator, observer (links), text, answer, note, minute, shots}. Exits non-zero, with the reason on stderr, when a page never shows what it waits for.
import { createRequire } from "module";

const task = JSON.parse(process.argv[2]);
const require = createRequire(task.playwright + "/");
const { chromium } = require("playwright-core");

const WAIT_MS = 60000;
const browser = await chromium.launch({
  executablePath: task.chromium,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
});
try {
  const laptop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await laptop.goto(task.called.link);
  await phone.goto(task.other.link);

  // Both pages have drawn a view from a minute after the call was delivered (it is delivered as the
  // call's minute runs).
  // A function, not a string: the pages' Content-Security-Policy forbids evaluating strings.
  const since = (minute) => Number(document.body.dataset.minute || -1) > minute;
  await laptop.waitForFunction(since, task.minute, { timeout: WAIT_MS });
  await phone.waitForFunction(since, task.minute, { timeout: WAIT_MS });
  await laptop.waitForFunction((text) => document.getElementById("inbox").textContent.includes(text), task.text, { timeout: WAIT_MS });
  const calledInbox = await laptop.textContent("#inbox");
  const otherInbox = await phone.textContent("#inbox");
  const calledRole = await laptop.textContent("#role");
  const otherRole = await phone.textContent("#role");

  // The facilitator's desk on a laptop, an observer's on a phone: both list the call with what it
  // expects; the facilitator's feed holds the attack's hidden course, the observer's does not.
  const desk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const watcher = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await desk.goto(task.facilitator);
  await watcher.goto(task.observer);
  const listsCall = (text) => document.getElementById("injects").textContent.includes(text);
  await desk.waitForFunction(listsCall, task.text, { timeout: WAIT_MS });
  await watcher.waitForFunction(listsCall, task.text, { timeout: WAIT_MS });
  const hidden = { facilitator: await desk.locator("#feed li.hidden").count(), observer: await watcher.locator("#feed li.hidden").count() };
  // The facilitator marks the response to the call done (the first mark).
  await desk.locator("#injects li", { hasText: task.text }).first().locator(".actions button").first().click();
  await desk.waitForFunction(
    (text) => [...document.querySelectorAll("#injects li")].some((li) => li.textContent.includes(text) && li.querySelector("button.chosen")),
    task.text,
    { timeout: WAIT_MS },
  );
  // The observer notes a strength of the called role on the call, for the first objective, and rates it.
  const objective = await watcher.locator("#note-objective option").nth(1).getAttribute("value");
  const callOption = await watcher.locator("#note-inject option", { hasText: task.text.slice(0, 30) }).first().getAttribute("value");
  await watcher.fill("#note-text", task.note);
  await watcher.selectOption("#note-kind", "strength");
  await watcher.selectOption("#note-objective", objective);
  await watcher.selectOption("#note-role", { label: task.called.name });
  await watcher.selectOption("#note-inject", callOption);
  await watcher.click("#note-add");
  await watcher.waitForFunction((note) => document.getElementById("notes").textContent.includes(note), task.note, { timeout: WAIT_MS });
  await watcher.selectOption(`#objectives select[data-objective="${objective}"]`, "some_challenges");
  const observerWidth = await watcher.evaluate(() => document.documentElement.scrollWidth);
  await desk.screenshot({ path: `${task.shots}/desk-facilitator.png`, fullPage: true });
  await watcher.screenshot({ path: `${task.shots}/desk-observer.png`, fullPage: true });

  // The called role takes its first decision that waits for nothing, or its first.
  const buttons = laptop.locator("#decisions li");
  const count = await buttons.count();
  let chosen = 0;
  for (let i = 0; i < count; i++) {
    if ((await buttons.nth(i).locator(".waits").count()) === 0) {
      chosen = i;
      break;
    }
  }
  const item = buttons.nth(chosen);
  const decision = (await item.locator("button").textContent()).trim();
  await item.locator("button").click();
  await laptop.waitForFunction(
    (index) => document.querySelectorAll("#decisions li")[index].textContent.includes("×1"),
    chosen,
    { timeout: WAIT_MS },
  );
  const status = await laptop.textContent("#status");

  // The called role answers the call from its inbox.
  const call = laptop.locator("#inbox li", { hasText: task.text }).first();
  await call.locator("button.answer").click();
  const answering = await laptop.textContent("#replying-text");
  await laptop.fill("#text", task.answer);
  await laptop.click("#send");
  await laptop.waitForFunction(
    (answer) => [...document.querySelectorAll("#inbox li.mine")].some((li) => li.textContent.includes(answer)),
    task.answer,
    { timeout: WAIT_MS },
  );

  await laptop.screenshot({ path: `${task.shots}/seat-laptop.png`, fullPage: true });
  await phone.screenshot({ path: `${task.shots}/seat-phone.png`, fullPage: true });
  const otherAfter = await phone.textContent("#inbox");
  console.log(JSON.stringify({
    calledRole, otherRole, calledInbox, otherInbox, otherAfter, decision, decisions: count, status, answering, hidden, objective, observerWidth,
  }));
} finally {
  await browser.close();
}
