import type { ReleaseSummary } from '../../corpus/types.ts';
import { NotFoundError } from '../../errors.ts';
import type { MoneyClass } from '../../facts/money.ts';
import { decodeFacts } from '../../facts/codec.ts';
import { foldKey } from '../../text.ts';
import type { Archive } from '../archive.ts';
import { editDistance } from '../suggest.ts';
import type { HitAmount } from '../types.ts';
import { amountIndex, CLASSES } from './amount-index.ts';
import { AMOUNT_COLUMNS, amountSnippet, hitAmount, type AmountRow } from './decorate.ts';

/** One of the largest amounts, with the release that states it. */
export interface AmountEntry extends HitAmount {
  /** HTML-safe: the sentence that states the amount, the amount in `<mark>`. */
  snippet: string;
  /** With its exact copies, which state the same amount and are not listed again. */
  release: ReleaseSummary & { duplicates: string[] };
}

/** Which amounts a listing ranks: announced money (the default), other figures, both, or the implausible. */
export type AmountKind = 'announced' | 'other' | 'all' | 'implausible';
export const AMOUNT_KINDS: readonly AmountKind[] = ['announced', 'other', 'all', 'implausible'];

export interface AmountsOptions {
  /** A whole portfolio name, case-insensitively (as `portfolio:` filters); all portfolios when absent. */
  portfolio?: string;
  /** Releases of that year only; every year when absent. */
  year?: number;
  /** ISO 4217; default NZD. */
  currency?: string;
  /** Default 'announced'. */
  kind?: AmountKind;
  /** Default 20. */
  limit?: number;
  offset?: number;
}

export interface AmountsResult {
  /** The portfolio as the archive names it, or null for all portfolios. */
  portfolio: string | null;
  year: number | null;
  currency: string;
  kind: AmountKind;
  /** Amounts listed over every page (copies and a release's repeats of one figure counted once). */
  total: number;
  /** For the same portfolio, year and currency: how many amounts each class holds. */
  classes: Record<MoneyClass, number>;
  limit: number;
  offset: number;
  took_ms: number;
  amounts: AmountEntry[];
  /** For the same portfolio, currency and kind, every year with amounts: how many, and the largest. Oldest first. */
  per_year: YearAmounts[];
}

export interface YearAmounts {
  year: number;
  /** Amounts listed for the year (as `total` counts them). */
  amounts: number;
  largest: AmountEntry;
}

function kindHas(kind: AmountKind, cls: number): boolean {
  return kind === 'all' ? cls !== 2 : CLASSES[cls] === kind;
}

/**
 * The largest amounts of money the releases state, largest first, for one portfolio and year or
 * any: announced money unless `kind` says otherwise, rates ("$15.75 an hour") left out, each figure
 * once per release, and exact copies of a release (the `-0` ids) never listed beside it. A range
 * counts as its top.
 * @throws NotFoundError for a portfolio no release names.
 * @example
 * largestAmounts(archive, { portfolio: 'Finance', year: 2020, limit: 1 }).amounts[0].text // => '$50 billion'
 */
export function largestAmounts(archive: Archive, opts: AmountsOptions = {}): AmountsResult {
  const started = performance.now();
  const limit = opts.limit ?? 20;
  const offset = opts.offset ?? 0;
  const kind = opts.kind ?? 'announced';
  const currency = (opts.currency ?? 'NZD').toUpperCase();
  const cols = archive.columns;
  let portfolio: string | null = null;
  let portfolioIds: Set<number> | undefined;
  if (opts.portfolio !== undefined) {
    const ids = archive.portfolioIds(foldKey(opts.portfolio));
    if (ids.length === 0) {
      const near = nearestPortfolio(archive, opts.portfolio);
      throw new NotFoundError(`no portfolio named "${opts.portfolio}"${near ? `; did you mean "${near}"? See` : '; see'} /portfolios for the list`);
    }
    portfolioIds = new Set(ids);
    portfolio = archive.portfolioName(ids[0]!);
  }
  const year = opts.year ?? null;
  const ix = amountIndex(archive);
  const c = ix.codes.indexOf(currency);
  const page: number[] = [];
  let total = 0;
  const classes: Record<MoneyClass, number> = { announced: 0, other: 0, implausible: 0 };
  const perYear = new Map<number, { n: number; largest: number }>();
  let prevRelease = -1;
  let prevTop = NaN;
  for (let i = 0; c >= 0 && i < ix.top.length; i++) {
    if (ix.currency[i] !== c || ix.rate[i]) continue;
    const r = ix.release[i]!;
    const top = ix.top[i]!;
    // Rows run largest first, then by release, so a release's repeats of one figure are neighbours.
    if (r === prevRelease && top === prevTop) continue;
    if (cols.first[r] !== r) continue;
    if (portfolioIds && !inPortfolio(cols, r, portfolioIds)) continue;
    prevRelease = r;
    prevTop = top;
    const y = Math.floor(cols.day[r]! / 10000);
    const cls = ix.cls[i]!;
    if (year === null || y === year) classes[CLASSES[cls]!]++;
    if (!kindHas(kind, cls)) continue;
    if (y) {
      const py = perYear.get(y);
      if (py) py.n++;
      else perYear.set(y, { n: 1, largest: ix.id[i]! });
    }
    if (year !== null && y !== year) continue;
    if (total >= offset && page.length < limit) page.push(ix.id[i]!);
    total++;
  }
  const years = [...perYear].sort((a, b) => a[0] - b[0]);
  const largest = entries(archive, years.map(([, py]) => py.largest));
  const result: AmountsResult = {
    portfolio, year, currency, kind, total, classes, limit, offset, took_ms: 0,
    amounts: entries(archive, page),
    per_year: years.map(([y, py], i) => ({ year: y, amounts: py.n, largest: largest[i]! })),
  };
  result.took_ms = Math.round((performance.now() - started) * 100) / 100;
  return result;
}

/** The portfolio name nearest a misspelt one ("Helth" → "Health"), or undefined when none is close. */
function nearestPortfolio(archive: Archive, name: string): string | undefined {
  const key = foldKey(name);
  const max = Math.max(1, Math.floor(key.length / 4));
  let best: [number, string] | undefined;
  for (const n of archive.db.prepare(`SELECT name FROM portfolios`).pluck().all() as string[]) {
    const d = editDistance(key, foldKey(n), max);
    if (d <= max && (!best || d < best[0])) best = [d, n];
  }
  return best?.[1];
}

function inPortfolio(cols: Archive['columns'], r: number, ids: Set<number>): boolean {
  for (let j = cols.portfolioStart[r]!, e = cols.portfolioStart[r + 1]!; j < e; j++) if (ids.has(cols.portfolioIds[j]!)) return true;
  return false;
}

function entries(archive: Archive, ids: number[]): AmountEntry[] {
  if (ids.length === 0) return [];
  const rows = archive.db
    .prepare(
      `SELECT ${AMOUNT_COLUMNS}, r.id AS id, r.title AS title, r.date AS date, r.url AS url, r.ministers AS ministers, r.portfolios AS portfolios, r.body AS body, r.facts AS facts
       FROM amounts a JOIN releases r ON r.rowid = a.release WHERE a.rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as (AmountRow & { id: string; title: string; date: string | null; url: string; ministers: string; portfolios: string; body: string; facts: string })[];
  const byId = new Map(rows.map((row) => [row.rowid, row]));
  return ids.map((id) => {
    const row = byId.get(id)!;
    return {
      ...hitAmount(row, decodeFacts(row.facts, row.body)),
      snippet: amountSnippet(row.body, row.start, row.end),
      release: {
        id: row.id,
        title: row.title,
        date: row.date,
        url: row.url,
        ministers: JSON.parse(row.ministers) as string[],
        portfolios: JSON.parse(row.portfolios) as string[],
        duplicates: archive.idsOf(archive.copiesOf(row.release).filter((x) => x !== row.release)),
      },
    };
  });
}

/**
 * The currencies the archive holds amounts in, NZD first then by how many, for a currency chooser.
 * @example
 * amountCurrencies(archive) // => ['NZD', 'USD', 'AUD', 'GBP', 'EUR', ...]
 */
export function amountCurrencies(archive: Archive): string[] {
  const ix = amountIndex(archive);
  const n = new Map<string, number>();
  for (let i = 0; i < ix.currency.length; i++) if (!ix.rate[i]) n.set(ix.codes[ix.currency[i]!]!, (n.get(ix.codes[ix.currency[i]!]!) ?? 0) + 1);
  return [...n].sort((a, b) => (a[0] === 'NZD' ? -1 : b[0] === 'NZD' ? 1 : b[1] - a[1])).map(([code]) => code);
}
