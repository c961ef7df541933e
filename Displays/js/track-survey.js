// The survey on the visitor's tracking page: offered once the ticket is done, authorised
// by the ticket's key from the QR link (`track.html?t=ID&k=KEY`).
import { api } from "./api.js";
import { mountSurvey } from "./survey-form.js";

let offeredFor = null;

export function offerTrackSurvey(ticket, key, container) {
  if (!key || !container || ticket?.state !== "done" || offeredFor === ticket.id) return;
  offeredFor = ticket.id;
  container.hidden = false;
  mountSurvey(container, {
    number: ticket.number,
    async onSubmit(body) {
      await api("POST", `/api/tickets/${encodeURIComponent(ticket.id)}/survey?key=${encodeURIComponent(key)}`, body);
      container.replaceChildren(Object.assign(document.createElement("p"), { className: "sv-done", textContent: "Terima kasih atas penilaian Anda!" }));
    },
  });
}
