/**
 * A small LRU cache. Search results are pure functions of the read-only archive and the normalised
 * request, so the server keeps recent ones: popular queries (the home page's, a shared link) then cost
 * a map lookup. A Map keeps insertion order, which is all an LRU needs.
 */
export class Lru<V> {
  private map = new Map<string, V>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, v: V): void {
    if (this.capacity <= 0) return;
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  /** Returns the cached value for `key`, computing and storing it on a miss. */
  through(key: string, compute: () => V): V {
    const v = this.get(key);
    if (v !== undefined) return v;
    const fresh = compute();
    this.set(key, fresh);
    return fresh;
  }

  get size(): number {
    return this.map.size;
  }
}
