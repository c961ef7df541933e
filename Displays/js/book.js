// The visitor's booking page (`book.html`, PROTOCOL 1.1 "Appointments and remote tickets"):
// pick a service, then either a day and a slot for an appointment, or today's number taken
// from the phone. `book.html?b=ID&k=KEY` shows one booking and lets its holder cancel it.
//
// The booking's key lives only in that link (the address bar, the QR code, the link shown):
// never in storage, never in a log.
import { api, requestId } from "./api.js";
import { closedReason } from "./hall-state.js";
import { etaText } from "./eta.js";
import {
  BOOKING_STATES,
  bookableDays,
  checkName,
  checkPhone,
  dayChip,
  freeText,
  longDateTime,
  refusalText,
  slotTime,
} from "./booking-text.js";

const $ = (x) => document.getElementById(x);
/** Refusals in the server's Indonesian wording. */
const ID = { lang: "id" };
const params = new URLSearchParams(location.search);

let hall = null;
/** What the visitor has chosen so far. */
const choice = { service: null, mode: null, day: null, slot: null };
let slotsLoad = 0;
/** Kept across retries of one remote request, so a retry never takes a second number. */
let remoteRequest = null;
let booking = null;
let bookingKey = null;
let busy = false;
/** A refusal to show on the slots once they are back (a slot taken meanwhile). */
let slotsMessage = "";

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function showError(id, text) {
  const e = $(id);
  e.textContent = text ?? "";
  e.hidden = !text;
}

function service(sid) {
  return (hall?.services ?? []).find((s) => s.id === sid) ?? null;
}

function offers(s) {
  return Boolean(s?.appointments) || Boolean(s?.remote);
}

// MARK: - Views and the back button

const VIEWS = ["v-services", "v-slots", "v-form", "v-booking"];

function show(view) {
  $("loading").hidden = true;
  for (const v of VIEWS) $(v).hidden = v !== view;
  document.body.dataset.view = view;
  scrollTo(0, 0);
}

/** A step forward is a history entry, so Android's back button goes back a step. */
function go(view) {
  history.pushState({ view, ...choice }, "");
  enter(view);
}

function enter(view) {
  if (view === "v-slots") renderSlotsView();
  else if (view === "v-form") renderForm();
  else renderServices();
  show(view);
}

addEventListener("popstate", (e) => {
  const s = e.state;
  // Back from a booking shown: the page follows the address bar again from the start.
  if (booking) {
    location.reload();
    return;
  }
  if (!s?.view || !service(s.service)) {
    Object.assign(choice, { service: null, mode: null, day: null, slot: null });
    enter("v-services");
    return;
  }
  Object.assign(choice, { service: s.service, mode: s.mode, day: s.day, slot: s.slot });
  enter(s.view);
});
for (const b of document.querySelectorAll("[data-back]")) b.addEventListener("click", () => history.back());

// MARK: - Services

function renderServices() {
  const area = $("services");
  area.replaceChildren();
  const list = (hall?.services ?? []).filter(offers);
  $("no-services").hidden = list.length > 0;
  for (const s of list) {
    const card = el("div", "svc");
    card.dataset.service = s.id;
    const head = el("div", "svc-head");
    head.append(el("span", "letter", s.id), el("span", "svc-name", s.name ?? s.id));
    card.append(head);
    const closed = closedReason(s, hall.counters ?? [], hall.date ?? null);
    const info = closed ?? `${s.waiting ?? 0} orang menunggu${s.eta_s !== null && s.eta_s !== undefined ? ` · tunggu ${etaText(s.eta_s)}` : ""}`;
    card.append(el("div", closed ? "svc-info closed" : "svc-info", `Hari ini: ${info}`));
    const actions = el("div", "svc-actions");
    if (s.appointments) {
      const b = el("button", "primary", "Buat janji temu");
      b.type = "button";
      b.dataset.action = "book";
      b.addEventListener("click", () => pick(s.id, "book"));
      actions.append(b);
    }
    if (s.remote) {
      const b = el("button", s.appointments ? "secondary" : "primary", "Ambil nomor sekarang");
      b.type = "button";
      b.dataset.action = "remote";
      b.disabled = closed !== null;
      b.addEventListener("click", () => pick(s.id, "remote"));
      actions.append(b);
    }
    card.append(actions);
    area.append(card);
  }
}

function pick(sid, mode) {
  Object.assign(choice, { service: sid, mode, day: null, slot: null });
  showError("services-error", "");
  if (mode === "remote") {
    remoteRequest = null;
    go("v-form");
  } else {
    choice.day = hall.date;
    go("v-slots");
  }
}

// MARK: - Days and slots

function renderSlotsView() {
  const s = service(choice.service);
  $("slots-service").textContent = s?.name ?? "";
  const days = bookableDays(hall.date, s?.appointments?.days_ahead ?? 0);
  if (!days.includes(choice.day)) choice.day = days[0];
  const area = $("days");
  area.replaceChildren();
  for (const d of days) {
    const chip = dayChip(d, hall.date);
    const b = el("button", "day");
    b.type = "button";
    b.dataset.date = d;
    b.setAttribute("aria-pressed", String(d === choice.day));
    b.append(el("span", "day-top", chip.top), el("span", "day-bottom", chip.bottom));
    b.addEventListener("click", () => {
      choice.day = d;
      history.replaceState({ view: "v-slots", ...choice }, "");
      for (const x of area.children) x.setAttribute("aria-pressed", String(x.dataset.date === d));
      loadSlots();
      // On a small phone the day grid fills the screen: bring the chosen day's slots up.
      const heading = $("slots-day");
      if (heading.getBoundingClientRect().top > innerHeight * 0.6) heading.scrollIntoView({ block: "start" });
    });
    area.append(b);
  }
  loadSlots();
}

async function loadSlots() {
  const load = ++slotsLoad;
  const day = choice.day;
  $("slots-day").textContent = `Pilih jam · ${longDateTime(day)}`;
  $("slots").replaceChildren();
  $("slots-note").textContent = "Memuat jadwal…";
  showError("slots-error", slotsMessage);
  slotsMessage = "";
  let slots;
  try {
    slots = await api("GET", `/api/slots?service=${encodeURIComponent(choice.service)}&date=${day}`, undefined, undefined, ID);
  } catch (e) {
    if (load !== slotsLoad) return;
    $("slots-note").textContent = "";
    showError("slots-error", refusalText(e, "slots"));
    return;
  }
  if (load !== slotsLoad) return;
  const area = $("slots");
  const now = Date.now();
  let open = 0;
  // Slots already begun are left out: today's list starts at the next one.
  const coming = (slots ?? []).filter((slot) => !(Date.parse(slot.start) <= now));
  for (const slot of coming) {
    const full = !(slot.free > 0);
    const b = el("button", "slot");
    b.type = "button";
    b.dataset.start = slot.start;
    b.append(el("span", "slot-time", slotTime(slot.start)), el("span", "slot-free", freeText(slot.free)));
    b.disabled = full;
    b.classList.toggle("full", full);
    if (!full) open++;
    b.addEventListener("click", () => {
      choice.slot = slot.start;
      go("v-form");
    });
    area.append(b);
  }
  $("slots-note").textContent =
    coming.length === 0
      ? (slots ?? []).length === 0
        ? "Tidak ada jadwal janji temu pada hari ini. Silakan pilih hari lain."
        : "Jadwal janji temu hari ini sudah lewat. Silakan pilih hari lain."
      : open === 0
        ? "Semua jam pada hari ini sudah penuh. Silakan pilih hari lain."
        : "Angka di bawah jam: tempat yang masih kosong.";
}

// MARK: - Name and phone

function renderForm() {
  const s = service(choice.service);
  const remote = choice.mode === "remote";
  $("form-title").textContent = remote ? "Ambil nomor antrean sekarang" : "Data pemesan";
  const summary = $("form-summary");
  summary.replaceChildren();
  summary.append(el("div", "summary-service", s?.name ?? ""));
  if (remote) {
    const wait = s?.eta_s !== null && s?.eta_s !== undefined ? ` · perkiraan tunggu ${etaText(s.eta_s)}` : "";
    summary.append(el("div", "summary-time", `Hari ini · ${s?.waiting ?? 0} orang menunggu${wait}`));
  } else {
    summary.append(el("div", "summary-time", longDateTime(choice.slot)));
  }
  $("name-field").hidden = remote;
  $("submit").textContent = remote ? "Ambil nomor sekarang" : "Konfirmasi janji temu";
  const ahead = s?.remote?.notify_ahead;
  $("form-note").textContent = remote
    ? `Nomor Anda berlaku hari ini. Halaman antrean akan berbunyi dan bergetar saat tinggal ${Number.isInteger(ahead) ? ahead : "beberapa"} orang di depan Anda; biarkan halaman itu terbuka.`
    : "Nomor HP dipakai untuk pengingat janji temu. Paling banyak 3 pendaftaran per nomor per hari.";
  showError("form-error", "");
  showError("name-error", "");
  showError("phone-error", "");
}

$("form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (busy) return;
  const remote = choice.mode === "remote";
  const phone = checkPhone($("phone").value);
  const name = remote ? { name: "" } : checkName($("name").value);
  showError("phone-error", phone.error);
  showError("name-error", name.error);
  showError("form-error", "");
  if (phone.error || name.error) {
    (name.error ? $("name") : $("phone")).focus();
    return;
  }
  busy = true;
  const submit = $("submit");
  const label = submit.textContent;
  submit.disabled = true;
  submit.textContent = "Mengirim…";
  try {
    if (remote) await takeRemote(phone.phone);
    else await book(name.name, phone.phone);
  } finally {
    busy = false;
    submit.disabled = false;
    submit.textContent = label;
  }
});

async function book(name, phone) {
  let reply;
  try {
    reply = await api("POST", "/api/bookings", { service: choice.service, start: choice.slot, name, phone }, undefined, ID);
  } catch (e) {
    if (e.code === "slot_full") {
      // Someone took the last place meanwhile: back to the slots, now showing it full.
      slotsMessage = refusalText(e, "book");
      history.back();
      return;
    }
    showError(e.code === "bad_phone" || e.code === "invalid_phone" ? "phone-error" : "form-error", refusalText(e, "book"));
    return;
  }
  booking = reply.booking;
  bookingKey = reply.key;
  // The address bar now holds the booking's own link: a reload or a bookmark shows it.
  history.replaceState(null, "", bookingPath(booking.id, bookingKey));
  renderBooking(true);
  show("v-booking");
}

async function takeRemote(phone) {
  remoteRequest ??= requestId();
  let ticket;
  try {
    ticket = await api("POST", "/api/tickets", { service: choice.service, remote: true, phone, request: remoteRequest }, undefined, ID);
  } catch (e) {
    showError(e.code === "bad_phone" || e.code === "invalid_phone" ? "phone-error" : "form-error", refusalText(e, "remote"));
    return;
  }
  remoteRequest = null;
  const key = ticket.key ? `&k=${encodeURIComponent(ticket.key)}` : "";
  location.assign(`track.html?t=${encodeURIComponent(ticket.id)}${key}`);
}

// MARK: - One booking

function bookingPath(id, key) {
  return `book.html?b=${encodeURIComponent(id)}&k=${encodeURIComponent(key)}`;
}

function bookingLink() {
  const base = (hall?.public_url ?? `${location.origin}${location.pathname.replace(/[^/]*$/, "")}`).replace(/\/+$/, "");
  return `${base}/${bookingPath(booking.id, bookingKey)}`;
}

function renderBooking(justBooked = false) {
  if (justBooked) $("booked-banner").hidden = false;
  const s = service(booking.service);
  document.body.dataset.booking = booking.state;
  document.title = `Janji temu ${booking.code}`;
  $("b-code").textContent = booking.code;
  $("b-state").textContent = BOOKING_STATES[booking.state] ?? booking.state;
  $("b-service").textContent = s?.name ?? `Layanan ${booking.service}`;
  $("b-time").textContent = longDateTime(booking.start);
  const active = booking.state === "booked";
  $("b-how").hidden = !active;
  $("b-keep").hidden = !active;
  $("b-cancel").hidden = !active;
  $("b-confirm").hidden = true;
  if (active) {
    const link = bookingLink();
    $("b-link").href = link;
    $("b-link").textContent = link;
    $("b-qr").src = `/qr.svg?text=${encodeURIComponent(link)}`;
  }
  const track = $("b-track");
  track.hidden = !(booking.state === "checked_in" && booking.ticket);
  if (!track.hidden) track.href = `track.html?t=${encodeURIComponent(booking.ticket)}`;
  if (booking.state === "missed") showError("booking-error", "Jadwal ini sudah lewat tanpa check-in. Silakan ambil nomor biasa di kios, atau buat janji temu baru.");
}

async function openBooking(id, key) {
  bookingKey = key;
  try {
    booking = await api("GET", `/api/bookings/${encodeURIComponent(id)}?key=${encodeURIComponent(key)}`, undefined, undefined, ID);
  } catch (e) {
    booking = null;
    show("v-booking");
    $("b-how").hidden = true;
    $("b-keep").hidden = true;
    $("b-code").textContent = "——————";
    showError("booking-error", refusalText(e, "view"));
    return;
  }
  renderBooking();
  show("v-booking");
}

$("b-cancel").addEventListener("click", () => {
  $("b-confirm-text").textContent = `Batalkan janji temu ${booking.code} pada ${longDateTime(booking.start)}? Tempat Anda akan diberikan kepada orang lain.`;
  $("b-confirm").hidden = false;
  $("b-cancel").hidden = true;
  $("b-confirm").scrollIntoView({ block: "nearest" });
});
$("b-cancel-no").addEventListener("click", () => {
  $("b-confirm").hidden = true;
  $("b-cancel").hidden = false;
});
$("b-cancel-yes").addEventListener("click", async () => {
  if (busy) return;
  busy = true;
  showError("booking-error", "");
  try {
    booking = await api("DELETE", `/api/bookings/${encodeURIComponent(booking.id)}?key=${encodeURIComponent(bookingKey)}`, undefined, undefined, ID);
    $("booked-banner").hidden = true;
    renderBooking();
  } catch (e) {
    showError("booking-error", refusalText(e, "cancel"));
  } finally {
    busy = false;
  }
});

// MARK: - Start

async function start() {
  try {
    hall = await api("GET", "/api/hall", undefined, undefined, ID);
  } catch (e) {
    $("loading").textContent = refusalText(e, "hall");
    return;
  }
  $("hall-name").textContent = hall.name ?? "Antrean";
  const b = params.get("b");
  if (b) {
    await openBooking(b, params.get("k") ?? "");
    return;
  }
  const wanted = service(params.get("service"));
  history.replaceState({ view: "v-services" }, "");
  // A poster's QR code (`book.html?service=A`) goes straight to that service's days.
  if (wanted?.appointments) {
    pick(wanted.id, "book");
    return;
  }
  enter("v-services");
}

start();
