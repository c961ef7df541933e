// The dashboard's charts (issue 12): waiting per service through the day, today's waits
// against each target, arrivals over the week, no-shows, and the IKM with its band. Figures
// come from the admin API (stats.csv and stats for today, stats over the week, ikm over the
// last 30 days) and are refreshed every minute and whenever the feed reports a finished ticket.
import { api } from "./api.js";
import { PALETTE, lineChart, barChart, heatMap, ikmBands } from "./charts.js";

const DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
const REFRESH_MS = 60000;

function parseCSV(text) {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean);
  const head = lines.shift()?.split(",") ?? [];
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [head[i], v])));
}

function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Waiting per service every 10 minutes: issued before t and not yet called or finished. */
function waitingSeries(rows, services, now) {
  const issued = rows.map((r) => Date.parse(r.issued_at)).filter(Number.isFinite);
  if (!issued.length) return null;
  const start = Math.min(...issued);
  const step = 10 * 60000;
  const times = [];
  for (let t = start; t <= now; t += step) times.push(t);
  times.push(now);
  const series = services.map((s, k) => ({
    name: s.id,
    color: PALETTE[k % PALETTE.length],
    values: times.map((t) =>
      rows.filter((r) => {
        if (r.service !== s.id) return false;
        const a = Date.parse(r.issued_at);
        const left = Date.parse(r.called_at || r.finished_at || "") || Infinity;
        return a <= t && left > t;
      }).length,
    ),
  }));
  return { times, series: series.filter((s) => s.values.some((v) => v > 0)) };
}

/** Counts of waits in 5-minute bins up to twice the target, for one service. */
function waitHistogram(rows, service) {
  const target = service.target_wait_s ?? 900;
  const bin = 300;
  const bins = Math.max(4, Math.ceil((2 * target) / bin));
  const counts = new Array(bins + 1).fill(0);
  for (const r of rows) {
    if (r.service !== service.id || r.wait_s === "") continue;
    counts[Math.min(bins, Math.floor(Number(r.wait_s) / bin))] += 1;
  }
  const labels = counts.map((_, i) => (i === bins ? `≥${(bins * bin) / 60}` : `${(i * bin) / 60}`));
  return { labels, counts, markerAt: target / bin };
}

/** The printable report for a period (`/api/report`), fetched with the token, opened as a page. */
async function openReport(token, $, format) {
  $("period-error").textContent = "";
  const from = $("period-from").value;
  const to = $("period-to").value;
  try {
    const r = await fetch(`/api/report?from=${from}&to=${to}&format=${format}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!r.ok) {
      const body = await r.json().catch(() => null);
      throw new Error(body?.error?.message ?? `HTTP ${r.status}`);
    }
    const url = URL.createObjectURL(await r.blob());
    if (format === "html") {
      window.open(url, "_blank");
    } else {
      const a = Object.assign(document.createElement("a"), { href: url, download: `laporan-${from}_${to}.csv` });
      document.body.append(a);
      a.click();
      a.remove();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (e) {
    $("period-error").textContent = `Gagal: ${e.message}`;
  }
}

export function startCharts({ token, state, $ }) {
  let timer = null;
  let busy = false;
  $("period").addEventListener("submit", (e) => {
    e.preventDefault();
    openReport(token, $, "html");
  });
  $("period-csv").addEventListener("click", () => openReport(token, $, "csv"));

  async function refresh() {
    if (busy || !state.hall) return;
    busy = true;
    clearTimeout(timer);
    const today = String(state.hall.date).slice(0, 10);
    if (!$("period-to").value) {
      $("period-to").value = today;
      $("period-from").value = `${today.slice(0, 8)}01`;
    }
    const services = [...state.services.values()];
    try {
      const [csv, week, month] = await Promise.all([
        fetch(`/api/stats.csv?date=${today}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`)))),
        api("GET", `/api/stats?from=${addDays(today, -6)}&to=${today}`, undefined, token),
        api("GET", `/api/ikm?from=${addDays(today, -29)}&to=${today}`, undefined, token),
      ]);
      const rows = parseCSV(csv);
      const w = waitingSeries(rows, services, Date.now());
      $("chart-waiting").innerHTML = w ? lineChart({ ...w, offsetMinutes: state.offsetMinutes ?? 420, label: "Menunggu per layanan hari ini" }) : '<p class="muted">Belum ada antrean hari ini.</p>';

      $("chart-waits").innerHTML = services
        .filter((s) => rows.some((r) => r.service === s.id && r.wait_s !== ""))
        .map((s, k) => {
          const h = waitHistogram(rows, s);
          return `<figure><figcaption>${s.id} · ${s.name ?? ""} — waktu tunggu (menit), target ${Math.round((s.target_wait_s ?? 0) / 60)} menit</figcaption>${barChart({ labels: h.labels, series: [{ name: "tiket", values: h.counts, color: PALETTE[k % PALETTE.length] }], width: 620, height: 230, markerAt: h.markerAt, markerName: "target", label: `Tunggu ${s.id}` })}</figure>`;
        })
        .join("") || '<p class="muted">Belum ada yang dipanggil hari ini.</p>';

      $("chart-week").innerHTML = heatMap({ values: week.arrivals_by_weekday_hour ?? [], rows: DAYS, label: "Kedatangan per jam, 7 hari terakhir" });

      const todayStats = week.by_day?.[week.by_day.length - 1] ?? { served: 0, noshow: 0 };
      const ended = todayStats.served + todayStats.noshow;
      $("noshow-today").textContent = ended ? `${((100 * todayStats.noshow) / ended).toFixed(1).replace(".", ",")}%` : "—";
      const weekNoshow = week.services.reduce((a, s) => a + s.noshow, 0);
      const weekEnded = week.services.reduce((a, s) => a + s.served + s.noshow, 0);
      $("noshow-week").textContent = weekEnded ? `${((100 * weekNoshow) / weekEnded).toFixed(1).replace(".", ",")}%` : "—";

      $("ikm-value").textContent = typeof month.ikm === "number" ? month.ikm.toFixed(2).replace(".", ",") : "—";
      $("ikm-band").textContent = month.band ? `${month.band} · ${month.label}` : "belum ada responden";
      $("ikm-band").dataset.band = month.band ?? "";
      $("ikm-sample").textContent = `${month.respondents} responden dalam 30 hari · sampel minimum ${month.min_sample}`;
      $("chart-ikm").innerHTML = ikmBands({ value: month.ikm });
      $("charts-error").textContent = "";
    } catch (e) {
      $("charts-error").textContent = e.status === 401 || e.status === 403 ? "Token admin diperlukan (#token=…)" : `Grafik gagal dimuat: ${e.message}`;
    } finally {
      busy = false;
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  return {
    refresh,
    onEvent(msg) {
      if (msg.type === "finished" || msg.type === "called") {
        clearTimeout(timer);
        timer = setTimeout(refresh, 2000);
      }
    },
  };
}
