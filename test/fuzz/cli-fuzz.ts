/**
 * A seeded fuzzer of the command line: each case takes a base command on a small example, mutates its
 * input file (truncation, a duplicated key, a byte flipped) or its flags (a value replaced by a hostile
 * one, a flag dropped or repeated), runs it in-process and checks invariants that do not depend on the
 * answer: the exit status is 0, 1 or 2; status 2 prints one line on stderr and nothing on stdout; no
 * exception other than a user error escapes; `--json` output parses; an evaluation's winrates sum to 1
 * and its choice probabilities lie in [0, 1]; an output file is either absent or complete; the input
 * file is never changed; and the same case gives the same bytes twice (determinism).
 * `npm test` runs a few dozen cases (test/fuzz/cli.test.ts); `npm run fuzz` runs many (test/fuzz/run.ts).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { runCli } from "../helpers/cli.js";

/** Base commands: small examples, small budgets (each runs in well under a second). */
const BASES: ReadonlyArray<{ file: string; args: string[] }> = [
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
];

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

function mutateFile(text: string, rng: () => number): string {
  switch (Math.floor(rng() * 4)) {
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

/**
 * Runs case `k` of the stream seeded by `seed` and checks the invariants.
 *
 * @example
 * await fuzzCase("1", 0); // { argv: [...], code: 0 }
 */
export async function fuzzCase(seed: string, k: number): Promise<FuzzOutcome> {
  const rng = seedrandom.alea(`${seed}:${k}`);
  const base = BASES[Math.floor(rng() * BASES.length)]!;
  const dir = mkdtempSync(join(tmpdir(), "modelmarket-fuzz-"));
  try {
    const input = join(dir, "input.json");
    const original = readFileSync(base.file, "utf8");
    const text = rng() < 0.4 ? mutateFile(original, rng) : original;
    writeFileSync(input, text);
    let argv = base.args.map((a) => (a === "FILE" ? input : a));
    if (rng() < 0.6) argv = mutateArgs(argv, rng);
    const output = join(dir, "out.json");
    const withOutput = ["entry", "equilibrium", "sequential", "compare"].includes(argv[0]!) && rng() < 0.5;
    if (withOutput) argv.push("--output", output);
    let r: Awaited<ReturnType<typeof runCli>>;
    try {
      r = await runCli(argv);
    } catch (err) {
      return { argv, code: -1, problem: `exception: ${(err as Error).stack?.split("\n")[0]}` };
    }
    const fail = (problem: string): FuzzOutcome => ({ argv, code: r.code, problem });
    if (![0, 1, 2].includes(r.code)) return fail(`exit status ${r.code}`);
    // a key given twice is refused, never read with the last value silently winning
    if (text.includes('"name": "dup", "name"') && r.code !== 2) return fail("a duplicate key was accepted");
    if (readFileSync(input, "utf8") !== text) return fail("the input file changed");
    if (r.code === 2) {
      if (r.stdout !== "") return fail("output on stdout with exit 2");
      if (r.stderr.trim().split("\n").length !== 1)
        return fail(`stderr not one line: ${JSON.stringify(r.stderr)}`);
      if (existsSync(output)) return fail("an output file written by a failed run");
    }
    if (r.code === 0 && argv.includes("--json")) {
      let json: unknown;
      try {
        json = JSON.parse(r.stdout);
      } catch {
        return fail("--json output does not parse");
      }
      const p = argv[0] === "evaluate" ? evaluationProblem(json) : undefined;
      if (p !== undefined) return fail(p);
      if (withOutput && readFileSync(output, "utf8") !== r.stdout)
        return fail("--output differs from stdout");
    }
    const again = await runCli(argv);
    if (again.code !== r.code || again.stdout !== r.stdout) return fail("not deterministic");
    return { argv, code: r.code };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
