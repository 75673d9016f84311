/** Routes for story threads: the JSON API, the thread page and its Atom feed. */
import type { Hono } from 'hono';
import type { Archive } from '../index.ts';
import type { ThreadResult } from '../threads/index.ts';
import { inlineRunner, type Runner } from './pool.ts';

/** Threads are found on the search workers when the app has a pool (`runner`). */
export function mountThreads(app: Hono, archive: Archive, runner: Runner = inlineRunner(archive)): void {
  app.get('/api/releases/:id/thread', async (c) => c.json(await runner.run<ThreadResult>({ kind: 'thread', id: c.req.param('id') })));
}
