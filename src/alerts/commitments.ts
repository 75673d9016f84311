/**
 * Commitments alerts: a commitment in a release matching the alert's query is delivered once, when it
 * comes due — when its due window begins within the alert's `ahead` months and has not ended. Those
 * already coming due when the alert is made are recorded as told, as releases already in the archive are.
 */
import { randomUUID } from 'node:crypto';
import { addMonths, commitmentsDue, monthOf, viewDue, type Clock, type DueRow } from '../commitments/index.ts';
import { UsageError } from '../errors.ts';
import type { Archive } from '../search/archive.ts';
import { matchingRows } from '../search/search.ts';
import type { CommitmentPass, DeliveredCommitment, StateStore } from '../state/store.ts';
import { escapeHtml } from '../text.ts';
import { RELEASES_PER_DELIVERY } from './match.ts';

/** Months of notice a commitments alert gives by default: a commitment due from next month is coming due now. */
export const DEFAULT_AHEAD = 1;
export const MAX_AHEAD = 24;

export function checkAhead(ahead: number | undefined): number {
  if (ahead === undefined) return DEFAULT_AHEAD;
  if (!Number.isInteger(ahead) || ahead < 0 || ahead > MAX_AHEAD) throw new UsageError(`ahead is the months of notice, a whole number from 0 to ${MAX_AHEAD}, not ${ahead}`);
  return ahead;
}

/** The releases an alert's query selects; every release for an empty query. */
function rowsOf(archive: Archive, query: string): ReadonlySet<number> | undefined {
  return query.trim() ? new Set(matchingRows(archive, query)) : undefined;
}

/** The commitments of releases matching `query` that are coming due on the clock's date, `ahead` months ahead. */
export function comingDue(archive: Archive, query: string, ahead: number, clock?: Clock): DueRow[] {
  const month = monthOf(clock);
  return commitmentsDue(archive, month, addMonths(month, ahead), rowsOf(archive, query));
}

function delivered(archive: Archive, r: DueRow, clock?: Clock): DeliveredCommitment {
  const v = viewDue(archive, r, clock);
  const url = archive.db.prepare(`SELECT url FROM releases WHERE rowid = ?`).pluck().get(r.release) as string;
  return {
    ...v.release,
    url,
    snippet: escapeHtml(v.text),
    commitment: {
      key: r.key,
      kind: v.kind,
      subject: v.subject,
      text: v.text,
      due: v.due,
      status: v.status,
      follow_ups: v.follow_ups.map(({ id, title, date, relation }) => ({ id, title, date, relation })),
    },
  };
}

export interface CommitmentMatchSummary {
  /** (alert, commitment) pairs newly coming due. */
  matched: number;
  deliveries: number;
}

/** Queues, for every commitments alert, the commitments that have come due since it last looked. */
export function matchCommitments(archive: Archive, state: StateStore, clock?: Clock): CommitmentMatchSummary {
  for (let attempt = 1; ; attempt++) {
    const done = matchOnce(archive, state, clock);
    if (done || attempt === 5) return done ?? { matched: 0, deliveries: 0 };
  }
}

function matchOnce(archive: Archive, state: StateStore, clock?: Clock): CommitmentMatchSummary | undefined {
  const pass: CommitmentPass = { seen: [], matches: [], deliveries: [] };
  let matched = 0;
  for (const alert of state.alerts()) {
    if (alert.kind !== 'commitments' || (alert.status !== 'active' && alert.status !== 'paused')) continue;
    let due: DueRow[];
    try {
      due = comingDue(archive, alert.query, alert.ahead, clock);
    } catch {
      // A query that no longer compiles matches nothing rather than stopping the rest.
      continue;
    }
    const seen = state.seenCommitments(alert.id);
    const fresh = due.filter((r) => !seen.has(r.key));
    if (fresh.length === 0) continue;
    const items = fresh.map((r) => delivered(archive, r, clock));
    matched += items.length;
    pass.seen.push({ alert: alert.id, keys: fresh.map((r) => r.key) });
    pass.matches.push({ alert: alert.id, commitments: items });
    if (alert.channel === 'feed') continue;
    for (let i = 0; i < items.length; i += RELEASES_PER_DELIVERY) {
      const body = JSON.stringify({ alert: alert.id, query: alert.query, kind: 'commitments', commitments: items.slice(i, i + RELEASES_PER_DELIVERY) });
      pass.deliveries.push({ id: `dlv_${randomUUID()}`, alert: alert.id, payload: body });
    }
  }
  if (pass.seen.length === 0) return { matched: 0, deliveries: 0 };
  if (!state.recordCommitments(pass)) return undefined;
  return { matched, deliveries: pass.deliveries.length };
}
