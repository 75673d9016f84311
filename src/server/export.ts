/**
 * Streamed CSV and JSONL exports of every hit of a search, up to `EXPORT_CAP` rows.
 */
import { matchingRows, search, type Archive, type Hit, type Sort } from '../index.ts';
import { urls } from '../web/urls.ts';

/** The most rows an export holds; the response says when a search had more (see `exportHeaders`). */
export { EXPORT_CAP } from '../web/constants.ts';
import { EXPORT_CAP } from '../web/constants.ts';
const PAGE = 1000;

export const CSV_COLUMNS = ['id', 'date', 'title', 'ministers', 'portfolios', 'url', 'page', 'score', 'duplicates', 'snippet'] as const;

/** Rows the export will hold (hits, exact copies folded as search folds them) and whether the cap cut it. */
export function exportSize(archive: Archive, q: string): { rows: number; truncated: boolean; total: number } {
  const rows = matchingRows(archive, q);
  const first = archive.columns.first;
  const groups = new Set<number>();
  for (const r of rows) groups.add(first[r]!);
  return { rows: Math.min(groups.size, EXPORT_CAP), truncated: groups.size > EXPORT_CAP, total: rows.length };
}

/** Hits in order, page by page, stopping at the cap. */
export function* exportHits(archive: Archive, q: string, sort: Sort): Generator<Hit> {
  let n = 0;
  for (let offset = 0; n < EXPORT_CAP; offset += PAGE) {
    const page = search(archive, q, { sort, offset, limit: Math.min(PAGE, EXPORT_CAP - n) }).hits;
    for (const h of page) {
      yield h;
      n++;
    }
    if (page.length < PAGE) return;
  }
}

/**
 * One CSV field (RFC 4180): quoted when it must be. A leading `=`, `+` or `@` gets a `'` so that a
 * spreadsheet opening the file shows text instead of running a formula (OWASP "CSV injection").
 * @example
 * csvField('=1+2') // => "'=1+2"
 */
export function csvField(v: string | number): string {
  let s = String(v);
  if (/^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(h: Hit, origin: string): string {
  const plain = h.snippet.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [h.id, h.date ?? '', h.title, h.ministers.join('; '), h.portfolios.join('; '), h.url, origin + urls.release(h.id), h.score, h.duplicates.join(' '), plain]
    .map(csvField)
    .join(',');
}

/** Streams lines produced lazily, a batch per pull, so a 10,000-row export never sits in memory whole. */
export function lineStream(lines: Iterator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      let chunk = '';
      for (let i = 0; i < 200; i++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(enc.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(enc.encode(chunk));
    },
  });
}
