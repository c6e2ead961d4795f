/**
 * The design view's computation in the worker (`ratingsWorker.ts`, shared with the ratings view so the
 * library is bundled once): the family partition and the weight design (each kept while its inputs
 * stay the same, so dragging the parameter or the weights only recomputes the responses), then the
 * responses at the dragged parameter and weights. A newer request makes it skip the remaining stages.
 */
import { InputError } from "modelmarket";
import {
  type DesignRequest,
  memberSpec,
  type PartitionView,
  partitionView,
  responseAt,
  type WeightsView,
  weightsView,
} from "./designCompute.js";
import type { DesignReply } from "./designProtocol.js";

const cache: { partition?: [string, PartitionView]; weights?: [string, WeightsView] } = {};

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function message(err: unknown): string {
  if (err instanceof InputError) return err.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** A stage's value, or its error as the one-line message (the other stages still run). */
async function stage<T>(fn: () => Promise<T> | T): Promise<T | { error: string }> {
  try {
    return await fn();
  } catch (err) {
    return { error: message(err) };
  }
}

/** Answers one request stage by stage through `post`; `latest()` is the newest request's generation. */
export async function runDesign(
  req: DesignRequest,
  post: (r: DesignReply) => void,
  latest: () => number,
): Promise<void> {
  const { gen } = req;
  const base = JSON.stringify([req.market, req.question, req.objective]);
  const pKey = JSON.stringify([base, req.family, req.from, req.to]);
  const partition = await stage(async () => {
    if (cache.partition?.[0] === pKey) return cache.partition[1];
    const v = await partitionView(req);
    cache.partition = [pKey, v];
    return v;
  });
  if (latest() !== gen) return;
  post({ gen, stage: "partition", data: partition });
  post({ gen, stage: "at", data: await stage(() => responseAt(req, memberSpec(req.family, req.value))) });
  await tick();
  if (latest() !== gen) return;
  const wKey = JSON.stringify([base, req.weightsRule, req.within]);
  const weights = await stage(async () => {
    if (cache.weights?.[0] === wKey) return cache.weights[1];
    const v = await weightsView(req);
    cache.weights = [wKey, v];
    return v;
  });
  if (latest() !== gen) return;
  post({ gen, stage: "weights", data: weights });
  post({ gen, stage: "weightsAt", data: await stage(() => responseAt(req, req.weightsRule, req.b)) });
  post({ gen, stage: "done" });
}
