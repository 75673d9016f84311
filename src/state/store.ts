/**
 * The state of alerts: the alerts themselves, what each update matched, the outbox of deliveries and the
 * log of every attempt. It lives apart from the archive, which can always be rebuilt from the corpus; a
 * rebuild never loses an alert. `StateStore` is the whole interface, so that another database
 * (PostgreSQL, for several servers) can implement it beside `SqliteStateStore`.
 */
import type { ReleaseSummary } from '../corpus/types.ts';

export type Channel = 'webhook' | 'email' | 'feed';

/** `pending`: an email address not yet confirmed. `paused`: deliveries failed too often (see `paused_reason`). */
export type AlertStatus = 'active' | 'pending' | 'paused' | 'unsubscribed';

export interface Alert {
  id: string;
  query: string;
  channel: Channel;
  /** The webhook URL or the email address; null for a feed. */
  target: string | null;
  /** The HMAC key that signs webhook bodies and derives email unsubscribe links. Stored as is: signing needs it. */
  secret: string;
  status: AlertStatus;
  paused_reason: string | null;
  created_at: string;
}

/** Hashes (SHA-256, hex) of an alert's bearer tokens; the tokens themselves are shown once and never stored. */
export interface AlertTokens {
  manage: string;
  feed: string;
  confirm: string | null;
}

/** A release as a delivery or feed carries it: the webhook contract's fields. */
export interface DeliveredRelease extends ReleaseSummary {
  snippet: string;
}

export type DeliveryStatus = 'pending' | 'delivered';

/** One message in the outbox: one POST or one email, with the id it carries on every attempt. */
export interface Delivery {
  id: string;
  alert: string;
  /** The message, built when the update matched, so every retry sends the same bytes. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  /** Milliseconds since 1970 before which it is not retried (unless "deliver --now"). */
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface Attempt {
  delivery: string;
  at: string;
  ok: boolean;
  error: string | null;
}

/** What one matching pass recorded, all in one transaction. */
export interface MatchPass {
  /** Every release id the pass looked at: they are never matched again, even when changed later. */
  seen: string[];
  /** Per alert, the releases it matched (for its feed). */
  matches: { alert: string; releases: DeliveredRelease[] }[];
  /** The deliveries to send. */
  deliveries: { id: string; alert: string; payload: string }[];
}

export interface OutboxCounts {
  pending: number;
  delivered: number;
  /** Pending deliveries that have failed at least once. */
  failing: number;
}

export interface StateStore {
  addAlert(alert: Alert, tokens: AlertTokens): void;
  alert(id: string): Alert | undefined;
  alerts(): Alert[];
  tokens(id: string): AlertTokens | undefined;
  removeAlert(id: string): boolean;
  setStatus(id: string, status: AlertStatus, reason?: string | null): void;

  /** Which of `ids` no pass has seen yet, and whether any pass has run at all. */
  unseen(ids: string[]): { ids: string[]; first: boolean };
  /**
   * Records a pass in one transaction, unless another pass (a concurrent "alerts add") saw any of its
   * releases first: then it records nothing and returns false, and the caller matches again.
   */
  recordPass(pass: MatchPass): boolean;
  /** The releases an alert matched, newest match first. */
  matched(alert: string, limit: number): DeliveredRelease[];

  /** Pending deliveries of alerts that are not paused, due by `now` (all of them when `now` is Infinity). */
  due(now: number): Delivery[];
  delivered(id: string): void;
  failed(id: string, error: string, nextAttemptAt: number): number;
  /** Deliveries of an alert that are pending or delivered. */
  deliveries(alert: string): Delivery[];
  attempts(delivery: string): Attempt[];
  counts(): OutboxCounts;

  /** Takes the named lock for this process; false when a live process holds it. */
  lock(name: string): boolean;
  unlock(name: string): void;
  close(): void;
}
