/**
 * Regression tests for the command line: flags that were silently reinterpreted, output
 * files (symbolic links, devices, FIFOs, `-`), the check command's up-front refusals and limits,
 * determinism of check reports, and the small things (no arguments, EPIPE, messages).
 */
import { execFile, spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { oneLine } from "../../cli/main.js";
import { InputError } from "../../src/errors.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { runCli } from "../helpers/cli.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "modelmarket-cli-hardening-"));
const EXAMPLE = "examples/three-producers.json";
const PD = 'NFG 1 R "PD" { "1" "2" } { 2 2 }\n3 3\u00a00 5 5 0 1 1\n';
const C6 = "test/fixtures/counterexamples/C6.market.json";
const BIN = join(process.cwd(), "bin/modelmarket.js");

/** A user error: exit 2, nothing on stdout, one line on stderr that contains `message`. */
async function expectUserError(argv: string[], message: string | RegExp): Promise<string> {
  const r = await runCli(argv);
  expect(r.code, argv.join(" ")).toBe(2);
  expect(r.stdout, argv.join(" ")).toBe("");
  expect(r.stderr.endsWith("\n")).toBe(true);
  expect(r.stderr.trimEnd().split("\n"), argv.join(" ")).toHaveLength(1);
  if (typeof message === "string") expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
  return r.stderr;
}

describe("item 1: the issue's .nfg with a no-break space solves (it hung before)", () => {
  it("nash gives the prisoner's dilemma's only equilibrium", async () => {
    const path = join(dir, "pd-nbsp.nfg");
    writeFileSync(path, PD);
    const r = await runCli(["nash", path]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("NE,1,0,1,0\n");
  });
});

describe("items 3 and 10: flags are decimal-only and never silently reinterpreted", () => {
  it.each([
    [
      ["evaluate", EXAMPLE, "--weights", "0x8,1,1,1"],
      'modelmarket evaluate: --weights: not a decimal number: "0x8"',
    ],
    [["evaluate", EXAMPLE, "--weights", "0b101,1,1,1"], 'not a decimal number: "0b101"'],
    [["evaluate", EXAMPLE, "--weights", "0o7,1,1,1"], 'not a decimal number: "0o7"'],
    [
      ["evaluate", EXAMPLE, "--weights", "Infinity,1,1,1"],
      '--weights: not a finite number (NaN, Infinity, or beyond +-1.8e308): "Infinity"',
    ],
    [
      ["evaluate", EXAMPLE, "--selection", "logit:beta=NaN"],
      '--selection beta: not a finite number (NaN, Infinity, or beyond +-1.8e308): "NaN"',
    ],
    [
      ["evaluate", EXAMPLE, "--selection", "logit:beta=1e400"],
      '--selection beta: not a finite number (NaN, Infinity, or beyond +-1.8e308): "1e400"',
    ],
    [
      ["evaluate", EXAMPLE, "--selection", "logit:beta=0x8"],
      '--selection beta: must be a number, got string "0x8"',
    ],
    [["check", "--instances", "0x10"], '--instances: must be a finite number written in decimal, got "0x10"'],
    [["check", "--instances", ""], '--instances: must be a finite number written in decimal, got ""'],
    [
      ["empirical", "data/mtbench101_task_scores.csv", "--replace", "0x8"],
      '--replace: expected all, none or a number of models, got "0x8"',
    ],
    [["evaluate", EXAMPLE, "--selection", "logit:beta=8,beta=9"], '--selection: key "beta" given twice'],
    [["evaluate", EXAMPLE, "--weights", "code=1,code=9"], '--weights: task "code" given twice'],
    [
      ["evaluate", EXAMPLE, "--selection", "logit:rule=probit,sigma=0.1"],
      '--selection: "rule" is not a parameter of logit (write the rule before the colon, e.g. probit:...)',
    ],
    [["entry", EXAMPLE, "--entrant", "top-k:k=1", "--rules", ""], '--rules: empty item in ""'],
    [
      ["entry", EXAMPLE, "--entrant", "top-k:k=1", "--rules", "winrate,,average-score"],
      "--rules: empty item",
    ],
    [["check", "--claim", ""], '--claim: empty item in ""'],
    [
      ["entry", EXAMPLE, "--entrant", "top-k:k=1", "--name", ""],
      "modelmarket entry: --name: must not be empty",
    ],
    [["entry", EXAMPLE, "--entrant", "top-k:k=1", "--name", " "], "--name: must not be empty"],
  ])("%j", async (argv, message) => {
    await expectUserError(argv, message);
  });
});

describe("item 7: limits on input size, each a flag", () => {
  it("an .nfg header of 10^18 profiles is refused before anything is built; --max-profiles sets the limit", async () => {
    const big = join(dir, "big.nfg");
    writeFileSync(big, 'NFG 1 R "big" { "1" "2" } { 1000000000 1000000000 }\n');
    await expectUserError(
      ["nash", big],
      `${big}: line 1, token 1000000000: 1,000,000,000 pure profiles (at least, from the strategy counts) exceed the limit of 1,000,000; raise it with --max-profiles N`,
    );
    const pd = join(dir, "pd.nfg");
    writeFileSync(pd, PD);
    await expectUserError(
      ["nash", pd, "--max-profiles", "3"],
      "exceed the limit of 3; raise it with --max-profiles N",
    );
    expect((await runCli(["nash", pd, "--max-profiles", "4"])).stdout).toBe("NE,1,0,1,0\n");
  });

  it("check --instances 1e15 is refused against --max-instances", async () => {
    await expectUserError(
      ["check", "--instances", "1e15"],
      "modelmarket check: --instances: 1000000000000000 is more than the limit 1000000 per claim (raise it with --max-instances)",
    );
    await expectUserError(
      ["check", "--instances", "300", "--max-instances", "200"],
      "--instances: 300 is more than the limit 200",
    );
  });

  it("--workers is capped", async () => {
    await expectUserError(
      ["check", "--workers", "100000"],
      /--workers: 100000 is more than \d+ \(at most 4 per available core, 64 in all\)/,
    );
  });
});

describe("item 9: output files", () => {
  it("writes through a symbolic link to its regular target, atomically; the link stays a link", async () => {
    const target = join(dir, "target.json");
    const link = join(dir, "link.json");
    writeFileSync(target, "old");
    symlinkSync("target.json", link);
    const r = await runCli([
      "entry",
      EXAMPLE,
      "--entrant",
      "top-k:k=1",
      "--rules",
      "winrate",
      "--output",
      link,
    ]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("target.json");
    expect(JSON.parse(readFileSync(target, "utf8")).file).toBe(EXAMPLE);
  });

  it("a dangling link creates its target; a chain of links is followed; a loop is one line", () => {
    const dangling = join(dir, "dangling.json");
    symlinkSync("created.json", dangling);
    writeFileAtomic(dangling, "x");
    expect(readFileSync(join(dir, "created.json"), "utf8")).toBe("x");
    symlinkSync("dangling.json", join(dir, "chain.json"));
    writeFileAtomic(join(dir, "chain.json"), "y");
    expect(readFileSync(join(dir, "created.json"), "utf8")).toBe("y");
    expect(lstatSync(join(dir, "chain.json")).isSymbolicLink()).toBe(true);
    symlinkSync("loop-b", join(dir, "loop-a"));
    symlinkSync("loop-a", join(dir, "loop-b"));
    expect(() => writeFileAtomic(join(dir, "loop-a"), "z")).toThrow(InputError);
  });

  it("keeps an existing file's permission bits", () => {
    const path = join(dir, "mode.json");
    writeFileSync(path, "a", { mode: 0o640 });
    writeFileAtomic(path, "b");
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readFileSync(path, "utf8")).toBe("b");
  });

  it("writes plainly to a character device: /dev/null stays a device", () => {
    writeFileAtomic("/dev/null", "nothing");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("writes plainly to a FIFO", async () => {
    const fifo = join(dir, "fifo");
    await run("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (d: Buffer) => {
      got += d.toString();
    });
    const closed = new Promise((done) => reader.on("close", done));
    writeFileAtomic(fifo, "through the pipe\n");
    await closed;
    expect(got).toBe("through the pipe\n");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("a directory as output is refused before the run", async () => {
    await expectUserError(
      ["entry", EXAMPLE, "--entrant", "top-k:k=1", "--output", dir],
      `${dir}: --output: is a directory`,
    );
    await expectUserError(
      ["entry", EXAMPLE, "--entrant", "top-k:k=1", "--output", join(dir, "no/such/folder.json")],
      "does not exist",
    );
  });

  it("- is standard output: entry --output -, check --output -, empirical --report -", async () => {
    const cwd = process.cwd();
    const entry = await runCli([
      "entry",
      EXAMPLE,
      "--entrant",
      "top-k:k=1",
      "--rules",
      "winrate",
      "--output",
      "-",
    ]);
    expect(entry.code).toBe(0);
    expect(JSON.parse(entry.stdout).file).toBe(EXAMPLE);
    const check = await runCli([
      "check",
      "--claim",
      "C1",
      "--instances",
      "20",
      "--workers",
      "1",
      "--output",
      "-",
    ]);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as { format: string; timings?: unknown };
    expect(report.format).toBe("modelmarket-check/1");
    expect(report.timings).toBeUndefined();
    const csv = join(dir, "small.csv");
    writeFileSync(csv, "model,a,b\nA,0.9,0.1\nB,0.2,0.8\nC,0.5,0.5\n");
    const html = await runCli(["empirical", csv, "--replace", "none", "--sweep", "none", "--report", "-"]);
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stderr).toBe("");
    await expectUserError(
      ["empirical", csv, "--report", "-", "--json"],
      "--report: - and --json would both print",
    );
    expect(existsSync(join(cwd, "-"))).toBe(false);
  });

  it("check --counterexamples pointed at an existing file is refused up front", async () => {
    const path = join(dir, "a-file");
    writeFileSync(path, "");
    // a million instances per claim would run for many minutes: refused before any runs
    await expectUserError(
      ["check", "--instances", "1000000", "--counterexamples", path],
      `${path}: --counterexamples: exists and is not a folder`,
    );
    await expectUserError(
      ["check", "--counterexamples", "-"],
      '--counterexamples: needs a folder name, got "-"',
    );
  });

  it("check --counterexamples creates the folder and writes the hits", async () => {
    const cx = join(dir, "cx", "nested");
    const r = await runCli([
      "check",
      "--claim",
      "C6-caps",
      "--instances",
      "10",
      "--workers",
      "1",
      "--counterexamples",
      cx,
    ]);
    expect(r.code).toBe(0);
    const market = JSON.parse(readFileSync(join(cx, "C6-caps.json"), "utf8")) as { description: string };
    expect(market.description).toContain(
      "modelmarket replace THIS_FILE --producer entrant --rules winrate,weighted-winrate",
    );
  });

  it("check merge of a file that is not a shard file, or a broken one, is one line", async () => {
    const report = join(dir, "no-claims.json");
    writeFileSync(
      report,
      JSON.stringify({ format: "modelmarket-check/1", seed: "1", instances: 10, shard: null }),
    );
    await expectUserError(
      ["check", "merge", report],
      `${report}: $.format: not a shard file (expected "modelmarket-shard/1")`,
    );
    const broken = join(dir, "shard-1-of-2.json");
    writeFileSync(broken, JSON.stringify({ format: "modelmarket-shard/1", tool: "modelmarket 0.1.0" }));
    await expectUserError(["check", "merge", broken], `${broken}: $.build: missing or not a string`);
  });
});

describe("item 11: small things", () => {
  it("modelmarket with no arguments prints the help to stderr and exits 2", async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: modelmarket COMMAND/);
    expect((await runCli(["--help"])).code).toBe(0);
  });

  it("check --list | head exits quietly (EPIPE)", async () => {
    const { stdout, stderr } = await run("bash", [
      "-c",
      `set -o pipefail; node ${BIN} check --list | head -1`,
    ]);
    expect(stdout).toMatch(/^C1 /);
    expect(stderr).toBe("");
    // 170 kB of JSON, more than a pipe holds: the write surely fails with EPIPE (it crashed before)
    const big = await run("bash", [
      "-c",
      `set -o pipefail; node ${BIN} evaluate data/livebench_2026_01_08_task_scores.csv --selection perfect --normalize minmax --json | head -c 10`,
    ]);
    expect(big.stdout).toBe('{\n  "file"');
    expect(big.stderr).toBe("");
  }, 60_000);

  it("lp on a three-player game suggests only methods that take N players", async () => {
    await expectUserError(
      ["nash", "test/fixtures/nfg/mckelvey-2x2x2.nfg", "--method", "lp"],
      "--method: lp needs a two-player game; this one has 3 players (methods for any number of players: enumpure, enumpoly, gnm, simpdiv, fp, replicator, regret, logit)",
    );
  });

  it("empirical on a market file says it takes CSV score tables", async () => {
    await expectUserError(["empirical", EXAMPLE], `${EXAMPLE}: empirical takes a CSV score table`);
  });

  it("the C6 counterexample's command shows the violation: winrate's entrant gives more welfare", async () => {
    const r = await runCli([
      "replace",
      C6,
      "--producer",
      "entrant",
      "--rules",
      "winrate,weighted-winrate",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      rules: Array<{ rule: string; welfareMin: number; welfareMax: number }>;
    };
    const [wr, wwr] = out.rules;
    expect(wr!.rule).toBe("winrate");
    expect(wr!.welfareMax).toBeCloseTo(0.6622115198, 9);
    expect(wwr!.welfareMin).toBeCloseTo(0.6474840569, 9);
  });

  it("every replace --help example runs", async () => {
    const help = (await runCli(["replace", "--help"])).stdout;
    const examples = help
      .split("\n")
      .filter((l) => l.startsWith("  modelmarket replace"))
      .map((l) => l.trim().split(/\s+/).slice(1));
    expect(examples.length).toBe(3);
    for (const argv of examples) {
      const r = await runCli(argv);
      expect(r.stderr, argv.join(" ")).toBe("");
      expect(r.code, argv.join(" ")).toBe(0);
    }
  });

  it("check reports are byte-identical for 1 and 2 workers; timings only with --timings", async () => {
    const argv = ["check", "--claim", "C1", "--claim", "C6-caps", "--instances", "200", "--seed", "h9"];
    const one = await runCli([...argv, "--workers", "1"]);
    const two = await runCli([...argv, "--workers", "2"]);
    expect(two.stdout).toBe(one.stdout);
    const oneJson = await runCli([...argv, "--workers", "1", "--json"]);
    const twoJson = await runCli([...argv, "--workers", "2", "--json"]);
    expect(twoJson.stdout).toBe(oneJson.stdout);
    const timed = await runCli([...argv, "--workers", "1", "--timings"]);
    expect(timed.stdout).toMatch(/time \d+\.\d\ds on 1 worker/);
    expect(one.stdout).not.toMatch(/time \d/);
  }, 60_000);

  it("error messages are always one line (control characters escaped)", async () => {
    expect(oneLine("a\nb\r\tc\u0000\u2028")).toBe("a\\nb\\r\\tc\\u0000\\u2028");
    const path = join(dir, "ctl.csv");
    writeFileSync(path, "model,a\nA,\u001b[31m\n");
    await expectUserError(
      ["evaluate", path, "--selection", "perfect"],
      'not a decimal number: "\\u001b[31m"',
    );
  });

  it("an unterminated string in an .nfg file is one line", async () => {
    const path = join(dir, "unterminated.nfg");
    writeFileSync(path, 'NFG 1 R "PD { "1" "2" }\n{ 2 2 }\n');
    mkdirSync(join(dir, "x"), { recursive: true });
    await expectUserError(["nash", path], `${path}: line 1, token ": unterminated string`);
  });
});
