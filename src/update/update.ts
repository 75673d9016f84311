/**
 * `pressroom update`: bring the corpus up to date, ingest what changed, match the new releases against
 * the alerts and deliver. One update at a time: a lock in the state database keeps a second one out.
 */
import { existsSync } from 'node:fs';
import { deliverDue, type DeliverySummary } from '../alerts/deliver.ts';
import { matchCommitments } from '../alerts/commitments.ts';
import { matchNew } from '../alerts/match.ts';
import type { Clock } from '../commitments/index.ts';
import { fetchCorpus } from '../corpus/fetch.ts';
import { PressroomError, UsageError } from '../errors.ts';
import { Archive } from '../search/archive.ts';
import type { StateStore } from '../state/store.ts';
import { ingest, type IngestSummary } from '../store/ingest.ts';

export interface UpdateOptions {
  db: string;
  state: StateStore;
  /** The corpus folder, taken as it is; default `$PRESSROOM_CORPUS`, else the fetched clone, pulled first. */
  dir?: string;
  /** Retry every pending delivery now, not only those due. */
  now?: boolean;
  /** Today's date, for which commitments are coming due (tests). */
  clock?: Clock;
  log?: (msg: string) => void;
}

export interface UpdateSummary {
  ingest: IngestSummary;
  alerts: { matched: number; delivered: number; failed: number; pending: number };
}

/** The lock that keeps two updates (or an update and "alerts deliver") from running at once. */
export const UPDATE_LOCK = 'update';

/** Runs `fn` holding the update lock; throws at once when another process holds it. */
export async function withUpdateLock<T>(state: StateStore, fn: () => Promise<T>): Promise<T> {
  if (!state.lock(UPDATE_LOCK)) throw new PressroomError('another update or delivery is running; try again when it ends');
  try {
    return await fn();
  } finally {
    state.unlock(UPDATE_LOCK);
  }
}

/**
 * One update: new releases for releases alerts, and commitments come due for commitments alerts. A kill at any point loses nothing: ingest is atomic, the match pass and its outbox rows
 * are one transaction, and undelivered rows are sent by the next update or "alerts deliver".
 * @example
 * (await update({ db: 'pressroom.db', state, dir: 'corpus' })).alerts // => { matched: 3, delivered: 2, failed: 0, pending: 0 }
 */
export async function update(opts: UpdateOptions): Promise<UpdateSummary> {
  return withUpdateLock(opts.state, async () => {
    const dir = opts.dir ?? process.env.PRESSROOM_CORPUS ?? fetchCorpus({ warn: (m) => opts.log?.(m) });
    if (!existsSync(dir)) throw new UsageError(`corpus folder ${dir} does not exist`);
    const summary = await ingest({ dir, db: opts.db });
    const archive = Archive.open(opts.db);
    let matched: number;
    try {
      matched = matchNew(archive, opts.state).matched + matchCommitments(archive, opts.state, opts.clock).matched;
    } finally {
      archive.close();
    }
    const sent: DeliverySummary = await deliverDue(opts.state, { now: opts.now, log: opts.log });
    return { ingest: summary, alerts: { matched, ...sent } };
  });
}

/** `1h`, `30m`, `90s`, `1d` as milliseconds. */
export function parseInterval(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/.exec(raw.trim());
  const ms = m ? Number(m[1]) * { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[m[2] as 's' | 'm' | 'h' | 'd'] : NaN;
  if (!(ms >= 10_000)) throw new UsageError(`--update-every ${raw} is not an interval of 10s or more; write e.g. 30m, 1h or 1d`);
  return ms;
}
