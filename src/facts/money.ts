import type { Fact } from './types.ts';
import { DIGITS, QUALIFIER, WORDS, normaliseQualifier, parseNumber, scaleOf } from './numbers.ts';

const CURRENCY: Record<string, string> = {
  '$': 'NZD', 'NZ$': 'NZD', 'NZD': 'NZD', 'US$': 'USD', 'USD': 'USD', 'A$': 'AUD', 'AU$': 'AUD',
  'AUD': 'AUD', 'C$': 'CAD', 'CA$': 'CAD', 'HK$': 'HKD', 'S$': 'SGD', 'F$': 'FJD', 'FJ$': 'FJD',
  '€': 'EUR', 'EUR': 'EUR', '£': 'GBP', 'GBP': 'GBP', '¥': 'JPY', 'JPY': 'JPY',
};
const SYMBOL = String.raw`(?:NZ\s?\$|US\s?\$|AU?\$|CA?\$|HK\$|S\$|FJ?\$|(?:NZD|USD|AUD|EUR|GBP|JPY)\s?\$?|\$|€|£|¥)`;
const SCALE = String.raw`(?:\s?(?:million|billion|trillion|thousand|mn|bn|tn|m|b|k)(?![\w’'-]))`;
const PER = String.raw`(?:\s+(?:an?|per|each)\s+|\s*\/\s*)(hour|hr|year|annum|week|fortnight|day|month|person|head|household|student|child|family|worker|job|car|vehicle|tonne|kg|litre|head|unit|visit|dose|night|patient)\b`;

// One pass finds three shapes: symbol amounts ("NZ$4.5m", "$2–3 million"), spelled-out
// amounts ("one million dollars") and cents ("60c", "39 cents").
const MONEY_RE = new RegExp(
  String.raw`(?:\b(${QUALIFIER})\s+)?(?:` +
    String.raw`(${SYMBOL})\s?(${DIGITS})(${SCALE})?` +
    String.raw`(?:(\s*(?:-|–|—|to|and)\s*)(${SYMBOL})?\s?(${DIGITS})(${SCALE})?(?![\d%]))?` +
    String.raw`|\b(${DIGITS}|${WORDS})(?:\s+(million|billion|thousand))?\s+(?:(NZ|US|Australian|New Zealand|Canadian|Fijian)\s+)?dollars\b` +
    String.raw`|\b(\d{1,2})(?:c\b|\s?cents\b)` +
  String.raw`)(?:${PER})?`,
  'gi',
);

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
  const re = new RegExp(MONEY_RE);
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const [, qual, sym, num, scale, conn, sym2, num2, scale2, wordNum, wordScale, wordCur, cents, per] = m;
    const start = m.index;
    let split = false;
    let end = start + m[0].length;
    let qualifier = normaliseQualifier(qual);
    if (qualifier === 'within' || qualifier === 'some') qualifier = undefined;
    const fact: Fact = { kind: 'money', value: 0, currency: 'NZD', text: '', start, end };
    if (sym !== undefined) {
      const currency = CURRENCY[sym.replace(/\s/g, '').toUpperCase()] ?? CURRENCY[sym.replace(/\s/g, '').replace(/\$$/, '')] ?? 'NZD';
      fact.currency = currency;
      let s1 = scaleOf(scale?.trim());
      let value = parseNumber(num) * s1;
      if (num2 !== undefined) {
        const c = conn.trim().toLowerCase();
        const before = body.slice(Math.max(0, start - 12), start);
        // "from $11.25 to $12.00" is a change, not a range; "and" joins a range only after "between".
        const isRange = c === 'and' ? qualifier === 'between' : c === 'to' ? !/\b(?:from|by)\s+$/i.test(before) : true;
        if (isRange) {
          const s2 = scaleOf(scale2?.trim());
          // "$2–3 million": the first number borrows the scale of the second.
          if (!scale && scale2) {
            s1 = s2;
            value = parseNumber(num) * s1;
          }
          fact.value_max = round(parseNumber(num2) * s2);
        } else {
          end = m.index + m[0].indexOf(conn, m[0].indexOf(num) + num.length);
          split = true;
          // Rescan from the split so the second amount is found on its own.
          re.lastIndex = end;
        }
      }
      fact.value = round(value);
    } else if (wordNum !== undefined) {
      fact.value = round(parseNumber(wordNum) * scaleOf(wordScale));
      if (wordCur && !/^(nz|new zealand)$/i.test(wordCur)) {
        fact.currency = { us: 'USD', australian: 'AUD', canadian: 'CAD', fijian: 'FJD' }[wordCur.toLowerCase()] ?? 'NZD';
      }
    } else {
      fact.value = round(Number(cents) / 100);
    }
    if (per !== undefined && !split) {
      fact.unit = per.toLowerCase() === 'annum' ? 'year' : per.toLowerCase() === 'hr' ? 'hour' : per.toLowerCase();
    }
    if (qualifier) fact.qualifier = qualifier;
    fact.end = end;
    fact.text = body.slice(start, end);
    facts.push(fact);
  }
  return facts;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
