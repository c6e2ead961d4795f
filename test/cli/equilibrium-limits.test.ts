/**
 * Defaults that work: a two-producer game the default cannot enumerate falls back to Lemke-Howson
 * and says so; every limit a message of `modelmarket equilibrium` names is a flag of that command.
 */
import { describe, expect, it } from "vitest";
import { command } from "../../cli/commands/equilibrium.js";
import { runCli } from "../helpers/cli.js";

const K35 = "test/fixtures/markets/two-producers-35.json";
const C2 = "test/fixtures/markets/c2-two-producers.json";
const THREE = "test/fixtures/markets/three-strategic.json";
const FLAGS = new Set(command.flags.map((f) => f.name));

/** Every `--flag` a text names, and every library option name (camelCase) left in it. */
function named(text: string): { flags: string[]; options: string[] } {
  return {
    flags: [...text.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!),
    options: [...text.matchAll(/\b(max[A-Z]\w*|\w+Limit)\b/g)].map((m) => m[1]!),
  };
}

describe("equilibrium: a 35 x 35 two-producer game under the defaults", () => {
  it("falls back to Lemke-Howson, says so, and reports its exact equilibria (before: refused, naming maxPaths)", async () => {
    const r = await runCli(["equilibrium", K35, "--rule", "weighted-winrate", "--starts", "1", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.mixed.methods).toEqual(["lcp"]);
    expect(rep.mixed.complete).toBe(false);
    expect(rep.mixed.reason).toMatch(
      /the game is 35 x 35, above enummixed's limit on m \+ n, 30 \(raise it with --mixed-limit\), so Lemke-Howson .* ran instead/,
    );
    expect(rep.mixed.equilibria.length).toBeGreaterThan(1);
    for (const e of rep.mixed.equilibria) expect(e.epsilon).toBe(0);
    expect(rep.priceScope.allEquilibria).toBe(false);
  });
});

describe("every limit a message of `equilibrium` names is one of its flags", () => {
  const cases: Array<{ why: string; argv: string[]; expect: RegExp }> = [
    { why: "joint profiles", argv: [THREE, "--max-profiles", "10"], expect: /--max-profiles/ },
    { why: "enummixed's size", argv: [C2, "--mixed-limit", "3"], expect: /--mixed-limit/ },
    { why: "enummixed's vertices", argv: [C2, "--max-vertices", "2"], expect: /--max-vertices/ },
    {
      why: "Lemke-Howson's paths",
      argv: [C2, "--mixed-limit", "3", "--max-paths", "3"],
      expect: /--max-paths/,
    },
    {
      why: "enumpoly's supports",
      argv: [THREE, "--max-supports", "1", "--rays", "1"],
      expect: /--max-supports/,
    },
    {
      why: "gnm's work",
      argv: [THREE, "--max-supports", "1", "--max-gnm-work", "1"],
      expect: /--max-gnm-work/,
    },
    {
      why: "logit's work",
      argv: [THREE, "--max-supports", "1", "--max-gnm-work", "1", "--logit-limit", "1"],
      expect: /--logit-limit/,
    },
    {
      why: "both exact methods' sizes",
      argv: [C2, "--mixed-limit", "2", "--lcp-limit", "3"],
      expect: /--lcp-limit/,
    },
  ];
  for (const c of cases) {
    it(`${c.why}: ${c.argv.slice(1).join(" ")}`, async () => {
      const r = await runCli(["equilibrium", ...c.argv, "--starts", "1"]);
      expect(r.code).toBe(0);
      const text = r.stdout + r.stderr;
      expect(text).toMatch(c.expect);
      const { flags, options } = named(text);
      expect(flags.filter((f) => !FLAGS.has(f))).toEqual([]);
      expect(options).toEqual([]);
    });
  }
});
