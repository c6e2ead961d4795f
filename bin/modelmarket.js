#!/usr/bin/env node
// Entry point of the `modelmarket` command. The sources are TypeScript, run through tsx's loader so
// that a fresh `npm ci` is all a user needs (no build step).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
