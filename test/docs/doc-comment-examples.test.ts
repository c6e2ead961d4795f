/**
 * Docs as code: every `@example` in a doc comment of the public API (the exports of the five package
 * entry points, and the methods of exported classes) runs here. Each example becomes a module that
 * sees every exported value of the entry points and the shared fixtures (`test/docs/fixtures.ts`:
 * `market`, `game`, `pennies`, ...), its own `import ... from "modelmarket..."` lines being satisfied by
 * those. An example that must not run (it writes files, or needs a terminal) starts with a line
 * `// not run: <reason>`; it is still parsed, so it cannot rot into invalid syntax.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";
import { ENTRY_POINTS, readPublicApi } from "./examples.js";
import { withStatedChecks } from "./stated.js";

const api = readPublicApi();
const dir = mkdtempSync(join(tmpdir(), "modelmarket-examples-"));
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURE_NAMES = Object.keys(await import("./fixtures.js"));

/** The import lines that put every exported value of the entry points in scope (first entry wins). */
function prelude(): string {
  const taken = new Set<string>(FIXTURE_NAMES);
  const lines: string[] = [];
  for (const entry of ENTRY_POINTS) {
    const names = (api.values.get(entry) ?? []).filter((n) => !taken.has(n));
    for (const n of names) taken.add(n);
    if (names.length > 0)
      lines.push(`import { ${names.join(", ")} } from ${JSON.stringify(resolve(REPO_ROOT, entry))};`);
  }
  lines.push(`import * as fx from ${JSON.stringify(resolve(REPO_ROOT, "test/docs/fixtures.ts"))};`);
  return lines.join("\n");
}
const PRELUDE = prelude();

/** The example without its imports of the package (the prelude provides those names). */
function body(code: string): string {
  return code
    .split("\n")
    .filter(
      (line) => !/^\s*import\s.*from\s+["'](modelmarket(\/[\w-]+)?|\.{1,2}\/[^"']*)["'];?\s*$/.test(line),
    )
    .join("\n");
}

function notRunReason(code: string): string | undefined {
  return /^\s*\/\/\s*not run:\s*(.+)$/m.exec(code.split("\n")[0] ?? "")?.[1];
}

describe("every function of the public API says what it throws", () => {
  it("has an @throws line in its doc comment (`@throws nothing ...` when it throws nothing)", () => {
    expect(api.functions.length).toBeGreaterThan(200);
    const missing = api.functions.filter((f) => f.throws.length === 0).map((f) => `${f.id} (${f.where})`);
    expect(missing).toEqual([]);
  });

  it("never names RangeError or TypeError (ARCHITECTURE.md: InputError naming the field instead)", () => {
    const offenders = api.functions.filter((f) =>
      f.throws.some((t) => /^\{?(RangeError|TypeError)\b/.test(t)),
    );
    expect(offenders.map((f) => f.id)).toEqual([]);
  });
});

let statedCount = 0;
const rootBefore = readdirSync(REPO_ROOT).sort();

describe("every @example of the public API", () => {
  it("there are examples to run (the collector finds the doc comments)", () => {
    expect(api.examples.length).toBeGreaterThan(150);
  });

  api.examples.forEach((ex, k) => {
    const reason = notRunReason(ex.code);
    const title = `${ex.id} (${ex.where})${reason === undefined ? "" : ` [not run: ${reason}]`}`;
    it(title, async () => {
      const code = body(ex.code);
      const parsed = ts.transpileModule(`async function f() {\n${code}\n}`, {
        reportDiagnostics: true,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      });
      expect(
        parsed.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")) ?? [],
      ).toEqual([]);
      if (reason !== undefined) return;
      const file = join(dir, `example-${k}.ts`);
      const fixtures = FIXTURE_NAMES.length > 0 ? `const { ${FIXTURE_NAMES.join(", ")} } = fx;` : "";
      // `EXPRESSION; // VALUE` lines compare the value they state (test/docs/stated.ts)
      const checked = withStatedChecks(code);
      statedCount += checked.count;
      writeFileSync(
        file,
        `${PRELUDE}\nimport { stated as __stated } from ${JSON.stringify(resolve(REPO_ROOT, "test/docs/stated.ts"))};\nexport default async function run(): Promise<void> {\n${fixtures}\n{\n${checked.code}\n}\n}\n`,
      );
      const mod = (await import(file)) as { default: () => Promise<void> };
      await mod.default();
    });
  });

  it("compares stated values, and leaves no file in the repository's root", () => {
    expect(statedCount).toBeGreaterThan(50);
    expect(readdirSync(REPO_ROOT).sort()).toEqual(rootBefore);
  });
});
