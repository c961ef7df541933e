// The visitor's tracking page (`track.html?t=ID&k=KEY`), opened from the ticket's QR code.
import { connectFeed } from "./feed.js";
import { HallState, TICKET_STATES, wallClock } from "./hall-state.js";
import { etaText, peopleAhead } from "./eta.js";
import { Announcer } from "./voice.js";
import { api } from "./api.js";
import { offerTrackSurvey } from "./track-survey.js";

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
  if (stranded) note = "Nomor Anda tetap berlaku. Silakan tanyakan kepada petugas.";
  else if (waiting && ticket.position === 1) note = "Anda berikutnya. Tetap di dekat loket.";
  else if (waiting) note = "Halaman ini diperbarui sendiri. Anda akan diberi tahu saat dipanggil.";
  else if (ticket.state === "serving") note = `Sedang dilayani di ${counterName(ticket.counter)}.`;
  else if (!ACTIVE.has(ticket.state)) note = "Antrean ini sudah berakhir.";
  $("note").textContent = note;
  offerTrackSurvey(ticket, new URLSearchParams(location.search).get("k"), $("survey"));
  // Once the ticket is over there is nothing left to be alerted about.
  $("sound").hidden = !ACTIVE.has(ticket.state);
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

/** Vibrates and speaks once per call (a recall counts as a new call). */
function alertIfCalled() {
  if (ticket?.state !== "called") return;
  const key = `${ticket.counter}#${ticket.calls}`;
  if (key === lastCallKey) return;
  const first = lastCallKey === null;
  lastCallKey = key;
  // A page opened after the call shows it but does not buzz for it.
  if (first && !pageSawWaiting) return;
  // Browsers refuse (and log) vibration before the visitor has touched the page once.
  if (navigator.vibrate && (navigator.userActivation?.hasBeenActive ?? true)) {
    navigator.vibrate([400, 200, 400, 200, 400]);
  }
  if (!announcer.announce(ticket.number, ticket.counter)) announcer.chime();
}
let pageSawWaiting = false;

function setTicket(t) {
  if (!t || t.id !== id) return;
  ticket = t;
  if (t.state === "waiting") pageSawWaiting = true;
  alertIfCalled();
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
$("sound").addEventListener("click", enableSound);
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
