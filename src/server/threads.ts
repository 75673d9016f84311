/** Routes for story threads: the JSON API, the thread page and its Atom feed. */
import type { Hono } from 'hono';
import type { Archive } from '../index.ts';
import { threadOf } from '../threads/index.ts';

export function mountThreads(app: Hono, archive: Archive): void {
  app.get('/api/releases/:id/thread', (c) => c.json(threadOf(archive, c.req.param('id'))));
}
