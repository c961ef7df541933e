// The screen above one counter (`counter.html?counter=N`).
import { connectFeed } from "./feed.js";
import { HallState } from "./hall-state.js";

const id = Number(new URLSearchParams(location.search).get("counter"));
const state = new HallState();
const $ = (x) => document.getElementById(x);
let freshTimer = null;

function render() {
  const c = state.counters.get(id);
  if (!c) {
    $("name").textContent = Number.isInteger(id) && id > 0 ? `Loket ${id}` : "Loket ?";
    $("number").textContent = "—";
    $("status").textContent = "Loket tidak dikenal";
    return;
  }
  document.title = c.name;
  $("name").textContent = c.name;
  $("officer").textContent = c.officer?.name ? `Petugas: ${c.officer.name}` : "";
  document.body.dataset.state = c.state;
  const serving = c.ticket && (c.ticket.state === "called" || c.ticket.state === "serving");
  $("number").textContent = serving ? c.ticket.number : "—";
  let status = "";
  if (c.state === "paused") status = c.reason ? `Istirahat · ${c.reason}` : "Istirahat sebentar";
  else if (c.state === "closed") status = c.reason ? `Tutup · ${c.reason}` : "Tutup";
  else if (c.ticket && c.ticket.state === "serving") status = "Sedang melayani";
  else if (serving) status = "Silakan menuju loket ini";
  if ($("status").textContent !== status) {
    $("status").textContent = status;
    fitStatus();
  }
}

/**
 * A pause reason may be 200 characters: the status text shrinks in steps until the screen
 * holds the name, the number and all of it, never below a size still read from a few metres.
 */
function fitStatus() {
  const status = $("status");
  const body = document.body;
  const spills = () => body.scrollHeight > body.clientHeight + 1 || status.scrollWidth > status.clientWidth + 1;
  let scale = 1;
  status.style.setProperty("--fit", "1");
  while (scale > 0.3 && spills()) {
    scale -= 0.05;
    status.style.setProperty("--fit", scale.toFixed(2));
  }
}
addEventListener("resize", fitStatus);

function flash() {
  document.body.classList.remove("fresh");
  void document.body.offsetWidth;
  document.body.classList.add("fresh");
  clearTimeout(freshTimer);
  freshTimer = setTimeout(() => document.body.classList.remove("fresh"), 5000);
}

connectFeed({
  badge: $("offline"),
  onSnapshot(msg) {
    state.snapshot(msg);
    render();
  },
  onEvent(msg, { announce }) {
    state.apply(msg);
    render();
    if (msg.type === "called" && msg.counter.id === id && announce) flash();
  },
});
render();
