import { dayNumber } from '../calendar.ts';
import { foldKey } from '../text.ts';
import type { Archive } from './archive.ts';
import { quote, tokenize, type CompiledQuery } from './query/index.ts';

/** How many of bm25's best are reranked with the features below. */
export const RERANK_DEPTH = 200;

/** Rerank weights, measured with `npm run eval` (see README, "Ranking" and "Relevance eval"). */
export const WEIGHTS = {
  titleCoverage: 0.8,
  leadCoverage: 0.4,
  proximity: 0.4,
  phrase: 0.5,
  hint: 0.6,
  origin: 3,
};

/**
 * A word is born in the archive when, at the rate it is used overall, at least this many releases before
 * its first would have used it: `before * uses / releases >= 10` (the chance of so long a silence from a
 * word in steady use is e^-10). Taji: 36,595 releases before its first, 31 uses in 55,165, 20.6 expected;
 * rugby, first used in the 666th release, 7.1; seabed 5.8.
 */
export const BORN_EXPECTED_BEFORE = 10;
/** The releases of a word's first days are its origin: the announcement and that week's follow-ups. */
export const ORIGIN_DAYS = 7;
/**
 * A word in more releases than this names no single matter, and costs more to date than it tells:
 * 1,000 is 1.8% of the Beehive archive; Taji is in 31 releases, KiwiSaver in 425, Iraq in 261.
 */
export const MATTER_MAX_RELEASES = 1000;

/** Stems already worked out: a word's stem never changes, and three regular expressions a word cost more than a lookup. */
const stems = new Map<string, string>();

/** A light stemmer for comparing words in titles and leads; FTS5's Porter stemmer does the matching. */
export function stem(word: string): string {
  let w = stems.get(word);
  if (w !== undefined) return w;
  w = word.replace(/'s$/, '');
  if (w.length > 5) w = w.replace(/(ations?|ings?|ments?|ers?|ed|ly|es)$/, '');
  if (w.length > 3) w = w.replace(/s$/, '');
  // Bounded: pasted text of made-up words must not grow it for ever.
  if (stems.size >= 200_000) stems.clear();
  stems.set(word, w);
  return w;
}

/** Anything but ASCII, no-break space and general punctuation (curly quotes, dashes): text that folding may change. */
const NOT_PLAIN = /[^\x00-\x7f\u00a0\u2000-\u206f]/;

/** Whether `tokens` may read a text by lower-casing alone (see `scanWords`). */
export function isPlain(text: string): boolean {
  return !NOT_PLAIN.test(text);
}

/**
 * Calls `visit(from, to)` for each word of a lower-cased plain text, where `tokens` would find it, without
 * cutting the words out: most words of a lead or body are skipped by their length or first letter alone.
 */
export function scanWords(lower: string, letters: boolean, visit: (from: number, to: number) => void): void {
  const n = lower.length;
  let i = 0;
  while (i < n) {
    let c = lower.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (!letters && c >= 48 && c <= 57))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && (((c = lower.charCodeAt(j)) >= 97 && c <= 122) || (!letters && c >= 48 && c <= 57))) j++;
    visit(i, j);
    i = j;
  }
}

/**
 * The folded words of a text (letters and digits, or with `letters` letters only), as `foldKey` folds them.
 * Plain text (95% of titles and leads) folds by lower-casing alone: no NFD, no Unicode classes, a tenth of the cost.
 */
export function tokens(text: string, letters = false): string[] {
  if (!NOT_PLAIN.test(text)) return text.toLowerCase().match(letters ? /[a-z]+/g : /[a-z0-9]+/g) ?? [];
  return foldKey(text).match(letters ? /\p{L}+/gu : /[\p{L}\p{N}]+/gu) ?? [];
}

interface Concept {
  /** Each alternative is a sequence of stems: a word, or a phrase. */
  alternatives: string[][];
}

function conceptsOf(q: CompiledQuery): Concept[] {
  return q.terms.map((t) => ({
    alternatives: [t, ...(q.expansions[t] ?? [])].map((alt) => tokens(alt).map(stem)).filter((a) => a.length > 0),
  })).filter((c) => c.alternatives.length > 0);
}

/** What `queryStems` puts for a word whose stem is none of the query's: no stem is this. */
const OTHER = '\u0001';

/**
 * `stem` for the words of a text compared with the query's stems: a stem is a prefix of its word, so a
 * word that starts with none of them is OTHER without being stemmed (most of the words of a lead).
 */
function queryStems(concepts: Concept[]): (word: string) => string {
  const byFirst = new Map<string, string[]>();
  for (const c of concepts) {
    for (const alt of c.alternatives) {
      for (const s of alt) {
        const list = byFirst.get(s[0] ?? '') ?? [];
        if (!list.includes(s)) list.push(s);
        byFirst.set(s[0] ?? '', list);
      }
    }
  }
  // A stem may be empty ("ations"): then any word may be it.
  if (byFirst.has('')) return stem;
  return (word) => (byFirst.get(word[0]!)?.some((s) => word.startsWith(s)) ? stem(word) : OTHER);
}

/**
 * `tokens(text).map(queryStems(concepts))`, the same words: in plain text a word whose first letter starts
 * no query stem is OTHER without being cut out of the text (most of the words of a lead).
 */
function textStems(concepts: Concept[]): (text: string) => string[] {
  const stemOf = queryStems(concepts);
  const first = new Uint8Array(128);
  let empty = false;
  for (const c of concepts) {
    for (const alt of c.alternatives) {
      for (const s of alt) {
        if (s === '') empty = true;
        else if (s.charCodeAt(0) < 128) first[s.charCodeAt(0)] = 1;
      }
    }
  }
  return (text) => {
    if (empty || !isPlain(text)) return tokens(text).map(stemOf);
    const lower = text.toLowerCase();
    const out: string[] = [];
    scanWords(lower, false, (from, to) => out.push(first[lower.charCodeAt(from)] ? stemOf(lower.slice(from, to)) : OTHER));
    return out;
  };
}

/** Positions (token index) where a concept occurs in a stemmed token list. */
function positions(c: Concept, stems: string[]): number[] {
  const out: number[] = [];
  for (const alt of c.alternatives) {
    for (let i = 0; i + alt.length <= stems.length; i++) {
      let ok = true;
      for (let j = 0; j < alt.length && ok; j++) ok = stems[i + j] === alt[j];
      if (ok) out.push(i);
    }
  }
  return out.sort((a, b) => a - b);
}

/** The shortest span of tokens holding every concept, or Infinity. */
function minWindow(lists: number[][]): number {
  if (lists.some((l) => l.length === 0)) return Infinity;
  const idx = lists.map(() => 0);
  let best = Infinity;
  for (;;) {
    let lo = Infinity, hi = -Infinity, loI = 0;
    lists.forEach((l, i) => {
      const v = l[idx[i]!]!;
      if (v < lo) { lo = v; loI = i; }
      if (v > hi) hi = v;
    });
    best = Math.min(best, hi - lo + 1);
    idx[loI]!++;
    if (idx[loI]! >= lists[loI]!.length) return best;
  }
}

/** Days since 1970 of a `YYYYMMDD` day number. */
function epochDay(d: number): number {
  return Date.UTC(Math.floor(d / 10000), (Math.floor(d / 100) % 100) - 1, d % 100) / 864e5;
}

/** How many dated releases the archive holds before `d`, and in all. */
function datedBefore(archive: Archive, d: number): [number, number] {
  const days = archive.memo('sortedDays', () => archive.columns.day.filter((x) => x !== 0).sort());
  let lo = 0, hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < d) lo = mid + 1;
    else hi = mid;
  }
  return [lo, days.length];
}

/**
 * The days on which words of the query were born, as spans of epoch days: the first week of a word's
 * first release, when the archive had long gone without it (BORN_EXPECTED_BEFORE) and it recurs.
 * This is first-story detection (Allan, Papka and Lavrenko, "On-line new event detection and tracking",
 * SIGIR 1998) cut down to one cheap test: "Taji" is first used on 2015-02-24, in the two releases that
 * announced the training mission, and then in every later release that follows the mission.
 */
function births(archive: Archive, q: CompiledQuery): [number, number][] {
  const born: [number, number][] = [];
  for (const t of q.terms) {
    const alts = [t, ...(q.expansions[t] ?? [])].map((a) => tokenize(a)).filter((a) => a.length > 0);
    if (alts.length === 0) continue;
    const match = alts.map((a) => quote(a.join(' '))).join(' OR ');
    const d = bornOn(archive, match);
    if (d !== null) born.push([d, d + ORIGIN_DAYS]);
  }
  return born;
}

/**
 * The epoch day a word (an FTS5 expression) was born on, or null: a property of the word and the archive,
 * worked out once per archive generation (the common words cost a read of MATTER_MAX_RELEASES rows each).
 */
function bornOn(archive: Archive, match: string): number | null {
  const known = archive.memo('births', () => new Map<string, number | null>());
  const had = known.get(match);
  if (had !== undefined) return had;
  const day = archive.columns.day;
  const rows = JSON.parse(
    archive.statement(`SELECT json_group_array(rowid) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ${MATTER_MAX_RELEASES + 1})`).pluck().get(match) as string,
  ) as number[];
  let out: number | null = null;
  if (rows.length <= MATTER_MAX_RELEASES) {
    let first = Infinity, uses = 0;
    for (const r of rows) {
      if (day[r] === 0) continue;
      uses++;
      if (day[r]! < first) first = day[r]!;
    }
    // A word used once or twice has no later history to be the origin of.
    if (uses >= 3) {
      const [before, all] = datedBefore(archive, first);
      if ((before * uses) / all >= BORN_EXPECTED_BEFORE) out = epochDay(first);
    }
  }
  if (known.size >= 50_000) known.clear();
  known.set(match, out);
  return out;
}

/**
 * Reorders bm25's best rows by what a reader means: the query's words in the title and the lead, close
 * together, as a phrase, in the time the query names, and the origin of the matter (the first releases
 * to use a word of the query that the archive did not know before). Updates `score` for the rows it sees.
 */
export function rerank(archive: Archive, q: CompiledQuery, rows: number[], score: Map<number, number>): number[] {
  const concepts = conceptsOf(q);
  if (rows.length === 0 || (concepts.length === 0 && !q.hint)) return rows;
  const stemsOf = textStems(concepts);
  const text = new Map(
    (archive.statement(`SELECT rowid, title, lead FROM releases WHERE rowid IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(rows)) as [number, string, string][])
      .map(([r, t, l]) => [r, { title: stemsOf(t), lead: stemsOf(l) }]),
  );
  const hint = q.hint ? { lo: dayNumber(q.hint.from), hi: dayNumber(q.hint.to) } : undefined;
  const day = archive.columns.day;
  const born = births(archive, q);
  const n = concepts.length;
  for (const r of rows) {
    const t = text.get(r)!;
    const inTitle = concepts.map((c) => positions(c, t.title));
    const both = [...t.title, '\u0000', ...t.lead];
    const inBoth = concepts.map((c) => positions(c, both));
    const titleCov = n ? inTitle.filter((p) => p.length).length / n : 0;
    const leadCov = n ? concepts.map((c) => positions(c, t.lead)).filter((p) => p.length).length / n : 0;
    let prox = 0;
    if (n > 1) {
      const w = minWindow(inBoth);
      if (w !== Infinity) prox = Math.min(1, (n + 1) / w);
    }
    const phrase = concepts.some((c) => c.alternatives[0]!.length > 1 && positions({ alternatives: [c.alternatives[0]!] }, both).length > 0) ? 1 : 0;
    let boost = 1 + WEIGHTS.titleCoverage * titleCov + WEIGHTS.leadCoverage * leadCov + WEIGHTS.proximity * prox + WEIGHTS.phrase * phrase;
    if (born.length) {
      const d = day[r] ? epochDay(day[r]!) : NaN;
      if (born.some(([lo, hi]) => d >= lo && d <= hi)) boost += WEIGHTS.origin;
    }
    if (hint) {
      const d = day[r]!;
      if (d >= hint.lo && d <= hint.hi) boost *= 1 + WEIGHTS.hint;
    }
    score.set(r, (score.get(r) ?? 0) * boost);
  }
  return [...rows].sort((a, b) => score.get(b)! - score.get(a)! || a - b);
}
