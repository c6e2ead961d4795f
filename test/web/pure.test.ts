/**
 * The explorer's pure parts, without a browser: weight shares kept to the digits entered, the printed
 * commands (normalisation, weights only once moved), change-point label rows that never overlap, and
 * tied best responses drawn as hatched bars.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupedBars, niceTicks } from "../../web/charts.js";
import { clean, cliCommands, type ExplorerState, setWeight } from "../../web/state.js";
import { labelRows } from "../../web/sweepCharts.js";

function table(): ExplorerState {
  return {
    source: { kind: "table", path: "data/mtbench101_task_scores.csv", pristine: true },
    market: {
      tasks: [
        { name: "CM", weight: 0.5, cap: 1 },
        { name: "SI", weight: 0.5, cap: 1 },
      ],
      selection: { rule: "logit", beta: 20 },
      producers: [{ name: "A", quality: [0.5, 0.6] }],
    },
    entrant: { kind: "top-k", k: 1, step: 0.1, budget: 1 },
    replace: "A",
    normalize: "scale:max=10",
  };
}

describe("explorer state", () => {
  it("keeps shares to 12 significant digits: 1 - 0.7 is 0.3", () => {
    expect(1 - 0.7).not.toBe(0.3);
    expect(setWeight([0.5, 0.5], 0, 0.7)).toEqual([0.7, 0.3]);
    expect(setWeight([0.2, 0.3, 0.5], 0, 0.4)).toEqual([0.4, 0.225, 0.375]);
    expect(clean(0.30000000000000004)).toBe(0.3);
    expect(clean(0)).toBe(0);
  });

  it("prints --normalize for a table, and --weights only once a weight moved", () => {
    const st = table();
    const [evaluate] = cliCommands(st, ["winrate"]);
    expect(evaluate).toEqual([
      "modelmarket",
      "evaluate",
      "data/mtbench101_task_scores.csv",
      "--selection",
      "logit:beta=20",
      "--normalize",
      "scale:max=10",
    ]);
    st.weightsMoved = true;
    st.market.tasks[0]!.weight = 0.7;
    st.market.tasks[1]!.weight = clean(1 - 0.7);
    expect(cliCommands(st, ["winrate"])[0]!.join(" ")).toContain("--weights CM=0.7,SI=0.3");
    // an edited market runs on the downloaded market.json, which holds the qualities: no --normalize
    st.source.pristine = false;
    expect(cliCommands(st, ["winrate"])[0]).not.toContain("--normalize");
  });
});

describe("explorer charts", () => {
  it("places change-point labels in rows where none overlaps another", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 4, max: 20 })), {
          maxLength: 30,
        }),
        (raw) => {
          const extents = raw.map(([a, w]): [number, number] => [a, a + w]);
          const taken: Array<[number, number]> = [[100, 140]];
          const rows = labelRows(extents, taken);
          const placed = extents.map((e, i) => ({ e, r: rows[i]! }));
          for (const [i, p] of placed.entries()) {
            if (p.r === 0) expect(p.e[0] < 142 && 100 < p.e[1] + 2).toBe(false);
            for (const q of placed.slice(i + 1))
              if (p.r === q.r) expect(p.e[0] < q.e[1] + 2 && q.e[0] < p.e[1] + 2).toBe(false);
          }
        },
      ),
      { seed: 24, numRuns: 200 },
    );
  });

  it("draws tied best responses as hatched bars on every task a tied choice builds", () => {
    const unit = (t: number) => [0, 1, 2].map((k) => (k === t ? 1 : 0));
    const svg = groupedBars({
      labelledBy: "x",
      groups: ["a", "b", "c"],
      series: ["one", "tied"],
      choices: [[unit(0)], [unit(0), unit(1), unit(2)]],
      yLabel: "q",
      yMax: 1,
      width: 400,
    });
    const bars = [...svg.matchAll(/<rect class="bar( tie)?" data-series="(\d)"[^>]*height="([\d.]+)"/g)];
    const tall = (series: string, tie: boolean) =>
      bars.filter((m) => m[2] === series && (m[1] !== undefined) === tie && Number(m[3]) > 0).length;
    expect(tall("0", false)).toBe(1);
    expect(tall("1", true)).toBe(3);
    expect(svg).toContain("3 tied best responses; 1 of them build here");
  });
});

describe("chart ticks", () => {
  it("end on a range a few units in the last place wide (it used to loop until memory ran out)", () => {
    const lo = 0.8308055337045563;
    expect(niceTicks(lo, lo + 1.2e-16)).toEqual([lo]);
  });

  it("are nice, ordered, inside the range and at most n + 1 for any range", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-9, max: 1e6, noNaN: true }),
        (lo, width) => {
          const ticks = niceTicks(lo, lo + width);
          expect(ticks.length).toBeGreaterThanOrEqual(1);
          expect(ticks.length).toBeLessThanOrEqual(6);
          for (let i = 1; i < ticks.length; i++) expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!);
        },
      ),
    );
  });
});
