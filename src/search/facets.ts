import type { Columns } from '../store/columns.ts';
import type { Facets } from './types.ts';

/** Months counted in an array from this year on (others in a map): a count per row costs an index, not a hash. */
const FIRST_YEAR = 1900;
const YEARS = 300;

/**
 * Counts years, people and portfolios over every matching release (copies included, so the counts
 * agree with the records), from the in-memory columns. Undated releases count under the year "undated".
 */
export function countFacets(
  rows: ArrayLike<number>,
  cols: Columns,
  personName: (id: number) => string,
  portfolioName: (id: number) => string,
): Facets {
  const months = new Uint32Array(YEARS * 12);
  const otherMonths = new Map<number, number>();
  const people = counter(cols.peopleIds);
  const portfolios = counter(cols.portfolioIds);
  let undated = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const day = cols.day[r]!;
    if (day) {
      const m = Math.floor(day / 100);
      const k = (Math.floor(m / 100) - FIRST_YEAR) * 12 + (m % 100) - 1;
      if (k >= 0 && k < months.length && m % 100 >= 1 && m % 100 <= 12) months[k]!++;
      else otherMonths.set(m, (otherMonths.get(m) ?? 0) + 1);
    } else {
      undated++;
    }
    for (let j = cols.peopleStart[r]!, e = cols.peopleStart[r + 1]!; j < e; j++) people.add(cols.peopleIds[j]!);
    for (let j = cols.portfolioStart[r]!, e = cols.portfolioStart[r + 1]!; j < e; j++) portfolios.add(cols.portfolioIds[j]!);
  }
  const byMonth = new Map(otherMonths);
  months.forEach((n, k) => {
    if (n) byMonth.set((FIRST_YEAR + Math.floor(k / 12)) * 100 + (k % 12) + 1, n);
  });
  const years = new Map<number, number>();
  for (const [m, n] of byMonth) years.set(Math.floor(m / 100), (years.get(Math.floor(m / 100)) ?? 0) + n);
  const year: Record<string, number> = Object.fromEntries([...years].sort((a, b) => a[0] - b[0]).map(([y, n]) => [String(y), n]));
  // Releases whose date is unknown count under "undated", so the year counts always add up to the total.
  if (undated) year.undated = undated;
  const out: Facets = {
    year,
    minister: people.byCount(personName),
    portfolio: portfolios.byCount(portfolioName),
  };
  // Within one year, its months ("2020-03"), so a search can narrow to a month and chart them.
  if (years.size === 1) out.month = Object.fromEntries([...byMonth].sort((a, b) => a[0] - b[0]).map(([m, n]) => [`${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`, n]));
  return out;
}

/** Counts ids in an array, remembering the order they were first seen in: ties list in that order. */
function counter(ids: Uint32Array) {
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  const n = new Uint32Array(max + 1);
  const seen: number[] = [];
  return {
    add(id: number): void {
      if (n[id]!++ === 0) seen.push(id);
    },
    byCount(name: (id: number) => string): Record<string, number> {
      return Object.fromEntries(seen.map((id): [number, number] => [id, n[id]!]).sort((a, b) => b[1] - a[1]).map(([id, c]) => [name(id), c]));
    },
  };
}
