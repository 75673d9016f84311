/** Routes for following a matter: story threads and commitments, as JSON, pages and Atom feeds. */
import type { Hono } from 'hono';
import { listCommitments, monthOption, releaseCommitments, statusOption } from '../commitments/index.ts';
import { UsageError, type Archive } from '../index.ts';
import type { ThreadResult } from '../threads/index.ts';
import { inlineRunner, type Runner } from './pool.ts';

function intParam(v: string | undefined, name: string, fallback: number, max: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`${name} must be a whole number from 0 to ${max}, not "${v}"`);
  return n;
}

/** Threads are found on the search workers when the app has a pool (`runner`). */
export function mountThreads(app: Hono, archive: Archive, runner: Runner = inlineRunner(archive)): void {
  app.get('/api/releases/:id/thread', async (c) => c.json(await runner.run<ThreadResult>({ kind: 'thread', id: c.req.param('id') })));
  app.get('/api/releases/:id/commitments', (c) => c.json(releaseCommitments(archive, c.req.param('id'))));
  app.get('/api/commitments', (c) => {
    const q = (k: string) => c.req.query(k);
    return c.json(listCommitments(archive, {
      dueFrom: monthOption(q('due_from'), 'due_from'), dueTo: monthOption(q('due_to'), 'due_to'), status: statusOption(q('status'), 'status'),
      minister: q('minister') || undefined, portfolio: q('portfolio') || undefined,
      limit: intParam(q('limit'), 'limit', 20, 100), offset: intParam(q('offset'), 'offset', 0, 1_000_000),
    }));
  });
}
