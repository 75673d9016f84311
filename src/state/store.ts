/**
 * The state of alerts: the alerts themselves, what each update matched, the outbox of deliveries and the
 * log of every attempt. It lives apart from the archive, which can always be rebuilt from the corpus; a
 * rebuild never loses an alert. `StateStore` is the whole interface, so that another database
 * (PostgreSQL, for several servers) can implement it beside `SqliteStateStore`.
 */
import type { ReleaseSummary } from '../corpus/types.ts';

export type Channel = 'webhook' | 'email' | 'feed';

/** `releases`: new releases that match the query. `commitments`: commitments in matching releases coming due. */
export type AlertKind = 'releases' | 'commitments';

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
  kind: AlertKind;
  /** For a commitments alert: months before its due window begins that a commitment counts as coming due. */
  ahead: number;
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

/** A commitment as a delivery or feed carries it: its release's fields, and what was committed to by when. */
export interface DeliveredCommitment extends DeliveredRelease {
  commitment: {
    /** Stable across ingests and rebuilds: the release id and a hash of the commitment's kind, window and subject. */
    key: string;
    kind: string;
    subject: string;
    text: string;
    due: { from: string; to: string };
    status: string;
    follow_ups: { id: string; title: string; date: string; relation: string }[];
  };
}

/** What one pass over the commitments alerts recorded, all in one transaction. */
export interface CommitmentPass {
  /** Per alert, the commitment keys it has now been told of (or, when it was made, had no need to be). */
  seen: { alert: string; keys: string[] }[];
  matches: { alert: string; commitments: DeliveredCommitment[] }[];
  deliveries: { id: string; alert: string; payload: string }[];
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
  /** Saves an alert; `seenCommitments` are the commitments already coming due when it was made, never delivered. */
  addAlert(alert: Alert, tokens: AlertTokens, seenCommitments?: string[]): void;
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
  /** The releases (or commitments) an alert matched, newest match first. */
  matched(alert: string, limit: number): DeliveredRelease[];

  /** The commitment keys a commitments alert has been told of. */
  seenCommitments(alert: string): Set<string>;
  /**
   * Records a commitments pass in one transaction, unless one of its keys was recorded meanwhile: then it
   * records nothing and returns false, and the caller matches again.
   */
  recordCommitments(pass: CommitmentPass): boolean;

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
