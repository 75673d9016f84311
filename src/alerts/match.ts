/**
 * Matching: which alerts the releases new to the archive satisfy. The outbox rows are written in the
 * same transaction that marks the releases as seen, so a crash either loses neither or keeps both.
 */
import { randomUUID } from 'node:crypto';
import type { Archive } from '../search/archive.ts';
import { hitsOf } from '../search/hits.ts';
import { matchingRows } from '../search/search.ts';
import type { DeliveredRelease, MatchPass, StateStore } from '../state/store.ts';

/** The most releases one webhook POST or email carries. */
export const RELEASES_PER_DELIVERY = 100;

export interface MatchSummary {
  /** Releases new to the alerts. */
  releases: number;
  /** (alert, release) pairs matched. */
  matched: number;
  deliveries: number;
}

/**
 * Matches every release the state has not seen against the alerts that want deliveries, and queues
 * them. The first pass ever only records what the archive holds: no alert existed before it.
 */
export function matchNew(archive: Archive, state: StateStore): MatchSummary {
  for (let attempt = 1; ; attempt++) {
    const done = matchOnce(archive, state);
    if (done || attempt === 5) return done ?? { releases: 0, matched: 0, deliveries: 0 };
  }
}

function matchOnce(archive: Archive, state: StateStore): MatchSummary | undefined {
  const rows = archive.db.prepare(`SELECT rowid, id FROM releases`).raw().all() as [number, string][];
  const { ids, first } = state.unseen(rows.map(([, id]) => id));
  if (ids.length === 0) return { releases: 0, matched: 0, deliveries: 0 };
  const pass: MatchPass = { seen: ids, matches: [], deliveries: [] };
  let matched = 0;
  if (!first) {
    const fresh = new Set(ids);
    const newRows = new Set(rows.filter(([, id]) => fresh.has(id)).map(([r]) => r));
    const day = archive.columns.day;
    for (const alert of state.alerts()) {
      if (alert.kind !== 'releases' || (alert.status !== 'active' && alert.status !== 'paused')) continue;
      // An alert whose query no longer compiles (say, a minister renamed away) matches nothing rather than stopping the rest.
      let all: Int32Array;
      try {
        all = matchingRows(archive, alert.query);
      } catch {
        continue;
      }
      const hit = Array.from(all).filter((r) => newRows.has(r));
      if (hit.length === 0) continue;
      // Oldest first, so a receiver can append them in order.
      hit.sort((a, b) => day[a]! - day[b]! || a - b);
      const releases: DeliveredRelease[] = hitsOf(archive, hit, () => 0).map(({ id, title, date, url, ministers, portfolios, snippet }) => ({ id, title, date, url, ministers, portfolios, snippet }));
      matched += releases.length;
      pass.matches.push({ alert: alert.id, releases });
      if (alert.channel === 'feed') continue;
      for (let i = 0; i < releases.length; i += RELEASES_PER_DELIVERY) {
        const body = JSON.stringify({ alert: alert.id, query: alert.query, releases: releases.slice(i, i + RELEASES_PER_DELIVERY) });
        pass.deliveries.push({ id: `dlv_${randomUUID()}`, alert: alert.id, payload: body });
      }
    }
  }
  if (!state.recordPass(pass)) return undefined;
  return { releases: ids.length, matched, deliveries: pass.deliveries.length };
}
