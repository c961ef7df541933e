import { test } from "node:test";
import assert from "node:assert/strict";
import { barChart, heatMap, ikmBands, lineChart } from "../../../Displays/js/charts.js";

const count = (svg, tag) => (svg.match(new RegExp(`<${tag}[ >]`, "g")) ?? []).length;

test("bar chart draws one bar per label and series, and escapes its text", () => {
  const svg = barChart({ labels: ["a", "b", "<c>"], series: [{ name: "x&y", values: [1, 2, 3], color: "#fff" }, { name: "z", values: [0, 1, 0], color: "#000" }] });
  assert.equal(count(svg, "rect") - 2, 6); // two legend swatches
  assert.ok(svg.includes("&lt;c&gt;") && svg.includes("x&amp;y"));
  assert.ok(!svg.includes("<c>"));
});

test("heat map has a cell per day and hour in range", () => {
  const values = Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => d * h));
  const svg = heatMap({ values, rows: ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"], firstHour: 8, lastHour: 15 });
  assert.equal(count(svg, "rect"), 7 * 8);
});

test("IKM bar marks the value with a decimal comma", () => {
  const svg = ikmBands({ value: 80.56 });
  assert.ok(svg.includes("80,56"));
  assert.equal(count(svg, "rect"), 4);
  assert.ok(!ikmBands({ value: null }).includes("<line"));
});

test("line chart draws a polyline per series", () => {
  const svg = lineChart({ times: [0, 3600000, 7200000], series: [{ name: "A", values: [1, 3, 2], color: "#fff" }, { name: "B", values: [0, 0, 4], color: "#000" }] });
  assert.equal(count(svg, "polyline"), 2);
});
