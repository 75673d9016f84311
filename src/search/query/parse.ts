/**
 * The parser of the query language: lexemes to a tree, filters and a date hint.
 * See DESIGN "Query language"; decisions beyond the contract are documented on
 * {@link parseQuery}.
 */
import { MONTHS } from '../../calendar.ts';
import { BadQueryError } from '../../errors.ts';
import { foldKey } from '../../text.ts';
import { narrowAmounts, parseAmountFilter, type AmountRange } from './amount.ts';
import { lex, type FilterName, type Lexeme } from './lex.ts';

export type QueryNode =
  /** One token; `prefix` matches every word it starts (`kiwisav*`). */
  | { type: 'term'; text: string; prefix?: boolean }
  /**
   * Tokens that must appear together, in order, `text` holding them separated by one space.
   * `joined` marks a bare word that the tokenizer splits (`COVID-19`, `O'Connor`): it is
   * matched as a phrase but, unlike a quoted phrase, may be expanded with synonyms.
   */
  | { type: 'phrase'; text: string; prefix?: boolean; joined?: boolean }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode };

/** An inclusive span of days, both ends `YYYY-MM-DD`. */
export interface DateSpan {
  from: string;
  to: string;
}

export interface Filters {
  /** Minister names as typed (spaces collapsed), to be matched whole, case-insensitively, through aliases; a release matches if it names any of them. */
  ministers: string[];
  /** Portfolio names as typed (spaces collapsed), matched whole and case-insensitively; any of them. */
  portfolios: string[];
  /** First day, `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to?: string;
  /** Amounts of money a release must state (`money>100m`); rates such as "$15 an hour" never count. */
  money?: AmountRange;
}

export interface ParsedQuery {
  /** The text part, or null when the query is only filters (browsing) or has no words at all. */
  text: QueryNode | null;
  filters: Filters;
  /** A year or month the free text names (`2009 flu`, `storm January 2026`): a ranking boost, not a requirement. */
  hint?: DateSpan;
}

/** Text items beyond this many are ignored, so a pasted page cannot become a huge FTS5 expression. */
export const MAX_TEXT_ITEMS = 64;

const HINT_YEARS = { min: 1990, max: 2035 };

/**
 * Parses a query of the pressroom language. Never throws for text: unbalanced quotes,
 * stray operators and FTS5 syntax characters are words or are ignored.
 *
 * - `a b`: both. `a OR b` (or `a | b`): either; OR binds tighter than the implicit AND, so
 *   `iraq troops OR soldiers` is iraq AND (troops OR soldiers). Lower-case `or` is a word.
 *   A leading or trailing OR, `AND` and `NEAR` are ignored; parentheses separate words. A query of
 *   operators alone (`AND OR NOT`) is those words.
 * - `-word`, `-"phrase"`, and `NOT word`: exclude. A query of exclusions only means
 *   "everything except". An excluded item cannot be an OR alternative: `a OR -b` is `a -b`.
 * - `"phrase"`; curly quotes work too; an unclosed quote runs to the end of the input.
 * - `prefix*`. A bare word the tokenizer splits (`COVID-19`) is a phrase.
 * - Filters: `minister:`, `portfolio:`, `year:`, `month:`, `from:`, `to:` (names case-insensitive),
 *   with one bare token or a quoted value, and `money` with a comparison or a range
 *   (`money>100m`, `money<=50k`, `money:1m..10m`; see {@link parseAmountFilter}); repeated
 *   money filters all apply, so `money>1m money<10m` is `money:1m..10m` without its ends.
 *   Different filters all apply (AND); the same
 *   name repeated for ministers or portfolios means any of them (OR), like ticking two
 *   boxes in one facet; date filters all apply, so their spans intersect. A partial date
 *   means its whole span. `-minister:x` is not a filter but excluded text, and a name with
 *   no value (`to:`) is a word. Any other `name:` is text.
 * - A year from 1990 to 2035 standing alone in the text (`2009 flu response`), or a month
 *   name before such a year (`storm January 2026`), becomes `hint` instead of a required
 *   word, because releases rarely spell out their own year. When nothing else would be
 *   left to search for and there are no filters (`2009`), the words stay terms as well.
 *
 * @throws BadQueryError only for a filter value that cannot be: `from:2015-13`,
 *   `year:abc`, `to:2015-02-30`, `money>abc`, or a start after an end.
 * @example
 * parseQuery('troops Iraq -ISIS minister:"John Key" from:2015-02')
 * // => { text: { type: 'and', children: [{ type: 'term', text: 'troops' },
 * //        { type: 'term', text: 'iraq' }, { type: 'not', child: { type: 'term', text: 'isis' } }] },
 * //      filters: { ministers: ['John Key'], portfolios: [], from: '2015-02-01' } }
 */
export function parseQuery(input: string, operatorsAsWords = false): ParsedQuery {
  const filters = new FilterBuilder();
  const positives: Clause[] = [];
  const negatives: QueryNode[] = [];
  let pendingOr = false;
  let pendingNot = false;
  let items = 0;

  let operators = 0;
  for (const lx of lex(input, operatorsAsWords)) {
    if (lx.kind === 'filter') {
      filters.add(lx.name, lx.value, lx.raw);
      // An operator cannot reach across a filter: `NOT year:2015 iraq` must not exclude iraq.
      pendingOr = pendingNot = false;
      continue;
    }
    if (lx.kind === 'or') {
      operators++;
      pendingOr = positives.length > 0;
      continue;
    }
    if (lx.kind === 'not') {
      operators++;
      pendingNot = true;
      continue;
    }
    if (items >= MAX_TEXT_ITEMS) continue;
    items++;
    const node = itemNode(lx);
    if (lx.negated || pendingNot) {
      negatives.push({ type: 'not', child: node });
      pendingOr = false;
    } else if (pendingOr) {
      positives[positives.length - 1]!.alts.push(node);
      pendingOr = false;
    } else {
      positives.push({ alts: [node], bareToken: lx.kind === 'word' && !lx.prefix && lx.tokens.length === 1 ? lx.tokens[0]! : undefined });
    }
    pendingNot = false;
  }

  const built = filters.build();
  const hasFilters = built.ministers.length + built.portfolios.length > 0 || built.from !== undefined || built.to !== undefined || built.money !== undefined;
  // Operators with nothing to operate on are what the user typed as text: `AND OR NOT` looks for those words.
  if (positives.length === 0 && negatives.length === 0 && !hasFilters && (operators > 0 || /(?:^|\s)(?:AND|NEAR)(?:\s|$)/u.test(input)) && !operatorsAsWords) {
    return parseQuery(input, true);
  }
  const { kept, hint } = extractHint(positives, hasFilters);
  const children: QueryNode[] = [...kept.map(clauseNode), ...negatives];
  const text = children.length === 0 ? null : children.length === 1 ? children[0]! : { type: 'and' as const, children };
  return hint ? { text, filters: built, hint } : { text, filters: built };
}

interface Clause {
  alts: QueryNode[];
  /** The token of a clause that is one plain bare word, for year and month hints. */
  bareToken?: string;
}

function clauseNode(c: Clause): QueryNode {
  return c.alts.length === 1 ? c.alts[0]! : { type: 'or', children: c.alts };
}

function itemNode(lx: Extract<Lexeme, { kind: 'word' | 'phrase' }>): QueryNode {
  const text = lx.tokens.join(' ');
  if (lx.kind === 'word' && lx.tokens.length === 1) return lx.prefix ? { type: 'term', text, prefix: true } : { type: 'term', text };
  const node: QueryNode = { type: 'phrase', text };
  if (lx.prefix) node.prefix = true;
  if (lx.kind === 'word') node.joined = true;
  return node;
}

function extractHint(clauses: Clause[], hasFilters: boolean): { kept: Clause[]; hint?: DateSpan } {
  const spans: DateSpan[] = [];
  const hinted = new Set<number>();
  const yearOf = (c: Clause | undefined): number | undefined => {
    // A clause that became an OR (`2009 OR 2010`) is a choice the user spelled out, not a hint.
    const t = c?.alts.length === 1 ? c.bareToken : undefined;
    if (t === undefined || !/^\d{4}$/.test(t)) return undefined;
    const y = Number(t);
    return y >= HINT_YEARS.min && y <= HINT_YEARS.max ? y : undefined;
  };
  clauses.forEach((c, i) => {
    const year = yearOf(c);
    if (year === undefined) return;
    const before = clauses[i - 1];
    const month = before?.alts.length === 1 ? MONTHS[before.bareToken ?? ''] : undefined;
    if (month !== undefined && !hinted.has(i - 1)) {
      hinted.add(i - 1);
      spans.push(monthSpan(year, month));
    } else {
      spans.push({ from: `${year}-01-01`, to: `${year}-12-31` });
    }
    hinted.add(i);
  });
  if (spans.length === 0) return { kept: clauses };
  const hint = {
    from: spans.map((s) => s.from).sort()[0]!,
    to: spans.map((s) => s.to).sort().at(-1)!,
  };
  const rest = clauses.filter((_, i) => !hinted.has(i));
  // Only a year (or month) and nothing to filter by: searching its words is the best we can do.
  return { kept: rest.length === 0 && !hasFilters ? clauses : rest, hint };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthSpan(year: number, month: number): DateSpan {
  return { from: `${pad(year, 4)}-${pad(month)}-01`, to: `${pad(year, 4)}-${pad(month)}-${pad(daysIn(year, month))}` };
}

/** A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value as the span of days it names, or undefined if it is not a date. */
export function dateSpan(value: string): DateSpan | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1) return undefined;
  if (m[2] === undefined) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return monthSpan(year, month);
  const day = Number(m[3]);
  if (day < 1 || day > daysIn(year, month)) return undefined;
  return { from: value, to: value };
}

interface Bound {
  date: string;
  raw: string;
}

class FilterBuilder {
  private ministers = new Map<string, string>();
  private portfolios = new Map<string, string>();
  private from?: Bound;
  private to?: Bound;
  private money?: { range: AmountRange; raw: string };

  add(name: FilterName, value: string, raw: string): void {
    switch (name) {
      case 'minister':
        if (!this.ministers.has(foldKey(value))) this.ministers.set(foldKey(value), value);
        return;
      case 'portfolio':
        if (!this.portfolios.has(foldKey(value))) this.portfolios.set(foldKey(value), value);
        return;
      case 'year': {
        const span = /^\d{4}$/.test(value) ? dateSpan(value) : undefined;
        // "year:2020-03" means a month: say how to write one.
        if (!span && /^\d{4}-\d{2}$/.test(value)) throw new BadQueryError(`${raw} is not a year; for a month write month:${value} (or from:${value} to:${value})`);
        if (!span) throw new BadQueryError(`${raw} is not a year; use four digits, e.g. year:2015`);
        this.narrow(span, raw, raw);
        return;
      }
      case 'month': {
        const span = /^\d{4}-\d{2}$/.test(value) ? dateSpan(value) : undefined;
        if (!span) throw new BadQueryError(`${raw} is not a month; use YYYY-MM, e.g. month:2020-03`);
        this.narrow(span, raw, raw);
        return;
      }
      case 'money': {
        const range = parseAmountFilter(value, raw);
        this.money = this.money ? { range: narrowAmounts(this.money.range, this.money.raw, range, raw), raw: `${this.money.raw} ${raw}` } : { range, raw };
        return;
      }
      case 'from':
      case 'to': {
        const span = dateSpan(value);
        if (!span) throw new BadQueryError(`${raw} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD`);
        if (name === 'from') this.narrow({ from: span.from }, raw, raw);
        else this.narrow({ to: span.to }, raw, raw);
      }
    }
  }

  /** Date filters all apply, so each one can only move the start later or the end earlier. */
  private narrow(span: Partial<DateSpan>, fromRaw: string, toRaw: string): void {
    if (span.from !== undefined && (!this.from || span.from > this.from.date)) this.from = { date: span.from, raw: fromRaw };
    if (span.to !== undefined && (!this.to || span.to < this.to.date)) this.to = { date: span.to, raw: toRaw };
    if (this.from && this.to && this.from.date > this.to.date) {
      const [a, b] = [this.from.raw, this.to.raw];
      throw new BadQueryError(
        a.toLowerCase().startsWith('from:') && b.toLowerCase().startsWith('to:')
          ? `${a} is after ${b}; put the earlier date in from: and the later in to:`
          : `${a} and ${b} have no day in common; remove one of them`,
      );
    }
  }

  build(): Filters {
    const f: Filters = { ministers: [...this.ministers.values()], portfolios: [...this.portfolios.values()] };
    if (this.from) f.from = this.from.date;
    if (this.to) f.to = this.to.date;
    if (this.money) f.money = this.money.range;
    return f;
  }
}
