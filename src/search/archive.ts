import { statSync } from 'node:fs';
import type { ReleaseSummaryRow } from '../corpus/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Fact } from '../facts/types.ts';
import { decodeFacts } from '../facts/codec.ts';
import { loadColumns, type Columns } from '../store/columns.ts';
import { openArchiveDb, type DB } from '../store/open.ts';
import type { Statement } from 'better-sqlite3';
import { foldKey } from '../text.ts';
import type { ReleaseRecord, Stats } from './release.ts';

interface ReleaseRow extends ReleaseSummaryRow {
  rowid: number;
  ministers_raw: string;
  attachments: string;
  body: string;
  facts: string;
  path: string;
}

/**
 * An ingested archive, opened read-only. Everything the CLI and the server do goes through here.
 * @example
 * const archive = Archive.open('pressroom.db');
 * archive.release('2015-02-24-pm-announces-contribution-coalition-against-isil').ministers // => ['John Key']
 */
export class Archive {
  private conn: DB;
  private version: number;
  private identity: string;
  private memos = new Map<string, unknown>();
  /** Counts the changes this object has seen: 0 when opened, one more each time `refresh()` finds new data. */
  generation = 0;
  private readThrough = false;
  /** Holders of the open read snapshot (`hold()`); it ends when the last lets go. */
  private readers = 0;
  private snapshotAt = 0;
  /** The file and its write-ahead log as the snapshot began: new requests wait for a fresh snapshot only once they change. */
  private snapshotStamp = '';
  private waiting: (() => void)[] = [];

  private constructor(readonly file: string, db: DB) {
    this.conn = db;
    this.version = dataVersion(db);
    this.identity = fileIdentity(file);
  }

  static open(file: string): Archive {
    return new Archive(file, openArchiveDb(file));
  }

  get db(): DB {
    return this.conn;
  }

  close(): void {
    this.conn.close();
  }

  /**
   * For a long-running server: reads through a page cache of 4 MB and the OS's instead of a memory map,
   * now and after a rebuild reopens the file. A map counts every archive page the process has touched in
   * its RSS, once per map (1.5 GB with three workers after the bench's searches); the OS caches the file
   * either way, so a larger cache per connection (one per worker) adds RSS without saving CPU.
   */
  readThroughCache(): void {
    this.readThrough = true;
    this.conn.pragma('mmap_size = 0');
    this.conn.pragma('cache_size = -4096');
  }

  /**
   * Looks whether the archive changed since the last look (an ingest committed in place, or a rebuild
   * renamed over the file) and, if so, drops every cache so the next read sees the new data. Long-lived
   * holders (the server, once per request) call it; one PRAGMA and one stat, a few microseconds.
   * @returns true when the archive changed.
   */
  refresh(): boolean {
    // Inside a snapshot the connection must stay, and its data cannot change.
    if (this.readers > 0) return false;
    const identity = fileIdentity(this.file);
    if (identity && identity !== this.identity) {
      // A new file at the path: the open connection still reads the old, unlinked one.
      let db: DB;
      try {
        db = openArchiveDb(this.file);
      } catch {
        // Not an archive this version reads (yet): keep answering from the one that is open.
        return false;
      }
      this.conn.close();
      this.conn = db;
      this.identity = identity;
      if (this.readThrough) this.readThroughCache();
    } else if (dataVersion(this.conn) === this.version) {
      return false;
    }
    this.version = dataVersion(this.conn);
    this.memos.clear();
    this.generation++;
    return true;
  }

  /**
   * Begins a read snapshot, or joins the one open: until the returned function is called (by every
   * holder), each statement reads the archive as it was at the snapshot's first read, and the caches
   * belong to that same generation. An ingest that commits meanwhile shows in the next snapshot.
   * @example
   * const release = archive.hold();
   * try { search(archive, 'Taji'); archive.release(id); } finally { release(); }
   */
  hold(): () => void {
    if (this.readers === 0) this.begin();
    this.readers++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      if (--this.readers === 0) this.end();
    };
  }

  /**
   * Runs `fn` (one request) in a read snapshot. Overlapping requests share one snapshot; once it is older
   * than `SHARED_SNAPSHOT_MS` and the file has changed on disk (an ingest committed), a request arriving
   * waits for it to end, so that a busy server still sees an ingest within about that time, and one whose
   * archive did not change never waits.
   */
  async reading<T>(fn: () => Promise<T>): Promise<T> {
    while (this.readers > 0 && Date.now() - this.snapshotAt > SHARED_SNAPSHOT_MS && diskStamp(this.file) !== this.snapshotStamp) {
      await new Promise<void>((r) => this.waiting.push(r));
    }
    const release = this.hold();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private begin(): void {
    this.refresh();
    this.conn.exec('BEGIN');
    // The snapshot starts at the first read; an ingest that committed since refresh() shows in data_version.
    this.conn.prepare(`SELECT 1 FROM meta LIMIT 1`).get();
    const v = dataVersion(this.conn);
    if (v !== this.version) {
      this.version = v;
      this.memos.clear();
      this.generation++;
    }
    this.snapshotAt = Date.now();
    this.snapshotStamp = diskStamp(this.file);
  }

  private end(): void {
    if (this.conn.inTransaction) this.conn.exec('COMMIT');
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /**
   * A value computed from the archive once per generation: every per-archive cache lives here, so that
   * `refresh()` drops them all together and none can disagree with another about which rows exist.
   */
  memo<T>(key: string, make: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = make();
    this.memos.set(key, v);
    return v;
  }

  /**
   * A statement prepared once per generation (on the connection of that generation): preparing one over
   * the full-text index costs more than running it for a rare word. Each caller sets its own mode (pluck, raw).
   */
  statement(sql: string): Statement {
    const all = this.memo('statements', () => new Map<string, Statement>());
    let s = all.get(sql);
    if (!s) {
      s = this.conn.prepare(sql);
      all.set(sql, s);
    }
    return s;
  }

  /** The in-memory columns, read on first use. */
  get columns(): Columns {
    return this.memo('columns', () => loadColumns(this.conn));
  }

  /** Rowids of the exact copies of `rowid`, itself included, in rowid order (just itself when it has none). */
  copiesOf(rowid: number): number[] {
    const groups = this.memo('copies', () => {
      const g = new Map<number, number[]>();
      const first = this.columns.first;
      for (let r = 0; r < first.length; r++) {
        if (first[r] !== 0 && first[r] !== r) {
          const f = first[r]!;
          if (!g.has(f)) g.set(f, [f]);
          g.get(f)!.push(r);
        }
      }
      return g;
    });
    return groups.get(this.columns.first[rowid] ?? rowid) ?? [rowid];
  }

  idsOf(rowids: number[]): string[] {
    const stmt = this.statement(`SELECT id FROM releases WHERE rowid = ?`).pluck();
    return rowids.map((r) => stmt.get(r) as string);
  }

  rowidOf(id: string): number {
    const rowid = this.db.prepare(`SELECT rowid FROM releases WHERE id = ?`).pluck().get(id) as number | undefined;
    if (rowid === undefined) throw new NotFoundError(`no release with id "${id}"`);
    return rowid;
  }

  /** One release with its facts; throws `NotFoundError` for an unknown id. */
  release(id: string): ReleaseRecord {
    const row = this.db
      .prepare(`SELECT rowid, id, title, date, url, ministers, ministers_raw, portfolios, attachments, body, facts, path FROM releases WHERE id = ?`)
      .get(id) as ReleaseRow | undefined;
    if (!row) throw new NotFoundError(`no release with id "${id}"`);
    const copies = this.copiesOf(row.rowid).filter((r) => r !== row.rowid);
    return {
      id: row.id,
      title: row.title,
      date: row.date,
      url: row.url,
      ministers: JSON.parse(row.ministers),
      ministers_raw: JSON.parse(row.ministers_raw),
      portfolios: JSON.parse(row.portfolios),
      attachments: JSON.parse(row.attachments),
      body: row.body,
      facts: decodeFacts(row.facts, row.body),
      duplicates: this.idsOf(copies),
      path: row.path,
    };
  }

  stats(): Stats {
    return this.memo('stats', () => this.readStats());
  }

  private readStats(): Stats {
    const one = <T>(sql: string) => this.db.prepare(sql).pluck().get() as T;
    const perYear: Record<string, number> = {};
    for (const [y, n] of this.db.prepare(`SELECT substr(date, 1, 4), count(*) FROM releases WHERE date IS NOT NULL GROUP BY 1 ORDER BY 1`).raw().all() as [string, number][]) {
      perYear[y] = n;
    }
    return {
      releases: one<number>(`SELECT count(*) FROM releases`),
      undated: one<number>(`SELECT count(*) FROM releases WHERE date IS NULL`),
      people: one<number>(`SELECT count(*) FROM people WHERE id IN (SELECT person FROM release_people)`),
      portfolios: one<number>(`SELECT count(*) FROM portfolios`),
      first: one<string | null>(`SELECT min(date) FROM releases`),
      last: one<string | null>(`SELECT max(date) FROM releases`),
      per_year: perYear,
      ingested_at: one<string | null>(`SELECT value FROM meta WHERE key = 'ingested_at'`) ?? null,
    };
  }

  /** Person ids for a name in any of its forms (canonical, alias, any case, either apostrophe, with or without honorifics). */
  personIds(name: string, key: (s: string) => string): number[] {
    const ids = new Set<number>();
    for (const id of this.db.prepare(`SELECT id FROM people WHERE key = ?`).pluck().all(key(name)) as number[]) ids.add(id);
    const folded = foldKey(name);
    for (const [alias, id] of this.db.prepare(`SELECT alias, person FROM aliases`).raw().all() as [string, number][]) {
      if (foldKey(alias) === folded) ids.add(id);
    }
    return [...ids];
  }

  /** Portfolio ids for a whole portfolio name, case- and diacritic-insensitively. */
  portfolioIds(name: string): number[] {
    return this.db.prepare(`SELECT id FROM portfolios WHERE key = ?`).pluck().all(foldKey(name)) as number[];
  }

  personName(id: number): string {
    return this.names('people').get(id) ?? String(id);
  }

  portfolioName(id: number): string {
    return this.names('portfolios').get(id) ?? String(id);
  }

  private names(table: 'people' | 'portfolios'): Map<number, string> {
    return this.memo(`names:${table}`, () => new Map(this.db.prepare(`SELECT id, name FROM ${table}`).raw().all() as [number, string][]));
  }
}

/** How long overlapping requests may keep sharing one read snapshot before new ones wait for a fresh one. */
export const SHARED_SNAPSHOT_MS = 2000;

function dataVersion(db: DB): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** The archive and its write-ahead log as they are on disk: a commit changes one or the other. */
function diskStamp(file: string): string {
  const stamp = (f: string) => {
    try {
      const st = statSync(f);
      return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  return `${stamp(file)}|${stamp(`${file}-wal`)}`;
}

/** Device and inode: a rebuild renamed into place is another file at the same path. */
function fileIdentity(file: string): string {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    // Gone for a moment (between unlink and rename): keep reading the open file.
    return '';
  }
}

