import Database from 'better-sqlite3';
import { NotFoundError, PressroomError } from '../errors.ts';
import { inspectArchive } from './archive-file.ts';
import { SCHEMA_VERSION } from './schema.ts';

export type DB = Database.Database;

/** The database path: `--db`, else `$PRESSROOM_DB`, else `./pressroom.db`. */
export function defaultDbPath(): string {
  return process.env.PRESSROOM_DB || 'pressroom.db';
}

/**
 * Opens an ingested archive read-only; throws `NotFoundError` when there is none yet, and
 * `ArchiveFileError` for a file that is not a pressroom archive or is visibly damaged (see inspectArchive).
 */
export function openArchiveDb(file: string): DB {
  const found = inspectArchive(file);
  if (found.state === 'absent') throw new NotFoundError(`no archive at ${file}: run "pressroom ingest" first (or pass --db FILE)`);
  if (found.state === 'other-version') {
    throw new PressroomError(
      `${file} was built by another version of pressroom (schema ${found.version}, this one reads ${SCHEMA_VERSION}): "pressroom ingest DIR --db ${file}" builds it anew from the corpus`,
    );
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 1073741824');
  return db;
}

/** True when `file` is an archive this version of pressroom can read as it is. */
export function isCurrentArchive(file: string): boolean {
  try {
    return inspectArchive(file).state === 'current';
  } catch {
    return false;
  }
}
