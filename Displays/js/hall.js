// The hall TV: the call being made, the last calls, waiting counts, clock and ticker.
import { connectFeed } from "./feed.js";
import { HallState, wallClock } from "./hall-state.js";
import { Announcer } from "./voice.js";

const DEFAULT_OFFSET_MIN = 7 * 60;
const FRESH_MS = 8000;
const SHOWN_CALLS = 8;

const $ = (id) => document.getElementById(id);
const state = new HallState();
const announcer = new Announcer();
let freshTimer = null;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderHall() {
  const hall = state.hall;
  if (!hall) return;
  $("hall-name").textContent = hall.name ?? "Antrean";
  document.title = `${hall.name ?? "Antrean"} — Layar Aula`;
  announcer.setLanguages(hall.voice);
  renderTicker(hall.ticker);
  renderWaiting();
  renderCalls();
}

function renderTicker(ticker) {
  const text = Array.isArray(ticker) ? ticker.filter(Boolean).join("   •   ") : (ticker ?? "");
  const bar = $("ticker-bar");
  const span = $("ticker");
  if (!text) {
    bar.hidden = true;
    return;
  }
  bar.hidden = false;
  if (span.textContent !== text) {
    span.textContent = text;
    // Constant reading speed whatever the length: about 9 characters a second.
    span.style.setProperty("--ticker-duration", `${Math.max(12, Math.round(text.length / 9 + 12))}s`);
  }
}

function renderWaiting() {
  const list = $("waiting");
  list.replaceChildren(
    ...[...state.services.values()].map((s) => {
      const li = el("li", s.open === false ? "closed" : "");
      li.append(el("span", "id", s.id), el("span", "name", s.name ?? s.id), el("span", "count", String(s.waiting ?? 0)));
      return li;
    }),
  );
}

function renderCalls() {
  const current = state.calls[0];
  $("now-number").textContent = current ? current.number : "—";
  $("now-counter").textContent = current ? current.counterName : "";
  $("now").classList.toggle("empty", !current);
  $("recent").replaceChildren(
    ...state.calls.slice(0, SHOWN_CALLS).map((c) => {
      const li = el("li");
      li.append(el("span", "number", c.number), el("span", "counter", c.counterName));
      return li;
    }),
  );
}

function highlight() {
  const now = $("now");
  now.classList.remove("fresh");
  // Restart the animation for back-to-back calls.
  void now.offsetWidth;
  now.classList.add("fresh");
  clearTimeout(freshTimer);
  freshTimer = setTimeout(() => now.classList.remove("fresh"), FRESH_MS);
}

function callKey(c) {
  return c ? `${c.number}@${c.counter}@${c.at}` : "";
}

function onSnapshot(msg, { reconnect }) {
  const before = callKey(state.calls[0]);
  state.snapshot(msg);
  renderHall();
  const latest = state.calls[0];
  // A snapshot after a long outage: say only the newest call, and only if it is new.
  if (reconnect && latest && callKey(latest) !== before) {
    highlight();
    announcer.announce(latest.number, latest.counter);
  }
}

function onEvent(msg, { announce }) {
  const call = state.apply(msg);
  if (msg.type === "counter") renderCalls();
  renderWaiting();
  if (!call) return;
  renderCalls();
  if (announce) {
    highlight();
    announcer.announce(call.number, call.counter);
  }
}

function tick() {
  const clock = wallClock(Date.now(), state.offsetMinutes ?? DEFAULT_OFFSET_MIN);
  $("date").textContent = clock.date;
  $("time").textContent = clock.time;
  $("seconds").textContent = clock.seconds;
  $("zone").textContent = clock.zone;
  // Recursive and aligned to the next second, so the clock never drifts.
  setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

function setUpSound() {
  const overlay = $("sound-overlay");
  const enable = async () => {
    try {
      await announcer.unlock();
    } catch {
      return;
    }
    if (announcer.unlocked) {
      overlay.hidden = true;
      removeEventListener("keydown", enable);
      removeEventListener("pointerdown", enable);
    }
  };
  addEventListener("keydown", enable);
  addEventListener("pointerdown", enable);
  // Browsers started with an autoplay policy that allows sound need no gesture.
  enable();
}

tick();
setUpSound();
connectFeed({ onSnapshot, onEvent, badge: $("offline") });
