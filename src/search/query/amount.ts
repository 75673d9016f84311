/**
 * The `money` filter of the query language: `money>100m`, `money>=1.5b`, `money<50k`,
 * `money:1m..10m`, `money>us$1b`. Reads the value into a range of one currency; the search
 * compares it with the money facts stored at ingest (the `amounts` table).
 */
import { BadQueryError } from '../../errors.ts';

/**
 * The amounts a `money` filter selects, in whole units of one currency. A bound is inclusive
 * unless its `Exclusive` flag is set. A fact's amount is the top of what it states: "$2–3 million"
 * is 3 million, so `money>2.5m` finds it and `money<2.5m` does not.
 */
export interface AmountRange {
  /** ISO 4217, NZD unless the filter names another. */
  currency: string;
  min?: number;
  max?: number;
  minExclusive?: true;
  maxExclusive?: true;
}

/** The currencies the money extractor records (src/facts/money.ts), and the signs that name them. */
const SIGNS: Record<string, string> = {
  '$': 'NZD', 'nz$': 'NZD', 'us$': 'USD', 'a$': 'AUD', 'au$': 'AUD', 'c$': 'CAD', 'ca$': 'CAD',
  'hk$': 'HKD', 's$': 'SGD', 'f$': 'FJD', 'fj$': 'FJD', '€': 'EUR', '£': 'GBP', '¥': 'JPY',
};
export const CURRENCIES = ['NZD', 'USD', 'AUD', 'CAD', 'HKD', 'SGD', 'FJD', 'EUR', 'GBP', 'JPY'] as const;

const SCALES: Record<string, number> = {
  k: 1e3, thousand: 1e3,
  m: 1e6, mn: 1e6, mil: 1e6, million: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9,
  t: 1e12, tn: 1e12, trillion: 1e12,
};

// A currency (sign or ISO code, optionally with `$`), a number with optional thousands commas
// and decimals, and a scale word or letter.
const AMOUNT = /^(?<cur>[a-z]{3}\$?|[a-z]{1,2}\$|\$|€|£|¥)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?<scale>[a-z]+)?$/;

const HOW = 'write a number with an optional k, m or b, e.g. money>100m, money>=1.5b or money:1m..10m';

/**
 * Reads the value of a `money` filter. `value` is what follows the name, operator included:
 * `>100m`, `>=1.5b`, `<50k`, `1m..10m`, `..10m`, `5m` (exactly), `>us$1b`. Case-insensitive;
 * `$` is optional; the currency is NZD unless the amount names another.
 * @throws BadQueryError naming `raw` and what to write instead.
 * @example
 * parseAmountFilter('>=1.5b', 'money>=1.5b') // => { currency: 'NZD', min: 1500000000 }
 * parseAmountFilter('1m..10m', 'money:1m..10m') // => { currency: 'NZD', min: 1000000, max: 10000000 }
 */
export function parseAmountFilter(value: string, raw: string): AmountRange {
  const v = value.toLowerCase().replace(/\s+/g, '');
  const op = /^(>=|<=|=>|=<|>|<|=)?(.*)$/s.exec(v)!;
  const rest = op[2]!;
  if (!op[1] && rest.includes('..')) {
    const [lo, hi, ...more] = rest.split('..');
    if (more.length || (!lo && !hi)) throw new BadQueryError(`${raw} is not a range of amounts; write money:1m..10m, money:1m.. or money:..10m`);
    const a = lo ? amount(lo, raw) : undefined;
    const b = hi ? amount(hi, raw) : undefined;
    const currency = sameCurrency(a, b, raw);
    if (a && b && a.value > b.value) throw new BadQueryError(`${raw} runs from the larger amount to the smaller; write the smaller first, e.g. money:1m..10m`);
    return withBounds({ currency }, a ? { min: a.value } : {}, b ? { max: b.value } : {});
  }
  const a = amount(rest, raw);
  const currency = a.currency ?? 'NZD';
  switch (op[1]) {
    case '>': return { currency, min: a.value, minExclusive: true };
    case '>=': case '=>': return { currency, min: a.value };
    case '<': return { currency, max: a.value, maxExclusive: true };
    case '<=': case '=<': return { currency, max: a.value };
    default: return { currency, min: a.value, max: a.value };
  }
}

function withBounds(r: AmountRange, ...parts: Partial<AmountRange>[]): AmountRange {
  return Object.assign(r, ...parts);
}

function amount(text: string, raw: string): { value: number; currency?: string } {
  const m = AMOUNT.exec(text);
  if (!m) throw new BadQueryError(`${raw} is not an amount; ${HOW}`);
  const { cur, num, scale } = m.groups as { cur?: string; num: string; scale?: string };
  let currency: string | undefined;
  if (cur !== undefined) {
    currency = SIGNS[cur] ?? cur.replace(/\$$/, '').toUpperCase();
    if (!(CURRENCIES as readonly string[]).includes(currency)) {
      throw new BadQueryError(`${raw} names no currency pressroom knows ("${cur}"); use $ (NZD) or one of ${CURRENCIES.join(', ')}, e.g. money>usd1b`);
    }
  }
  let factor = 1;
  if (scale !== undefined) {
    const f = SCALES[scale];
    if (f === undefined) throw new BadQueryError(`${raw} is not an amount ("${scale}" is no scale); ${HOW}`);
    factor = f;
  }
  // Facts are stored rounded to cents, so the bound is too: money:1.1m is exactly $1,100,000.
  const value = Math.round(Number(num.replace(/,/g, '')) * factor * 100) / 100;
  return currency ? { value, currency } : { value };
}

function sameCurrency(a: { currency?: string } | undefined, b: { currency?: string } | undefined, raw: string): string {
  const ca = a?.currency;
  const cb = b?.currency;
  if (ca && cb && ca !== cb) throw new BadQueryError(`${raw} names two currencies (${ca}, ${cb}); amounts are never converted, so use one`);
  return ca ?? cb ?? 'NZD';
}

/**
 * The intersection of two money filters of one query (`money>1m money<10m`): every filter applies.
 * @throws BadQueryError when they name different currencies or have no amount in common.
 */
export function narrowAmounts(a: AmountRange, aRaw: string, b: AmountRange, bRaw: string): AmountRange {
  if (a.currency !== b.currency) throw new BadQueryError(`${aRaw} and ${bRaw} name different currencies (${a.currency}, ${b.currency}); amounts are never converted, so use one`);
  const out: AmountRange = { currency: a.currency };
  const lo = stricter(a.min, a.minExclusive, b.min, b.minExclusive, 1);
  const hi = stricter(a.max, a.maxExclusive, b.max, b.maxExclusive, -1);
  if (lo) {
    out.min = lo.v;
    if (lo.x) out.minExclusive = true;
  }
  if (hi) {
    out.max = hi.v;
    if (hi.x) out.maxExclusive = true;
  }
  if (isEmpty(out)) throw new BadQueryError(`${aRaw} and ${bRaw} have no amount in common; remove one of them`);
  return out;
}

/** The tighter of two bounds: the larger minimum (dir 1) or the smaller maximum (dir -1); exclusive wins a tie. */
function stricter(va: number | undefined, xa: true | undefined, vb: number | undefined, xb: true | undefined, dir: 1 | -1): { v: number; x: boolean } | undefined {
  if (va === undefined) return vb === undefined ? undefined : { v: vb, x: !!xb };
  if (vb === undefined) return { v: va, x: !!xa };
  if (va === vb) return { v: va, x: !!(xa || xb) };
  return (va - vb) * dir > 0 ? { v: va, x: !!xa } : { v: vb, x: !!xb };
}

function isEmpty(r: AmountRange): boolean {
  if (r.min === undefined || r.max === undefined) return false;
  return r.min > r.max || (r.min === r.max && !!(r.minExclusive || r.maxExclusive));
}

/**
 * Whether an amount (the top of a stated amount) lies in the range; the currency is checked apart.
 * @example
 * inAmountRange({ currency: 'NZD', min: 1e8, minExclusive: true }, 1.2e9) // => true
 */
export function inAmountRange(r: AmountRange, top: number): boolean {
  if (r.min !== undefined && (r.minExclusive ? !(top > r.min) : !(top >= r.min))) return false;
  if (r.max !== undefined && (r.maxExclusive ? !(top < r.max) : !(top <= r.max))) return false;
  return true;
}
