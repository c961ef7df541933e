// The region's page (`region.html#token=ADMIN`, served by `antre central`): every hall's
// state and today's figures, polled every few seconds; a click shows one hall's day.
import { readToken, api } from "./api.js";
import { measuredText, stateText } from "./region-text.js";

const token = readToken("central");
const $ = (x) => document.getElementById(x);
const POLL_MS = 5000;
let selected = null;

function cell(content, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  if (content instanceof Node) td.append(content);
  else td.textContent = content;
  return td;
}

function span(text, className) {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}

function waitCell(today) {
  const p90 = today.wait_p90_s;
  const target = today.target_wait_s;
  if (p90 === null || p90 === undefined) return cell("—", "n");
  const text = `${measuredText(p90)} / ${measuredText(target)}`;
  return cell(span(text, target && p90 > target ? "over" : "within"), "n");
}

function ikmCell(hall) {
  if (hall.ikm === null || hall.ikm === undefined) return cell("—", "n");
  const wrap = document.createElement("span");
  wrap.append(String(hall.ikm.toFixed(2)), span(hall.band ?? "", `band ${hall.band ?? ""}`));
  return cell(wrap, "n");
}

function hallRow(hall) {
  const tr = document.createElement("tr");
  const name = document.createElement("span");
  name.append(hall.name ?? hall.hall, span(hall.hall, "hall-id"));
  const today = hall.today ?? {};
  tr.append(
    cell(name),
    cell(span(stateText(hall), `pill ${hall.state}`)),
    cell(String(today.waiting ?? 0), "n"),
    cell(String(today.issued ?? 0), "n"),
    cell(String(today.served ?? 0), "n"),
    waitCell(today),
    ikmCell(hall),
  );
  tr.addEventListener("click", () => {
    selected = { hall: hall.hall, name: hall.name, date: today.date };
    showDetail();
  });
  return tr;
}

async function showDetail() {
  if (!selected) return;
  const path = `/api/halls/${encodeURIComponent(selected.hall)}/stats?date=${selected.date}`;
  const stats = await api("GET", path, undefined, token);
  $("detail-name").textContent = `${selected.name} · ${selected.date}`;
  $("detail-services").replaceChildren(
    ...(stats.services ?? []).map((s) => {
      const tr = document.createElement("tr");
      const share = s.within_target === null || s.within_target === undefined
        ? "—" : `${Math.round(s.within_target * 100)}%`;
      tr.append(
        cell(`${s.id} · ${s.name}`), cell(String(s.issued), "n"), cell(String(s.served), "n"),
        cell(String(s.noshow), "n"), cell(measuredText(s.wait_s?.mean), "n"),
        cell(measuredText(s.wait_s?.p90), "n"), cell(share, "n"));
      return tr;
    }),
  );
  $("detail").hidden = false;
}

async function poll() {
  try {
    const halls = await api("GET", "/api/halls", undefined, token);
    $("offline").hidden = true;
    $("notice").hidden = true;
    // Halls that need a look come first: silent, then lagging, then the rest by id.
    const order = { silent: 0, lagging: 1, live: 2 };
    const sorted = [...halls].sort((a, b) =>
      (order[a.state] ?? 3) - (order[b.state] ?? 3) || a.hall.localeCompare(b.hall));
    $("halls").replaceChildren(...sorted.map(hallRow));
    const count = (state) => halls.filter((h) => h.state === state).length;
    const waiting = halls.reduce((n, h) => n + (h.today?.waiting ?? 0), 0);
    const served = halls.reduce((n, h) => n + (h.today?.served ?? 0), 0);
    $("totals").textContent =
      `${halls.length} mal · ${count("live")} terhubung · ${count("lagging")} tertinggal · ` +
      `${count("silent")} senyap · ${waiting} menunggu · ${served} dilayani hari ini`;
    if (selected) await showDetail();
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      $("notice").textContent = "Token admin tidak ada atau salah: buka halaman ini dengan #token=TOKEN.";
      $("notice").hidden = false;
    } else {
      $("offline").hidden = false;
    }
  }
  setTimeout(poll, POLL_MS);
}

function tick() {
  const now = new Date();
  $("clock").textContent = now.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" });
  // A recursive timeout aligned to the next minute, so the clock does not drift.
  setTimeout(tick, 60_000 - (now.getSeconds() * 1000 + now.getMilliseconds()));
}

tick();
poll();
