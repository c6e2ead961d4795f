/**
 * Benchmark weights equal to the consumer weights change nothing (docs/model.md: "default b = w"):
 * with b = w given in the market file, or as `--benchmark-weights`, `compare`, `entry`, `equilibrium`
 * and `design` print exactly the bytes they print with b omitted, as text, --json and --csv. Each
 * market file is written to the same path with and without b, so the file name in the output matches.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "benchmark-identity-"));
afterAll(() => rmSync(dir, { recursive: true }));

interface MarketJson {
  tasks: { name: string; weight: number; benchmarkWeight?: number }[];
}

/** The example's JSON, and the same with every task's benchmarkWeight set to its weight. */
function variants(example: string): { plain: string; withB: string } {
  const m = JSON.parse(readFileSync(example, "utf8")) as MarketJson;
  const plain = JSON.stringify(m);
  const withB = JSON.stringify({
    ...m,
    tasks: m.tasks.map((t) => ({ ...t, benchmarkWeight: t.weight })),
  });
  expect(withB).not.toBe(plain);
  return { plain, withB };
}

/** Runs `argv` with FILE standing for the market file's path; exit 0 required. */
async function run(path: string, text: string, argv: string[]): Promise<string> {
  writeFileSync(path, text);
  const res = await runCli(argv.map((a) => (a === "FILE" ? path : a)));
  expect(res.stderr, argv.join(" ")).toBe("");
  expect(res.code, argv.join(" ")).toBe(0);
  return res.stdout;
}

interface Case {
  example: string;
  /** `--benchmark-weights` equal to the task weights, or undefined for a command without the flag. */
  flag: string | undefined;
  argv: string[];
  forms: string[][];
}

const TEXT_JSON_CSV = [[], ["--json"], ["--csv"]];
const MIX = ["--family", "mix", "--range", "lambda=0:1", "--param", "rules=winrate+weighted-winrate"];

const CASES: Case[] = [
  {
    example: "examples/c2-entry.json",
    flag: "0.6,0.4",
    argv: ["entry", "FILE", "--entrant", "top-k:k=1"],
    forms: TEXT_JSON_CSV,
  },
  {
    example: "examples/three-producers.json",
    flag: "code=4,math=3,law=2,poetry=1",
    argv: ["entry", "FILE", "--entrant", "top-k:k=2"],
    forms: TEXT_JSON_CSV,
  },
  {
    example: "examples/c2-entry.json",
    flag: "0.6,0.4",
    argv: ["compare", "FILE", "--entry", "top-k:k=1"],
    forms: TEXT_JSON_CSV,
  },
  {
    example: "examples/three-producers.json",
    flag: "4,3,2,1",
    argv: ["compare", "FILE", "--replace", "Copycat", "--space", "top-k:k=2"],
    forms: TEXT_JSON_CSV,
  },
  {
    example: "examples/c2-two-producers.json",
    flag: "0.6,0.4",
    argv: ["compare", "FILE", "--equilibrium"],
    forms: TEXT_JSON_CSV,
  },
  {
    example: "examples/c2-two-producers.json",
    flag: "0.6,0.4",
    argv: ["equilibrium", "FILE"],
    forms: TEXT_JSON_CSV,
  },
  // design's --benchmark-weights asks for the weight design: its market's b comes from the file only
  {
    example: "examples/c2-entry.json",
    flag: undefined,
    argv: ["design", "FILE", "--entry", "top-k:k=1", ...MIX],
    forms: TEXT_JSON_CSV,
  },
  {
    example: "examples/c2-entry.json",
    flag: undefined,
    argv: ["design", "FILE", "--entry", "top-k:k=1", "--benchmark-weights", "--within", "2"],
    forms: TEXT_JSON_CSV,
  },
  {
    example: "examples/three-producers.json",
    flag: undefined,
    argv: [
      "design",
      "FILE",
      "--replace",
      "Copycat",
      "--space",
      "top-k:k=2",
      "--family",
      "power-winrate",
      "--range",
      "alpha=0:4",
    ],
    forms: [[], ["--json"]],
  },
  {
    example: "examples/c2-two-producers.json",
    flag: undefined,
    argv: ["design", "FILE", "--equilibrium", ...MIX, "--samples", "11", "--parameter-tolerance", "1e-4"],
    forms: [[], ["--json"]],
  },
];

describe("b = w prints the same bytes as b omitted", () => {
  CASES.forEach((c, k) => {
    it(`${c.argv.filter((a) => a !== "FILE").join(" ")} on ${c.example}`, async () => {
      const { plain, withB } = variants(c.example);
      const path = join(dir, `m${k}.json`);
      for (const form of c.forms) {
        const argv = [...c.argv, ...form];
        const omitted = await run(path, plain, argv);
        expect(omitted.length).toBeGreaterThan(0);
        expect(await run(path, withB, argv), `b in the file: ${form.join(" ")}`).toBe(omitted);
        if (c.flag !== undefined)
          expect(
            await run(path, plain, [...argv, "--benchmark-weights", c.flag]),
            `--benchmark-weights ${c.flag}`,
          ).toBe(omitted);
      }
    });
  });
});

describe("the check can fail", () => {
  it("b different from w (in the file or as the flag) changes what entry and design print", async () => {
    const m = JSON.parse(readFileSync("examples/c2-entry.json", "utf8")) as MarketJson;
    const other = JSON.stringify({
      ...m,
      tasks: m.tasks.map((t, i) => ({ ...t, benchmarkWeight: i === 0 ? 1 : 3 })),
    });
    const path = join(dir, "control.json");
    const entry = ["entry", "FILE", "--entrant", "top-k:k=1", "--json"];
    const omitted = await run(path, JSON.stringify(m), entry);
    expect(await run(path, JSON.stringify(m), [...entry, "--benchmark-weights", "1,3"])).not.toBe(omitted);
    expect(await run(path, other, entry)).not.toBe(omitted);
    const design = ["design", "FILE", "--entry", "top-k:k=1", ...MIX];
    expect(await run(path, other, design)).not.toBe(await run(path, JSON.stringify(m), design));
  });
});
