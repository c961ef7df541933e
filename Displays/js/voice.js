// Announcements: every call is spoken, in order, one at a time; none is ever dropped.
// Web Audio schedules the clips back to back on one clock, so there are no gaps from
// element start-up and no two announcements can overlap.
//
// When calls come faster than speech, a backlog is said more briefly so that no call waits
// more than about BUDGET_S for its voice: one chime for the whole batch, only the first
// language, and, if the queue is deep, without "nomor antrean" and then without "silakan
// menuju loket" (the screen shows where to go), and last those same words spoken faster
// (three-digit numbers are long: "seratus dua puluh tujuh"). Each choice is made just before
// a piece is played, with the queue as it is then.

import { CHIME, callParts } from "./numwords.js";

const START_S = 0.05;
const GAP_S = 0.05;
const AFTER_CHIME_S = 0.25;
const BETWEEN_LANGUAGES_S = 0.6;
const BETWEEN_CALLS_S = 0.2;
/** A clip not loaded yet (or missing) is reckoned at this length. */
const UNKNOWN_CLIP_S = 0.6;
/** The longest a call should wait for its announcement to start. */
export const BUDGET_S = 18;
const LOG_SIZE = 200;

/** A silence in a clip list: ticket and counter said without the words between them. */
export const PAUSE = "pause";
const PAUSE_S = 0.2;
/** How much faster the last resort speaks: still clear, a third less time. */
export const QUICK_RATE = 1.45;
/** The quick form only when terse would miss the budget by more than this (~20 s in all). */
const QUICK_SLACK_S = 2;

/**
 * The ways to say one call in one language, richest first: whole, no intro, ticket and
 * counter only, and that spoken faster (`rate`).
 */
export function callForms(number, counterId, lang) {
  const { intro, ticket, go, counter } = callParts(number, counterId, lang);
  return [
    { form: "full", clips: [intro, ...ticket, go, ...counter], rate: 1 },
    { form: "brief", clips: [...ticket, go, ...counter], rate: 1 },
    { form: "terse", clips: [...ticket, PAUSE, ...counter], rate: 1 },
    { form: "quick", clips: [...ticket, PAUSE, ...counter], rate: QUICK_RATE },
  ];
}

/**
 * Which of `durations` (seconds, richest form first) to use for the call about to start at
 * `now` so that every call in `waiting` (`{queuedAt, shortest}`, in seconds, in order)
 * starts within `budget` of being queued, supposing each is said in its shortest form.
 * When none does, the shortest.
 */
export function chooseForm(durations, waiting, now, budget = BUDGET_S) {
  for (let i = 0; i < durations.length; i++) {
    if (fitsBudget(durations[i], waiting, now, budget)) return i;
  }
  return durations.length - 1;
}

/** Whether, after a call of `duration` starting at `now`, every call in `waiting` starts within `budget`. */
export function fitsBudget(duration, waiting, now, budget = BUDGET_S) {
  let t = now + duration + BETWEEN_CALLS_S;
  for (const w of waiting) {
    if (t - w.queuedAt > budget) return false;
    t += w.shortest + BETWEEN_CALLS_S;
  }
  return true;
}

/**
 * The form to say a call in: `chooseForm`, except that the quick form (faster, so higher) is
 * only for when the terse one would keep a call waiting past the budget plus QUICK_SLACK_S.
 */
export function chooseSpokenForm(forms, durations, waiting, now) {
  const i = chooseForm(durations, waiting, now);
  if (forms[i].form === "quick" && i > 0 && fitsBudget(durations[i - 1], waiting, now, BUDGET_S + QUICK_SLACK_S)) {
    return i - 1;
  }
  return i;
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
    // Warm the cache with the clips every announcement uses.
    for (const lang of this.langs) {
      try {
        this.load([CHIME, ...callForms("A1", 1, lang)[0].clips]);
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

  /** Seconds that `names` take when played `rate` times as fast with the gaps `play` leaves. */
  async duration(names, rate = 1) {
    const buffers = await this.load(names);
    return buffers.reduce(
      (sum, b, i) =>
        sum + (names[i] === PAUSE ? PAUSE_S : b ? b.duration : UNKNOWN_CLIP_S) / rate + (i ? GAP_S : 0),
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
    const durations = await Promise.all(forms.map((f) => this.duration(f.clips, f.rate)));
    const waiting = await Promise.all(
      this.queue
        .filter((q) => !q.chimeOnly)
        .map(async (q) => {
          const quickest = callForms(q.number, q.counter, first).at(-1);
          return { queuedAt: q.queuedAt, shortest: await this.duration(quickest.clips, quickest.rate) };
        }),
    );
    const chosen = forms[chooseSpokenForm(forms, durations, waiting, nowS() + lead)];
    entry.form = chosen.form;
    entry.langs.push(first);
    await this.play(chosen.clips, lead, entry, chosen.rate);
    // The other languages only while nobody else waits for a turn.
    for (const lang of others) {
      if (this.queue.length > 0 || chosen.form !== "full") break;
      entry.langs.push(lang);
      await this.play(callForms(item.number, item.counter, lang)[0].clips, BETWEEN_LANGUAGES_S, entry);
    }
    entry.endedAt = performance.now();
  }

  /** Plays `names` back to back starting `lead` seconds from now, `rate` times as fast; resolves when they end. */
  async play(names, lead, entry, rate = 1) {
    const buffers = await this.load(names);
    const ctx = this.ctx;
    let t = ctx.currentTime + lead;
    if (entry.startedAt === null) entry.startedAt = performance.now() + lead * 1000;
    let last = null;
    for (let i = 0; i < names.length; i++) {
      if (i > 0) t += GAP_S;
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
