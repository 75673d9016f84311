import type { Fact } from './types.ts';
import { NUMBER, numberStarts, parseNumber, qualifierBefore } from './numbers.ts';

const UNIT_CODE: Record<string, [string, number]> = {
  year: ['Y', 1], month: ['M', 1], week: ['W', 1], day: ['D', 1], fortnight: ['D', 14],
  decade: ['Y', 10], hour: ['H', 1], minute: ['M', 1],
};
// Adjectives that may sit between the number and the unit: "three busy years", "four financial years".
const ADJ = String.raw`(?:busy|full|financial|income|calendar|consecutive|further|more|additional|short|long|academic|school|working|hard|difficult|successful|straight|whole|extra|previous|last|next|first)`;
const DURATION_RE = new RegExp(
  String.raw`(${NUMBER})(?:(\s*(?:-|–|to|or|and)\s*)(${NUMBER}))?(?:\s+|\s*-\s*)(?:${ADJ}\s+)?(years?|months?|weeks?|days?|fortnights?|decades?|hours?|minutes?)\b`,
  'iy',
);
const BAD_BEFORE = /[\w$.,£€]$/;
// Ages and points in the past are not durations: "65-year-old", "16 years and over", "ten years ago".
const NOT_AFTER = /^(?:[\s-]+olds?\b|\s+of\s+age\b|\s+(?:and|or)\s+(?:over|older|under|above|younger)\b|\s+ago\b|\s+younger\b|\s+older\b|\s+of\s+age)/i;
const AGED_BEFORE = /\bage[sd]?\s+(?:(?:between|from|of|over|under)\s+)?(?:\d+\s*(?:-|–|to|and|or)\s*)?$/i;

/**
 * Durations as ISO 8601: "two year mission" P2Y, "after nine months" P9M, "six weeks" P6W,
 * "48 hours" PT48H; ranges ("21 to 28 days") carry `value_max`.
 * @example
 * extractDurations('The two year mission will be reviewed after nine months.')
 * // => [{ kind: 'duration', value: 'P2Y', text: 'two year', start: 4, end: 12 },
 * //     { kind: 'duration', value: 'P9M', text: 'nine months', ... }]
 */
export function extractDurations(body: string, _releaseDate?: string | null, starts: readonly number[] = numberStarts(body)): Fact[] {
  const facts: Fact[] = [];
  let lastEnd = 0;
  for (const at of starts) {
    if (at < lastEnd || (at > 0 && BAD_BEFORE.test(body[at - 1]))) continue;
    DURATION_RE.lastIndex = at;
    const m = DURATION_RE.exec(body);
    if (!m) continue;
    const [numText, num, conn, num2, unitWord] = m;
    const q = qualifierBefore(body, at);
    const qual = q?.qualifier;
    const start = q ? q.start : at;
    const end = at + numText.length;
    const text = body.slice(start, end);
    lastEnd = end;
    if (NOT_AFTER.test(body.slice(end, end + 12))) continue;
    if (AGED_BEFORE.test(body.slice(Math.max(0, start - 30), start))) continue;
    const n = parseNumber(num);
    const unit = unitWord.toLowerCase().replace(/s$/, '');
    // "the 2016 year" is a year, not 2016 years.
    if (n >= 1800 && n <= 2100 && /^\d{4}$/.test(num)) continue;
    if (n === 1 && !/^\d/.test(num) && !/^(?:one|a)$/i.test(num)) continue;
    const iso = (v: number) => {
      const [code, mult] = UNIT_CODE[unit];
      return (code === 'H' || unit === 'minute' ? 'PT' : 'P') + v * mult + code;
    };
    const qualifier = qual;
    if (num2 !== undefined) {
      const c = conn.trim().toLowerCase();
      const before = body.slice(Math.max(0, start - 8), start);
      const isRange = c === 'and' ? qualifier === 'between' : !(c === 'to' && /\bfrom\s+$/i.test(before));
      if (!isRange) {
        // "from 37 to 50 hours": two figures sharing one unit.
        const firstEnd = at + num.length;
        const secondStart = firstEnd + conn.length;
        facts.push(make(body, start, firstEnd, iso(n), qualifier));
        facts.push(make(body, secondStart, end, iso(parseNumber(num2))));
        continue;
      }
      const fact = make(body, start, end, iso(n), qualifier);
      fact.value_max = iso(parseNumber(num2));
      facts.push(fact);
      continue;
    }
    facts.push(make(body, start, end, iso(n), qualifier));
  }
  return facts;
}

function make(body: string, start: number, end: number, value: string, qualifier?: string): Fact {
  const fact: Fact = { kind: 'duration', value, text: body.slice(start, end), start, end };
  if (qualifier && qualifier !== 'some') fact.qualifier = qualifier;
  return fact;
}
