// Announcements: every call is spoken, in order, one at a time; none is ever dropped.
// Web Audio schedules the clips back to back on one clock, so there are no gaps from
// element start-up and no two announcements can overlap.
//
// When calls come faster than speech, a backlog is said more briefly so that no call waits
// more than about BUDGET_S for its voice: one chime for the whole batch, only the first
// language, then without "nomor antrean", then compact: the letters and the number digit by
// digit ("A satu dua tujuh", shorter and easier to match with the screen than "seratus dua
// puluh tujuh"), "loket" and the counter, in the brisk quick/ clips with hardly a gap, and
// last that same compact call played a little faster. The form is chosen just before a call
// is said, with the queue as it is then: the richest one in which this call and all those
// waiting, each said that way, start in time. A rush is said evenly rather than its first
// calls whole and its last ones hurried.

import { CHIME, CLIP_EXTENSION, callParts, parseTicketNumber, toEnglishWords, toIndonesianWords } from "./numwords.js";

const START_S = 0.05;
const GAP_S = 0.05;
/** The quick clips keep a short tail of their own: words follow closely but stay apart. */
const QUICK_GAP_S = 0.03;
const AFTER_CHIME_S = 0.25;
const BETWEEN_LANGUAGES_S = 0.6;
const BETWEEN_CALLS_S = 0.2;
/** A clip not loaded yet (or missing) is reckoned at this length. */
const UNKNOWN_CLIP_S = 0.6;
/**
 * The longest a call should wait for its announcement to start, as planned: 1.5 s under
 * the ~20 s a hall can bear, for the time a busy page itself takes between calls.
 */
export const BUDGET_S = 18.5;
const LOG_SIZE = 200;

/** A silence in a clip list: ticket and counter said without the word between them. */
export const PAUSE = "pause";
const PAUSE_S = 0.25;
/**
 * How much faster a deep backlog plays the compact call, in steps: the pitch rises with the
 * speed (Web Audio cannot keep it), and beyond a fifth faster the voice turns shrill.
 */
export const RATES = [1, 1.1, 1.2];

const digitWord = (d, lang) => (lang === "en" ? toEnglishWords(d) : toIndonesianWords(d));
const numberWords = (n, lang) => (lang === "en" ? toEnglishWords(n) : toIndonesianWords(n)).split(/[ -]/);

/**
 * A call in the quick clips: `ticket`, the letters then the number digit by digit; `go`,
 * "loket" / "counter"; `counter`, the counter's number in words (it is short, and digits
 * would run on from the ticket's).
 */
export function compactParts(number, counterId, lang = "id") {
  callParts(number, counterId, lang); // the same checks, the same errors
  const { letters, value } = parseTicketNumber(number);
  const clip = (name) => `${lang}/quick/${name}.${CLIP_EXTENSION}`;
  return {
    ticket: [
      ...[...letters].map((l) => clip(`letter_${l.toLowerCase()}`)),
      ...[...String(value)].map((d) => clip(digitWord(Number(d), lang))),
    ],
    go: clip(lang === "en" ? "counter" : "loket"),
    counter: numberWords(Number(counterId), lang).map(clip),
  };
}

/**
 * The ways to say one call in one language, longest first: whole; without "nomor antrean";
 * compact (quick clips, number digit by digit) at each of RATES; and, last of all, compact
 * at the highest rate with a pause for the word "loket". Then, out of that order, for a
 * voice without quick/ clips (a hall's own recordings): ticket and counter in the normal
 * clips, with a pause between.
 */
export function callForms(number, counterId, lang) {
  const { intro, ticket, go, counter } = callParts(number, counterId, lang);
  const quick = compactParts(number, counterId, lang);
  const compact = [...quick.ticket, quick.go, ...quick.counter];
  return [
    { form: "full", clips: [intro, ...ticket, go, ...counter], rate: 1, gap: GAP_S },
    { form: "brief", clips: [...ticket, go, ...counter], rate: 1, gap: GAP_S },
    ...RATES.map((rate) => ({ form: "compact", clips: compact, rate, gap: QUICK_GAP_S })),
    {
      form: "tight",
      clips: [...quick.ticket, PAUSE, ...quick.counter],
      rate: RATES.at(-1),
      gap: QUICK_GAP_S,
    },
    { form: "terse", clips: [...ticket, PAUSE, ...counter], rate: 1, gap: GAP_S },
  ];
}

/**
 * Whether, after a call of `duration` s starting at `now`, the calls of `waiting`
 * (`{queuedAt, duration}`, in order) each start within `budget` of being queued.
 */
export function fitsBudget(duration, waiting, now, budget = BUDGET_S) {
  let t = now + duration + BETWEEN_CALLS_S;
  for (const w of waiting) {
    if (t - w.queuedAt > budget) return false;
    t += w.duration + BETWEEN_CALLS_S;
  }
  return true;
}

/**
 * Which form to say the call about to start at `now` in: the longest in which it and every
 * call waiting behind it start within `budget` of being queued. `durations`: its forms'
 * lengths in seconds, longest first; `waiting`: the calls behind it (`{queuedAt, durations}`,
 * the same forms), in order. The whole backlog is planned in one form, so a rush is said
 * evenly, and what time is left over, or lost, is shared out again at the next call. When
 * no form fits, the shortest. A form that cannot be said (a clip missing) is `Infinity` long.
 */
export function chooseForm(durations, waiting, now, budget = BUDGET_S) {
  for (let i = 0; i < durations.length; i++) {
    const behind = waiting.map((w) => ({ queuedAt: w.queuedAt, duration: w.durations[i] }));
    if (fitsBudget(durations[i], behind, now, budget)) return i;
  }
  return durations.indexOf(Math.min(...durations));
}

const nowS = () => performance.now() / 1000;

export class Announcer {
  /**
   * `base`: where the clips are served; `langs`: announcement languages in order;
   * `onStart(call)` / `onIdle()`: a call starts being spoken / the queue has run dry.
   */
  constructor({ base = "/assets/voice/", langs = ["id"], onStart = null, onIdle = null } = {}) {
    this.base = base;
    this.langs = langs;
    this.onStart = onStart;
    this.onIdle = onIdle;
    this.ctx = null;
    this.buffers = new Map();
    this.queue = [];
    this.playing = false;
    /** What was said, for the screen's tests and diagnostics (times: performance.now() ms). */
    this.log = [];
  }

  setLanguages(langs) {
    if (Array.isArray(langs) && langs.length) this.langs = langs;
  }

  /** True once a user gesture has let audio start. */
  get unlocked() {
    return this.ctx !== null && this.ctx.state === "running";
  }

  /** True while a call is being spoken or waits to be. */
  get busy() {
    return this.playing || this.queue.length > 0;
  }

  /** Call from a click or key handler: browsers only start audio from a gesture. */
  async unlock() {
    const Ctx = globalThis.AudioContext ?? globalThis.webkitAudioContext;
    if (!Ctx) return false;
    if (!this.ctx) this.ctx = new Ctx();
    // Without a gesture resume() may never settle: give up waiting and let the next one try.
    if (this.ctx.state !== "running") {
      await Promise.race([this.ctx.resume(), new Promise((r) => setTimeout(r, 300))]);
    }
    // Warm the cache with the clips every announcement uses, and a backlog's "loket".
    for (const lang of this.langs) {
      try {
        const forms = callForms("A1", 1, lang);
        this.load([CHIME, ...forms[0].clips, ...forms.find((f) => f.form === "compact").clips]);
      } catch {
        // A language without a voice is skipped when announcing too.
      }
    }
    return this.unlocked;
  }

  /**
   * Queues a call (`recall`: it is said again). Refused while audio is locked: a backlog
   * would be stale once unlocked.
   */
  announce(number, counterId, { recall = false } = {}) {
    if (!this.unlocked) return false;
    try {
      callParts(number, counterId, this.voiced()[0]);
    } catch {
      return false;
    }
    this.queue.push({ number, counter: counterId, recall, queuedAt: nowS() });
    this.pump();
    return true;
  }

  /** Just the chime (the tracking page's "it is your turn"). */
  chime() {
    if (!this.unlocked) return false;
    this.queue.push({ chimeOnly: true, queuedAt: nowS() });
    this.pump();
    return true;
  }

  voiced() {
    const langs = this.langs.filter((l) => {
      try {
        callParts("A1", 1, l);
        return true;
      } catch {
        return false;
      }
    });
    return langs.length ? langs : ["id"];
  }

  load(names) {
    return Promise.all(names.map((name) => this.buffer(name)));
  }

  buffer(name) {
    if (name === PAUSE) return Promise.resolve(null);
    if (!this.buffers.has(name)) {
      const p = fetch(this.base + name)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${name}`))))
        .then((bytes) => this.ctx.decodeAudioData(bytes))
        .catch(() => {
          // Forget failures so that a clip missing while offline is tried again later.
          this.buffers.delete(name);
          return null;
        });
      this.buffers.set(name, p);
    }
    return this.buffers.get(name);
  }

  /**
   * Seconds that a form (`clips`, `rate`, `gap`) takes as `play` plays it. `whole`: Infinity
   * if a clip is missing (a hall's own recordings without the quick/ ones), so that form is
   * not chosen rather than said with holes.
   */
  async duration({ clips, rate = 1, gap = GAP_S }, whole = false) {
    const buffers = await this.load(clips);
    if (whole && buffers.some((b, i) => !b && clips[i] !== PAUSE)) return Infinity;
    return buffers.reduce(
      (sum, b, i) =>
        sum + (clips[i] === PAUSE ? PAUSE_S : b ? b.duration : UNKNOWN_CLIP_S) / rate + (i ? gap : 0),
      0,
    );
  }

  async pump() {
    if (this.playing) return;
    this.playing = true;
    try {
      let first = true;
      while (this.queue.length) {
        const item = this.queue.shift();
        await this.say(item, first);
        first = false;
      }
    } finally {
      this.playing = false;
      if (this.onIdle) this.onIdle();
    }
  }

  /** Says one queued item; `batchStart`: the announcer was idle, so this one gets the chime. */
  async say(item, batchStart) {
    const entry = {
      number: item.number ?? null,
      counter: item.counter ?? null,
      recall: item.recall ?? false,
      queuedAt: item.queuedAt * 1000,
      startedAt: null,
      endedAt: null,
      chime: false,
      langs: [],
      form: null,
      rate: 1,
      clips: [],
      played: 0,
    };
    this.log.push(entry);
    if (this.log.length > LOG_SIZE) this.log.shift();
    let lead = batchStart ? START_S : BETWEEN_CALLS_S;
    if (!item.chimeOnly && this.onStart) this.onStart(item);
    if (batchStart || item.chimeOnly) {
      await this.play([CHIME], lead, entry);
      entry.chime = true;
      lead = AFTER_CHIME_S;
    }
    if (item.chimeOnly) {
      entry.endedAt = performance.now();
      return;
    }
    const [first, ...others] = this.voiced();
    // Chosen now, after the chime, counting the calls that came in meanwhile.
    const forms = callForms(item.number, item.counter, first);
    // The whole form is said even with a clip missing: some form must always be said.
    const durations = await Promise.all(forms.map((f, i) => this.duration(f, i > 0)));
    const waiting = await Promise.all(
      this.queue
        .filter((q) => !q.chimeOnly)
        .map(async (q) => ({
          queuedAt: q.queuedAt,
          durations: await Promise.all(
            callForms(q.number, q.counter, first).map((f, i) => this.duration(f, i > 0)),
          ),
        })),
    );
    const chosen = forms[chooseForm(durations, waiting, nowS() + lead)];
    entry.form = chosen.form;
    entry.rate = chosen.rate;
    entry.langs.push(first);
    await this.play(chosen.clips, lead, entry, chosen.rate, chosen.gap);
    // The other languages only while nobody else waits for a turn.
    for (const lang of others) {
      if (this.queue.length > 0 || chosen.form !== "full") break;
      entry.langs.push(lang);
      await this.play(callForms(item.number, item.counter, lang)[0].clips, BETWEEN_LANGUAGES_S, entry);
    }
    entry.endedAt = performance.now();
  }

  /**
   * Plays `names` `gap` s apart starting `lead` seconds from now, `rate` times as fast;
   * resolves when they end.
   */
  async play(names, lead, entry, rate = 1, gap = GAP_S) {
    const buffers = await this.load(names);
    const ctx = this.ctx;
    let t = ctx.currentTime + lead;
    if (entry.startedAt === null) entry.startedAt = performance.now() + lead * 1000;
    let last = null;
    for (let i = 0; i < names.length; i++) {
      if (i > 0) t += gap;
      if (names[i] === PAUSE) {
        t += PAUSE_S / rate;
        continue;
      }
      entry.clips.push(names[i]);
      const buf = buffers[i];
      if (!buf) continue;
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.playbackRate.value = rate;
      src.connect(ctx.destination);
      src.start(t);
      t += buf.duration / rate;
      entry.played++;
      last = src;
    }
    const left = Math.max(0, t - ctx.currentTime) * 1000;
    await new Promise((resolve) => {
      if (last) last.onended = resolve;
      // The audio clock can stall (a device gone): never wait on it for ever.
      setTimeout(resolve, left + (last ? 1000 : 0));
    });
  }
}
