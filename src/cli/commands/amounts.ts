import { UsageError } from '../../errors.ts';
import { AMOUNT_KINDS, largestAmounts, type AmountKind, type AmountsResult } from '../../search/amounts.ts';
import { CURRENCIES } from '../../search/query/amount.ts';
import { Archive } from '../../search/archive.ts';
import { formatAmount } from '../../format/money.ts';
import type { Command } from '../command.ts';
import { dbOf, intOption, plainSnippet, print, shown } from '../shared.ts';

function printAmounts(r: AmountsResult): void {
  const scope = [r.portfolio ?? 'all portfolios', r.year ?? 'every year', r.currency, r.kind === 'announced' ? undefined : r.kind].filter(Boolean).join(' · ');
  console.log(`${r.total.toLocaleString('en-NZ')} ${r.kind === 'announced' ? 'amounts' : r.kind === 'other' ? 'other figures' : 'amounts'} (${shown(scope)}), largest first; showing ${r.total === 0 ? 0 : r.offset + 1}–${r.offset + r.amounts.length}`);
  r.amounts.forEach((a, i) => {
    // The quoted text already says "up to" or "about".
    console.log(`\n${r.offset + i + 1}. ${formatAmount({ ...a, qualifier: undefined })}  “${shown(a.text)}”`);
    console.log(`   ${shown(a.release.title)}`);
    console.log(`   ${a.release.date ?? 'date unknown'} · ${a.release.ministers.join(', ') || 'no minister'} · ${a.release.id}`);
    console.log(`   ${shown(plainSnippet(a.snippet))}`);
  });
}

export const amountsCommand: Command = {
  brief: 'the largest amounts of money announced, per portfolio and year',
  usage: 'pressroom amounts [--portfolio NAME] [--year YYYY] [--currency NZD] [--kind announced|other|all|implausible] [--limit N] [--offset N] [--json] [--db FILE]',
  summary: 'Lists the largest amounts of money the releases announce, largest first, for one portfolio and year or all of them, each with the sentence that states it and its release. Announced money (funding, investment, spending, packages, funds) unless --kind asks for other figures (GDP, trade, market sizes, losses), both, or the implausible (a trillion or more, typos). Rates ("$15 an hour") are left out, a range counts as its top, and exact copies of a release are listed once. --json prints the same object as GET /api/amounts.',
  options: { portfolio: { type: 'string' }, year: { type: 'string' }, currency: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' } },
  run({ values }) {
    const year = values.year as string | undefined;
    if (year !== undefined && !/^\d{4}$/.test(year)) throw new UsageError(`--year must be four digits, e.g. --year 2020, not "${year}"`);
    const currency = values.currency as string | undefined;
    if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) throw new UsageError(`--currency must be a three-letter code such as NZD or USD, not "${currency}"`);
    // The API answers an unknown code with a 400; so does the CLI, with exit 2.
    if (currency !== undefined && !(CURRENCIES as readonly string[]).includes(currency.toUpperCase())) throw new UsageError(`--currency must be one of ${CURRENCIES.join(', ')}, not "${currency}"`);
    const kind = (values.kind as string | undefined) ?? 'announced';
    if (!(AMOUNT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${AMOUNT_KINDS.join(', ')}, not "${kind}"`);
    const r = largestAmounts(Archive.open(dbOf(values)), {
      portfolio: values.portfolio as string | undefined,
      year: year === undefined ? undefined : Number(year),
      currency,
      kind: kind as AmountKind,
      limit: intOption(values, 'limit', 20, 1000),
      offset: intOption(values, 'offset', 0, 1_000_000),
    });
    if (values.json) print(r);
    else printAmounts(r);
  },
};
