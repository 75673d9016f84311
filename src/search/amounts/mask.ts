import type { Archive } from '../archive.ts';
import { inAmountRange, type AmountRange } from '../query/amount.ts';
import { amountIndex, inScope, type AmountScope } from './amount-index.ts';

/**
 * The releases that state an amount in the range (not a rate), as a mask over rowids: `mask[rowid]`
 * is 1 for a match. Announced money alone counts unless `scope` is 'all'; an implausible figure
 * never does. Exact copies each match on their own, as every filter treats them.
 * @example
 * amountMask(archive, { currency: 'NZD', min: 1e9, minExclusive: true })[rowidOf(budgetRelease)] // => 1
 */
export function amountMask(archive: Archive, range: AmountRange, scope: AmountScope = 'announced'): Uint8Array {
  const ix = amountIndex(archive);
  const mask = new Uint8Array(Math.max(archive.columns.size, 1));
  const c = ix.codes.indexOf(range.currency);
  if (c < 0) return mask;
  for (let i = 0; i < ix.top.length; i++) {
    const top = ix.top[i]!;
    // Largest first: nothing after an amount below the minimum can match.
    if (range.min !== undefined && top < range.min) break;
    if (ix.currency[i] !== c || ix.rate[i] || !inScope(ix, i, scope) || !inAmountRange(range, top)) continue;
    const r = ix.release[i]!;
    if (r < mask.length) mask[r] = 1;
  }
  return mask;
}
