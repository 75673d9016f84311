import type { Fact } from './types.ts';
import { NUMBER, QUALIFIER, normaliseQualifier, parseNumber } from './numbers.ts';

const PERCENT_RE = new RegExp(
  String.raw`(?:\b(${QUALIFIER})\s+)?(?<![\w.,])(${NUMBER})(?:\s*(?:-|–|to)\s*(${NUMBER})(?=\s*(?:%|per\s?cent|percent)))?\s*(?:%|per[\s-]?cent\b|percent\b|pc\b)`,
  'gi',
);

/**
 * Percentages: "2.5 per cent", "2.5%", "2.5 percent", "nineteen per cent", "10–15%".
 * @example
 * extractPercent('Prices rose about 2.5 per cent.')
 * // => [{ kind: 'percent', value: 2.5, qualifier: 'about', text: 'about 2.5 per cent', start: 12, end: 30 }]
 */
export function extractPercent(body: string): Fact[] {
  const facts: Fact[] = [];
  for (const m of body.matchAll(PERCENT_RE)) {
    const [text, qual, num, num2] = m;
    const fact: Fact = { kind: 'percent', value: parseNumber(num), text, start: m.index, end: m.index + text.length };
    if (num2 !== undefined) fact.value_max = parseNumber(num2);
    const qualifier = normaliseQualifier(qual);
    if (qualifier && qualifier !== 'within' && qualifier !== 'some') fact.qualifier = qualifier;
    facts.push(fact);
  }
  return facts;
}
