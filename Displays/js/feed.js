// The live feed (PROTOCOL.md, "WebSocket"): one socket to /ws, a snapshot then events,
// reconnecting with capped, jittered backoff and `since` so that no call is missed.
//
// A screen is online as soon as its socket is open: the server has answered the upgrade,
// and a reconnect that missed nothing brings no message to wait for.
//
// Events replayed on a reconnect arrive in a burst right after the socket opens. They are
// gathered for a moment and handed over together, marked `replay`, and only the last
// `announceOnCatchUp` calls among them are marked `announce`: a screen shows every call it
// missed but does not read out a backlog of stale ones.

const MIN_DELAY_MS = 500;
/** While the hall is open a restarted server must find its screens back within ~2 s. */
export const OPEN_MAX_DELAY_MS = 1500;
/** Closed (night, weekend): nobody looks, so retry gently. */
export const CLOSED_MAX_DELAY_MS = 15000;
/** A refused token will be refused again: retry rarely. */
const BAD_TOKEN_DELAY_MS = 30000;
const CATCH_UP_MS = 600;

/**
 * Backoff before reconnect attempt `attempt` (0-based): 0.5 s, 1 s, 2 s … capped at `max`,
 * each drawn from the upper half of that span so a hall full of screens spreads out.
 */
export function backoffDelay(attempt, random = Math.random, max = OPEN_MAX_DELAY_MS) {
  const base = Math.min(max, MIN_DELAY_MS * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.5 + 0.5 * random()));
}

/**
 * Whether a hall is open or about to open (then its screens must come back quickly): any
 * service open, or one opening within a minute. A hall not yet known counts as open.
 */
export function hallIsOpen(hall, nowMs = Date.now()) {
  const services = hall?.services;
  if (!Array.isArray(services) || services.length === 0) return true;
  return services.some((s) => {
    if (s.open !== false) return true;
    if (s.closed_reason && s.closed_reason !== "hours") return true;
    const opens = Date.parse(s.opens_at ?? "");
    return Number.isFinite(opens) && opens - nowMs < 60000;
  });
}

/** Which of a batch of replayed messages to announce: the last `keep` calls. */
export function callsToAnnounce(messages, keep) {
  const calls = messages.filter((m) => m.type === "called");
  return new Set(calls.slice(Math.max(0, calls.length - keep)));
}

export function feedURL(loc, since, token) {
  const scheme = loc.protocol === "https:" ? "wss:" : "ws:";
  const params = new URLSearchParams();
  if (since !== null && since !== undefined) params.set("since", String(since));
  if (token) params.set("token", token);
  const query = params.toString();
  return `${scheme}//${loc.host}/ws${query ? `?${query}` : ""}`;
}

/**
 * Opens the feed and keeps it open.
 * - `onSnapshot(msg, {reconnect})`: a full state; `reconnect` is false only for the first.
 * - `onEvent(msg, {replay, announce})`: each event once, in `seq` order.
 * - `onStatus(online)`: connection state changes; `badge` (an element) is shown offline.
 * Returns `{close()}`.
 */
export function connectFeed({ onSnapshot, onEvent, onStatus, badge, token, announceOnCatchUp = 2 }) {
  let lastSeq = null;
  let attempt = 0;
  let socket = null;
  let retryTimer = null;
  let closed = false;
  let hadSnapshot = false;
  let online = false;
  let hall = null;

  const setOnline = (value) => {
    if (online === value) return;
    online = value;
    if (badge) badge.hidden = value;
    if (onStatus) onStatus(value);
  };
  if (badge) badge.hidden = false;

  const open = () => {
    clearTimeout(retryTimer);
    retryTimer = null;
    let catchingUp = hadSnapshot;
    let batch = [];
    let batchTimer = null;

    const flush = () => {
      batchTimer = null;
      catchingUp = false;
      const announce = callsToAnnounce(batch, announceOnCatchUp);
      const list = batch;
      batch = [];
      for (const msg of list) onEvent(msg, { replay: true, announce: announce.has(msg) });
    };

    const ws = new WebSocket(feedURL(location, lastSeq, token));
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      setOnline(true);
      if (catchingUp) batchTimer = setTimeout(flush, CATCH_UP_MS);
    };
    ws.onmessage = (ev) => {
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (msg.type === "snapshot") {
        // A fresh snapshot replaces whatever a pending replay would have told.
        if (batchTimer) clearTimeout(batchTimer);
        batchTimer = null;
        batch = [];
        catchingUp = false;
        const reconnect = hadSnapshot;
        hadSnapshot = true;
        lastSeq = msg.seq;
        hall = msg.hall ?? hall;
        onSnapshot(msg, { reconnect });
        return;
      }
      if (typeof msg.seq !== "number" || msg.type === "print") return;
      if (lastSeq !== null && msg.seq <= lastSeq) return;
      lastSeq = msg.seq;
      if (catchingUp) {
        batch.push(msg);
        return;
      }
      onEvent(msg, { replay: false, announce: true });
    };
    ws.onclose = (ev) => {
      if (batchTimer) {
        clearTimeout(batchTimer);
        flush();
      }
      if (socket !== ws) return;
      socket = null;
      setOnline(false);
      if (closed) return;
      const delay =
        ev.code === 1008
          ? BAD_TOKEN_DELAY_MS
          : backoffDelay(attempt, Math.random, hallIsOpen(hall) ? OPEN_MAX_DELAY_MS : CLOSED_MAX_DELAY_MS);
      retryTimer = setTimeout(open, delay);
      attempt++;
    };
    ws.onerror = () => ws.close();
  };

  // The browser noticed its network is back: no reason to sit out the rest of a delay.
  const retryNow = () => {
    if (closed || socket !== null) return;
    attempt = 0;
    open();
  };
  addEventListener("online", retryNow);

  open();
  return {
    close() {
      closed = true;
      removeEventListener("online", retryNow);
      if (retryTimer) clearTimeout(retryTimer);
      if (socket) socket.close(1000);
    },
    get lastSeq() {
      return lastSeq;
    },
    get online() {
      return online;
    },
  };
}
