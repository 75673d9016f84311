import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, Worker } from 'node:worker_threads';
import { listReleaseFiles } from '../corpus/read.ts';
import { people as knownPeople, personKey } from '../corpus/normalise.ts';
import type { Rejection } from '../corpus/types.ts';
import { foldKey } from '../text.ts';
import { buildColumns } from './columns.ts';
import type { DB } from './open.ts';
import { isCurrentArchive } from './open.ts';
import { WordCounts, type PreparedRelease } from './prepare.ts';
import type { FactsMessage } from './ingest-worker.ts';
import type { FileJob, FileOutcome, FileStat } from './read-file.ts';
import { workerCode } from './worker-code.ts';
import { SCHEMA, SCHEMA_VERSION } from './schema.ts';

/** The `--json` summary of `pressroom ingest`, as DESIGN spells it. */
export interface IngestSummary {
  ingested: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: Rejection[];
  took_ms: number;
}

export interface IngestOptions {
  /** The corpus folder (holding `releases/`). */
  dir: string;
  /** The database file; built beside it and renamed into place when new. */
  db: string;
  /** Called as files are done, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads reading and preparing files; default: one per core. */
  workers?: number;
  /**
   * Extract facts (default true). `false` only measures what extraction costs (`npm run bench`): an
   * archive built so has no facts or amounts, and re-ingesting does not add them.
   */
  facts?: boolean;
}

interface Existing {
  rowid: number;
  path: string;
  hash: string;
  mtime_ms: number;
  size: number;
}

const CHUNK = 256;

/** A release's id: its file name without `.md` (paths here always use `/`). */
function idOf(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1, rel.endsWith('.md') ? -3 : undefined);
}

/**
 * Brings the archive at `opts.db` in line with the corpus at `opts.dir`, incrementally and atomically.
 *
 * A new archive is built in a temporary file and renamed into place; an existing one is changed in one
 * transaction. Either way a process killed mid-ingest leaves the previous archive intact and answering.
 */
export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  // V8's optimising compiler inlines up to 920 bytes of bytecode into each function it compiles. The fact
  // extractors are many small functions full of regular expressions, and at that budget compiling them
  // took a fifth of the CPU of a read-and-prepare pass over the corpus, in every thread that runs them.
  // At 300 the compiler took a third less time and the pass 7% less CPU (mean of six alternated pairs),
  // the compiled code no slower. The flag is process-wide: the default comes back when ingest ends.
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
  try {
    return await build(opts);
  } finally {
    setFlagsFromString('--max-inlined-bytecode-size-cumulative=920');
  }
}

async function build(opts: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const dir = path.resolve(opts.dir);
  const fresh = !existsSync(opts.db) || !isCurrentArchive(opts.db);
  // A new archive reads every file: start the workers now, so they boot while the files are listed.
  const pool = fresh ? new Pool(dir, opts.workers ?? defaultWorkers(), { countWords: true, facts: opts.facts ?? true }) : undefined;
  let files: string[];
  try {
    files = await listReleaseFiles(dir);
  } catch (err) {
    await pool?.close();
    throw err;
  }
  const target = fresh ? `${opts.db}.building-${process.pid}` : opts.db;
  if (fresh) rmSync(target, { force: true });
  const db = new Database(target);
  try {
    if (fresh) {
      // 16 KB pages instead of 4 KB: a release's body fits on its page instead of spilling onto
      // overflow pages, and the index is written in fewer, fuller pages. A whole-corpus build was faster
      // in each of seven alternated pairs (by 1–21%, median 11%), and the file is 9% smaller.
      db.pragma('page_size = 16384');
      // Nothing reads the file until it is renamed into place, so durability costs nothing here.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.exec(SCHEMA);
      db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)`).run(SCHEMA_VERSION);
    } else {
      db.pragma('journal_mode = WAL');
    }
    db.pragma('cache_size = -262144');
    const summary = await applyCorpus(db, dir, files, fresh, opts, pool);
    // Readers and later ingests use write-ahead logging; switching a new file now spares them the change.
    if (fresh) db.pragma('journal_mode = WAL');
    db.close();
    if (fresh) renameSync(target, opts.db);
    return { ...summary, took_ms: Math.round(performance.now() - started) };
  } catch (err) {
    if (db.open) db.close();
    if (fresh) rmSync(target, { force: true });
    throw err;
  } finally {
    await pool?.close();
  }
}

async function applyCorpus(
  db: DB,
  dir: string,
  files: string[],
  fresh: boolean,
  opts: IngestOptions,
  pool: Pool | undefined,
): Promise<Omit<IngestSummary, 'took_ms'>> {
  const existing = new Map<string, Existing>();
  const rows = db.prepare(`SELECT id, rowid, path, hash, mtime_ms, size FROM releases`).raw().all() as [string, number, string, string, number, number][];
  for (const [id, rowid, path, hash, mtime_ms, size] of rows) existing.set(id, { rowid, path, hash, mtime_ms, size });
  const rejected: Rejection[] = [];
  const seen = new Map<string, string>();
  const jobs: FileJob[] = [];
  let unchanged = 0;
  for (const rel of files) {
    const id = idOf(rel);
    const first = seen.get(id);
    if (first) {
      rejected.push({ path: rel, reason: `duplicate id "${id}": already read from ${first}` });
      continue;
    }
    seen.set(id, rel);
    const old = existing.get(id);
    if (old) {
      // A file whose size and time are as stored is not read at all; the workers stat the rest.
      const st = statSync(`${dir}/${rel}`);
      if (old.path === rel && old.mtime_ms === st.mtimeMs && old.size === st.size) {
        unchanged++;
        continue;
      }
    }
    jobs.push(old && old.path === rel ? { path: rel, knownHash: old.hash } : { path: rel });
  }

  const w = new Writer(db, fresh);
  let ingested = 0;
  let updated = 0;
  let done = unchanged + rejected.length;
  const total = files.length;
  opts.onProgress?.(done, total);

  db.exec('BEGIN');
  try {
    const workers = pool ?? (jobs.length > 0 ? new Pool(dir, Math.min(opts.workers ?? defaultWorkers(), Math.ceil(jobs.length / CHUNK)), { countWords: false, facts: opts.facts ?? true }) : undefined);
    const added: { prepared: PreparedRelease; stat: FileStat }[] = [];
    for await (const outcomes of workers ? workers.run(jobs) : []) {
      for (const o of outcomes) {
        done++;
        if (o.kind === 'rejected') {
          rejected.push({ path: o.path, ...(o.line ? { line: o.line } : {}), reason: o.reason });
          continue;
        }
        const id = idOf(o.path);
        const old = existing.get(id);
        if (o.kind === 'same') {
          w.touch(old!.rowid, o.stat);
          unchanged++;
          continue;
        }
        if (old) {
          w.update(old.rowid, o.prepared, o.stat);
          updated++;
        } else {
          added.push(o);
          ingested++;
        }
      }
      w.insertAll(added);
      added.length = 0;
      opts.onProgress?.(done, total);
    }
    if (workers !== pool) await workers?.close();
    let removed = 0;
    for (const [id, old] of existing) {
      // A file that vanished, or now fails to read, no longer holds a release.
      const now = seen.get(id);
      if (now === old.path && !rejected.some((r) => r.path === now)) continue;
      if (now && now !== old.path && !rejected.some((r) => r.path === now)) continue;
      w.remove(old.rowid);
      removed++;
    }
    if (fresh || ingested + updated + removed > 0) w.finish(pool ? await pool.words() : countWords(db));
    db.exec('COMMIT');
    rejected.sort((a, b) => a.path.localeCompare(b.path));
    return { ingested, updated, unchanged, removed, rejected };
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * One worker per core: they run at a lower priority (see ingest-worker.ts), so the thread that writes
 * SQLite, which everything waits on, keeps its core and the workers use whatever is left.
 */
function defaultWorkers(): number {
  return availableParallelism();
}

/** Values that arrive by chunk number, from either side first: a taker waits for the giver. */
class Slots<T> {
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

/**
 * Worker threads that read and prepare files, yielding outcomes chunk by chunk in job order. With two
 * workers or more and facts wanted, some of them are extractors: readers pass them each chunk's bodies
 * and they find the facts, so each thread runs, and V8 compiles, only its half of the code. On two cores,
 * a reader and an extractor built the whole corpus in 7.42 s against 7.84 s for two workers doing both
 * (mean of five alternated pairs, four won), with a second less CPU.
 */
class Pool {
  private readers: Worker[] = [];
  private extractors: Worker[] = [];
  private outcomes = new Slots<FileOutcome[]>();
  private facts = new Slots<FactsMessage>();
  private wordReplies: Array<Array<(m: Map<string, number>) => void>> = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** Settles once the workers are started (see workerCode). */
  private started: Promise<void>;

  /** `countWords`: each reader counts the title and lead words of what it prepares (see `words`); `facts`: see IngestOptions. */
  constructor(dir: string, size: number, { countWords, facts }: { countWords: boolean; facts: boolean }) {
    this.started = workerCode().then((code) => {
      // Extraction is about two fifths of a worker's work: that share of the threads, at least one.
      const extracting = facts && size >= 2 ? Math.max(1, Math.round(size * 0.4)) : 0;
      const readers = Math.max(1, size - extracting);
      // channels[r][x] joins reader r to extractor x.
      const channels = Array.from({ length: readers }, () => Array.from({ length: extracting }, () => new MessageChannel()));
      this.readers = channels.map((ports) => {
        const extractors = ports.map((ch) => ch.port1);
        return new Worker(code, { eval: true, workerData: { dir, countWords, facts, extractors }, transferList: extractors });
      });
      this.extractors = Array.from({ length: extracting }, (_, x) => {
        const sources = channels.map((ports) => ports[x]!.port2);
        const worker = new Worker(code, { eval: true, workerData: { role: 'extract', sources }, transferList: sources });
        worker.on('message', (m: FactsMessage) => this.facts.give(m.c, m));
        return worker;
      });
      this.wordReplies = this.readers.map(() => []);
      this.readers.forEach((worker, i) => {
        worker.on('message', (m: { c: number; outcomes: FileOutcome[] } | Map<string, number>) => {
          if (m instanceof Map) this.wordReplies[i]!.shift()!(m);
          else this.outcomes.give(m.c, m.outcomes);
        });
      });
      for (const worker of [...this.readers, ...this.extractors]) {
        worker.on('error', (err) => {
          this.failure ??= err;
          this.wake?.();
        });
      }
    });
    // Seen by whichever of run, words or close comes first.
    this.started.catch(() => {});
  }

  /** Yields the outcomes of `jobs`, chunk by chunk in job order. */
  async *run(jobs: FileJob[]): AsyncGenerator<FileOutcome[]> {
    await this.started;
    const n = this.readers.length;
    const chunks: FileJob[][] = [];
    // The first chunks are small, so the writer has rows to write while the workers' code is still cold.
    for (let i = 0, size = CHUNK / 8; i < jobs.length; i += size, size = Math.min(CHUNK, size * 2)) chunks.push(jobs.slice(i, i + size));
    let next = 0;
    const submit = () => {
      const c = next++;
      this.readers[c % n]!.postMessage({ c, jobs: chunks[c] });
    };
    // Keep every reader a few chunks ahead of the writer.
    while (next < Math.min(Math.max(4, n * 3), chunks.length)) submit();
    for (let c = 0; c < chunks.length; c++) {
      const failed = new Promise<never>((_, reject) => {
        this.wake = () => reject(this.failure);
        if (this.failure) this.wake();
      });
      failed.catch(() => {});
      const out = await Promise.race([this.outcomes.take(c), failed]);
      if (next < chunks.length) submit();
      if (this.extractors.length) {
        const found = await Promise.race([this.facts.take(c), failed]);
        let i = 0;
        for (const o of out) {
          if (o.kind !== 'release') continue;
          o.prepared.facts = found.facts[i]!;
          o.prepared.amounts = found.amounts[i]!;
          i++;
        }
      }
      this.wake = undefined;
      yield out;
    }
  }

  /** The word counts of every release the readers prepared, summed. */
  async words(): Promise<Map<string, number>> {
    await this.started;
    const parts = await Promise.all(this.readers.map((w, i) => new Promise<Map<string, number>>((resolve) => {
      this.wordReplies[i]!.push(resolve);
      w.postMessage('words');
    })));
    const total = parts[0] ?? new Map<string, number>();
    for (const part of parts.slice(1)) for (const [w, n] of part) total.set(w, (total.get(w) ?? 0) + n);
    return total;
  }

  async close(): Promise<void> {
    await this.started.catch(() => {});
    await Promise.all([...this.readers, ...this.extractors].map((w) => w.terminate()));
  }
}

/** Writes releases and what hangs off them; keeps the people and portfolio ids it has handed out. */
class Writer {
  private personIds = new Map<string, number>();
  private portfolioIds = new Map<string, number>();
  private stmts;

  constructor(private db: DB, fresh: boolean) {
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
      addPerson: db.prepare(`INSERT INTO people (name, key) VALUES (?, ?)`),
      addAlias: db.prepare(`INSERT OR IGNORE INTO aliases (alias, person) VALUES (?, ?)`),
      addPortfolio: db.prepare(`INSERT INTO portfolios (name, key) VALUES (?, ?)`),
      // Each takes a JSON array of rows: one statement for a whole batch instead of one per row.
      linkPeople: db.prepare(`INSERT OR IGNORE INTO release_people (release, person) SELECT value ->> 0, value ->> 1 FROM json_each(?)`),
      linkPortfolios: db.prepare(`INSERT OR IGNORE INTO release_portfolios (release, portfolio) SELECT value ->> 0, value ->> 1 FROM json_each(?)`),
      addAmounts: db.prepare(`INSERT INTO amounts (release, value, value_max, currency, unit, qualifier, text, start, "end", class)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9 FROM json_each(?)`),
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

  /** The releases' people, portfolios and amounts, a statement each for all of them. */
  private links(releases: readonly (readonly [number, PreparedRelease])[]): void {
    const people: number[][] = [];
    const portfolios: number[][] = [];
    const amounts: unknown[][] = [];
    for (const [rowid, p] of releases) {
      for (const name of p.people) people.push([rowid, this.person(name)]);
      for (const name of p.portfolioNames) portfolios.push([rowid, this.portfolio(name)]);
      for (const a of p.amounts) amounts.push([rowid, ...a]);
    }
    if (people.length) this.stmts.linkPeople.run(JSON.stringify(people));
    if (portfolios.length) this.stmts.linkPortfolios.run(JSON.stringify(portfolios));
    if (amounts.length) this.stmts.addAmounts.run(JSON.stringify(amounts));
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
  }

  /** Derived tables: exact copies, people and portfolios no release names, words, the columns search keeps in memory. */
  finish(words: Map<string, number>): void {
    const db = this.db;
    db.exec(`DELETE FROM copies;
      INSERT INTO copies (release, first)
        SELECT r.rowid, g.first FROM releases r
        JOIN (SELECT content_key, count(*) AS n,
          (SELECT rowid FROM releases c WHERE c.content_key = k.content_key ORDER BY length(c.id), c.id LIMIT 1) AS first
          FROM releases k GROUP BY content_key HAVING n > 1) g USING (content_key);
      DELETE FROM portfolios WHERE id NOT IN (SELECT portfolio FROM release_portfolios);`);
    writeVocabulary(db, words);
    const stmt = db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`);
    stmt.run('columns', buildColumns(db));
    stmt.run('ingested_at', new Date().toISOString());
  }
}

/** The words of every title and lead with the number of releases using each, read back from the archive. */
function countWords(db: DB): Map<string, number> {
  const words = new WordCounts();
  for (const [title, lead] of db.prepare(`SELECT title, lead FROM releases`).raw().iterate() as Iterable<[string, string]>) {
    words.add(`${title} ${lead}`);
  }
  return words.counts();
}

/** Keeps the words used by two releases or more, for spelling suggestions. */
function writeVocabulary(db: DB, counts: Map<string, number>): void {
  db.exec(`DELETE FROM vocab`);
  const insert = db.prepare(`INSERT INTO vocab (word, n) VALUES (?, ?)`);
  for (const [w, n] of counts) if (n >= 2) insert.run(w, n);
}
