import type { Fact } from '../facts/types.ts';
import { formatAmount } from './money.ts';

const WHOLE = new Intl.NumberFormat('en-NZ', { maximumFractionDigits: 2 });

/**
 * A fact's value as a reader writes it: money by `formatAmount`, counts and percentages with their
 * range, unit and qualifier, dates and durations as ISO 8601.
 * @example
 * factValue({ kind: 'money', value: 2e6, value_max: 3e6, currency: 'NZD', text: '', start: 0, end: 0 }) // => '$2–3 million'
 * factValue({ kind: 'count', value: 177000, unit: 'families', qualifier: 'around', text: '', start: 0, end: 0 }) // => 'around 177,000 families'
 */
export function factValue(f: Fact): string {
  const qual = f.qualifier ? `${f.qualifier} ` : '';
  if (f.kind === 'money' && typeof f.value === 'number') {
    const rate = f.unit ? ` a${/^[aeiou]/.test(f.unit) ? 'n' : ''} ${f.unit}` : '';
    return `${formatAmount({ value: f.value, value_max: typeof f.value_max === 'number' ? f.value_max : null, currency: f.currency, qualifier: f.qualifier })}${rate}`;
  }
  const num = (v: number | string) => (typeof v === 'number' ? WHOLE.format(v) : v);
  const range = f.value_max !== undefined && f.value_max !== f.value ? `–${num(f.value_max)}` : '';
  const suffix = f.kind === 'percent' ? '%' : f.unit ? ` ${f.unit}` : '';
  return `${qual}${num(f.value)}${range}${suffix}`;
}

/**
 * One line per fact, as `pressroom show` and `pressroom facts` print them: kind, value, the text as
 * stated and its offsets in the body.
 * @example
 * factLine({ kind: 'money', value: 4.5e6, currency: 'NZD', text: '$4.5m', start: 10, end: 15 }) // => 'money    $4.5 million  “$4.5m” [10, 15)'
 */
export function factLine(f: Fact): string {
  return `${f.kind.padEnd(8)} ${factValue(f)}  “${f.text}” [${f.start}, ${f.end})`;
}
