/** The mass-removal guard: an ingest removes a large share of the archive only when told to. */
import { RefusedError } from '../errors.ts';

/** More than this share of the archive's releases... */
export const REMOVAL_SHARE = 0.05;
/** ...and at least this many is a removal ingest refuses without `--allow-removals`. */
export const REMOVAL_FLOOR = 10;

/** Throws `RefusedError` naming what would go when removing `ids` from an archive of `total` releases is too much. */
export function guardRemovals(ids: readonly string[], total: number, where: { dir: string; db: string }, allow: boolean): void {
  if (allow || ids.length < REMOVAL_FLOOR || ids.length <= total * REMOVAL_SHARE) return;
  const named = ids.slice(0, 3).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
  throw new RefusedError(
    `refused: ingesting ${where.dir} would remove ${ids.length} of the ${total} releases in ${where.db} ` +
      `(${((ids.length / total) * 100).toFixed(1)}%, more than ${REMOVAL_SHARE * 100}%): ${named}. ` +
      `Nothing was changed: check the folder (a failed mount, a typo?), or pass --allow-removals if you mean it`,
  );
}

/** Throws `RefusedError` for a corpus folder holding no release files at all. */
export function guardEmpty(total: number, where: { dir: string; db: string }, allow: boolean): void {
  if (allow) return;
  throw new RefusedError(
    `refused: ${where.dir} holds no release files (*.md)${total ? `; ingesting it would remove all ${total} releases in ${where.db}` : ''}. ` +
      `Nothing was changed: check the folder (a failed mount, a typo?)${total ? ', or pass --allow-removals if you mean it' : ''}`,
  );
}
