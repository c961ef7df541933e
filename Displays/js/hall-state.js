// The hall as the screens see it: built from a snapshot, kept current by feed events.
// Pure (no DOM), so Node tests drive it with the messages of PROTOCOL.md.

export const RECENT_CALLS = 10;

export class HallState {
  constructor() {
    this.hall = null;
    this.services = new Map();
    this.counters = new Map();
    /** Newest first: `{number, counter, counterName, at, recall}`. */
    this.calls = [];
    /** The hall's UTC offset in minutes, learnt from the times the server sends. */
    this.offsetMinutes = null;
  }

  snapshot(msg) {
    this.load(msg.hall);
    this.calls = [...(msg.recent_calls ?? [])]
      .map((c) => ({
        number: c.number,
        counter: c.counter,
        counterName: this.counterName(c.counter),
        at: c.at,
        recall: false,
      }))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, RECENT_CALLS);
    for (const c of this.calls) this.learnOffset(c.at);
  }

  /** Loads a hall object (the snapshot's, or GET /api/hall's). */
  load(hall) {
    this.hall = hall;
    this.services = new Map((hall.services ?? []).map((s) => [s.id, { ...s }]));
    this.counters = new Map((hall.counters ?? []).map((c) => [c.id, { ...c }]));
    const offset = offsetMinutes(hall.utc_offset);
    if (offset !== null) this.offsetMinutes = offset;
    else for (const c of this.counters.values()) if (c.ticket) this.learnOffset(c.ticket.issued_at);
  }

  counterName(id) {
    return this.counters.get(id)?.name ?? `Loket ${id}`;
  }

  learnOffset(time) {
    const minutes = utcOffsetMinutes(time);
    if (minutes !== null) this.offsetMinutes = minutes;
  }

  /** Applies one event. Returns the call it makes, if it is a `called` event, else null. */
  apply(msg) {
    if (msg.waiting) {
      for (const [id, n] of Object.entries(msg.waiting)) {
        const s = this.services.get(id);
        if (s) s.waiting = n;
      }
    }
    if (msg.ticket) {
      this.learnOffset(msg.ticket.called_at ?? msg.ticket.issued_at);
    }
    switch (msg.type) {
      case "issued": {
        const s = this.services.get(msg.ticket.service);
        if (s && typeof s.issued === "number") {
          s.issued++;
          // The last ticket of the quota closes the service until tomorrow's snapshot.
          if (typeof s.quota === "number" && s.issued >= s.quota) {
            s.open = false;
            s.closed_reason = "quota";
          }
        }
        return null;
      }
      case "called": {
        const id = msg.counter.id;
        const counter = this.counters.get(id);
        if (counter) {
          counter.ticket = msg.ticket;
          if (msg.counter.name) counter.name = msg.counter.name;
        }
        this.clearTicketElsewhere(msg.ticket.id, id);
        const call = {
          number: msg.ticket.number,
          counter: id,
          counterName: msg.counter.name ?? this.counterName(id),
          at: msg.at ?? msg.ticket.called_at ?? null,
          recall: msg.recall === true,
        };
        this.calls = [call, ...this.calls.filter((c) => !(c.number === call.number && c.counter === call.counter))]
          .slice(0, RECENT_CALLS);
        return call;
      }
      case "finished":
      case "transferred":
        this.clearTicketElsewhere(msg.ticket.id, null);
        return null;
      case "counter": {
        const prev = this.counters.get(msg.counter.id);
        this.counters.set(msg.counter.id, { ...prev, ...msg.counter });
        return null;
      }
      default:
        return null;
    }
  }

  clearTicketElsewhere(ticketId, keepCounter) {
    for (const c of this.counters.values()) {
      if (c.id !== keepCounter && c.ticket && c.ticket.id === ticketId) c.ticket = null;
    }
  }
}

/** Minutes of a bare UTC offset, the hall's `utc_offset` ("+07:00" → 420), else null. */
export function offsetMinutes(offset) {
  if (typeof offset !== "string") return null;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return offset === "Z" ? 0 : null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

/** The UTC offset in minutes of an RFC 3339 time ("…+07:00" → 420, "…Z" → 0), else null. */
export function utcOffsetMinutes(time) {
  if (typeof time !== "string") return null;
  const m = /(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/.exec(time);
  if (!m) return null;
  if (m[1]) return 0;
  const minutes = Number(m[3]) * 60 + Number(m[4]);
  return m[2] === "-" ? -minutes : minutes;
}

const DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
const MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
  "September", "Oktober", "November", "Desember"];

/** The wall clock at a UTC offset: `{date: "Sabtu, 28 November 2026", time: "09.15", seconds: "02", zone: "WIB"}`. */
export function wallClock(nowMs, offsetMinutes) {
  const d = new Date(nowMs + offsetMinutes * 60000);
  const two = (n) => String(n).padStart(2, "0");
  const zones = { 420: "WIB", 480: "WITA", 540: "WIT" };
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return {
    date: `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
    time: `${two(d.getUTCHours())}.${two(d.getUTCMinutes())}`,
    seconds: two(d.getUTCSeconds()),
    zone: zones[offsetMinutes] ?? `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`,
  };
}

const DAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * Why a service cannot be chosen at the kiosk, or null when it can: from the service's
 * `closed_reason` (hours | no_counter | quota) and `opens_at` (RFC 3339, in the hall's
 * offset). `today` is the hall's service day (`YYYY-MM-DD`): an opening on another day
 * names the weekday. Without `closed_reason` (an older server) the reason is worked out.
 */
export function closedReason(service, counters, today = null, lang = "id") {
  if (service.open !== false) return null;
  const en = lang === "en";
  let why = service.closed_reason;
  if (!why) {
    const serving = [...counters].filter((c) => (c.services ?? []).includes(service.id));
    if (typeof service.quota === "number" && typeof service.issued === "number" && service.issued >= service.quota) {
      why = "quota";
    } else if (serving.length > 0 && !serving.some((c) => c.state === "open" || c.state === "paused")) {
      why = "no_counter";
    } else {
      why = "hours";
    }
  }
  if (why === "quota") return en ? "Today's quota is used up" : "Kuota hari ini habis";
  if (why === "no_counter") return en ? "No counter open" : "Tidak ada loket buka";
  const opens = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(service.opens_at ?? "");
  if (!opens) return en ? "Closed" : "Tutup";
  const time = en ? `${opens[4]}:${opens[5]}` : `${opens[4]}.${opens[5]}`;
  const date = `${opens[1]}-${opens[2]}-${opens[3]}`;
  if (today === null || date === today) return en ? `Closed · opens at ${time}` : `Tutup · buka pukul ${time}`;
  const weekday = new Date(Date.UTC(Number(opens[1]), Number(opens[2]) - 1, Number(opens[3]))).getUTCDay();
  return en ? `Closed · opens ${DAYS_EN[weekday]} ${time}` : `Tutup · buka ${DAYS[weekday]} ${time}`;
}

/**
 * How many columns of kiosk buttons for `count` services in a `width`×`height` area: the
 * one that keeps each button closest to 1.6:1, wide enough for a name, tall enough to touch.
 */
export function kioskColumns(count, width, height) {
  let best = 1;
  let bestScore = Infinity;
  for (let cols = 1; cols <= Math.max(1, count); cols++) {
    const rows = Math.ceil(count / cols);
    const score = Math.abs(Math.log(width / cols / (height / rows) / 1.6));
    if (score < bestScore) {
      best = cols;
      bestScore = score;
    }
  }
  return best;
}

/** Indonesian label of a ticket state. */
export const TICKET_STATES = {
  waiting: "Menunggu",
  called: "Dipanggil",
  serving: "Sedang dilayani",
  done: "Selesai",
  noshow: "Tidak hadir",
  cancelled: "Dibatalkan",
  expired: "Kedaluwarsa",
};

/**
 * When a closed service opens, in the hall's words: "pukul 08.00" today, "besok pukul
 * 08.00" on the next day, "Senin pukul 08.00" further on; null when it is not known.
 * `opensAt` is RFC 3339 in the hall's offset; `today` the hall's service day (YYYY-MM-DD).
 */
export function opensText(opensAt, today = null) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(opensAt ?? "");
  if (!m) return null;
  const time = `pukul ${m[4]}.${m[5]}`;
  const date = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const t = /^(\d{4})-(\d{2})-(\d{2})/.exec(today ?? "");
  if (!t) return time;
  const days = Math.round((date - Date.UTC(Number(t[1]), Number(t[2]) - 1, Number(t[3]))) / 86400000);
  if (days <= 0) return time;
  if (days === 1) return `besok ${time}`;
  return `${DAYS[new Date(date).getUTCDay()]} ${time}`;
}

/**
 * The hall TV's notice when no service is open: `{title, opens, perService}`, or null while
 * any service is open. `opens` is the shared opening ("Layanan dibuka pukul 08.00"), or
 * the earliest one when services open at different times; then `perService` is true and
 * each service shows its own.
 */
export function hallClosedNotice(services, today = null) {
  const list = [...services];
  if (list.length === 0 || list.some((s) => s.open !== false)) return null;
  const times = [...new Set(list.map((s) => s.opens_at).filter(Boolean))].sort((a, b) => Date.parse(a) - Date.parse(b));
  const first = times.length ? opensText(times[0], today) : null;
  const perService = times.length > 1 || (times.length === 1 && list.some((s) => !s.opens_at));
  let opens = null;
  if (first) opens = perService ? `Layanan dibuka mulai ${first}` : `Layanan dibuka ${first}`;
  return { title: "Layanan tutup", opens, perService };
}
