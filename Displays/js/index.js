// The start page: links to every counter screen and ticket box of this hall.
import { api } from "./api.js";

const link = (href, text) => Object.assign(document.createElement("a"), { href, textContent: text });

try {
  const hall = await api("GET", "/api/hall");
  document.getElementById("hall-name").textContent = hall.name;
  document.title = `${hall.name} — Layar`;
  const counters = document.getElementById("counters");
  counters.replaceChildren("Loket: ");
  for (const [i, c] of (hall.counters ?? []).entries()) {
    if (i > 0) counters.append(" · ");
    counters.append(link(`counter.html?counter=${c.id}`, c.name));
  }
  const box = hall.boxes?.[0]?.id;
  if (box) document.getElementById("kiosk-link").href = `kiosk.html?box=${encodeURIComponent(box)}`;
} catch {
  // Without the API the static links still work.
}
