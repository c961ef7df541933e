import { test } from "node:test";
import assert from "node:assert/strict";
import {
  toIndonesianWords, toEnglishWords, clipSequence, announcementClips, parseTicketNumber, vocabulary,
} from "../../../Displays/js/numwords.js";

test("Indonesian words for spot values", () => {
  const cases = {
    0: "nol", 1: "satu", 9: "sembilan", 10: "sepuluh", 11: "sebelas", 12: "dua belas",
    19: "sembilan belas", 20: "dua puluh", 21: "dua puluh satu", 99: "sembilan puluh sembilan",
    100: "seratus", 103: "seratus tiga", 110: "seratus sepuluh", 111: "seratus sebelas",
    200: "dua ratus", 999: "sembilan ratus sembilan puluh sembilan", 1000: "seribu",
    1001: "seribu satu", 1100: "seribu seratus", 2000: "dua ribu",
    2345: "dua ribu tiga ratus empat puluh lima",
    9999: "sembilan ribu sembilan ratus sembilan puluh sembilan",
  };
  for (const [n, words] of Object.entries(cases)) assert.equal(toIndonesianWords(Number(n)), words, `n=${n}`);
});

test("English words for spot values", () => {
  const cases = {
    0: "zero", 11: "eleven", 12: "twelve", 20: "twenty", 42: "forty-two", 100: "one hundred",
    103: "one hundred three", 1000: "one thousand", 1100: "one thousand one hundred",
    2345: "two thousand three hundred forty-five",
    9999: "nine thousand nine hundred ninety-nine",
  };
  for (const [n, words] of Object.entries(cases)) assert.equal(toEnglishWords(Number(n)), words, `n=${n}`);
});

test("every number up to 9999 is said with the vocabulary's words only", () => {
  for (const lang of ["id", "en"]) {
    const vocab = new Set(vocabulary(lang));
    const say = lang === "en" ? toEnglishWords : toIndonesianWords;
    for (let n = 0; n <= 9999; n++) {
      for (const w of say(n).split(/[ -]/)) assert.ok(vocab.has(w), `${lang} ${n}: ${w}`);
    }
  }
});

test("Indonesian never says satu ratus or satu ribu", () => {
  for (let n = 0; n <= 9999; n++) {
    const w = toIndonesianWords(n);
    assert.ok(!/satu (ratus|ribu|puluh|belas)/.test(w), `${n}: ${w}`);
  }
});

test("numbers outside 0–9999 are refused", () => {
  assert.throws(() => toIndonesianWords(10000), RangeError);
  assert.throws(() => toEnglishWords(-1), RangeError);
  assert.throws(() => toIndonesianWords(1.5), RangeError);
});

test("clip sequence for A012 at counter 3", () => {
  assert.deepEqual(clipSequence("A012", 3, "id"), [
    "id/nomor_antrean.ogg", "id/letter_a.ogg", "id/dua.ogg", "id/belas.ogg",
    "id/silakan_menuju_loket.ogg", "id/tiga.ogg",
  ]);
  assert.deepEqual(clipSequence("A012", 3, "en"), [
    "en/queue_number.ogg", "en/letter_a.ogg", "en/twelve.ogg", "en/please_go_to_counter.ogg",
    "en/three.ogg",
  ]);
});

test("two-letter services and four-digit numbers", () => {
  assert.deepEqual(clipSequence("AB1000", 12, "id"), [
    "id/nomor_antrean.ogg", "id/letter_a.ogg", "id/letter_b.ogg", "id/seribu.ogg",
    "id/silakan_menuju_loket.ogg", "id/dua.ogg", "id/belas.ogg",
  ]);
  assert.deepEqual(parseTicketNumber("C103"), { letters: "C", value: 103 });
  assert.throws(() => parseTicketNumber("a12"), RangeError);
});

test("an announcement is one chime then each language in turn", () => {
  const clips = announcementClips("B007", 2, ["id", "en"]);
  assert.equal(clips[0], "chime.ogg");
  assert.equal(clips.filter((c) => c === "chime.ogg").length, 1);
  assert.deepEqual(clips.slice(1), [...clipSequence("B007", 2, "id"), ...clipSequence("B007", 2, "en")]);
  assert.deepEqual(announcementClips("B007", 2, ["xx"]), ["chime.ogg", ...clipSequence("B007", 2, "id")]);
});
