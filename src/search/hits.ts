import type { ReleaseSummaryRow } from '../corpus/types.ts';
import type { Archive } from './archive.ts';
import { markSnippet } from './snippet.ts';
import type { Hit } from './types.ts';

interface HitRow extends ReleaseSummaryRow {
  rowid: number;
  lead: string;
}

/**
 * Builds the hits for some rowids, in the order given: `score` per rowid, and the snippet FTS5 marked
 * for it when there is one (else the start of its lead). Search and related releases share it.
 */
export function hitsOf(archive: Archive, rowids: number[], score: (rowid: number) => number, snippets = new Map<number, string>()): Hit[] {
  if (rowids.length === 0) return [];
  const rows = new Map(
    (archive
      .statement(`SELECT rowid, id, title, date, url, ministers, portfolios, lead FROM releases WHERE rowid IN (SELECT value FROM json_each(?))`)
      .raw(false)
      .all(JSON.stringify(rowids)) as HitRow[]).map((r) => [r.rowid, r]),
  );
  return rowids.map((rowid) => {
    const r = rows.get(rowid)!;
    return {
      id: r.id,
      title: r.title,
      date: r.date,
      url: r.url,
      ministers: JSON.parse(r.ministers),
      portfolios: JSON.parse(r.portfolios),
      score: Math.round(score(rowid) * 1000) / 1000,
      snippet: markSnippet(snippets.get(rowid) ?? truncate(r.lead, 240)),
      duplicates: archive.idsOf(archive.copiesOf(rowid).filter((x) => x !== rowid)),
    };
  });
}

function truncate(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), n - 20))}…`;
}
