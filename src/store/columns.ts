import { dayNumber } from '../calendar.ts';
import type { DB } from './open.ts';

/**
 * Per-release columns that search keeps in memory, indexed by rowid: facets, date filters and date
 * sorting over tens of thousands of matches then cost microseconds, not a SQL pass per query.
 * Built at ingest and stored as one blob, so opening an archive reads them in one go.
 */
export interface Columns {
  /** One past the largest rowid. */
  size: number;
  /** `YYYYMMDD` as a number; 0 when the date is unknown or the rowid is unused. */
  day: Int32Array;
  /** People of release r: `peopleIds[peopleStart[r] .. peopleStart[r + 1])`. */
  peopleStart: Uint32Array;
  peopleIds: Uint32Array;
  portfolioStart: Uint32Array;
  portfolioIds: Uint32Array;
  /** The rowid of the first exact copy of r (itself when it has none); 0 for unused rowids. */
  first: Int32Array;
}

export function buildColumns(db: DB): Buffer {
  const max = (db.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM releases`).get() as { m: number }).m;
  const size = max + 1;
  const day = new Int32Array(size);
  const first = new Int32Array(size);
  for (const [rowid, date] of db.prepare(`SELECT rowid, date FROM releases`).raw().iterate() as Iterable<[number, string | null]>) {
    day[rowid] = date ? dayNumber(date) : 0;
    first[rowid] = rowid;
  }
  for (const [rowid, f] of db.prepare(`SELECT release, first FROM copies`).raw().iterate() as Iterable<[number, number]>) first[rowid] = f;
  const csr = (sql: string) => {
    const start = new Uint32Array(size + 1);
    const pairs = db.prepare(sql).raw().all() as [number, number][];
    for (const [r] of pairs) start[r + 1]!++;
    for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
    const ids = new Uint32Array(pairs.length);
    // Pairs come sorted by release (the primary key), so they fill each run in order.
    for (let i = 0; i < pairs.length; i++) ids[i] = pairs[i]![1];
    return { start, ids };
  };
  const people = csr(`SELECT release, person FROM release_people ORDER BY release`);
  const portfolios = csr(`SELECT release, portfolio FROM release_portfolios ORDER BY release`);
  const parts = [day, people.start, people.ids, portfolios.start, portfolios.ids, first];
  const header = new Uint32Array([size, ...parts.map((p) => p.length)]);
  return Buffer.concat([header, ...parts].map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

export function loadColumns(db: DB): Columns {
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'columns'`).get() as { value: Buffer } | undefined;
  if (!row) {
    const empty = new Uint32Array(1);
    return { size: 0, day: new Int32Array(0), peopleStart: empty, peopleIds: new Uint32Array(0), portfolioStart: empty, portfolioIds: new Uint32Array(0), first: new Int32Array(0) };
  }
  // Copy into a fresh, aligned buffer: typed arrays need 4-byte alignment.
  const buf = new Uint8Array(row.value).buffer;
  const header = new Uint32Array(buf, 0, 7);
  let off = 7 * 4;
  const take = <T>(Ctor: new (b: ArrayBuffer, o: number, n: number) => T, n: number): T => {
    const arr = new Ctor(buf, off, n);
    off += n * 4;
    return arr;
  };
  return {
    size: header[0]!,
    day: take(Int32Array, header[1]!),
    peopleStart: take(Uint32Array, header[2]!),
    peopleIds: take(Uint32Array, header[3]!),
    portfolioStart: take(Uint32Array, header[4]!),
    portfolioIds: take(Uint32Array, header[5]!),
    first: take(Int32Array, header[6]!),
  };
}
