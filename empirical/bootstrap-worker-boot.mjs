// Entry of bootstrap worker threads: registers tsx's TypeScript loader in this thread, then loads the
// worker proper (the pattern of proofs-check/worker-boot.mjs).
import { register } from "tsx/esm/api";

register();
await import("./bootstrap-worker.ts");
