/**
 * The worker of the ratings and design views (one bundle of the library for both; each view starts
 * its own instance). Ratings: the fit, the controlled fits, the calibrated noise, then the seeded bootstrap replicate by
 * replicate (`bootstrapReplicate(spec, k)` for k = 0..N-1 in order, then `summariseBootstrap`: what
 * `runBootstrap` does on one thread), posting progress and dropping a request once a newer one
 * arrives. Design: `designRun.ts`.
 */
import { InputError } from "modelmarket";
import {
  bootstrapReplicate,
  loadSeparationSolver,
  type ReplicateResult,
  summariseBootstrap,
} from "modelmarket/empirical";
import { loadMlMatrix } from "modelmarket/finite";
import type { DesignRequest } from "./designCompute.js";
import type { DesignReply } from "./designProtocol.js";
import { runDesign } from "./designRun.js";
import { bootstrapSpec, calibrationView, chosenTask, judgements, ratingsView } from "./ratingsCompute.js";
import { controlChoices, controlledView } from "./ratingsControlledCompute.js";
import type { RatingsReply, RatingsRequest } from "./ratingsProtocol.js";

let latest = -1;

function post(r: RatingsReply): void {
  (self as unknown as { postMessage(m: RatingsReply): void }).postMessage(r);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function message(err: unknown): string {
  if (err instanceof InputError) return err.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

async function bootstrap(req: RatingsRequest): Promise<void> {
  const { gen } = req;
  const spec = bootstrapSpec(req);
  const point = bootstrapReplicate(spec, -1);
  const reps: ReplicateResult[] = [];
  let last = performance.now();
  for (let k = 0; k < spec.replicates; k++) {
    reps.push(bootstrapReplicate(spec, k));
    if (performance.now() - last > 100) {
      post({ gen, stage: "progress", done: k + 1, total: spec.replicates });
      await tick();
      if (latest !== gen) return;
      last = performance.now();
    }
  }
  const s = summariseBootstrap(spec, point, reps);
  const task = chosenTask(judgements(req), req.task);
  const b = s.ratings?.find((x) => x.task === task);
  if (b === undefined) return;
  post({
    gen,
    stage: "bootstrap",
    data: {
      replicates: s.replicates,
      interval: s.ratingInterval ?? "percentile",
      seed: s.seed,
      scheme: s.scheme ?? "",
      task,
      models: b.models,
    },
  });
}

async function run(req: RatingsRequest): Promise<void> {
  const { gen } = req;
  try {
    post({ gen, stage: "ratings", data: ratingsView(req) });
  } catch (err) {
    post({ gen, stage: "error", message: message(err) });
    return;
  }
  // the controlled fit's existence check solves LPs with javascript-lp-solver: outside Node it is imported first
  // (the length-controlled GLM's too)
  if (req.controls.length > 0 || req.baseline !== "") await separationSolver;
  post({ gen, stage: "controlled", data: { ...controlledView(req), choices: controlChoices(req.pairwise) } });
  await tick();
  if (latest !== gen) return;
  try {
    post({ gen, stage: "calibration", data: calibrationView(req) });
  } catch (err) {
    post({ gen, stage: "calibration", data: { error: message(err) } });
  }
  await tick();
  if (latest !== gen) return;
  if (req.replicates > 0) {
    try {
      await bootstrap(req);
    } catch (err) {
      post({ gen, stage: "bootstrap", data: { error: message(err) } });
    }
  } else post({ gen, stage: "bootstrap", data: null });
  if (latest === gen) post({ gen, stage: "done" });
}

// equilibrium designs may trace a logit path, which solves with ml-matrix: outside Node it is imported first
const linearAlgebra = loadMlMatrix().catch(() => undefined);
const separationSolver = loadSeparationSolver().catch(() => undefined);

self.onmessage = (e: MessageEvent<RatingsRequest | DesignRequest>) => {
  latest = e.data.gen;
  if (e.data.kind === "design") {
    const req = e.data;
    void linearAlgebra.then(() =>
      runDesign(
        req,
        (r: DesignReply) => (self as unknown as { postMessage(m: DesignReply): void }).postMessage(r),
        () => latest,
      ),
    );
  } else void run(e.data);
};
