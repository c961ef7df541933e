// The visitor's tracking page (`track.html?t=ID&k=KEY`), opened from the ticket's QR code.
import { connectFeed } from "./feed.js";
import { HallState, TICKET_STATES, wallClock } from "./hall-state.js";
import { etaText, peopleAhead } from "./eta.js";
import { Announcer } from "./voice.js";
import { api } from "./api.js";
import { offerTrackSurvey } from "./track-survey.js";
import { AlertMemory, askNotifications, nearAlertDue, noteTicket, notify, vibrate } from "./track-alerts.js";

const params = new URLSearchParams(location.search);
const id = params.get("t");
// The ticket's key (from the QR code on the paper): only its holder can cancel.
const key = params.get("k");
const state = new HallState();
const announcer = new Announcer();
const $ = (x) => document.getElementById(x);
const POLL_ONLINE_MS = 60000;
const POLL_OFFLINE_MS = 10000;
const ACTIVE = new Set(["waiting", "called", "serving"]);

let ticket = null;
let online = false;
let pollTimer = null;
let refetchTimer = null;
let lastCallKey = null;
const memory = new AlertMemory(id);
/** Every alert given, for the page's tests and diagnostics (times: performance.now() ms). */
window.__alerts = [];

function counterName(n) {
  return state.counters.get(n)?.name ?? `Loket ${n}`;
}

function render() {
  if (!ticket) return;
  document.body.dataset.state = ticket.state;
  document.title = `${ticket.number} · ${TICKET_STATES[ticket.state] ?? ticket.state}`;
  const service = state.services.get(ticket.service);
  $("service").textContent = service?.name ?? `Layanan ${ticket.service}`;
  $("number").textContent = ticket.number;
  $("state").textContent = TICKET_STATES[ticket.state] ?? ticket.state;
  const waiting = ticket.state === "waiting";
  $("facts").hidden = !waiting;
  const ahead = peopleAhead(ticket.position);
  $("ahead").textContent = ahead === null ? "—" : `${ahead} orang`;
  const stranded = waiting && isStranded(service);
  $("eta").textContent = stranded ? "—" : etaText(ticket.eta_s) || "—";
  $("stranded").hidden = !stranded;
  $("cancel").hidden = !waiting || !key;
  const called = ticket.state === "called" && ticket.counter !== null && ticket.counter !== undefined;
  $("called").hidden = !called;
  if (called) $("called-go").textContent = `Silakan menuju ${counterName(ticket.counter)}`;
  let note = "";
  const near = notifyAhead();
  if (stranded) note = "Nomor Anda tetap berlaku. Silakan tanyakan kepada petugas.";
  else if (waiting && ticket.position === 1) note = "Anda berikutnya. Tetap di dekat loket.";
  else if (waiting && ticket.remote && near !== null && ahead !== null && ahead <= near) {
    note = "Giliran Anda sudah dekat. Segera menuju MPP dan tunggu di dekat loket.";
  } else if (waiting && ticket.remote && near !== null) {
    note = `Anda akan diberi tahu (bunyi, getar, notifikasi) saat tinggal ${near} orang di depan Anda. Biarkan halaman ini terbuka.`;
  }
  else if (waiting) note = "Halaman ini diperbarui sendiri. Anda akan diberi tahu saat dipanggil.";
  else if (ticket.state === "serving") note = `Sedang dilayani di ${counterName(ticket.counter)}.`;
  else if (!ACTIVE.has(ticket.state)) note = "Antrean ini sudah berakhir.";
  $("note").textContent = note;
  offerTrackSurvey(ticket, new URLSearchParams(location.search).get("k"), $("survey"));
  // Once the ticket is over there is nothing left to be alerted about.
  $("sound").hidden = !ACTIVE.has(ticket.state);
  // Away from the hall the alert is the point: the one tap it needs is asked for loudly.
  $("sound").classList.toggle("remote", ticket.remote === true);
  const c = wallClock(Date.now(), state.offsetMinutes ?? 420);
  $("updated").textContent = `Diperbarui ${c.time}.${c.seconds} ${c.zone}`;
}

/**
 * Whether no counter serves the ticket's service now (PROTOCOL 1.1, a forced close): the
 * server says so with `closed_reason: "no_counter"`; the counters the feed keeps current
 * say it too, between two fetches of the hall.
 */
function isStranded(service) {
  if (!service) return false;
  const serving = [...state.counters.values()].filter((c) => (c.services ?? []).includes(service.id));
  if (serving.length > 0) return !serving.some((c) => c.state === "open" || c.state === "paused");
  return service.open === false && service.closed_reason === "no_counter";
}

/** The service's `remote.notify_ahead` (PROTOCOL 1.1), or null when it has none. */
function notifyAhead() {
  const n = state.services.get(ticket?.service)?.remote?.notify_ahead;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Vibrates, speaks and notifies once per call (a recall counts as a new call), and not again
 * for the same call after a reload.
 */
function alertIfCalled() {
  if (ticket?.state !== "called") return;
  const key = `${ticket.counter}#${ticket.calls}`;
  if (key === lastCallKey) return;
  const first = lastCallKey === null;
  lastCallKey = key;
  if (memory.data.called === key) return;
  // A page opened after the call shows it but does not buzz for it.
  if (first && !pageSawWaiting) return;
  memory.data.called = key;
  memory.save();
  const buzzed = vibrate([400, 200, 400, 200, 400]);
  const sound = announcer.announce(ticket.number, ticket.counter) || announcer.chime();
  const shown = notify(`Giliran Anda! ${ticket.number}`, `Silakan menuju ${counterName(ticket.counter)}.`, `antre-${id}`);
  window.__alerts.push({ kind: "called", counter: ticket.counter, sound, vibrate: buzzed, notification: shown, at: performance.now() });
}

/** Once per threshold: the remote visitor should start walking to the hall. */
function alertIfNear() {
  const threshold = notifyAhead();
  if (!ticket || threshold === null) return;
  const due = nearAlertDue(ticket, threshold, memory.data);
  noteTicket(ticket, threshold, memory.data);
  if (!due) {
    memory.save();
    return;
  }
  memory.data.near = threshold;
  memory.save();
  const ahead = peopleAhead(ticket.position);
  const buzzed = vibrate([300, 150, 300]);
  const sound = announcer.chime();
  const body = ahead === 0 ? "Anda berikutnya. Segera menuju loket." : `Tinggal ${ahead} orang di depan Anda. Segera menuju MPP.`;
  const shown = notify(`Nomor ${ticket.number} hampir dipanggil`, body, `antre-${id}`);
  window.__alerts.push({ kind: "near", ahead, sound, vibrate: buzzed, notification: shown, at: performance.now() });
}
let pageSawWaiting = false;

function setTicket(t) {
  if (!t || t.id !== id) return;
  ticket = t;
  if (t.state === "waiting") pageSawWaiting = true;
  alertIfCalled();
  alertIfNear();
  render();
}

async function fetchTicket() {
  try {
    setTicket(await api("GET", `/api/tickets/${encodeURIComponent(id)}`));
  } catch (e) {
    if (e.status === 404) {
      $("state").textContent = "Tiket tidak ditemukan";
      $("facts").hidden = true;
      document.body.dataset.state = "expired";
    }
  }
}

function schedulePoll() {
  clearTimeout(pollTimer);
  if (ticket && !ACTIVE.has(ticket.state)) return;
  pollTimer = setTimeout(async () => {
    await fetchTicket();
    schedulePoll();
  }, online ? POLL_ONLINE_MS : POLL_OFFLINE_MS);
}

/** Positions move when anyone in the same service is issued, called or leaves. */
function refetchSoon() {
  clearTimeout(refetchTimer);
  refetchTimer = setTimeout(fetchTicket, 300);
}

$("cancel").addEventListener("click", async () => {
  if (!ticket || ticket.state !== "waiting") return;
  if (!confirm(`Batalkan antrean ${ticket.number}? Nomor ini tidak dapat dipakai lagi.`)) return;
  try {
    setTicket(await api("DELETE", `/api/tickets/${encodeURIComponent(id)}?key=${encodeURIComponent(key ?? "")}`));
  } catch (e) {
    alert(`Gagal membatalkan: ${e.message}`);
    fetchTicket();
  }
});

const enableSound = async () => {
  await announcer.unlock().catch(() => false);
  if (announcer.unlocked) {
    $("sound").textContent = "Suara dan getar panggilan aktif";
    $("sound").classList.add("on");
  }
};
$("sound").addEventListener("click", () => {
  enableSound();
  // Asked only on this button, never on a stray first touch.
  askNotifications();
});
addEventListener("pointerdown", enableSound, { once: true });

if (!id) {
  $("state").textContent = "Tautan tidak lengkap";
} else {
  fetchTicket().then(schedulePoll);
  connectFeed({
    badge: $("offline"),
    onStatus(value) {
      online = value;
      schedulePoll();
      if (value) refetchSoon();
    },
    onSnapshot(msg) {
      state.snapshot(msg);
      $("hall-name").textContent = msg.hall.name ?? "Antrean";
      announcer.setLanguages(msg.hall.voice);
      // The threshold arrives with the hall: a ticket fetched before it is judged now.
      alertIfNear();
      render();
    },
    onEvent(msg) {
      state.apply(msg);
      if (msg.ticket?.id === id) {
        setTicket(msg.ticket);
        return;
      }
      const mine = ticket?.service;
      if (ticket?.state === "waiting" && (msg.ticket?.service === mine || msg.from === mine)) refetchSoon();
      else if (msg.type === "counter") {
        // A counter of this service opening or closing changes the estimate.
        if (ticket?.state === "waiting" && (msg.counter?.services ?? []).includes(mine)) refetchSoon();
        render();
      }
    },
  });
}
