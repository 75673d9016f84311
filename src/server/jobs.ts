/**
 * The work the server hands its worker threads (src/server/pool.ts): searches and trends, and exports
 * (src/server/export.ts). The same functions run in-process when the app has no pool (tests, embedding).
 */
import { Archive, related, search, trends, type SearchOptions, type TrendsOptions } from '../index.ts';
import { boundedQuery } from '../search/query/index.ts';

export type Job =
  | { kind: 'search'; q: string; opts: SearchOptions }
  | { kind: 'trends'; queries: string[]; opts: TrendsOptions }
  | { kind: 'related'; id: string; limit: number };

export function runJob(archive: Archive, job: Job): unknown {
  switch (job.kind) {
    case 'search':
      return search(archive, job.q, job.opts);
    case 'trends':
      return trends(archive, job.queries, job.opts);
    case 'related':
      return related(archive, job.id, { limit: job.limit });
  }
}

/**
 * (word, release) pairs a job reads, estimated before it runs: a job past its deadline that reads at
 * least `BROAD_POSTINGS` is too broad (400), any other was slowed by load (503).
 */
export function jobPostings(archive: Archive, job: Job): number {
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
