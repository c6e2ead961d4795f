// Entry of the sweep's worker threads when running from the TypeScript sources: registers tsx's
// loader in this thread, then loads the worker proper (as proofs-check/worker-boot.mjs does).
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
