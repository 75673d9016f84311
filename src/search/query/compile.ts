/**
 * The compiler of the query language: a parsed query to an FTS5 MATCH expression in which
 * every token the user typed is inside double quotes, so no user text is ever FTS5 syntax
 * (no operators, column filters, `^`, `+` or `NEAR`), plus the filters and hint untouched.
 */
import { foldKey } from '../../text.ts';
import { tokenize } from './lex.ts';
import type { DateSpan, Filters, ParsedQuery, QueryNode } from './parse.ts';
import { shippedSynonyms, SynonymTable } from './synonyms.ts';

export interface CompiledQuery {
  /** An FTS5 MATCH expression, every token a double-quoted string; null when the query has no positive terms. */
  match: string | null;
  /** When there are no positive terms: an FTS5 MATCH expression for what to leave out (`rowid NOT IN (...)`); null otherwise. */
  exclude: string | null;
  filters: Filters;
  hint?: DateSpan;
  /** The positive words and phrases the user typed, lower-cased and diacritic-folded, without synonyms. */
  terms: string[];
  /** Each original word or words (folded, space-joined) → the synonyms searched beside it. */
  expansions: Record<string, string[]>;
  /**
   * The positive items that `match` joins with AND, one per word, phrase, OR group or synonym run, so that a
   * search finding few releases can relax to releases matching most of them; empty when `match` is null.
   */
  clauses: Clause[];
  /** The exclusions of `match` as an FTS5 expression (`match` already applies them), or null. */
  not: string | null;
}

/** One item of the query's AND. */
export interface Clause {
  /** An FTS5 expression for the item, synonyms included, ready to be an operand. */
  match: string;
  /** The folded words the user typed for it, space-joined. */
  text: string;
  /** A quoted phrase: it stays required when the others relax. */
  required: boolean;
}

export interface CompileOptions {
  /** Search each plain word, or run of plain words, in `data/synonyms.json` as any of its group. Default true. */
  synonyms?: boolean;
  /** Another synonym table (tests). */
  synonymTable?: SynonymTable;
}

/**
 * Compiles a parsed query for FTS5. Each token becomes `"token"` (an inner `"` would be
 * doubled, though tokens never hold one), a prefix `"token"*`, a phrase `"a b"`; AND, OR
 * and parentheses are the only syntax added. FTS5's NOT is binary, so exclusions compile
 * to `positive NOT (excluded)`, and a query of exclusions alone gives `exclude` instead.
 * Excluded words are not expanded with synonyms, so `-quake` leaves out only what it says.
 * An expanded word keeps its own form first: `pm visit` → `("pm" OR "prime minister") AND "visit"`,
 * and a run of words keeps its words unordered: `(("prime" AND "minister") OR "pm")`.
 * @example
 * compileQuery(parseQuery('ISIS troops -Syria'), { synonyms: false }).match
 * // => '("isis" AND "troops") NOT "syria"'
 */
export function compileQuery(q: ParsedQuery, opts: CompileOptions = {}): CompiledQuery {
  const table = opts.synonyms === false ? undefined : (opts.synonymTable ?? shippedSynonyms());
  const c = new Compiler(table);
  let match: string | null = null;
  let exclude: string | null = null;
  const text = q.text;
  if (text) {
    const negs = text.type === 'not' ? [text.child] : text.type === 'and' ? text.children.filter(isNot).map((n) => n.child) : [];
    // A lone word goes through the AND path too, so that it can meet its synonyms.
    const pos = c.node(text.type === 'and' ? text : { type: 'and', children: [text] }, true);
    if (pos !== null) match = pos.s;
    else if (negs.length > 0) exclude = c.orOf(negs.map((n) => c.node(n)))?.s ?? null;
  }
  const out: CompiledQuery = {
    match, exclude, filters: q.filters, terms: text ? positiveTerms(text) : [], expansions: c.expansions,
    clauses: match === null ? [] : c.clauses, not: match === null ? null : c.not,
  };
  if (q.hint) out.hint = q.hint;
  return out;
}

/** A compiled piece, and whether it needs parentheses to be an operand. */
interface Piece {
  s: string;
  compound: boolean;
}

function isNot(n: QueryNode): n is Extract<QueryNode, { type: 'not' }> {
  return n.type === 'not';
}

/** FTS5 string syntax: the text in double quotes, any double quote inside doubled. */
export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function operand(p: Piece): string {
  return p.compound ? `(${p.s})` : p.s;
}

class Compiler {
  readonly expansions: Record<string, string[]> = {};
  /** The top-level AND's items and exclusions, as the last `node(_, true)` compiled them. */
  clauses: Clause[] = [];
  not: string | null = null;
  constructor(private readonly synonyms: SynonymTable | undefined) {}

  /** The positive part of a node, or null if it has none (only exclusions, or no tokens). */
  node(n: QueryNode, top = false): Piece | null {
    switch (n.type) {
      case 'term':
      case 'phrase': {
        // Re-tokenised so that a hand-built tree is as safe as a parsed one, and never yields
        // `""`, which FTS5 accepts but which matches nothing.
        const tokens = tokenize(n.text);
        if (tokens.length === 0) return null;
        return { s: quote(tokens.join(' ')) + (n.prefix ? '*' : ''), compound: false };
      }
      case 'not':
        return null;
      case 'or':
        return this.orOf(n.children.map((ch) => this.expandOne(ch) ?? this.node(ch)));
      case 'and': {
        const parts = this.andParts(n.children.filter((ch) => !isNot(ch)));
        if (parts.length === 0) return null;
        const pos = parts.length === 1 ? parts[0]!.piece : { s: parts.map((p) => operand(p.piece)).join(' AND '), compound: true };
        const negs = this.orOf(n.children.filter(isNot).map((ch) => this.node(ch.child)));
        if (top) {
          this.clauses = parts.map((p) => ({ match: operand(p.piece), text: p.text, required: p.required }));
          this.not = negs === null ? null : operand(negs);
        }
        if (negs === null) return pos;
        return { s: `${operand(pos)} NOT ${operand(negs)}`, compound: true };
      }
    }
  }

  orOf(pieces: (Piece | null)[]): Piece | null {
    const ps = pieces.filter((p): p is Piece => p !== null);
    return ps.length === 0 ? null : this.orPiece(ps);
  }

  private orPiece(pieces: Piece[]): Piece {
    return pieces.length === 1 ? pieces[0]! : { s: pieces.map(operand).join(' OR '), compound: true };
  }

  /** The operands of an AND of children, with runs of plain words replaced by their synonym groups. */
  private andParts(children: QueryNode[]): { piece: Piece; text: string; required: boolean }[] {
    const parts: { piece: Piece; text: string; required: boolean }[] = [];
    for (let i = 0; i < children.length; ) {
      const run = this.synonyms ? this.longestMatch(children, i) : undefined;
      if (run) {
        parts.push({ piece: run.piece, text: textOf(children.slice(i, run.end)), required: false });
        i = run.end;
        continue;
      }
      const ch = children[i]!;
      const p = this.node(ch);
      if (p) parts.push({ piece: p, text: textOf([ch]), required: ch.type === 'phrase' && !ch.joined });
      i++;
    }
    return parts;
  }

  private expandOne(n: QueryNode): Piece | null {
    return this.synonyms ? (this.longestMatch([n], 0)?.piece ?? null) : null;
  }

  private longestMatch(nodes: QueryNode[], start: number): { piece: Piece; end: number } | undefined {
    const table = this.synonyms!;
    let tokens: string[] = [];
    const runs: { end: number; tokens: string[] }[] = [];
    for (let j = start; j < nodes.length; j++) {
      const n = nodes[j]!;
      if (!isPlain(n)) break;
      tokens = [...tokens, ...tokenize((n as { text: string }).text)];
      if (tokens.length > table.maxTokens) break;
      runs.push({ end: j + 1, tokens });
    }
    for (const run of runs.reverse()) {
      const found = table.lookup(run.tokens);
      if (!found) continue;
      const original = run.tokens.map(foldKey).join(' ');
      const others = found.group.filter((m) => m !== found.member && m !== original);
      if (others.length === 0) return undefined;
      const own = nodes.slice(start, run.end).map((n) => this.node(n)).filter((p): p is Piece => p !== null);
      const ownPiece = own.length === 1 ? own[0]! : { s: own.map(operand).join(' AND '), compound: true };
      this.expansions[original] = [...new Set([...(this.expansions[original] ?? []), ...others])];
      return { piece: this.orPiece([ownPiece, ...others.map((m) => ({ s: quote(m), compound: false }))]), end: run.end };
    }
    return undefined;
  }
}

/** A word the user did not quote or truncate: the only kind synonyms may stand in for. */
function isPlain(n: QueryNode): boolean {
  return (n.type === 'term' && !n.prefix) || (n.type === 'phrase' && n.joined === true && !n.prefix);
}

/** The folded words of nodes as the user typed them, OR groups spelled with OR. */
function textOf(nodes: QueryNode[]): string {
  return nodes.map((n) => positiveTerms(n).join(' OR ')).join(' ');
}

function positiveTerms(n: QueryNode): string[] {
  const out = new Set<string>();
  const walk = (x: QueryNode): void => {
    if (x.type === 'term' || x.type === 'phrase') {
      const t = tokenize(x.text).map(foldKey).join(' ');
      if (t !== '') out.add(t);
    } else if (x.type === 'and' || x.type === 'or') x.children.forEach(walk);
  };
  walk(n);
  return [...out];
}
