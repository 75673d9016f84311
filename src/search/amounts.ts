/**
 * Amounts of money the releases state (the `amounts` table, one row per money fact), for the
 * `money>100m` filter, the matching amount shown on a search hit, and the largest amounts
 * announced per portfolio and year.
 */
import { NotFoundError } from '../errors.ts';
import type { Fact } from '../facts/types.ts';
import { decodeFacts } from '../facts/codec.ts';
import { foldKey } from '../text.ts';
import type { Archive } from './archive.ts';
import { CURRENCIES, inAmountRange, type AmountRange } from './query/amount.ts';
import { CLOSE, markSnippet, OPEN } from './snippet.ts';
import type { Hit, HitAmount } from './types.ts';

/**
 * Every stored amount in memory, largest first: filtering 72,000 amounts this way costs well under
 * a millisecond, where SQL over `max(value, value_max)` could use no index. Read on first use.
 */
interface AmountIndex {
  /** `amounts.rowid` of each row; rows are sorted by `top` (largest first), then release, then offset. */
  id: Int32Array;
  release: Int32Array;
  /** The amount a row counts as: the top of a range, else its value. */
  top: Float64Array;
  /** Index into `codes`. */
  currency: Uint8Array;
  /** 1 for a rate ("$15.75 an hour"), which no amount filter or ranking counts. */
  rate: Uint8Array;
  codes: string[];
}

function amountIndex(archive: Archive): AmountIndex {
  return archive.memo('amounts', () => readAmountIndex(archive));
}

function readAmountIndex(archive: Archive): AmountIndex {
  const rows = archive.db
    .prepare(
      `SELECT rowid, release, max(value, coalesce(value_max, value)) AS top, currency, unit IS NOT NULL
       FROM amounts ORDER BY top DESC, release, start`,
    )
    .raw()
    .all() as [number, number, number, string, number][];
  const codes: string[] = [];
  const code = new Map<string, number>();
  const ix: AmountIndex = {
    id: new Int32Array(rows.length),
    release: new Int32Array(rows.length),
    top: new Float64Array(rows.length),
    currency: new Uint8Array(rows.length),
    rate: new Uint8Array(rows.length),
    codes,
  };
  rows.forEach(([id, release, top, currency, rate], i) => {
    let c = code.get(currency);
    if (c === undefined) {
      c = codes.push(currency) - 1;
      code.set(currency, c);
    }
    ix.id[i] = id;
    ix.release[i] = release;
    ix.top[i] = top;
    ix.currency[i] = c;
    ix.rate[i] = rate;
  });
  return ix;
}

/**
 * The releases that state an amount in the range (not a rate), as a mask over rowids: `mask[rowid]`
 * is 1 for a match. Exact copies each match on their own, as every filter treats them.
 * @example
 * amountMask(archive, { currency: 'NZD', min: 1e9, minExclusive: true })[rowidOf(budgetRelease)] // => 1
 */
export function amountMask(archive: Archive, range: AmountRange): Uint8Array {
  const ix = amountIndex(archive);
  const mask = new Uint8Array(Math.max(archive.columns.size, 1));
  const c = ix.codes.indexOf(range.currency);
  if (c < 0) return mask;
  for (let i = 0; i < ix.top.length; i++) {
    const top = ix.top[i]!;
    // Largest first: nothing after an amount below the minimum can match.
    if (range.min !== undefined && top < range.min) break;
    if (ix.currency[i] !== c || ix.rate[i] || !inAmountRange(range, top)) continue;
    const r = ix.release[i]!;
    if (r < mask.length) mask[r] = 1;
  }
  return mask;
}

interface AmountRow {
  rowid: number;
  release: number;
  value: number;
  value_max: number | null;
  currency: string;
  qualifier: string | null;
  text: string;
  start: number;
  end: number;
}

const AMOUNT_COLUMNS = `a.rowid AS rowid, a.release AS release, a.value AS value, a.value_max AS value_max, a.currency AS currency,
  a.qualifier AS qualifier, a.text AS text, a.start AS start, a."end" AS "end"`;

function topOf(a: { value: number; value_max: number | null }): number {
  return Math.max(a.value, a.value_max ?? a.value);
}

/** The index of the money fact at `start`–`end` in a release's facts, for `/releases/:id#fact-N`; -1 if none. */
function factIndex(facts: Fact[], start: number, end: number): number {
  return facts.findIndex((f) => f.kind === 'money' && f.start === start && f.end === end);
}

function hitAmount(a: AmountRow, facts: Fact[]): HitAmount {
  const out: HitAmount = { value: a.value, currency: a.currency, text: a.text, start: a.start, end: a.end, fact: factIndex(facts, a.start, a.end) };
  if (a.value_max !== null) out.value_max = a.value_max;
  if (a.qualifier !== null) out.qualifier = a.qualifier;
  return out;
}

/** Amounts a hit shows. */
const PER_HIT = 3;

/**
 * Gives each hit of a query with a money filter the amounts it matched (largest first, at most
 * three, one per figure), so a reader of `money>1b` sees which figure did. A hit whose words
 * gave no snippet (`snippetFromAmount`) shows the sentence that states the largest of them instead.
 */
export function attachAmounts(archive: Archive, hits: Hit[], rowids: number[], range: AmountRange, snippetFromAmount: (rowid: number) => boolean): void {
  if (hits.length === 0) return;
  const rows = archive.db
    // The unary + keeps SQLite on the release index: the (currency, value) one would read every NZD amount.
    .prepare(`SELECT ${AMOUNT_COLUMNS} FROM amounts a WHERE a.release IN (SELECT value FROM json_each(?)) AND +a.currency = ? AND a.unit IS NULL`)
    .all(JSON.stringify(rowids), range.currency) as AmountRow[];
  const byRelease = new Map<number, AmountRow[]>();
  for (const a of rows) {
    if (!inAmountRange(range, topOf(a))) continue;
    const list = byRelease.get(a.release) ?? [];
    list.push(a);
    byRelease.set(a.release, list);
  }
  const texts = releaseTexts(archive, [...byRelease.keys()]);
  rowids.forEach((rowid, i) => {
    const list = byRelease.get(rowid);
    const hit = hits[i]!;
    if (!list) return;
    const t = texts.get(rowid)!;
    const chosen = largestDistinct(list).slice(0, PER_HIT);
    hit.amounts = chosen.map((a) => hitAmount(a, t.facts));
    if (snippetFromAmount(rowid)) hit.snippet = amountSnippet(t.body, chosen[0]!.start, chosen[0]!.end);
  });
}

/** Largest first, then in reading order; a figure the release repeats is kept once. */
function largestDistinct(list: AmountRow[]): AmountRow[] {
  const sorted = [...list].sort((a, b) => topOf(b) - topOf(a) || a.start - b.start);
  return sorted.filter((a, i) => i === 0 || topOf(sorted[i - 1]!) !== topOf(a));
}

function releaseTexts(archive: Archive, rowids: number[]): Map<number, { body: string; facts: Fact[] }> {
  const out = new Map<number, { body: string; facts: Fact[] }>();
  if (rowids.length === 0) return out;
  const rows = archive.db
    .prepare(`SELECT rowid, body, facts FROM releases WHERE rowid IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(rowids)) as [number, string, string][];
  for (const [rowid, body, facts] of rows) out.set(rowid, { body, facts: decodeFacts(facts, body) });
  return out;
}

/** The most text of a sentence shown either side of an amount. */
const CONTEXT = 180;

/**
 * The sentence around a span of the body, HTML-safe, with the span in `<mark>`: Markdown is dropped
 * and everything else escaped (as search snippets are), and a long sentence is cut to about
 * {@link CONTEXT} characters either side.
 * @example
 * amountSnippet('Roads first. The Government will spend $1.2 billion on rail. More later.', 39, 51)
 * // => 'The Government will spend <mark>$1.2 billion</mark> on rail.'
 */
export function amountSnippet(body: string, start: number, end: number): string {
  let a = start;
  const floor = Math.max(0, start - CONTEXT);
  while (a > floor && body[a - 1] !== '\n' && !(/[.!?]/.test(body[a - 2] ?? '') && /\s/.test(body[a - 1]!))) a--;
  let b = end;
  const ceiling = Math.min(body.length, end + CONTEXT);
  while (b < ceiling && body[b] !== '\n' && !(/[.!?]/.test(body[b]!) && (b + 1 === body.length || /\s/.test(body[b + 1]!)))) b++;
  if (b < body.length && /[.!?]/.test(body[b]!)) b++;
  let before = body.slice(a, start);
  let after = body.slice(end, b);
  // Cut mid-sentence at a word, and say so.
  if (a === floor && a > 0 && body[a - 1] !== '\n') before = `…${before.replace(/^\S*\s*/, '')}`;
  if (b === ceiling && b < body.length && body[b] !== '\n') after = `${after.replace(/\s*\S*$/, '')}…`;
  // A list item or table cell marker at the start of the line says nothing, nor does a Markdown escape ("\.").
  before = before.replace(/^\s*(?:[-+]\s+|\d+[.)]\s+|\|\s*)/, '');
  [before, after] = [before, after].map((t) => t.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')) as [string, string];
  return markSnippet(`${before}${OPEN}${body.slice(start, end)}${CLOSE}${after}`);
}

/** One of the largest amounts, with the release that states it. */
export interface AmountEntry extends HitAmount {
  /** HTML-safe: the sentence that states the amount, the amount in `<mark>`. */
  snippet: string;
  release: {
    id: string;
    title: string;
    date: string | null;
    url: string;
    ministers: string[];
    portfolios: string[];
    /** Exact copies of the release, which state the same amount and are not listed again. */
    duplicates: string[];
  };
}

export interface AmountsOptions {
  /** A whole portfolio name, case-insensitively (as `portfolio:` filters); all portfolios when absent. */
  portfolio?: string;
  /** Releases of that year only; every year when absent. */
  year?: number;
  /** ISO 4217; default NZD. */
  currency?: string;
  /** Default 20. */
  limit?: number;
  offset?: number;
}

export interface AmountsResult {
  /** The portfolio as the archive names it, or null for all portfolios. */
  portfolio: string | null;
  year: number | null;
  currency: string;
  /** Amounts listed over every page (copies and a release's repeats of one figure counted once). */
  total: number;
  limit: number;
  offset: number;
  took_ms: number;
  amounts: AmountEntry[];
  /** For the same portfolio and currency, every year with amounts: how many, and the largest. Oldest first. */
  per_year: YearAmounts[];
}

export interface YearAmounts {
  year: number;
  /** Amounts listed for the year (as `total` counts them). */
  amounts: number;
  largest: AmountEntry;
}

/**
 * The largest amounts of money the releases state, largest first, for one portfolio and year or
 * any: rates ("$15.75 an hour") left out, each figure once per release, and exact copies of a
 * release (the `-0` ids) never listed beside it. A range counts as its top.
 * @throws NotFoundError for a portfolio no release names.
 * @example
 * largestAmounts(archive, { portfolio: 'Finance', year: 2020, limit: 1 }).amounts[0].text // => '$50 billion'
 */
export function largestAmounts(archive: Archive, opts: AmountsOptions = {}): AmountsResult {
  const started = performance.now();
  const limit = opts.limit ?? 20;
  const offset = opts.offset ?? 0;
  const currency = (opts.currency ?? 'NZD').toUpperCase();
  const cols = archive.columns;
  let portfolio: string | null = null;
  let portfolioIds: Set<number> | undefined;
  if (opts.portfolio !== undefined) {
    const ids = archive.portfolioIds(foldKey(opts.portfolio));
    if (ids.length === 0) throw new NotFoundError(`no portfolio named "${opts.portfolio}"; see /portfolios for the list`);
    portfolioIds = new Set(ids);
    portfolio = archive.portfolioName(ids[0]!);
  }
  const year = opts.year ?? null;
  const ix = amountIndex(archive);
  const c = ix.codes.indexOf(currency);
  const page: number[] = [];
  let total = 0;
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
    portfolio, year, currency, total, limit, offset, took_ms: 0,
    amounts: entries(archive, page),
    per_year: years.map(([y, py], i) => ({ year: y, amounts: py.n, largest: largest[i]! })),
  };
  result.took_ms = Math.round((performance.now() - started) * 100) / 100;
  return result;
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

export { CURRENCIES };

const SIGNS: Record<string, string> = { NZD: '$', USD: 'US$', AUD: 'A$', CAD: 'C$', HKD: 'HK$', SGD: 'S$', FJD: 'F$', EUR: '€', GBP: '£', JPY: '¥' };
const SCALE_NAMES: [number, string][] = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']];
const DECIMALS = new Intl.NumberFormat('en-NZ', { maximumFractionDigits: 3 });
const WHOLE = new Intl.NumberFormat('en-NZ', { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat('en-NZ', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * An amount of money as a New Zealand reader writes it: `$` for NZD, other currencies by their
 * sign, millions and more in words, cents only when there are some.
 * @example
 * formatMoney(1.5e9) // => '$1.5 billion'
 * formatMoney(28.5) // => '$28.50'
 * formatMoney(5e9, 'USD') // => 'US$5 billion'
 */
export function formatMoney(value: number, currency = 'NZD'): string {
  const sign = SIGNS[currency] ?? `${currency} `;
  const scale = SCALE_NAMES.find(([n]) => Math.abs(value) >= n);
  if (scale) return `${sign}${DECIMALS.format(value / scale[0])} ${scale[1]}`;
  return `${sign}${Number.isInteger(value) ? WHOLE.format(value) : CENTS.format(value)}`;
}

/**
 * An amount with its range and qualifier.
 * @example
 * formatAmount({ value: 2e6, value_max: 3e6, currency: 'NZD', qualifier: 'a further' }) // => 'a further $2–3 million'
 */
export function formatAmount(a: { value: number; value_max?: number | null; currency?: string; qualifier?: string | null }): string {
  const currency = a.currency ?? 'NZD';
  let text = formatMoney(a.value, currency);
  if (a.value_max !== undefined && a.value_max !== null && a.value_max !== a.value) {
    const lo = SCALE_NAMES.find(([n]) => a.value >= n);
    const hi = SCALE_NAMES.find(([n]) => a.value_max! >= n);
    // "$2–3 million" when both ends share a scale, else both in full.
    text = lo && lo === hi ? `${(SIGNS[currency] ?? `${currency} `)}${DECIMALS.format(a.value / lo[0])}–${formatMoney(a.value_max, currency).replace(/^\D*/, '')}` : `${text}–${formatMoney(a.value_max, currency)}`;
  }
  return a.qualifier ? `${a.qualifier} ${text}` : text;
}
