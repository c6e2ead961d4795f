/**
 * The explorer's computing worker: validates the market with the library's parser and computes the
 * views stage by stage, posting each as it completes, so the page never freezes. Between stages it
 * (and inside the sweep) it yields, and drops a request once a newer one has arrived; the page
 * terminates a worker that stays stuck in one long stage (see main.ts).
 */
import { InputError, parseMarket, parseSpaceSpec } from "modelmarket";
import { loadMlMatrix } from "modelmarket/finite";
import { type EquilibriumReport, solveEquilibria, solveEquilibriaAsync } from "modelmarket/solvers";
import {
  EQUILIBRIUM_DEFAULTS,
  entryView,
  equilibriumView,
  payoffView,
  RULES,
  replaceView,
  sweepView,
} from "./compute.js";
import type { Reply, Request } from "./protocol.js";

let latest = -1;
// logit tracing (three or more producers) solves synchronously with ml-matrix, which outside Node must
// be imported first; should it fail, that stage reports the error
const linearAlgebra = loadMlMatrix().catch(() => undefined);
/** Whether the LP backends (HiGHS WebAssembly) loaded; `undefined` until first tried. */
let lpLoaded: boolean | undefined;

function post(r: Reply): void {
  (self as unknown as { postMessage(m: Reply): void }).postMessage(r);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function message(err: unknown): string {
  if (err instanceof InputError) return err.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

async function run(req: Request): Promise<void> {
  const { gen } = req;
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  const stale = () => latest !== gen;
  await linearAlgebra;
  try {
    const market = parseMarket(req.market, "market");
    const space = parseSpaceSpec(req.entrant, market.tasks, "entrant");
    post({ gen, stage: "payoffs", ms: ms(), data: payoffView(market) });
    post({ gen, stage: "entry", ms: ms(), data: entryView(market, space) });
    await tick();
    if (stale()) return;
    try {
      post({ gen, stage: "replace", ms: ms(), data: replaceView(market, req.replace, space) });
    } catch (err) {
      post({ gen, stage: "replace", ms: ms(), data: { error: message(err) } });
    }
    await tick();
    if (stale()) return;
    const sweep = await sweepView(market, space, async () => {
      await tick();
      return stale();
    });
    if (sweep === "stale") return;
    post({ gen, stage: "sweep", ms: ms(), data: sweep ?? null });
    await tick();
    if (stale()) return;
    if (market.producers.some((p) => p.space.kind !== "fixed")) {
      try {
        // like the CLI, with the LP backends (HiGHS WebAssembly) for constant-sum two-player games;
        // should they fail to load in this browser, without them (the page says so)
        const views = [];
        for (const rule of RULES) {
          if (stale()) return;
          let rep: EquilibriumReport | undefined;
          if (lpLoaded !== false) {
            try {
              rep = await solveEquilibriaAsync(market, rule, EQUILIBRIUM_DEFAULTS);
              lpLoaded = true;
            } catch (err) {
              if (err instanceof InputError) throw err;
              lpLoaded = false;
            }
          }
          rep ??= solveEquilibria(market, rule, EQUILIBRIUM_DEFAULTS);
          views.push(equilibriumView(rep, market));
          await tick();
        }
        post({ gen, stage: "equilibrium", ms: ms(), data: { views, lp: lpLoaded === true } });
      } catch (err) {
        post({ gen, stage: "equilibrium", ms: ms(), data: { error: message(err) } });
      }
    } else {
      post({ gen, stage: "equilibrium", ms: ms(), data: { views: [], lp: false } });
    }
    post({ gen, stage: "done", ms: ms() });
  } catch (err) {
    post({ gen, stage: "error", ms: ms(), message: message(err) });
  }
}

self.onmessage = (e: MessageEvent<Request>) => {
  latest = e.data.gen;
  void run(e.data);
};
