import type { Fact } from './types.ts';
import { MONTHS, MONTH_NAME, codeAt, isDigit, isSpace, isWordPart, monthStarts, numberStarts } from './numbers.ts';
import { extractRelativeDates } from './relative-dates.ts';

// Why not chrono-node: measured here at ~30 µs per call on a short window, and the corpus has
// ~84,000 month-name and this/next/last year|month candidates, so chrono alone would take
// ~2.5 s of the ~3 s budget for all extraction. It also answers nothing for "from May" (the
// touchstone) and reads "December 23" as December 2023. The forms below need no parser: a
// month-name lookup, and chrono's own rule for a bare month or day (the nearest to the
// reference date).

// Month names are case-sensitive on purpose: "may" and "march" are verbs.
const MONTH_DATE = String.raw`(?:\b(early|mid|late|the\s+end\s+of|end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)[\s-]+)?(?:\b([Nn]ext|[Ll]ast|[Tt]his|[Cc]oming)\s+)?(?:\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b(${MONTH_NAME})\b\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d,.:]\d|\w))?(?:,?\s+((?:19|20)\d{2})(?!\d)|\s+(this|next|last)\s+year\b)?`;
const RELATIVE = String.raw`\b([Tt]his|[Nn]ext|[Ll]ast)\s+(year|month)\b`;
const FINANCIAL_YEAR = String.raw`\b((?:19|20)\d{2})\s?[/–-]\s?((?:19|20)\d{2}|\d{1,2})(?![\d/])`;
const SHORT_FY = String.raw`(?<=\b(?:in|for|from|of|the|by|to|since)\s)(\d{2})\/(\d{2})(?![\d/])`;
const ISO = String.raw`\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b`;
const DMY = String.raw`\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b`;
const YEAR = String.raw`(?<![\w$€£.,/]|(?<!mid)-)((?:18|19|20)\d{2})(?![\w%/,.]\w|[\w%-])`;
const MONTH_RE = new RegExp(MONTH_DATE, 'g');
const RELATIVE_RE = new RegExp(RELATIVE, 'y');
const NUMERIC_RE = new RegExp(`(${ISO})|(${DMY})|(${FINANCIAL_YEAR})|(${SHORT_FY})|(${YEAR})`, 'y');

// Words before a year that make it a name, not a date ("Budget 2015", "Expo 2020"); the
// prepositions below are allowed even when capitalised at the start of a sentence.
const YEAR_LEAD_OK = /^(?:in|since|by|from|until|till|before|after|during|of|for|to|and|or|between|through|early|late|mid|end|the|year|around|about|circa|than|on|at|as|with|from|into|throughout|beyond|pre|post|summer|winter|autumn|spring|calendar|financial|fiscal|year-end|then|until|til|over|under|within|across|past|this|that|last|next|every|each|both|nor|but|mid-)$/i;
const YEAR_NAME_AFTER = /^\s*(?:Budget|budget|Olympics|Olympic|Games|Act\b|Census|census|World\s+Cup|Rugby|Cricket|Expo|Amendment|Bill|Regulations|Awards?|Conference|Summit|Festival|Commonwealth|Paralympics|Youth\s+Olympic|edition)/;
// A four-digit number followed by a counted noun is a count: "1800 new officers", "2000 people".
export const COUNTED_AFTER = /^\s+(?:new|extra|additional|further|full-time|part-time|people|staff|personnel|children|students|jobs|homes|houses|families|workers|households|businesses|patients|visitors|members|officers|police|teachers|nurses|doctors|beds|places|cases|vehicles|submissions|applications|tonnes|hectares|hours|kilometres|km|participants|schools|projects|trees|volunteers|troops|soldiers|refugees|migrants|tourists|units|sites|buildings|farms|firms|companies|employees|residents|customers|users|homeowners|tenants|victims|offenders|prisoners|inmates|graduates|apprentices|trainees|scholarships|grants|positions|roles|cars|animals|sheep|cattle|cows|dogs|fish|birds|species)\b/;

/**
 * Dates a release states, resolved against its own date: explicit ("1 July 2000"), partial
 * ("from May", "December 23", the nearest such month or day to the release date),
 * relative ("next year", "October last year"), years ("since 1994", not "Budget 2015"),
 * NZ financial years ("2015/16", value 2015-07-01, value_max 2016-06-30) and ranges
 * ("from 2018 to 2022"). Precision follows the text: "2016", "2015-05", "2015-05-01".
 * Relative days, weeks, weekends and financial years ("last Thursday", "this financial year")
 * and "Budget 2004" come from `extractRelativeDates`; bare weekdays are left out, and a
 * recurring day ("on 1 January each year") is not a date.
 * @example
 * extractDates('The two year mission, likely to start from May, ...', '2015-02-24')
 * // => [{ kind: 'date', value: '2015-05', text: 'May', start: 43, end: 46 }]
 */
export function extractDates(body: string, releaseDate: string | null): Fact[] {
  const ref = parseRef(releaseDate);
  const facts: Fact[] = [];
  let lastEnd = 0;
  for (const [at, type] of anchors(body)) {
    if (at < lastEnd) continue;
    let fact: Fact | undefined;
    if (type === MONTH) {
      // The month pattern runs only on a short window around the month name.
      const from = Math.max(lastEnd, at - 30);
      const window = body.slice(from, at + 30);
      MONTH_RE.lastIndex = 0;
      for (let w = MONTH_RE.exec(window); w !== null; w = MONTH_RE.exec(window)) {
        if (from + w.index + w[0].length > at) {
          if (from + w.index <= at) {
            w.index += from;
            fact = monthDate(body, w, ref);
          }
          break;
        }
      }
    } else if (type === RELATIVE_WORD) {
      RELATIVE_RE.lastIndex = at;
      const m = RELATIVE_RE.exec(body);
      if (m) fact = relative(m[1], m[2], at, m[0], ref);
    } else {
      NUMERIC_RE.lastIndex = at;
      const m = NUMERIC_RE.exec(body);
      if (!m) continue;
      const text = m[0];
      if (m[1] !== undefined) fact = { kind: 'date', value: text, text, start: at, end: at + text.length };
      else if (m[5] !== undefined) fact = dmy(m[6], m[7], m[8], at, text);
      else if (m[9] !== undefined) fact = financialYear(m[10], m[11], at, text);
      else if (m[12] !== undefined) fact = shortFinancialYear(m[13], m[14], at, text);
      else if (isYear(body, at, at + text.length)) fact = { kind: 'date', value: text, text, start: at, end: at + text.length };
    }
    if (fact) {
      facts.push(fact);
      lastEnd = fact.end;
    }
  }
  const merged = mergeRanges(body, facts).filter((f) => !RECURRING_AFTER.test(body.slice(f.end, f.end + 24)));
  return withRelative(merged, extractRelativeDates(body, releaseDate));
}

// "on 1 January each year" names a day that recurs, not one date.
const RECURRING_AFTER = /^,?\s+(?:(?:of\s+)?(?:each|every)\s+year|annually|yearly)\b/;

// Both lists are in text order; a relative date overlapping a fact already read is dropped.
function withRelative(facts: Fact[], rel: Fact[]): Fact[] {
  if (rel.length === 0) return facts;
  const out: Fact[] = [];
  let i = 0;
  for (const r of rel) {
    while (i < facts.length && facts[i]!.start < r.start) out.push(facts[i++]!);
    const prev = out[out.length - 1];
    if ((prev && prev.end > r.start) || (i < facts.length && facts[i]!.start < r.end)) continue;
    out.push(r);
  }
  while (i < facts.length) out.push(facts[i++]!);
  return out;
}

const MONTH = 0;
const RELATIVE_WORD = 1;
const NUMERIC = 2;

// Month names, "this/next/last year|month", and numbers that may be years or "97/98".
function anchors(body: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const at of monthStarts(body)) found.push([at, MONTH]);
  for (const unit of ['year', 'month']) {
    for (let at = body.indexOf(unit); at >= 0; at = body.indexOf(unit, at + unit.length)) {
      const i = at - 1;
      if (i < 4 || body[i] !== ' ') continue;
      const c = body.charCodeAt(i - 4) | 32;
      // 't'his, 'n'ext, 'l'ast: a first-letter test skips most " year"s without a slice.
      if (c !== 116 && c !== 110 && c !== 108) continue;
      const w = body.slice(i - 4, i).toLowerCase();
      // "within the next year" is a span of time, not a date.
      if ((w === 'this' || w === 'next' || w === 'last') && !/\bthe\s+$/i.test(body.slice(Math.max(0, i - 9), i - 4))) found.push([i - 4, RELATIVE_WORD]);
    }
  }
  for (const at of numberStarts(body)) {
    const c0 = body.charCodeAt(at);
    const c1 = codeAt(body, at + 1);
    const c2 = codeAt(body, at + 2);
    const year = (c0 === 49 && (c1 === 56 || c1 === 57)) || (c0 === 50 && c1 === 48);
    if ((year && isDigit(c2)) || c2 === 47 || c1 === 47) found.push([at, NUMERIC]);
  }
  return found.length > 1 ? found.sort((a, b) => a[0] - b[0]) : found;
}

const ABBREVIATIONS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec']);

interface Ref { year: number; month: number; day: number }

function parseRef(releaseDate: string | null): Ref | null {
  if (!releaseDate || releaseDate.startsWith('0001')) return null;
  return { year: Number(releaseDate.slice(0, 4)), month: Number(releaseDate.slice(5, 7)), day: Number(releaseDate.slice(8, 10)) };
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function monthDate(body: string, m: RegExpMatchArray, ref: Ref | null): Fact | undefined {
  let [text, , relWord, dayBefore, monthName, dayAfter, year, relYear] = m;
  const start = m.index!;
  const rel = relWord?.toLowerCase();
  // The dot belongs to "Sept." but ends the sentence after "July.".
  if (!ABBREVIATIONS.has(monthName) && text.endsWith(monthName + '.')) text = text.slice(0, -1);
  const month = MONTHS[monthName.toLowerCase()];
  let day: string | undefined = dayBefore ?? dayAfter;
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) {
    if (dayAfter !== undefined) text = text.slice(0, text.indexOf(monthName) + monthName.length);
    day = undefined;
  }
  const prev = body.slice(Math.max(0, start - 12), start);
  // "May" alone is usually the verb; accept it only where a date is expected.
  if (monthName === 'May' && !day && !year && !relYear && !rel && !/\b(?:in|from|by|of|since|until|till|during|before|after|to|end|early|mid|late|and|or|between|on|last|next|this|until|through|\d)\s*$/i.test(prev)) return undefined;
  // Abbreviations need a day or a year: "Dec" or "Mar" alone are too often something else.
  if (monthName.length <= 4 && monthName !== 'May' && monthName !== 'June' && monthName !== 'July' && !day && !year) return undefined;
  let y: number;
  if (year !== undefined) y = Number(year);
  else if (!ref) return undefined;
  else if (relYear !== undefined) y = ref.year + (relYear === 'next' ? 1 : relYear === 'last' ? -1 : 0);
  else if (rel === 'next' || rel === 'coming') y = month > ref.month ? ref.year : ref.year + 1;
  else if (rel === 'last') y = month < ref.month ? ref.year : ref.year - 1;
  else if (rel === 'this') y = ref.year;
  else {
    // The nearest such month to the release date, as chrono-node resolves it.
    const diff = month - ref.month;
    y = diff > 6 ? ref.year - 1 : diff < -6 ? ref.year + 1 : ref.year;
  }
  const value = day !== undefined ? `${y}-${pad(month)}-${pad(Number(day))}` : `${y}-${pad(month)}`;
  return { kind: 'date', value, text, start, end: start + text.length };
}

function relative(which: string, unit: string, start: number, text: string, ref: Ref | null): Fact | undefined {
  if (!ref) return undefined;
  const delta = /^n/i.test(which) ? 1 : /^l/i.test(which) ? -1 : 0;
  if (unit === 'year') return { kind: 'date', value: String(ref.year + delta), text, start, end: start + text.length };
  let y = ref.year;
  let mo = ref.month + delta;
  if (mo === 0) (mo = 12), (y -= 1);
  if (mo === 13) (mo = 1), (y += 1);
  return { kind: 'date', value: `${y}-${pad(mo)}`, text, start, end: start + text.length };
}

function financialYear(a: string, b: string, start: number, text: string): Fact | undefined {
  const y = Number(a);
  const next = y + 1;
  const ok = b.length === 4 ? Number(b) === next : Number(b) === next % 10 ** b.length;
  const end = start + text.length;
  if (ok) return { kind: 'date', value: `${y}-07-01`, value_max: `${next - 1 + 1}-06-30`, text, start, end };
  // "2018–2022" is a span of years.
  if (b.length === 4 && Number(b) > y) return { kind: 'date', value: a, value_max: b, text, start, end };
  return undefined;
}

function shortFinancialYear(a: string, b: string, start: number, text: string): Fact | undefined {
  if ((Number(a) + 1) % 100 !== Number(b)) return undefined;
  const y = Number(a) + (Number(a) >= 50 ? 1900 : 2000);
  return { kind: 'date', value: `${y}-07-01`, value_max: `${y + 1}-06-30`, text, start, end: start + text.length };
}

function dmy(d: string, mo: string, y: string, start: number, text: string): Fact | undefined {
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  return { kind: 'date', value: `${y}-${pad(Number(mo))}-${pad(Number(d))}`, text, start, end: start + text.length };
}

/**
 * Whether the four digits at [start, end) read as a year rather than a name part or a count.
 * @example
 * isYear('since 1994 it', 6, 10) // => true
 * isYear('Budget 2015 is', 7, 11) // => false
 */
export function isYear(body: string, start: number, end: number): boolean {
  const after = body.slice(end, end + 24);
  if (YEAR_NAME_AFTER.test(after) || COUNTED_AFTER.test(after)) return false;
  const before = body.slice(Math.max(0, start - 24), start);
  const lead = wordBeforeEnd(before);
  if (lead && /^[A-Z]/.test(lead[1]) && !YEAR_LEAD_OK.test(lead[1]) && !(lead[1].toLowerCase() in MONTHS)) {
    // A capitalised word just before is a name ("Budget 2015", "Vision 2030") unless it opens a sentence.
    const beforeLead = before.slice(0, before.length - lead[0].length);
    if (!/(?:^|[.!?:;"“”]\s*|\n\s*[-*]?\s*)$/.test(beforeLead)) return false;
  }
  if (lead && /^(?:No|no|number|Number|section|clause|page|Level|Wing|Route|SH|Schedule|Part|Phase|Stage|Budget|Vision|Expo|Agenda|Census|Act|Plan|Strategy)$/.test(lead[1])) return false;
  return true;
}

// "from 2018 to 2022", "between June 2025 and June 2027": one fact with value_max.
function mergeRanges(body: string, facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  for (let i = 0; i < facts.length; i++) {
    const a = facts[i];
    const b = facts[i + 1];
    if (b && a.value_max === undefined && b.value_max === undefined) {
      const gap = body.slice(a.end, b.start);
      const lead = body.slice(Math.max(0, a.start - 9), a.start);
      const months = isBareMonth(a) && /^\d{4}-\d{2}$/.test(String(b.value)) && /\d{4}/.test(b.text);
      const joins = /^\s*(?:to|until|till|[-–—])\s*$/.test(gap)
        ? /\b(?:from|between)\s+$/i.test(lead) || /^\s*[-–—]\s*$/.test(gap) || months
        : /^\s+and\s+$/.test(gap) && /\bbetween\s+$/i.test(lead);
      // "June to November 2001": the first month takes the year the range ends in.
      const from = months ? sameYearBefore(String(a.value), String(b.value)) : String(a.value);
      if (joins && String(b.value) > from) {
        out.push({ kind: 'date', value: from, value_max: b.value, text: body.slice(a.start, b.end), start: a.start, end: b.end });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}

// A month read without a year of its own ("June"), resolved against the release date.
function isBareMonth(f: Fact): boolean {
  return typeof f.value === 'string' && /^\d{4}-\d{2}$/.test(f.value) && !/\d/.test(f.text);
}

function sameYearBefore(a: string, b: string): string {
  const y = Number(b.slice(0, 4));
  return `${a.slice(5) <= b.slice(5) ? y : y - 1}-${a.slice(5)}`;
}

/**
 * What `/([\w’'-]+)[\s(]*$/.exec(text)` gives, without trying the pattern at every position: the last
 * word, with what follows it (spaces and opening brackets).
 */
function wordBeforeEnd(text: string): [string, string] | null {
  let q = text.length;
  while (q > 0 && (isSpace(text.charCodeAt(q - 1)) || text.charCodeAt(q - 1) === 40)) q--;
  let p = q;
  while (p > 0 && isWordPart(text.charCodeAt(p - 1))) p--;
  return p < q ? [text.slice(p), text.slice(p, q)] : null;
}
