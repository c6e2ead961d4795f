#!/usr/bin/env node
// Entry point of the `modelmarket` command: runs the compiled command line in dist/ (built by
// `npm run build`, which `npm ci` runs through the `prepare` script). Commands load lazily, so
// `modelmarket --help` costs little more than starting Node.
// When the reader of our output goes away (`modelmarket check --list | head`), writing fails with
// EPIPE: there is no one left to tell, so exit quietly (code 0) instead of crashing with a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (err) {
  if (err?.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("main.js")) {
    process.stderr.write(
      "modelmarket: the compiled code (dist/) is missing: run `npm ci` (installs the dependencies and builds), or `npm run build` once they are installed\n",
    );
    process.exit(2);
  }
  throw err;
}
// A crash (a bug, never the user's input) exits 70 (EX_SOFTWARE of sysexits.h) with its stack, so that
// scripts and schedulers tell it from findings (1) and bad input (2): docs/reference.md, "Exit statuses".
try {
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`modelmarket: ${err?.stack ?? err}\n`);
  process.exitCode = 70;
}
