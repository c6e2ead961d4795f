/// <reference lib="dom" />
/**
 * The explorer's layout and accessibility: at 360, 1280 and 1920 px no element overflows its container
 * (scrollWidth against clientWidth, designed scroll boxes excepted) and no chart text leaves its SVG;
 * tables sort by every column (click and keyboard, aria-sort); ties are drawn as ties; change-point
 * labels do not overlap; a top-k entrant's sweep shows the tasks it builds for; the skip link reaches
 * the results in a few tabs; charts are named by their titles and have a data table; axe-core finds no
 * serious or critical violation. Screenshots go to test-output/explorer/.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { done, loadExample, openControls, openPage, ROOT, SHOTS } from "./harness.js";

/** Elements wider than their box (not designed to scroll) and chart text outside its SVG. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""}`;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      if (!(el instanceof HTMLElement) || el.clientWidth === 0) continue;
      if (["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) || el.classList.contains("visually-hidden"))
        continue;
      const x = getComputedStyle(el).overflowX;
      if (x === "auto" || x === "scroll") continue; // a designed scroll box
      if (el.scrollWidth > el.clientWidth + 1) bad.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push("the page scrolls sideways");
    for (const svg of Array.from(document.querySelectorAll("svg"))) {
      const r = svg.getBoundingClientRect();
      if (r.width === 0) continue;
      for (const t of Array.from(svg.querySelectorAll("text"))) {
        const b = t.getBoundingClientRect();
        if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
          bad.push(`${svg.getAttribute("aria-labelledby")}: text "${t.textContent}" leaves the chart`);
      }
    }
    return bad;
  });
}

/** Pairs of change-point labels that overlap, per chart. */
async function overlappingLabels(page: Page): Promise<{ labels: number; overlaps: string[] }> {
  return page.evaluate(() => {
    const overlaps: string[] = [];
    let labels = 0;
    for (const svg of Array.from(document.querySelectorAll("svg"))) {
      const boxes = Array.from(svg.querySelectorAll("text.change-label")).map((t) => ({
        t: t.textContent,
        b: t.getBoundingClientRect(),
      }));
      labels += boxes.length;
      boxes.forEach((p, i) => {
        for (const q of boxes.slice(i + 1)) {
          if (p.b.left < q.b.right && q.b.left < p.b.right && p.b.top < q.b.bottom && q.b.top < p.b.bottom)
            overlaps.push(`${p.t} / ${q.t}`);
        }
      });
    }
    return { labels, overlaps };
  });
}

/** axe-core's serious and critical violations on the page as it is. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: join(ROOT, "node_modules/axe-core/axe.min.js") });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(ctx: Document): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document);
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      );
  });
}

async function resize(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(250); // the charts redraw 100 ms after a resize
}

export function layoutCases(): void {
  it("fits 360, 1280 and 1920 px: no overflow, chart text inside its chart; screenshots", async () => {
    const page = await openPage(360);
    // folded on a narrow screen: the results come right after the file picker
    expect(await page.getAttribute("#inputs-toggle", "aria-expanded")).toBe("false");
    expect(await page.isHidden("#weights")).toBe(true);
    for (const example of ["data/mtbench101_task_scores.csv", "examples/c2-two-producers.json"]) {
      await loadExample(page, example);
      await done(page);
      const tag = example.includes("mtbench") ? "mtbench101" : "c2-two-producers";
      for (const width of [360, 1280, 1920]) {
        await resize(page, width);
        await openControls(page);
        // the legend and the charts' data tables open too: they must fit as well
        await page.evaluate(() => {
          for (const d of Array.from(document.querySelectorAll("details"))) d.open = true;
        });
        expect(await overflows(page), `${example} at ${width} px`).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `page-${tag}-${width}.png`), fullPage: true });
        if (width === 360)
          for (const v of [
            "inputs",
            "view-payoffs",
            "view-entry",
            "view-replace",
            "view-equilibrium",
            "view-sweep",
          ])
            await page.locator(`#${v}`).screenshot({ path: join(SHOTS, `${v}-${tag}-${width}.png`) });
      }
    }
    // the measurement sees an overflow when there is one
    await page.evaluate(() => {
      const box = document.createElement("div");
      box.id = "too-wide";
      box.innerHTML = '<div style="width: 5000px">x</div>';
      document.getElementById("view-payoffs")!.append(box);
    });
    expect((await overflows(page)).some((x) => x.includes("too-wide"))).toBe(true);
    await page.close();
  });

  it("sorts tables by every column (click and keyboard, aria-sort); ties drawn as ties; labels apart", async () => {
    const page = await openPage();
    await loadExample(page, "data/mtbench101_task_scores.csv");
    const column = async (k: number) =>
      page
        .locator("#payoff-table tbody tr")
        .evaluateAll(
          (rows, c) =>
            rows.map((r) => (r as HTMLTableRowElement).cells[c as number]!.dataset.v ?? r.textContent),
          k,
        );
    const heads = page.locator("#payoff-table thead th");
    expect(await heads.count()).toBe(7);
    for (let k = 1; k <= 6; k++) {
      await heads.nth(k).locator("button").click();
      expect(await heads.nth(k).getAttribute("aria-sort")).toBe("descending");
      const v = (await column(k)).map(Number);
      expect(v).toEqual(v.slice().sort((a, b) => b - a));
    }
    // the keyboard: Enter on the focused header button reverses the order
    await heads.nth(3).locator("button").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    expect(await heads.nth(3).getAttribute("aria-sort")).toBe("ascending");
    const up = (await column(3)).map(Number);
    expect(up).toEqual(up.slice().sort((a, b) => a - b));
    expect(await heads.nth(1).getAttribute("aria-sort")).toBeNull();
    await heads.nth(0).locator("button").click();
    const names = await page.locator("#payoff-table tbody th").allTextContents();
    expect(names).toEqual(names.slice().sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    // the producers' table sorts by a task column (the inputs' values)
    await page.locator("#producers thead th").nth(1).locator("button").click();
    const cm = await page
      .locator("#producers tbody tr td:first-of-type input")
      .evaluateAll((xs) => xs.map((x) => Number((x as HTMLInputElement).value)));
    expect(cm).toEqual(cm.slice().sort((a, b) => b - a));
    // the task legend gives MT-Bench-101's full task names
    expect(await page.textContent("#task-legend-table")).toContain("context memory");
    // average score pays a top-k:k=1 entrant the weight of its task: 13 equal weights, a 13-way tie,
    // drawn as 13 hatched bars
    expect(
      await page.locator('#entry-chart rect.tie[data-series="5"][height]:not([height="0"])').count(),
    ).toBe(13);
    // the sweep: numbered change points whose labels do not overlap, and the tasks a top-k entrant builds for
    const labels = await overlappingLabels(page);
    expect(labels.labels).toBeGreaterThan(1);
    expect(labels.overlaps).toEqual([]);
    expect(await page.locator("#sweep-tasks circle.dot").count()).toBeGreaterThan(50);
    // average score's tie again: its dots are hollow (the first of the tied choices)
    expect(await page.locator("#sweep-tasks circle.tie").count()).toBeGreaterThanOrEqual(50);
    expect(await page.locator("#sweep-specialisation").count()).toBe(0);
    await page.locator("#view-sweep").screenshot({ path: join(SHOTS, "view-sweep-mtbench101-1280.png") });
    await page.locator("#view-entry").screenshot({ path: join(SHOTS, "view-entry-mtbench101-1280.png") });
    await page.close();
  });

  it("is accessible: skip link, charts named by their titles with data tables, axe-core clean", async () => {
    const page = await openPage(1280);
    await loadExample(page, "examples/c2-two-producers.json");
    await done(page);
    // the skip link is the first tab stop; the results are one tab after it
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("#views") !== null)).toBe(true);
    // every chart is named by its caption and has its numbers as a table
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll("#views svg")).map((svg) => {
        const id = svg.getAttribute("aria-labelledby") ?? "";
        const fig = svg.closest("figure");
        return {
          name: document.getElementById(id)?.textContent ?? "",
          caption: fig?.querySelector("figcaption")?.textContent ?? "",
          table: fig?.querySelectorAll("details.chart-data table tbody tr").length ?? 0,
        };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const c of charts) {
      expect(c.name).not.toBe("");
      expect(c.name).toBe(c.caption);
      expect(c.table).toBeGreaterThan(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    await resize(page, 360);
    await loadExample(page, "data/mtbench101_task_scores.csv");
    await done(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
}
