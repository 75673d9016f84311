/**
 * Number reading shared by the fact extractors: digits ("1,320", "2.5"), words ("two",
 * "twenty-five", "a dozen", "half a million") and scale words ("million", "bn").
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mn: 1e6, mil: 1e6, b: 1e9, bn: 1e9, t: 1e12, tn: 1e12,
};

const UNIT_WORDS = Object.keys(UNITS).filter((w) => w !== 'zero').join('|');
const TEN_WORDS = Object.keys(TENS).join('|');

/** A cardinal written in digits: "1,320", "2.5", "65065". */
export const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** A cardinal written in words, case-insensitive: "two", "twenty-five", "a dozen", "half a million". */
export const WORDS =
  String.raw`(?:(?:half|a\s+quarter\s+of)\s+an?\s+(?:million|billion)|an?\s+(?:dozen|hundred|thousand|million|billion)` +
  String.raw`|(?:(?:${TEN_WORDS})(?:[-\s](?:${UNIT_WORDS}))?|${UNIT_WORDS})(?:\s+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?(?:${TEN_WORDS}|${UNIT_WORDS}))?)?)`;

/** Digits or words. */
export const NUMBER = `(?:${DIGITS}|${WORDS})`;

/**
 * The value of a number as `DIGITS` or `WORDS` match it.
 * @example
 * parseNumber('1,320') // => 1320
 * parseNumber('twenty-five') // => 25
 * parseNumber('half a million') // => 500000
 */
export function parseNumber(text: string): number {
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) return Number(text.includes(',') ? text.replace(/,/g, '') : text);
  const t = text.trim().toLowerCase();
  if (t.startsWith('half')) return SCALES[t.slice(t.lastIndexOf(' ') + 1)] / 2;
  if (t.startsWith('a quarter')) return SCALES[t.slice(t.lastIndexOf(' ') + 1)] / 4;
  let total = 0;
  let current = 0;
  for (const w of t.split(/[\s-]+/)) {
    if (w === 'a' || w === 'an' || w === 'and') {
      if (w !== 'and') current = 1;
      continue;
    }
    if (w === 'dozen') current = (current || 1) * 12;
    else if (w in UNITS) current += UNITS[w];
    else if (w in TENS) current += TENS[w];
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w in SCALES) {
      total += (current || 1) * SCALES[w];
      current = 0;
    }
  }
  return total + current;
}

/**
 * The multiplier a scale word stands for, or 1.
 * @example
 * scaleOf('million') // => 1000000
 * scaleOf('bn') // => 1000000000
 */
export function scaleOf(word: string | undefined): number {
  if (!word) return 1;
  return SCALES[word.toLowerCase()] ?? 1;
}

/** Qualifiers that may precede an amount, longest first so that "just over" wins over "over". */
export const QUALIFIER = String.raw`(?:up\s+to|just\s+(?:over|under)|more\s+than|less\s+than|fewer\s+than|greater\s+than|at\s+least|in\s+excess\s+of|upwards\s+of|close\s+to|nearly|almost|about|around|approximately|roughly|some|over|under|a\s+further|another|an\s+additional|an\s+extra|additional|extra|an\s+estimated|estimated|a\s+total\s+of|totalling|totaling|within|between|only|at\s+most|a\s+maximum\s+of|a\s+minimum\s+of|as\s+many\s+as|as\s+much\s+as|a\s+record)`;

/**
 * A qualifier as the contract spells it: lower case, single spaces.
 * @example
 * normaliseQualifier('Up  to') // => 'up to'
 */
export function normaliseQualifier(q: string | undefined): string | undefined {
  return q ? q.toLowerCase().replace(/\s+/g, ' ') : undefined;
}

/** Capitalised month names (full, then abbreviated), as a regex alternation. */
export const MONTH_NAME =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';

const QUALIFIER_LAST_WORDS = new Set(['to', 'over', 'under', 'than', 'least', 'of', 'close', 'nearly', 'almost', 'about',
  'around', 'approximately', 'roughly', 'some', 'further', 'another', 'additional', 'extra', 'estimated', 'totalling',
  'totaling', 'within', 'between', 'only', 'most', 'as', 'record']);

/**
 * The word that ends just before `pos` (skipping spaces), or '' if punctuation comes first.
 * @example
 * wordBefore('up to 106', 6) // => 'to'
 */
export function wordBefore(body: string, pos: number): string {
  let end = pos;
  while (end > 0 && (body.charCodeAt(end - 1) === 32 || body.charCodeAt(end - 1) === 0xa0)) end--;
  // A full stop ends a sentence unless it closes a short abbreviation ("No.", "cl.").
  const dot = end > 0 && body.charCodeAt(end - 1) === 46;
  if (dot) end--;
  let start = end;
  while (start > 0 && isWordLetter(body.charCodeAt(start - 1))) start--;
  if (dot && end - start > 4) return '';
  return body.slice(start, end);
}

/**
 * The character code at `i`, or -1 outside the text. Reading past either end gives undefined or NaN,
 * and V8 throws away the compiled code of a function the first time that happens and compiles it again.
 * @example
 * codeAt('ab', 1) // => 98
 * codeAt('ab', 2) // => -1
 */
export function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

/** Whether a character code is one of `[0-9]`. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a character code is one regex `\w` matches: `[A-Za-z0-9_]`. */
export function isAsciiWord(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}

/** Whether a character code is one JavaScript's regex `\s` matches. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether a character code is one of `[A-Za-z]`. */
export function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

// [A-Za-z’'-], as a test of one character code (wordBefore runs at every number).
function isWordLetter(c: number): boolean {
  return isLetter(c) || c === 0x2019 || c === 39 || c === 45;
}

/** Whether a character code is one of `[\w’'-]`: a letter, digit, underscore, apostrophe or hyphen. */
export function isWordPart(c: number): boolean {
  return isWordLetter(c) || isDigit(c) || c === 95;
}

const QUAL_BEFORE = new RegExp(String.raw`\b(${QUALIFIER})\s+$`, 'i');

/**
 * The qualifier that ends just before `start`, if any, and where it begins. `word` is
 * `wordBefore(body, start)`, when the caller has it already.
 * @example
 * qualifierBefore('up to 106 personnel', 6) // => { qualifier: 'up to', start: 0 }
 */
export function qualifierBefore(body: string, start: number, word = wordBefore(body, start)): { qualifier: string; start: number } | undefined {
  // Most numbers have no qualifier: a look at the one word before settles those cheaply.
  if (!word || !QUALIFIER_LAST_WORDS.has(word.toLowerCase())) return undefined;
  const from = Math.max(0, start - 24);
  const m = QUAL_BEFORE.exec(body.slice(from, start));
  return m ? { qualifier: normaliseQualifier(m[1])!, start: from + m.index } : undefined;
}

// One pass finds every digit run, number word and month name. The words are hand-factored
// into a trie: V8 tries a flat alternation word by word at every character. Measured on the
// corpus, one combined pass costs about 60% of three separate ones.
const WORD_TRIE = String.raw`(?:[Oo]ne|[Tt](?:wo|hree|en|welve|hirteen|wenty|hirty)|[Ff](?:our(?:teen)?|ive|ifteen|orty|ifty)|[Ss](?:ix(?:teen|ty)?|even(?:teen|ty)?)|[Ee](?:ight(?:een|y)?|leven)|[Nn]ine(?:teen|ty)?|[Aa]n? (?:dozen|hundred|thousand|million|billion)|[Hh]alf an? |[Aa] quarter of an? )\b`;
const MONTH_TRIE = String.raw`(?:J(?:an(?:uary)?|u(?:ne?|ly?))|Feb(?:ruary)?|Ma(?:r(?:ch)?|y)|A(?:pr(?:il)?|ug(?:ust)?)|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b`;
// The words that open a relative date (see relative-dates.ts) ride along: where they stand is
// found in this pass for a small fraction of what a pass of their own cost.
const DEICTIC_WORD = String.raw`\b((?:[Tt]o(?:day|morrow)|[Yy]esterday|[Tt]his|[Nn]ext|[Ll]ast|Budget)\b)`;
const ANCHORS = new RegExp(String.raw`(\d+(?:[.,]\d+)*)|(?:^|[ (“"‘'/–\n*_[,.;:>|-])(?:(${WORD_TRIE})|(${MONTH_TRIE}))|${DEICTIC_WORD}`, 'g');
let cachedBody: string | undefined;
let cachedStarts: number[] = [];
let cachedMonths: number[] = [];
let cachedDeictic: number[] = [];

function scan(body: string): void {
  if (body === cachedBody) return;
  const starts: number[] = [];
  const months: number[] = [];
  const deictic: number[] = [];
  ANCHORS.lastIndex = 0;
  for (let m = ANCHORS.exec(body); m !== null; m = ANCHORS.exec(body)) {
    if (m[1] !== undefined) starts.push(m.index);
    else if (m[2] !== undefined) starts.push(m.index + m[0].length - m[2].length);
    else if (m[3] !== undefined) months.push(m.index + m[0].length - m[3].length);
    else deictic.push(m.index);
  }
  cachedBody = body;
  cachedStarts = starts;
  cachedMonths = months;
  cachedDeictic = deictic;
}

/**
 * Where each word that may open a relative date begins ("today", "this", "next", "last", "Budget"...),
 * at a word boundary: every place a relative date can start.
 * @example
 * deicticStarts('Due next week, not today.') // => [4, 20]
 */
export function deicticStarts(body: string): number[] {
  scan(body);
  return cachedDeictic;
}

/**
 * Where each month name in the body begins (capitalised: "may" and "march" are verbs).
 * @example
 * monthStarts('From May, or in June.') // => [5, 16]
 */
export function monthStarts(body: string): number[] {
  scan(body);
  return cachedMonths;
}

/**
 * Where each number in the body begins (a run of digits or a number word), in order. The
 * extractors scan these few places instead of trying their patterns at every character,
 * which keeps a whole-corpus pass within the ingest budget. The last body's answer is
 * remembered, since every extractor asks for the same body in turn.
 * @example
 * numberStarts('About two hundred, or 1,200.') // => [6, 22]
 */
export function numberStarts(body: string): number[] {
  scan(body);
  return cachedStarts;
}
