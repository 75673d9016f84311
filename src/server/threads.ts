/** Routes for following a matter: story threads and commitments, as JSON, pages and Atom feeds. */
import type { Context, Hono } from 'hono';
import { commitmentKey, monthOption, statusOption, type CommitmentList, type ReleaseCommitments, type Status } from '../commitments/index.ts';
import { UsageError, type Archive } from '../index.ts';
import { hitsOf } from '../search/hits.ts';
import type { ThreadResult } from '../threads/index.ts';
import { escapeHtml } from '../text.ts';
import { commitmentsHref, commitmentsPage, type CommitmentsState } from '../web/pages/commitments.ts';
import { followSection, threadPage, threadUrls } from '../web/pages/thread.ts';
import type { Html } from '../web/html.ts';
import { atomFeed, commitmentPart, type FeedEntry } from './feed.ts';
import { inlineRunner, type Runner } from './pool.ts';

function intParam(v: string | undefined, name: string, fallback: number, max: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`${name} must be a whole number from 0 to ${max}, not "${v}"`);
  return n;
}

const month = (d: Date, plus = 0) => {
  const i = d.getUTCFullYear() * 12 + d.getUTCMonth() + plus;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** The two ready-made views, from today's month: due in the next three months, and past due in the two years before. */
function views(now = new Date()): { soon: Partial<CommitmentsState>; pastDue: Partial<CommitmentsState> } {
  return {
    soon: { due_from: month(now), due_to: month(now, 2) },
    pastDue: { due_from: month(now, -24), due_to: month(now, -1), status: 'no later release found' as Status },
  };
}

/** Threads are found on the search workers when the app has a pool (`runner`). */
export function mountThreads(app: Hono, archive: Archive, runner: Runner = inlineRunner(archive), alerts = false): void {
  const threadOf = (id: string) => runner.run<ThreadResult>({ kind: 'thread', id });
  const stateOf = (c: Context): CommitmentsState => {
    const q = (k: string) => c.req.query(k) || undefined;
    return {
      due_from: monthOption(q('due_from'), 'due_from'), due_to: monthOption(q('due_to'), 'due_to'), status: statusOption(q('status'), 'status'),
      minister: q('minister'), portfolio: q('portfolio'), offset: intParam(q('offset'), 'offset', 0, 1_000_000),
    };
  };
  const list = (s: CommitmentsState, limit: number) =>
    runner.run<CommitmentList>({ kind: 'commitments', opts: { dueFrom: s.due_from, dueTo: s.due_to, status: s.status, minister: s.minister, portfolio: s.portfolio, limit, offset: s.offset } });
  const ofRelease = (id: string) => runner.run<ReleaseCommitments>({ kind: 'release-commitments', id });
  const atom = (c: Context, title: string, self: string, alternate: string, hits: FeedEntry[]) =>
    c.body(atomFeed({ origin: new URL(c.req.url).origin, title, self, alternate, hits, updated: null }), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });

  app.get('/api/releases/:id/thread', async (c) => c.json(await threadOf(c.req.param('id'))));
  app.get('/api/releases/:id/commitments', async (c) => c.json(await ofRelease(c.req.param('id'))));
  app.get('/api/commitments', async (c) => c.json(await list(stateOf(c), intParam(c.req.query('limit'), 'limit', 20, 100))));

  app.get('/releases/:id/thread', async (c) => c.html(String(threadPage(await threadOf(c.req.param('id'))))));
  app.get('/releases/:id/thread.atom', async (c) => {
    const t = await threadOf(c.req.param('id'));
    const rowids = t.releases.map((r) => archive.rowidOf(r.id)).reverse();
    const hits = hitsOf(archive, rowids, () => 0);
    const title = t.releases.find((r) => r.id === t.id)?.title ?? t.id;
    return atom(c, `Thread: ${title}`, threadUrls.atom(t.id), threadUrls.page(t.id), hits);
  });

  app.get('/commitments', async (c) => {
    const s = stateOf(c);
    // A visitor with no filter wants what is coming due, not 1996's commitments; the page says so and links to all.
    const upcoming = new URL(c.req.url).search === '' ? month(new Date()) : undefined;
    if (upcoming) s.due_from = upcoming;
    return c.html(String(commitmentsPage(await list(s, 20), s, views(), alerts, upcoming)));
  });
  app.get('/commitments.atom', async (c) => {
    const s = stateOf(c);
    const v = views();
    const r = await list({ ...v.soon, ...Object.fromEntries(Object.entries(s).filter(([, x]) => x !== undefined && x !== 0)), offset: 0 }, 50);
    // One entry per commitment: its release, with the committing sentence as the summary.
    const hits = hitsOf(archive, r.commitments.map((x) => archive.rowidOf(x.release.id)), () => 0).map((h, i) => {
      const x = r.commitments[i]!;
      const key = commitmentKey(x.release.id, { kind: x.kind, subject: x.subject, due_from: x.due.from, due_to: x.due.to });
      return { ...h, part: commitmentPart(key, x, h.title), snippet: escapeHtml(`Due ${x.due.from === x.due.to ? x.due.from : `${x.due.from} to ${x.due.to}`} (${x.status}): ${x.text}`) };
    });
    return atom(c, 'Commitments coming due', commitmentsHref(s, '.atom'), commitmentsHref(s), hits);
  });
}

/** The release page's "Follow this matter" section: its thread's neighbouring steps and its commitments. */
export async function followOf(archive: Archive, id: string, runner: Runner = inlineRunner(archive)): Promise<Html> {
  const [thread, commitments] = await Promise.all([runner.run<ThreadResult>({ kind: 'thread', id }), runner.run<ReleaseCommitments>({ kind: 'release-commitments', id })]);
  return followSection(thread, commitments.commitments);
}
