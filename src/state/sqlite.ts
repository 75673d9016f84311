import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { alive } from '../store/files.ts';
import type { Alert, AlertStatus, AlertTokens, Attempt, CommitmentPass, DeliveredRelease, Delivery, MatchPass, OutboxCounts, StateStore } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS alerts (
  id TEXT PRIMARY KEY,
  query TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email', 'feed')),
  target TEXT,
  secret TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'pending', 'paused', 'unsubscribed')),
  paused_reason TEXT,
  created_at TEXT NOT NULL,
  manage_hash TEXT NOT NULL,
  feed_hash TEXT NOT NULL,
  confirm_hash TEXT
);
CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, pass INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS passes (id INTEGER PRIMARY KEY, at TEXT NOT NULL, releases INTEGER NOT NULL, deliveries INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS matches (
  alert TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  release TEXT NOT NULL,
  pass INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (alert, release)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  alert TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS attempts (
  delivery TEXT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX IF NOT EXISTS attempts_delivery ON attempts (delivery);
CREATE TABLE IF NOT EXISTS commitments_seen (
  alert TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  PRIMARY KEY (alert, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS locks (name TEXT PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL, since TEXT NOT NULL);
`;

/** The state file: `--state`, else `$PRESSROOM_STATE`, else `pressroom-state.db` beside the archive. */
export function defaultStatePath(db: string): string {
  return process.env.PRESSROOM_STATE || path.join(path.dirname(path.resolve(db)), 'pressroom-state.db');
}

/** A lock held by another host is taken over only when this old: its holder cannot be asked whether it lives. */
const FOREIGN_LOCK_MS = 6 * 3600_000;

/**
 * The state store in a SQLite file of its own (WAL, so the server reads while an update writes).
 * @example
 * const state = SqliteStateStore.open('pressroom-state.db');
 * state.alerts() // => []
 */
export class SqliteStateStore implements StateStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqliteStateStore {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // An update and the server share the file; wait for each other's short transactions.
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    // State files made before commitments alerts: every alert in them is a releases alert.
    const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info('alerts')`).pluck().all() as string[]));
    if (!columns.has('kind')) db.exec(`ALTER TABLE alerts ADD COLUMN kind TEXT NOT NULL DEFAULT 'releases' CHECK (kind IN ('releases', 'commitments'))`);
    if (!columns.has('ahead')) db.exec(`ALTER TABLE alerts ADD COLUMN ahead INTEGER NOT NULL DEFAULT 0`);
    return new SqliteStateStore(db);
  }

  addAlert(a: Alert, t: AlertTokens, seenCommitments: string[] = []): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO alerts (id, query, channel, target, secret, status, paused_reason, created_at, manage_hash, feed_hash, confirm_hash, kind, ahead)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(a.id, a.query, a.channel, a.target, a.secret, a.status, a.paused_reason, a.created_at, t.manage, t.feed, t.confirm, a.kind, a.ahead);
      const seen = this.db.prepare(`INSERT OR IGNORE INTO commitments_seen (alert, key) VALUES (?, ?)`);
      for (const k of seenCommitments) seen.run(a.id, k);
    }).immediate();
  }

  alert(id: string): Alert | undefined {
    return this.db.prepare(`SELECT id, query, channel, target, secret, status, paused_reason, created_at, kind, ahead FROM alerts WHERE id = ?`).get(id) as Alert | undefined;
  }

  alerts(): Alert[] {
    return this.db.prepare(`SELECT id, query, channel, target, secret, status, paused_reason, created_at, kind, ahead FROM alerts ORDER BY created_at, id`).all() as Alert[];
  }

  tokens(id: string): AlertTokens | undefined {
    return this.db.prepare(`SELECT manage_hash AS manage, feed_hash AS feed, confirm_hash AS confirm FROM alerts WHERE id = ?`).get(id) as AlertTokens | undefined;
  }

  removeAlert(id: string): boolean {
    return this.db.prepare(`DELETE FROM alerts WHERE id = ?`).run(id).changes > 0;
  }

  setStatus(id: string, status: AlertStatus, reason: string | null = null): void {
    this.db.prepare(`UPDATE alerts SET status = ?, paused_reason = ?, confirm_hash = CASE WHEN ? = 'pending' THEN confirm_hash END WHERE id = ?`).run(status, reason, status, id);
  }

  unseen(ids: string[]): { ids: string[]; first: boolean } {
    const first = this.db.prepare(`SELECT count(*) FROM passes`).pluck().get() === 0;
    const known = new Set(this.db.prepare(`SELECT id FROM seen`).pluck().all() as string[]);
    return { ids: ids.filter((id) => !known.has(id)), first };
  }

  recordPass(p: MatchPass): boolean {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const known = this.db.prepare(`SELECT 1 FROM seen WHERE id = ?`).pluck();
      if (p.seen.some((id) => known.get(id) !== undefined)) return false;
      const pass = Number(this.db.prepare(`INSERT INTO passes (at, releases, deliveries) VALUES (?, ?, ?)`).run(now, p.seen.length, p.deliveries.length).lastInsertRowid);
      const seen = this.db.prepare(`INSERT OR IGNORE INTO seen (id, pass) VALUES (?, ?)`);
      for (const id of p.seen) seen.run(id, pass);
      const match = this.db.prepare(`INSERT OR IGNORE INTO matches (alert, release, pass, item) VALUES (?, ?, ?, ?)`);
      for (const m of p.matches) for (const r of m.releases) match.run(m.alert, r.id, pass, JSON.stringify(r));
      const out = this.db.prepare(`INSERT INTO outbox (id, alert, payload, status, created_at) VALUES (?, ?, ?, 'pending', ?)`);
      for (const d of p.deliveries) out.run(d.id, d.alert, d.payload, now);
      return true;
    }).immediate();
  }

  matched(alert: string, limit: number): DeliveredRelease[] {
    return (this.db.prepare(`SELECT item FROM matches WHERE alert = ? ORDER BY pass DESC, release DESC LIMIT ?`).pluck().all(alert, limit) as string[]).map(
      (s) => JSON.parse(s) as DeliveredRelease,
    );
  }

  seenCommitments(alert: string): Set<string> {
    return new Set(this.db.prepare(`SELECT key FROM commitments_seen WHERE alert = ?`).pluck().all(alert) as string[]);
  }

  recordCommitments(p: CommitmentPass): boolean {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const known = this.db.prepare(`SELECT 1 FROM commitments_seen WHERE alert = ? AND key = ?`).pluck();
      if (p.seen.some((s) => s.keys.some((k) => known.get(s.alert, k) !== undefined))) return false;
      const pass = Number(this.db.prepare(`INSERT INTO passes (at, releases, deliveries) VALUES (?, 0, ?)`).run(now, p.deliveries.length).lastInsertRowid);
      const seen = this.db.prepare(`INSERT INTO commitments_seen (alert, key) VALUES (?, ?)`);
      for (const s of p.seen) for (const k of s.keys) seen.run(s.alert, k);
      // The feed reads matches: a commitment's key stands where a release id would.
      const match = this.db.prepare(`INSERT OR IGNORE INTO matches (alert, release, pass, item) VALUES (?, ?, ?, ?)`);
      for (const m of p.matches) for (const c of m.commitments) match.run(m.alert, c.commitment.key, pass, JSON.stringify(c));
      const out = this.db.prepare(`INSERT INTO outbox (id, alert, payload, status, created_at) VALUES (?, ?, ?, 'pending', ?)`);
      for (const d of p.deliveries) out.run(d.id, d.alert, d.payload, now);
      return true;
    }).immediate();
  }

  due(now: number): Delivery[] {
    return this.db
      .prepare(
        `SELECT o.* FROM outbox o JOIN alerts a ON a.id = o.alert
         WHERE o.status = 'pending' AND a.status = 'active' AND o.next_attempt_at <= ? ORDER BY o.created_at, o.rowid`,
      )
      .all(Number.isFinite(now) ? now : Number.MAX_SAFE_INTEGER) as Delivery[];
  }

  delivered(id: string): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db.prepare(`UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?`).run(now, id);
      this.db.prepare(`INSERT INTO attempts (delivery, at, ok, error) VALUES (?, ?, 1, NULL)`).run(id, now);
    })();
  }

  failed(id: string, error: string, nextAttemptAt: number): number {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?`).run(nextAttemptAt, error, id);
      this.db.prepare(`INSERT INTO attempts (delivery, at, ok, error) VALUES (?, ?, 0, ?)`).run(id, now, error);
      return this.db.prepare(`SELECT attempts FROM outbox WHERE id = ?`).pluck().get(id) as number;
    })();
  }

  deliveries(alert: string): Delivery[] {
    return this.db.prepare(`SELECT * FROM outbox WHERE alert = ? ORDER BY created_at, rowid`).all(alert) as Delivery[];
  }

  attempts(delivery: string): Attempt[] {
    return (this.db.prepare(`SELECT delivery, at, ok, error FROM attempts WHERE delivery = ? ORDER BY rowid`).all(delivery) as (Omit<Attempt, 'ok'> & { ok: number })[]).map((a) => ({
      ...a,
      ok: a.ok === 1,
    }));
  }

  counts(): OutboxCounts {
    return this.db
      .prepare(
        `SELECT coalesce(sum(status = 'pending'), 0) AS pending, coalesce(sum(status = 'delivered'), 0) AS delivered,
                coalesce(sum(status = 'pending' AND attempts > 0), 0) AS failing FROM outbox`,
      )
      .get() as OutboxCounts;
  }

  lock(name: string): boolean {
    const host = os.hostname();
    return this.db.transaction(() => {
      const held = this.db.prepare(`SELECT pid, host, since FROM locks WHERE name = ?`).get(name) as { pid: number; host: string; since: string } | undefined;
      if (held && held.pid !== process.pid) {
        // A lock left by `kill -9` is free.
        const running = held.host === host ? alive(held.pid) : Date.now() - Date.parse(held.since) < FOREIGN_LOCK_MS;
        if (running) return false;
      }
      this.db.prepare(`INSERT OR REPLACE INTO locks (name, pid, host, since) VALUES (?, ?, ?, ?)`).run(name, process.pid, host, new Date().toISOString());
      return true;
    }).immediate();
  }

  unlock(name: string): void {
    this.db.prepare(`DELETE FROM locks WHERE name = ? AND pid = ? AND host = ?`).run(name, process.pid, os.hostname());
  }

  close(): void {
    this.db.close();
  }
}
