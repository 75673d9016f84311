/**
 * What one query may cost, decided before it runs: SQLite cannot interrupt a running statement
 * (better-sqlite3 is built without the progress handler), so a query too broad to answer in time is
 * refused up front with a 400 that says what to write instead. See README "Limits".
 */
import { BadQueryError } from '../../errors.ts';
import { foldKey } from '../../text.ts';
import { TOKENIZE } from '../../store/schema.ts';
import type { Archive } from '../archive.ts';
import { compileQuery, type CompiledQuery } from './compile.ts';
import { lex } from './lex.ts';
import { parseQuery, type ParsedQuery, type QueryNode } from './parse.ts';

/** The limits of README "Limits" and the OpenAPI document. */
export const QUERY_LIMITS = {
  /** Letters before a `*`: `th*` would read the postings of every word starting "th". */
  minPrefixLetters: 3,
  /** Index words one prefix may stand for. */
  maxPrefixWords: 250,
  /** (word, release) pairs the words of one prefix may hold between them: what FTS5 reads to merge them. */
  maxPrefixPostings: 100_000,
  /** Alternatives joined by OR, over the whole query. */
  maxOrBranches: 16,
  /** Words, phrases and operators (OR, NOT), over the whole query; filters do not count. */
  maxItems: 40,
  /**
   * (word, release) pairs the whole query reads: about a second of one core on the reference machine.
   * Sixteen of the commonest words joined by OR read 760,000.
   */
  maxPostings: 400_000,
} as const;

/** What a query will cost, estimated from the document frequencies of its words. */
export interface QueryCost {
  /** An upper estimate of the releases it matches. */
  matches: number;
  /** (word, release) pairs FTS5 reads to evaluate it once. */
  postings: number;
  /** Of `postings`, those read for prefixes: FTS5 merges them again on every evaluation of the MATCH. */
  prefixPostings: number;
}

interface Vocabulary {
  /** Words and their postings for a prefix. */
  range(prefix: string): { words: number; postings: number };
  /** Releases holding a word, under the stem the index stores it as. */
  docs(word: string): number;
  /** The stem the index stores a word under (`housing` → `hous`). */
  stem(word: string): string;
  releases: number;
  /** The whole vocabulary, when it was read into memory. */
  packed?: PackedVocabulary;
}

/** Archives whose vocabulary is read whole into memory, each generation (see `loadVocabulary`). */
const inMemory = new WeakSet<Archive>();

/**
 * The full-text index's vocabulary packed in four typed arrays, in the index's (bytewise) term order:
 * a megabyte or two where a Map of 73,000 strings took tens, and over SharedArrayBuffers so that the
 * server's search workers use the main thread's copy instead of each reading the index again.
 */
export interface PackedVocabulary {
  /** The terms' UTF-8 bytes, one after another. */
  bytes: Uint8Array;
  /** Where each term starts in `bytes`; one more entry than terms, the last is the end. */
  starts: Uint32Array;
  /** Releases holding each term. */
  docs: Uint32Array;
  /** Running total of `docs`: postings of terms [i, j) are sums[j] - sums[i]. */
  sums: Float64Array;
  releases: number;
}

/** Reads the vocabulary into shared typed arrays, streaming: no array of 73,000 rows on the heap. */
function packVocabulary(archive: Archive): PackedVocabulary {
  const sql = sqlVocabulary(archive);
  const n = archive.db.prepare(`SELECT count(*) FROM temp.fts_terms`).pluck().get() as number;
  const starts = new Uint32Array(new SharedArrayBuffer(4 * (n + 1)));
  const docs = new Uint32Array(new SharedArrayBuffer(4 * n));
  const sums = new Float64Array(new SharedArrayBuffer(8 * (n + 1)));
  let bytes = new Uint8Array(16 * n + 16);
  const enc = new TextEncoder();
  let used = 0;
  let i = 0;
  for (const [term, doc] of archive.db.prepare(`SELECT term, doc FROM temp.fts_terms`).raw().iterate() as Iterable<[string, number]>) {
    if (i === n) break;
    if (bytes.length - used < 4 * term.length) {
      const grown = new Uint8Array(2 * bytes.length + 4 * term.length);
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    starts[i] = used;
    used += enc.encodeInto(term, bytes.subarray(used)).written;
    docs[i] = doc;
    sums[i + 1] = sums[i]! + doc;
    i++;
  }
  starts[i] = used;
  const shared = new Uint8Array(new SharedArrayBuffer(used));
  shared.set(bytes.subarray(0, used));
  return { bytes: shared, starts: starts.subarray(0, i + 1), docs: docs.subarray(0, i), sums: sums.subarray(0, i + 1), releases: sql.releases };
}

/** Compares term i of the packed vocabulary with `key`, bytewise. */
function compareTerm(v: PackedVocabulary, i: number, key: Uint8Array): number {
  const from = v.starts[i]!;
  const len = v.starts[i + 1]! - from;
  const n = Math.min(len, key.length);
  for (let k = 0; k < n; k++) {
    const d = v.bytes[from + k]! - key[k]!;
    if (d !== 0) return d;
  }
  return len - key.length;
}

function memoryVocabulary(archive: Archive, packed: PackedVocabulary): Vocabulary {
  const sql = sqlVocabulary(archive);
  const enc = new TextEncoder();
  const terms = packed.docs.length;
  /** Index of the first term not below `key`, bytewise (fts5vocab's order). */
  const lowerBound = (key: Uint8Array): number => {
    let lo = 0;
    let hi = terms;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTerm(packed, mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const exact = (word: string): number | undefined => {
    const key = enc.encode(word);
    const i = lowerBound(key);
    return i < terms && compareTerm(packed, i, key) === 0 ? packed.docs[i] : undefined;
  };
  return {
    range(prefix) {
      const p = enc.encode(prefix);
      const from = lowerBound(p);
      let to = from;
      while (to < terms && startsWith(packed, to, p)) to++;
      return { words: to - from, postings: packed.sums[to]! - packed.sums[from]! };
    },
    docs: (word) => exact(word) ?? exact(sql.stem(word)) ?? 0,
    stem: sql.stem,
    releases: packed.releases,
    packed,
  };
}

/** The vocabulary looked up through fts5vocab query by query: for one-off use (the CLI), where reading it all would cost more. */
function sqlVocabulary(archive: Archive): Vocabulary {
  const db = archive.db;
  db.exec(`
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, 'fts', 'row');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5(x, tokenize = '${TOKENIZE}');
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_terms USING fts5vocab(temp, 'stemmer', 'instance');
  `);
  const range = db.prepare(`SELECT count(*), coalesce(sum(doc), 0) FROM temp.fts_terms WHERE term >= ? AND term < ?`).raw();
  const one = db.prepare(`SELECT doc FROM temp.fts_terms WHERE term = ?`).pluck();
  const put = db.prepare(`INSERT INTO temp.stemmer (x) VALUES (?)`);
  const stems = db.prepare(`SELECT term FROM temp.stemmer_terms`).pluck();
  const clear = db.prepare(`DELETE FROM temp.stemmer`);
  const stem = (word: string): string => {
    put.run(word);
    const out = (stems.get() as string | undefined) ?? word;
    clear.run();
    return out;
  };
  return {
    range(prefix) {
      const [words, postings] = range.get(prefix, `${prefix}\u{10FFFF}`) as [number, number];
      return { words, postings };
    },
    docs: (word) => (one.get(stem(word)) as number | undefined) ?? 0,
    stem,
    releases: (db.prepare(`SELECT count(*) FROM releases`).pluck().get() as number) || 1,
  };
}

function vocabulary(archive: Archive): Vocabulary {
  // Per generation: its statements belong to the connection, which a rebuild renamed into place replaces.
  return inMemory.has(archive)
    ? archive.memo('fts-vocabulary-memory', () => memoryVocabulary(archive, packVocabulary(archive)))
    : archive.memo('fts-vocabulary-sql', () => sqlVocabulary(archive));
}

function startsWith(v: PackedVocabulary, i: number, p: Uint8Array): boolean {
  const from = v.starts[i]!;
  if (v.starts[i + 1]! - from < p.length) return false;
  for (let k = 0; k < p.length; k++) if (v.bytes[from + k] !== p[k]) return false;
  return true;
}

/**
 * Reads the whole vocabulary into memory (about a second), for a long-running process: each query's
 * estimate is then lookups in memory instead of fts5vocab reads (15 ms for "the"). A worker passes the
 * main thread's `shared` copy, which then serves this generation without reading the index again.
 * @returns the packed vocabulary, to hand to workers.
 */
export function loadVocabulary(archive: Archive, shared?: PackedVocabulary): PackedVocabulary | undefined {
  inMemory.add(archive);
  if (shared) return archive.memo('fts-vocabulary-memory', () => memoryVocabulary(archive, shared)).packed;
  return vocabulary(archive).packed;
}

const fmt = (n: number) => n.toLocaleString('en-NZ');

/**
 * Refuses a query with too many words and operators, or too many alternatives joined by OR.
 * @throws BadQueryError saying what to write instead.
 * @example
 * checkQueryShape('a OR b OR c OR d OR e OR f OR g OR h OR i OR j OR k OR l OR m OR n OR o OR p OR q')
 * // throws BadQueryError('the query has 17 alternatives joined by OR; use at most 16, …')
 */
export function checkQueryShape(input: string, parsed = parseQuery(input)): void {
  const items = lex(input).filter((lx) => lx.kind !== 'filter').length;
  if (items > QUERY_LIMITS.maxItems) {
    throw new BadQueryError(
      `the query has ${fmt(items)} words and operators; use at most ${QUERY_LIMITS.maxItems}: keep the few words that say most about what you want`,
    );
  }
  let branches = 0;
  const walk = (n: QueryNode): void => {
    if (n.type === 'or') branches += n.children.length;
    if (n.type === 'and' || n.type === 'or') n.children.forEach(walk);
    else if (n.type === 'not') walk(n.child);
  };
  if (parsed.text) walk(parsed.text);
  if (branches > QUERY_LIMITS.maxOrBranches) {
    throw new BadQueryError(
      `the query has ${fmt(branches)} alternatives joined by OR; use at most ${QUERY_LIMITS.maxOrBranches}, or search the alternatives separately`,
    );
  }
}

/**
 * Estimates the cost of a parsed query from the index's vocabulary, refusing prefixes that are too
 * short or stand for too many words.
 * @throws BadQueryError for a prefix with fewer than three letters, or too many words or postings.
 * @example
 * estimateCost(archive, parseQuery('th*')) // throws BadQueryError('`th*` matches 376 words; use at least three letters before `*`')
 */
export function estimateCost(archive: Archive, parsed: ParsedQuery): QueryCost {
  const vocab = vocabulary(archive);
  const cost = { matches: 0, postings: 0, prefixPostings: 0 };
  const read: [string, number][] = [];
  const visit = (n: QueryNode): number => {
    switch (n.type) {
      case 'term':
      case 'phrase': {
        const words = n.text.split(' ').map(foldKey).filter(Boolean);
        if (words.length === 0) return 0;
        let least = vocab.releases;
        words.forEach((w, i) => {
          if (n.prefix && i === words.length - 1) {
            const p = prefixCost(vocab, w, n.text);
            read.push([`${w}*`, p]);
            cost.postings += p;
            cost.prefixPostings += p;
            least = Math.min(least, p);
          } else {
            const d = vocab.docs(w);
            read.push([w, d]);
            cost.postings += d;
            least = Math.min(least, d);
          }
        });
        return Math.min(least, vocab.releases);
      }
      case 'and': {
        const pos = n.children.filter((c) => c.type !== 'not').map(visit);
        n.children.filter((c) => c.type === 'not').forEach(visit);
        return pos.length ? Math.min(...pos) : vocab.releases;
      }
      case 'or':
        return Math.min(vocab.releases, n.children.map(visit).reduce((a, b) => a + b, 0));
      case 'not':
        visit(n.child);
        return vocab.releases;
    }
  };
  cost.matches = parsed.text ? visit(parsed.text) : vocab.releases;
  if (cost.postings > QUERY_LIMITS.maxPostings) {
    const commonest = [...new Map(read)].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([w]) => w);
    throw new BadQueryError(
      `the query reads ${fmt(cost.postings)} (word, release) pairs, more than the ${fmt(QUERY_LIMITS.maxPostings)} one query may; leave out the commonest of its words (${commonest.join(', ')})`,
    );
  }
  return cost;
}

function prefixCost(vocab: Vocabulary, prefix: string, typed: string): number {
  const { words, postings } = vocab.range(prefix);
  const shown = `\`${typed}*\``;
  if ([...prefix].length < QUERY_LIMITS.minPrefixLetters) {
    throw new BadQueryError(`${shown} matches ${fmt(words)} words; use at least three letters before \`*\``);
  }
  if (words > QUERY_LIMITS.maxPrefixWords) {
    throw new BadQueryError(`${shown} matches ${fmt(words)} words; add letters before \`*\` so that it matches at most ${QUERY_LIMITS.maxPrefixWords}, or write the words out`);
  }
  if (postings > QUERY_LIMITS.maxPrefixPostings) {
    throw new BadQueryError(
      `${shown} matches ${fmt(words)} words used ${fmt(postings)} times across the releases; add letters before \`*\`, or write the words you mean`,
    );
  }
  return postings;
}

/**
 * Parses, checks and compiles a query: what `search` and `matchingRows` run.
 * @throws BadQueryError for a query past one of `QUERY_LIMITS`.
 */
export function boundedQuery(archive: Archive, input: string): { q: CompiledQuery; cost: QueryCost } {
  const parsed = parseQuery(input);
  checkQueryShape(input, parsed);
  const cost = estimateCost(archive, parsed);
  return { q: compileQuery(parsed), cost };
}
