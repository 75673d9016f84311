import { createHash } from 'node:crypto';
import { findPerson, personKey } from '../corpus/normalise.ts';
import { NotFoundError, UsageError } from '../errors.ts';
import { decodeFacts } from '../facts/codec.ts';
import type { Archive } from '../search/archive.ts';
import { foldKey } from '../text.ts';
import { extractCommitments, type Commitment, type CommitmentKind } from './extract.ts';
import { followUps, statusOf, type FollowUp, type Status } from './follow.ts';

export { extractCommitments, type Commitment, type CommitmentKind } from './extract.ts';
export { followUps, statusOf, FOLLOW_MONTHS, type FollowUp, type Relation, type Status } from './follow.ts';

/** A commitment as the CLI and the API give it: where it stands, and the later releases that address it. */
export interface CommitmentView extends Commitment {
  status: Status;
  follow_ups: FollowUp[];
}

export interface ReleaseCommitments {
  id: string;
  commitments: CommitmentView[];
}

/** A commitment in a list across the archive, with its release. */
export interface ListedCommitment extends CommitmentView {
  release: { id: string; title: string; date: string; ministers: string[]; portfolios: string[] };
}

export interface CommitmentList {
  due_from: string | null;
  due_to: string | null;
  status: Status | null;
  minister: string | null;
  portfolio: string | null;
  total: number;
  limit: number;
  offset: number;
  commitments: ListedCommitment[];
}

export const STATUSES: readonly Status[] = ['upcoming', 'due', 'followed up', 'no later release found'];

/** Today as YYYY-MM-DD: the real date unless a clock is given (tests). */
export type Clock = () => Date;
const realClock: Clock = () => new Date();
const todayOf = (clock: Clock = realClock) => clock().toISOString().slice(0, 10);

const MONTH = /^\d{4}-(?:0[1-9]|1[0-2])$/;

/** Checks a YYYY-MM option; `name` is how the user wrote it (`--due-from`, `due_from`). */
export function monthOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!MONTH.test(value)) throw new UsageError(`${name} must be a month as YYYY-MM (e.g. 2016-02), not "${value}"`);
  return value;
}

export function statusOption(value: string | undefined, name: string): Status | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(STATUSES as readonly string[]).includes(value)) throw new UsageError(`${name} must be one of ${STATUSES.map((s) => `"${s}"`).join(', ')}, not "${value}"`);
  return value as Status;
}

function hasTable(archive: Archive): boolean {
  return archive.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'commitments'`).pluck().get() !== undefined;
}

interface StoredRow { release: number; start: number; end: number; kind: CommitmentKind; subject: string; due_from: string; due_to: string }

function followOf(archive: Archive, rowid: number, release: { date: string; title: string }, c: Commitment): FollowUp[] {
  // Follow-ups are a search each: kept per commitment for the archive's generation.
  const m = archive.memo('follow-ups', () => new Map<string, FollowUp[]>());
  const key = `${rowid}:${c.start}:${c.kind}:${c.due.from}`;
  let f = m.get(key);
  if (!f) {
    f = followUps(archive, { rowid, date: release.date, title: release.title }, c);
    if (m.size > 50_000) m.clear();
    m.set(key, f);
  }
  return f;
}

/** The stored commitments of one release, or, in an archive built before they were stored, extracted now. */
function commitmentsRaw(archive: Archive, rowid: number, body: string, date: string | null, facts: string): Commitment[] {
  if (hasTable(archive)) {
    const rows = archive.db.prepare(`SELECT release, start, "end", kind, subject, due_from, due_to FROM commitments WHERE release = ? ORDER BY start, due_from`).all(rowid) as StoredRow[];
    return rows.map((r) => ({ text: body.slice(r.start, r.end), start: r.start, end: r.end, kind: r.kind, subject: r.subject, due: { from: r.due_from, to: r.due_to } }));
  }
  return extractCommitments(body, date, decodeFacts(facts, body));
}

/**
 * The commitments release `id` makes, each with its status on the clock's date and its follow-ups,
 * best first. Throws `NotFoundError` for an unknown id.
 * @example
 * releaseCommitments(archive, '2015-02-24-pm-announces-contribution-coalition-against-isil').commitments[1].due
 * // => { from: '2015-11', to: '2016-02' }
 */
export function releaseCommitments(archive: Archive, id: string, opts: { clock?: Clock } = {}): ReleaseCommitments {
  const row = archive.db.prepare(`SELECT rowid, date, title, body, facts FROM releases WHERE id = ?`).get(id) as
    | { rowid: number; date: string | null; title: string; body: string; facts: string }
    | undefined;
  if (!row) throw new NotFoundError(`no release with id "${id}"`);
  const today = todayOf(opts.clock);
  const list = row.date ? commitmentsRaw(archive, row.rowid, row.body, row.date, row.facts) : [];
  return {
    id,
    commitments: list.map((c) => {
      const f = followOf(archive, row.rowid, { date: row.date!, title: row.title }, c);
      return { ...c, status: statusOf(c, f, today), follow_ups: f };
    }),
  };
}

export interface ListOptions {
  dueFrom?: string;
  dueTo?: string;
  status?: Status;
  minister?: string;
  portfolio?: string;
  limit?: number;
  offset?: number;
  clock?: Clock;
}

/** The most commitments a status filter examines: each needs its follow-ups searched. */
export const STATUS_SCAN_CAP = 300;

/**
 * Commitments across the archive whose due window overlaps [dueFrom, dueTo], by minister and portfolio,
 * soonest due first; with `status`, only those in that state (each examined needs its follow-ups, so at
 * most `STATUS_SCAN_CAP` are examined — narrow the window to see past them).
 */
export function listCommitments(archive: Archive, o: ListOptions = {}): CommitmentList {
  if (!hasTable(archive)) throw new UsageError('this archive was built before commitments were stored: run pressroom ingest again');
  const limit = o.limit ?? 20;
  const offset = o.offset ?? 0;
  const where: string[] = [];
  const args: unknown[] = [];
  if (o.dueFrom) where.push(`c.due_to >= ?`), args.push(o.dueFrom);
  if (o.dueTo) where.push(`c.due_from <= ?`), args.push(o.dueTo);
  let ministerName: string | null = null;
  if (o.minister) {
    const ids = archive.personIds(findPerson(o.minister) ?? o.minister, personKey);
    if (ids.length === 0) throw new NotFoundError(`no minister named "${o.minister}"; see /ministers for the list`);
    ministerName = archive.personName(ids[0]!);
    where.push(`c.release IN (SELECT release FROM release_people WHERE person IN (SELECT value FROM json_each(?)))`), args.push(JSON.stringify(ids));
  }
  let portfolioName: string | null = null;
  if (o.portfolio) {
    const ids = archive.portfolioIds(foldKey(o.portfolio));
    if (ids.length === 0) throw new NotFoundError(`no portfolio named "${o.portfolio}"; see /portfolios for the list`);
    portfolioName = archive.portfolioName(ids[0]!);
    where.push(`c.release IN (SELECT release FROM release_portfolios WHERE portfolio IN (SELECT value FROM json_each(?)))`), args.push(JSON.stringify(ids));
  }
  // One copy of each release: exact copies state the same commitments.
  where.push(`c.release NOT IN (SELECT release FROM copies WHERE release <> first)`);
  const sql = `SELECT c.release, c.start, c."end", c.kind, c.subject, c.due_from, c.due_to FROM commitments c
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.due_from, c.due_to, c.release, c.start`;
  const today = todayOf(o.clock);
  const releaseStmt = archive.db.prepare(`SELECT id, title, date, body, ministers, portfolios FROM releases WHERE rowid = ?`);
  const view = (r: StoredRow): ListedCommitment => {
    const rel = releaseStmt.get(r.release) as { id: string; title: string; date: string; body: string; ministers: string; portfolios: string };
    const c: Commitment = { text: rel.body.slice(r.start, r.end), start: r.start, end: r.end, kind: r.kind, subject: r.subject, due: { from: r.due_from, to: r.due_to } };
    const f = followOf(archive, r.release, rel, c);
    return {
      ...c, status: statusOf(c, f, today), follow_ups: f,
      release: { id: rel.id, title: rel.title, date: rel.date, ministers: JSON.parse(rel.ministers), portfolios: JSON.parse(rel.portfolios) },
    };
  };
  let total: number;
  let page: ListedCommitment[];
  if (o.status) {
    const rows = archive.db.prepare(`${sql} LIMIT ${STATUS_SCAN_CAP}`).all(...args) as StoredRow[];
    const now = today.slice(0, 7);
    // Upcoming and due depend only on the date unless a follow-up came early: check the cheap part first.
    const kept = rows.filter((r) => (o.status === 'upcoming' ? r.due_from > now : o.status === 'due' ? r.due_from <= now && r.due_to >= now : true)).map(view).filter((v) => v.status === o.status);
    total = kept.length;
    page = kept.slice(offset, offset + limit);
  } else {
    total = archive.db.prepare(`SELECT count(*) FROM (${sql})`).pluck().get(...args) as number;
    page = (archive.db.prepare(`${sql} LIMIT ? OFFSET ?`).all(...args, limit, offset) as StoredRow[]).map(view);
  }
  return { due_from: o.dueFrom ?? null, due_to: o.dueTo ?? null, status: o.status ?? null, minister: ministerName, portfolio: portfolioName, total, limit, offset, commitments: page };
}

/** A commitment found by `commitmentsDue`, before its status and follow-ups are looked up. */
export interface DueRow extends StoredRow {
  /** Stable across ingests and rebuilds (rowids are not): the release id and a hash of kind, window and subject. */
  key: string;
  id: string;
}

/** The key of a commitment: its release id and a hash of its kind, due window and subject. */
export function commitmentKey(releaseId: string, c: { kind: string; subject: string; due_from: string; due_to: string }): string {
  const h = createHash('sha256').update(`${c.kind}\u0000${c.due_from}\u0000${c.due_to}\u0000${c.subject}`).digest('base64url').slice(0, 12);
  return `${releaseId}#${h}`;
}

/**
 * Commitments whose due window overlaps [from, to] (YYYY-MM), one per exact copy group, from the
 * releases in `rows` when given, soonest due first. Cheap: no follow-ups are looked up (see `viewDue`).
 */
export function commitmentsDue(archive: Archive, from: string, to: string, rows?: ReadonlySet<number>): DueRow[] {
  if (!hasTable(archive)) return [];
  const found = archive.db
    .prepare(
      `SELECT c.release, c.start, c."end", c.kind, c.subject, c.due_from, c.due_to, r.id FROM commitments c JOIN releases r ON r.rowid = c.release
       WHERE c.due_to >= ? AND c.due_from <= ? AND c.release NOT IN (SELECT release FROM copies WHERE release <> first)
       ORDER BY c.due_from, c.due_to, c.release, c.start`,
    )
    .all(from, to) as (StoredRow & { id: string })[];
  const out: DueRow[] = [];
  const keys = new Set<string>();
  for (const r of found) {
    if (rows && !rows.has(r.release)) continue;
    const key = commitmentKey(r.id, r);
    if (keys.has(key)) continue;
    keys.add(key);
    out.push({ ...r, key });
  }
  return out;
}

/** A commitment from `commitmentsDue` with its release, its status on the clock's date and its follow-ups. */
export function viewDue(archive: Archive, r: DueRow, clock?: Clock): ListedCommitment {
  const rel = archive.db.prepare(`SELECT id, title, date, body, ministers, portfolios FROM releases WHERE rowid = ?`).get(r.release) as {
    id: string; title: string; date: string; body: string; ministers: string; portfolios: string;
  };
  const c: Commitment = { text: rel.body.slice(r.start, r.end), start: r.start, end: r.end, kind: r.kind, subject: r.subject, due: { from: r.due_from, to: r.due_to } };
  const f = followOf(archive, r.release, rel, c);
  return {
    ...c, status: statusOf(c, f, todayOf(clock)), follow_ups: f,
    release: { id: rel.id, title: rel.title, date: rel.date, ministers: JSON.parse(rel.ministers), portfolios: JSON.parse(rel.portfolios) },
  };
}

/** The month `n` months after YYYY-MM. */
export function addMonths(ym: string, n: number): string {
  const i = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** This month as YYYY-MM on the clock's date. */
export const monthOf = (clock?: Clock) => todayOf(clock).slice(0, 7);
