import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CODE_ALPHABET,
  bookableDays,
  checkName,
  checkPhone,
  dayChip,
  freeText,
  longDateTime,
  normalizeCode,
  refusalText,
  slotTime,
} from "../../../Displays/js/booking-text.js";

test("the code alphabet is capitals and digits without 0, O, 1 and I", () => {
  assert.equal(CODE_ALPHABET.length, 32);
  for (const c of "0O1I") assert.ok(!CODE_ALPHABET.includes(c), c);
  for (const c of "ABHJKNZ2389") assert.ok(CODE_ALPHABET.includes(c), c);
});

test("a typed code is made canonical, and one with a look-alike or a wrong length is refused", () => {
  assert.equal(normalizeCode("k7mq2c"), "K7MQ2C");
  assert.equal(normalizeCode(" K7M-Q2C "), "K7MQ2C");
  assert.equal(normalizeCode("K7MQ2"), null);
  assert.equal(normalizeCode("K7MQ2CC"), null);
  assert.equal(normalizeCode("K7MO2C"), null);
  assert.equal(normalizeCode("K7M12C"), null);
});

test("Indonesian mobile numbers are accepted in 08… and +62… forms, with separators removed", () => {
  assert.deepEqual(checkPhone("081234567890"), { phone: "081234567890" });
  assert.deepEqual(checkPhone("0812-3456-7890"), { phone: "081234567890" });
  assert.deepEqual(checkPhone("+62 812 3456 7890"), { phone: "+6281234567890" });
  assert.deepEqual(checkPhone("0812345678"), { phone: "0812345678" });
  assert.deepEqual(checkPhone("0812345678901"), { phone: "0812345678901" });
  assert.deepEqual(checkPhone("6281234567890"), { phone: "6281234567890" });
});

test("a bad phone number gets a sentence in Indonesian that says what is wrong", () => {
  assert.match(checkPhone("").error, /wajib diisi/);
  assert.match(checkPhone("0812abc").error, /angka/);
  assert.match(checkPhone("12345678").error, /diawali 08 atau \+62/);
  assert.match(checkPhone("0712345678").error, /diawali 08 atau \+62/);
  assert.match(checkPhone("+62333123456").error, /seluler/);
  assert.match(checkPhone("081234").error, /terlalu pendek/);
  assert.match(checkPhone("08123456789012").error, /terlalu panjang/);
});

test("a name is trimmed and required", () => {
  assert.deepEqual(checkName("  Sari   Dewi "), { name: "Sari Dewi" });
  assert.match(checkName("   ").error, /wajib/);
  assert.match(checkName("x".repeat(81)).error, /terlalu panjang/);
});

test("the bookable days run from today through days_ahead, across a month's end", () => {
  assert.deepEqual(bookableDays("2026-11-29", 3), ["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
  assert.deepEqual(bookableDays("2026-12-01", 0), ["2026-12-01"]);
  assert.equal(bookableDays("2026-12-01", 14).length, 15);
  assert.deepEqual(bookableDays("", 3), []);
});

test("days, times and places read in Indonesian", () => {
  assert.deepEqual(dayChip("2026-12-01", "2026-12-01"), { top: "Hari ini", bottom: "1 Des" });
  assert.deepEqual(dayChip("2026-12-02", "2026-12-01"), { top: "Besok", bottom: "2 Des" });
  assert.deepEqual(dayChip("2026-12-06", "2026-12-01"), { top: "Min", bottom: "6 Des" });
  assert.equal(slotTime("2026-12-01T08:15:00+07:00"), "08.15");
  assert.equal(longDateTime("2026-12-01T08:15:00+07:00"), "Selasa, 1 Desember 2026 pukul 08.15");
  assert.equal(longDateTime("2026-08-17"), "Senin, 17 Agustus 2026");
  assert.equal(freeText(0), "Penuh");
  assert.equal(freeText(3), "3 tempat");
});

test("every refusal of the contract has its own Indonesian sentence", () => {
  const said = new Set();
  for (const [code, status, action] of [
    ["slot_full", 409, "book"],
    ["rate_limited", 429, "book"],
    ["remote_share_reached", 409, "remote"],
    ["too_early", 409, "checkin"],
    ["missed", 409, "checkin"],
    ["not_found", 404, "checkin"],
    ["forbidden", 403, "view"],
    ["service_closed", 409, "remote"],
    ["quota_reached", 409, "remote"],
    ["network", 0, "book"],
  ]) {
    const text = refusalText({ code, status }, action);
    assert.ok(text && !said.has(text), `${code}: ${text}`);
    said.add(text);
  }
  assert.match(refusalText({ code: "missed", status: 409 }, "checkin"), /ambil nomor biasa/);
  assert.match(refusalText({ code: "bad_request", status: 400 }, "book"), /terlalu jauh ke depan/);
  // The server's Indonesian detail, when it was asked for, is the more precise.
  const early = { code: "too_early", status: 409, message: "Check-in janji temu ini dibuka pukul 10.15, 30 menit sebelum jadwalnya.", indonesian: true };
  assert.equal(refusalText(early, "checkin"), early.message);
  assert.match(refusalText({ ...early, indonesian: false }, "checkin"), /Terlalu awal/);
});
