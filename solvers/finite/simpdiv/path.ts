/**
 * One round of simplicial subdivision on the product of the players' simplices: the variable-dimension
 * restart algorithm of van der Laan, Talman and van der Heyden (1987), on the grid of mesh `1/D`.
 *
 * Points are integer vectors `z` (player p's block sums to `D`; the profile is `z / D`). From the start
 * `v`, the path visits adjacent simplices of a triangulation of the region spanned by the directions
 * `q(g) = e_g - e_prev(g)` of the labels met so far (`prev(g)`: the previous strategy of g's player,
 * cyclically, skipping the strategies pinned at probability 0). A simplex of dimension t has vertices
 * `y_0 = base`, `y_k = y_{k-1} + q(pi[k-1])`; each vertex carries a label (player, strategy), the best
 * response of the player with the largest regret there. Each step drops the vertex whose label is
 * doubled (or raises the dimension when a new label appears, or lowers it at the region's boundary or
 * at the boundary of the simplices), and the path ends when, for some player, every strategy is a label
 * or pinned at 0: all of that player's strategies are best responses near the simplex, so every
 * regret there is of the order of the mesh. The path is finite and never revisits a simplex (it is a
 * door-in door-out path in a finite graph of simplices whose only ends are the start and complete
 * simplices), so each round terminates; a pivot cap guards it anyway.
 *
 * Source: G. van der Laan, A. J. J. Talman, L. van der Heyden, "Simplicial variable dimension
 * algorithms for solving the nonlinear complementarity problem on a product of unit simplices using
 * a general labelling", Mathematics of Operations Research 12 (1987) 377-397; Gambit's `simpdiv`
 * (src/solvers/simpdiv/simpdiv.cc) implements the same path.
 */
import { InternalError } from "../../../src/errors.js";

/** The labelling: the label of grid point `z` (a flat strategy index), and the point kept as the best. */
export interface Labeller {
  label(z: Float64Array): number;
}

/** How one round ended. */
export interface PathOutcome {
  /** `"complete"`: a complete simplex was reached; `"capped"`: the pivot budget ran out first. */
  status: "complete" | "capped";
  /** Labels computed (one per vertex visited). */
  pivots: number;
  /** Largest dimension of a simplex on the path. */
  maxDimension: number;
}

/**
 * Follows the path from grid point `v` (its blocks each sum to the mesh denominator) until a complete
 * simplex or `maxPivots` labels. The labeller sees every vertex visited (it keeps the best one).
 *
 * @throws InternalError if the path's invariants break (a vertex outside the simplices).
 * @example
 * followPath([2, 2], Float64Array.of(2, 0, 2, 0), labeller, 1000); // { status: "complete", ... }
 */
export function followPath(
  shape: readonly number[],
  v: Float64Array,
  labeller: Labeller,
  maxPivots: number,
): PathOutcome {
  return new SubdivisionPath(shape, v, labeller).run(maxPivots);
}

class SubdivisionPath {
  private readonly offsets: number[] = [0];
  private readonly playerOf: number[] = [];
  /** Strategies in the region's directions (labels met) and pinned at probability 0. */
  private readonly inT: Uint8Array;
  private readonly inU: Uint8Array;
  /** The base vertex `y_0` and its offsets from `v` in the raw directions `e_g - e_{g-1}`. */
  private readonly base: Float64Array;
  private readonly offset: Float64Array;
  /** Directions of the simplex, in order; `labels[k]` is the label of vertex k (t + 1 of them). */
  private pi: number[] = [];
  private labels: number[] = [0];
  private newest = 0;
  private pivots = 0;
  private maxDimension = 0;

  constructor(
    private readonly shape: readonly number[],
    v: Float64Array,
    private readonly labeller: Labeller,
  ) {
    shape.forEach((n, p) => {
      this.offsets.push(this.offsets[p]! + n);
      for (let s = 0; s < n; s++) this.playerOf.push(p);
    });
    const dim = this.offsets[shape.length]!;
    this.inT = new Uint8Array(dim);
    this.inU = new Uint8Array(dim);
    this.base = Float64Array.from(v);
    this.offset = new Float64Array(dim);
    // strategies at 0 in the start are pinned there until a label asks for them
    for (let g = 0; g < dim; g++) if (v[g] === 0) this.inU[g] = 1;
  }

  run(maxPivots: number): PathOutcome {
    let y: Float64Array = Float64Array.from(this.base);
    for (;;) {
      if (this.pivots >= maxPivots) return this.outcome("capped");
      this.pivots++;
      const g = this.labeller.label(y);
      this.labels[this.newest] = g;
      const next = this.afterLabel(g);
      if (next === null) return this.outcome("complete");
      y = next;
    }
  }

  private outcome(status: PathOutcome["status"]): PathOutcome {
    return { status, pivots: this.pivots, maxDimension: this.maxDimension };
  }

  private get t(): number {
    return this.pi.length;
  }

  /** The next vertex to label after the newest vertex got label `g`, or `null` at a complete simplex. */
  private afterLabel(g: number): Float64Array | null {
    if (this.inT[g]) {
      // the label is doubled: drop the other vertex that carries it
      const other = this.labels.findIndex((l, k) => l === g && k !== this.newest);
      if (other < 0) throw new InternalError("simpdiv: a label in the region has no other vertex");
      return this.replace(other);
    }
    if (this.inU[g]) {
      // a pinned strategy is wanted again: unpin it, inserting its direction before the direction
      // that used to step over it (the two sum to that old direction, so the simplex stays a facet)
      const k = this.nextFree(g);
      return this.raise(this.inT[k] ? this.pi.indexOf(k) : this.t, g);
    }
    if (this.marked(this.playerOf[g]!) === this.shape[this.playerOf[g]!]! - 1) return null;
    return this.raise(this.t, g);
  }

  /** Number of strategies of player p that are directions or pinned. */
  private marked(p: number): number {
    let c = 0;
    for (let g = this.offsets[p]!; g < this.offsets[p + 1]!; g++) if (this.inT[g] || this.inU[g]) c++;
    return c;
  }

  private rawPrev(g: number): number {
    const p = this.playerOf[g]!;
    return g === this.offsets[p]! ? this.offsets[p + 1]! - 1 : g - 1;
  }

  private rawNext(g: number): number {
    const p = this.playerOf[g]!;
    return g === this.offsets[p + 1]! - 1 ? this.offsets[p]! : g + 1;
  }

  /** The previous strategy of g's player, cyclically, that is not pinned. */
  private prev(g: number): number {
    let k = this.rawPrev(g);
    for (let guard = 0; this.inU[k] && guard < this.shape[this.playerOf[g]!]!; guard++) k = this.rawPrev(k);
    return k;
  }

  /** The next strategy after g, cyclically, that is not pinned. */
  private nextFree(g: number): number {
    let k = this.rawNext(g);
    for (let guard = 0; this.inU[k] && guard < this.shape[this.playerOf[g]!]!; guard++) k = this.rawNext(k);
    return k;
  }

  /** `y += sign * q(g)`. */
  private step(y: Float64Array, g: number, sign: number): Float64Array {
    y[g]! += sign;
    y[this.prev(g)]! -= sign;
    return y;
  }

  /** Vertex k of the current simplex (a fresh vector). */
  private vertex(k: number): Float64Array {
    const y = Float64Array.from(this.base);
    for (let m = 0; m < k; m++) this.step(y, this.pi[m]!, 1);
    return y;
  }

  /** Adds `sign` to the raw offsets that make up `q(g)` (from just after `prev(g)` to g). */
  private shiftOffsets(g: number, sign: number): void {
    for (let k = this.rawNext(this.prev(g)); ; k = this.rawNext(k)) {
      this.offset[k]! += sign;
      if (k === g) return;
    }
  }

  /** Inserts direction g at position `at`: the new vertex `at + 1` lies between the old `at` and `at + 1`. */
  private raise(at: number, g: number): Float64Array {
    const y = this.vertex(at);
    this.step(y, g, 1);
    this.pi.splice(at, 0, g);
    this.labels.splice(at + 1, 0, -1);
    this.newest = at + 1;
    this.inT[g] = 1;
    this.inU[g] = 0;
    this.maxDimension = Math.max(this.maxDimension, this.t);
    return y;
  }

  /** Replaces vertex i of the simplex: the next simplex of the path, or a change of dimension. */
  private replace(i: number): Float64Array | null {
    const t = this.t;
    // the start (dimension 0) has one neighbour only, the simplex the path left it by
    if (t === 0) throw new InternalError("simpdiv: the path returned to its start");
    const g = i < t ? this.pi[i]! : this.pi[t - 1]!;
    const p = this.playerOf[g]!;
    const k = i < t ? this.prev(g) : g;
    const first = this.rawNext(this.prev(g));
    const y = this.vertex(i === 0 ? t : i === t ? 0 : i - 1);
    if (i === 0 && y[k]! <= 0) {
      // the new vertex would leave the simplex at strategy k: pin k and step over it
      if (this.marked(p) === this.shape[p]! - 1) {
        this.inU[k] = 1;
        return null;
      }
      this.rotateForward(g);
      this.inU[k] = 1;
      return this.step(y, this.pi[t - 1]!, 1);
    }
    if (i > 0 && i < t && y[k]! <= 0) return this.lower(i);
    if (i === t && this.offset[first] === 0) {
      // the base would leave the region: the facet lies on its boundary
      if (y[g]! <= 0) return this.lower(i);
      let m = first;
      for (let passed = false; this.offset[m] === 0 && !passed; m = this.rawNext(m)) passed = m === g;
      m = this.rawPrev(m);
      return m === g ? this.lower(i) : this.unpinAtBase(m, g, y);
    }
    if (i === 0) {
      this.step(y, this.pi[0]!, 1);
      this.rotateForward(g);
    } else if (i < t) {
      this.step(y, this.pi[i]!, 1);
      [this.pi[i - 1], this.pi[i]] = [this.pi[i]!, this.pi[i - 1]!];
      this.newest = i;
    } else {
      this.step(y, g, -1);
      this.rotateBackward(g);
    }
    return y;
  }

  /** The base moves to vertex 1 and direction `pi[0] = g` goes last (the old base is dropped). */
  private rotateForward(g: number): void {
    this.step(this.base, g, 1);
    this.shiftOffsets(g, 1);
    this.pi.push(this.pi.shift()!);
    this.labels.push(this.labels.shift()!);
    this.newest = this.t;
  }

  /** The base moves back by `q(g)`, `g = pi[t - 1]`, which goes first (the old last vertex is dropped). */
  private rotateBackward(g: number): void {
    this.step(this.base, g, -1);
    this.shiftOffsets(g, -1);
    this.pi.unshift(this.pi.pop()!);
    this.labels.unshift(this.labels.pop()!);
    this.newest = 0;
  }

  /** Drops direction `pi[i - 1]` and vertex i (a facet on a boundary), then the vertex with that label. */
  private lower(i: number): Float64Array | null {
    const g = this.pi[i - 1]!;
    this.inT[g] = 0;
    if (this.base[g]! <= 0) this.inU[g] = 1;
    this.labels.splice(i, 1);
    this.pi.splice(i - 1, 1);
    const k = this.labels.indexOf(g);
    if (k < 0) throw new InternalError("simpdiv: the dropped direction's label is on no vertex");
    return this.replace(k);
  }

  /** The base steps back over pinned strategy m, which is unpinned (the region's boundary crossed there). */
  private unpinAtBase(m: number, g: number, y: Float64Array): Float64Array {
    this.labels.unshift(this.labels.pop()!);
    this.newest = 0;
    this.pi.unshift(this.pi.pop()!);
    this.inU[m] = 0;
    this.step(y, g, -1);
    this.base.set(y);
    this.shiftOffsets(g, -1);
    return y;
  }
}
