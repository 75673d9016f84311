/**
 * What is at an archive path, judged before pressroom reads, writes or replaces it: pressroom replaces
 * only archives it made, and never one it cannot read back whole.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ArchiveFileError, EnvironmentError } from '../errors.ts';
import { SCHEMA_VERSION } from './schema.ts';

/** The mark in the SQLite header (`PRAGMA application_id`) of every archive pressroom builds: "prss". */
export const APPLICATION_ID = 0x70727373;

export type ArchiveFile =
  /** Nothing there yet: ingest builds a new archive. */
  | { state: 'absent' }
  /** A pressroom archive this version reads as it is. */
  | { state: 'current' }
  /** A pressroom archive of another schema version: ingest rebuilds it from the corpus. */
  | { state: 'other-version'; version: number };

/** How to get past a damaged archive, said the same way everywhere. */
export const damagedAdvice = (file: string) =>
  `"pressroom check --db ${file}" lists the damage; "pressroom ingest DIR --db ${file} --rebuild" moves it aside and builds a new one`;

const notOurs = (file: string, what: string) =>
  new ArchiveFileError(
    `${file} is not a pressroom archive (${what}), and pressroom never writes over a file it did not make: ` +
      `pass --db with another path, or "pressroom ingest DIR --db ${file} --rebuild" to move the file aside and build there`,
  );

/**
 * Looks at `file` without reading it all: the SQLite header (magic, page count against the file's
 * size, application id) and the `meta` table. Throws `ArchiveFileError` for a file pressroom did not
 * make or one visibly damaged, and `EnvironmentError` for one it may not read.
 */
export function inspectArchive(file: string): ArchiveFile {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new ArchiveFileError(`${file} is a folder, not an archive file: pass --db ${path.join(file, 'pressroom.db')} or another file path`);
    if (!st.isFile()) throw notOurs(file, 'not a regular file');
    size = st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    throw cannot('read', file, err);
  }
  if (size === 0) throw notOurs(file, 'an empty file');
  const header = Buffer.alloc(100);
  let got: number;
  try {
    const fd = openSync(file, 'r');
    try {
      got = readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw cannot('read', file, err);
  }
  if (got < 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw notOurs(file, 'not an SQLite database');
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  // The page count in the header is valid when the change counter matches the version-valid-for number.
  const pages = header.readUInt32BE(24) === header.readUInt32BE(92) ? header.readUInt32BE(28) : 0;
  // A checkpoint writes page 1 before the pages past the end: with a log beside the file the sizes may
  // differ for a moment, and opening it tells damage apart.
  if (pages * pageSize > size && !existsSync(`${file}-wal`)) {
    throw new ArchiveFileError(`${file} is damaged: it holds ${size} bytes where its header counts ${pages * pageSize} (cut short?); ${damagedAdvice(file)}`);
  }
  const appId = header.readInt32BE(68) >>> 0;
  if (appId !== 0 && appId !== APPLICATION_ID) throw notOurs(file, `an SQLite database of another application, application_id ${appId}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw asArchiveError(file, err);
  }
  try {
    let version: unknown;
    try {
      version = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get();
    } catch (err) {
      const msg = (err as Error).message;
      if (!/no such table/.test(msg)) throw asArchiveError(file, err);
      version = undefined;
    }
    // Archives built before the application id was set are known by their meta table alone.
    if (version === undefined || version === null) {
      if (appId === APPLICATION_ID) throw new ArchiveFileError(`${file} is damaged: it has no schema version; ${damagedAdvice(file)}`);
      throw notOurs(file, 'an SQLite database without pressroom\'s meta table');
    }
    return Number(version) === SCHEMA_VERSION ? { state: 'current' } : { state: 'other-version', version: Number(version) };
  } finally {
    db.close();
  }
}

/** An error from opening or reading an archive, as one of ours: damage is the file's, the rest the machine's. */
export function asArchiveError(file: string, err: unknown): Error {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new ArchiveFileError(`${file} is damaged (${(err as Error).message}); ${damagedAdvice(file)}`, { cause: err });
  }
  return cannot('open', file, err);
}

function cannot(verb: string, file: string, err: unknown): Error {
  if (err instanceof ArchiveFileError || err instanceof EnvironmentError) return err;
  return new EnvironmentError(`cannot ${verb} ${file}: ${(err as Error).message}`, { cause: err });
}

// Run in a thread of its own, so a caller can go on with other work meanwhile. Table by table, leaving
// out the full-text index's own check, which reads every posting and costs several times all the rest
// together; `pressroom check` runs it.
const QUICK_CHECK = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const Database = require(workerData.driver);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('mmap_size = 1073741824');
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").pluck().all();
  const rows = [];
  for (const t of ['sqlite_schema', ...tables]) {
    const found = db.prepare('PRAGMA quick_check("' + t.replace(/"/g, '""') + '")').pluck().all();
    if (!(found.length === 1 && found[0] === 'ok')) rows.push(...found);
  }
  db.close();
  parentPort.postMessage({ rows });
} catch (err) {
  parentPort.postMessage({ error: err.message, code: err.code });
}`;

/**
 * `PRAGMA quick_check` of every table and its indexes (B-tree structure, NOT NULL), in a worker thread;
 * rejects with `ArchiveFileError` quoting what it found.
 */
export function quickCheck(file: string): Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(QUICK_CHECK, { eval: true, workerData: { file, driver } });
    worker.once('message', (m: { rows?: string[]; error?: string; code?: string }) => {
      void worker.terminate();
      if (m.error !== undefined) reject(asArchiveError(file, Object.assign(new Error(m.error), { code: m.code })));
      else if (m.rows?.length === 0) resolve();
      else reject(new ArchiveFileError(`${file} is damaged: ${evidence(m.rows ?? [])}; ${damagedAdvice(file)}`));
    });
    worker.once('error', (err) => reject(cannot('check', file, err)));
  });
}

/** The first finding of a check, on one line. */
function evidence(rows: string[]): string {
  const lines = rows.flatMap((r) => r.split('\n')).filter((l) => l && !l.startsWith('***'));
  return `${lines[0] ?? 'unknown damage'}${lines.length > 1 ? ` (and ${lines.length - 1} more findings)` : ''}`;
}

export interface CheckReport {
  file: string;
  ok: boolean;
  /** What is wrong, one finding a line; empty when ok. */
  problems: string[];
  releases: number;
  took_ms: number;
}

/**
 * The full check of `pressroom check`: the header and meta (`inspectArchive`), `PRAGMA integrity_check`
 * (everything quick_check does, and every index against its table), and each release's title and body
 * against the content key stored with them, which finds damage inside text that the structure hides.
 */
export function checkArchive(file: string): CheckReport {
  const started = performance.now();
  const report = (problems: string[], releases = 0): CheckReport => ({ file, ok: problems.length === 0, problems, releases, took_ms: Math.round(performance.now() - started) });
  let state: ArchiveFile;
  try {
    state = inspectArchive(file);
  } catch (err) {
    if (err instanceof ArchiveFileError) return report([err.message]);
    throw err;
  }
  if (state.state === 'absent') return report([`no archive at ${file}`]);
  if (state.state === 'other-version') return report([`${file} was built by another version of pressroom (schema ${state.version}, this one reads ${SCHEMA_VERSION})`]);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('mmap_size = 1073741824');
    const problems: string[] = [];
    let structure: string[];
    try {
      structure = db.prepare('PRAGMA integrity_check(100)').pluck().all() as string[];
    } catch (err) {
      structure = [(err as Error).message];
    }
    if (!(structure.length === 1 && structure[0] === 'ok')) problems.push(...structure.flatMap((r) => r.split('\n')).filter((l) => l && !l.startsWith('***')));
    let releases = 0;
    try {
      for (const [id, title, body, key] of db.prepare(`SELECT id, title, body, content_key FROM releases`).raw().iterate() as Iterable<[string, string, string, string]>) {
        releases++;
        if (createHash('sha1').update(title).update('\0').update(body).digest('hex') !== key) problems.push(`release ${JSON.stringify(id)}: title or body differ from what was stored (content key)`);
      }
    } catch (err) {
      problems.push(`reading the releases: ${(err as Error).message}`);
    }
    return report(problems, releases);
  } finally {
    db.close();
  }
}
