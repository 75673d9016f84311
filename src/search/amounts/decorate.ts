import type { Fact } from '../../facts/types.ts';
import type { MoneyClass } from '../../facts/money.ts';
import { decodeFacts } from '../../facts/codec.ts';
import type { Archive } from '../archive.ts';
import { inAmountRange, type AmountRange } from '../query/amount.ts';
import { CLOSE, markSnippet, OPEN } from '../snippet.ts';
import type { Hit, HitAmount } from '../types.ts';
import type { AmountScope } from './amount-index.ts';

export interface AmountRow {
  rowid: number;
  release: number;
  value: number;
  value_max: number | null;
  currency: string;
  qualifier: string | null;
  text: string;
  start: number;
  end: number;
  class: MoneyClass;
}

export const AMOUNT_COLUMNS = `a.rowid AS rowid, a.release AS release, a.value AS value, a.value_max AS value_max, a.currency AS currency,
  a.qualifier AS qualifier, a.text AS text, a.start AS start, a."end" AS "end", a.class AS class`;

function topOf(a: { value: number; value_max: number | null }): number {
  return Math.max(a.value, a.value_max ?? a.value);
}

/** The index of the money fact at `start`–`end` in a release's facts, for `/releases/:id#fact-N`; -1 if none. */
function factIndex(facts: Fact[], start: number, end: number): number {
  return facts.findIndex((f) => f.kind === 'money' && f.start === start && f.end === end);
}

export function hitAmount(a: AmountRow, facts: Fact[]): HitAmount {
  const out: HitAmount = { value: a.value, currency: a.currency, text: a.text, start: a.start, end: a.end, fact: factIndex(facts, a.start, a.end), class: a.class };
  if (a.value_max !== null) out.value_max = a.value_max;
  if (a.qualifier !== null) out.qualifier = a.qualifier;
  return out;
}

/** Amounts a hit shows. */
const PER_HIT = 3;

/**
 * Gives each hit of a query with a money filter the amounts it matched (largest first, at most
 * three, one per figure), so a reader of `money>1b` sees which figure did. A hit whose words
 * gave no snippet (`snippetFromAmount`) shows the sentence that states the largest of them instead.
 */
export function attachAmounts(archive: Archive, hits: Hit[], rowids: number[], range: AmountRange, snippetFromAmount: (rowid: number) => boolean, scope: AmountScope = 'announced'): void {
  if (hits.length === 0) return;
  const rows = archive.db
    // The unary + keeps SQLite on the release index: the (currency, value) one would read every NZD amount.
    .prepare(`SELECT ${AMOUNT_COLUMNS} FROM amounts a WHERE a.release IN (SELECT value FROM json_each(?)) AND +a.currency = ? AND a.unit IS NULL`)
    .all(JSON.stringify(rowids), range.currency) as AmountRow[];
  const byRelease = new Map<number, AmountRow[]>();
  for (const a of rows) {
    if (!inAmountRange(range, topOf(a)) || a.class === 'implausible' || (scope === 'announced' && a.class !== 'announced')) continue;
    const list = byRelease.get(a.release) ?? [];
    list.push(a);
    byRelease.set(a.release, list);
  }
  const texts = releaseTexts(archive, [...byRelease.keys()]);
  rowids.forEach((rowid, i) => {
    const list = byRelease.get(rowid);
    const hit = hits[i]!;
    if (!list) return;
    const t = texts.get(rowid)!;
    const chosen = largestDistinct(list).slice(0, PER_HIT);
    hit.amounts = chosen.map((a) => hitAmount(a, t.facts));
    if (snippetFromAmount(rowid)) hit.snippet = amountSnippet(t.body, chosen[0]!.start, chosen[0]!.end);
  });
}

/** Largest first, then in reading order; a figure the release repeats is kept once. */
function largestDistinct(list: AmountRow[]): AmountRow[] {
  const sorted = [...list].sort((a, b) => topOf(b) - topOf(a) || a.start - b.start);
  return sorted.filter((a, i) => i === 0 || topOf(sorted[i - 1]!) !== topOf(a));
}

function releaseTexts(archive: Archive, rowids: number[]): Map<number, { body: string; facts: Fact[] }> {
  const out = new Map<number, { body: string; facts: Fact[] }>();
  if (rowids.length === 0) return out;
  const rows = archive.db
    .prepare(`SELECT rowid, body, facts FROM releases WHERE rowid IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(rowids)) as [number, string, string][];
  for (const [rowid, body, facts] of rows) out.set(rowid, { body, facts: decodeFacts(facts, body) });
  return out;
}

/** The most text of a sentence shown either side of an amount. */
const CONTEXT = 180;

/**
 * The sentence around a span of the body, HTML-safe, with the span in `<mark>`: Markdown is dropped
 * and everything else escaped (as search snippets are), and a long sentence is cut to about
 * {@link CONTEXT} characters either side.
 * @example
 * amountSnippet('Roads first. The Government will spend $1.2 billion on rail. More later.', 39, 51)
 * // => 'The Government will spend <mark>$1.2 billion</mark> on rail.'
 */
export function amountSnippet(body: string, start: number, end: number): string {
  let a = start;
  const floor = Math.max(0, start - CONTEXT);
  while (a > floor && body[a - 1] !== '\n' && !(/[.!?]/.test(body[a - 2] ?? '') && /\s/.test(body[a - 1]!))) a--;
  let b = end;
  const ceiling = Math.min(body.length, end + CONTEXT);
  while (b < ceiling && body[b] !== '\n' && !(/[.!?]/.test(body[b]!) && (b + 1 === body.length || /\s/.test(body[b + 1]!)))) b++;
  if (b < body.length && /[.!?]/.test(body[b]!)) b++;
  let before = body.slice(a, start);
  let after = body.slice(end, b);
  // Cut mid-sentence at a word, and say so.
  if (a === floor && a > 0 && body[a - 1] !== '\n') before = `…${before.replace(/^\S*\s*/, '')}`;
  if (b === ceiling && b < body.length && body[b] !== '\n') after = `${after.replace(/\s*\S*$/, '')}…`;
  // A list item or table cell marker at the start of the line says nothing (markSnippet reads Markdown escapes).
  before = before.replace(/^\s*(?:[-+]\s+|\d+[.)]\s+|\|\s*)/, '');
  return markSnippet(`${before}${OPEN}${body.slice(start, end)}${CLOSE}${after}`);
}
