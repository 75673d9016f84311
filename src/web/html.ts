/**
 * The one way pages make HTML: Hono's `html` tagged template, which escapes every interpolated
 * string. `raw()` opts out and is used only for markup we build ourselves from escaped parts.
 */
import { MONTH_NAMES } from '../calendar.ts';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString;

/**
 * `html` narrowed to its synchronous form: pages never interpolate promises, so the result is always
 * a string and can be composed, measured and tested without awaiting.
 * @example
 * String(h`<p>${'<b>'}</p>`) // => '<p>&lt;b&gt;</p>'
 */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return html(strings, ...values) as Html;
}

export { raw };

/** Joins fragments that are already HTML. */
export function join(parts: Html[], sep = ''): Html {
  return raw(parts.map(String).join(sep)) as Html;
}

const NUMBER = new Intl.NumberFormat('en-NZ');
export const fmt = (n: number): string => NUMBER.format(n);

/**
 * A release date as people write it; the corpus's `0001-01-01` (stored as null) is "date unknown".
 * @example
 * longDate('2015-02-24') // => '24 February 2015'
 */
export function longDate(date: string | null): string {
  if (!date) return 'Date unknown';
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/**
 * Collapses a list of years into ranges.
 * @example
 * yearRanges(['1999', '2000', '2001', '2008']) // => '1999–2001, 2008'
 */
export function yearRanges(years: (string | number)[]): string {
  const ys = [...new Set(years.map(Number))].filter((y) => y > 0).sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < ys.length; i++) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j]! + 1) j++;
    out.push(j > i ? `${ys[i]}–${ys[j]}` : String(ys[i]));
    i = j;
  }
  return out.join(', ');
}

/**
 * A count and its noun.
 * @example
 * plural(1200, 'release') // => '1,200 releases'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}
