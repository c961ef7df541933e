// How long, in words: one rule for every page (and the same as paper, console and tools).
//
// An estimate: under a minute is "kurang dari 1 menit"; otherwise minutes are rounded and
// said with "±" ("±9 menit", "±1 jam", "±1 jam 10 menit"). A measured figure (a mean, a
// p90) is a fact, not a guess, so it goes without "±".

const WORDS = {
  id: { under: "kurang dari 1 menit", about: "±", min: "menit", hour: "jam", sec: "detik" },
  en: { under: "under 1 min", about: "about ", min: "min", hour: "h", sec: "s" },
};

function words(lang) {
  return WORDS[lang] ?? WORDS.id;
}

function hoursAndMinutes(minutes, w) {
  if (minutes < 60) return `${minutes} ${w.min}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} ${w.hour}` : `${h} ${w.hour} ${m} ${w.min}`;
}

/** An estimated wait (`eta_s`): "±9 menit" / "about 9 min"; "" when there is none. */
export function etaText(seconds, lang = "id") {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return "";
  const w = words(lang);
  if (seconds < 60) return w.under;
  return w.about + hoursAndMinutes(Math.round(seconds / 60), w);
}

/** A measured duration (statistics): "9 menit", "45 detik", "1 jam 5 menit"; no "±". */
export function measuredText(seconds, lang = "id") {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return "";
  const w = words(lang);
  if (seconds < 60) return `${Math.round(seconds)} ${w.sec}`;
  return hoursAndMinutes(Math.round(seconds / 60), w);
}

/** People ahead of a waiting ticket: its position (1 = next) less one; null when unknown. */
export function peopleAhead(position) {
  return typeof position === "number" && position >= 1 ? position - 1 : null;
}
