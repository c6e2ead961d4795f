/**
 * The size rules of the source folders: no file over 500 lines, and no function over 80 lines unless
 * a comment inside it or just before it says why, in the form `Over 80 lines: REASON`. Prints every
 * long function (with its reason, or "NO REASON") and every long file; exits 1 when a rule is broken.
 *
 * Usage: `npm run sizes` (`node --import tsx scripts/sizes.ts`). `test/sizes.test.ts` runs the same
 * check in the test suite.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The folders whose sources the rules cover (tests and benchmarks are not held to them). */
export const SOURCE_FOLDERS = ["src", "solvers", "proofs-check", "empirical", "cli", "web", "bin"];
export const MAX_FILE_LINES = 500;
export const MAX_FUNCTION_LINES = 80;
/** The marker of a reason, in a comment inside a long function or just before it. */
const REASON = /Over 80 lines: ([^\n*]+)/;

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
  /** The reason given, or `null`. */
  reason: string | null;
}

export interface SizeReport {
  longFiles: { file: string; lines: number }[];
  longFunctions: LongFunction[];
}

function sourceFiles(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs|js)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
    }
  };
  walk(join(root, folder));
  return out.sort();
}

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) {
    return node.name.getText(sf);
  }
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText(sf);
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText(sf);
  return "(anonymous)";
}

/** The text a reason may be in: the function's own text and the comments just before it. */
function reasonOf(node: ts.Node, sf: ts.SourceFile): string | null {
  const text = sf.text;
  let holder: ts.Node = node;
  while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent)) {
    if (ts.isClassDeclaration(holder.parent) || ts.isObjectLiteralExpression(holder.parent)) break;
    holder = holder.parent;
  }
  const before = (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [])
    .map((r) => text.slice(r.pos, r.end))
    .join("\n");
  const m = REASON.exec(`${before}\n${text.slice(node.getStart(sf), node.getEnd())}`);
  return m ? m[1]!.trim() : null;
}

/** Measures the files and functions of `root`'s source folders. */
export function measure(root: string): SizeReport {
  const report: SizeReport = { longFiles: [], longFunctions: [] };
  for (const folder of SOURCE_FOLDERS) {
    for (const path of sourceFiles(root, folder)) {
      const file = relative(root, path);
      const text = readFileSync(path, "utf8");
      const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      if (lines > MAX_FILE_LINES) report.longFiles.push({ file, lines });
      const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
          const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
          const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > MAX_FUNCTION_LINES) {
            report.longFunctions.push({
              file,
              line: start + 1,
              name: nameOf(node, sf),
              lines: end - start + 1,
              reason: reasonOf(node, sf),
            });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  }
  return report;
}

function main(): number {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const { longFiles, longFunctions } = measure(root);
  for (const f of longFunctions) {
    console.log(`${f.file}:${f.line} ${f.name}: ${f.lines} lines: ${f.reason ?? "NO REASON"}`);
  }
  for (const f of longFiles) console.log(`${f.file}: ${f.lines} lines (over ${MAX_FILE_LINES})`);
  const bad = longFunctions.filter((f) => f.reason === null).length + longFiles.length;
  console.log(
    `${longFunctions.length} function(s) over ${MAX_FUNCTION_LINES} lines (${longFunctions.length - longFunctions.filter((f) => f.reason === null).length} with a reason); ${longFiles.length} file(s) over ${MAX_FILE_LINES} lines`,
  );
  return bad === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main();
}
