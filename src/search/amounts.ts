/**
 * Amounts of money the releases state (the `amounts` table, one row per money fact): the in-memory
 * index (amounts/amount-index.ts), the `money>100m` filter mask (amounts/mask.ts), the matching
 * amounts shown on a search hit (amounts/decorate.ts) and the largest amounts per portfolio and
 * year (amounts/listing.ts).
 */
export { type AmountScope } from './amounts/amount-index.ts';
export { amountMask } from './amounts/mask.ts';
export { attachAmounts, amountSnippet } from './amounts/decorate.ts';
export { largestAmounts, amountCurrencies, AMOUNT_KINDS, type AmountEntry, type AmountKind, type AmountsOptions, type AmountsResult, type YearAmounts } from './amounts/listing.ts';
export { CURRENCIES } from './query/amount.ts';
export { formatMoney, formatAmount } from '../format/money.ts';
