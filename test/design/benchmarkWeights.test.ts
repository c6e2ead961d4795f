import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { entrantBestResponse } from "../../solvers/bestResponse/index.js";
import { InputError } from "../../src/errors.js";
import { parseMarket } from "../../src/io/marketFile.js";
import { evaluate } from "../../src/model/evaluate.js";
import { runCli } from "../helpers/cli.js";

const base = {
  tasks: [
    { name: "a", weight: 3 },
    { name: "b", weight: 1 },
  ],
  selection: { rule: "logit", beta: 4 },
  producers: [
    { name: "X", quality: [0.9, 0.2] },
    { name: "Y", quality: [0.3, 0.7] },
  ],
};

describe("benchmark weights b", () => {
  it("pay producers under b and keep welfare under w (hand-computed)", () => {
    const m = parseMarket({
      ...base,
      tasks: [
        { name: "a", weight: 3, benchmarkWeight: 1 },
        { name: "b", weight: 1, benchmarkWeight: 3 },
      ],
    });
    expect(m.tasks.map((t) => t.benchmarkWeight)).toEqual([0.25, 0.75]);
    const ev = evaluate(m);
    const plain = evaluate(parseMarket(base));
    expect(ev.welfare.U).toBe(plain.welfare.U);
    const pi = ev.producers.map((p) => p.choice);
    expect(ev.producers[0]!.payoffs.winrate).toBeCloseTo(0.25 * pi[0]![0]! + 0.75 * pi[0]![1]!, 15);
    expect(ev.producers[1]!.payoffs["weighted-winrate"]).toBeCloseTo(
      0.25 * pi[1]![0]! * 0.3 + 0.75 * pi[1]![1]! * 0.7,
      15,
    );
  });

  it("b = w given explicitly changes nothing, and the entrant's welfare stays under w", () => {
    const plain = parseMarket(base);
    const same = parseMarket({
      ...base,
      tasks: [
        { name: "a", weight: 3, benchmarkWeight: 3 },
        { name: "b", weight: 1, benchmarkWeight: 1 },
      ],
    });
    const e = { name: "E", space: { kind: "top-k", k: 1 } } as const;
    for (const rule of ["winrate", "weighted-winrate", "marginal-contribution", "power-winrate:alpha=2"]) {
      expect(entrantBestResponse(same, e, rule)).toEqual(entrantBestResponse(plain, e, rule));
    }
    // b on task b only: the winrate entrant covers b, and its welfare is U under w
    const onB = parseMarket({
      ...base,
      tasks: [
        { name: "a", weight: 3, benchmarkWeight: 0 },
        { name: "b", weight: 1, benchmarkWeight: 1 },
      ],
    });
    const br = entrantBestResponse(onB, e, "winrate");
    expect(br.maximisers.map((x) => x.tasks)).toEqual([[1]]);
    const withE = parseMarket({ ...base, producers: [...base.producers, { name: "E", quality: [0, 1] }] });
    expect(br.maximisers[0]!.welfare).toBeCloseTo(evaluate(withE).welfare.U, 14);
  });

  it("CLI: without --benchmark-weights the output is byte for byte that of --benchmark-weights equal to w", async () => {
    const file = "examples/three-producers.json";
    const raw = JSON.parse(readFileSync(file, "utf8")) as { tasks: { weight?: number }[] };
    const w = raw.tasks.map((t) => t.weight ?? 1).join(",");
    for (const argv of [
      ["entry", file, "--entrant", "top-k:k=1", "--json"],
      ["equilibrium", "examples/c2-two-producers.json", "--rule", "winrate", "--json"],
      ["compare", "examples/c2-entry.json", "--entry", "top-k:k=1", "--json"],
    ]) {
      const a = await runCli(argv);
      const wFile = argv[1] === file ? w : "0.6,0.4";
      const b = await runCli([...argv, "--benchmark-weights", wFile]);
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });

  it("bad benchmark weights are one-line errors naming the field", async () => {
    expect(() =>
      parseMarket({ ...base, tasks: [{ name: "a", benchmarkWeight: 1 }, { name: "b" }] }, "m.json"),
    ).toThrow("m.json: $.tasks[1].benchmarkWeight: give a benchmarkWeight for every task or for none");
    expect(() =>
      parseMarket({
        ...base,
        tasks: [
          { name: "a", benchmarkWeight: -1 },
          { name: "b", benchmarkWeight: 1 },
        ],
      }),
    ).toThrow(InputError);
    const res = await runCli([
      "entry",
      "examples/c2-entry.json",
      "--entrant",
      "top-k:k=1",
      "--benchmark-weights",
      "0,0",
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe("modelmarket entry: --benchmark-weights: all benchmark weights are zero");
    const res2 = await runCli([
      "entry",
      "examples/c2-entry.json",
      "--entrant",
      "top-k:k=1",
      "--benchmark-weights",
      "1",
    ]);
    expect(res2.stderr).toMatch(/--benchmark-weights: gives 1 weights for 2 tasks/);
  });
});
