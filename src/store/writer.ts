import { people as knownPeople, personKey } from '../corpus/normalise.ts';
import { foldKey } from '../text.ts';
import type { DB } from './open.ts';
import type { PreparedRelease } from './prepare.ts';
import type { FileStat } from './read-file.ts';

/** Writes releases and what hangs off them; keeps the people and portfolio ids it has handed out. */
export class Writer {
  private personIds = new Map<string, number>();
  private portfolioIds = new Map<string, number>();
  private stmts;
  private pending: { people: number[][]; portfolios: number[][]; amounts: string[]; commitments: string[] } = { people: [], portfolios: [], amounts: [], commitments: [] };

  constructor(db: DB, fresh: boolean) {
    const cols = 'id, path, title, date, url, lead, body, ministers, ministers_raw, portfolios, attachments, facts, content_key, hash, mtime_ms, size';
    // Long texts may come as UTF-8 bytes (see `Text`): stored as text all the same.
    const params = cols.split(', ').map((c) => (c === 'lead' || c === 'body' || c === 'facts' ? 'CAST(? AS TEXT)' : '?')).join(', ');
    this.stmts = {
      insert: db.prepare(`INSERT INTO releases (${cols}) VALUES (${params})`),
      update: db.prepare(`UPDATE releases SET (${cols}) = (${params}) WHERE rowid = ?`),
      touch: db.prepare(`UPDATE releases SET mtime_ms = ?, size = ? WHERE rowid = ?`),
      ftsInsert: db.prepare(`INSERT INTO fts (rowid, title, lead, body) VALUES (?, ?, CAST(? AS TEXT), CAST(? AS TEXT))`),
      ftsDelete: db.prepare(`INSERT INTO fts (fts, rowid, title, lead, body) SELECT 'delete', rowid, title, lead, body FROM releases WHERE rowid = ?`),
      delete: db.prepare(`DELETE FROM releases WHERE rowid = ?`),
      delPeople: db.prepare(`DELETE FROM release_people WHERE release = ?`),
      delPortfolios: db.prepare(`DELETE FROM release_portfolios WHERE release = ?`),
      delAmounts: db.prepare(`DELETE FROM amounts WHERE release = ?`),
      delCommitments: db.prepare(`DELETE FROM commitments WHERE release = ?`),
      addPerson: db.prepare(`INSERT INTO people (name, key) VALUES (?, ?)`),
      addAlias: db.prepare(`INSERT OR IGNORE INTO aliases (alias, person) VALUES (?, ?)`),
      addPortfolio: db.prepare(`INSERT INTO portfolios (name, key) VALUES (?, ?)`),
      // Each takes a JSON array of rows: one statement for a whole batch instead of one per row. Amounts
      // and commitments come as [release, [row, ...]] pairs, each release's rows as its worker wrote them.
      linkPeople: db.prepare(`INSERT OR IGNORE INTO release_people (release, person) SELECT value ->> 0, value ->> 1 FROM json_each(?)`),
      linkPortfolios: db.prepare(`INSERT OR IGNORE INTO release_portfolios (release, portfolio) SELECT value ->> 0, value ->> 1 FROM json_each(?)`),
      addAmounts: db.prepare(`INSERT INTO amounts (release, value, value_max, currency, unit, qualifier, text, start, "end", class)
        SELECT r.value ->> 0, a.value ->> 0, a.value ->> 1, a.value ->> 2, a.value ->> 3, a.value ->> 4, a.value ->> 5, a.value ->> 6, a.value ->> 7, a.value ->> 8
        FROM json_each(?) r, json_each(r.value, '$[1]') a`),
      addCommitments: db.prepare(`INSERT INTO commitments (release, start, "end", kind, subject, due_from, due_to)
        SELECT r.value ->> 0, a.value ->> 0, a.value ->> 1, a.value ->> 2, a.value ->> 3, a.value ->> 4, a.value ->> 5
        FROM json_each(?) r, json_each(r.value, '$[1]') a`),
    };
    for (const r of db.prepare(`SELECT id, name FROM people`).all() as { id: number; name: string }[]) this.personIds.set(r.name, r.id);
    for (const r of db.prepare(`SELECT id, name FROM portfolios`).all() as { id: number; name: string }[]) this.portfolioIds.set(r.name, r.id);
    if (fresh) {
      for (const p of knownPeople()) {
        const pid = this.person(p.name);
        for (const alias of p.aliases) this.stmts.addAlias.run(alias, pid);
      }
    }
  }

  private person(name: string): number {
    let pid = this.personIds.get(name);
    if (pid === undefined) {
      pid = Number(this.stmts.addPerson.run(name, personKey(name)).lastInsertRowid);
      this.personIds.set(name, pid);
      this.stmts.addAlias.run(name, pid);
    }
    return pid;
  }

  private portfolio(name: string): number {
    let id = this.portfolioIds.get(name);
    if (id === undefined) {
      id = Number(this.stmts.addPortfolio.run(name, foldKey(name)).lastInsertRowid);
      this.portfolioIds.set(name, id);
    }
    return id;
  }

  private values(p: PreparedRelease, stat: FileStat) {
    return [p.id, p.path, p.title, p.date, p.url, p.lead, p.body, p.ministers, p.ministers_raw, p.portfolios,
      p.attachments, p.facts, p.content_key, p.hash, stat.mtime_ms, stat.size];
  }

  /**
   * The releases' people, portfolios, amounts and commitments, kept until `finish` writes each table in one
   * statement. Not written batch by batch: a statement that inserts many rows opens a savepoint, and FTS5
   * flushes its pending terms to disk at every savepoint, so the index would be written as hundreds of
   * small segments to merge instead of a few large ones.
   */
  private links(releases: readonly (readonly [number, PreparedRelease])[]): void {
    const { people, portfolios, amounts, commitments } = this.pending;
    for (const [rowid, p] of releases) {
      if (p.commitments) commitments.push(`[${rowid},${p.commitments}]`);
      for (const name of p.people) people.push([rowid, this.person(name)]);
      for (const name of p.portfolioNames) portfolios.push([rowid, this.portfolio(name)]);
      if (p.amounts) amounts.push(`[${rowid},${p.amounts}]`);
    }
  }

  /** Writes the link rows kept by `links`; called once every release is written, before the derived tables. */
  finish(): void {
    const { people, portfolios, amounts, commitments } = this.pending;
    if (people.length) this.stmts.linkPeople.run(JSON.stringify(people));
    if (portfolios.length) this.stmts.linkPortfolios.run(JSON.stringify(portfolios));
    if (amounts.length) this.stmts.addAmounts.run(`[${amounts.join(',')}]`);
    if (commitments.length) this.stmts.addCommitments.run(`[${commitments.join(',')}]`);
    this.pending = { people: [], portfolios: [], amounts: [], commitments: [] };
  }

  private index(rowid: number, p: PreparedRelease): void {
    this.stmts.ftsInsert.run(rowid, p.title, p.lead, p.body);
  }

  /** New releases, written a statement at a time over the batch, which keeps each statement's work hot. */
  insertAll(batch: readonly { prepared: PreparedRelease; stat: FileStat }[]): void {
    const rowids = batch.map(({ prepared, stat }) => Number(this.stmts.insert.run(this.values(prepared, stat)).lastInsertRowid));
    this.links(batch.map(({ prepared }, i) => [rowids[i]!, prepared] as const));
    batch.forEach(({ prepared }, i) => this.index(rowids[i]!, prepared));
  }

  update(rowid: number, p: PreparedRelease, stat: FileStat): void {
    this.stmts.ftsDelete.run(rowid);
    this.unlink(rowid);
    this.stmts.update.run([...this.values(p, stat), rowid]);
    this.links([[rowid, p]]);
    this.index(rowid, p);
  }

  touch(rowid: number, stat: FileStat): void {
    this.stmts.touch.run(stat.mtime_ms, stat.size, rowid);
  }

  remove(rowid: number): void {
    this.stmts.ftsDelete.run(rowid);
    this.unlink(rowid);
    this.stmts.delete.run(rowid);
  }

  private unlink(rowid: number): void {
    this.stmts.delPeople.run(rowid);
    this.stmts.delPortfolios.run(rowid);
    this.stmts.delAmounts.run(rowid);
    this.stmts.delCommitments.run(rowid);
  }
}
