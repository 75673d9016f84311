/** Month names and day numbers, shared by facts, the query parser, the archive's day column and the web pages. */

/** The months' names, January first. */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Month names and their common abbreviations, lower case, to month number (1–12). */
export const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/**
 * A `YYYY-MM-DD` date as the number `YYYYMMDD`, which sorts and compares as the dates do.
 * @example
 * dayNumber('2015-02-24') // => 20150224
 */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/**
 * Counts per year with every year from the first to the last filled in, zeros included, so a chart's
 * axis is honest about time; keys that are not years (`undated`) are left out.
 * @example
 * fillYears({ 2014: 3, 2016: 1, undated: 2 }) // => { 2014: 3, 2015: 0, 2016: 1 }
 */
export function fillYears(perYear: Record<string, number>): Record<string, number> {
  const ys = Object.keys(perYear).map(Number).filter((y) => y > 0);
  const out: Record<string, number> = {};
  if (ys.length === 0) return out;
  for (let y = Math.min(...ys); y <= Math.max(...ys); y++) out[String(y)] = perYear[String(y)] ?? 0;
  return out;
}
