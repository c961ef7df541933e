// The tracking page's alerts for a visitor waiting away from the hall (PROTOCOL 1.1,
// remote tickets): once when `notify_ahead` people are left ahead of them, and on each
// call. Each alert sounds the chime, vibrates and, if the visitor allowed it, shows a
// browser notification. What was alerted is remembered for the tab (sessionStorage), so a
// reload does not ring again for the same threshold or the same call.

import { peopleAhead } from "./eta.js";

/**
 * Whether the "near" alert is due now. `memory.above` is true once this tab saw the ticket
 * with more people ahead than the threshold (a ticket taken with few ahead is near already,
 * and its page shows that); `memory.near` is the threshold already alerted for.
 */
export function nearAlertDue(ticket, notifyAhead, memory) {
  if (!ticket?.remote || ticket.state !== "waiting") return false;
  if (!Number.isInteger(notifyAhead) || notifyAhead < 0) return false;
  const ahead = peopleAhead(ticket.position);
  if (ahead === null) return false;
  if (ahead > notifyAhead) return false;
  return memory.above === true && memory.near !== notifyAhead;
}

/** Remembers what `nearAlertDue` needs to know about the ticket seen now. */
export function noteTicket(ticket, notifyAhead, memory) {
  const ahead = peopleAhead(ticket?.position);
  if (ticket?.state === "waiting" && ahead !== null && Number.isInteger(notifyAhead) && ahead > notifyAhead) {
    memory.above = true;
  }
  return memory;
}

/** The tab's memory for one ticket, kept in sessionStorage (it survives a reload). */
export class AlertMemory {
  constructor(ticketId, storage = globalThis.sessionStorage) {
    this.storageKey = `antre.alerts.${ticketId}`;
    this.storage = storage;
    this.data = {};
    try {
      this.data = JSON.parse(storage?.getItem(this.storageKey) ?? "{}") ?? {};
    } catch {
      this.data = {};
    }
  }

  save() {
    try {
      this.storage?.setItem(this.storageKey, JSON.stringify(this.data));
    } catch {
      // Storage may be disabled; the alerts then only dedupe within this page load.
    }
  }
}

let registration = null;

/**
 * Asks for notifications (call from a click: browsers refuse otherwise) and registers the
 * small service worker Android's Chrome needs to show one. Both need a secure context
 * (HTTPS); a hall on plain HTTP gets sound and vibration only.
 */
export async function askNotifications() {
  if (!globalThis.isSecureContext || !("Notification" in globalThis)) return "unavailable";
  try {
    if (!registration && navigator.serviceWorker) {
      registration = await navigator.serviceWorker.register("js/alert-sw.js").catch(() => null);
    }
    if (Notification.permission === "default") return await Notification.requestPermission();
    return Notification.permission;
  } catch {
    return "unavailable";
  }
}

/** Shows a notification if allowed; returns whether one was shown. */
export function notify(title, body, tag) {
  if (!("Notification" in globalThis) || Notification.permission !== "granted") return false;
  const options = { body, tag, renotify: true, data: { url: location.href } };
  if (registration?.showNotification) {
    registration.showNotification(title, options).catch(() => {});
    return true;
  }
  try {
    // Desktop browsers show it directly; Android's Chrome throws without a service worker.
    new Notification(title, options);
    return true;
  } catch {
    return false;
  }
}

/** Vibrates if the browser can and the visitor has touched the page (browsers refuse before). */
export function vibrate(pattern) {
  if (!navigator.vibrate || !(navigator.userActivation?.hasBeenActive ?? true)) return false;
  try {
    return navigator.vibrate(pattern) !== false;
  } catch {
    return false;
  }
}
