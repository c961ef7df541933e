import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { BUDGET_S, PAUSE, RATES, callForms, chooseForm, compactParts, fitsBudget } from "../../../Displays/js/voice.js";

const voiceDir = new URL("../../../Assets/voice/", import.meta.url);

test("a call can be said whole or without its intro, in the normal voice", () => {
  const [full, brief] = callForms("A012", 3, "id");
  assert.deepEqual(full.clips, [
    "id/nomor_antrean.ogg", "id/letter_a.ogg", "id/dua.ogg", "id/belas.ogg",
    "id/silakan_menuju_loket.ogg", "id/tiga.ogg",
  ]);
  assert.equal(full.rate, 1);
  assert.deepEqual(brief.clips, full.clips.slice(1));
  assert.equal(brief.rate, 1);
});

test("a backlog says the number digit by digit in the quick voice, then faster", () => {
  const forms = callForms("A127", 10, "id");
  const compact = forms.filter((f) => f.form === "compact");
  assert.deepEqual(compact[0].clips, [
    "id/quick/letter_a.ogg", "id/quick/satu.ogg", "id/quick/dua.ogg", "id/quick/tujuh.ogg",
    "id/quick/loket.ogg", "id/quick/sepuluh.ogg",
  ]);
  assert.deepEqual(compact.map((f) => f.rate), RATES);
  assert.equal(RATES[0], 1);
  assert.ok(RATES.every((r, i) => i === 0 || r > RATES[i - 1]) && RATES.at(-1) <= 1.25);
  // Last of all the word "loket" gives way to a pause.
  const tight = forms.at(-2);
  assert.equal(tight.form, "tight");
  assert.deepEqual(tight.clips, [...compact[0].clips.slice(0, 4), PAUSE, "id/quick/sepuluh.ogg"]);
  // Words follow each other more closely in the quick voice.
  assert.ok(compact[0].gap < forms[0].gap);
});

test("digit by digit drops leading zeros and keeps both letters; English says counter", () => {
  assert.deepEqual(compactParts("A007", 3, "id").ticket, ["id/quick/letter_a.ogg", "id/quick/tujuh.ogg"]);
  const en = compactParts("AB1000", 12, "en");
  assert.deepEqual(en.ticket, [
    "en/quick/letter_a.ogg", "en/quick/letter_b.ogg", "en/quick/one.ogg", "en/quick/zero.ogg",
    "en/quick/zero.ogg", "en/quick/zero.ogg",
  ]);
  assert.equal(en.go, "en/quick/counter.ogg");
  assert.deepEqual(en.counter, ["en/quick/twelve.ogg"]);
  assert.throws(() => compactParts("A1", 1, "fr"), RangeError);
  assert.throws(() => compactParts("1A", 1, "id"), RangeError);
});

test("every clip any form can ask for is in Assets/voice", () => {
  const missing = new Set();
  const numbers = [...Array(1000).keys(), 1000, 1001, 1234, 2020, 5678, 9000, 9999];
  for (const lang of ["id", "en"]) {
    for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
      for (const n of letter === "A" ? numbers : [1, 10, 999]) {
        const counter = (n % 40) + 1;
        for (const f of callForms(`${letter}${n}`, counter, lang)) {
          for (const clip of f.clips) {
            if (clip !== PAUSE && !existsSync(new URL(clip, voiceDir))) missing.add(clip);
          }
        }
      }
    }
  }
  assert.deepEqual([...missing], []);
});

test("with nobody waiting the whole call is said", () => {
  assert.equal(chooseForm([6, 5, 2, 1.8, 1.6, 1.5, 2.4], [], 100), 0);
});

test("a backlog is planned in one form: the longest in which every waiting call starts in time", () => {
  // The arithmetic below is for a 19 s budget, whatever the page's own margin is.
  const now = 100;
  const budget = 19;
  const lengths = [6, 5, 2, 1.8, 1.6, 1.5, 2.4];
  const waiting = (n, queuedAt = now) => Array.from({ length: n }, () => ({ queuedAt, durations: lengths }));
  // Two behind, queued just now: all three whole still fits.
  assert.equal(chooseForm(lengths, waiting(2), now, budget), 0);
  // Eight behind: whole or brief would start the eighth late; compact at the normal rate
  // (nine calls of 2 s, 0.2 s apart: the eighth starts at 17.6 s) is in time.
  assert.equal(chooseForm(lengths, waiting(8), now, budget), 2);
  // Queued 2 s ago, the same eight need the next rate up (the eighth then starts 18 s after
  // it was queued, against 19.6 s at the normal rate).
  assert.equal(chooseForm(lengths, waiting(8, now - 2), now, budget), 3);
  // Calls that waited long already leave less room.
  assert.equal(chooseForm(lengths, waiting(1, now - 12), now, budget), 0);
  assert.equal(chooseForm(lengths, waiting(1, now - 13.5), now, budget), 1);
  assert.equal(chooseForm(lengths, waiting(1, now - budget), now, budget), 5);
  // Nothing fits: the shortest.
  assert.equal(chooseForm(lengths, waiting(30), now, budget), 5);
});

test("the budget counts each waiting call's own length and the pause between calls", () => {
  const w = [{ queuedAt: 0, duration: 3 }, { queuedAt: 0, duration: 3 }];
  // The second waiting call starts at 2 + 0.2 + 3 + 0.2 = 5.4 s.
  assert.equal(fitsBudget(2, w, 0, 5.4), true);
  assert.equal(fitsBudget(2, w, 0, 5.3), false);
});

test("without quick clips a backlog is said tersely in the normal voice", () => {
  const forms = callForms("A012", 3, "id");
  assert.equal(forms.at(-1).form, "terse");
  assert.deepEqual(forms.at(-1).clips, ["id/letter_a.ogg", "id/dua.ogg", "id/belas.ogg", PAUSE, "id/tiga.ogg"]);
  const now = 100;
  // The quick forms cannot be said (Infinity): brief while it fits, then terse.
  const lengths = [6, 5, Infinity, Infinity, Infinity, Infinity, 2];
  const waiting = (n, queuedAt = now) => Array.from({ length: n }, () => ({ queuedAt, durations: lengths }));
  assert.equal(chooseForm(lengths, [], now), 0);
  assert.equal(chooseForm(lengths, waiting(3, now - 1), now), 1);
  assert.equal(chooseForm(lengths, waiting(8), now), 6);
  // With quick clips, terse (longer than any quick form) is never the shortest.
  assert.equal(chooseForm([6, 5, 2, 1.8, 1.6, 1.5, 2.4], waiting(30), now), 5);
});
