import { test } from "node:test";
import assert from "node:assert/strict";
import { BUDGET_S, PAUSE, callForms, chooseForm } from "../../../Displays/js/voice.js";

test("a call can be said whole, without its intro, or as ticket and counter only", () => {
  const [full, brief, terse] = callForms("A012", 3, "id");
  assert.deepEqual(full.clips, [
    "id/nomor_antrean.ogg", "id/letter_a.ogg", "id/dua.ogg", "id/belas.ogg",
    "id/silakan_menuju_loket.ogg", "id/tiga.ogg",
  ]);
  assert.deepEqual(brief.clips, full.clips.slice(1));
  assert.deepEqual(terse.clips, ["id/letter_a.ogg", "id/dua.ogg", "id/belas.ogg", PAUSE, "id/tiga.ogg"]);
});

test("with nobody waiting the whole call is said", () => {
  assert.equal(chooseForm([6, 5, 2.5], [], 100), 0);
});

test("a backlog shortens the call so the last one waiting starts within the budget", () => {
  // Queued just now: a few calls fit even when said whole.
  const now = 100;
  const waiting = (n) => Array.from({ length: n }, () => ({ queuedAt: now, shortest: 2.5 }));
  assert.equal(chooseForm([6, 5, 2.5], waiting(2), now), 0);
  // Six behind, 2.7 s apart: after a whole (6 s) or brief (5 s) call the sixth would start
  // more than 18 s after it was queued; after a terse one it starts at 16.2 s.
  assert.equal(chooseForm([6, 5, 2.5], waiting(6), now), 2);
  // Calls that have already waited long leave less room.
  assert.equal(chooseForm([6, 5, 2.5], [{ queuedAt: now - 12, shortest: 2.5 }], now), 1);
  assert.equal(chooseForm([6, 5, 2.5], [{ queuedAt: now - BUDGET_S, shortest: 2.5 }], now), 2);
});

test("the last resort says the terse words faster", () => {
  const forms = callForms("A127", 3, "id");
  const terse = forms.find((f) => f.form === "terse");
  const quick = forms.at(-1);
  assert.equal(quick.form, "quick");
  assert.deepEqual(quick.clips, terse.clips);
  assert.ok(quick.rate > 1 && terse.rate === 1);
});

test("the quick form only when terse would miss the budget by more than two seconds", async () => {
  const { chooseSpokenForm } = await import("../../../Displays/js/voice.js");
  const forms = callForms("A127", 3, "id");
  const now = 100;
  const durations = [6, 5, 3, 2];
  // Terse misses 18 s by a little: terse, not the faster voice.
  const near = [{ queuedAt: now - 16, shortest: 2 }];
  assert.equal(chooseSpokenForm(forms, durations, near, now), 2);
  // Terse would leave a call waiting 21 s: quick.
  const far = [{ queuedAt: now - 17.5, shortest: 2 }];
  assert.equal(chooseSpokenForm(forms, durations, far, now), 3);
});
