// Positions of open items by number key (year, sequence), for a million items without a
// million-entry Map: per year a dense array indexed by sequence (invoice sequences are
// gapless per series and year), with a Map only for years whose sequences are sparse.
// Slots hold -1 (none), a position, or -2 - i for the i-th list of several positions.

export class NumberTable {
  private readonly dense = new Map<number, Int32Array>();
  private readonly sparse = new Map<number, Map<number, number>>();
  private readonly lists: number[][] = [];

  constructor(years: Int32Array, seqs: Int32Array) {
    // Items come in runs of one year: the per-year entry of the last item is reused.
    const count = new Map<number, { n: number; max: number }>();
    let c: { n: number; max: number } | undefined;
    let cYear = NaN;
    for (let i = 0; i < years.length; i++) {
      const seq = seqs[i]!;
      if (seq < 0) continue;
      if (years[i] !== cYear) {
        cYear = years[i]!;
        c = count.get(cYear);
        if (!c) count.set(cYear, (c = { n: 0, max: 0 }));
      }
      c!.n++;
      if (seq > c!.max) c!.max = seq;
    }
    for (const [year, c] of count) {
      if (c.max <= 4 * c.n + 1024) this.dense.set(year, new Int32Array(c.max + 1).fill(-1));
      else this.sparse.set(year, new Map());
    }
    let d: Int32Array | undefined;
    let dYear = NaN;
    for (let i = 0; i < years.length; i++) {
      const seq = seqs[i]!;
      if (seq < 0) continue;
      if (years[i] !== dYear) d = this.dense.get((dYear = years[i]!));
      // The common case inline: a dense year and a free slot.
      if (d && d[seq] === -1) d[seq] = i;
      else this.add(dYear, seq, i);
    }
  }

  private add(year: number, seq: number, position: number): void {
    const d = this.dense.get(year);
    const slot = d ? d[seq]! : this.sparse.get(year)!.get(seq) ?? -1;
    let next = position;
    if (slot >= 0) {
      this.lists.push([slot, position]);
      next = -1 - this.lists.length;
    } else if (slot < -1) {
      this.lists[-2 - slot]!.push(position);
      return;
    }
    if (d) d[seq] = next;
    else this.sparse.get(year)!.set(seq, next);
  }

  get(year: number, seq: number): readonly number[] {
    const d = this.dense.get(year);
    const slot = d ? (seq < d.length ? d[seq]! : -1) : this.sparse.get(year)?.get(seq) ?? -1;
    return slot === -1 ? [] : slot >= 0 ? [slot] : this.lists[-2 - slot]!;
  }
}
