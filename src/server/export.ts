/**
 * CSV and JSON Lines exports of every hit of a search, up to `EXPORT_CAP` rows. The search runs once;
 * the text is made a chunk of hits at a time as the client reads it, and stops when the client goes.
 */
import { foldKey, searchAll, type Archive, type Hit, type Sort } from '../index.ts';
import { urls } from '../web/urls.ts';

/** The most rows an export holds; the response says when a search had more (see `exportHeaders`). */
export { EXPORT_CAP } from '../web/constants.ts';
import { EXPORT_CAP } from '../web/constants.ts';

/** Hits built and written per chunk: tens of KB of CSV, so memory stays bounded and a client that leaves frees its worker within a chunk. */
export const EXPORT_CHUNK = 100;

export const CSV_COLUMNS = ['id', 'date', 'title', 'ministers', 'portfolios', 'url', 'page', 'score', 'duplicates', 'snippet'] as const;
/** Columns an export adds on request (`?columns=body,amounts`). */
export const OPTIONAL_COLUMNS = ['body', 'amounts'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export interface ExportRequest {
  q: string;
  sort: Sort;
  format: 'csv' | 'jsonl';
  /** Optional columns, in the order of `OPTIONAL_COLUMNS`. */
  columns: OptionalColumn[];
  /** The origin for the `page` links. */
  origin: string;
}

/** What is known before the first byte: the headers say it. */
export interface ExportHead {
  /** Matching releases, copies included. */
  total: number;
  /** Rows the export holds: hits, exact copies folded. */
  rows: number;
  truncated: boolean;
}

/** UTF-8 byte order mark: Excel on Windows reads a CSV without one as the local code page, garbling macrons. */
export const BOM = '\uFEFF';

/**
 * An export: its head, and its text a chunk at a time.
 * @throws BadQueryError before anything is written, for a query the search refuses.
 */
export function exportChunks(archive: Archive, req: ExportRequest): { head: ExportHead; chunks: Generator<string> } {
  const all = searchAll(archive, req.q, { sort: req.sort, cap: EXPORT_CAP, chunk: EXPORT_CHUNK });
  const head = { total: all.total, rows: all.rows, truncated: all.total_hits > EXPORT_CAP };
  function* chunks(): Generator<string> {
    if (req.format === 'csv') yield `${BOM}${[...CSV_COLUMNS, ...req.columns].join(',')}\r\n`;
    for (const hits of all.chunks) {
      const extra = extraColumns(archive, hits, req.columns);
      let text = '';
      for (let i = 0; i < hits.length; i++) {
        text += req.format === 'csv' ? `${csvRow(hits[i]!, req.origin, extra[i]!)}\r\n` : `${JSON.stringify({ ...hits[i], ...extra[i] })}\n`;
      }
      yield text;
    }
  }
  return { head, chunks: chunks() };
}

interface Extra {
  body?: string;
  amounts?: { value: number; value_max: number | null; currency: string; text: string }[];
}

/** The body text and the amounts of money of each hit, when asked for. */
function extraColumns(archive: Archive, hits: Hit[], columns: OptionalColumn[]): Extra[] {
  const out: Extra[] = hits.map(() => ({}));
  if (columns.length === 0 || hits.length === 0) return out;
  const ids = JSON.stringify(hits.map((h) => h.id));
  const at = new Map(hits.map((h, i) => [h.id, i]));
  if (columns.includes('body')) {
    for (const [id, body] of archive.db.prepare(`SELECT id, body FROM releases WHERE id IN (SELECT value FROM json_each(?))`).raw().all(ids) as [string, string][]) {
      out[at.get(id)!]!.body = body;
    }
  }
  if (columns.includes('amounts')) {
    for (const h of out) h.amounts = [];
    const rows = archive.db
      .prepare(
        `SELECT r.id, a.value, a.value_max, a.currency, a.text FROM amounts a JOIN releases r ON r.rowid = a.release
         WHERE r.id IN (SELECT value FROM json_each(?)) AND a.unit IS NULL ORDER BY a.release, a.start`,
      )
      .raw()
      .all(ids) as [string, number, number | null, string, string][];
    for (const [id, value, value_max, currency, text] of rows) out[at.get(id)!]!.amounts!.push({ value, value_max, currency, text });
  }
  return out;
}

/**
 * The download's file name, after the query: `pressroom-kiwisaver-year-2020.csv`.
 * @example
 * exportFilename('Kaikōura quake year:2016', 'csv') // => 'pressroom-kaikoura-quake-year-2016.csv'
 */
export function exportFilename(q: string, format: 'csv' | 'jsonl'): string {
  const slug = foldKey(q)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `pressroom-${slug || 'all'}.${format}`;
}

/**
 * One CSV field (RFC 4180): quoted when it must be. Text starting `=`, `+`, `-` or `@` (or a tab or
 * carriage return) gets a `'` so that a spreadsheet opening the file shows text instead of running a
 * formula (OWASP "CSV injection"); numbers are left as they are.
 * @example
 * csvField('-1+2') // => "'-1+2"
 */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(h: Hit, origin: string, extra: Extra = {}): string {
  const plain = h.snippet.replace(/<\/?mark>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const fields: (string | number)[] = [h.id, h.date ?? '', h.title, h.ministers.join('; '), h.portfolios.join('; '), h.url, origin + urls.release(h.id), h.score, h.duplicates.join(' '), plain];
  if (extra.body !== undefined) fields.push(extra.body);
  if (extra.amounts !== undefined) fields.push(extra.amounts.map((a) => a.text).join('; '));
  return fields.map(csvField).join(',');
}

/** Streams text chunks from an iterator, one per pull; `cancel` (the client went) ends the iterator. */
export function chunkStream(chunks: Iterator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(next.value));
    },
    cancel() {
      chunks.return?.(undefined);
    },
  });
}
