/**
 * Logs and score tables from pipes, FIFOs, process substitution and standard input (issue 21, item
 * 2): each is read once, from start to end. Before, the pairwise reader sniffed the format from the
 * head of the file and then opened it again, so a stream lost its head (a pipe through `/dev/stdin`
 * read as empty, `<(zcat log.json.gz)` as a JSON array without its `[`), and `-` was a missing file.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { readPairwise } from "../../src/io/pairwise.js";
import { readScoreTable } from "../../src/io/scoreTable.js";

const run = promisify(execFile);
const BIN = join(process.cwd(), "bin/modelmarket.js");
const dir = mkdtempSync(join(tmpdir(), "modelmarket-pipes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const VICUNA = "data/vicuna80_human_judgements.csv";
const TABLE = "test/fixtures/pairwise/scores.csv";
/** The fixture's JSON Lines as one JSON array (FastChat's layout). */
const JSON_ARRAY = join(dir, "battles.json");
writeFileSync(
  JSON_ARRAY,
  `[${readFileSync("test/fixtures/pairwise/battles.jsonl", "utf8").trim().split("\n").filter(Boolean).join(",\n")}]\n`,
);

/** Runs a bash command line in which `$MM` is the command; its exit code, stdout and stderr. */
async function bash(line: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run("bash", ["-c", line.replaceAll("$MM", '"$MM_NODE" "$MM_BIN"')], {
      env: { ...process.env, MM_NODE: process.execPath, MM_BIN: BIN },
      maxBuffer: 1 << 24,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A FIFO at `path` fed with `file` by a `cat` of its own. */
async function fifoOf(file: string, name: string): Promise<string> {
  const path = join(dir, name);
  await run("mkfifo", [path]);
  spawn("bash", ["-c", `cat "${file}" > "${path}"`], { stdio: "ignore" });
  return path;
}

describe("streams read once", () => {
  it("readPairwise of a FIFO gives the data of the file (CSV and JSON)", async () => {
    const fifo = await fifoOf(VICUNA, "vicuna.fifo");
    expect(readPairwise(fifo, { chunkBytes: 4096 }).cells).toEqual(readPairwise(VICUNA).cells);
    const fifo2 = await fifoOf(JSON_ARRAY, "battles.fifo");
    expect(readPairwise(fifo2).cells).toEqual(readPairwise(JSON_ARRAY).cells);
  });

  it("readScoreTable of a FIFO gives the table of the file", async () => {
    const fifo = await fifoOf("data/wildbench_v2_task_scores.csv", "table.fifo");
    expect(JSON.stringify(readScoreTable(fifo)).replaceAll(fifo, "F")).toBe(
      JSON.stringify(readScoreTable("data/wildbench_v2_task_scores.csv")).replaceAll(
        "data/wildbench_v2_task_scores.csv",
        "F",
      ),
    );
  });

  it("ratings reads a pipe through /dev/stdin, `-` and a process substitution as the file", async () => {
    const file = await bash(`$MM ratings ${VICUNA} --task overall --json`);
    expect(file.code).toBe(0);
    const rows = (out: string) => JSON.stringify((JSON.parse(out) as { ratings: unknown }).ratings);
    for (const line of [
      `cat ${VICUNA} | $MM ratings /dev/stdin --task overall --json`,
      `cat ${VICUNA} | $MM ratings - --task overall --json`,
      `$MM ratings <(cat ${VICUNA}) --task overall --json`,
    ]) {
      const r = await bash(line);
      expect(r.stderr, line).toBe("");
      expect(rows(r.stdout), line).toBe(rows(file.stdout));
    }
  });

  it("calibrate reads its score table from `-` and its judgements from a process substitution", async () => {
    const file = await bash(`$MM calibrate ${TABLE} --pairwise ${JSON_ARRAY} --json`);
    expect(file.code).toBe(0);
    const piped = await bash(`cat ${TABLE} | $MM calibrate - --pairwise <(cat ${JSON_ARRAY}) --json`);
    expect(piped.code).toBe(0);
    const fits = (out: string) => JSON.stringify((JSON.parse(out) as { fits: unknown }).fits);
    expect(fits(piped.stdout)).toBe(fits(file.stdout));
  });

  it("the text output names standard input <stdin>", async () => {
    const r = await bash(`cat ${VICUNA} | $MM ratings - --task overall`);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^<stdin>: overall \(bradley-terry;/);
  });

  it("an empty standard input is named <stdin>", async () => {
    const r = await bash("$MM ratings - < /dev/null");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("modelmarket ratings: <stdin>: line 1, column 1: empty file (no header)\n");
  });
});
