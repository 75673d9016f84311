import type { Fact } from './types.ts';
import { DIGITS, WORDS, codeAt, isAsciiWord, isDigit, isLetter, isSpace, numberStarts, parseNumber, qualifierBefore, scaleOf } from './numbers.ts';

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
// A letter scale is not one before a letter of any script: "$990,000 Māori Trades" is not $990 billion.
const SCALE = String.raw`(?:\s?(?:(?:million|billion|trillion|thousand|mn|bn|tn)(?![\w’'\u00C0-\u024F])|[mbk](?![\w’'\u00C0-\u024F]|[.)]\s?\$|\.\d)))`;
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
    let top = parseNumber(num2) * scaleOf(scale2?.trim());
    // "$2–3 million": the first number borrows the scale of the second, unless it is written out in full:
    // "between $250,000 and $80 million" is not $250 billion to $80 million (16 releases).
    if (isRange && !scale && scale2 && parseNumber(num) < 1000) value = parseNumber(num) * scaleOf(scale2.trim());
    // A top below the bottom is no range: "$3.5 million to 28 health initiatives", "about $18 billion -
    // $1.3 billion higher" (114 releases); only "between A and B" is a range written backwards.
    if (isRange && top < value && c === 'and') [value, top] = [top, value];
    if (isRange && top >= value) {
      fact.value_max = round(top);
    } else {
      value = parseNumber(num) * scaleOf(scale?.trim());
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

// [.!?]
function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * What an amount of money is: `announced` money the Government funds, invests, spends or sets
 * aside (a package, a fund, a grant); `other` figures it only cites (GDP, trade, a market's size,
 * assets, losses, costs to the economy, wages, taxes and prices); `implausible` for a value no
 * release can mean as written: $1 trillion or more, or a sum in full digits followed by a scale
 * ("$6,813,063 million", a typo for $6,813,063).
 */
export type MoneyClass = 'announced' | 'other' | 'implausible';

// Words that say money is given or spent, and words that say a figure describes something else.
// Each is a stem (a regex source) matched at a word start; the nearer a cue, the more it counts.
const ANNOUNCED_CUES = [
  'fund', 'invest', 'spend', 'spent', 'package', 'allocat', 'provid', 'grant', 'boost', 'commit', 'earmark',
  'set aside', 'aid', 'assistance', 'support', 'programme', 'budget', 'initiative', 'receiv', 'extra',
  'additional', 'a further', 'new(?!\\s+zealand)', 'upgrade', 'build', 'construct', 'project', 'scheme', 'subsid', 'loan',
  'inject', 'appropriat', 'announc', 'contribut', 'pledg', 'award', 'approv', 'deliver', 'distribut',
  'capital', 'operating', 'top-up', 'top up', 'cost of the', 'total cost', 'towards', 'help', 'to fix',
  'to improve', 'upgrad', 'rebuild', 'injection', 'payment', 'compensation',
];
const OTHER_CUES = [
  'gdp', 'gross domestic', 'economy', 'economies', 'economic output', 'export', 'import', 'trade', 'trading',
  'market', 'worth', 'valued', 'value of', 'book value', 'revenue', 'earning', 'earn', 'sales', 'turnover',
  'profit', 'debt', 'deficit', 'surplus', 'loss', 'lost', 'damage', 'income', 'salary', 'salaries', 'wage',
  'price', 'fine', 'penalt', 'tax(?!payer)', 'gst', 'levy', 'asset', 'capital of', 'under management', 'manage',
  'insured', 'claims', 'tariff', 'savings', 'shortfall', 'owed', 'turnover', 'tourism', 'tourist', 'visitor',
  'industry', 'sector', 'per cent', 'percent', 'forecast', 'cost the', 'costs', 'cybercrime', 'annually',
  'bilateral', 'two-way', 'consumer', 'world', 'global', 'pipeline', 'value', 'investors', 'need', 'projected',
  'estimate', 'generate', 'activity', 'household',
];
const CUES = new RegExp(
  String.raw`(?<![\p{L}])(?:(${ANNOUNCED_CUES.map(escapeCue).join('|')})|(${OTHER_CUES.map(escapeCue).join('|')}))`,
  'giu',
);
function escapeCue(c: string): string {
  return c.replace(/ /g, '\\s+');
}
// The same pattern, sticky: tried only where a cue can begin (see cues), which finds what CUES would.
const CUE_AT = new RegExp(CUES.source, 'yiu');
// What a cue can begin with under the pattern's case folding (the Kelvin sign is a 'k'): a table for
// ASCII, the pattern's own test for the few other characters.
const CUE_INITIAL = new RegExp(`[${[...new Set([...ANNOUNCED_CUES, ...OTHER_CUES].map((c) => c[0]))].join('')}]`, 'iu');
const ASCII_CUE_INITIAL = Uint8Array.from({ length: 128 }, (_, c) => (CUE_INITIAL.test(String.fromCharCode(c)) ? 1 : 0));
function cueInitial(c: number): boolean {
  return c < 128 ? ASCII_CUE_INITIAL[c] === 1 : CUE_INITIAL.test(String.fromCharCode(c));
}

/**
 * Each cue of `window` as `window.matchAll(CUES)` gives it: the pattern is tried only at a character a
 * cue can begin with that no ASCII letter precedes (one would fail the pattern's lookbehind), instead
 * of at every character.
 */
function cues(window: string, found: (m: RegExpExecArray) => void): void {
  let from = 0;
  for (let p = 0; p < window.length; p++) {
    if (p < from || !cueInitial(window.charCodeAt(p)) || (p > 0 && isLetter(window.charCodeAt(p - 1)))) continue;
    CUE_AT.lastIndex = p;
    const m = CUE_AT.exec(window);
    if (m === null) continue;
    found(m);
    from = p + m[0].length;
  }
}
/** How far either side of an amount a cue is looked for, within its sentence. */
const BEFORE = 120;
const AFTER = 80;
// Full digits and then a scale word, a sum no release means: "$6,813,063 million", "$431,431 million" (a
// budget line written in thousands), "NZ$1,302 billion"; "$1,500 million" is an ordinary $1.5 billion.
const DIGITS_THEN_SCALE = /(?:\d{3},\d{3}|\d{1,3},\d{3},\d{3})(?:,\d{3})*(?:\.\d+)?\s?(?:million|m)\b|\d{1,3},\d{3}(?:,\d{3})*(?:\.\d+)?\s?(?:billion|bn|b)\b/i;
// Large units, where a trillion is ordinary, are left alone.
const SMALL_UNITS = new Set(['JPY']);

/**
 * Classifies one money fact of `body` by the words around it (see {@link MoneyClass}). Rates
 * ("$12 an hour") are `other` unless they say money is given ("an extra $1 million a year").
 * @example
 * classifyMoney('The Government will invest $50 million in rail.', extractMoney('… $50 million …')[0]) // => 'announced'
 * classifyMoney('Exports to China reached $20 billion.', fact) // => 'other'
 */
export function classifyMoney(body: string, fact: Fact): MoneyClass {
  const top = Math.max(Number(fact.value), Number(fact.value_max ?? fact.value));
  if ((top >= 1e12 && !SMALL_UNITS.has(fact.currency ?? 'NZD')) || DIGITS_THEN_SCALE.test(fact.text)) return 'implausible';
  let a = fact.start;
  const floor = Math.max(0, fact.start - BEFORE);
  // Back to the sentence start, but over a list item's line break to the line that introduces the list.
  while (a > floor && !(isStop(codeAt(body, a - 2)) && isSpace(body.charCodeAt(a - 1)))) a--;
  let b = fact.end;
  const ceiling = Math.min(body.length, fact.end + AFTER);
  for (let c = codeAt(body, b); b < ceiling && c !== 10 && !(isStop(c) && (b + 1 === body.length || isSpace(body.charCodeAt(b + 1)))); c = codeAt(body, ++b));
  const window = body.slice(a, b);
  const at = fact.start - a;
  const span = fact.end - fact.start;
  let announced = 0;
  let other = 0;
  if (fact.qualifier && /^(?:a further|an extra|an additional|additional|extra|another)$/.test(fact.qualifier)) announced += 2;
  cues(window, (m) => {
    if (m.index >= at && m.index < at + span) return;
    // Cues after the amount count for less than those before it ("$5 million to fund…" still counts).
    const distance = m.index < at ? at - (m.index + m[0].length) : (m.index - at - span) * 1.5;
    const weight = 1 / (1 + Math.max(0, distance) / 25);
    if (m[1] !== undefined) announced += weight;
    else other += weight * 1.2;
  });
  if (fact.unit && fact.unit !== 'year' && announced < 2) return 'other';
  if (announced === 0 && other === 0) return top >= 1e11 ? 'other' : 'announced';
  return announced >= other ? 'announced' : 'other';
}
