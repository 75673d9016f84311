import { MONTHS } from '../calendar.ts';
import type { Fact } from './types.ts';
import { NUMBER, isAsciiWord, isDigit, isLetter, isSpace, isWordPart, numberStarts, parseNumber, qualifierBefore, wordBefore } from './numbers.ts';
import { COUNTED_AFTER } from './dates.ts';

const COUNT_RE = new RegExp(
  String.raw`(${NUMBER})(?:[\s-](million|billion|thousand))?(?:(\s+(?:to|or|and)\s+|\s*[-–]\s*)(${NUMBER})(?:[\s-](million|billion|thousand))?)?(?![\w%°’']|[.,]\d)`,
  'iy',
);
// [\w$€£¥.,/#-]: a number glued to one of these is part of something else (a code, an amount, a decimal).
function badBefore(c: number): boolean {
  return isAsciiWord(c) || c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 46 || c === 44 || c === 47 || c === 35 || c === 45;
}

// What follows a number that makes it something other than a count.
const TIME_UNIT = String.raw`(?:years?|months?|weeks?|days?|fortnights?|decades?|hours?|hrs?|minutes?|mins?|seconds?|nights?|centur(?:y|ies))`;
const MEASURE = String.raw`(?:hectares?|ha|acres?|tonnes?|tons?|t|kg|kilos?|kilograms?|grams?|g|mg|km|kms|kilometres?|kilometers?|metres?|meters?|m|mm|cm|miles?|feet|foot|ft|inches|litres?|liters?|l|ml|megalitres?|MW|GW|kW|kWh|MWh|GWh|TWh|megawatts?|gigawatts?|kilowatts?|watts?|volts?|kV|square|sq|cubic|km\/h|kph|mph|knots?|degrees?|°|ppm|bytes?|GB|MB|TB|Mbps|Gbps|cc|storeys?|stories|points|basis\s+points|per\s+cent|percent|pc|cents?|c|dollars|am|pm|a\.m\.|p\.m\.|o'clock|years?\s+olds?|times|fold|nd|rd|th|st)`;
const NOT_AFTER = new RegExp(String.raw`^(?:\s*(?:and|or|to|-|–)\s*\d+[\s-]+years?[\s-]+olds?\b|[\s-]+${TIME_UNIT}\b|\s*-?\s*${MEASURE}(?![\wÀ-ɏ])|\s*[-–](?=[A-Za-z])|[:/.]\d|\s+(?:[A-Z][a-z]+\s+)?${TIME_UNIT}\b|\s*\(?\s*(?:${Object.keys(MONTHS).join('|')})\b)`, 'i');
// Labels and references: "Wing 322", "section 4", "Level 3", "No. 8", "World War 2".
const LABELS = new Set(('no nos number section sections clause clauses part schedule rule page pages paragraph para article chapter item level stage phase tier grade route round step version option question box lot unit flat room highway sh year years term wave tranche class category platform gate ward area zone district pier block bay wing division figure table annex appendix recommendation recommendations goal objective priority pillar principle standard act bill regulation regulations covid model type mark mk flight channel series vol volume issue edition kiwisaver q quarter number rank ranked').split(' '));
const AGE_WORDS = new Set(['between', 'from', 'over', 'under', 'and', 'to', 'or', 'of']);
const AGE_BEFORE = /\b(?:age[sd]?|aged)\s+(?:(?:between|from|of|over|under)\s+)?(?:(?:\d+|[a-z]+)\s*(?:-|–|to|and|or)\s*)?$/i;
const STOP = new Set(('a an the and or to of in on at by for from with as is are was were be been being will would ' +
  'can could should may might must has have had do does did this that these those it its their our his her ' +
  'which who whom whose what when where why how than then there here per each every all some any no not ' +
  'so but if into onto over under up down out off about around after before between during since until ' +
  'while across through more most less least such only also just very too nearly almost over above below ' +
  'times a day week year month plus including include includes included new more extra additional further ' +
  'fewer other others people’s per cent percent million billion thousand hundred').split(' '));
const LEADING_ADJ = /^(?:new|extra|more|additional|further|fewer|full-time|part-time|other|existing|separate|different|major|key|small|large|local|regional|permanent|temporary|fully|qualified|frontline|front-line)$/i;

/**
 * Counts: a number with the noun it counts ("up to 106 personnel", "1,000 new homes", "a dozen
 * schools", "three or four alarms"). Not counts: money, percentages, durations, measurements,
 * ages, years and dates, times, labels ("Level 4", "section 9") and phone numbers.
 * @example
 * extractCounts('Around 62 countries sent up to 106 personnel.')
 * // => [{ kind: 'count', value: 62, unit: 'countries', qualifier: 'around', text: 'Around 62 countries', ... },
 * //     { kind: 'count', value: 106, unit: 'personnel', qualifier: 'up to', text: 'up to 106 personnel', ... }]
 */
export function extractCounts(body: string, _releaseDate?: string | null, starts: readonly number[] = numberStarts(body)): Fact[] {
  const facts: Fact[] = [];
  const re = COUNT_RE;
  let lastEnd = 0;
  for (const at of starts) {
    if (at < lastEnd || (at > 0 && badBefore(body.charCodeAt(at - 1)))) continue;
    re.lastIndex = at;
    const m = re.exec(body);
    if (!m) continue;
    const [whole, num, scale, conn, num2, scale2] = m;
    const wordBeforeNumber = wordBefore(body, at);
    const q = qualifierBefore(body, at, wordBeforeNumber);
    const numStart = at;
    let end = at + whole.length;
    lastEnd = end;
    let value = parseNumber(num);
    if (scale) value *= parseNumber(`a ${scale}`);
    let valueMax: number | undefined;
    let qualifier = q?.qualifier;
    if (num2 !== undefined) {
      const c = conn.trim().toLowerCase();
      const before = body.slice(Math.max(0, numStart - 8), numStart);
      const isRange = c === 'and' ? qualifier === 'between' : !(c === 'to' && /\bfrom\s+$/i.test(before)) && !/^0/.test(num2);
      if (isRange) {
        valueMax = parseNumber(num2) * (scale2 ? parseNumber(`a ${scale2}`) : 1);
        if (!scale && scale2) value *= parseNumber(`a ${scale2}`);
      } else {
        // Rescan the second number on its own: "from 900 to 1,320".
        end = numStart + (scale ? whole.indexOf(scale) + scale.length : num.length);
        lastEnd = end;
      }
    }
    if (!isCount(body, numStart, numStart + (scale ? whole.indexOf(scale) + scale.length : num.length), num, value, wordBeforeNumber.toLowerCase())) {
      // A number that is not a count lets the next one be read on its own.
      lastEnd = numStart + num.length;
      continue;
    }
    if (qualifier === 'within' || qualifier === 'between' && valueMax === undefined) qualifier = undefined;
    const fact: Fact = { kind: 'count', value, text: '', start: q && qualifier ? q.start : numStart, end };
    if (valueMax !== undefined) fact.value_max = valueMax;
    if (qualifier) fact.qualifier = qualifier;
    const noun = nounAfter(body, end);
    if (noun) {
      fact.unit = noun.unit;
      fact.end = noun.end;
    } else {
      const unit = unitFromContext(body, fact.start, facts);
      if (unit) fact.unit = unit;
    }
    fact.text = body.slice(fact.start, fact.end);
    facts.push(fact);
  }
  return facts;
}

// `word`: the word before the number, lower case (see wordBefore).
function isCount(body: string, start: number, numEnd: number, num: string, value: number, word: string): boolean {
  const c0 = num.charCodeAt(0);
  const isDigits = isDigit(c0);
  // "one" is nearly always "one of", "no one", "one thing"; spelled-out 1 is not a fact worth keeping.
  if (value === 1 && !isDigits && !/^a\b/i.test(num)) return false;
  if (value === 0) return false;
  if (isDigits && num.length > 1 && c0 === 48 && num[1] !== '.') return false;
  if (word in MONTHS || LABELS.has(word)) return false;
  const after = body.slice(numEnd, numEnd + 40);
  if (NOT_AFTER.test(after)) return false;
  // Markdown footnote markers: "\[1\]" or "[1]".
  if (/^\\?\]/.test(after) && /\[\\?$|\[$/.test(body.slice(Math.max(0, start - 2), start))) return false;
  const before = body.slice(Math.max(0, start - 40), start);
  if ((word === 'aged' || word === 'age' || word === 'ages' || AGE_WORDS.has(word)) && AGE_BEFORE.test(before)) return false;
  if (isDigits) {
    // A four-digit number in year range is a count only before a counted noun ("1800 new officers").
    if (/^\d{4}$/.test(num) && value >= 1800 && value <= 2100 && !COUNTED_AFTER.test(body.slice(numEnd, numEnd + 24))) return false;
    // Phone numbers and codes: runs of digit groups ("04 471 9080", "0800 20 90 20").
    if (/\d[ -]$/.test(before) || /^[ -]\d{3}/.test(after)) return false;
    // "Arai Hema, 30, disappeared": an age after a name.
    if (value < 120 && after.startsWith(',') && /[A-Z][a-z]+,\s*$/.test(before)) return false;
    // A capitalised name just before is a label ("Recruit Wing 362", "Technical Category 3").
    const lead = lastWord(before);
    if (lead && /^[A-Z]/.test(lead[1]) && !/^(?:In|At|By|For|From|Of|On|Over|Up|To|About|Around|Some|Nearly|Almost|Another|The|A|An|And|Of|With|Only|Just|Approximately|Roughly|More|Less|Fewer|Under|Than|Since|After|Before|Total|Totalling|Each|Every|All|Those|These|Its|Our|Their|Of|Overall|Including|Now|Currently|Today|Yesterday|Last|Next|This|That|Already|Almost|Over|Another|Further|Extra|Additional|Estimated|Between|And|Or|Only|Just|Within)$/.test(lead[1])) {
      const beforeLead = before.slice(0, before.length - lead[0].length);
      if (!/(?:^|[.!?:;"“”]\s*|\n\s*[-*]?\s*)$/.test(beforeLead)) return false;
    }
  }
  return true;
}

const NOUN_AFTER = /^(\s+(?:of\s+(?:these|those|them|the|which)\s+)?)((?:[A-Za-zÀ-žĀ-ū’'-]+)(?:\s+[A-Za-zÀ-žĀ-ū’'-]+)?(?:\s+[A-Za-zÀ-žĀ-ū’'-]+)?)/;

function nounAfter(body: string, end: number): { unit: string; end: number } | undefined {
  const m = NOUN_AFTER.exec(body.slice(end, end + 80));
  if (!m) return undefined;
  const words = m[2].split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    const adjective = LEADING_ADJ.test(w);
    if (STOP.has(w.toLowerCase()) && !(kept.length === 0 && adjective)) break;
    kept.push(w);
    if (!adjective && /s$|ple$|nel$|staff$|ren$|men$/i.test(w)) break;
  }
  while (kept.length && LEADING_ADJ.test(kept[0])) kept.shift();
  if (!kept.length) return undefined;
  const unit = kept.join(' ');
  const lastWord = kept[kept.length - 1];
  const unitEnd = end + m[1].length + m[2].indexOf(lastWord, m[2].indexOf(kept[0])) + lastWord.length;
  return { unit, end: unitEnd };
}

// "The number of personnel deploying is up to 106": the unit named earlier in the sentence,
// or, after "total"/"number", the unit of the previous count nearby.
function unitFromContext(body: string, start: number, facts: Fact[]): string | undefined {
  const sentenceStart = Math.max(body.lastIndexOf('.', start - 1), body.lastIndexOf('\n', start - 1), start - 200);
  const sentence = body.slice(sentenceStart + 1, start);
  const named = /\bnumber\s+of\s+([a-zA-Z-]+(?:\s+[a-z-]+)?)/.exec(sentence);
  if (named) {
    const words = named[1].split(/\s+/).filter((w) => !STOP.has(w.toLowerCase()));
    // "number of staff moving" names staff; "number of drug tests" names drug tests.
    if (words.length > 1 && /(?:s|ple|nel|ff|ren)$/.test(words[0])) words.length = 1;
    if (words.length) return words.join(' ');
  }
  if (/\b(?:total|number|altogether|in all)\b/i.test(sentence)) {
    const prev = facts[facts.length - 1];
    if (prev?.unit && start - prev.end < 400) return prev.unit;
  }
  return undefined;
}

/**
 * What `/([A-Za-z][\w’'-]*)\s+$/.exec(text)` gives, without trying the pattern at every position:
 * the word before the trailing spaces, from its first letter.
 */
function lastWord(text: string): [string, string] | null {
  let q = text.length;
  while (q > 0 && isSpace(text.charCodeAt(q - 1))) q--;
  if (q === text.length) return null;
  let p = q;
  while (p > 0 && isWordPart(text.charCodeAt(p - 1))) p--;
  while (p < q && !isLetter(text.charCodeAt(p))) p++;
  return p < q ? [text.slice(p), text.slice(p, q)] : null;
}
