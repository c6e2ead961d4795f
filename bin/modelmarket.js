#!/usr/bin/env node
// Entry point of the `modelmarket` command. The sources are TypeScript, run through tsx's loader so
// that a fresh `npm ci` is all a user needs (no build step).
import { register } from "tsx/esm/api";

// When the reader of our output goes away (`modelmarket check --list | head`), writing fails with
// EPIPE: there is no one left to tell, so exit quietly (code 0) instead of crashing with a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
