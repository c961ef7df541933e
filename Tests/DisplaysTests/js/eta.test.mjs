import { test } from "node:test";
import assert from "node:assert/strict";
import { etaText, measuredText, peopleAhead } from "../../../Displays/js/eta.js";

test("an estimate under a minute says so; otherwise rounded minutes with ±", () => {
  assert.equal(etaText(0), "kurang dari 1 menit");
  assert.equal(etaText(59), "kurang dari 1 menit");
  assert.equal(etaText(60), "±1 menit");
  assert.equal(etaText(89), "±1 menit");
  assert.equal(etaText(90), "±2 menit");
  assert.equal(etaText(540), "±9 menit");
  assert.equal(etaText(59 * 60 + 29), "±59 menit");
});

test("an estimate of an hour or more reads in hours and minutes, never in minutes alone", () => {
  assert.equal(etaText(59 * 60 + 30), "±1 jam");
  assert.equal(etaText(3600), "±1 jam");
  assert.equal(etaText(70 * 60), "±1 jam 10 menit");
  assert.equal(etaText(125 * 60), "±2 jam 5 menit");
});

test("the English estimate follows the same rule", () => {
  assert.equal(etaText(20, "en"), "under 1 min");
  assert.equal(etaText(540, "en"), "about 9 min");
  assert.equal(etaText(3600, "en"), "about 1 h");
  assert.equal(etaText(70 * 60, "en"), "about 1 h 10 min");
});

test("no estimate gives no text", () => {
  assert.equal(etaText(null), "");
  assert.equal(etaText(undefined), "");
  assert.equal(etaText(-5), "");
  assert.equal(etaText(NaN), "");
});

test("measured figures carry no ±", () => {
  assert.equal(measuredText(45), "45 detik");
  assert.equal(measuredText(540), "9 menit");
  assert.equal(measuredText(3900), "1 jam 5 menit");
  assert.equal(measuredText(540, "en"), "9 min");
  for (const s of [10, 100, 1000, 10000]) assert.ok(!measuredText(s).includes("±"));
});

test("people ahead are the position less one", () => {
  assert.equal(peopleAhead(1), 0);
  assert.equal(peopleAhead(4), 3);
  assert.equal(peopleAhead(null), null);
  assert.equal(peopleAhead(0), null);
});
