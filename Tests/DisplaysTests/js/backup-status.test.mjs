import { test } from "node:test";
import assert from "node:assert/strict";
import { backupText } from "../../../Displays/js/backup-status.js";

const base = { dir: "/media/usb/antre", next_at: "2026-12-01T21:00:00+07:00", running: false };

test("a good backup shows its hall time, place and the next one", () => {
  const line = backupText({ ...base, ok: true, last_success_at: "2026-11-30T21:00:04+07:00" });
  assert.equal(line.failed, false);
  assert.equal(
    line.text,
    "Cadangan terakhir 2026-11-30 21:00 di /media/usb/antre; berikutnya 2026-12-01 21:00",
  );
});

test("no backup yet says so", () => {
  const line = backupText({ ...base, ok: true, last_success_at: null });
  assert.equal(line.text, "Belum ada cadangan di /media/usb/antre; berikutnya 2026-12-01 21:00");
});

test("a failure is said in Indonesian with the system's words as the detail", () => {
  const cases = [
    ["backup to /x: database or disk is full", "tempat cadangan penuh"],
    ["backup to /x: cannot create /x.partial: Read-only file system", "tempat cadangan hanya bisa dibaca"],
    ["backup to /x: cannot create /x.partial: No such file or directory", "folder cadangan tidak ada (flashdisk tidak terpasang?)"],
    ["something else", "lihat log server"],
  ];
  for (const [error, reason] of cases) {
    const line = backupText({ ...base, ok: false, last_error: error, last_success_at: "2026-11-29T21:00:03+07:00" });
    assert.equal(line.failed, true);
    assert.equal(
      line.text,
      `Cadangan GAGAL: ${reason} — /media/usb/antre (terakhir berhasil 2026-11-29 21:00)`,
    );
    assert.equal(line.detail, error);
  }
});
