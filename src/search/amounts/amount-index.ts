import type { Archive } from '../archive.ts';
import type { MoneyClass } from '../../facts/money.ts';

/** The amount classes a ranking or filter counts: announced money alone, or every figure. */
export type AmountScope = 'announced' | 'all';

export const CLASSES: readonly MoneyClass[] = ['announced', 'other', 'implausible'];

/**
 * Every stored amount in memory, largest first: filtering 72,000 amounts this way costs well under
 * a millisecond, where SQL over `max(value, value_max)` could use no index. Read on first use.
 */
export interface AmountIndex {
  /** `amounts.rowid` of each row; rows are sorted by `top` (largest first), then release, then offset. */
  id: Int32Array;
  release: Int32Array;
  /** The amount a row counts as: the top of a range, else its value. */
  top: Float64Array;
  /** Index into `codes`. */
  currency: Uint8Array;
  /** 1 for a rate ("$15.75 an hour"), which no amount filter or ranking counts. */
  rate: Uint8Array;
  /** Index into {@link CLASSES}. */
  cls: Uint8Array;
  codes: string[];
}

export function amountIndex(archive: Archive): AmountIndex {
  return archive.memo('amounts', () => readAmountIndex(archive));
}

function readAmountIndex(archive: Archive): AmountIndex {
  const rows = archive.db
    .prepare(
      `SELECT rowid, release, max(value, coalesce(value_max, value)) AS top, currency, unit IS NOT NULL, class
       FROM amounts ORDER BY top DESC, release, start`,
    )
    .raw()
    .all() as [number, number, number, string, number, MoneyClass][];
  const codes: string[] = [];
  const code = new Map<string, number>();
  const built: AmountIndex = {
    id: new Int32Array(rows.length),
    release: new Int32Array(rows.length),
    top: new Float64Array(rows.length),
    currency: new Uint8Array(rows.length),
    rate: new Uint8Array(rows.length),
    cls: new Uint8Array(rows.length),
    codes,
  };
  rows.forEach(([id, release, top, currency, rate, cls], i) => {
    let c = code.get(currency);
    if (c === undefined) {
      c = codes.push(currency) - 1;
      code.set(currency, c);
    }
    built.id[i] = id;
    built.release[i] = release;
    built.top[i] = top;
    built.currency[i] = c;
    built.rate[i] = rate;
    built.cls[i] = Math.max(0, CLASSES.indexOf(cls));
  });
  return built;
}

/** Whether row `i` counts in `scope`: announced money only, or anything but the implausible. */
export function inScope(ix: AmountIndex, i: number, scope: AmountScope): boolean {
  return scope === 'all' ? ix.cls[i] !== 2 : ix.cls[i] === 0;
}
