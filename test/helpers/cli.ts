/**
 * Runs the command line in-process and captures what it prints.
 */
import { Readable } from "node:stream";
import { main } from "../../cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `modelmarket ...argv` (with `stdin` as standard input when given) and returns the exit code and both streams. */
export async function runCli(argv: string[], stdin?: string): Promise<CliResult> {
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
