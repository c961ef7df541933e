// Numbers as spoken words, and the clip files an announcement is made of.
// An ES module with no browser or Node dependencies, so the pages and `node --test` share it.

const ID_UNITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

function checkRange(n) {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new RangeError(`number out of range 0–9999: ${n}`);
  }
}

function idBelowHundred(n) {
  if (n < 10) return ID_UNITS[n];
  if (n === 10) return "sepuluh";
  if (n === 11) return "sebelas";
  if (n < 20) return `${ID_UNITS[n - 10]} belas`;
  const tens = `${ID_UNITS[Math.floor(n / 10)]} puluh`;
  return n % 10 === 0 ? tens : `${tens} ${ID_UNITS[n % 10]}`;
}

function idBelowThousand(n) {
  if (n < 100) return idBelowHundred(n);
  const h = Math.floor(n / 100);
  const head = h === 1 ? "seratus" : `${ID_UNITS[h]} ratus`;
  return n % 100 === 0 ? head : `${head} ${idBelowHundred(n % 100)}`;
}

/** Indonesian words for 0–9999: 12 → "dua belas", 103 → "seratus tiga", 1000 → "seribu". */
export function toIndonesianWords(n) {
  checkRange(n);
  if (n < 1000) return idBelowThousand(n);
  const t = Math.floor(n / 1000);
  const head = t === 1 ? "seribu" : `${ID_UNITS[t]} ribu`;
  return n % 1000 === 0 ? head : `${head} ${idBelowThousand(n % 1000)}`;
}

const EN_SMALL = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
  "nineteen",
];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

function enBelowHundred(n) {
  if (n < 20) return EN_SMALL[n];
  const tens = EN_TENS[Math.floor(n / 10)];
  return n % 10 === 0 ? tens : `${tens}-${EN_SMALL[n % 10]}`;
}

function enBelowThousand(n) {
  if (n < 100) return enBelowHundred(n);
  const head = `${EN_SMALL[Math.floor(n / 100)]} hundred`;
  return n % 100 === 0 ? head : `${head} ${enBelowHundred(n % 100)}`;
}

/** English words for 0–9999, without "and" (as announced): 103 → "one hundred three". */
export function toEnglishWords(n) {
  checkRange(n);
  if (n < 1000) return enBelowThousand(n);
  const head = `${EN_SMALL[Math.floor(n / 1000)]} thousand`;
  return n % 1000 === 0 ? head : `${head} ${enBelowThousand(n % 1000)}`;
}

export const LANGUAGES = ["id", "en"];

// One clip per word keeps the set small (about thirty files a language) while any
// number up to 9999 can still be said.
const PHRASES = {
  id: { intro: "nomor_antrean", go: "silakan_menuju_loket" },
  en: { intro: "queue_number", go: "please_go_to_counter" },
};

export const CLIP_EXTENSION = "ogg";

/** Splits a ticket number such as "A012" or "AB1000" into its letters and its value. */
export function parseTicketNumber(number) {
  const m = /^([A-Z]{1,2})(\d{1,4})$/.exec(String(number));
  if (!m) throw new RangeError(`not a ticket number: ${number}`);
  return { letters: m[1], value: Number(m[2]) };
}

function wordsFor(n, lang) {
  return (lang === "en" ? toEnglishWords(n) : toIndonesianWords(n)).split(/[ -]/);
}

/**
 * The clips, relative to the voice folder (`/assets/voice/`), that say one call in one
 * language: "nomor antrean", each letter, the number in words, "silakan menuju loket",
 * the counter in words. The chime is not included: it is played once per announcement,
 * before all languages (see `announcementClips`).
 */
export function clipSequence(number, counterId, lang = "id") {
  const { intro, ticket, go, counter } = callParts(number, counterId, lang);
  return [intro, ...ticket, go, ...counter];
}

/**
 * The pieces of `clipSequence`, for saying a call more briefly when calls queue up:
 * `intro` ("nomor antrean"), `ticket` (letters and number), `go` ("silakan menuju loket")
 * and `counter` (its number in words).
 */
export function callParts(number, counterId, lang = "id") {
  if (!PHRASES[lang]) throw new RangeError(`no voice for language: ${lang}`);
  const { letters, value } = parseTicketNumber(number);
  const clip = (name) => `${lang}/${name}.${CLIP_EXTENSION}`;
  return {
    intro: clip(PHRASES[lang].intro),
    ticket: [...[...letters].map((l) => clip(`letter_${l.toLowerCase()}`)), ...wordsFor(value, lang).map(clip)],
    go: clip(PHRASES[lang].go),
    counter: wordsFor(Number(counterId), lang).map(clip),
  };
}

export const CHIME = `chime.${CLIP_EXTENSION}`;

/** The whole announcement: the chime, then the call in each language in turn. */
export function announcementClips(number, counterId, langs = ["id"]) {
  const usable = langs.filter((l) => PHRASES[l]);
  return [CHIME, ...(usable.length ? usable : ["id"]).flatMap((l) => clipSequence(number, counterId, l))];
}

/** Every word clip a language needs, for the script that makes them and for tests. */
export function vocabulary(lang) {
  const words = new Set();
  const add = (text) => text.split(/[ -]/).forEach((w) => words.add(w));
  for (const n of [...Array(100).keys(), 100, 200, 1000, 2000]) {
    add(lang === "en" ? toEnglishWords(n) : toIndonesianWords(n));
  }
  return [...words];
}
