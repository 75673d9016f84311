/**
 * The judged query sets npm run eval scores, and the scoring of several systems over one set.
 * Sets: the old 35 queries (eval/relevance.json) and the blind set (eval/blind/queries.json with
 * eval/blind/judgments.json), split into half A (tuning) and half B (held out).
 */
import { readFileSync } from 'node:fs';
import { meanOf, ndcgAt, reciprocalRank, type Judgments, type SameAs } from './metrics.ts';

export interface JudgedQuery { query: string; relevant: Judgments }
/** `pooled`: every release judged is listed, grade 0 included, so results outside the judgments were never read. */
export interface QuerySet { name: string; queries: JudgedQuery[]; unjudged: number; pooled: boolean }
export type Half = 'A' | 'B';

interface BlindQueries { queries: { query: string; half: Half }[] }
interface BlindJudgments { judgments: Record<string, Judgments> }

/** The old hand-judged set: every query in it is judged. */
export function oldSet(file: { queries: JudgedQuery[] }): QuerySet {
  return { name: 'old', queries: file.queries.map((q) => ({ query: q.query, relevant: q.relevant })), unjudged: 0, pooled: false };
}

/** One half of the blind set: only queries with judgments are scored; the others are counted as unjudged. */
export function blindHalf(queries: BlindQueries, judged: BlindJudgments, half: Half): QuerySet {
  const out: JudgedQuery[] = [];
  let unjudged = 0;
  queries.queries.forEach((q, i) => {
    if (q.half !== half) return;
    const relevant = judged.judgments[String(i)];
    if (relevant) out.push({ query: q.query, relevant });
    else unjudged++;
  });
  return { name: half, queries: out, unjudged, pooled: true };
}

export const readJson = <T>(url: URL): T => JSON.parse(readFileSync(url, 'utf8')) as T;

/** The sets shipped with the project, read from eval/. */
export function shippedSets(): Record<'A' | 'B' | 'old', QuerySet> {
  const queries = readJson<BlindQueries>(new URL('./blind/queries.json', import.meta.url));
  const judged = readJson<BlindJudgments>(new URL('./blind/judgments.json', import.meta.url));
  return {
    A: blindHalf(queries, judged, 'A'),
    B: blindHalf(queries, judged, 'B'),
    old: oldSet(readJson<{ queries: JudgedQuery[] }>(new URL('./relevance.json', import.meta.url))),
  };
}

/** `unread`: results in the top 10 (copies folded) that the judgments never graded, not even 0. */
export interface QueryScore { query: string; ndcg: number; rr: number; found: number; unread: number }
export interface SystemScore { system: string; ndcg: number; mrr: number; empty: number; unread: number; perQuery: QueryScore[] }

/** nDCG@10 and MRR of each system over a set, and how many queries it answered with nothing. */
export function scoreSystems(
  set: QuerySet,
  systems: Record<string, (q: string) => readonly string[]>,
  sameAs: SameAs,
): SystemScore[] {
  return Object.entries(systems).map(([system, run]) => {
    const perQuery = set.queries.map((j) => {
      const ranked = run(j.query);
      const read = new Set(Object.keys(j.relevant).map(sameAs));
      const top = [...new Set(ranked.map(sameAs))].slice(0, 10);
      const unread = top.filter((id) => !read.has(id)).length;
      return { query: j.query, ndcg: ndcgAt(ranked, j.relevant, 10, sameAs), rr: reciprocalRank(ranked, j.relevant, sameAs), found: ranked.length, unread };
    });
    return {
      system,
      ndcg: meanOf(perQuery.map((r) => r.ndcg)),
      mrr: meanOf(perQuery.map((r) => r.rr)),
      empty: perQuery.filter((r) => r.found === 0).length,
      unread: perQuery.reduce((n, r) => n + r.unread, 0),
      perQuery,
    };
  });
}
