/**
 * Renders the HTML report in headless Chromium and checks the screenshot is a real page: a PNG of the
 * requested size with a substantial share of non-white pixels and many colours (text, tables, charts).
 * Skips, printing the reason, when /usr/bin/chromium is absent (CI installs it with
 * `apt-get update && apt-get install -y chromium`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandIO } from "../../cli/command.js";
import { main } from "../../cli/main.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../web/harness.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `SKIPPED test/empirical/screenshot.slow.test.ts: ${CHROMIUM} is absent (apt-get update && apt-get install -y chromium)`,
  );
}
const DATA = fileURLToPath(new URL("../../data/", import.meta.url));
const HAND = fileURLToPath(new URL("../fixtures/tables/hand-3x2.csv", import.meta.url));

const tmp = mkdtempSync(join(tmpdir(), "modelmarket-shot-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Decoded 8-bit RGB(A) PNG. */
interface Image {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
}

/** A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced): chunks, zlib, the five row filters. */
function decodePng(buf: Buffer): Image {
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      const colorType = data[9]!;
      expect([2, 6]).toContain(colorType);
      channels = colorType === 6 ? 4 : 3;
      expect(data[12]).toBe(0); // not interlaced
    } else if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[out - stride + x - channels]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[out + x] = (raw[src + x]! + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function screenshot(html: string, png: string): void {
  const profile = mkdtempSync(join(tmp, "profile-"));
  execFileSync(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      `--user-data-dir=${profile}`,
      `--screenshot=${png}`,
      "--window-size=1200,2400",
      pathToFileURL(html).href,
    ],
    { stdio: "ignore", timeout: 90_000 },
  );
}

async function report(args: string[], html: string): Promise<void> {
  const io: CommandIO = { stdout: () => {}, stderr: () => {}, isTTY: false };
  expect(await main(["empirical", ...args, "--report", html], io)).toBe(0);
}

function checkPage(png: string): { nonWhite: number; colours: number } {
  expect(statSync(png).size).toBeGreaterThan(20_000);
  const img = decodePng(readFileSync(png));
  expect(img.width).toBe(1200);
  expect(img.height).toBe(2400);
  let nonWhite = 0;
  const colours = new Set<number>();
  for (let k = 0; k < img.width * img.height; k++) {
    const o = k * img.channels;
    const r = img.pixels[o]!;
    const g = img.pixels[o + 1]!;
    const b = img.pixels[o + 2]!;
    if (r < 245 || g < 245 || b < 245) nonWhite++;
    colours.add((r << 16) | (g << 8) | b);
  }
  return { nonWhite: nonWhite / (img.width * img.height), colours: colours.size };
}

describe.skipIf(!hasChromium)("the HTML report in headless Chromium", () => {
  it("hand-made table with a sweep: a real page", { timeout: 120_000 }, async () => {
    const html = join(tmp, "hand.html");
    const png = join(tmp, "hand.png");
    await report(
      [
        HAND,
        "--normalize",
        "scale:max=10",
        "--selection",
        "epsilon:eps=0.3",
        "--space",
        "top-k:k=1",
        "--replace",
        "all",
      ],
      html,
    );
    screenshot(html, png);
    const { nonWhite, colours } = checkPage(png);
    // text, table borders and three charts: several per cent of the page is ink, in many colours
    expect(nonWhite).toBeGreaterThan(0.03);
    expect(colours).toBeGreaterThan(100);
  });

  it("MT-Bench-101 report: a real page", { timeout: 120_000 }, async () => {
    const html = join(tmp, "mtbench.html");
    const png = join(tmp, "mtbench.png");
    await report(
      [
        join(DATA, "mtbench101_task_scores.csv"),
        "--normalize",
        "scale:max=10",
        "--weights",
        "80,149,153,83,147,136,74,77,73,108,71,150,87",
        "--space",
        "top-k:k=3",
        "--sweep",
        "beta:points=20",
      ],
      html,
    );
    screenshot(html, png);
    const { nonWhite, colours } = checkPage(png);
    expect(nonWhite).toBeGreaterThan(0.05);
    expect(colours).toBeGreaterThan(200);
  });
});
