// The touch kiosk (`kiosk.html?box=K1#token=…`): one button per service; a tap issues a
// ticket that the box prints, or that is shown with a QR code when the printer cannot.
import { connectFeed } from "./feed.js";
import { HallState, closedReason, kioskColumns, wallClock } from "./hall-state.js";
import { etaText, peopleAhead } from "./eta.js";
import { readToken, requestId, api } from "./api.js";
import { mountCheckin } from "./kiosk-checkin.js";
import { slotTime } from "./booking-text.js";

const box = new URLSearchParams(location.search).get("box");
const token = readToken("kiosk");
const state = new HallState();
const $ = (id) => document.getElementById(id);
const RESULT_MS = 12000;
const RESULT_QR_MS = 45000;
const HALL_REFRESH_MS = 15000;
const PRINTER_TROUBLE = { paper_out: "kertas habis", offline: "printer mati" };

let priority = false;
let busy = false;
let resultTimer = null;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Why the box cannot print now, or null. */
function printerTrouble() {
  if (!box) return "tidak ada kotak tiket";
  const b = (state.hall?.boxes ?? []).find((x) => x.id === box);
  if (!b) return state.hall?.boxes ? "kotak tiket tidak terdaftar" : null;
  if (b.connected === false) return "kotak tiket tidak tersambung";
  return PRINTER_TROUBLE[b.printer] ?? null;
}

/**
 * Whether a tap should skip the box. A box the hall last saw disconnected is still tried:
 * the list is up to 15 s old and the server answers 503 at once if it is still away. A
 * connected box whose printer reports trouble would take the job and print nothing.
 */
function skipBox() {
  if (!box) return "tidak ada kotak tiket";
  const b = (state.hall?.boxes ?? []).find((x) => x.id === box);
  return b && b.connected !== false ? (PRINTER_TROUBLE[b.printer] ?? null) : null;
}

function render() {
  if (!state.hall) return;
  $("hall-name").textContent = state.hall.name ?? "Antrean";
  const trouble = printerTrouble();
  const banner = $("printer-banner");
  banner.hidden = !trouble;
  banner.textContent = trouble
    ? `Printer tiket tidak dapat mencetak (${trouble}). Nomor Anda akan tampil di layar dengan kode QR untuk difoto.`
    : "";
  // Check-in is offered while any service takes appointments.
  $("appointment").hidden = ![...state.services.values()].some((s) => s.appointments);
  const counters = [...state.counters.values()];
  const today = state.hall.date ?? null;
  const area = $("services");
  const ids = [...state.services.keys()];
  let changed = false;
  for (const [sid, b] of buttons) {
    if (!state.services.has(sid)) {
      b.remove();
      buttons.delete(sid);
    }
  }
  ids.forEach((sid, i) => {
    const s = state.services.get(sid);
    let b = buttons.get(sid);
    if (!b) {
      b = newButton(sid);
      changed = true;
    }
    if (area.children[i] !== b) area.insertBefore(b, area.children[i] ?? null);
    const reason = closedReason(s, counters, today);
    const disabled = reason !== null || busy;
    if (b.disabled !== disabled) b.disabled = disabled;
    b.classList.toggle("closed", reason !== null);
    changed = setText(b, ".name", s.name ?? s.id) || changed;
    changed = setText(b, ".name-en", s.name_en ?? "") || changed;
    changed = setText(b, ".info", reason ?? `${s.waiting ?? 0} menunggu${s.eta_s && s.open !== false ? ` · ${etaText(s.eta_s)}` : ""}`) || changed;
    const en = b.querySelector(".info-en");
    en.hidden = reason === null;
    changed = setText(b, ".info-en", reason ? closedReason(s, counters, today, "en") : "") || changed;
  });
  layOut();
  // Refitting resets the text size first: only worth it when some text changed.
  if (changed) fitButtons();
}

/**
 * The buttons are made once and then only their text changes: a button rebuilt between a
 * mouse's press and its release loses the click, and a busy hall sends events all the time.
 */
const buttons = new Map();

function newButton(sid) {
  const b = el("button", "service");
  b.type = "button";
  b.dataset.service = sid;
  b.append(el("span", "letter", sid), el("span", "name"), el("span", "name-en"), el("span", "info"), el("span", "info-en"));
  b.addEventListener("click", () => {
    const s = state.services.get(sid);
    if (s) take(s);
  });
  buttons.set(sid, b);
  return b;
}

function setText(parent, selector, text) {
  const e = parent.querySelector(selector);
  if (e.textContent === text) return false;
  e.textContent = text;
  return true;
}

/** Shrinks the buttons' text in 5 % steps until no button's content spills out; returns the scale. */
function fitButtons() {
  const area = $("services");
  const spills = () => [...area.children].some((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1);
  let scale = 1;
  area.style.setProperty("--scale", "1");
  while (scale > 0.5 && spills()) {
    scale -= 0.05;
    area.style.setProperty("--scale", scale.toFixed(2));
  }
  return scale;
}

let layoutKey = "";

/**
 * Picks the column count: of the shape-based guess and its neighbours, the one whose buttons
 * need the least shrinking. Worked out again only when the services or the screen change.
 */
function layOut() {
  const area = $("services");
  const n = state.services.size;
  const key = `${n}|${area.clientWidth}x${area.clientHeight}`;
  if (key === layoutKey || area.children.length !== n) return;
  layoutKey = key;
  const guess = kioskColumns(n, area.clientWidth, area.clientHeight);
  let best = guess;
  let bestScale = 0;
  for (const cols of [guess, guess + 1, guess - 1]) {
    if (cols < 1 || cols > n) continue;
    area.style.setProperty("--cols", String(cols));
    const scale = fitButtons();
    if (scale > bestScale + 0.001) {
      best = cols;
      bestScale = scale;
    }
  }
  area.style.setProperty("--cols", String(best));
}
addEventListener("resize", () => {
  layOut();
  fitButtons();
});

async function refreshHall() {
  try {
    const hall = await api("GET", "/api/hall");
    state.load(hall);
    render();
  } catch {
    // The feed's badge already says we are offline; keep what we have.
  }
}

async function take(service) {
  if (busy) return;
  busy = true;
  render();
  const request = requestId();
  const body = { service: service.id, priority, request };
  try {
    let ticket;
    let problem = skipBox();
    if (!problem) {
      const r = await api("POST", "/api/tickets", { ...body, box }, token);
      if (r.status === 503) problem = "kotak tiket tidak tersambung";
      else ticket = r;
    }
    if (problem) {
      // No print job: the server issues the ticket and the screen shows it instead.
      ticket = await api("POST", "/api/tickets", { ...body, request: `${request}-s` }, token);
      refreshHall();
    }
    showTicket(ticket, service, problem);
  } catch (e) {
    showMessage(errorText(e));
    refreshHall();
  } finally {
    busy = false;
    priority = false;
    $("priority").setAttribute("aria-pressed", "false");
    render();
  }
}

function errorText(e) {
  const code = e?.code;
  if (code === "quota_reached") return "Maaf, kuota layanan ini hari ini sudah habis.\nSorry, today's quota is used up.";
  if (code === "service_closed") return "Maaf, layanan ini sedang tutup.\nSorry, this service is closed.";
  if (code === "unauthorized" || code === "forbidden") return "Kios ini belum diizinkan (token salah). Hubungi petugas.";
  if (code === "rate_limited") return "Terlalu banyak permintaan. Coba lagi sebentar.";
  if (code === "network") return "Tidak tersambung ke server. Hubungi petugas.\nNo connection to the server.";
  return e?.message ? `Tiket gagal diambil: ${e.message}` : "Tiket gagal diambil. Hubungi petugas.";
}

function trackingURL(ticket) {
  const base = (state.hall?.public_url ?? location.origin).replace(/\/+$/, "");
  const key = ticket.key ? `&k=${encodeURIComponent(ticket.key)}` : "";
  return `${base}/track.html?t=${encodeURIComponent(ticket.id)}${key}`;
}

function showTicket(ticket, service, problem) {
  $("result-service").textContent = `${service.name ?? service.id}${ticket.priority ? " · Prioritas" : ""}`;
  const appointment = $("result-appointment");
  appointment.hidden = !ticket.appointment;
  appointment.textContent = ticket.appointment ? `Janji temu pukul ${slotTime(ticket.appointment)} · Appointment` : "";
  $("result-number").textContent = ticket.number;
  const ahead = peopleAhead(ticket.position);
  $("result-ahead").textContent = ahead === null ? "—" : `${ahead} orang`;
  $("result-eta").textContent = ticket.eta_s === null || ticket.eta_s === undefined ? "—" : etaText(ticket.eta_s);
  const note = $("result-note");
  const qr = $("result-qr");
  if (problem) {
    note.textContent = `Tiket tidak dapat dicetak (${problem}).`;
    note.className = "result-note problem";
    drawQR(trackingURL(ticket));
    qr.hidden = false;
  } else {
    note.textContent = "Tiket sedang dicetak… · Your ticket is printing";
    note.className = "result-note";
    qr.hidden = true;
  }
  $("result").hidden = false;
  clearTimeout(resultTimer);
  resultTimer = setTimeout(closeResult, problem ? RESULT_QR_MS : RESULT_MS);
}

// The code comes from the server's own QR encoder (libqrencode, as on paper); the kiosk
// draws none of its own.
function drawQR(text) {
  $("qr-img").src = `/qr.svg?text=${encodeURIComponent(text)}`;
}

function closeResult() {
  clearTimeout(resultTimer);
  $("result").hidden = true;
}

function showMessage(text) {
  $("message-text").textContent = text;
  $("message").hidden = false;
  clearTimeout(resultTimer);
  resultTimer = setTimeout(() => ($("message").hidden = true), RESULT_MS);
}

function tick() {
  const c = wallClock(Date.now(), state.offsetMinutes ?? 420);
  $("clock").textContent = `${c.time} ${c.zone}`;
  setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

function schedule() {
  setTimeout(async () => {
    await refreshHall();
    schedule();
  }, HALL_REFRESH_MS);
}

/**
 * Checks a booked visitor in. The ticket goes to the box's printer like any other, and is
 * shown with its QR code when the box cannot print.
 */
async function checkin(code) {
  let problem = skipBox();
  let ticket = null;
  if (!problem) {
    const r = await api("POST", "/api/bookings/checkin", { code, box }, token, { lang: "id" });
    if (r.status === 503) problem = "kotak tiket tidak tersambung";
    else ticket = r;
  }
  if (problem) ticket = await api("POST", "/api/bookings/checkin", { code }, token, { lang: "id" });
  checkinProblem = problem;
  refreshHall();
  return ticket;
}
let checkinProblem = null;

mountCheckin({
  checkin,
  onTicket(ticket) {
    const service = state.services.get(ticket.service) ?? { id: ticket.service, name: ticket.service };
    showTicket(ticket, service, checkinProblem);
  },
});

$("priority").addEventListener("click", () => {
  priority = !priority;
  $("priority").setAttribute("aria-pressed", String(priority));
});
$("result-done").addEventListener("click", closeResult);
$("message-done").addEventListener("click", () => ($("message").hidden = true));

tick();
schedule();
connectFeed({
  badge: $("offline"),
  onSnapshot(msg) {
    state.snapshot(msg);
    render();
  },
  onEvent(msg) {
    state.apply(msg);
    // Opening and closing counters changes what can be issued; the server decides.
    if (msg.type === "counter") refreshHall();
    else render();
  },
});
