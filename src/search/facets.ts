import type { Columns } from '../store/columns.ts';
import type { Facets } from './types.ts';

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
  const years = new Map<number, number>();
  const months = new Map<number, number>();
  const people = new Map<number, number>();
  const portfolios = new Map<number, number>();
  let undated = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const day = cols.day[r]!;
    if (day) {
      const y = Math.floor(day / 10000);
      years.set(y, (years.get(y) ?? 0) + 1);
      const m = Math.floor(day / 100);
      months.set(m, (months.get(m) ?? 0) + 1);
    } else {
      undated++;
    }
    for (let j = cols.peopleStart[r]!, e = cols.peopleStart[r + 1]!; j < e; j++) {
      const p = cols.peopleIds[j]!;
      people.set(p, (people.get(p) ?? 0) + 1);
    }
    for (let j = cols.portfolioStart[r]!, e = cols.portfolioStart[r + 1]!; j < e; j++) {
      const p = cols.portfolioIds[j]!;
      portfolios.set(p, (portfolios.get(p) ?? 0) + 1);
    }
  }
  const byCount = (m: Map<number, number>, name: (id: number) => string) =>
    Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).map(([id, n]) => [name(id), n]));
  const year: Record<string, number> = Object.fromEntries([...years].sort((a, b) => a[0] - b[0]).map(([y, n]) => [String(y), n]));
  // Releases whose date is unknown count under "undated", so the year counts always add up to the total.
  if (undated) year.undated = undated;
  const out: Facets = {
    year,
    minister: byCount(people, personName),
    portfolio: byCount(portfolios, portfolioName),
  };
  // Within one year, its months ("2020-03"), so a search can narrow to a month and chart them.
  if (years.size === 1) out.month = Object.fromEntries([...months].sort((a, b) => a[0] - b[0]).map(([m, n]) => [`${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`, n]));
  return out;
}
