// HTTP calls to PROTOCOL.md's API, and the token a page is given in its URL fragment.

/**
 * The bearer token from `#token=…`. It is kept for this tab in sessionStorage and taken out
 * of the address bar, so a reload still works and passers-by do not read it off the screen.
 */
export function readToken(role) {
  const key = `antre.${role}.token`;
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromHash) {
    try {
      sessionStorage.setItem(key, fromHash);
      history.replaceState(null, "", location.pathname + location.search);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    return fromHash;
  }
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/** A random idempotency key. crypto.randomUUID needs a secure context; kiosks use plain HTTP. */
export function requestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** An API error: `code` is the wire's error code (or "network"), `status` the HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Calls the API and returns the parsed body. A 503 `printer_offline` resolves to
 * `{status: 503}` instead of throwing, because the kiosk treats it as a state, not a failure.
 * 204 resolves to null. Other errors throw ApiError.
 */
export async function api(method, path, body, token, { lang } = {}) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  // `lang: "id"` asks for the server's Indonesian wording of a refusal (PROTOCOL 1.1 domain errors).
  if (lang) headers["Accept-Language"] = lang;
  let r;
  try {
    r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
  } catch (e) {
    throw new ApiError(0, "network", e?.message ?? "network error");
  }
  if (r.status === 204) return null;
  let data = null;
  try {
    data = await r.json();
  } catch {
    data = null;
  }
  if (r.ok) return data;
  const code = data?.error?.code ?? `http_${r.status}`;
  if (r.status === 503 && code === "printer_offline") return { status: 503, code };
  const error = new ApiError(r.status, code, data?.error?.message ?? r.statusText);
  error.indonesian = lang === "id" && Boolean(data?.error?.message);
  throw error;
}
