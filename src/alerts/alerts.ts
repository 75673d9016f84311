/**
 * Alerts: saved queries in the query language whose new matches are delivered by webhook, email or a
 * private feed. Creating one records every release already in the archive as seen first, so an alert
 * only ever tells of releases that arrive after it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UsageError } from '../errors.ts';
import type { Archive } from '../search/archive.ts';
import { matchingRows } from '../search/search.ts';
import type { Clock } from '../commitments/index.ts';
import type { Alert, AlertKind, Channel, StateStore } from '../state/store.ts';
import { checkAhead, comingDue } from './commitments.ts';
import { checkEmail, sendConfirmation } from './email.ts';
import { matchNew } from './match.ts';
import { checkWebhookUrl } from './webhook.ts';

export interface AlertInput {
  query: string;
  /** `commitments`: tell of commitments in matching releases as they come due, not of new releases. */
  kind?: AlertKind;
  /** For `commitments`: months of notice before a due window begins (0–24, default 1). */
  ahead?: number;
  /** Today's date for a commitments alert (tests). */
  clock?: Clock;
  webhook?: string;
  email?: string;
  /** Neither webhook nor email: the alert is read through its private feed only. */
  feed?: boolean;
}

/** What creating an alert returns: the only time its tokens are shown. */
export interface CreatedAlert {
  id: string;
  query: string;
  kind: AlertKind;
  /** Months of notice of a commitments alert; 0 for a releases alert. */
  ahead: number;
  channel: Channel;
  target: string | null;
  status: Alert['status'];
  /** Signs webhook bodies (`X-Pressroom-Signature`); keep it to check them. */
  secret: string;
  /** Shows and deletes the alert through the API (`Authorization: Bearer …`). */
  token: string;
  /** The private Atom feed of the alert's matches, its token in the path. */
  feed: string;
  created_at: string;
}

/** A bearer token: 32 random bytes, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string | undefined, hash: string | null | undefined): boolean {
  if (!token || !hash) return false;
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const feedPath = (id: string, token: string) => `/alerts/${encodeURIComponent(id)}/feed.atom?token=${encodeURIComponent(token)}`;

/**
 * Saves an alert. The query is checked against the archive (a bad one is a `BadQueryError`), a webhook
 * URL must be public http(s), and an email address gets a confirmation message before anything else.
 * @example
 * const a = await createAlert(archive, state, { query: 'portfolio:Health', webhook: 'https://example.org/hook' });
 * a.id // => 'al_3kq9…'
 */
export async function createAlert(archive: Archive, state: StateStore, input: AlertInput): Promise<CreatedAlert> {
  const query = input.query.trim();
  const kind: AlertKind = input.kind ?? 'releases';
  if (kind !== 'releases' && kind !== 'commitments') throw new UsageError(`an alert's kind is "releases" or "commitments", not "${String(kind)}"`);
  // Every commitment coming due is a fair thing to ask for; every new release is not.
  if (!query && kind === 'releases') throw new UsageError('an alert needs a query, e.g. portfolio:Health or "housing" minister:"Chris Bishop"');
  if (query.length > 1000) throw new UsageError('an alert query may be at most 1,000 characters');
  if (query) matchingRows(archive, query);
  const ahead = kind === 'commitments' ? checkAhead(input.ahead) : 0;
  if (kind === 'releases' && input.ahead !== undefined) throw new UsageError('ahead (months of notice) belongs to a commitments alert');
  const given = [input.webhook !== undefined, input.email !== undefined, Boolean(input.feed)].filter(Boolean).length;
  if (given !== 1) throw new UsageError('an alert is delivered one way: give a webhook URL, an email address, or ask for a feed');
  const channel: Channel = input.webhook !== undefined ? 'webhook' : input.email !== undefined ? 'email' : 'feed';
  const target = channel === 'webhook' ? (await checkWebhookUrl(input.webhook!)).href : channel === 'email' ? checkEmail(input.email!) : null;

  // Whatever the archive holds now is old news to this alert; other alerts still hear of it.
  matchNew(archive, state);
  const token = newToken();
  const feedToken = newToken();
  const confirm = channel === 'email' ? newToken() : null;
  const alert: Alert = {
    id: `al_${randomBytes(9).toString('base64url')}`,
    query,
    channel,
    target,
    secret: randomBytes(32).toString('hex'),
    status: channel === 'email' ? 'pending' : 'active',
    paused_reason: null,
    created_at: new Date().toISOString(),
    kind,
    ahead,
  };
  // Commitments coming due already are old news to this alert, as releases in the archive are.
  const told = kind === 'commitments' ? comingDue(archive, query, ahead, input.clock).map((r) => r.key) : [];
  state.addAlert(alert, { manage: hashToken(token), feed: hashToken(feedToken), confirm: confirm && hashToken(confirm) }, told);
  if (confirm) {
    try {
      await sendConfirmation(alert, confirm);
    } catch (err) {
      state.removeAlert(alert.id);
      throw err;
    }
  }
  return { id: alert.id, query, kind, ahead, channel, target, status: alert.status, secret: alert.secret, token, feed: feedPath(alert.id, feedToken), created_at: alert.created_at };
}

/** An alert as listed: everything but its secret. */
export function describeAlert(state: StateStore, a: Alert) {
  const deliveries = state.deliveries(a.id);
  return {
    id: a.id,
    query: a.query,
    kind: a.kind,
    ahead: a.ahead,
    channel: a.channel,
    target: a.target,
    status: a.status,
    paused_reason: a.paused_reason,
    created_at: a.created_at,
    deliveries: {
      delivered: deliveries.filter((d) => d.status === 'delivered').length,
      pending: deliveries.filter((d) => d.status === 'pending').length,
      last_error: deliveries.filter((d) => d.status === 'pending' && d.last_error).pop()?.last_error ?? null,
    },
  };
}
