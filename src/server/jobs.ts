/**
 * The work the server hands its worker threads (src/server/pool.ts): searches and trends, and exports
 * (src/server/export.ts). The same functions run in-process when the app has no pool (tests, embedding).
 */
import { Archive, related, search, trends, type SearchOptions, type TrendsOptions } from '../index.ts';
import { boundedQuery } from '../search/query/index.ts';
import { listCommitments, releaseCommitments, type ListOptions } from '../commitments/index.ts';
import { threadOf } from '../threads/index.ts';

export type Job =
  /** `heavy`: the search reads `HEAVY_POSTINGS` or more (see `isHeavySearch`). */
  | { kind: 'search'; q: string; opts: SearchOptions; heavy?: boolean }
  | { kind: 'trends'; queries: string[]; opts: TrendsOptions }
  | { kind: 'related'; id: string; limit: number }
  | { kind: 'thread'; id: string }
  /** Commitments with their follow-ups, which search for later releases and threads: worker work too. */
  | { kind: 'commitments'; opts: Omit<ListOptions, 'clock'> }
  | { kind: 'release-commitments'; id: string }
  /** Holds its worker for `ms`, as a statement SQLite cannot interrupt would; reads `postings`. Tests stand it in for a slow search; no route runs it. */
  | { kind: 'hold'; ms: number; postings: number };

export function runJob(archive: Archive, job: Job): unknown {
  switch (job.kind) {
    case 'search':
      return search(archive, job.q, job.opts);
    case 'trends':
      return trends(archive, job.queries, job.opts);
    case 'related':
      return related(archive, job.id, { limit: job.limit });
    case 'thread':
      return threadOf(archive, job.id);
    case 'commitments':
      return listCommitments(archive, job.opts);
    case 'release-commitments':
      return releaseCommitments(archive, job.id);
    case 'hold': {
      const end = performance.now() + job.ms;
      while (performance.now() < end);
      return job.ms;
    }
  }
}

/**
 * (word, release) pairs a job reads, estimated before it runs: a job past its deadline that reads at
 * least `BROAD_POSTINGS` is too broad (400), any other was slowed by load (503).
 */
export function jobPostings(archive: Archive, job: Job): number {
  if (job.kind === 'hold') return job.postings;
  const queries = job.kind === 'search' ? [job.q] : job.kind === 'trends' ? job.queries : [];
  let n = 0;
  for (const q of queries) {
    try {
      n += boundedQuery(archive, q).cost.postings;
    } catch {
      // A refused query is refused again, with its reason, when the job runs.
    }
  }
  return n;
}

/** A job reading this many (word, release) pairs takes about a second on an idle core of the reference machine. */
export const BROAD_POSTINGS = 400_000;

/**
 * A search reading at least this many (word, release) pairs goes to the heavy lane, with exports and trends:
 * "government" (36,572 releases) does, "Taji" (31) does not.
 */
export const HEAVY_POSTINGS = 20_000;

/**
 * Whether a search belongs in the heavy lane, from its estimated cost (on the calling thread: vocabulary
 * lookups, remembered per word).
 * @throws BadQueryError for a query past the limits, so that it is refused without waiting for a worker.
 */
export function isHeavySearch(archive: Archive, q: string): boolean {
  return boundedQuery(archive, q).cost.postings >= HEAVY_POSTINGS;
}

/** Exports and trends are always heavy, and so is a commitments list filtered by status (it examines up to 300); a search when its estimate says so. */
export function isHeavy(job: Job | { kind: 'export' }): boolean {
  return job.kind === 'export' || job.kind === 'trends' || (job.kind === 'search' && job.heavy === true) || (job.kind === 'commitments' && job.opts.status !== undefined);
}
