/**
 * Solvers of the producer game (docs/producer-game.md): best responses, market entry, replacement,
 * equilibria and sequential entry. Other solver families append their exports below.
 */
export {
  AllocationDP,
  absoluteTolerance,
  type BestResponse,
  type BestResponseOptions,
  bestResponse,
  type Entrant,
  entrantBestResponse,
  type Maximiser,
  ownQualityBehaviour,
  payoffScale,
  payoffWith,
  type RuleLike,
  resolveRule,
  ruleOf,
  TaskValuer,
  WELFARE_OBJECTIVE,
  welfareOptimalEntrant,
  welfareOptimalResponse,
  withEntrant,
} from "./bestResponse/index.js";
