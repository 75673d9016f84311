import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { NotFoundError, PressroomError } from '../errors.ts';
import { SCHEMA_VERSION } from './schema.ts';

export type DB = Database.Database;

/** The database path: `--db`, else `$PRESSROOM_DB`, else `./pressroom.db`. */
export function defaultDbPath(): string {
  return process.env.PRESSROOM_DB || 'pressroom.db';
}

/** Opens an ingested archive read-only; throws `NotFoundError` when there is none yet. */
export function openArchiveDb(file: string): DB {
  if (!existsSync(file)) {
    throw new NotFoundError(`no archive at ${file}: run "pressroom ingest" first (or pass --db FILE)`);
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const version = schemaVersion(db);
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new PressroomError(
      `${file} was built by another version of pressroom (schema ${version ?? 'none'}, need ${SCHEMA_VERSION}): run "pressroom ingest" to rebuild it`,
    );
  }
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 1073741824');
  return db;
}

/** The schema version stored in a database, or null when it is not a pressroom archive. */
export function schemaVersion(db: DB): number | null {
  try {
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value: number } | undefined;
    return row ? Number(row.value) : null;
  } catch {
    return null;
  }
}

/** True when `file` is an archive this version of pressroom can read as it is. */
export function isCurrentArchive(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return schemaVersion(db) === SCHEMA_VERSION;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
