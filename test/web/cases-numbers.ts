/// <reference lib="dom" />
/**
 * The explorer's numbers: the C2 entry thresholds (the entrant's choice flips exactly at w = 1/2 under
 * winrate and 2s/(2s+1) under weighted winrate, the sweep's change point where theory puts it), and the
 * welfare and best responses shown equal `modelmarket evaluate|entry|replace|equilibrium --json` run
 * in-process from the commands the page prints, the score tables under the normalisation they name.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { sigmoid } from "../../src/index.js";
import {
  choice,
  cliLines,
  type Debug,
  gen,
  loadExample,
  openPage,
  ROOT,
  runJson,
  settle,
  setWeight,
} from "./harness.js";

export function numberCases(): void {
  it("C2: the entrant's choice flips exactly at w = 1/2 (winrate) and 2s/(2s+1) (weighted winrate)", async () => {
    const page = await openPage();
    await loadExample(page, "examples/c2-entry.json");
    // the slider itself, across both thresholds (step 0.01)
    const seen: Array<[number, string, string]> = [];
    for (const w of [0.45, 0.499, 0.5, 0.501, 0.6, 0.654, 0.655, 0.656, 0.7]) {
      const before = await gen(page);
      await page.fill("#w-range-0", String(w));
      await settle(page, before, "entry");
      seen.push([
        w,
        await choice(page, "entry-table", "winrate"),
        await choice(page, "entry-table", "weighted-winrate"),
      ]);
    }
    for (const [w, wr, wwr] of seen) {
      expect(wr).toBe(w < 0.5 ? "t2" : w === 0.5 ? "t1 | t2" : "t1");
      expect(wwr).toBe(w <= 0.655 ? "t2" : "t1");
    }
    // exactly at the thresholds, typed into the number box: s = 1 - eps/2 for epsilon, sigmoid(beta) for logit
    const check = async (s: number) => {
      const t = (2 * s) / (2 * s + 1);
      for (const [w, wr, wwr] of [
        [0.5 - 1e-6, "t2", "t2"],
        [0.5, "t1 | t2", "t2"],
        [0.5 + 1e-6, "t1", "t2"],
        [t - 1e-6, "t1", "t2"],
        [t + 1e-6, "t1", "t1"],
      ] as const) {
        await setWeight(page, 0, w);
        expect(await choice(page, "entry-table", "winrate"), `winrate at w = ${w}, s = ${s}`).toBe(wr);
        expect(
          await choice(page, "entry-table", "weighted-winrate"),
          `weighted winrate at w = ${w}, s = ${s}`,
        ).toBe(wwr);
      }
    };
    await check(1 - 0.1 / 2);
    // the sweep's change point: at w = 0.6 weighted winrate copies iff 2s/(2s+1) < 0.6, i.e. s < 3/4:
    // eps > 1/2 (epsilon), beta < ln 3 (logit); winrate copies at every noise level (w > 1/2)
    const changePoints = async () => {
      await setWeight(page, 0, 0.6);
      await page.waitForFunction(() => {
        const d = (globalThis as unknown as { __explorer: Debug }).__explorer;
        return d.rendered.sweep === d.gen;
      });
      return page.locator("#change-points li").allTextContents();
    };
    const eps = await changePoints();
    expect(eps.filter((t) => t.startsWith("weighted-winrate:"))).toEqual([
      "weighted-winrate: t2 → t1 at eps = 0.5000",
    ]);
    expect(eps.filter((t) => t.startsWith("winrate:"))).toEqual([]);
    const before = await gen(page);
    await page.selectOption("#rule", "logit");
    await settle(page, before);
    const b2 = await gen(page);
    await page.fill("#noise", "2");
    await page.dispatchEvent("#noise", "change");
    await settle(page, b2);
    await check(sigmoid(2));
    const logit = await changePoints();
    expect(logit.filter((t) => t.startsWith("weighted-winrate:"))).toEqual([
      `weighted-winrate: t1 → t2 at beta = ${Math.log(3).toPrecision(4)}`,
    ]);
    expect(logit.filter((t) => t.startsWith("winrate:"))).toEqual([]);
    await page.close();
  });

  it("shows the numbers of `modelmarket evaluate|entry|replace|equilibrium --json` (the commands the page prints)", async () => {
    const page = await openPage();
    for (const example of [
      "examples/c2-two-producers.json",
      "examples/three-producers.json",
      "data/mtbench101_task_scores.csv",
    ]) {
      await loadExample(page, example);
      await setWeight(page, 0, 0.55);
      await page.waitForFunction(() => {
        const d = (globalThis as unknown as { __explorer: Debug }).__explorer;
        return d.rendered.done === d.gen;
      });
      const cmds = await cliLines(page);
      const ev = cmds.find((c) => c[1] === "evaluate")!;
      expect(ev[2]).toBe(example);
      const evaluation = (await runJson(ev)) as { welfare: { U: number; perfect: number; single: number } };
      expect(await page.textContent("#welfare-U")).toBe(evaluation.welfare.U.toFixed(4));
      expect(await page.textContent("#welfare-perfect")).toBe(evaluation.welfare.perfect.toFixed(4));
      expect(await page.textContent("#welfare-single")).toBe(evaluation.welfare.single.toFixed(4));
      const entry = (await runJson(cmds.find((c) => c[1] === "entry")!)) as {
        rules: Array<{ rule: string; maximisers: Array<{ welfare: number; payoff: number }> }>;
      };
      for (const r of entry.rules) {
        const row = page.locator(`#entry-table tr[data-rule="${r.rule}"] td`);
        const welfare = r.maximisers.map((m) => m.welfare.toFixed(4)).filter((x, i, a) => a.indexOf(x) === i);
        expect(await row.nth(2).textContent()).toBe(welfare.join(" / "));
        expect(await row.nth(1).textContent()).toBe(r.maximisers[0]!.payoff.toFixed(4));
      }
      const replace = (await runJson(cmds.find((c) => c[1] === "replace")!)) as {
        rules: Array<{
          rule: string;
          currentPayoff: number;
          maximisers: Array<{ welfare: number; payoff: number }>;
        }>;
      };
      for (const r of replace.rules) {
        const row = page.locator(`#replace-table tr[data-rule="${r.rule}"] td`);
        expect(await row.nth(1).textContent()).toBe(r.currentPayoff.toFixed(4));
        expect(await row.nth(2).textContent()).toBe(r.maximisers[0]!.payoff.toFixed(4));
        const welfare = r.maximisers.map((m) => m.welfare.toFixed(4)).filter((x, i, a) => a.indexOf(x) === i);
        expect(await row.nth(3).textContent()).toBe(welfare.join(" / "));
      }
      const eqs = cmds.filter((c) => c[1] === "equilibrium");
      if (example.includes("c2-two")) {
        expect(eqs).toHaveLength(6);
        for (const c of eqs) {
          const rep = (await runJson(c)) as { rule: string; pure: unknown[]; priceOfAnarchy: number | null };
          const cells = page.locator(`#equilibrium-table tr[data-rule="${rep.rule}"] td`);
          const poa = rep.priceOfAnarchy === null ? "-" : rep.priceOfAnarchy.toFixed(4);
          expect(await cells.nth(3).textContent()).toBe(poa);
          const shown = (await cells.nth(0).innerHTML()).split("<br>").filter((s) => s.includes("U ="));
          expect(shown).toHaveLength(rep.pure.length);
        }
      } else expect(eqs).toHaveLength(0);
    }
    await page.close();
  });

  it("names its normalisation (the README's MT-Bench-101 U = 0.8507), rounds the weights entered, checks strategy spaces", async () => {
    const page = await openPage();
    const evaluateU = async () => {
      const ev = (await cliLines(page)).find((c) => c[1] === "evaluate")!;
      return { argv: ev, U: ((await runJson(ev)) as { welfare: { U: number } }).welfare.U.toFixed(4) };
    };
    // the README: `modelmarket evaluate data/mtbench101_task_scores.csv --selection logit:beta=20 --normalize scale:max=10`
    await loadExample(page, "data/mtbench101_task_scores.csv");
    expect(await page.textContent("#normalization-used")).toContain("--normalize scale:max=10");
    expect(await page.textContent("#welfare-U")).toBe("0.8507");
    const readme = await evaluateU();
    expect(readme.argv.join(" ")).toContain("--selection logit:beta=20");
    expect(readme.argv.join(" ")).toContain("--normalize scale:max=10");
    expect(readme.U).toBe("0.8507");
    // the CLI's default normalisation (by the table's largest score) gives the other number
    let before = await gen(page);
    await page.selectOption("#normalize-kind", "scale");
    await settle(page, before);
    expect(await page.textContent("#normalization-used")).toContain("--normalize scale)");
    expect(await page.textContent("#welfare-U")).toBe((await evaluateU()).U);
    expect(await page.textContent("#welfare-U")).not.toBe("0.8507");
    // back to a scale's maximum: the box starts at the table's own scale, 10
    before = await gen(page);
    await page.selectOption("#normalize-kind", "scale:max");
    await settle(page, before);
    expect(await page.inputValue("#normalize-max")).toBe("10");
    const u = await page.textContent("#welfare-U");
    expect(u).toBe("0.8507");
    // a scale maximum below the largest score is the library's one-line error; the market stays
    await page.fill("#normalize-max", "5");
    await page.dispatchEvent("#normalize-max", "change");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toMatch(
      /^data\/mtbench101_task_scores\.csv: normalization: a score 9\.\d+ exceeds the scale maximum 5$/,
    );
    expect(await page.textContent("#welfare-U")).toBe(u);
    expect(await page.textContent("#flag-normalize")).toBe("--normalize scale:max=10");
    expect(await page.inputValue("#normalize-max")).toBe("10");
    // WildBench's scores go below 0: minmax, named
    await loadExample(page, "data/wildbench_v2_task_scores.csv");
    expect(await page.textContent("#flag-normalize")).toBe("--normalize minmax");
    expect(await page.textContent("#welfare-U")).toBe((await evaluateU()).U);
    // a weight typed as 0.7 leaves the other share at 0.3, not 0.30000000000000004
    await loadExample(page, "examples/c2-two-producers.json");
    expect(await page.isHidden("#normalize-box")).toBe(true);
    await setWeight(page, 0, 0.7);
    const cli = (await page.textContent("#cli")) ?? "";
    expect(cli).toMatch(/--weights t1=0\.7,t2=0\.3$/m);
    expect(cli).not.toMatch(/\d{12}/);
    expect(await page.textContent("#flag-weights")).toBe("--weights t1=0.7,t2=0.3");
    // strategy spaces: the Specialist's file quality is not in top-k:k=1, so it is only a starting
    // point, and every equilibrium shown has each strategy in its space (the certificate's check)
    const market = JSON.parse(readFileSync(join(ROOT, "examples/three-producers.json"), "utf8")) as {
      producers: Array<Record<string, unknown>>;
    };
    for (const p of market.producers.filter((x) => x.name !== "Copycat")) p.space = { kind: "top-k", k: 1 };
    before = await gen(page);
    await page.setInputFiles("#file", {
      name: "spaces.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(market)),
    });
    await settle(page, before);
    expect(await page.textContent("#outside-space")).toContain("Specialist");
    const checks = await page.locator("#equilibrium-table td.space-check").allTextContents();
    expect(checks).toHaveLength(6);
    for (const c of checks) expect(["all in their spaces", "-"]).toContain(c);
    expect(checks).toContain("all in their spaces");
    await page.close();
  });
}
