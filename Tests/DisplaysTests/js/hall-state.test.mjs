import { test } from "node:test";
import assert from "node:assert/strict";
import { HallState, kioskColumns, offsetMinutes, utcOffsetMinutes, wallClock, closedReason, opensText, hallClosedNotice } from "../../../Displays/js/hall-state.js";
import { backoffDelay, callsToAnnounce, feedURL, hallIsOpen, OPEN_MAX_DELAY_MS, CLOSED_MAX_DELAY_MS } from "../../../Displays/js/feed.js";

const ticket = (over) => ({
  id: "t1", number: "A012", service: "A", state: "waiting", priority: false,
  issued_at: "2026-11-28T09:00:00+08:00", called_at: null, counter: null, calls: 0, position: 1, eta_s: 60, ...over,
});

const snapshot = () => ({
  type: "snapshot", seq: 10,
  hall: {
    name: "MPP", date: "2026-11-28", utc_offset: "+08:00", ticker: null, footer: null, voice: ["id"],
    public_url: null, boxes: [{ id: "K1", connected: false, printer: "offline" }],
    services: [{ id: "A", name: "Kependudukan", name_en: "Civil registry", open: true, closed_reason: null,
      opens_at: null, waiting: 2, issued: 12, quota: 200, target_wait_s: 900, eta_s: 600 }],
    counters: [{ id: 3, name: "Loket 3", services: ["A"], state: "open", reason: null, ticket: null }],
  },
  recent_calls: [
    { number: "A010", counter: 3, at: "2026-11-28T09:10:00+08:00" },
    { number: "A011", counter: 3, at: "2026-11-28T09:12:00+08:00" },
  ],
});

test("a snapshot lists recent calls newest first and learns the hall's offset", () => {
  const s = new HallState();
  s.snapshot(snapshot());
  assert.deepEqual(s.calls.map((c) => c.number), ["A011", "A010"]);
  assert.equal(s.calls[0].counterName, "Loket 3");
  assert.equal(s.offsetMinutes, 480);
});

test("a called event becomes the current call and updates waiting counts and the counter", () => {
  const s = new HallState();
  s.snapshot(snapshot());
  const t = ticket({ state: "called", counter: 3, calls: 1, called_at: "2026-11-28T09:15:02+08:00" });
  const call = s.apply({ type: "called", seq: 11, ticket: t, counter: { id: 3, name: "Loket 3" }, recall: false, waiting: { A: 1 } });
  assert.deepEqual(call, { number: "A012", counter: 3, counterName: "Loket 3", at: t.called_at, recall: false });
  assert.equal(s.calls[0].number, "A012");
  assert.equal(s.services.get("A").waiting, 1);
  assert.equal(s.counters.get(3).ticket.number, "A012");
});

test("a recall moves the call to the top without listing it twice", () => {
  const s = new HallState();
  s.snapshot(snapshot());
  const t = ticket({ number: "A010", state: "called", counter: 3, calls: 2 });
  s.apply({ type: "called", seq: 11, ticket: t, counter: { id: 3, name: "Loket 3" }, recall: true, waiting: {} });
  assert.deepEqual(s.calls.map((c) => c.number), ["A010", "A011"]);
  assert.equal(s.calls[0].recall, true);
});

test("finishing a ticket clears it from its counter; counter events merge", () => {
  const s = new HallState();
  s.snapshot(snapshot());
  const t = ticket({ state: "called", counter: 3 });
  s.apply({ type: "called", seq: 11, ticket: t, counter: { id: 3, name: "Loket 3" }, recall: false, waiting: {} });
  s.apply({ type: "finished", seq: 12, ticket: { ...t, state: "done" }, waiting: {} });
  assert.equal(s.counters.get(3).ticket, null);
  s.apply({ type: "counter", seq: 13, counter: { id: 3, name: "Loket 3", services: ["A"], state: "paused", reason: "Salat", ticket: null } });
  assert.equal(s.counters.get(3).state, "paused");
  assert.equal(s.counters.get(3).reason, "Salat");
});

test("issued events count toward the service's issued total", () => {
  const s = new HallState();
  s.snapshot(snapshot());
  s.apply({ type: "issued", seq: 11, ticket: ticket({ id: "t9" }), waiting: { A: 3 } });
  assert.equal(s.services.get("A").issued, 13);
  assert.equal(s.services.get("A").waiting, 3);
});

test("UTC offsets come from RFC 3339 times", () => {
  assert.equal(utcOffsetMinutes("2026-11-28T09:15:02+07:00"), 420);
  assert.equal(utcOffsetMinutes("2026-11-28T09:15:02.5-03:30"), -210);
  assert.equal(utcOffsetMinutes("2026-11-28T09:15:02Z"), 0);
  assert.equal(utcOffsetMinutes("2026-11-28"), null);
  assert.equal(utcOffsetMinutes(null), null);
});

test("the wall clock is the hall's, in Indonesian", () => {
  const ms = Date.parse("2026-11-28T02:15:02Z");
  assert.deepEqual(wallClock(ms, 420), { date: "Sabtu, 28 November 2026", time: "09.15", seconds: "02", zone: "WIB" });
  assert.equal(wallClock(ms, 540).zone, "WIT");
  assert.equal(wallClock(ms, 330).zone, "UTC+05:30");
  assert.equal(wallClock(Date.parse("2026-11-28T20:00:00Z"), 480).date, "Minggu, 29 November 2026");
});

test("a closed service tells when it opens: today, tomorrow or on a weekday", () => {
  assert.equal(opensText("2026-12-01T08:00:00+07:00", "2026-12-01"), "pukul 08.00");
  assert.equal(opensText("2026-12-02T07:30:00+07:00", "2026-12-01"), "besok pukul 07.30");
  assert.equal(opensText("2026-12-07T08:00:00+07:00", "2026-12-01"), "Senin pukul 08.00");
  assert.equal(opensText(null, "2026-12-01"), null);
});

test("the hall TV says the hall is closed only when no service is open", () => {
  const at8 = "2026-12-01T08:00:00+07:00";
  const closed = (over) => ({ open: false, closed_reason: "hours", opens_at: at8, ...over });
  assert.deepEqual(hallClosedNotice([closed(), closed()], "2026-12-01"), {
    title: "Layanan tutup", opens: "Layanan dibuka pukul 08.00", perService: false,
  });
  const differ = hallClosedNotice([closed(), closed({ opens_at: "2026-12-01T07:30:00+07:00" })], "2026-12-01");
  assert.equal(differ.opens, "Layanan dibuka mulai pukul 07.30");
  assert.equal(differ.perService, true);
  assert.equal(hallClosedNotice([closed(), { open: true }], "2026-12-01"), null);
  assert.equal(hallClosedNotice([], "2026-12-01"), null);
  assert.equal(hallClosedNotice([closed({ opens_at: null })], "2026-12-01").opens, null);
});

test("closed services say why, from the server's closed_reason and opens_at", () => {
  const counters = [{ id: 1, services: ["A"], state: "closed" }, { id: 2, services: ["B"], state: "open" }];
  const svc = (over) => ({ id: "A", open: false, closed_reason: null, opens_at: null, quota: null, issued: 0, ...over });
  assert.equal(closedReason({ id: "A", open: true, closed_reason: null }, counters), null);
  assert.equal(closedReason(svc({ closed_reason: "quota" }), counters), "Kuota hari ini habis");
  assert.equal(closedReason(svc({ closed_reason: "quota" }), counters, null, "en"), "Today's quota is used up");
  assert.equal(closedReason(svc({ closed_reason: "no_counter" }), counters), "Tidak ada loket buka");
  assert.equal(closedReason(svc({ closed_reason: "hours" }), counters), "Tutup");
  const today = "2026-11-28";
  assert.equal(
    closedReason(svc({ closed_reason: "hours", opens_at: "2026-11-28T13:00:00+07:00" }), counters, today),
    "Tutup · buka pukul 13.00");
  assert.equal(
    closedReason(svc({ closed_reason: "hours", opens_at: "2026-11-30T08:00:00+07:00" }), counters, today),
    "Tutup · buka Senin 08.00");
  assert.equal(
    closedReason(svc({ closed_reason: "hours", opens_at: "2026-11-30T08:00:00+07:00" }), counters, today, "en"),
    "Closed · opens Monday 08:00");
});

test("without closed_reason the reason is worked out from quota and counters", () => {
  const counters = [{ id: 1, services: ["A"], state: "closed" }, { id: 2, services: ["B"], state: "open" }];
  assert.equal(closedReason({ id: "A", open: false, quota: 10, issued: 10 }, counters), "Kuota hari ini habis");
  assert.equal(closedReason({ id: "A", open: false, quota: null, issued: 3 }, counters), "Tidak ada loket buka");
  assert.equal(closedReason({ id: "B", open: false }, counters), "Tutup");
});

test("the hall's utc_offset sets the clock's offset", () => {
  assert.equal(offsetMinutes("+07:00"), 420);
  assert.equal(offsetMinutes("-03:30"), -210);
  assert.equal(offsetMinutes("Z"), 0);
  assert.equal(offsetMinutes(null), null);
  const s = new HallState();
  s.load({ name: "X", date: "2026-11-28", utc_offset: "+09:00", services: [], counters: [] });
  assert.equal(s.offsetMinutes, 540);
});

test("the ticket that uses up a quota closes its service", () => {
  const s = new HallState();
  const snap = snapshot();
  snap.hall.services[0].quota = 13;
  s.snapshot(snap);
  s.apply({ type: "issued", seq: 11, ticket: ticket({ id: "t9" }), waiting: { A: 3 } });
  assert.equal(s.services.get("A").open, false);
  assert.equal(closedReason(s.services.get("A"), s.counters.values()), "Kuota hari ini habis");
});

test("a recall's call time is the event's", () => {
  const s = new HallState();
  s.snapshot(snapshot());
  const t = ticket({ number: "A010", state: "called", counter: 3, calls: 2, called_at: "2026-11-28T09:10:00+08:00" });
  const call = s.apply({ type: "called", seq: 11, at: "2026-11-28T09:13:00+08:00", ticket: t,
    counter: { id: 3, name: "Loket 3" }, recall: true, waiting: {} });
  assert.equal(call.at, "2026-11-28T09:13:00+08:00");
});

test("reconnect backoff doubles from 0.5 s and stays under 1.5 s while the hall is open", () => {
  const top = () => 1;
  assert.deepEqual([0, 1, 2, 3, 10, 1000].map((a) => backoffDelay(a, top)), [500, 1000, 1500, 1500, 1500, 1500]);
  // Jitter: each delay is drawn from the upper half of its span.
  assert.equal(backoffDelay(0, () => 0), 250);
  assert.equal(backoffDelay(5, () => 0), 750);
  assert.equal(OPEN_MAX_DELAY_MS, 1500);
  assert.equal(backoffDelay(10, top, CLOSED_MAX_DELAY_MS), 15000);
});

test("a hall counts as open while any service is, or opens within a minute", () => {
  const now = Date.parse("2026-12-01T07:59:30+07:00");
  const closed = (opens) => ({ open: false, closed_reason: "hours", opens_at: opens });
  assert.equal(hallIsOpen(null, now), true);
  assert.equal(hallIsOpen({ services: [{ open: true }] }, now), true);
  assert.equal(hallIsOpen({ services: [closed("2026-12-01T08:00:00+07:00")] }, now), true);
  assert.equal(hallIsOpen({ services: [closed("2026-12-01T09:00:00+07:00")] }, now), false);
  assert.equal(hallIsOpen({ services: [{ open: false, closed_reason: "no_counter" }] }, now), true);
});

test("after a reconnect only the last calls of a replay are announced", () => {
  const msgs = [
    { type: "called", seq: 1 }, { type: "issued", seq: 2 }, { type: "called", seq: 3 },
    { type: "finished", seq: 4 }, { type: "called", seq: 5 },
  ];
  const announce = callsToAnnounce(msgs, 2);
  assert.deepEqual(msgs.filter((m) => announce.has(m)).map((m) => m.seq), [3, 5]);
  assert.equal(callsToAnnounce(msgs, 0).size, 0);
});

test("the feed URL follows the page's scheme and host", () => {
  assert.equal(feedURL({ protocol: "http:", host: "10.0.0.5:8080" }, null, null), "ws://10.0.0.5:8080/ws");
  assert.equal(feedURL({ protocol: "https:", host: "mpp.example" }, 42, "k y"), "wss://mpp.example/ws?since=42&token=k+y");
});

test("kiosk buttons: four columns of eight on a wide screen, two on a tall one", () => {
  assert.equal(kioskColumns(8, 1300, 450), 4);
  assert.equal(kioskColumns(8, 1000, 1450), 2);
  assert.equal(kioskColumns(2, 1300, 450), 2);
  assert.equal(kioskColumns(2, 1000, 1450), 1);
  assert.equal(kioskColumns(0, 1000, 500), 1);
});
