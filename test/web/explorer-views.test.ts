/// <reference lib="dom" />
/**
 * The explorer's ratings and design views (web/ratings*.ts, web/design*.ts) in headless Chromium: builds
 * the page with Vite into a temporary folder, serves it on 127.0.0.1 and drives it with playwright-core.
 *
 * Checks: every rating and its 95% and bootstrap intervals on the page equal `modelmarket ratings --json`
 * for the same pairwise file and seed (the command the page prints); the calibrated beta and its profile
 * interval equal `calibrate --json`; "run the market views at the fitted noise" puts that beta into the
 * market views; the design view's optimum and regions equal `design --json`, and its designed weights
 * `design --benchmark-weights --json`; dragging the parameter (by keyboard) moves the response across
 * C2's threshold; at 360, 1280 and 1920 px nothing in the two views overflows; axe-core finds no serious or
 * critical violation in them. Screenshots go to test-output/explorer/ (ignored by git).
 *
 * Skips, printing the reason, when /usr/bin/chromium is absent (CI installs it with
 * `apt-get update && apt-get install -y chromium`).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePairwise } from "../../empirical/index.js";
import { InputError } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";
import { buildSite, CHROMIUM, ctx, SHOTS, startBrowser, stopAll } from "./harness.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `SKIPPED test/web/explorer-views.test.ts: ${CHROMIUM} is absent (apt-get update && apt-get install -y chromium)`,
  );

type Hook = { gen: number; rendered: Record<string, number> };

/** Waits until the view's (`__ratings` or `__design`) newest computation newer than `before` is done. */
async function settled(page: Page, hook: "__ratings" | "__design", before = 0): Promise<void> {
  await page.waitForFunction(
    ([h, b]) => {
      const d = (globalThis as unknown as Record<string, Hook>)[h as string];
      return d !== undefined && d.gen > (b as number) && d.rendered.done === d.gen;
    },
    [hook, before] as const,
    { timeout: 120_000 },
  );
}

async function genOf(page: Page, hook: "__ratings" | "__design"): Promise<number> {
  return page.evaluate((h) => (globalThis as unknown as Record<string, Hook>)[h]!.gen, hook);
}

/** Changes a control of a view and waits for that view's new computation. */
async function setControl(
  page: Page,
  hook: "__ratings" | "__design",
  id: string,
  value: string,
): Promise<void> {
  const before = await genOf(page, hook);
  const tag = await page.$eval(`#${id}`, (e) => e.tagName);
  if (tag === "SELECT") await page.selectOption(`#${id}`, value);
  else {
    await page.fill(`#${id}`, value);
    await page.dispatchEvent(`#${id}`, "change");
  }
  await settled(page, hook, before);
}

/** The commands a view prints, as argument lists (the words of the page are plain or single-quoted). */
async function commands(page: Page, id: string): Promise<string[][]> {
  const text = (await page.textContent(`#${id}`)) ?? "";
  return text
    .split("\n")
    .filter((l) => l.startsWith("modelmarket "))
    .map((l) =>
      [...l.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] ?? m[2])!.replace(/'\\''/g, "'")),
    );
}

/**
 * The charts of the two views, each checked as the market views' charts are: named by the figure's
 * caption (`aria-labelledby`), with its numbers as a table in the figure.
 */
async function namedCharts(page: Page): Promise<Array<{ name: string }>> {
  const charts = await page.evaluate(() =>
    Array.from(document.querySelectorAll("#view-ratings svg, #view-design svg")).map((svg) => {
      const fig = svg.closest("figure");
      return {
        role: svg.getAttribute("role"),
        name: document.getElementById(svg.getAttribute("aria-labelledby") ?? "")?.textContent ?? "",
        caption: fig?.querySelector("figcaption")?.textContent ?? "",
        rows: fig?.querySelectorAll("details.chart-data table tbody tr").length ?? 0,
      };
    }),
  );
  for (const c of charts) {
    expect(c.role).toBe("img");
    expect(c.name).not.toBe("");
    expect(c.name).toBe(c.caption);
    expect(c.rows).toBeGreaterThan(0);
  }
  return charts;
}

async function runJson(argv: string[]): Promise<Record<string, unknown>> {
  const r = await runCli([...argv.slice(1), "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe.skipIf(!hasChromium)("explorer ratings and design views in headless Chromium", () => {
  beforeAll(async () => {
    await buildSite();
    await startBrowser();
  }, 120_000);

  afterAll(stopAll);

  async function openPage(width = 1280): Promise<{ page: Page; errors: string[] }> {
    const page = await ctx.browser!.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(ctx.base);
    // the views compute once scrolled near
    await page.locator("#view-ratings").scrollIntoViewIfNeeded();
    await settled(page, "__ratings");
    await page.locator("#view-design").scrollIntoViewIfNeeded();
    await settled(page, "__design");
    return { page, errors };
  }

  it("ratings and intervals equal `modelmarket ratings --json` for the same file and seed", async () => {
    const { page, errors } = await openPage();
    await setControl(page, "__ratings", "rv-reps", "0");
    await setControl(page, "__ratings", "rv-data", "data/vicuna80_human_judgements.csv");
    await setControl(page, "__ratings", "rv-seed", "7");
    await setControl(page, "__ratings", "rv-reps", "40");
    const [ratings] = await commands(page, "rv-cli");
    expect(ratings!.slice(0, 3)).toEqual(["modelmarket", "ratings", "data/vicuna80_human_judgements.csv"]);
    expect(ratings).toContain("--bootstrap");
    const cli = (await runJson(ratings!)) as {
      ratings: Array<{
        task: string;
        rows: Array<{ name: string; rating: number; eloLower: number; eloUpper: number }>;
      }>;
      bootstrap: {
        ratings: Array<{
          task: string;
          models: Array<{ name: string; rating: { lower: number; upper: number } }>;
        }>;
      };
    };
    const rows = await page.$$eval("#rv-table-ratings tbody tr", (trs) =>
      trs.map((tr) => ({ ...(tr as HTMLElement).dataset })),
    );
    const table = cli.ratings.find((t) => t.task === "overall")!;
    const boot = cli.bootstrap.ratings.find((t) => t.task === "overall")!;
    expect(rows.length).toBe(table.rows.length);
    for (const r of table.rows) {
      const shown = rows.find((x) => x.model === r.name)!;
      close(Number(shown.rating), r.rating);
      close(Number(shown.eloLower), r.eloLower);
      close(Number(shown.eloUpper), r.eloUpper);
      const b = boot.models.find((m) => m.name === r.name)!;
      close(Number(shown.bootLower), b.rating.lower);
      close(Number(shown.bootUpper), b.rating.upper);
    }
    // the percentile interval (`--interval percentile`) equals the CLI's too
    await setControl(page, "__ratings", "rv-interval", "percentile");
    const [percentile] = await commands(page, "rv-cli");
    expect(percentile).toContain("--interval");
    const pcli = (await runJson(percentile!)) as typeof cli;
    const pboot = pcli.bootstrap.ratings.find((t) => t.task === "overall")!;
    for (const m of pboot.models) {
      const shown = await page.getAttribute(
        `#rv-table-ratings tr[data-model="${m.name}"]`,
        "data-boot-lower",
      );
      close(Number(shown), m.rating.lower);
    }
    expect(pboot.models[0]!.rating.lower).not.toBe(boot.models[0]!.rating.lower);
    // the ratings table sorts by its columns (the market views' sortable tables)
    await page.click("#rv-forest-chart summary");
    await page.click("#rv-table-ratings thead button.sort >> text=model");
    const byName = await page.$$eval("#rv-table-ratings tbody tr", (trs) =>
      trs.map((tr) => (tr as HTMLElement).dataset.model!),
    );
    expect(byName).toEqual([...byName].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    await page.click("#rv-table-ratings thead button.sort >> text=/^standardError/");
    const se = await page.$$eval("#rv-table-ratings tbody tr td:nth-of-type(3)", (tds) =>
      tds.map((td) => Number((td as HTMLElement).dataset.v)),
    );
    expect(se).toEqual([...se].sort((a, b) => b - a));
    expect(await page.getAttribute("#rv-table-ratings thead th:nth-child(4)", "aria-sort")).toBe(
      "descending",
    );
    // the forest plot and the heat map are named by their titles
    const charts = await namedCharts(page);
    expect(charts.map((c) => c.name)).toEqual(
      expect.arrayContaining(["Bradley-Terry ratings (Elo), overall", "Win-rate matrix, overall"]),
    );
    // a replicate count over the limit is refused before any work, with the library's message
    await setControl(page, "__ratings", "rv-max", "10");
    expect(await page.textContent("#view-ratings")).toContain("exceed the limit of 10 (maxReplicates)");
    // a malformed battle log shows the reader's one-line message (file, line and column)
    const bad = "model_a,model_b,winner\nA,B,model_a\nB,A,draw\n";
    const expected = (() => {
      try {
        parsePairwise(bad, "bad.csv");
      } catch (err) {
        if (err instanceof InputError) return err.message;
      }
      throw new Error("expected the reader to refuse the file");
    })();
    const g = await genOf(page, "__ratings");
    await page.setInputFiles("#rv-file", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    await page.waitForFunction(
      (b) => {
        const d = (globalThis as unknown as { __ratings: Hook }).__ratings;
        return d.gen > b && d.rendered.error === d.gen;
      },
      g,
      { timeout: 60_000 },
    );
    expect(await page.textContent("#rv-error")).toBe(expected);
    expect(expected).toContain("bad.csv: line 3");
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("the calibrated beta equals `calibrate --json`; its button runs the market views at that beta", async () => {
    const { page, errors } = await openPage();
    await setControl(page, "__ratings", "rv-reps", "0");
    const [, calibrate] = await commands(page, "rv-cli");
    expect(calibrate!.slice(0, 2)).toEqual(["modelmarket", "calibrate"]);
    const cli = (await runJson(calibrate!)) as {
      fits: Array<{ pooled: { value: number; lower: number; upper: number } }>;
    };
    const shown = await page.$eval("#rv-noise-value", (e) => ({ ...(e as HTMLElement).dataset }));
    const pooled = cli.fits[0]!.pooled;
    close(Number(shown.value), pooled.value);
    close(Number(shown.lower), pooled.lower);
    close(Number(shown.upper), pooled.upper);
    expect(pooled.value).toBeCloseTo(4.301, 3); // docs/pairwise.md
    expect((await namedCharts(page)).map((c) => c.name)).toContain("Profile log-likelihood of beta");
    const before = await page.evaluate(() => (globalThis as unknown as { __explorer: Hook }).__explorer.gen);
    await page.click("#rv-use");
    await page.waitForFunction(
      (b) => {
        const d = (globalThis as unknown as { __explorer: Hook }).__explorer;
        return d.gen > b && d.rendered.done === d.gen;
      },
      before,
      { timeout: 120_000 },
    );
    expect(await page.inputValue("#rule")).toBe("logit");
    close(Number(await page.inputValue("#noise")), pooled.value);
    // the market views' printed command reproduces their welfare at the fitted noise
    const evaluate = (await commands(page, "cli")).find((c) => c[1] === "evaluate")!;
    expect(evaluate.slice(2)).toEqual(
      expect.arrayContaining(["data/wildbench_v2_task_scores.csv", "--normalize", "minmax"]),
    );
    expect(evaluate[evaluate.indexOf("--selection") + 1]).toBe(`logit:beta=${pooled.value}`);
    const ev = (await runJson(evaluate)) as { welfare: { U: number } };
    expect(await page.textContent("#welfare-U")).toBe(ev.welfare.U.toFixed(4));
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("the design view's optimum and designed weights equal `design --json`; dragging moves the response", async () => {
    const { page, errors } = await openPage();
    const before = await genOf(page, "__design");
    await page.selectOption("#example", "examples/c2-entry.json");
    await settled(page, "__design", before);
    await setControl(page, "__design", "dv-family", "mix");
    const [family, weights] = await commands(page, "dv-cli");
    expect(family!.slice(0, 3)).toEqual(["modelmarket", "design", "examples/c2-entry.json"]);
    const cli = (await runJson(family!)) as {
      result: { optimum: number; regions: Array<{ from: number; to: number; optimal: boolean }> };
    };
    close(Number(await page.getAttribute("#dv-optimum", "data-optimum")), cli.result.optimum);
    const regions = await page.$$eval("#dv-regions tbody tr", (trs) =>
      trs.map((tr) => ({ ...(tr as HTMLElement).dataset })),
    );
    expect(regions.length).toBe(cli.result.regions.length);
    expect((await namedCharts(page)).map((c) => c.name)).toEqual(
      expect.arrayContaining(["Welfare against lambda", "Response at lambda = 0.25"]),
    );
    cli.result.regions.forEach((r, k) => {
      close(Number(regions[k]!.from), r.from);
      close(Number(regions[k]!.to), r.to);
      expect(regions[k]!.optimal).toBe(String(r.optimal));
    });
    // C2's threshold lambda = 8/17 (docs/design.md): specialise below, copy above
    expect(cli.result.regions[1]!.from).toBeCloseTo(8 / 17, 8);
    const wcli = (await runJson(weights!)) as { result: { optimum: number; best: { weights: number[] } } };
    const designed = (await page.getAttribute("#dv-designed", "data-weights"))!.split(",").map(Number);
    for (const [t, b] of wcli.result.best.weights.entries()) close(designed[t]!, b);
    // keyboard: the slider moves lambda in steps of 1/1000 of the range
    await setControl(page, "__design", "dv-value", "0.46");
    expect(await page.getAttribute("#dv-response", "data-key")).toBe("{t2}");
    for (let k = 0; k < 15; k++) {
      const g = await genOf(page, "__design");
      await page.focus("#dv-slider");
      await page.keyboard.press("ArrowRight");
      await settled(page, "__design", g);
    }
    expect(Number(await page.inputValue("#dv-value"))).toBeCloseTo(0.475, 6);
    expect(await page.getAttribute("#dv-response", "data-key")).toBe("{t1}");
    // the designed weights make the entrant specialise under winrate's weights design
    await setControl(page, "__design", "dv-rule", "winrate");
    const g = await genOf(page, "__design");
    await page.click("#dv-set-designed");
    await settled(page, "__design", g);
    expect(await page.getAttribute("#dv-response-b", "data-key")).toBe("{t2}");
    // a benchmark-weight slider moves by keyboard and keeps the focus while the view recomputes
    const g2 = await genOf(page, "__design");
    await page.focus("#dv-b-0");
    await page.keyboard.press("ArrowRight");
    await settled(page, "__design", g2);
    expect(Number(await page.inputValue("#dv-b-num-0"))).toBeCloseTo(0.301, 9);
    expect(Number(await page.inputValue("#dv-b-num-1"))).toBeCloseTo(0.699, 9);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("dv-b-0");
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("fits 360, 1280 and 1920 px without overflow, with no serious axe-core violation; saves screenshots", async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    for (const width of [360, 1280, 1920]) {
      const { page, errors } = await openPage(width);
      const overflow = await page.evaluate(() => {
        const bad: string[] = [];
        for (const id of ["view-ratings", "view-design"]) {
          const root = document.getElementById(id)!;
          const limit = root.getBoundingClientRect().right + 1;
          for (const e of Array.from(root.querySelectorAll<HTMLElement>("*"))) {
            if (e.closest(".scroll, details:not([open])") !== null) continue;
            const r = e.getBoundingClientRect();
            if (r.width > 0 && r.right > limit)
              bad.push(`${id} ${e.tagName}#${e.id} right ${r.right} > ${limit}`);
          }
        }
        // chart text stays inside its chart
        for (const svg of Array.from(document.querySelectorAll("#view-ratings svg, #view-design svg"))) {
          const r = svg.getBoundingClientRect();
          for (const t of Array.from(svg.querySelectorAll("text"))) {
            const b = t.getBoundingClientRect();
            if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
              bad.push(`${svg.getAttribute("aria-labelledby")}: text "${t.textContent}" leaves the chart`);
          }
        }
        if (document.documentElement.scrollWidth > window.innerWidth + 1)
          bad.push(
            `page scrolls horizontally: ${document.documentElement.scrollWidth} > ${window.innerWidth}`,
          );
        return bad;
      });
      expect(overflow, `at ${width} px`).toEqual([]);
      await page.locator("#view-ratings").screenshot({ path: join(SHOTS, `ratings-${width}.png`) });
      await page.locator("#view-design").screenshot({ path: join(SHOTS, `design-${width}.png`) });
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const a = (
          globalThis as unknown as {
            axe: {
              run(
                c: unknown,
              ): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
            };
          }
        ).axe;
        const r = await a.run({ include: [["#view-ratings"], ["#view-design"]] });
        return r.violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
      });
      expect(violations, `axe at ${width} px`).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 300_000);
});
