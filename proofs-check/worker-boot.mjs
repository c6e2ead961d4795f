// Entry of proofs-check worker threads: registers tsx's TypeScript loader in this thread, then loads
// the worker proper. (Passing `execArgv: ["--import", "tsx"]` to the Worker does not make `.ts`
// imports work in worker threads on Node 20, so the loader is registered here.)
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
