/**
 * The fenced blocks of README.md, examples/README.md and docs/*.md, and the commands of their `sh`
 * blocks with the output lines the docs state after each (read by test/docs/fenced-blocks.test.ts,
 * which runs them).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/paths.js";

export interface Block {
  file: string;
  line: number;
  lang: "sh" | "ts";
  body: string[];
}

const SH = new Set(["sh", "bash", "shell", "console"]);
const TS = new Set(["ts", "typescript"]);
/** First words that make a line of an `sh` block a command (anything else is expected output). */
const PROGRAMS = new Set([
  "modelmarket",
  "node",
  "npm",
  "npx",
  "cat",
  "ls",
  "cd",
  "mkdir",
  "rm",
  "cp",
  "diff",
  "head",
  "tail",
  "grep",
  "echo",
  "test",
]);

/** A block marked illustration only, with the reason the mark gives (empty when it gives none). */
export interface Illustration {
  file: string;
  line: number;
  reason: string;
}

/**
 * The runnable fenced blocks of one markdown file, and the blocks marked illustration only: by
 * `<!-- illustration: REASON -->` on the line before, or `illustration` in the info string (the reason
 * is then the text after it, or the block's first `# comment`).
 */
export function blocksOf(file: string): { blocks: Block[]; illustrations: Illustration[] } {
  const lines = readFileSync(join(REPO_ROOT, file), "utf8").split("\n");
  const blocks: Block[] = [];
  const illustrations: Illustration[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (open === null) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith("```")) end++;
    const lang = open[1]!.toLowerCase();
    const body = lines.slice(i + 1, end);
    let prev = i - 1;
    while (prev >= 0 && lines[prev]!.trim() === "") prev--;
    const inInfo = /\billustration\b:?\s*(.*)$/.exec(open[2]!);
    const inComment = /^<!--\s*illustration\b:?\s*(.*?)\s*(?:-->)?\s*$/.exec(lines[prev] ?? "");
    if (SH.has(lang) || TS.has(lang)) {
      if (inInfo !== null || inComment !== null) {
        const comment = body.map((l) => /(?:^|\s)#\s*(.+)$/.exec(l)?.[1]).find((c) => c !== undefined);
        const reason = inComment?.[1] ?? (inInfo?.[1] || comment || "");
        illustrations.push({ file, line: i + 1, reason: reason.trim() });
      } else blocks.push({ file, line: i + 1, lang: SH.has(lang) ? "sh" : "ts", body });
    }
    i = end;
  }
  return { blocks, illustrations };
}

export interface ShCommand {
  command: string;
  line: number;
  output: string[];
  /**
   * The reason given by a trailing `# prints nothing: REASON` (a command whose result goes to a file):
   * the test checks that it prints nothing on stdout, in place of stated lines.
   */
  printsNothing?: string;
}

/** The reason of a trailing `# prints nothing: REASON` comment on a command line. */
const PRINTS_NOTHING = /\s#\s*prints nothing:\s*(.+?)\s*$/;

/** Commands of an `sh` block (continuation lines joined) with the output lines shown after each. */
export function shCommands(block: Block): ShCommand[] {
  const out: ShCommand[] = [];
  for (let k = 0; k < block.body.length; k++) {
    let text = block.body[k]!;
    const line = block.line + 1 + k;
    if (text.trim() === "" || text.trimStart().startsWith("#")) continue;
    while (text.endsWith("\\") && k + 1 < block.body.length)
      text = `${text.slice(0, -1)} ${block.body[++k]!}`;
    const first = text.trim().split(/\s+/)[0]!;
    const silent = PRINTS_NOTHING.exec(text)?.[1];
    if (PROGRAMS.has(first))
      out.push({
        command: text.trim(),
        line,
        output: [],
        ...(silent === undefined ? {} : { printsNothing: silent }),
      });
    else if (out.length > 0) out[out.length - 1]!.output.push(text.trim());
    else throw new Error(`${block.file}:${line}: output line before any command: ${text}`);
  }
  return out;
}

/**
 * The first stated output line that `stdout` does not print after the ones stated before it, or
 * undefined when every stated line is there in order. Lines compare with the spaces at either end
 * trimmed (the docs indent some); stdout may print other lines between and around them.
 *
 * @example
 * statedMissing(["b", "c"], "a\n  b\nc\n"); // undefined
 */
export function statedMissing(stated: string[], stdout: string): string | undefined {
  const lines = stdout.split("\n").map((l) => l.trim());
  let at = 0;
  for (const o of stated) {
    while (at < lines.length && lines[at] !== o) at++;
    if (at === lines.length) return o;
    at++;
  }
  return undefined;
}

export const DOCS = [
  "README.md",
  "examples/README.md",
  ...readdirSync(join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];
