/** The files around an archive: where it may be written, leftovers of crashed builds, the backup of `--rebuild`. */
import { accessSync, constants, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors.ts';

/** SQLite's files beside a database. */
const SIDECARS = ['-journal', '-wal', '-shm'];

/** The file a new archive is built in before it is renamed into place. */
export const buildingPath = (db: string) => `${db}.building-${process.pid}`;

/** Throws `EnvironmentError` unless a new file can be made beside `db`, and `db`, when it exists, can be written. */
export function checkWritable(db: string): void {
  const folder = path.dirname(path.resolve(db));
  let st;
  try {
    st = statSync(folder);
  } catch {
    throw new EnvironmentError(`cannot write ${db}: the folder ${folder} does not exist; create it or pass another --db`);
  }
  if (!st.isDirectory()) throw new EnvironmentError(`cannot write ${db}: ${folder} is not a folder; pass another --db`);
  try {
    accessSync(folder, constants.W_OK);
    if (existsSync(db)) accessSync(db, constants.W_OK);
  } catch (err) {
    throw new EnvironmentError(`cannot write ${db}: ${(err as NodeJS.ErrnoException).code === 'EROFS' ? 'the file system is read-only' : 'permission denied'}; make it writable or pass another --db`, { cause: err });
  }
}

/** True while the process `pid` runs (one we may not signal runs too). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what builds of `db` left behind when their process died (`<db>.building-<pid>` and its
 * journal); a build whose process still runs is left alone. Returns the files removed.
 */
export function removeLeftovers(db: string): string[] {
  const folder = path.dirname(path.resolve(db));
  const prefix = `${path.basename(db)}.building-`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)(-journal|-wal|-shm)?$/.exec(name.slice(prefix.length));
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    const file = path.join(folder, name);
    rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/**
 * Moves `db` and its write-ahead log aside to `<db>.bak-<UTC time>`, for `ingest --rebuild`, and
 * returns where. The log goes with it: left behind, it would be replayed into the new archive.
 */
export function moveAside(db: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = `${db}.bak-${stamp}`;
  renameSync(db, backup);
  for (const s of SIDECARS) if (existsSync(db + s)) renameSync(db + s, backup + s);
  return backup;
}

/** Removes the journal, log and shared memory of an archive about to be replaced by a new file. */
export function dropSidecars(db: string): void {
  for (const s of SIDECARS) rmSync(db + s, { force: true });
}

/** Removes a build that failed, with its journal. */
export function removeBuild(target: string): void {
  for (const f of [target, ...SIDECARS.map((s) => target + s)]) rmSync(f, { force: true });
}
