/// <reference lib="dom" />
/**
 * The market explorer (web/): its production build against the size budget (docs/explorer.md), then,
 * in headless Chromium (Debian's, driven by playwright-core, one browser for every case), the cases of
 * test/web/cases-*.ts: numbers equal to the CLI's (cases-numbers.ts), files and state (cases-files.ts),
 * layout and accessibility (cases-layout.ts); and, on the MT-Bench-101 table, the time from a slider
 * move to updated payoffs and best responses and to an updated noise sweep (printed, not asserted).
 *
 * The browser cases skip, printing the reason, when /usr/bin/chromium is absent (CI installs it with
 * `apt-get update && apt-get install -y chromium`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileCases } from "./cases-files.js";
import { layoutCases } from "./cases-layout.js";
import { numberCases } from "./cases-numbers.js";
import {
  buildSite,
  CHROMIUM,
  cliLines,
  ctx,
  type Debug,
  gen,
  loadExample,
  openPage,
  runJson,
  SHOTS,
  settle,
  startBrowser,
  stopAll,
} from "./harness.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `SKIPPED browser cases of test/web/explorer.test.ts: ${CHROMIUM} is absent (apt-get update && apt-get install -y chromium)`,
  );
}

/**
 * The size budget of the production build, gzip-compressed bytes (docs/explorer.md, README): the
 * page's own script and style, all JavaScript (the page, its workers, their chunks), and everything
 * (with HiGHS's WebAssembly, about 1.2 MB of it).
 */
const BUDGET = { page: 100_000, javascript: 400_000, total: 1_700_000 };

beforeAll(async () => {
  await buildSite();
  if (hasChromium) await startBrowser();
}, 120_000);

afterAll(stopAll);

describe("market explorer build", () => {
  it("stays within its size budget (gzip)", () => {
    const files = readdirSync(join(ctx.out, "assets")).map((f) => {
      const bytes = readFileSync(join(ctx.out, "assets", f));
      return { f, gz: gzipSync(bytes, { level: 9 }).length };
    });
    const sum = (xs: typeof files) => xs.reduce((a, x) => a + x.gz, 0);
    const page = sum(files.filter((x) => /^index-.*\.(js|css)$/.test(x.f)));
    const js = sum(files.filter((x) => x.f.endsWith(".js")));
    const total = sum(files) + gzipSync(readFileSync(join(ctx.out, "index.html"))).length;
    console.log(
      `explorer build (gzip): page ${(page / 1000).toFixed(0)} kB (budget ${BUDGET.page / 1000}), JavaScript ${(js / 1000).toFixed(0)} kB (budget ${BUDGET.javascript / 1000}), total ${(total / 1000).toFixed(0)} kB (budget ${BUDGET.total / 1000})`,
    );
    expect(page).toBeGreaterThan(0);
    expect(page).toBeLessThanOrEqual(BUDGET.page);
    expect(js).toBeLessThanOrEqual(BUDGET.javascript);
    expect(total).toBeLessThanOrEqual(BUDGET.total);
  });
});

describe.skipIf(!hasChromium)("market explorer in headless Chromium", () => {
  numberCases();
  fileCases();
  layoutCases();

  it("measures slider moves on MT-Bench-101 (18 x 13): payoffs + six best responses, and the 50-point sweep", async () => {
    const page = await openPage();
    await loadExample(page, "data/mtbench101_task_scores.csv");
    const rows: Array<{
      entry: number;
      entryCompute: number;
      sweep: number;
      workerEntry: number;
      workerSweep: number;
    }> = [];
    for (const w of [0.1, 0.15, 0.2, 0.25, 0.3, 0.12, 0.22]) {
      const before = await gen(page);
      await page.fill("#w-range-0", String(w));
      const g = await settle(page, before);
      const t = await page.evaluate(
        (k) => (globalThis as unknown as { __explorer: Debug }).__explorer.timings[k]!,
        g,
      );
      rows.push({
        entry: t.entry! - t.input!,
        entryCompute: t.entry! - t.posted!,
        sweep: t.sweep! - t.input!,
        workerEntry: t.worker.entry!,
        workerSweep: t.worker.sweep! - t.worker.replace!,
      });
    }
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const m = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k])).toFixed(0);
    const text = [
      `explorer on MT-Bench-101 (18 x 13, logit beta = 20, entrant top-k:k=1), median of ${rows.length} slider moves:`,
      `  to payoffs + entrant best responses under six rules: ${m("entry")} ms from the input event (${m("entryCompute")} ms after the 30 ms debounce; computing in the worker ${m("workerEntry")} ms); target <= 50 ms`,
      `  to the updated 50-point noise sweep: ${m("sweep")} ms from the input event (the sweep itself ${m("workerSweep")} ms in the worker); target <= 500 ms`,
      `  (wall-clock times on a shared machine: load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)} on ${(await import("node:os")).cpus().length} cores)`,
    ].join("\n");
    console.log(text);
    // superseded computations: a burst of moves ends showing the last one
    for (const w of [0.31, 0.32, 0.33, 0.34, 0.35]) await page.fill("#w-range-0", String(w));
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { __explorer: Debug }).__explorer;
      return d.rendered.done === d.gen && d.gen > 0;
    });
    await page.waitForTimeout(100);
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { __explorer: Debug }).__explorer;
      return d.rendered.done === d.gen;
    });
    expect(await page.inputValue("#w-num-0")).toBe("0.35");
    await page.screenshot({ path: join(SHOTS, "page-mtbench101-1280.png"), fullPage: true });
    const cmds = await cliLines(page);
    const evaluation = (await runJson(cmds.find((c) => c[1] === "evaluate")!)) as { welfare: { U: number } };
    expect(await page.textContent("#welfare-U")).toBe(evaluation.welfare.U.toFixed(4));
    await page.close();
  });
});
