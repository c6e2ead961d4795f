/**
 * Computing: every input change updates the URL and, after a short debounce, posts the inputs to the
 * worker (`worker.ts`); its replies render view by view, and stale replies (older inputs) are dropped.
 */

import { $, debug, page, showError, tryValidate } from "./page.js";
import type { Reply, Request } from "./protocol.js";
import { encodeHash, entrantSpec } from "./state.js";
import {
  last,
  renderCli,
  renderEntry,
  renderEquilibrium,
  renderPayoffs,
  renderReplace,
  renderSweep,
} from "./views.js";

/** Inputs are coalesced for this long before a computation starts. */
const DEBOUNCE_MS = 30;
/** A computation running longer than this shows that it is working. */
const BUSY_MS = 200;

let worker: Worker | undefined;
let busy = false;
let debounceTimer = 0;
let busyTimer = 0;

function newWorker(): Worker {
  const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (e: MessageEvent<Reply>) => onReply(e.data);
  w.onerror = (e) => {
    busy = false;
    showError(new Error(`the worker failed: ${e.message}`));
  };
  return w;
}

/** Any input changed: update the URL, and compute after a short debounce. */
export function changed(): void {
  if (!tryValidate()) return;
  history.replaceState(null, "", encodeHash(page.state));
  renderCli();
  clearTimeout(debounceTimer);
  debounceTimer = window.setTimeout(compute, DEBOUNCE_MS);
}

/** A worker that has not started on the newest inputs after this long is stuck in one long stage. */
const STUCK_MS = 1000;
let stuckTimer = 0;

function compute(): void {
  const gen = ++debug.gen;
  worker ??= newWorker();
  busy = true;
  debug.timings[gen] = { input: debug.lastInput, posted: performance.now(), worker: {} };
  const req: Request = {
    gen,
    market: structuredClone(page.state.market),
    entrant: entrantSpec(page.state.entrant),
    replace: page.state.replace,
  };
  // the worker drops older requests between stages; one stuck in a long stage (an equilibrium of a
  // big game) is terminated and replaced
  worker.postMessage(req);
  clearTimeout(stuckTimer);
  stuckTimer = window.setTimeout(() => {
    if (debug.gen === gen && debug.rendered.payoffs !== gen && worker) {
      worker.terminate();
      worker = newWorker();
      worker.postMessage(req);
    }
  }, STUCK_MS);
  clearTimeout(busyTimer);
  busyTimer = window.setTimeout(() => {
    if (busy && debug.gen === gen) {
      document.body.classList.add("busy");
      $("status").textContent = "Working… (newer inputs replace this computation)";
      document.getElementById("views")?.setAttribute("aria-busy", "true");
    }
  }, BUSY_MS);
}

function onReply(r: Reply): void {
  if (r.gen !== debug.gen) return; // stale: newer inputs arrived
  const t = debug.timings[r.gen]!;
  t.worker[r.stage] = r.ms;
  switch (r.stage) {
    case "payoffs":
      last.payoffs = r.data;
      renderPayoffs();
      t.payoffs = performance.now();
      break;
    case "entry":
      last.entry = r.data;
      renderEntry();
      t.entry = performance.now();
      break;
    case "replace":
      last.replace = r.data;
      renderReplace();
      break;
    case "equilibrium":
      last.equilibrium = r.data;
      renderEquilibrium();
      break;
    case "sweep":
      last.sweep = r.data;
      renderSweep();
      t.sweep = performance.now();
      break;
    case "error":
      showError(new Error(r.message));
      finish(r.gen);
      break;
    case "done":
      t.done = performance.now();
      finish(r.gen);
      break;
  }
  debug.rendered[r.stage] = r.gen;
}

function finish(gen: number): void {
  if (gen !== debug.gen) return;
  busy = false;
  clearTimeout(busyTimer);
  document.body.classList.remove("busy");
  document.getElementById("views")?.removeAttribute("aria-busy");
  $("status").textContent = "";
}
