/**
 * `compare --report FILE.html` rendered in headless Chromium (the slow tier: ARCHITECTURE.md, "The test
 * tiers"), like test/empirical/screenshot.slow.test.ts: the screenshot of a report (a sweep, a single
 * comparison) must carry far more ink than that of an empty page. The pages' content is checked in
 * test/compare/report.test.ts. Skips, printing the reason, when /usr/bin/chromium is absent (apt-get
 * update && apt-get install -y chromium).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `SKIPPED test/compare/report-render.slow.test.ts: ${CHROMIUM} is absent (apt-get update && apt-get install -y chromium)`,
  );
}
const tmp = mkdtempSync(join(tmpdir(), "modelmarket-compare-render-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function report(args: string[], name: string): Promise<string> {
  const path = join(tmp, name);
  const { code, err } = await run(["compare", ...args, "--report", path]);
  expect(err).toBe("");
  expect(code).toBe(0);
  return path;
}

/** PNG width and height from the IHDR chunk. */
function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

function screenshot(html: string): Buffer {
  const png = `${html}.png`;
  execFileSync(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${mkdtempSync(join(tmp, "profile-"))}`,
      `--screenshot=${png}`,
      "--window-size=1200,1600",
      pathToFileURL(html).href,
    ],
    { stdio: "ignore", timeout: 90_000 },
  );
  return readFileSync(png);
}

describe("compare --report in a browser", () => {
  it.skipIf(!hasChromium)("renders in headless Chromium", { timeout: 240_000 }, async () => {
    const blank = join(tmp, "blank.html");
    writeFileSync(blank, "<!DOCTYPE html><html><body></body></html>");
    const empty = screenshot(blank);
    const sweepPath = await report(
      ["examples/c5-witness.json", "--entry", "top-k:k=1", "--sweep", "weight.t1=0.05:0.95:10"],
      "sweep.html",
    );
    const barsPath = await report(["examples/three-producers.json", "--entry", "top-k:k=2"], "bars.html");
    for (const path of [sweepPath, barsPath]) {
      const png = screenshot(path);
      expect(pngSize(png)).toEqual([1200, 1600]);
      // charts, lines and text compress far worse than a white page
      expect(png.length).toBeGreaterThan(4 * empty.length);
      expect(statSync(`${path}.png`).size).toBeGreaterThan(20_000);
    }
  });
});
