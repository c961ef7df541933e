// The kiosk's check-in for a booked visitor (PROTOCOL 1.1): "Saya punya janji temu", the
// six-character code typed on an on-screen keyboard of the code's own alphabet (kiosks have
// no keyboard, and the alphabet leaves out 0/O and 1/I, so no key can be mistyped for
// another), then `POST /api/bookings/checkin` with the kiosk's token.
import { CODE_ALPHABET, CODE_LENGTH, normalizeCode, refusalText } from "./booking-text.js";

const IDLE_MS = 60000;

/** English under the Indonesian on the kiosk, as its other messages have. */
const ENGLISH = {
  too_early: "Too early: check-in opens 30 minutes before your time.",
  missed: "Your time has passed: please take an ordinary number.",
  not_found: "Code not found: please check it.",
  network: "No connection to the server.",
};

/**
 * Wires the overlay. `checkin(code)` sends the code and resolves to the ticket (or throws
 * an ApiError); `onTicket(ticket)` shows it as the kiosk shows any ticket.
 */
export function mountCheckin({ checkin, onTicket }) {
  const $ = (id) => document.getElementById(id);
  const overlay = $("checkin");
  const boxes = $("code-boxes");
  const keypad = $("keypad");
  const error = $("checkin-error");
  const go = $("checkin-go");
  let code = "";
  let busy = false;
  let idle = null;

  for (let i = 0; i < CODE_LENGTH; i++) boxes.append(Object.assign(document.createElement("span"), { className: "code-box" }));
  for (const ch of CODE_ALPHABET) {
    const key = document.createElement("button");
    key.type = "button";
    key.className = "key";
    key.textContent = ch;
    key.dataset.key = ch;
    key.addEventListener("click", () => type(ch));
    keypad.append(key);
  }

  function render() {
    [...boxes.children].forEach((b, i) => {
      b.textContent = code[i] ?? "";
      b.classList.toggle("next", i === code.length);
    });
    boxes.dataset.code = code;
    go.disabled = busy || code.length !== CODE_LENGTH;
  }

  function say(e) {
    if (!e) {
      error.textContent = "";
      error.className = "checkin-error";
      return;
    }
    const en = ENGLISH[e.code];
    error.textContent = en ? `${refusalText(e, "checkin")}\n${en}` : refusalText(e, "checkin");
    error.className = `checkin-error shown ${e.code ?? ""}`;
  }

  function poke() {
    clearTimeout(idle);
    idle = setTimeout(close, IDLE_MS);
  }

  function type(ch) {
    if (busy || code.length >= CODE_LENGTH) return;
    code += ch;
    say(null);
    render();
    poke();
  }

  function erase() {
    if (busy) return;
    code = code.slice(0, -1);
    say(null);
    render();
    poke();
  }

  function open() {
    code = "";
    say(null);
    render();
    overlay.hidden = false;
    poke();
  }

  function close() {
    clearTimeout(idle);
    overlay.hidden = true;
    code = "";
  }

  async function submit() {
    const normal = normalizeCode(code);
    if (busy || !normal) return;
    busy = true;
    render();
    try {
      const ticket = await checkin(normal);
      close();
      onTicket(ticket);
    } catch (e) {
      say(e);
      // A wrong code is retyped from scratch; an early or late one stays to be read.
      if (e?.code === "not_found" || e?.status === 400) code = "";
    } finally {
      busy = false;
      render();
      poke();
    }
  }

  $("appointment").addEventListener("click", open);
  $("checkin-back").addEventListener("click", close);
  $("checkin-erase").addEventListener("click", erase);
  go.addEventListener("click", submit);
  // A kiosk with a keyboard (or a barcode reader typing the code) works too.
  addEventListener("keydown", (e) => {
    if (overlay.hidden) return;
    if (e.key === "Backspace") erase();
    else if (e.key === "Enter") submit();
    else if (e.key === "Escape") close();
    else if (e.key.length === 1 && CODE_ALPHABET.includes(e.key.toUpperCase())) type(e.key.toUpperCase());
    else return;
    e.preventDefault();
  });
  return { open, close };
}
