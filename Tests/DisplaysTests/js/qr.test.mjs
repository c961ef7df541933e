import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  encodeQR, reedSolomon, dataCodewords, formatBits, versionBits, byteCapacity, penalty, qrPath,
} from "../../../Displays/js/qr.js";

const golden = JSON.parse(readFileSync(new URL("./qr-golden.json", import.meta.url), "utf8"));
const rows = (qr) => qr.modules.map((r) => r.map((d) => (d ? "1" : "0")).join(""));

test("Reed–Solomon codewords of the standard's HELLO WORLD 1-M example", () => {
  const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
  assert.deepEqual(reedSolomon(data, 10), [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
});

test("byte-mode data codewords are mode, count, bytes, terminator, then EC/11 padding", () => {
  assert.deepEqual(dataCodewords([0x41], 1),
    [0x40, 0x14, 0x10, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec]);
});

test("format and version bits match the standard's tables", () => {
  // Level M, mask 0..7 (ISO/IEC 18004 Table C.1, after the 101010000010010 XOR).
  const table = [0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0];
  table.forEach((bits, mask) => assert.equal(formatBits(mask), bits, `mask ${mask}`));
  assert.equal(versionBits(7), 0x07c94);
  assert.equal(versionBits(10), 0x0a4d3);
});

test("capacities of versions 1 and 10 at level M", () => {
  assert.equal(byteCapacity(1), 14);
  assert.equal(byteCapacity(10), 213);
});

test("module matrices equal an independent encoder's for versions 1 to 10 and every mask", () => {
  for (const c of golden.cases) {
    const qr = encodeQR(c.text, { mask: c.mask });
    assert.equal(qr.version, c.version, c.text);
    assert.deepEqual(rows(qr), c.rows, `${c.text.slice(0, 20)}… v${c.version} mask ${c.mask}`);
  }
});

test("the chosen mask is the one with the lowest penalty", () => {
  const text = "http://10.0.0.5:8080/track.html?t=Zq3v";
  const chosen = encodeQR(text);
  const scores = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => penalty(encodeQR(text, { mask: m }).modules));
  assert.equal(scores[chosen.mask], Math.min(...scores));
});

test("texts beyond version 10 are refused", () => {
  assert.throws(() => encodeQR("x".repeat(214)), RangeError);
});

test("the SVG path draws one rectangle per run of dark modules", () => {
  const qr = { size: 2, modules: [[true, true], [false, true]] };
  assert.equal(qrPath(qr, 1), "M1 1h2v1h-2zM2 2h1v1h-1z");
});

const zbar = spawnSync("zbarimg", ["--version"]).status === 0;
test("a tracking link reads back through zbarimg", { skip: zbar ? false : "zbarimg not installed" }, () => {
  const text = "http://192.168.1.10:8080/track.html?t=7f3a9c2e51d04b8a";
  const qr = encodeQR(text);
  const scale = 6;
  const border = 4;
  const n = (qr.size + 2 * border) * scale;
  const lines = [`P1`, `${n} ${n}`];
  for (let y = 0; y < n; y++) {
    const row = [];
    for (let x = 0; x < n; x++) {
      const my = Math.floor(y / scale) - border;
      const mx = Math.floor(x / scale) - border;
      row.push(my >= 0 && mx >= 0 && my < qr.size && mx < qr.size && qr.modules[my][mx] ? 1 : 0);
    }
    lines.push(row.join(""));
  }
  const dir = mkdtempSync(join(tmpdir(), "qr-"));
  try {
    const file = join(dir, "qr.pbm");
    writeFileSync(file, lines.join("\n") + "\n");
    const out = execFileSync("zbarimg", ["-q", "--raw", file], { stdio: ["ignore", "pipe", "ignore"] });
    assert.equal(out.toString().trim(), text);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
