import type { Fact } from './types.ts';
import { DIGITS, WORDS, codeAt, isAsciiWord, isDigit, numberStarts, parseNumber, qualifierBefore, scaleOf } from './numbers.ts';

const CURRENCY: Record<string, string> = {
  '$': 'NZD', 'NZ$': 'NZD', 'NZD': 'NZD', 'US$': 'USD', 'USD': 'USD', 'A$': 'AUD', 'AU$': 'AUD',
  'AUD': 'AUD', 'C$': 'CAD', 'CA$': 'CAD', 'HK$': 'HKD', 'S$': 'SGD', 'F$': 'FJD', 'FJ$': 'FJD',
  '€': 'EUR', 'EUR': 'EUR', '£': 'GBP', 'GBP': 'GBP', '¥': 'JPY', 'JPY': 'JPY',
};
const SYMBOL = String.raw`(?:NZ\s?\$|US\s?\$|AU?\$|CA?\$|HK\$|S\$|FJ?\$|(?:NZD|USD|AUD|EUR|GBP|JPY)\s?\$?|\$|€|£|¥)`;
// A scale may end in a hyphen ("$42 billion-Māori economy", "$5m-$10m", "a $100m-plus project": 53
// releases where the scale was lost, reading $42, $5, $100). A letter scale is not one before ".$", ". $",
// ") $" or ".1": in the corpus only lists do that ("a.$530,000b. $215,000" and "a) $80 b) $120" list items a
// and b, not billions), while a word scale may end a sentence before one that starts with an amount.
const SCALE = String.raw`(?:\s?(?:(?:million|billion|trillion|thousand|mn|bn|tn)(?![\w’'])|[mbk](?![\w’']|[.)]\s?\$|\.\d)))`;
const PER = String.raw`(?:\s+(?:an?|per|each)\s+|-(?:an?|per)-|\s*\/\s*)(hour|hr|year|annum|week|fortnight|day|month|person|head|household|student|child|family|worker|job|car|vehicle|tonne|kg|litre|head|unit|visit|dose|night|patient)\b`;

// Cheap anchors first (a currency sign or code, "dollars", cents), found with indexOf, which
// is several times faster than any regex pass; the full patterns then run only there.
const ANCHOR_STRINGS = ['$', '€', '£', '¥', 'dollars', 'NZD', 'USD', 'AUD', 'EUR', 'GBP', 'JPY'];
const CENTS = /\d{1,2}(?:c|\s?cents)\b/y;
const PREFIX_BEFORE = /(?:NZ|US|AU|A|CA|C|HK|S|FJ|F)\s?$/;
const SYMBOL_AMOUNT = new RegExp(
  String.raw`(${SYMBOL})\s?(${DIGITS})(${SCALE})?` +
    String.raw`(?:(\s*(?:-|–|—|to|and)\s*)(${SYMBOL})?\s?(${DIGITS})(${SCALE})?(?![\d%]))?(?:${PER})?`,
  'iy',
);
const WORDS_BEFORE_DOLLARS = new RegExp(
  String.raw`(?<![\w.,$])(${DIGITS}|${WORDS})(?:\s+(million|billion|thousand))?\s+(?:(NZ|US|Australian|New Zealand|Canadian|Fijian)\s+)?$`,
  'i',
);
const PER_AFTER = new RegExp(`(?:${PER})?`, 'iy');

/**
 * Money amounts with their currency, qualifier, range top and rate unit. Values are in
 * whole currency units and never converted.
 * @example
 * extractMoney('Up to $4.5m a year.')
 * // => [{ kind: 'money', value: 4500000, currency: 'NZD', qualifier: 'up to', unit: 'year',
 * //       text: 'Up to $4.5m a year', start: 0, end: 18 }]
 */
export function extractMoney(body: string): Fact[] {
  const facts: Fact[] = [];
  let lastEnd = 0;
  for (const [at, anchor] of anchors(body)) {
    if (at < lastEnd) continue;
    const fact = anchor === 'dollars' ? spelledOut(body, at) : anchor === 'cents' ? cents(body, at) : symbolAmount(body, at);
    if (!fact) continue;
    const q = qualifierBefore(body, fact.start);
    if (q && q.qualifier !== 'within' && q.qualifier !== 'some') {
      fact.qualifier = q.qualifier;
      fact.start = q.start;
    }
    fact.text = body.slice(fact.start, fact.end);
    lastEnd = fact.end;
    facts.push(fact);
  }
  return facts;
}

function anchors(body: string): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  for (const s of ANCHOR_STRINGS) {
    for (let i = body.indexOf(s); i >= 0; i = body.indexOf(s, i + s.length)) {
      if (s.length > 1 && (isAsciiWord(codeAt(body, i - 1)) || isAsciiWord(codeAt(body, i + s.length)))) continue;
      found.push([i, s]);
    }
  }
  for (const at of numberStarts(body)) {
    let k = at;
    while (k - at < 3 && isDigit(codeAt(body, k))) k++;
    if (k - at > 2 || !(codeAt(body, k) === 99 || body.startsWith(' cents', k))) continue;
    const before = codeAt(body, at - 1);
    if (isAsciiWord(before) || before === 46 || before === 44 || before === 36) continue;
    CENTS.lastIndex = at;
    if (CENTS.test(body)) found.push([at, 'cents']);
  }
  return found.length > 1 ? found.sort((a, b) => a[0] - b[0]) : found;
}

function symbolAmount(body: string, at: number): Fact | undefined {
  const prefix = PREFIX_BEFORE.exec(body.slice(Math.max(0, at - 3), at));
  const start = prefix && body[at] === '$' && !/\w/.test(body[at - prefix[0].length - 1] ?? '') ? at - prefix[0].length : at;
  SYMBOL_AMOUNT.lastIndex = start;
  const m = SYMBOL_AMOUNT.exec(body);
  if (!m) return undefined;
  const [whole, sym, num, scale, conn, , num2, scale2, per] = m;
  let end = start + whole.length;
  const code = sym.replace(/\s/g, '').toUpperCase();
  const fact: Fact = { kind: 'money', value: 0, currency: CURRENCY[code] ?? CURRENCY[code.replace(/\$$/, '')] ?? 'NZD', text: '', start, end };
  let value = parseNumber(num) * scaleOf(scale?.trim());
  let split = false;
  if (num2 !== undefined) {
    const c = conn.trim().toLowerCase();
    const before = body.slice(Math.max(0, start - 12), start);
    // "from $11.25 to $12.00" is a change, not a range; "and" joins a range only after "between".
    const isRange = c === 'and' ? /\bbetween\s+$/i.test(before) : c === 'to' ? !/\b(?:from|by)\s+$/i.test(before) : true;
    if (isRange) {
      fact.value_max = round(parseNumber(num2) * scaleOf(scale2?.trim()));
      // "$2–3 million": the first number borrows the scale of the second, unless it is written out in full:
      // "between $250,000 and $80 million" is not $250 billion to $80 million (16 releases).
      if (!scale && scale2 && parseNumber(num) < 1000) value = parseNumber(num) * scaleOf(scale2.trim());
    } else {
      end = start + whole.indexOf(conn, sym.length + num.length + (scale?.length ?? 0));
      split = true;
    }
  }
  fact.value = round(value);
  fact.end = end;
  if (per !== undefined && !split) fact.unit = rateUnit(per);
  return fact;
}

function spelledOut(body: string, at: number): Fact | undefined {
  const from = Math.max(0, at - 60);
  const m = WORDS_BEFORE_DOLLARS.exec(body.slice(from, at));
  if (!m) return undefined;
  const [, num, scale, cur] = m;
  const end = at + 'dollars'.length;
  const fact: Fact = { kind: 'money', value: round(parseNumber(num) * scaleOf(scale)), currency: 'NZD', text: '', start: from + m.index, end };
  if (cur && !/^(nz|new zealand)$/i.test(cur)) {
    fact.currency = ({ us: 'USD', australian: 'AUD', canadian: 'CAD', fijian: 'FJD' } as Record<string, string>)[cur.toLowerCase()] ?? 'NZD';
  }
  PER_AFTER.lastIndex = end;
  const per = PER_AFTER.exec(body);
  if (per?.[1]) {
    fact.unit = rateUnit(per[1]);
    fact.end = end + per[0].length;
  }
  return fact;
}

function cents(body: string, at: number): Fact {
  CENTS.lastIndex = at;
  const text = CENTS.exec(body)![0];
  return { kind: 'money', value: round(parseInt(text, 10) / 100), currency: 'NZD', text, start: at, end: at + text.length };
}

function rateUnit(per: string): string {
  const u = per.toLowerCase();
  return u === 'annum' ? 'year' : u === 'hr' ? 'hour' : u;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
