import { test } from "node:test";
import assert from "node:assert/strict";
import { AlertMemory, nearAlertDue, noteTicket } from "../../../Displays/js/track-alerts.js";

const waiting = (position, remote = true) => ({ state: "waiting", position, remote });

/** Feeds positions through the page's rule and returns at which ones it alerted. */
function alertsFor(positions, notifyAhead, memory = {}) {
  const at = [];
  for (const p of positions) {
    const t = waiting(p);
    if (nearAlertDue(t, notifyAhead, memory)) {
      memory.near = notifyAhead;
      at.push(p);
    }
    noteTicket(t, notifyAhead, memory);
  }
  return at;
}

test("a remote visitor is alerted once, when the people ahead come down to notify_ahead", () => {
  // notify_ahead 2: positions 5, 4, 3 (2 ahead: alert), 2, 1.
  assert.deepEqual(alertsFor([5, 4, 3, 2, 1], 2), [3]);
});

test("a queue that jumps past the threshold still alerts", () => {
  assert.deepEqual(alertsFor([6, 2], 3), [2]);
});

test("a ticket taken with fewer ahead than the threshold is not alerted as if the queue moved", () => {
  assert.deepEqual(alertsFor([2, 1], 5), []);
});

test("a ticket from the kiosk or one no longer waiting is never alerted as near", () => {
  const memory = { above: true };
  assert.equal(nearAlertDue(waiting(1, false), 2, memory), false);
  assert.equal(nearAlertDue({ state: "called", position: null, remote: true }, 2, memory), false);
  assert.equal(nearAlertDue(waiting(1), null, memory), false);
});

test("a reload does not alert again for the same threshold", () => {
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
  const first = new AlertMemory("T1", storage);
  assert.deepEqual(alertsFor([4, 3], 2, first.data), [3]);
  first.save();
  const reloaded = new AlertMemory("T1", storage);
  assert.deepEqual(alertsFor([3, 2], 2, reloaded.data), []);
  // Another ticket in the same tab has its own memory.
  assert.deepEqual(new AlertMemory("T2", storage).data, {});
});
