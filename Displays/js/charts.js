// Small inline SVG charts for the dashboard: no library, nothing fetched from elsewhere.
// Each function returns an SVG string; every text it places is escaped.

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
export const PALETTE = ["#ffc21a", "#4fc3f7", "#2fd07a", "#ff8a65", "#ba68c8", "#f06292", "#aed581", "#90a4ae"];
const INK = "#ffffff";
const MUTED = "#b9c8e0";
const GRID = "rgba(185,200,224,0.2)";

function niceMax(v) {
  if (v <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function frame(width, height, body, label) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(label)}" font-family="DejaVu Sans, sans-serif">${body}</svg>`;
}

function text(x, y, s, { size = 12, anchor = "start", fill = MUTED, weight = "normal" } = {}) {
  return `<text x="${x}" y="${y}" font-size="${size}" text-anchor="${anchor}" fill="${fill}" font-weight="${weight}">${esc(s)}</text>`;
}

function yAxis(left, top, plotW, plotH, max) {
  let out = "";
  // Small counts get whole-number ticks (0 1 2 3 4 5), larger ones four steps.
  const n = max <= 5 ? max : max === 10 ? 5 : 4;
  for (let i = 0; i <= n; i++) {
    const v = (max * i) / n;
    const y = top + plotH - (plotH * i) / n;
    out += `<line x1="${left}" x2="${left + plotW}" y1="${y}" y2="${y}" stroke="${GRID}"/>`;
    out += text(left - 6, y + 4, Number.isInteger(v) ? v : v.toFixed(1), { anchor: "end", size: 11 });
  }
  return out;
}

function legend(items, x, y) {
  let out = "";
  let cx = x;
  for (const { name, color } of items) {
    out += `<rect x="${cx}" y="${y - 10}" width="12" height="12" rx="2" fill="${color}"/>`;
    out += text(cx + 16, y, name, { fill: INK });
    cx += 28 + String(name).length * 7.5;
  }
  return out;
}

/** Lines over time: `times` (ms), `series` [{name, values, color}]. */
export function lineChart({ times, series, width = 1300, height = 260, label = "", offsetMinutes = 420 }) {
  const left = 40, top = 26, bottom = 26, right = 10;
  const plotW = width - left - right, plotH = height - top - bottom;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const t0 = times[0] ?? 0, t1 = times[times.length - 1] ?? 1;
  const x = (t) => left + (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * plotW);
  const y = (v) => top + plotH - (v / max) * plotH;
  let body = yAxis(left, top, plotW, plotH, max) + legend(series, left, 14);
  for (const s of series) {
    const pts = s.values.map((v, i) => `${x(times[i]).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    body += `<polyline fill="none" stroke="${s.color}" stroke-width="2.5" points="${pts}"/>`;
  }
  // Ticks in hall time: every hour, or every 15 minutes over a short morning.
  const step = t1 - t0 > 3 * 3600000 ? 3600000 : 900000;
  const shift = offsetMinutes * 60000;
  for (let t = Math.ceil((t0 + shift) / step) * step - shift; t <= t1; t += step) {
    const d = new Date(t + shift);
    body += `<line x1="${x(t)}" x2="${x(t)}" y1="${top + plotH}" y2="${top + plotH + 4}" stroke="${MUTED}"/>`;
    body += text(x(t), height - 8, `${String(d.getUTCHours()).padStart(2, "0")}.${String(d.getUTCMinutes()).padStart(2, "0")}`, { anchor: "middle", size: 11 });
  }
  return frame(width, height, body, label);
}

/** Vertical bars: `labels`, `series` [{name, values, color}], optional `marker` index (a target). */
export function barChart({ labels, series, width = 680, height = 220, label = "", markerAt = null, markerName = "" }) {
  const left = 40, top = 26, bottom = 26, right = 10;
  const plotW = width - left - right, plotH = height - top - bottom;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const slot = plotW / Math.max(1, labels.length);
  const barW = (slot * 0.8) / Math.max(1, series.length);
  let body = yAxis(left, top, plotW, plotH, max) + legend(series, left, 14);
  const every = Math.max(1, Math.ceil(labels.length / 14));
  labels.forEach((lab, i) => {
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const h = (v / max) * plotH;
      body += `<rect x="${(left + slot * i + slot * 0.1 + barW * k).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${esc(`${lab}: ${v}`)}</title></rect>`;
    });
    if (i % every === 0) body += text(left + slot * (i + 0.5), height - 8, lab, { anchor: "middle", size: 11 });
  });
  if (markerAt !== null) {
    const mx = left + slot * markerAt;
    body += `<line x1="${mx}" x2="${mx}" y1="${top - 4}" y2="${top + plotH}" stroke="#ff5a5a" stroke-width="2" stroke-dasharray="5 3"/>`;
    body += text(mx + 4, top + 8, markerName, { fill: "#ff5a5a", size: 11 });
  }
  return frame(width, height, body, label);
}

/** A 7 × 24 heat map: `values[row][hour]`, `rows` labels. */
export function heatMap({ values, rows, width = 1300, label = "", firstHour = 6, lastHour = 18 }) {
  const left = 46, top = 20, cell = (width - left - 8) / (lastHour - firstHour + 1), rowH = 22;
  const height = top + rowH * rows.length + 6;
  const max = Math.max(1, ...values.flat());
  let body = "";
  for (let h = firstHour; h <= lastHour; h++) body += text(left + (h - firstHour + 0.5) * cell, 14, String(h).padStart(2, "0"), { anchor: "middle", size: 11 });
  rows.forEach((name, r) => {
    body += text(left - 6, top + r * rowH + 15, name, { anchor: "end", size: 12, fill: INK });
    for (let h = firstHour; h <= lastHour; h++) {
      const v = values[r]?.[h] ?? 0;
      const a = v === 0 ? 0.06 : 0.18 + 0.82 * (v / max);
      body += `<rect x="${(left + (h - firstHour) * cell + 1).toFixed(1)}" y="${top + r * rowH + 1}" width="${(cell - 2).toFixed(1)}" height="${rowH - 2}" rx="3" fill="rgba(255,194,26,${a.toFixed(2)})"><title>${esc(`${name} ${h}.00: ${v}`)}</title></rect>`;
    }
  });
  return frame(width, height, body, label);
}

/** The IKM as a bar from 25 to 100 with the four bands and a marker at the value. */
export function ikmBands({ value, width = 1300, label = "IKM" }) {
  const left = 10, right = 10, top = 18, h = 26, height = 72;
  const plotW = width - left - right;
  const x = (v) => left + ((v - 25) / 75) * plotW;
  const bands = [[25, 64.99, "D", "#ff5a5a"], [65, 76.6, "C", "#ffb020"], [76.61, 88.3, "B", "#4fc3f7"], [88.31, 100, "A", "#2fd07a"]];
  let body = "";
  for (const [a, b, name, color] of bands) {
    body += `<rect x="${x(a).toFixed(1)}" y="${top}" width="${(x(b) - x(a)).toFixed(1)}" height="${h}" fill="${color}" opacity="0.75"/>`;
    body += text((x(a) + x(b)) / 2, top + 18, name, { anchor: "middle", fill: "#071a33", weight: "bold", size: 13 });
  }
  if (typeof value === "number") {
    body += `<line x1="${x(value)}" x2="${x(value)}" y1="${top - 6}" y2="${top + h + 6}" stroke="#fff" stroke-width="3"/>`;
    body += text(x(value), top + h + 22, value.toFixed(2).replace(".", ","), { anchor: "middle", fill: INK, weight: "bold", size: 14 });
  }
  return frame(width, height, body, label);
}
