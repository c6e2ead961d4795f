/**
 * Allocation-free lookups for reading arena-scale battle logs (millions of rows, docs/pairwise.md
 * "Arena scale"): a table of names looked up by a range of the text they sit in (no substring is made
 * for a name already seen), and a table of cells keyed by three integers (model a, model b, task). Both
 * hash with open addressing and linear probing (Knuth, The Art of Computer Programming, vol. 3, 6.4,
 * algorithm L), kept at most half full; the cells' is a dense array while the models and tasks are few. A `Map` keyed by a fresh substring or a non-small-integer
 * number hashes and allocates on every row, which was most of the reading time of a 1.5 million row log.
 */

/** FNV-1a over the UTF-16 code units `text[start, end)` (Fowler, Noll, Vo). */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h;
}

/** Whether `text[start, end)` equals `name`. */
function sameRange(name: string, text: string, start: number, end: number): boolean {
  const n = end - start;
  if (name.length !== n) return false;
  for (let k = 0; k < n; k++) if (name.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/**
 * Names to small integers, looked up by the range of a text holding the name. `id` adds a name the
 * first time through `add(name)` (the caller's own interning, so that names also added elsewhere keep
 * one index).
 */
export class RangeNames {
  private names: string[] = new Array<string>(64);
  private hashes = new Int32Array(64);
  private ids = new Int32Array(64).fill(-1);
  private mask = 63;
  private size = 0;

  constructor(private readonly add: (name: string) => number) {}

  /** The index of the name `text[start, end)`, adding it (through `add`) the first time. */
  id(text: string, start: number, end: number): number {
    const h = hashRange(text, start, end);
    let s = h & this.mask;
    for (;;) {
      const v = this.ids[s]!;
      if (v === -1) break;
      if (this.hashes[s] === h && sameRange(this.names[s]!, text, start, end)) return v;
      s = (s + 1) & this.mask;
    }
    const name = text.slice(start, end);
    const v = this.add(name);
    this.names[s] = name;
    this.hashes[s] = h;
    this.ids[s] = v;
    if (++this.size * 2 > this.mask) this.grow();
    return v;
  }

  private grow(): void {
    const { names, hashes, ids } = this;
    const cap = (this.mask + 1) * 2;
    this.names = new Array<string>(cap);
    this.hashes = new Int32Array(cap);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let k = 0; k < ids.length; k++) {
      if (ids[k] === -1) continue;
      let s = hashes[k]! & this.mask;
      while (this.ids[s] !== -1) s = (s + 1) & this.mask;
      this.names[s] = names[k]!;
      this.hashes[s] = hashes[k]!;
      this.ids[s] = ids[k]!;
    }
  }
}

/** A mixing hash of three 32-bit integers (multiplicative constants of MurmurHash3's finaliser). */
function hash3(a: number, b: number, t: number): number {
  let h =
    Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(t ^ 0x165667b1, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** Largest dense index (models x models x task slots) before the cell table hashes instead: 16 MiB. */
const DENSE_LIMIT = 1 << 22;

/**
 * Cell indices keyed by (model a, model b, task), integers with `a, b >= 0` and `task >= -1`. While
 * models x models x (tasks + 1) fits in `DENSE_LIMIT` entries the index is a dense array (an arena log
 * of 120 models in 8 categories: 130,000 entries, half a megabyte, no hashing); past it, a hash table.
 */
export class CellTable {
  /** Every key and value stored, four integers each, to rebuild the index when it grows. */
  private entries = new Int32Array(4 * 1024);
  private size = 0;
  /** The dense index (`undefined` once hashing): entry `(a * models + b) * tasks + task + 1`. */
  private dense: Int32Array | undefined = new Int32Array(0);
  private models = 0;
  private tasks = 0;
  /** The hash index: four integers per slot, together in one cache line: a, b, task, value (-1: empty). */
  private slots = new Int32Array(0);
  private mask = -1;

  /** The value stored for (a, b, t), or -1. */
  get(a: number, b: number, t: number): number {
    const dense = this.dense;
    if (dense !== undefined) {
      const m = this.models;
      return a < m && b < m && t + 1 < this.tasks ? dense[(a * m + b) * this.tasks + t + 1]! : -1;
    }
    const slots = this.slots;
    let s = hash3(a, b, t) & this.mask;
    for (;;) {
      const k = 4 * s;
      const v = slots[k + 3]!;
      if (v === -1 || (slots[k] === a && slots[k + 1] === b && slots[k + 2] === t)) return v;
      s = (s + 1) & this.mask;
    }
  }

  /** Stores `v >= 0` for (a, b, t), which must be absent. */
  set(a: number, b: number, t: number, v: number): void {
    if (4 * this.size === this.entries.length) {
      const more = new Int32Array(2 * this.entries.length);
      more.set(this.entries);
      this.entries = more;
    }
    const e = 4 * this.size++;
    this.entries[e] = a;
    this.entries[e + 1] = b;
    this.entries[e + 2] = t;
    this.entries[e + 3] = v;
    if (this.dense !== undefined && a < this.models && b < this.models && t + 1 < this.tasks)
      this.dense[(a * this.models + b) * this.tasks + t + 1] = v;
    else if (this.dense !== undefined) this.rebuild(a, b, t);
    else if (2 * this.size > this.mask) this.rebuild(a, b, t);
    else this.insert(a, b, t, v);
  }

  private insert(a: number, b: number, t: number, v: number): void {
    const slots = this.slots;
    let s = hash3(a, b, t) & this.mask;
    while (slots[4 * s + 3] !== -1) s = (s + 1) & this.mask;
    const k = 4 * s;
    slots[k] = a;
    slots[k + 1] = b;
    slots[k + 2] = t;
    slots[k + 3] = v;
  }

  /** A larger index holding every entry (dense while it fits, else hashed), after a key past its bounds. */
  private rebuild(a: number, b: number, t: number): void {
    const entries = this.entries;
    if (this.dense !== undefined) {
      let models = Math.max(16, this.models);
      while (models <= Math.max(a, b)) models *= 2;
      let tasks = Math.max(4, this.tasks);
      while (tasks <= t + 1) tasks *= 2;
      if (models * models * tasks <= DENSE_LIMIT) {
        const dense = new Int32Array(models * models * tasks).fill(-1);
        for (let e = 0; e < 4 * this.size; e += 4)
          dense[(entries[e]! * models + entries[e + 1]!) * tasks + entries[e + 2]! + 1] = entries[e + 3]!;
        this.dense = dense;
        this.models = models;
        this.tasks = tasks;
        return;
      }
      this.dense = undefined;
    }
    let cap = 1024;
    while (cap < 4 * this.size) cap *= 2;
    this.slots = new Int32Array(4 * cap);
    for (let k = 3; k < this.slots.length; k += 4) this.slots[k] = -1;
    this.mask = cap - 1;
    for (let e = 0; e < 4 * this.size; e += 4)
      this.insert(entries[e]!, entries[e + 1]!, entries[e + 2]!, entries[e + 3]!);
  }
}
