/**
 * Term trends: for up to five queries, the share of all releases in each period that match.
 * Shares, not counts, because the archive's volume changes a lot across the years (a few hundred
 * releases in 1996, thousands a year later), and a count would mostly show that.
 */
import { dayNumber } from '../calendar.ts';
import { BadQueryError } from '../errors.ts';
import type { Archive } from './archive.ts';
import { dateSpan } from './query/index.ts';
import { matchingRows } from './search.ts';

export const MAX_TREND_QUERIES = 5;

export interface TrendsOptions {
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a partial date means its whole span. Default: the first release. */
  from?: string;
  /** As `from`. Default: the last release. */
  to?: string;
  /** Default `year`. */
  by?: 'year' | 'month';
}

export interface TrendSeries {
  query: string;
  /** Matching releases in the whole range. */
  total: number;
  /** Matching releases per period, aligned with `periods`. */
  counts: number[];
  /** `counts[i] / releases[i]`, 0 when the period has no releases. */
  share: number[];
}

export interface TrendsResult {
  by: 'year' | 'month';
  /** `YYYY` or `YYYY-MM`, oldest first, every period in the range. */
  periods: string[];
  /** All releases per period (the denominator), exact copies included as in every count. */
  releases: number[];
  series: TrendSeries[];
  /**
   * The first or last period when the archive (or from/to) covers only part of it: "2026" when the
   * newest release is of February. Its share rests on few releases and its count is not a whole one.
   */
  partial: string[];
  /** `YYYY-MM-DD`: the first and last days the periods cover, or null when there are none. */
  covers: { from: string; to: string } | null;
}

/** A whole-archive period index cannot hold more than this many months (a century). */
const MAX_PERIODS = 1200;

/**
 * Shares of releases per year (or month) matching each query, in the query language of search.
 * Throws `BadQueryError` for more than five queries, an impossible date or an impossible filter.
 * @example
 * trends(archive, ['Iraq', 'Afghanistan']).series[0].share[periods.indexOf('2015')] // => 0.0123
 */
export function trends(archive: Archive, queries: string[], opts: TrendsOptions = {}): TrendsResult {
  const by = opts.by ?? 'year';
  const qs = queries.map((q) => q.trim()).filter(Boolean);
  if (qs.length > MAX_TREND_QUERIES) throw new BadQueryError(`${qs.length} queries given; compare at most ${MAX_TREND_QUERIES} at a time`);
  const cols = archive.columns;
  const lo = bound(opts.from, 'from', 'start') ?? firstDay(cols.day);
  const hi = bound(opts.to, 'to', 'end') ?? lastDay(cols.day);
  if (lo > hi) throw new BadQueryError(`from (${opts.from}) is after to (${opts.to}); swap them`);
  const key = by === 'year' ? (d: number) => Math.floor(d / 10000) : (d: number) => Math.floor(d / 100);
  const periods: number[] = [];
  if (lo <= hi && lo > 0) {
    for (let p = key(lo); p <= key(hi); p = by === 'year' ? p + 1 : p % 100 === 12 ? (Math.floor(p / 100) + 1) * 100 + 1 : p + 1) {
      periods.push(p);
      if (periods.length > MAX_PERIODS) throw new BadQueryError(`the range holds more than ${MAX_PERIODS} periods; narrow from/to or use by=year`);
    }
  }
  const index = new Map(periods.map((p, i) => [p, i]));
  const inRange = (d: number) => d !== 0 && d >= lo && d <= hi;
  const releases = new Array<number>(periods.length).fill(0);
  for (let r = 1; r < cols.size; r++) {
    const d = cols.day[r]!;
    if (cols.first[r] !== 0 && inRange(d)) releases[index.get(key(d))!]!++;
  }
  const series = qs.map((query): TrendSeries => {
    const counts = new Array<number>(periods.length).fill(0);
    let total = 0;
    for (const r of matchingRows(archive, query)) {
      const d = cols.day[r]!;
      if (!inRange(d)) continue;
      counts[index.get(key(d))!]!++;
      total++;
    }
    return { query, total, counts, share: counts.map((n, i) => (releases[i] ? n / releases[i]! : 0)) };
  });
  const label = (p: number) => (by === 'year' ? String(p) : `${Math.floor(p / 100)}-${String(p % 100).padStart(2, '0')}`);
  const partial: string[] = [];
  let covers: TrendsResult['covers'] = null;
  if (periods.length) {
    const start = Math.max(lo, firstDay(cols.day));
    const end = Math.min(hi, lastDay(cols.day));
    const periodStart = (p: number) => (by === 'year' ? p * 10000 + 101 : p * 100 + 1);
    const periodEnd = (p: number) => (by === 'year' ? p * 10000 + 1231 : p * 100 + daysIn(Math.floor(p / 100), p % 100));
    // A period counts as part of one when more than a twelfth of it is missing (a month of a year, a few days of a month).
    const slack = (p: number) => (utc(periodEnd(p)) - utc(periodStart(p))) / 12;
    if (utc(start) - utc(periodStart(periods[0]!)) > slack(periods[0]!)) partial.push(label(periods[0]!));
    const last = periods[periods.length - 1]!;
    if (utc(periodEnd(last)) - utc(end) > slack(last) && !(periods.length === 1 && partial.length)) partial.push(label(last));
    covers = { from: dayString(start), to: dayString(end) };
  }
  return { by, periods: periods.map(label), releases, series, partial, covers };
}

function bound(value: string | undefined, name: 'from' | 'to', side: 'start' | 'end'): number | undefined {
  if (value === undefined || value === '') return undefined;
  const span = dateSpan(value);
  if (!span) throw new BadQueryError(`${name}=${value} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD`);
  const d = side === 'start' ? span.from : span.to;
  return dayNumber(d);
}

function firstDay(day: Int32Array): number {
  let m = Infinity;
  for (const d of day) if (d !== 0 && d < m) m = d;
  return m === Infinity ? 0 : m;
}

function lastDay(day: Int32Array): number {
  let m = 0;
  for (const d of day) if (d > m) m = d;
  return m;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayString(d: number): string {
  return `${Math.floor(d / 10000)}-${String(Math.floor(d / 100) % 100).padStart(2, '0')}-${String(d % 100).padStart(2, '0')}`;
}

/** A day number (YYYYMMDD) as milliseconds since the epoch. */
function utc(d: number): number {
  return Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100);
}
