// What the booking page, the kiosk's check-in and the tracking page say about appointments
// and remote tickets (PROTOCOL 1.1): phone and code rules, days and times, and one clear
// Indonesian sentence for every refusal the server can give.

/** The booking code's alphabet: capitals and digits without 0/O and 1/I, easy to type. */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;

/** A typed code made canonical (upper case, no spaces or dashes); null if it cannot be one. */
export function normalizeCode(text) {
  const code = String(text ?? "").toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== CODE_LENGTH) return null;
  return [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

/**
 * Checks an Indonesian mobile number as typed (`0812-3456-7890`, `+62 812 3456 7890`).
 * Returns `{phone}` (separators removed, the form the server gets) or `{error}`, a sentence
 * for the visitor.
 */
export function checkPhone(text) {
  const raw = String(text ?? "").trim();
  if (!raw) return { error: "Nomor HP wajib diisi." };
  const phone = raw.replace(/[\s.\-()]/g, "");
  if (!/^\+?\d+$/.test(phone)) return { error: "Nomor HP hanya boleh berisi angka (boleh diawali +62)." };
  let national;
  if (phone.startsWith("+62")) national = phone.slice(3);
  else if (phone.startsWith("62")) national = phone.slice(2);
  else if (phone.startsWith("08")) national = phone.slice(1);
  else return { error: "Nomor HP harus diawali 08 atau +62, misalnya 081234567890." };
  if (!national.startsWith("8")) return { error: "Nomor HP harus nomor seluler: 08… atau +628…." };
  // 08 + 8 to 11 digits: 10 to 13 digits in all, as Indonesian mobile numbers are.
  if (national.length < 9) return { error: "Nomor HP terlalu pendek: 10 sampai 13 angka, misalnya 081234567890." };
  if (national.length > 12) return { error: "Nomor HP terlalu panjang: 10 sampai 13 angka." };
  return { phone };
}

export const NAME_MAX = 80;

/** The visitor's name as it will be sent, or `{error}`. */
export function checkName(text) {
  const name = String(text ?? "").trim().replace(/\s+/g, " ");
  if (!name) return { error: "Nama wajib diisi." };
  if (name.length < 2) return { error: "Nama terlalu pendek." };
  if (name.length > NAME_MAX) return { error: `Nama terlalu panjang (paling banyak ${NAME_MAX} huruf).` };
  return { name };
}

const DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
const DAYS_SHORT = ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"];
const MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

function civil(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? "");
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function iso(d) {
  return d.toISOString().slice(0, 10);
}

/** The hall's days a visitor may book: `today` and the `daysAhead` after it (YYYY-MM-DD). */
export function bookableDays(today, daysAhead) {
  const start = civil(today);
  if (!start) return [];
  const n = Math.max(0, Math.min(Number.isInteger(daysAhead) ? daysAhead : 0, 366));
  const days = [];
  for (let i = 0; i <= n; i++) days.push(iso(new Date(start.getTime() + i * 86400000)));
  return days;
}

/** A day chip: `{top: "Sel", bottom: "1 Des"}`, with "Hari ini" / "Besok" for the first two. */
export function dayChip(date, today) {
  const d = civil(date);
  const t = civil(today);
  const diff = d && t ? Math.round((d - t) / 86400000) : null;
  const top = diff === 0 ? "Hari ini" : diff === 1 ? "Besok" : DAYS_SHORT[d.getUTCDay()];
  return { top, bottom: `${d.getUTCDate()} ${MONTHS_SHORT[d.getUTCMonth()]}` };
}

/** "08.00" from an RFC 3339 time in the hall's offset (the hall's own wall clock). */
export function slotTime(start) {
  const m = /T(\d{2}):(\d{2})/.exec(start ?? "");
  return m ? `${m[1]}.${m[2]}` : "";
}

/** "Selasa, 1 Desember 2026 pukul 08.00" from an RFC 3339 time in the hall's offset. */
export function longDateTime(start) {
  const d = civil(start);
  if (!d) return "";
  const day = `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const time = slotTime(start);
  return time ? `${day} pukul ${time}` : day;
}

/** A slot's places in words. */
export function freeText(free) {
  if (typeof free !== "number" || free <= 0) return "Penuh";
  return `${free} tempat`;
}

export const BOOKING_STATES = {
  booked: "Terdaftar",
  checked_in: "Sudah hadir",
  cancelled: "Dibatalkan",
  missed: "Terlewat",
};

/**
 * One sentence for a refusal (an ApiError's `code` and `status`, and what was being done:
 * "book", "remote", "view", "cancel", "slots", "checkin"). Where the server's own Indonesian
 * wording says more (when check-in opens, which slot time was missed, how many days ahead
 * may be booked), that is shown instead: `error.indonesian` says it was asked for in Indonesian.
 */
export function refusalText(error, action) {
  const code = error?.code;
  const status = error?.status;
  const server = error?.indonesian && error.message ? error.message : null;
  // A phone's daily cap and an address's hourly cap are both `rate_limited`: the server says which.
  const detailed = code === "too_early" || code === "missed" || code === "conflict" || status === 400;
  if (server && (detailed || (code === "rate_limited" && action !== "checkin"))) return server;
  switch (code) {
    case "network":
      return "Tidak tersambung ke server. Periksa sinyal internet Anda, lalu coba lagi.";
    case "slot_full":
      return "Maaf, jam ini baru saja penuh. Silakan pilih jam lain.";
    case "rate_limited":
      return action === "checkin"
        ? "Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi."
        : "Batas pendaftaran tercapai: paling banyak 3 kali per nomor HP per hari. Coba lagi besok, atau ambil nomor langsung di kios MPP.";
    case "remote_share_reached":
      return "Kuota nomor antrean lewat HP hari ini sudah habis. Silakan ambil nomor langsung di kios MPP.";
    case "quota_reached":
      return "Maaf, kuota layanan ini hari ini sudah habis.";
    case "service_closed":
      return "Maaf, layanan ini sedang tutup. Silakan coba pada jam layanan.";
    case "too_early":
      return "Terlalu awal untuk check-in. Check-in dibuka 30 menit sebelum jam janji Anda.";
    case "missed":
      return "Jam janji Anda sudah lewat lebih dari 15 menit. Silakan ambil nomor biasa.";
    case "slot_past":
    case "in_the_past":
      return "Jam ini sudah lewat. Silakan pilih jam lain.";
    case "too_far_ahead":
    case "beyond_days_ahead":
      return "Tanggal ini terlalu jauh ke depan. Silakan pilih tanggal yang lebih dekat.";
    case "slot_not_offered":
    case "no_such_slot":
      return "Jam ini tidak tersedia untuk janji temu. Silakan pilih jam lain.";
    case "bad_phone":
    case "invalid_phone":
      return "Nomor HP tidak valid. Gunakan nomor seluler yang diawali 08 atau +62.";
    case "unknown_service":
      return "Layanan ini tidak ditemukan. Muat ulang halaman.";
    case "unauthorized":
    case "forbidden":
      if (action === "checkin") return "Kios ini belum diizinkan (token salah). Hubungi petugas.";
      if (action === "view" || action === "cancel") return "Tautan janji temu ini tidak lengkap atau salah. Buka lagi tautan dari layar konfirmasi.";
      return "Permintaan ditolak oleh server.";
    case "not_found":
      if (action === "checkin") return "Kode tidak ditemukan. Periksa lagi kode janji temu Anda.";
      if (action === "view" || action === "cancel") return "Janji temu tidak ditemukan.";
      return "Data tidak ditemukan.";
    case "conflict":
      if (action === "cancel") return "Janji temu ini tidak dapat dibatalkan lagi (sudah hadir, terlewat, atau sudah dibatalkan).";
      if (action === "checkin") return "Kode ini sudah dipakai atau janji temunya dibatalkan. Silakan tanya petugas.";
      break;
    case "payload_too_large":
      return "Isian terlalu panjang.";
    default:
      break;
  }
  if (status === 400) {
    if (action === "book") return "Jam atau tanggal ini tidak dapat dipesan (sudah lewat, terlalu jauh ke depan, atau tidak tersedia). Silakan pilih lagi.";
    if (action === "checkin") return "Kode tidak valid. Periksa lagi kode janji temu Anda.";
    return "Isian tidak valid. Periksa lagi, lalu coba lagi.";
  }
  if (status === 429) return "Terlalu banyak permintaan. Coba lagi nanti.";
  if (status >= 500) return "Server sedang bermasalah. Coba lagi sebentar lagi.";
  return "Permintaan gagal. Coba lagi sebentar lagi.";
}
