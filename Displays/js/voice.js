// Announcements: a chime, then the call spoken from clips, one announcement at a time.
// Web Audio schedules the clips back to back on one clock, so there are no gaps from
// element start-up and no two announcements can overlap.

import { announcementClips } from "./numwords.js";

const GAP_S = 0.05;
const AFTER_CHIME_S = 0.25;
const BETWEEN_LANGUAGES_S = 0.6;
const MAX_PENDING = 3;

export class Announcer {
  /** `base`: where the clips are served; `langs`: announcement languages in order. */
  constructor({ base = "/assets/voice/", langs = ["id"] } = {}) {
    this.base = base;
    this.langs = langs;
    this.ctx = null;
    this.buffers = new Map();
    this.queue = [];
    this.playing = false;
  }

  setLanguages(langs) {
    if (Array.isArray(langs) && langs.length) this.langs = langs;
  }

  /** True once a user gesture has let audio start. */
  get unlocked() {
    return this.ctx !== null && this.ctx.state === "running";
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
    this.load(announcementClips("A1", 1, this.langs));
    return this.unlocked;
  }

  /** Queues a call. Dropped while audio is locked: a backlog would be stale once unlocked. */
  announce(number, counterId) {
    if (!this.unlocked) return false;
    let clips;
    try {
      clips = announcementClips(number, counterId, this.langs);
    } catch {
      return false;
    }
    this.queue.push(clips);
    // A long queue means the hall is calling faster than speech: keep the newest.
    while (this.queue.length > MAX_PENDING) this.queue.shift();
    this.pump();
    return true;
  }

  /** Just the chime (the tracking page's "it is your turn"). */
  chime() {
    if (!this.unlocked) return false;
    this.queue.push([announcementClips("A1", 1, ["id"])[0]]);
    this.pump();
    return true;
  }

  load(names) {
    return Promise.all(names.map((name) => this.buffer(name)));
  }

  buffer(name) {
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

  async pump() {
    if (this.playing) return;
    this.playing = true;
    try {
      while (this.queue.length) await this.play(this.queue.shift());
    } finally {
      this.playing = false;
    }
  }

  async play(names) {
    const buffers = await this.load(names);
    let t = this.ctx.currentTime + 0.05;
    let previous = null;
    for (let i = 0; i < names.length; i++) {
      const buf = buffers[i];
      const lang = names[i].split("/")[0];
      if (previous !== null) {
        if (previous === "chime.ogg") t += AFTER_CHIME_S;
        else if (lang !== previous.split("/")[0]) t += BETWEEN_LANGUAGES_S;
        else t += GAP_S;
      }
      previous = names[i];
      if (!buf) continue;
      const src = this.ctx.createBufferSource();
      src.buffer = buf;
      src.connect(this.ctx.destination);
      src.start(t);
      t += buf.duration;
    }
    const waitMs = Math.max(0, (t - this.ctx.currentTime) * 1000) + 400;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
