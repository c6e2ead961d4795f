/**
 * A seeded fuzzer of the command line: each case takes a base command on a small example, mutates its
 * input file (truncation, a duplicated key, a byte flipped) or its flags (a value replaced by a hostile
 * one, a flag dropped or repeated), runs it in-process and checks invariants that do not depend on the
 * answer: the exit status is 0, 1 or 2; status 2 prints one line on stderr and nothing on stdout; no
 * exception other than a user error escapes; `--json` output parses; an evaluation's winrates sum to 1
 * and its choice probabilities lie in [0, 1]; an output file is either absent or complete; the input
 * file is never changed; the same case gives the same bytes twice, and on 1 and 2 workers (check);
 * probabilities and shares lie in [0, 1], winrates sum to 1 (evaluate, empirical's leaderboard), `U` lies
 * in [0, U_perfect] (empirical), check's counts stay within what it tried, and each pure equilibrium's
 * payoffs and regrets are recomputed with the library (evaluate and a fresh best response).
 * `npm test` runs a few hundred cases (test/fuzz/cli.test.ts); `npm run fuzz` runs many (test/fuzz/run.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import seedrandom from "seedrandom";
import { bestResponse } from "../../solvers/bestResponse/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import { evaluate } from "../../src/model/evaluate.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { runCli } from "../helpers/cli.js";

/**
 * Base commands: small examples, small budgets (each runs in well under a second). `FILE` is the
 * mutated copy of `file`; `OUT` an output path (absent or complete afterwards); `workers` names a
 * `--workers` flag whose other value must give the same bytes.
 */
interface Base {
  file: string;
  args: string[];
  /** The output flag `OUT` stands for, and how a complete file ends. */
  out?: { flag: string; ends: string };
  workers?: boolean;
  /** Relative frequency in the stream (default 1): `check` starts worker threads, the costliest part. */
  weight?: number;
}

const BASES: ReadonlyArray<Base> = [
  { file: "examples/three-producers.json", args: ["evaluate", "FILE", "--json"] },
  {
    file: "examples/three-producers.json",
    args: ["evaluate", "FILE", "--selection", "probit:sigma=0.1", "--json"],
  },
  { file: "examples/c5-winrate-copies.json", args: ["entry", "FILE", "--entrant", "top-k:k=1", "--json"] },
  { file: "examples/c2-two-producers.json", args: ["equilibrium", "FILE", "--rule", "winrate", "--json"] },
  { file: "examples/c2-two-producers.json", args: ["nash", "FILE", "--json"] },
  {
    file: "examples/c2-two-producers.json",
    args: ["compare", "FILE", "--entry", "top-k:k=1", "--sweep", "eps=0:1:3", "--rules", "winrate", "--json"],
  },
  {
    file: "examples/three-producers.json",
    args: ["sequential", "FILE", "--entrants", "1", "--space", "top-k:k=1", "--json"],
  },
  {
    file: "examples/three-producers.json",
    args: ["replace", "FILE", "--producer", "Copycat", "--space", "top-k:k=1", "--json"],
  },
  {
    file: "examples/three-producers.json",
    args: [
      "check",
      "--claim",
      "C1",
      "--claim",
      "C9",
      "--instances",
      "4",
      "--seed",
      "s",
      "--workers",
      "1",
      "--json",
    ],
    workers: true,
  },
  { file: "test/fixtures/pairwise/battles.csv", args: ["ratings", "FILE", "--json"] },
  {
    file: "test/fixtures/pairwise/scores.csv",
    args: ["calibrate", "FILE", "--pairwise", "test/fixtures/pairwise/battles.csv", "--json"],
  },
  {
    file: "test/fixtures/tables/hand-3x2.csv",
    args: ["empirical", "FILE", "--replace", "all", "--sweep", "none", "--json"],
    out: { flag: "--report", ends: "</html>\n" },
  },
];

/** The base at `u` in [0, 1) of the weighted stream over `bases`. */
function pick(bases: readonly Base[], u: number): Base {
  let at = u * bases.reduce((s, b) => s + (b.weight ?? 1), 0);
  for (const b of bases) {
    at -= b.weight ?? 1;
    if (at < 0) return b;
  }
  return bases[bases.length - 1]!;
}

const HOSTILE = [
  "0",
  "-1",
  "0x3",
  "1e308",
  "1e-400",
  "NaN",
  "",
  " ",
  "Infinity",
  "3.5",
  "top-k:k=0",
  "logit:beta=-1",
  "a\nb",
];

export interface FuzzOutcome {
  argv: string[];
  code: number;
  /** A violated invariant, or `undefined`. */
  problem?: string;
}

/** Numbers a reader must refuse or take exactly (never read as something else). */
const HOSTILE_NUMBERS = ["-1", "1e308", "-1e308", "1e-400", "NaN", "0x10", "1_000", "", "2", "0", "1e15"];

function mutateFile(text: string, rng: () => number): string {
  switch (Math.floor(rng() * 6)) {
    case 4: {
      // one number replaced by a hostile one (a weight, a score, a quality, a count)
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g)];
      if (numbers.length === 0) return text;
      const m = numbers[Math.floor(rng() * numbers.length)]!;
      const v = HOSTILE_NUMBERS[Math.floor(rng() * HOSTILE_NUMBERS.length)]!;
      return text.slice(0, m.index) + v + text.slice(m.index! + m[0].length);
    }
    case 5: {
      // a line repeated (a duplicate row or key) or dropped
      const lines = text.split("\n");
      const k = Math.floor(rng() * lines.length);
      return (
        rng() < 0.5
          ? [...lines.slice(0, k + 1), ...lines.slice(k)]
          : [...lines.slice(0, k), ...lines.slice(k + 1)]
      ).join("\n");
    }
    case 0:
      return text.slice(0, Math.floor(rng() * text.length));
    case 1: {
      // a key given twice: the reader must refuse it
      const at = text.indexOf('"name"');
      return at === -1 ? text : `${text.slice(0, at)}"name": "dup", ${text.slice(at)}`;
    }
    case 2: {
      const k = Math.floor(rng() * text.length);
      return text.slice(0, k) + String.fromCharCode(32 + Math.floor(rng() * 95)) + text.slice(k + 1);
    }
    default:
      return text;
  }
}

function mutateArgs(args: string[], rng: () => number): string[] {
  const out = args.slice();
  const flags = out.map((a, i) => (a.startsWith("--") ? i : -1)).filter((i) => i >= 0);
  if (flags.length === 0) return out;
  const i = flags[Math.floor(rng() * flags.length)]!;
  switch (Math.floor(rng() * 3)) {
    case 0:
      if (i + 1 < out.length && !out[i + 1]!.startsWith("--"))
        out[i + 1] = HOSTILE[Math.floor(rng() * HOSTILE.length)]!;
      return out;
    case 1:
      return [...out, out[i]!, ...(i + 1 < out.length && !out[i + 1]!.startsWith("--") ? [out[i + 1]!] : [])];
    default:
      return out.filter((_, k) => k !== i && !(k === i + 1 && !out[k]!.startsWith("--")));
  }
}

/** The invariants of an evaluation report: winrates sum to 1, probabilities in [0, 1]. */
function evaluationProblem(json: unknown): string | undefined {
  const rep = json as { producers?: Array<{ payoffs: Record<string, number>; choice: number[] }> };
  if (rep.producers === undefined) return undefined;
  const sum = rep.producers.reduce((s, p) => s + p.payoffs.winrate!, 0);
  if (Math.abs(sum - 1) > 1e-9) return `winrates sum to ${sum}`;
  for (const p of rep.producers)
    for (const x of p.choice) if (!(x >= -1e-12 && x <= 1 + 1e-12)) return `choice probability ${x}`;
  return undefined;
}

/** Keys whose values are ranks or correlations keyed by rule name, not shares. */
const NOT_SHARES = new Set(["ranks", "shiftVsAverage", "kendall", "alignmentWithWelfare", "tau"]);

/** Every number under a key that is a probability or a share lies in [0, 1]. */
function probabilityProblem(json: unknown, key = ""): string | undefined {
  if (typeof json === "number") {
    const share = ["winrate", "pairwise-winrate", "probability", "choice", "share"].includes(key);
    return share && !(json >= -1e-12 && json <= 1 + 1e-12) ? `${key} = ${json} outside [0, 1]` : undefined;
  }
  if (Array.isArray(json)) {
    for (const v of json) {
      const p = probabilityProblem(v, key);
      if (p !== undefined) return p;
    }
  } else if (json !== null && typeof json === "object") {
    for (const [k, v] of Object.entries(json)) {
      if (NOT_SHARES.has(k)) continue;
      const p = probabilityProblem(v, k);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

/** empirical: U between 0 and U_perfect, and the leaderboard's winrates sum to 1. */
function empiricalProblem(json: unknown): string | undefined {
  const rep = json as {
    welfare: { U: number; perfect: number };
    leaderboards: { rows: Array<{ payoffs: Record<string, number> }> };
  };
  if (!(rep.welfare.U >= -1e-12 && rep.welfare.U <= rep.welfare.perfect * (1 + 1e-9) + 1e-12))
    return `U = ${rep.welfare.U} outside [0, U_perfect = ${rep.welfare.perfect}]`;
  const sum = rep.leaderboards.rows.reduce((s, r) => s + r.payoffs.winrate!, 0);
  return Math.abs(sum - 1) > 1e-9 ? `leaderboard winrates sum to ${sum}` : undefined;
}

/** check: counts within what was tried, and `ok` exactly when every claim is consistent. */
function checkProblem(json: unknown): string | undefined {
  const rep = json as {
    ok: boolean;
    claims: Array<{ tried: number; hits: number; vacuous: number; consistent: boolean }>;
  };
  for (const c of rep.claims)
    if (c.hits > c.tried || c.vacuous > c.tried) return `counts beyond tried: ${JSON.stringify(c)}`;
  return rep.ok !== rep.claims.every((c) => c.consistent) ? "ok disagrees with the claims" : undefined;
}

/**
 * equilibrium: each pure equilibrium's payoffs and regrets recomputed with the library (evaluate and
 * a fresh best response): the payoff is the evaluation's, and no producer gains more than its
 * certified regret bound by deviating.
 */
function equilibriumProblem(json: unknown, input: string): string | undefined {
  const rep = json as {
    rule?: string;
    pure?: Array<{
      producers: Array<{ quality: number[]; payoff: number; regret?: { regretBound: number } }>;
    }>;
  };
  if (rep.rule === undefined || rep.pure === undefined) return undefined;
  const market = readMarketFile(input);
  for (const e of rep.pure.slice(0, 3)) {
    const m = {
      ...market,
      producers: market.producers.map((p, i) => ({ ...p, quality: e.producers[i]!.quality })),
    };
    const ev = evaluate(m, [payoffRule(rep.rule)]);
    for (let i = 0; i < m.producers.length; i++) {
      const p = e.producers[i]!;
      const again = ev.producers[i]!.payoffs[rep.rule]!;
      if (Math.abs(again - p.payoff) > 1e-9 * Math.max(1, Math.abs(again)))
        return `${m.producers[i]!.name}'s payoff ${p.payoff} recomputed as ${again}`;
      if (p.regret === undefined || m.producers[i]!.space.kind === "fixed") continue;
      const best = bestResponse(m, i, rep.rule).value;
      if (best - p.payoff > p.regret.regretBound + 1e-9 * Math.max(1, Math.abs(best)))
        return `${m.producers[i]!.name} gains ${best - p.payoff} by deviating, above its regret bound ${p.regret.regretBound}`;
    }
  }
  return undefined;
}

function reportProblem(command: string, json: unknown, input: string): string | undefined {
  return (
    probabilityProblem(json) ??
    (command === "evaluate"
      ? evaluationProblem(json)
      : command === "empirical"
        ? empiricalProblem(json)
        : command === "check"
          ? checkProblem(json)
          : command === "equilibrium"
            ? equilibriumProblem(json, input)
            : undefined)
  );
}

/**
 * Runs case `k` of the stream seeded by `seed` and checks the invariants; `threads: false` leaves out
 * the bases that start worker threads (`check`).
 *
 * @example
 * await fuzzCase("1", 0); // { argv: [...], code: 0 }
 */
// Over 80 lines: one case end to end (input, flags, run, every invariant in the order a reader checks them).
export async function fuzzCase(
  seed: string,
  k: number,
  options: { threads?: boolean } = {},
): Promise<FuzzOutcome> {
  const rng = seedrandom.alea(`${seed}:${k}`);
  // worker threads start from source in tests (a TypeScript compile each): the long run only
  const base = pick(options.threads === false ? BASES.filter((b) => b.workers !== true) : BASES, rng());
  const dir = mkdtempSync(join(tmpdir(), "modelmarket-fuzz-"));
  try {
    const input = join(dir, `input${extname(base.file)}`);
    const original = readFileSync(base.file, "utf8");
    const text = rng() < 0.4 ? mutateFile(original, rng) : original;
    writeFileSync(input, text);
    let argv = base.args.map((a) => (a === "FILE" ? input : a));
    if (rng() < 0.6) argv = mutateArgs(argv, rng);
    const output = join(dir, base.out === undefined ? "out.json" : "out.html");
    const outFlag =
      base.out?.flag ??
      (["entry", "replace", "equilibrium", "sequential", "compare", "check"].includes(argv[0]!)
        ? "--output"
        : undefined);
    const withOutput = outFlag !== undefined && rng() < 0.5;
    if (withOutput) argv.push(outFlag, output);
    let r: Awaited<ReturnType<typeof runCli>>;
    try {
      r = await runCli(argv);
    } catch (err) {
      return { argv, code: -1, problem: `exception: ${(err as Error).stack?.split("\n")[0]}` };
    }
    const fail = (problem: string): FuzzOutcome => ({ argv, code: r.code, problem });
    if (![0, 1, 2].includes(r.code)) return fail(`exit status ${r.code}`);
    // a key given twice is refused, never read with the last value silently winning
    if (text.includes('"name": "dup", "name"') && argv.includes(input) && r.code !== 2)
      return fail("a duplicate key was accepted");
    if (readFileSync(input, "utf8") !== text) return fail("the input file changed");
    if (r.code === 2) {
      if (r.stdout !== "") return fail("output on stdout with exit 2");
      if (r.stderr.trim().split("\n").length !== 1)
        return fail(`stderr not one line: ${JSON.stringify(r.stderr)}`);
      if (existsSync(output)) return fail("an output file written by a failed run");
    }
    // an output file is absent or complete, never half-written
    if (existsSync(output)) {
      const written = readFileSync(output, "utf8");
      if (
        base.out !== undefined ? !written.endsWith(base.out.ends) : written !== "" && !written.endsWith("}\n")
      )
        return fail("a half-written output file");
    }
    if (r.code !== 2 && argv.includes("--json")) {
      let json: unknown;
      try {
        json = JSON.parse(r.stdout);
      } catch {
        return fail("--json output does not parse");
      }
      const p = reportProblem(argv[0]!, json, input);
      if (p !== undefined) return fail(p);
      if (withOutput && outFlag === "--output" && readFileSync(output, "utf8") !== r.stdout)
        return fail("--output differs from stdout");
    }
    const again = await runCli(argv);
    if (again.code !== r.code || again.stdout !== r.stdout) return fail("not deterministic");
    if (base.workers === true && argv.includes("--workers")) {
      // the same bytes on 1 and 2 workers
      const i = argv.indexOf("--workers");
      const other = argv.map((a, j) => (j === i + 1 ? (a === "1" ? "2" : "1") : a));
      const two = await runCli(other);
      if (r.code !== 2 && (two.code !== r.code || two.stdout !== r.stdout))
        return fail("different output on 1 and 2 workers");
    }
    return { argv, code: r.code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
