// The dashboard's line about the daily backup, from `/healthz` (`backup` is there only when
// the hall file has `backup:`). Polled once a minute: a backup runs once a day.
// No document under node (the unit tests import `backupText` alone).
const line = typeof document === "undefined" ? null : document.getElementById("backup");

/** `2026-11-30T21:00:04+07:00` → `2026-11-30 21:00` (hall time, as the server wrote it). */
function hallTime(rfc3339) {
  return rfc3339 ? `${rfc3339.slice(0, 10)} ${rfc3339.slice(11, 16)}` : null;
}

// The server's reason is the system's English; the line says it in Indonesian and keeps the
// original as the tooltip.
const REASONS = [
  [/read-only file system/i, "tempat cadangan hanya bisa dibaca"],
  [/no space left|disk is full/i, "tempat cadangan penuh"],
  [/no such file or directory/i, "folder cadangan tidak ada (flashdisk tidak terpasang?)"],
  [/permission denied/i, "tidak ada izin menulis di folder cadangan"],
];

function reason(error) {
  const found = REASONS.find(([pattern]) => pattern.test(error ?? ""));
  return found ? found[1] : "lihat log server";
}

export function backupText(backup) {
  const last = hallTime(backup.last_success_at);
  const lastText = last ? `terakhir berhasil ${last}` : "belum pernah berhasil";
  if (backup.ok === false) {
    return {
      failed: true,
      text: `Cadangan GAGAL: ${reason(backup.last_error)} — ${backup.dir} (${lastText})`,
      detail: backup.last_error,
    };
  }
  if (backup.running) return { failed: false, text: `Cadangan sedang dibuat… (${lastText})` };
  const next = hallTime(backup.next_at);
  return {
    failed: false,
    text: last
      ? `Cadangan terakhir ${last} di ${backup.dir}; berikutnya ${next}`
      : `Belum ada cadangan di ${backup.dir}; berikutnya ${next}`,
  };
}

async function refresh() {
  try {
    const reply = await fetch("/healthz", { cache: "no-store" });
    const body = await reply.json();
    if (!body.backup) {
      line.hidden = true;
      return;
    }
    const { failed, text, detail } = backupText(body.backup);
    line.textContent = text;
    line.title = detail ?? "";
    line.className = failed ? "report-error" : "";
    line.hidden = false;
  } catch {
    // Offline: the page's OFFLINE badge already says so; keep the last line.
  }
}

if (line) {
  refresh();
  setInterval(refresh, 60_000);
}
