/**
 * The lexer of the query language (DESIGN "Query language"): it turns any string into
 * lexemes and never fails. Everything it does not recognise is text.
 */

/** The filter names the language knows; any other `name:` is text. */
export type FilterName = 'minister' | 'portfolio' | 'year' | 'month' | 'from' | 'to' | 'money';

export type Lexeme =
  /** Bare text between spaces: one or more tokens. `-` before it negates, `*` after it makes the last token a prefix. */
  | { kind: 'word'; tokens: string[]; negated: boolean; prefix: boolean }
  /** Text in quotes (straight or curly); an unclosed quote runs to the end of the input. */
  | { kind: 'phrase'; tokens: string[]; negated: boolean; prefix: boolean }
  | { kind: 'or' }
  | { kind: 'not' }
  /**
   * `name:value` or `name:"value"`; `raw` is how to show it back in a message. A `money` filter
   * also takes a comparison (`money>100m`), whose operator starts its value (`>100m`).
   */
  | { kind: 'filter'; name: FilterName; value: string; raw: string };

const FILTER_NAMES: ReadonlySet<string> = new Set(['minister', 'portfolio', 'year', 'month', 'from', 'to', 'money']);
const COMPARISON = /^(money)(>=|<=|=>|=<|>|<|=)(.*)$/isu;
// A scale word after a money filter's number belongs to it: `money>1.5 billion`.
const SCALE_WORD = /\s+(thousand|million|billion|trillion|bn|mn)(?=\s|$)/iuy;
const OPENING_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
const CLOSING_QUOTES = new Set(['"', '\u201c', '\u201d']);
// Parentheses and `|` end a bare word so that `NEAR(a b)` and `a|b` read as separate words.
const WORD_BREAKS = new Set(['(', ')', '|']);
// The token characters of FTS5's unicode61 tokenizer: categories L*, N*, Co, plus combining
// marks, which it keeps inside a token and folds away, so a run of marks alone is no token
// (checked against FTS5 in lex.test.ts).
const TOKEN = /\p{M}*[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

/**
 * Splits text into tokens the way FTS5's `unicode61 remove_diacritics 2` tokenizer finds
 * them (letters, digits and marks; everything else separates), lower-cased but with
 * diacritics kept: FTS5 folds them itself, and does so for some scripts differently from NFD.
 * @example
 * tokenize("O’Connor's COVID-19 plan") // => ['o', 'connor', 's', 'covid', '19', 'plan']
 */
export function tokenize(text: string): string[] {
  return (text.normalize('NFC').match(TOKEN) ?? []).map((t) => t.toLowerCase());
}

/**
 * Reads a query into lexemes. Never throws: stray quotes, operators and FTS5 syntax
 * characters become text or are dropped.
 * @example
 * lex('-"civil defence" kiwisav* OR minister:Key')
 * // => [{ kind: 'phrase', tokens: ['civil', 'defence'], negated: true, prefix: false },
 * //     { kind: 'word', tokens: ['kiwisav'], negated: false, prefix: true }, { kind: 'or' },
 * //     { kind: 'filter', name: 'minister', value: 'Key', raw: 'minister:Key' }]
 */
export function lex(input: string, operatorsAsWords = false): Lexeme[] {
  const s = input.normalize('NFC');
  const out: Lexeme[] = [];
  let i = 0;
  const isSpace = (c: string) => /\s/u.test(c);

  const readQuoted = (): { text: string; end: number } => {
    // s[i] is an opening quote; returns the inner text and the index after the closing quote.
    let j = i + 1;
    while (j < s.length && !CLOSING_QUOTES.has(s[j]!)) j++;
    return { text: s.slice(i + 1, j), end: Math.min(j + 1, s.length) };
  };

  while (i < s.length) {
    const c = s[i]!;
    if (isSpace(c) || c === '(' || c === ')') {
      i++;
      continue;
    }
    if (c === '|') {
      out.push({ kind: 'or' });
      i++;
      continue;
    }
    if (OPENING_QUOTES.has(c)) {
      const q = readQuoted();
      i = q.end;
      const prefix = s[i] === '*';
      const tokens = tokenize(q.text);
      if (tokens.length > 0) out.push({ kind: 'phrase', tokens, negated: false, prefix });
      continue;
    }

    let j = i;
    while (j < s.length && !isSpace(s[j]!) && !WORD_BREAKS.has(s[j]!) && !OPENING_QUOTES.has(s[j]!)) j++;
    const chunk = s.slice(i, j);
    i = j;

    if (chunk === '-' && i < s.length && OPENING_QUOTES.has(s[i]!)) {
      const q = readQuoted();
      i = q.end;
      const prefix = s[i] === '*';
      const tokens = tokenize(q.text);
      if (tokens.length > 0) out.push({ kind: 'phrase', tokens, negated: true, prefix });
      continue;
    }

    const scaleAfter = (value: string): string => {
      if (!/\d$/u.test(value)) return '';
      SCALE_WORD.lastIndex = i;
      const m = SCALE_WORD.exec(s);
      if (!m) return '';
      i = SCALE_WORD.lastIndex;
      return m[0];
    };

    const comparison = COMPARISON.exec(chunk);
    if (comparison) {
      // An operator right after the name can only mean the filter, so even `money>` with nothing
      // after it is one (and a bad query that says what to write), never silently text.
      const scale = scaleAfter(chunk);
      out.push({ kind: 'filter', name: 'money', value: comparison[2]! + comparison[3]! + scale.trim(), raw: chunk + scale });
      continue;
    }

    const filter = /^([A-Za-z]+):(.*)$/su.exec(chunk);
    if (filter && FILTER_NAMES.has(filter[1]!.toLowerCase())) {
      const name = filter[1]!.toLowerCase() as FilterName;
      let value = filter[2]!;
      let raw = chunk;
      if (value === '' && i < s.length && OPENING_QUOTES.has(s[i]!)) {
        const q = readQuoted();
        i = q.end;
        value = q.text;
        raw = `${filter[1]}:"${q.text}"`;
      } else if (name === 'money') {
        const scale = scaleAfter(value);
        value += scale.trim();
        raw += scale;
      }
      value = value.replace(/\s+/gu, ' ').trim();
      if (value !== '') {
        out.push({ kind: 'filter', name, value, raw });
        continue;
      }
      // `to:` with no value is prose ("a response to: ..."), so it stays a word.
    }

    if (!operatorsAsWords) {
      if (chunk === 'OR') {
        out.push({ kind: 'or' });
        continue;
      }
      if (chunk === 'NOT') {
        out.push({ kind: 'not' });
        continue;
      }
      // AND is what juxtaposition already means, and NEAR is FTS5 syntax the language does not offer.
      if (chunk === 'AND' || chunk === 'NEAR') continue;
    }

    const negated = chunk.startsWith('-');
    const prefix = /[\p{L}\p{N}\p{Co}\p{M}]\*+$/u.test(chunk);
    const tokens = tokenize(chunk);
    if (tokens.length > 0) out.push({ kind: 'word', tokens, negated, prefix });
  }
  return out;
}
