/**
 * The generic shrinker: turns a hit (a violation, witness or counterexample) into a minimal one over
 * the shared instance representation. It tries, greedily and in this order, to
 *
 * 1. remove an incumbent, a player, a task (its column everywhere; `k` of top-k spaces is clamped), a
 *    menu option;
 * 2. replace each number (weights, caps, qualities, menu entries, `k`, budgets, steps, production and
 *    selection parameters, claim parameters) by a simpler one: 0, 1, its bound, or itself rounded to
 *    fewer decimals, or (integers) a smaller integer,
 *
 * keeping a change only when the instance still meets the claim's hypothesis and is still a hit. It
 * repeats until a full pass changes nothing or the evaluation budget is spent. The result depends only
 * on the instance and the claim (no randomness, no clocks), so shards and workers agree on it.
 */
import { InputError } from "../src/errors.js";
import { baseValid, cloneInstance } from "./instance.js";
import type { Claim, Instance, Verdict } from "./types.js";

/** The outcome of shrinking. */
export interface ShrinkResult {
  instance: Instance;
  verdict: Verdict & { status: "hit" };
  /** Predicate evaluations spent. */
  checks: number;
  /** Changes accepted. */
  steps: number;
}

/**
 * Number of decimals needed to write `x` exactly (up to 17; 18 means "not a short decimal").
 *
 * @throws nothing for valid inputs of the declared types
 */
export function decimals(x: number): number {
  for (let d = 0; d <= 17; d++) if (Number(x.toFixed(d)) === x) return d;
  return 18;
}

/**
 * `true` when `c` is simpler than `x`: fewer decimals, or as many and smaller in magnitude.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function simpler(c: number, x: number): boolean {
  const dc = decimals(c);
  const dx = decimals(x);
  return dc < dx || (dc === dx && Math.abs(c) < Math.abs(x));
}

/**
 * Simpler candidates for `x`, simplest first. `hi` is an upper bound worth trying (e.g. a cap).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function numberCandidates(x: number, hi?: number): number[] {
  const out: number[] = [0, 1];
  if (hi !== undefined) out.push(hi);
  for (let d = 0; d < Math.min(decimals(x), 17); d++) out.push(Number(x.toFixed(d)));
  if (Number.isInteger(x)) out.push(Math.trunc(x / 2), x - 1);
  const seen = new Set<number>();
  const result = out.filter((c) => {
    if (seen.has(c) || !simpler(c, x)) return false;
    seen.add(c);
    return true;
  });
  return result.sort((a, b) => decimals(a) - decimals(b) || Math.abs(a) - Math.abs(b));
}

interface Slot {
  get: (inst: Instance) => number;
  set: (inst: Instance, v: number) => void;
  hi?: (inst: Instance) => number;
}

/** Every number of an instance as a get/set pair (valid for instances of the same shape). */
// Over 80 lines: one get/set pair per numeric field of an instance, listed field by field.
function numericSlots(inst: Instance): Slot[] {
  const slots: Slot[] = [];
  const T = inst.weights.length;
  for (let t = 0; t < T; t++) {
    slots.push({
      get: (x) => x.weights[t]!,
      set: (x, v) => {
        x.weights[t] = v;
      },
    });
    slots.push({
      get: (x) => x.caps[t]!,
      set: (x, v) => {
        x.caps[t] = v;
      },
    });
  }
  inst.incumbents.forEach((q, i) => {
    q.forEach((_, t) => {
      slots.push({
        get: (x) => x.incumbents[i]![t]!,
        set: (x, v) => {
          x.incumbents[i]![t] = v;
        },
        hi: (x) => x.caps[t]!,
      });
    });
  });
  inst.players.forEach((space, j) => {
    switch (space.kind) {
      case "menu":
        space.options.forEach((o, m) => {
          o.forEach((_, t) => {
            const opt = (x: Instance) => (x.players[j] as { options: number[][] }).options[m]!;
            slots.push({
              get: (x) => opt(x)[t]!,
              set: (x, v) => {
                opt(x)[t] = v;
              },
              hi: (x) => x.caps[t]!,
            });
          });
        });
        break;
      case "top-k":
        slots.push({
          get: (x) => (x.players[j] as { k: number }).k,
          set: (x, v) => {
            (x.players[j] as { k: number }).k = v;
          },
        });
        break;
      case "budget":
      case "grid": {
        const sp = (x: Instance) => x.players[j] as { budget: number; step?: number; production: unknown };
        slots.push({
          get: (x) => sp(x).budget,
          set: (x, v) => {
            sp(x).budget = v;
          },
        });
        if (space.kind === "grid")
          slots.push({
            get: (x) => sp(x).step!,
            set: (x, v) => {
              sp(x).step = v;
            },
          });
        const p = space.production;
        if (p.kind === "power") {
          const pr = (x: Instance) => sp(x).production as { a: number };
          slots.push({
            get: (x) => pr(x).a,
            set: (x, v) => {
              pr(x).a = v;
            },
          });
        } else if (p.kind === "exponential") {
          const pr = (x: Instance) => sp(x).production as { k: number };
          slots.push({
            get: (x) => pr(x).k,
            set: (x, v) => {
              pr(x).k = v;
            },
          });
        }
        break;
      }
      case "fixed":
        break;
    }
  });
  const s = inst.selection;
  if (s.rule === "epsilon")
    slots.push({
      get: (x) => (x.selection as { eps: number }).eps,
      set: (x, v) => {
        (x.selection as { eps: number }).eps = v;
      },
    });
  if (s.rule === "logit")
    slots.push({
      get: (x) => (x.selection as { beta: number }).beta,
      set: (x, v) => {
        (x.selection as { beta: number }).beta = v;
      },
    });
  if (s.rule === "probit")
    slots.push({
      get: (x) => (x.selection as { sigma: number }).sigma,
      set: (x, v) => {
        (x.selection as { sigma: number }).sigma = v;
      },
    });
  for (const key of Object.keys(inst.params).sort()) {
    slots.push({
      get: (x) => x.params[key]!,
      set: (x, v) => {
        x.params[key] = v;
      },
    });
  }
  return slots;
}

/** The instance without task `t` (its column removed everywhere; top-k `k` clamped to `T - 1`). */
function withoutTask(inst: Instance, t: number): Instance {
  const c = cloneInstance(inst);
  c.weights.splice(t, 1);
  c.caps.splice(t, 1);
  for (const q of c.incumbents) q.splice(t, 1);
  const T = c.weights.length;
  c.players = c.players.map((space) => {
    if (space.kind === "menu") {
      for (const o of space.options) o.splice(t, 1);
      return space;
    }
    if (space.kind === "top-k") return { kind: "top-k", k: Math.max(1, Math.min(space.k, T - 1)) };
    return space;
  });
  return c;
}

/** Structural reductions of an instance, most aggressive first. */
function* reductions(inst: Instance): Generator<Instance> {
  for (let i = inst.incumbents.length - 1; i >= 0; i--) {
    const c = cloneInstance(inst);
    c.incumbents.splice(i, 1);
    yield c;
  }
  for (let j = inst.players.length - 1; j >= 0; j--) {
    const c = cloneInstance(inst);
    c.players.splice(j, 1);
    yield c;
  }
  for (let t = inst.weights.length - 1; t >= 0; t--) {
    if (inst.weights.length > 1) yield withoutTask(inst, t);
  }
  for (let j = 0; j < inst.players.length; j++) {
    const space = inst.players[j]!;
    if (space.kind !== "menu") continue;
    for (let m = space.options.length - 1; m >= 0; m--) {
      if (space.options.length < 2) break;
      const c = cloneInstance(inst);
      (c.players[j] as { options: number[][] }).options.splice(m, 1);
      yield c;
    }
  }
}

/**
 * Shrinks a hit of `claim` to a minimal one. Spends at most `budget` predicate evaluations.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const c6 = BUILTIN_CLAIMS.find((c) => c.id === "C6")!;
 * const { instance, verdict } = shrink(c6, generateInstance(c6, "1", 486)); // a hit of C6
 * verdict.status; // "hit"
 */
export function shrink(claim: Claim, instance: Instance, budget = 1500): ShrinkResult {
  let current = cloneInstance(instance);
  const first = claim.check(current);
  if (first.status !== "hit") throw new InputError(undefined, "instance", `not a hit of ${claim.id}`);
  let verdict: Verdict & { status: "hit" } = first;
  let checks = 1;
  let steps = 0;
  const attempt = (c: Instance): boolean => {
    if (checks >= budget) return false;
    if (!baseValid(c) || !claim.valid(c)) return false;
    checks++;
    let v: Verdict;
    try {
      v = claim.check(c);
    } catch {
      return false;
    }
    if (v.status !== "hit") return false;
    current = c;
    verdict = v;
    steps++;
    return true;
  };
  let changed = true;
  while (changed && checks < budget) {
    changed = false;
    // structural: restart after each success, since indices shift
    let progress = true;
    while (progress && checks < budget) {
      progress = false;
      for (const c of reductions(current)) {
        if (attempt(c)) {
          progress = true;
          changed = true;
          break;
        }
      }
    }
    const slots = numericSlots(current);
    for (const slot of slots) {
      if (checks >= budget) break;
      const x = slot.get(current);
      for (const cand of numberCandidates(x, slot.hi?.(current))) {
        const c = cloneInstance(current);
        slot.set(c, cand);
        if (attempt(c)) {
          changed = true;
          break;
        }
      }
    }
  }
  return { instance: current, verdict, checks, steps };
}
