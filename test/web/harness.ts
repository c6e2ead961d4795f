/// <reference lib="dom" />
/**
 * The explorer test's harness: builds the page with Vite into a temporary folder, serves it from a tiny
 * static server on 127.0.0.1 and drives one headless Chromium (Debian's) with playwright-core; and the
 * helpers the test cases share (waiting for a computation, loading an example, setting a weight,
 * reading the page's CLI commands and running them in-process with `--json`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { InputError, parseJson, parseMarket, parseScoreTable } from "../../src/index.js";
import { runCli } from "../helpers/cli.js";

export const CHROMIUM = "/usr/bin/chromium";
/**
 * Chromium's flags in every browser test: headless as root, and no background connections (this
 * machine's closed network refuses them, many at a time).
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHOTS = join(ROOT, "test-output", "explorer");
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** The page's debug object (web/page.ts `debug`). */
export interface Debug {
  gen: number;
  rendered: Record<string, number>;
  timings: Record<
    number,
    {
      input?: number;
      posted?: number;
      payoffs?: number;
      entry?: number;
      sweep?: number;
      done?: number;
      worker: Record<string, number>;
    }
  >;
}

/** The built site, its server and the browser, shared by every case of the test file. */
export const ctx = {
  out: "",
  base: "",
  server: undefined as Server | undefined,
  browser: undefined as Browser | undefined,
};

/** Builds the page into a temporary folder (`ctx.out`). */
export async function buildSite(): Promise<void> {
  ctx.out = mkdtempSync(join(tmpdir(), "modelmarket-web-"));
  const { build } = await import("vite");
  await build({
    configFile: join(ROOT, "web/vite.config.ts"),
    logLevel: "error",
    build: { outDir: ctx.out, emptyOutDir: true },
  });
}

/** Serves the built site and starts the browser. */
export async function startBrowser(): Promise<void> {
  const out = ctx.out;
  ctx.server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    const file = join(out, path === "/" ? "index.html" : path);
    if (!file.startsWith(out) || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => ctx.server!.listen(0, "127.0.0.1", resolve));
  const addr = ctx.server.address();
  ctx.base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/`;
  ctx.browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  mkdirSync(SHOTS, { recursive: true });
  console.log(`explorer screenshots: ${SHOTS}`);
}

/** Closes the browser and the server and removes the built site. */
export async function stopAll(): Promise<void> {
  await ctx.browser?.close();
  await new Promise<void>((resolve) => (ctx.server ? ctx.server.close(() => resolve()) : resolve()));
  if (ctx.out) rmSync(ctx.out, { recursive: true, force: true });
}

/** The generation counter before an input. */
export async function gen(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __explorer: Debug }).__explorer.gen);
}

/** Waits until a computation newer than `before` has finished and rendered every view. */
export async function settle(page: Page, before: number, stage = "done"): Promise<number> {
  await page.waitForFunction(
    ([b, s]) => {
      const d = (globalThis as unknown as { __explorer: Debug }).__explorer;
      return d.gen > (b as number) && d.rendered[s as string] === d.gen;
    },
    [before, stage] as const,
    { timeout: 60_000 },
  );
  return gen(page);
}

/** Waits until the newest computation has rendered every view. */
export async function done(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const d = (globalThis as unknown as { __explorer: Debug }).__explorer;
    return d.rendered.done === d.gen;
  });
}

/** Opens the page at `width` x 900 and waits for its first computation; page errors fail the test. */
export async function openPage(width = 1280, url = ctx.base): Promise<Page> {
  const page = await ctx.browser!.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await settle(page, 0);
  expect(errors).toEqual([]);
  return page;
}

export async function loadExample(page: Page, path: string): Promise<void> {
  const before = await gen(page);
  await page.selectOption("#example", path);
  await settle(page, before);
}

/** Opens the controls when a narrow screen folded them away. */
export async function openControls(page: Page): Promise<void> {
  if (await page.isVisible("#inputs-toggle")) {
    if ((await page.getAttribute("#inputs-toggle", "aria-expanded")) === "false")
      await page.click("#inputs-toggle");
  }
}

/** Types a weight share into task `t`'s number box (exact value) and waits for the views. */
export async function setWeight(page: Page, t: number, w: number): Promise<void> {
  const before = await gen(page);
  await page.fill(`#w-num-${t}`, String(w));
  await page.dispatchEvent(`#w-num-${t}`, "change");
  await settle(page, before, "entry");
}

/** A rule's best response(s) in a response table; tied maximisers sorted, joined by " | ". */
export async function choice(page: Page, table: string, rule: string): Promise<string> {
  const text = (await page.getAttribute(`#${table} tr[data-rule="${rule}"]`, "data-choice")) ?? "";
  return text.split(" | ").sort().join(" | ");
}

/** Splits a shell command the page printed (words, single-quoted words). */
export function shellSplit(line: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line))
    words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return words;
}

/** The `modelmarket` commands the page prints (always shown), split into words. */
export async function cliLines(page: Page): Promise<string[][]> {
  const text = (await page.textContent("#cli")) ?? "";
  return text
    .split("\n")
    .filter((l) => l.startsWith("modelmarket "))
    .map(shellSplit);
}

/** Runs a printed command in-process with `--json`. */
export async function runJson(argv: string[]): Promise<Record<string, unknown>> {
  const r = await runCli([...argv.slice(1), "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The library's one-line message for a malformed file. */
export function libraryMessage(text: string, name: string): string {
  try {
    if (name.endsWith(".csv")) parseScoreTable(text, name);
    else parseMarket(parseJson(text, name), name);
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error("expected the library to reject the file");
}
