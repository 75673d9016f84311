/** Money as a New Zealand reader writes it, for the web pages, the CLI and exports alike. */

const SIGNS: Record<string, string> = { NZD: '$', USD: 'US$', AUD: 'A$', CAD: 'C$', HKD: 'HK$', SGD: 'S$', FJD: 'F$', EUR: '€', GBP: '£', JPY: '¥' };
const SCALE_NAMES: [number, string][] = [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']];
const DECIMALS = new Intl.NumberFormat('en-NZ', { maximumFractionDigits: 3 });
const WHOLE = new Intl.NumberFormat('en-NZ', { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat('en-NZ', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The sign a currency is written with: `$` for NZD, `US$`, `€`…, else the code and a space. */
export function currencySign(currency: string): string {
  return SIGNS[currency] ?? `${currency} `;
}

/**
 * An amount of money: `$` for NZD, other currencies by their sign, millions and more in words,
 * cents only when there are some.
 * @example
 * formatMoney(1.5e9) // => '$1.5 billion'
 * formatMoney(28.5) // => '$28.50'
 * formatMoney(5e9, 'USD') // => 'US$5 billion'
 */
export function formatMoney(value: number, currency = 'NZD'): string {
  const sign = currencySign(currency);
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
    text = lo && lo === hi ? `${currencySign(currency)}${DECIMALS.format(a.value / lo[0])}–${formatMoney(a.value_max, currency).replace(/^\D*/, '')}` : `${text}–${formatMoney(a.value_max, currency)}`;
  }
  return a.qualifier ? `${a.qualifier} ${text}` : text;
}

/**
 * A count and its noun, singular for one.
 * @example
 * plural(1, 'release') // => '1 release'
 * plural(858, 'release') // => '858 releases'
 */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n.toLocaleString('en-NZ')} ${n === 1 ? noun : nouns}`;
}
