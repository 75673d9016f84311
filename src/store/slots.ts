/** Values that arrive by chunk number, from either side first: a taker waits for the giver. */
export class Slots<T> {
  private slots = new Map<number, { promise: Promise<T>; resolve: (v: T) => void; ends: number }>();

  // Each slot has two ends, a give and a take; it is forgotten once both have happened.
  private end(c: number) {
    let s = this.slots.get(c);
    if (!s) {
      let resolve!: (v: T) => void;
      const promise = new Promise<T>((r) => (resolve = r));
      s = { promise, resolve, ends: 0 };
      this.slots.set(c, s);
    }
    if (++s.ends === 2) this.slots.delete(c);
    return s;
  }

  give(c: number, v: T): void {
    this.end(c).resolve(v);
  }

  take(c: number): Promise<T> {
    return this.end(c).promise;
  }
}
