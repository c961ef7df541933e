// The live feed (PROTOCOL.md, "WebSocket"): one socket to /ws, a snapshot then events,
// reconnecting with capped exponential backoff and `since` so that no call is missed.
//
// Events replayed on a reconnect arrive in a burst right after the socket opens. They are
// gathered for a moment and handed over together, marked `replay`, and only the last
// `announceOnCatchUp` calls among them are marked `announce`: a screen shows every call it
// missed but does not read out a backlog of stale ones.

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const CATCH_UP_MS = 600;

/** Backoff before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
  // Jitter keeps a hall full of screens from reconnecting in the same instant.
  return Math.min(MAX_DELAY_MS, Math.round(base * (0.8 + 0.4 * random())));
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

  const setOnline = (value) => {
    if (online === value) return;
    online = value;
    if (badge) badge.hidden = value;
    if (onStatus) onStatus(value);
  };
  if (badge) badge.hidden = false;

  const open = () => {
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
      if (catchingUp) batchTimer = setTimeout(flush, CATCH_UP_MS);
    };
    ws.onmessage = (ev) => {
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      attempt = 0;
      setOnline(true);
      if (msg.type === "snapshot") {
        // A fresh snapshot replaces whatever a pending replay would have told.
        if (batchTimer) clearTimeout(batchTimer);
        batchTimer = null;
        batch = [];
        catchingUp = false;
        const reconnect = hadSnapshot;
        hadSnapshot = true;
        lastSeq = msg.seq;
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
    ws.onclose = () => {
      if (batchTimer) {
        clearTimeout(batchTimer);
        flush();
      }
      if (socket !== ws) return;
      socket = null;
      setOnline(false);
      if (closed) return;
      retryTimer = setTimeout(open, backoffDelay(attempt));
      attempt++;
    };
    ws.onerror = () => ws.close();
  };

  open();
  return {
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (socket) socket.close(1000);
    },
    get lastSeq() {
      return lastSeq;
    },
  };
}
