/**
 * `compare --report FILE.html`: a self-contained page (no external resources) with the charts the
 * issue names, then rendered in headless Chromium like test/empirical/screenshot.slow.test.ts: the
 * screenshot of a report must carry far more ink than that of an empty page. Skips, printing the
 * reason, when /usr/bin/chromium is absent (apt-get update && apt-get install -y chromium).
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
    `SKIPPED chromium part of test/compare/report.test.ts: ${CHROMIUM} is absent (apt-get update && apt-get install -y chromium)`,
  );
}
const tmp = mkdtempSync(join(tmpdir(), "modelmarket-compare-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function report(args: string[], name: string): Promise<string> {
  const path = join(tmp, name);
  const { code, err } = await run(["compare", ...args, "--report", path]);
  expect(err).toBe("");
  expect(code).toBe(0);
  const html = readFileSync(path, "utf8");
  expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  // self-contained: no scripts, stylesheets or images fetched from elsewhere
  expect(html).not.toMatch(/<script|<link|src="http|href="http/);
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

describe("compare --report", () => {
  let sweepPath = "";
  let barsPath = "";

  it("a sweep: welfare and specialisation per rule with the change points marked", async () => {
    sweepPath = await report(
      ["examples/c5-witness.json", "--entry", "top-k:k=1", "--sweep", "weight.t1=0.05:0.95:10"],
      "sweep.html",
    );
    const html = readFileSync(sweepPath, "utf8");
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain("consumer welfare U");
    expect(html).toContain("specialisation index");
    expect(html).toContain("winrate changes at 0.5");
    expect(html).toContain("weighted-winrate changes at 0.62963");
    expect(html).toContain("welfare changes at 0.85");
  });

  it("a 2-D sweep: one pair of charts per value of the second parameter", async () => {
    const p = await report(
      [
        "test/fixtures/markets/c2-two-producers.json",
        "--equilibrium",
        "--rules",
        "winrate,weighted-winrate",
        "--sweep",
        "weight.t1=0.5:0.9:5",
        "--sweep",
        "eps=0:0.4:3",
      ],
      "sweep2.html",
    );
    expect(readFileSync(p, "utf8").match(/<svg /g)).toHaveLength(6);
  });

  it("a single comparison: the chosen quality vectors per rule as grouped bars", async () => {
    barsPath = await report(["examples/three-producers.json", "--entry", "top-k:k=2"], "bars.html");
    const html = readFileSync(barsPath, "utf8");
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain("Chosen quality per task, by rule");
    for (const t of ["code", "math", "law", "poetry"]) expect(html).toContain(`>${t}</text>`);
  });

  it.skipIf(!hasChromium)("renders in headless Chromium", { timeout: 240_000 }, () => {
    const blank = join(tmp, "blank.html");
    writeFileSync(blank, "<!DOCTYPE html><html><body></body></html>");
    const empty = screenshot(blank);
    for (const path of [sweepPath, barsPath]) {
      const png = screenshot(path);
      expect(pngSize(png)).toEqual([1200, 1600]);
      // charts, lines and text compress far worse than a white page
      expect(png.length).toBeGreaterThan(4 * empty.length);
      expect(statSync(`${path}.png`).size).toBeGreaterThan(20_000);
    }
  });
});
