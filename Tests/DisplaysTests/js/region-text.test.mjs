import { test } from "node:test";
import assert from "node:assert/strict";
import { measuredText, stateText } from "../../../Displays/js/region-text.js";

test("measured durations carry no ± and follow the shared minute and hour rule", () => {
  assert.equal(measuredText(null), "—");
  assert.equal(measuredText(59), "kurang dari 1 menit");
  assert.equal(measuredText(60), "1 menit");
  assert.equal(measuredText(1490), "25 menit");
  assert.equal(measuredText(3600), "1 jam");
  assert.equal(measuredText(5400), "1 jam 30 menit");
});

test("a hall's state reads as live, lagging by how much, or silent since when", () => {
  const today = { date: "2026-12-01" };
  assert.equal(stateText({ state: "live", today }), "Terhubung");
  assert.equal(stateText({ state: "lagging", lag_s: 125, today }), "Tertinggal 2 menit");
  assert.equal(stateText({ state: "lagging", lag_s: 0, today }), "Tertinggal");
  assert.equal(
    stateText({ state: "silent", since: "2026-12-01T09:15:02+07:00", today }), "Senyap sejak 09:15");
  assert.equal(
    stateText({ state: "silent", since: "2026-11-30T16:01:00+07:00", today }),
    "Senyap sejak 2026-11-30 16:01");
});
