/**
 * One rule's raw answer to each kind of question of `compareRules` (market entry, replacement, the
 * simultaneous game's equilibria, sequential entry), one function per kind behind the table
 * `ANSWERS`; `rule` `null` asks for the welfare-optimal choice.
 */
import { InputError } from "../../src/errors.js";
import { DEFAULT_MAX_MAXIMISERS, DEFAULT_MAX_PROFILES, DEFAULT_UNITS } from "../../src/limits.js";
import type { Market } from "../../src/model/types.js";
import {
  bestResponse,
  entrantBestResponse,
  type RuleLike,
  WELFARE_OBJECTIVE,
  welfareOptimalEntrant,
  welfareOptimalResponse,
} from "../bestResponse/index.js";
import { type EquilibriumReport, solveEquilibria } from "../equilibrium/index.js";
import { marketProfileCount } from "../marketGame.js";
import { producerIndex } from "../replace.js";
import { DEFAULT_MAX_BRANCHES, sequentialBranches, sequentialEntry } from "../sequential.js";
import {
  brNote,
  equilibriumOutcome,
  maximiserOutcomes,
  measuresOf,
  sequenceOutcome,
  strategyLabel,
} from "./outcomes.js";
import type { CompareOptions, CompareOutcome, CompareQuestion } from "./question.js";
import type { CompareNote } from "./words.js";

/** Raw answer of one rule before the optimum is known. */
export interface RawAnswer {
  outcomes: CompareOutcome[];
  complete: boolean;
  note: CompareNote;
}

/** Context shared by the rules of one comparison (the equilibrium optimum, computed once). */
export interface Shared {
  equilibrium?: EquilibriumReport;
}

/** The question of one kind. */
type QuestionOf<K extends CompareQuestion["kind"]> = Extract<CompareQuestion, { kind: K }>;

/** Best-response options every kind passes down. */
interface BrOptions {
  units: number;
  maxMaximisers: number;
}

function answerEntry(
  market: Market,
  q: QuestionOf<"entry">,
  rule: RuleLike | null,
  bro: BrOptions,
): RawAnswer {
  const br =
    rule === null
      ? welfareOptimalEntrant(market, q.entrant, bro)
      : entrantBestResponse(market, q.entrant, rule, bro);
  return {
    outcomes: maximiserOutcomes(br, market, market.producers.length, q.entrant.name, false),
    complete: br.exact && br.truncated !== true,
    note: brNote(br),
  };
}

function answerReplace(
  market: Market,
  q: QuestionOf<"replace">,
  rule: RuleLike | null,
  bro: BrOptions,
): RawAnswer {
  const slot = producerIndex(market, q.producer, "replace");
  const space = q.space ?? market.producers[slot]!.space;
  if (space.kind === "fixed") {
    throw new InputError(undefined, "space", `producer "${q.producer}" has a fixed strategy: give a space`);
  }
  const br =
    rule === null
      ? welfareOptimalResponse(market, slot, { ...bro, space })
      : bestResponse(market, slot, rule, { ...bro, space });
  return {
    outcomes: maximiserOutcomes(br, market, slot, q.producer, true),
    complete: br.exact && br.truncated !== true,
    note: brNote(br),
  };
}

function answerEquilibrium(
  market: Market,
  rule: RuleLike | null,
  bro: BrOptions,
  opts: CompareOptions,
  shared: Shared,
): RawAnswer {
  const eqOpts = {
    units: bro.units,
    maxProfiles: opts.maxProfiles ?? DEFAULT_MAX_PROFILES,
    seed: opts.seed ?? "equilibrium",
    ...(opts.progress ? { progress: opts.progress } : {}),
    randomStarts:
      opts.randomStarts ?? (marketProfileCount(market) <= (opts.maxProfiles ?? DEFAULT_MAX_PROFILES) ? 0 : 4),
  };
  if (rule === null) {
    const rep = shared.equilibrium ?? solveEquilibria(market, "weighted-winrate", eqOpts);
    shared.equilibrium = rep;
    return {
      outcomes: [optimumOutcome(market, rep)],
      complete: rep.optimum.exact,
      note: { code: "joint-optimum", method: rep.optimum.method },
    };
  }
  const rep = solveEquilibria(market, rule, eqOpts);
  shared.equilibrium ??= rep;
  const eqs = [...rep.pure, ...rep.mixed.equilibria.filter((e) => e.certified && e.kind === "mixed")];
  return {
    outcomes: eqs.map((e) => equilibriumOutcome(e, market)),
    complete: rep.priceScope.allEquilibria,
    note: { code: "equilibria", scope: rep.priceScope },
  };
}

/** The welfare optimum over joint strategies as an outcome. */
function optimumOutcome(market: Market, rep: EquilibriumReport): CompareOutcome {
  const o = rep.optimum;
  const slots = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  const caps = market.tasks.map((t) => t.cap);
  return {
    label: slots.map((i) => `${market.producers[i]!.name}=${strategyLabel(o.profile[i]!, market)}`).join(" "),
    producers: slots.map((i) => market.producers[i]!.name),
    qualities: slots.map((i) => o.profile[i]!.quality.slice()),
    welfare: o.welfare,
    ...measuresOf(
      o.profile.map((s) => s.quality),
      slots,
      caps,
    ),
  };
}

function answerSequential(
  market: Market,
  q: QuestionOf<"sequential">,
  rule: RuleLike | null,
  bro: BrOptions,
  opts: CompareOptions,
): RawAnswer {
  const tb = q.tieBreak ?? { kind: "first" };
  const r = rule ?? WELFARE_OBJECTIVE;
  if (tb.kind === "all") {
    const all = sequentialBranches(market, q.entrants, q.space, r, {
      ...bro,
      maxBranches: opts.maxBranches ?? DEFAULT_MAX_BRANCHES,
    });
    return {
      outcomes: all.branches.map((b) => sequenceOutcome(b.steps, market)),
      complete: all.complete,
      note: {
        code: "tie-branches",
        branches: all.branches.length,
        capped: all.capped,
        maxBranches: all.maxBranches,
        tiesTruncated: all.tiesTruncated,
        tiesPerStep: all.tiesPerStep,
      },
    };
  }
  const rep = sequentialEntry(market, q.entrants, q.space, r, { ...bro, tieBreak: tb });
  return {
    outcomes: [sequenceOutcome(rep.steps, market)],
    // one path of possibly several: complete only when no step met a tie
    complete: rep.steps.every((s) => s.ties === 1),
    note: {
      code: "one-path",
      tieBreak: rep.tieBreak,
      steps: rep.steps.map((s) => ({ ties: s.ties, cut: s.tiesTruncated })),
      greedy: rule === null,
    },
  };
}

/**
 * One rule's raw answer (`rule` `null`: the welfare-optimal choice), dispatched on the question's kind.
 */
export function answer(
  market: Market,
  q: CompareQuestion,
  rule: RuleLike | null,
  opts: CompareOptions,
  shared: Shared,
): RawAnswer {
  const bro = {
    units: opts.units ?? DEFAULT_UNITS,
    maxMaximisers: opts.maxMaximisers ?? DEFAULT_MAX_MAXIMISERS,
  };
  switch (q.kind) {
    case "entry":
      return answerEntry(market, q, rule, bro);
    case "replace":
      return answerReplace(market, q, rule, bro);
    case "equilibrium":
      return answerEquilibrium(market, rule, bro, opts, shared);
    case "sequential":
      return answerSequential(market, q, rule, bro, opts);
  }
}
