// The counter's survey tablet (`survey.html?counter=N#token=COUNTER_TOKEN`): when the counter
// finishes a ticket as done, the visitor who was just served rates the service here; then a
// thank-you, then idle until the next one.
import { connectFeed } from "./feed.js";
import { readToken, api } from "./api.js";
import { mountSurvey } from "./survey-form.js";

const counter = Number(new URLSearchParams(location.search).get("counter"));
const token = readToken(`counter${counter}`);
const $ = (x) => document.getElementById(x);
const THANKS_MS = 6000;
const ABANDON_MS = 3 * 60 * 1000;
let idleTimer = null;
let shownFor = null;

function show(mode) {
  document.body.dataset.mode = mode;
  $("idle").hidden = mode !== "idle";
  $("form").hidden = mode !== "form";
  $("thanks").hidden = mode !== "thanks";
  clearTimeout(idleTimer);
  if (mode === "thanks") idleTimer = setTimeout(() => show("idle"), THANKS_MS);
  if (mode === "form") idleTimer = setTimeout(() => show("idle"), ABANDON_MS);
  if (mode === "idle") shownFor = null;
}

function offer(ticket) {
  if (shownFor === ticket.id) return;
  shownFor = ticket.id;
  mountSurvey($("form"), {
    number: ticket.number,
    async onSubmit(body) {
      await api("POST", `/api/tickets/${encodeURIComponent(ticket.id)}/survey`, body, token);
      show("thanks");
    },
  });
  $("form").scrollTop = 0;
  show("form");
}

if (!Number.isInteger(counter) || counter < 1) {
  $("idle-note").textContent = "Alamat halaman ini perlu ?counter=N dan token loket (#token=…).";
} else {
  $("counter-name").textContent = `Loket ${counter}`;
  if (!token) $("idle-note").textContent = "Token loket belum diberikan (#token=…).";
  show("idle");
  connectFeed({
    badge: $("offline"),
    onSnapshot(msg) {
      $("hall-name").textContent = msg.hall?.name ?? "Antrean";
      const c = (msg.hall?.counters ?? []).find((x) => x.id === counter);
      if (c) $("counter-name").textContent = c.officer ? `${c.name} · ${c.officer.name}` : c.name;
    },
    onEvent(msg) {
      if (msg.type === "counter" && msg.counter?.id === counter) {
        const c = msg.counter;
        $("counter-name").textContent = c.officer ? `${c.name} · ${c.officer.name}` : c.name;
      }
      if (msg.type === "finished" && msg.ticket?.state === "done" && msg.ticket.counter === counter) offer(msg.ticket);
    },
  });
}
