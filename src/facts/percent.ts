import type { Fact } from './types.ts';
import { NUMBER, codeAt, isAsciiWord, isLetter, parseNumber, qualifierBefore } from './numbers.ts';

const NUMBER_BEFORE = new RegExp(String.raw`(?<![\w.,])(${NUMBER})(?:\s*(?:-|–|to)\s*(${NUMBER}))?\s*$`, 'i');

/**
 * Percentages: "2.5 per cent", "2.5%", "2.5 percent", "nineteen per cent", "10–15%".
 * @example
 * extractPercent('Prices rose about 2.5 per cent.')
 * // => [{ kind: 'percent', value: 2.5, qualifier: 'about', text: 'about 2.5 per cent', start: 12, end: 30 }]
 */
export function extractPercent(body: string): Fact[] {
  const facts: Fact[] = [];
  for (const [at, sign] of signs(body)) {
    const from = Math.max(0, at - 40);
    const m = NUMBER_BEFORE.exec(body.slice(from, at));
    if (!m) continue;
    let start = from + m.index;
    const end = at + sign.length;
    const fact: Fact = { kind: 'percent', value: parseNumber(m[1]), text: '', start, end };
    if (m[2] !== undefined) fact.value_max = parseNumber(m[2]);
    const q = qualifierBefore(body, start);
    if (q && q.qualifier !== 'within' && q.qualifier !== 'some') {
      fact.qualifier = q.qualifier;
      start = q.start;
    }
    fact.start = start;
    fact.text = body.slice(start, end);
    facts.push(fact);
  }
  return facts;
}

// indexOf finds the few percent signs far faster than a regex pass over the body; "cent" is
// searched rather than "per": patterns opening with common letters make indexOf crawl.
function signs(body: string): Array<[number, string]> {
  const found: Array<[number, string]> = [];
  for (let i = body.indexOf('%'); i >= 0; i = body.indexOf('%', i + 1)) found.push([i, '%']);
  for (let i = body.indexOf('cent'); i >= 0; i = body.indexOf('cent', i + 4)) {
    if (isAsciiWord(codeAt(body, i + 4))) continue;
    const gap = codeAt(body, i - 1) === 32 || codeAt(body, i - 1) === 45 ? 1 : 0;
    const p = i - gap - 3;
    if (p < 0 || (body.charCodeAt(p) | 32) !== 112 || body[p + 1] !== 'e' || body[p + 2] !== 'r' || isLetter(codeAt(body, p - 1))) continue;
    found.push([p, body.slice(p, i + 4)]);
  }
  return found.length > 1 ? found.sort((a, b) => a[0] - b[0]) : found;
}
