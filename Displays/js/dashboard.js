// The supervisor's dashboard (`dashboard.html#token=ADMIN`): live counts and the day's report.
import { connectFeed } from "./feed.js";
import { HallState, TICKET_STATES, closedReason, wallClock } from "./hall-state.js";
import { etaText, measuredText } from "./eta.js";
import { readToken, api } from "./api.js";
import { startCharts } from "./dashboard-charts.js";

const token = readToken("admin");
const state = new HallState();
const $ = (x) => document.getElementById(x);
const STATE_LABEL = { open: "Buka", paused: "Istirahat", closed: "Tutup" };

function cell(text, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

function pill(value, label) {
  const td = document.createElement("td");
  const span = document.createElement("span");
  span.className = `pill ${value}`;
  span.textContent = label;
  td.append(span);
  return td;
}

function row(...cells) {
  const tr = document.createElement("tr");
  tr.append(...cells);
  return tr;
}

function render() {
  if (!state.hall) return;
  $("hall-name").textContent = state.hall.name ?? "Antrean";
  $("services").replaceChildren(
    ...[...state.services.values()].map((s) =>
      row(
        cell(`${s.id} · ${s.name ?? ""}`),
        s.open === false
          ? pill("closed", closedReason(s, state.counters.values(), state.hall.date ?? null))
          : pill("open", "Buka"),
        cell(String(s.waiting ?? 0), "n"),
        cell(String(s.issued ?? 0), "n"),
        cell(s.quota === null || s.quota === undefined ? "—" : String(s.quota), "n"),
        // A closed service has no estimate to give, whatever the server last computed.
        cell(s.open !== false && typeof s.eta_s === "number" ? etaText(s.eta_s) : "—", "n"),
      ),
    ),
  );
  $("counters").replaceChildren(
    ...[...state.counters.values()].map((c) =>
      row(
        cell(c.name),
        pill(c.state, `${STATE_LABEL[c.state] ?? c.state}${c.reason ? ` · ${c.reason}` : ""}`),
        cell(c.officer?.name ?? "—"),
        cell(c.ticket ? `${c.ticket.number} · ${TICKET_STATES[c.ticket.state] ?? c.ticket.state}` : "—"),
        cell((c.services ?? []).join(", ")),
      ),
    ),
  );
  if (!$("date").value && state.hall.date) $("date").value = String(state.hall.date).slice(0, 10);
}

const seconds = (s) => (s && typeof s.mean === "number" ? measuredText(s.mean) : "—");
const p90 = (s) => (s && typeof s.p90 === "number" ? measuredText(s.p90) : "—");

async function loadReport() {
  $("report-error").textContent = "";
  try {
    const stats = await api("GET", `/api/stats?date=${encodeURIComponent($("date").value)}`, undefined, token);
    const name = (id) => state.services.get(id)?.name ?? id;
    const services = Array.isArray(stats.services)
      ? stats.services
      : Object.entries(stats.services ?? {}).map(([id, s]) => ({ id, ...s }));
    $("stats").replaceChildren(
      ...services.map((s) =>
        row(
          cell(`${s.id} · ${name(s.id)}`),
          cell(String(s.issued ?? 0), "n"),
          cell(String(s.served ?? 0), "n"),
          cell(String(s.noshow ?? 0), "n"),
          cell(String(s.cancelled ?? 0), "n"),
          cell(seconds(s.wait_s), "n"),
          cell(p90(s.wait_s), "n"),
          cell(seconds(s.service_s), "n"),
        ),
      ),
    );
    const counters = Array.isArray(stats.counters)
      ? stats.counters
      : Object.entries(stats.counters ?? {}).map(([id, c]) => ({ id: Number(id), ...c }));
    $("counter-stats").replaceChildren(
      ...counters.map((c) =>
        row(cell(state.counterName(c.id)), cell(String(c.served ?? 0), "n"), cell(seconds(c.service_s), "n"), cell(p90(c.service_s), "n")),
      ),
    );
  } catch (e) {
    $("report-error").textContent = reportError(e);
  }
}

/** "No token" and "wrong token" need different fixes: say which one it is. */
function reportError(e) {
  if (!token) return "Token admin belum diberikan: buka dasbor dengan #token=TOKEN_ADMIN.";
  if (e.status === 401) return "Token admin salah: periksa token pada alamat dasbor.";
  if (e.status === 403) return "Token ini bukan token admin.";
  if (e.code === "network") return "Tidak tersambung ke server.";
  return `Gagal: ${e.message}`;
}

/** The CSV needs the bearer token, which a plain link cannot carry: fetch, then save. */
async function downloadCSV() {
  $("report-error").textContent = "";
  const date = $("date").value;
  try {
    const r = await fetch(`/api/stats.csv?date=${encodeURIComponent(date)}`, { headers: { Authorization: `Bearer ${token}` } });
    if (r.status === 401 || r.status === 403) throw { status: r.status };
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = `antre-${date}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    $("report-error").textContent = e.status ? reportError(e) : `Gagal mengunduh: ${e.message}`;
  }
}

function tick() {
  const c = wallClock(Date.now(), state.offsetMinutes ?? 420);
  $("clock").textContent = `${c.date} · ${c.time}.${c.seconds} ${c.zone}`;
  setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

$("report").addEventListener("submit", (e) => {
  e.preventDefault();
  loadReport();
});
$("csv").addEventListener("click", downloadCSV);
tick();
const charts = startCharts({ token, state, $ });
let firstSnapshot = true;
connectFeed({
  badge: $("offline"),
  onSnapshot(msg) {
    state.snapshot(msg);
    render();
    if (firstSnapshot) {
      loadReport();
      charts.refresh();
    }
    firstSnapshot = false;
  },
  onEvent(msg) {
    state.apply(msg);
    render();
    charts.onEvent(msg);
  },
});
