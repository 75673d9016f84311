import type { ReleaseSummaryRow } from '../corpus/types.ts';
import { NotFoundError } from '../errors.ts';
import type { Fact } from '../facts/types.ts';
import { decodeFacts } from '../facts/codec.ts';
import { loadColumns, type Columns } from '../store/columns.ts';
import { openArchiveDb, type DB } from '../store/open.ts';
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
  readonly db: DB;
  private cols: Columns | undefined;
  private groups: Map<number, number[]> | undefined;

  private constructor(db: DB) {
    this.db = db;
  }

  static open(file: string): Archive {
    return new Archive(openArchiveDb(file));
  }

  close(): void {
    this.db.close();
  }

  /** The in-memory columns, read on first use. */
  get columns(): Columns {
    return (this.cols ??= loadColumns(this.db));
  }

  /** Rowids of the exact copies of `rowid`, itself included, in rowid order (just itself when it has none). */
  copiesOf(rowid: number): number[] {
    if (!this.groups) {
      const g = new Map<number, number[]>();
      const first = this.columns.first;
      for (let r = 0; r < first.length; r++) {
        if (first[r] !== 0 && first[r] !== r) {
          const f = first[r]!;
          if (!g.has(f)) g.set(f, [f]);
          g.get(f)!.push(r);
        }
      }
      this.groups = g;
    }
    return this.groups.get(this.columns.first[rowid] ?? rowid) ?? [rowid];
  }

  idsOf(rowids: number[]): string[] {
    const stmt = this.db.prepare(`SELECT id FROM releases WHERE rowid = ?`).pluck();
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

  private nameCache: Record<string, Map<number, string>> = {};
  private names(table: 'people' | 'portfolios'): Map<number, string> {
    return (this.nameCache[table] ??= new Map(this.db.prepare(`SELECT id, name FROM ${table}`).raw().all() as [number, string][]));
  }
}
