// The IKM survey form (PermenPANRB 14/2017), shared by the counter tablet (survey.html) and
// the visitor's tracking page. The wording of each question and its four answers follows
// the regulation's questionnaire; QueueCore's SurveyElement holds the same text.

export const ELEMENTS = [
  ["u1", "Persyaratan", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]],
  ["u2", "Prosedur", "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?", ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"]],
  ["u3", "Waktu pelayanan", "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?", ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"]],
  ["u4", "Biaya/tarif", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?", ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]],
  ["u5", "Produk layanan", "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?", ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"]],
  ["u6", "Kompetensi pelaksana", "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?", ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"]],
  ["u7", "Perilaku pelaksana", "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?", ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"]],
  ["u8", "Sarana dan prasarana", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", ["Buruk", "Cukup", "Baik", "Sangat baik"]],
  ["u9", "Penanganan pengaduan", "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?", ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"]],
].map(([key, name, question, answers]) => ({ key, name, question, answers }));

const AGES = ["<20", "20-29", "30-39", "40-49", "50+"];
const EDUCATION = ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** One row of choice buttons; calls `onPick(value)`; returns the row. */
function choices(name, options, onPick) {
  const row = el("div", { class: "sv-choices", role: "radiogroup", "data-name": name });
  options.forEach(([value, label]) => {
    const b = el("button", { type: "button", class: "sv-choice", role: "radio", "aria-checked": "false", "data-value": value }, label);
    b.addEventListener("click", () => {
      for (const other of row.children) other.setAttribute("aria-checked", String(other === b));
      onPick(value);
    });
    row.append(b);
  });
  return row;
}

/**
 * Renders the form into `container`. `onSubmit(answer)` gets the wire body of
 * `POST /api/tickets/{id}/survey` and returns a promise; a rejected promise shows its
 * message and lets the visitor try again.
 */
export function mountSurvey(container, { number, onSubmit }) {
  const answer = {};
  const respondent = {};
  const form = el("form", { class: "sv-form", novalidate: "" });
  form.append(
    el("h2", { class: "sv-title" }, "Survei Kepuasan Masyarakat"),
    el("p", { class: "sv-intro" }, number ? `Antrean ${number}. ` : "", "Pilih satu jawaban untuk tiap pertanyaan. Jawaban Anda tanpa nama."),
  );
  const submit = el("button", { type: "submit", class: "sv-submit", disabled: "" }, "Kirim");
  const status = el("p", { class: "sv-status", "aria-live": "polite" });
  const missing = () => ELEMENTS.filter((e) => !answer[e.key]).length;
  const update = () => {
    const left = missing();
    submit.disabled = left > 0;
    submit.textContent = left > 0 ? `Kirim (${left} pertanyaan lagi)` : "Kirim";
  };
  ELEMENTS.forEach((e, i) => {
    form.append(
      el(
        "fieldset",
        { class: "sv-q" },
        el("legend", {}, el("span", { class: "sv-n" }, `${i + 1}`), e.question),
        choices(e.key, e.answers.map((a, k) => [k + 1, a]), (v) => {
          answer[e.key] = v;
          update();
        }),
      ),
    );
  });
  const profile = el("details", { class: "sv-profile" }, el("summary", {}, "Profil responden (tidak wajib)"));
  profile.append(
    el("div", { class: "sv-label" }, "Jenis kelamin"),
    choices("gender", [["L", "Laki-laki"], ["P", "Perempuan"]], (v) => (respondent.gender = v)),
    el("div", { class: "sv-label" }, "Usia"),
    choices("age", AGES.map((a) => [a, a === "<20" ? "< 20" : a]), (v) => (respondent.age = v)),
    el("div", { class: "sv-label" }, "Pendidikan"),
    choices("education", EDUCATION.map((a) => [a, a]), (v) => (respondent.education = v)),
  );
  const comment = el("textarea", { class: "sv-comment", maxlength: "1000", rows: "3", placeholder: "Saran atau pengaduan (tidak wajib)" });
  form.append(profile, comment, submit, status);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (missing() > 0) return;
    const body = { ...answer };
    const text = comment.value.trim();
    if (text) body.comment = text;
    if (Object.keys(respondent).length) body.respondent = { ...respondent };
    submit.disabled = true;
    status.textContent = "Mengirim…";
    try {
      await onSubmit(body);
    } catch (e) {
      status.textContent = e?.code === "already_answered" ? "Survei untuk antrean ini sudah diisi." : `Gagal mengirim: ${e?.message ?? e}. Silakan coba lagi.`;
      if (e?.code !== "already_answered") submit.disabled = false;
    }
  });
  update();
  container.replaceChildren(form);
  return form;
}
