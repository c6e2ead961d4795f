/// <reference lib="dom" />
/**
 * The ratings view's controlled-ratings panel (web/ratingsControlled.ts) in headless Chromium, on the
 * shipped AlpacaEval 1.0 annotations uploaded as the reader's own file: the covariate found in the file
 * (`length`) and the baseline are chosen, and the controlled ratings, the length coefficient and the
 * length-controlled win rates on the page equal `modelmarket ratings --json` run with the command the
 * page prints (every control's flag in it); the panel's forest plot is named by its caption with its
 * numbers as a table; nothing overflows at 360 px (screenshot: test-output/explorer/ratings-controlled-360.png);
 * axe-core finds no serious or critical violation.
 *
 * Skips, printing the reason, when /usr/bin/chromium is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { buildSite, CHROMIUM, ctx, ROOT, SHOTS, startBrowser, stopAll } from "./harness.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `SKIPPED test/web/explorer-controlled.test.ts: ${CHROMIUM} is absent (apt-get install -y chromium)`,
  );

type Hook = { gen: number; rendered: Record<string, number> };
const FILE = "data/alpacaeval1_annotations.csv";

async function genOf(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __ratings: Hook }).__ratings.gen);
}

/** Waits until the ratings view's newest computation newer than `before` is done. */
async function settled(page: Page, before = 0): Promise<void> {
  await page.waitForFunction(
    (b) => {
      const d = (globalThis as unknown as { __ratings?: Hook }).__ratings;
      return d !== undefined && d.gen > b && d.rendered.done === d.gen;
    },
    before,
    { timeout: 120_000 },
  );
}

/** The page's `modelmarket ratings` command as an argument list (words plain or single-quoted). */
async function ratingsCommand(page: Page): Promise<string[]> {
  const line = ((await page.textContent("#rv-cli")) ?? "")
    .split("\n")
    .find((l) => l.startsWith("modelmarket ratings"));
  return [...line!.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] ?? m[2])!.replace(/'\\''/g, "'"));
}

const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe.skipIf(!hasChromium)("the explorer's controlled ratings in headless Chromium", () => {
  beforeAll(async () => {
    await buildSite();
    await startBrowser();
  }, 120_000);

  afterAll(stopAll);

  it("equal `modelmarket ratings --control length --length-controlled BASELINE --json`", async () => {
    const page = await ctx.browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(ctx.base);
    await page.locator("#view-ratings").scrollIntoViewIfNeeded();
    await settled(page);
    // the shipped files are count tables or have no covariates: the panel says so
    expect(await page.textContent("#rv-ctl-list")).toContain("none in this file");
    let g = await genOf(page);
    await page.fill("#rv-reps", "0");
    await page.dispatchEvent("#rv-reps", "change");
    await settled(page, g);
    g = await genOf(page);
    await page.setInputFiles("#rv-file", {
      name: FILE,
      mimeType: "text/csv",
      buffer: readFileSync(join(ROOT, FILE)),
    });
    await settled(page, g);
    expect(await page.textContent("#rv-ctl-list")).toContain("--control length");
    g = await genOf(page);
    await page.check("#rv-ctl-list input[value=length]");
    await settled(page, g);
    g = await genOf(page);
    await page.selectOption("#rv-lc", "text_davinci_003");
    await settled(page, g);
    expect(await page.textContent("#rv-lc-flag")).toBe("--length-controlled text_davinci_003");
    expect(await page.textContent("#rv-instr-flag")).toBe("instruction_id (the default)");

    const argv = await ratingsCommand(page);
    expect(argv).toEqual([
      "modelmarket",
      "ratings",
      FILE,
      "--task",
      "overall",
      "--control",
      "length",
      "--length-controlled",
      "text_davinci_003",
    ]);
    const r = await runCli([...argv.slice(1), "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const cli = JSON.parse(r.stdout) as {
      controlled: {
        models: string[];
        elo: number[];
        coefficients: Array<{ name: string; estimate: number; standardError: number }>;
      };
      lengthControlled: { rows: Array<{ model: string; lengthControlledWinRate: number; winRate: number }> };
    };
    const coef = await page.$eval("#rv-coefficients tr[data-name=length]", (e) => ({
      ...(e as HTMLElement).dataset,
    }));
    close(Number(coef.estimate), cli.controlled.coefficients[0]!.estimate);
    close(Number(coef.se), cli.controlled.coefficients[0]!.standardError);
    expect(Number(coef.estimate)).toBeCloseTo(0.677, 3); // docs/pairwise.md
    const elo = await page.$$eval("#rv-table-controlled tbody tr", (trs) =>
      trs.map((t) => [(t as HTMLElement).dataset.model!, Number((t as HTMLElement).dataset.elo)] as const),
    );
    expect(elo).toHaveLength(cli.controlled.models.length);
    for (const [m, e] of elo) close(e, cli.controlled.elo[cli.controlled.models.indexOf(m)]!);
    const lc = await page.$$eval("#rv-table-lc tbody tr", (trs) =>
      trs.map((t) => ({ ...(t as HTMLElement).dataset })),
    );
    expect(lc).toHaveLength(cli.lengthControlled.rows.length);
    for (const row of lc) {
      const c = cli.lengthControlled.rows.find((x) => x.model === row.model)!;
      close(Number(row.lc), c.lengthControlledWinRate);
      close(Number(row.wr), c.winRate);
    }
    // the forest plot: named by its caption, its numbers as a table in the figure
    const fig = await page.evaluate(() => {
      const svg = document.querySelector("#rv-controlled-chart svg")!;
      return {
        role: svg.getAttribute("role"),
        name: document.getElementById(svg.getAttribute("aria-labelledby") ?? "")?.textContent ?? "",
        raw: svg.querySelectorAll("circle[fill='#fff']").length,
      };
    });
    expect(fig.role).toBe("img");
    expect(fig.name).toBe("Controlled ratings (Elo), overall: length held equal");
    expect(fig.raw).toBe(elo.length); // the raw rating of every model beside its controlled one

    // a phone's width: nothing in the panel overflows; axe-core finds no serious violation in the view
    await page.setViewportSize({ width: 360, height: 900 });
    await page.waitForTimeout(250);
    const overflow = await page.evaluate(() => {
      const root = document.getElementById("view-ratings")!;
      const limit = root.getBoundingClientRect().right + 1;
      return Array.from(root.querySelectorAll<HTMLElement>(".rv-controlled *, #rv-controlled *"))
        .filter((e) => e.closest(".scroll, details:not([open])") === null)
        .filter((e) => e.getBoundingClientRect().right > limit)
        .map(
          (e) => `${e.tagName}#${e.id}.${e.className} right ${e.getBoundingClientRect().right} > ${limit}`,
        );
    });
    expect(overflow).toEqual([]);
    await page.locator("#rv-controlled").screenshot({ path: join(SHOTS, "ratings-controlled-360.png") });
    await page.addScriptTag({
      content: readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8"),
    });
    const violations = await page.evaluate(async () => {
      const a = (
        globalThis as unknown as {
          axe: {
            run(c: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
          };
        }
      ).axe;
      const res = await a.run({ include: [["#view-ratings"]] });
      return res.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
    });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
