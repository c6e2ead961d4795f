/**
 * Runs the command line in-process and captures what it prints: from the sources (`runCli`), or from
 * the build (`runBuiltCli`).
 */
import { join } from "node:path";
import { Readable } from "node:stream";
import { main } from "../../cli/main.js";
import { REPO_ROOT } from "./paths.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `modelmarket ...argv` (with `stdin` as standard input when given) and returns the exit code and both streams. */
export async function runCli(argv: string[], stdin?: string): Promise<CliResult> {
  return runMain(main, argv, stdin);
}

type Main = typeof main;

/**
 * `runCli` through the built CLI (dist/cli/main.js, what bin/modelmarket.js runs; needs `npm run
 * build`): for a command whose worker threads should start as the installed command's do, from the
 * compiled modules, rather than from the TypeScript sources through tsx's loader (about half a second of
 * CPU per thread).
 */
export async function runBuiltCli(argv: string[], stdin?: string): Promise<CliResult> {
  const built = (await import(join(REPO_ROOT, "dist", "cli", "main.js"))) as { main: Main };
  return runMain(built.main, argv, stdin);
}

async function runMain(main: Main, argv: string[], stdin?: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
  });
  return { code, stdout, stderr };
}
