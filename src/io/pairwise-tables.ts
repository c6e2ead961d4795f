/**
 * Allocation-free lookups for reading arena-scale battle logs (millions of rows, docs/pairwise.md
 * "Arena scale"): a table of names looked up by a range of the text they sit in (no substring is made
 * for a name already seen), and a table of cells keyed by three integers (model a, model b, task). Both
 * are open addressing with linear probing (Knuth, The Art of Computer Programming, vol. 3, 6.4,
 * algorithm L), kept at most half full. A `Map` keyed by a fresh substring or a non-small-integer
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

/** Cell indices keyed by (model a, model b, task), three integers in the 32-bit range. */
export class CellTable {
  /** Four integers per slot, together in one cache line: a, b, task, value (-1: an empty slot). */
  private slots = CellTable.empty(1024);
  private mask = 1023;
  private size = 0;

  private static empty(capacity: number): Int32Array {
    const s = new Int32Array(4 * capacity);
    for (let k = 3; k < s.length; k += 4) s[k] = -1;
    return s;
  }

  /** The value stored for (a, b, t), or -1. */
  get(a: number, b: number, t: number): number {
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
    const slots = this.slots;
    let s = hash3(a, b, t) & this.mask;
    while (slots[4 * s + 3] !== -1) s = (s + 1) & this.mask;
    const k = 4 * s;
    slots[k] = a;
    slots[k + 1] = b;
    slots[k + 2] = t;
    slots[k + 3] = v;
    if (++this.size * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = CellTable.empty(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let k = 0; k < old.length; k += 4)
      if (old[k + 3] !== -1) this.set(old[k]!, old[k + 1]!, old[k + 2]!, old[k + 3]!);
  }
}
