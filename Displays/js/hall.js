// The hall TV: the call being made, the last calls, waiting counts, clock and ticker.
import { connectFeed } from "./feed.js";
import { HallState, hallClosedNotice, opensText, wallClock } from "./hall-state.js";
import { Announcer } from "./voice.js";
import { api } from "./api.js";

const DEFAULT_OFFSET_MIN = 7 * 60;
const FRESH_MS = 8000;
const SHOWN_CALLS = 8;
/** Opening hours start and end without a feed event: the hall is read again this often. */
const HALL_REFRESH_MS = 60000;

const $ = (id) => document.getElementById(id);
const state = new HallState();
/** The call being announced: the big number shows it while newer calls wait their turn. */
let speaking = null;
const announcer = new Announcer({
  onStart(call) {
    speaking = call;
    renderCalls();
    highlight();
  },
  onIdle() {
    speaking = null;
    renderCalls();
  },
});
// What was said and when, read by the end-to-end tests (no audio device there to listen to).
window.__announcements = announcer.log;
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
  const notice = hallClosedNotice(state.services.values(), state.hall?.date ?? null);
  const list = $("waiting");
  list.replaceChildren(
    ...[...state.services.values()].map((s) => {
      const li = el("li", s.open === false ? "closed" : "");
      // Opening times per service, when they are not all the same one shown above.
      const opens = s.open === false && (!notice || notice.perService) ? opensText(s.opens_at, state.hall?.date ?? null) : null;
      li.append(
        el("span", "id", s.id),
        el("span", "name", s.name ?? s.id),
        opens ? el("span", "count opens", `buka ${opens.replace("pukul ", "")}`) : el("span", "count", String(s.waiting ?? 0)),
      );
      return li;
    }),
  );
  $("now").classList.toggle("closed", notice !== null);
  $("closed-title").textContent = notice?.title ?? "";
  $("closed-opens").textContent = notice?.opens ?? "";
}

function renderCalls() {
  const current = speaking
    ? { number: speaking.number, counterName: state.counterName(speaking.counter) }
    : state.calls[0];
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
  if (reconnect && latest && callKey(latest) !== before) say(latest);
  scheduleOpening();
}

function onEvent(msg, { announce }) {
  const call = state.apply(msg);
  if (msg.type === "counter") renderCalls();
  renderWaiting();
  if (!call) return;
  renderCalls();
  if (announce) say(call);
}

/** Queues a call for the voice; without sound the newest call simply lights up. */
function say(call) {
  if (!announcer.announce(call.number, call.counter, { recall: call.recall })) highlight();
}

async function refreshHall() {
  try {
    state.load(await api("GET", "/api/hall"));
    renderHall();
    scheduleOpening();
  } catch {
    // The OFFLINE badge says it already; keep what is shown.
  }
}

let openingTimer = null;

/** Reads the hall again just after the earliest opening, so the TV opens on time. */
function scheduleOpening() {
  clearTimeout(openingTimer);
  const next = Math.min(...[...state.services.values()].map((s) => Date.parse(s.opens_at ?? "")).filter(Number.isFinite));
  if (!Number.isFinite(next)) return;
  const wait = next - Date.now() + 1000;
  if (wait > 0 && wait < HALL_REFRESH_MS) openingTimer = setTimeout(refreshHall, wait);
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
setInterval(refreshHall, HALL_REFRESH_MS);
connectFeed({ onSnapshot, onEvent, badge: $("offline") });
