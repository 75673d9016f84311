/**
 * Alert routes: the API (create with a rate limit, show and delete with the management token), the
 * search page's form, email confirmation and one-click unsubscribe, and each alert's private feed.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { checkUnsubscribeToken } from '../alerts/email.ts';
import { createAlert, describeAlert, tokenMatches } from '../alerts/alerts.ts';
import { NotFoundError, UsageError, type Archive, type StateStore } from '../index.ts';
import type { Alert, DeliveredCommitment } from '../state/store.ts';
import { h } from '../web/html.ts';
import { alertPage } from '../web/pages/alerts.ts';
import { urls } from '../web/urls.ts';
import { atomFeed, commitmentPart, type FeedEntry } from './feed.ts';
import { clientAddress } from './origin.ts';

export interface AlertRouteOptions {
  /** Alerts one client address may create per hour. Default 10. */
  alertsPerHour?: number;
  origin: (c: Context) => string;
  /** Whether X-Forwarded-For says who the client is (see clientAddress). */
  trustProxy?: boolean;
}

const createBody = z.strictObject({
  query: z.string(),
  kind: z.enum(['releases', 'commitments']).optional(),
  ahead: z.number().optional(),
  webhook: z.string().optional(),
  email: z.string().optional(),
  feed: z.boolean().optional(),
});

/** A fixed window per client address: enough to stop a script filling the state database. */
function rateLimiter(perHour: number) {
  const windows = new Map<string, { start: number; n: number }>();
  return (key: string) => {
    const now = Date.now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start > 3600_000) windows.delete(k);
    const w = windows.get(key);
    if (!w || now - w.start > 3600_000) {
      windows.set(key, { start: now, n: 1 });
      return true;
    }
    return ++w.n <= perHour;
  };
}

/** What an alert tells of, for its pages. */
function about(a: Alert) {
  if (a.kind === 'releases') return h`new releases matching <q>${a.query}</q>`;
  return a.query ? h`commitments coming due in releases matching <q>${a.query}</q>` : h`commitments coming due`;
}

export function mountAlerts(app: Hono, archive: Archive, state: StateStore, opts: AlertRouteOptions): void {
  const allow = rateLimiter(opts.alertsPerHour ?? 10);
  const limited = (c: Context) => {
    if (allow(clientAddress(c, opts))) return undefined;
    return c.json({ error: 'too many alerts created from this address; try again in an hour' }, 429, { 'Retry-After': '3600' });
  };
  const bearer = (c: Context) => c.req.header('Authorization')?.replace(/^Bearer\s+/i, '') ?? c.req.query('token');
  /** The alert, if the token manages it; an unknown id and a wrong token look the same. */
  const managed = (c: Context) => {
    const id = c.req.param('id')!;
    const a = state.alert(id);
    if (!a || !tokenMatches(bearer(c), state.tokens(id)?.manage)) throw new NotFoundError(`no alert ${id} for this token`);
    return a;
  };

  app.post('/api/alerts', async (c) => {
    const body = createBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) {
      throw new UsageError('send JSON {"query": "...", and one of "webhook": "https://...", "email": "name@example.org", "feed": true; for commitments coming due, "kind": "commitments" and optionally "ahead": months}');
    }
    const tooMany = limited(c);
    if (tooMany) return tooMany;
    const created = await createAlert(archive, state, body.data);
    return c.json({ ...created, feed: opts.origin(c) + created.feed }, 201);
  });
  app.get('/api/alerts/:id', (c) => c.json(describeAlert(state, managed(c))));
  app.delete('/api/alerts/:id', (c) => {
    state.removeAlert(managed(c).id);
    return c.body(null, 204);
  });

  app.post('/alerts', async (c) => {
    const form = await c.req.parseBody();
    const q = String(form.q ?? '');
    const kind = form.kind === 'commitments' ? 'commitments' : 'releases';
    const tooMany = limited(c);
    if (tooMany) return c.html(String(alertPage('Too many alerts', 'Too many alerts were created from this address; try again in an hour.')), 429);
    const what = kind === 'commitments' ? (q ? h`Commitments in releases matching <q>${q}</q>, as each comes due,` : h`Commitments, as each comes due,`) : h`New releases matching <q>${q}</q>`;
    if (form.channel === 'feed') {
      const a = await createAlert(archive, state, { query: q, kind, feed: true });
      const feed = opts.origin(c) + a.feed;
      return c.html(String(alertPage('Your private feed', h`${what} will appear in this feed; keep its address to yourself: <a href="${feed}">${feed}</a>`)), 201);
    }
    const a = await createAlert(archive, state, { query: q, kind, email: String(form.email ?? '') });
    return c.html(String(alertPage('Check your email', h`We sent a link to ${a.target}. ${what} will be emailed once you follow it.`)), 201);
  });

  const confirmable = (c: Context, token: string | undefined) => {
    const a = state.alert(c.req.param('id')!);
    if (!a || a.status !== 'pending' || !tokenMatches(token, state.tokens(a.id)?.confirm)) throw new NotFoundError('this confirmation link is not valid (already used, or the alert was removed)');
    return a;
  };
  app.get('/alerts/:id/confirm', (c) => {
    const token = c.req.query('token') ?? '';
    const a = confirmable(c, token);
    return c.html(String(alertPage('Confirm your alert', h`Email ${a.target} about ${about(a)}?`, { action: c.req.path, token, button: 'Confirm' })));
  });
  app.post('/alerts/:id/confirm', async (c) => {
    const form = await c.req.parseBody();
    const a = confirmable(c, String(form.token ?? c.req.query('token') ?? ''));
    state.setStatus(a.id, 'active');
    return c.html(String(alertPage('Alert confirmed', h`Email about ${about(a)} will be sent to ${a.target}.`)));
  });

  const unsubscribable = (c: Context, token: string) => {
    const a = state.alert(c.req.param('id')!);
    if (!a || a.channel !== 'email' || !checkUnsubscribeToken(a, token)) throw new NotFoundError('this unsubscribe link is not valid (or the alert was removed)');
    return a;
  };
  app.get('/alerts/:id/unsubscribe', (c) => {
    const token = c.req.query('token') ?? '';
    const a = unsubscribable(c, token);
    return c.html(String(alertPage('Unsubscribe', h`Stop emailing ${a.target} about ${about(a)}?`, { action: `${c.req.path}?token=${encodeURIComponent(token)}`, token, button: 'Unsubscribe' })));
  });
  // RFC 8058: a mail client POSTs "List-Unsubscribe=One-Click" to the URL, token in it; no page, no cookie.
  app.post('/alerts/:id/unsubscribe', async (c) => {
    const form = await c.req.parseBody();
    const a = unsubscribable(c, c.req.query('token') ?? String(form.token ?? ''));
    state.setStatus(a.id, 'unsubscribed');
    return c.html(String(alertPage('Unsubscribed', h`No more email about ${about(a)} will be sent to ${a.target}.`)));
  });

  app.get('/alerts/:id/feed.atom', (c) => {
    const id = c.req.param('id');
    const a = state.alert(id);
    const token = c.req.query('token') ?? '';
    if (!a || !tokenMatches(token, state.tokens(id)?.feed)) throw new NotFoundError(`no alert feed ${id} for this token`);
    const hits: FeedEntry[] = state.matched(a.id, 50).map((r) => ({ ...r, score: 0, duplicates: [], part: 'commitment' in r ? commitmentPart((r as DeliveredCommitment).commitment.key, (r as DeliveredCommitment).commitment, r.title) : undefined }));
    const self = `/alerts/${encodeURIComponent(id)}/feed.atom?token=${encodeURIComponent(token)}`;
    return c.body(atomFeed({ origin: opts.origin(c), title: a.kind === 'commitments' ? `Commitments coming due${a.query ? ` in releases matching ${a.query}` : ''}` : `New releases matching ${a.query}`,
      self,
      alternate: a.kind === 'commitments' ? '/commitments' : urls.search({ q: a.query }), hits, updated: a.created_at }), 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
    });
  });
}
