/**
 * Ranking metrics for the relevance test set (eval/relevance.json).
 *
 * Judgments are graded: 2 = the release the query is looking for, 1 = relevant,
 * 0 / absent = not relevant. Gains are 2^g − 1 with a log2(rank + 1) discount.
 *
 * Duplicate releases (the same text stored under `slug`, `slug-0`, `slug-1`)
 * should count once: pass `sameAs`, a canonicaliser mapping an id to its
 * canonical id. Both the ranked list and the judgments are mapped through it;
 * each canonical id earns gain at most once (its first ranked occurrence),
 * and a canonical id's grade is the highest grade among the ids mapped to it.
 */

export type Judgments = Record<string, number>;
export type SameAs = (id: string) => string;

const identity: SameAs = (id) => id;

/** Judgments keyed by canonical id, keeping the highest grade per canonical id. */
function canonicalJudgments(relevant: Judgments, sameAs: SameAs): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, grade] of Object.entries(relevant)) {
    if (!(grade > 0)) continue;
    const c = sameAs(id);
    out.set(c, Math.max(out.get(c) ?? 0, grade));
  }
  return out;
}

/** Ranked list mapped through sameAs, later copies of a canonical id removed. */
function canonicalRanking(ranked: readonly string[], sameAs: SameAs): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ranked) {
    const c = sameAs(id);
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(c);
  }
  return out;
}

const gain = (grade: number): number => 2 ** grade - 1;
const discount = (rank0: number): number => 1 / Math.log2(rank0 + 2);

/**
 * Normalised discounted cumulative gain at k. The ideal ranking is built from
 * the judged grades (all judged-relevant canonical ids, best first). Returns 0
 * when there are no relevant judgments.
 */
export function ndcgAt(
  ranked: readonly string[],
  relevant: Judgments,
  k = 10,
  sameAs: SameAs = identity,
): number {
  if (!(k > 0)) return 0;
  const judged = canonicalJudgments(relevant, sameAs);
  const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += gain(g) * discount(i)));
  if (idcg === 0) return 0;
  let dcg = 0;
  canonicalRanking(ranked, sameAs)
    .slice(0, k)
    .forEach((id, i) => (dcg += gain(judged.get(id) ?? 0) * discount(i)));
  return dcg / idcg;
}

/** 1 / rank of the first result with grade ≥ 1 (after folding duplicates); 0 if none. */
export function reciprocalRank(
  ranked: readonly string[],
  relevant: Judgments,
  sameAs: SameAs = identity,
): number {
  const judged = canonicalJudgments(relevant, sameAs);
  const list = canonicalRanking(ranked, sameAs);
  for (let i = 0; i < list.length; i++) {
    if ((judged.get(list[i]!) ?? 0) >= 1) return 1 / (i + 1);
  }
  return 0;
}

/** Arithmetic mean; 0 for an empty list. */
export function meanOf(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Canonicaliser for the corpus's copy convention: `slug-0` / `slug-1` are
 * copies of `slug` when `slug` itself exists. Only strips the suffix when the
 * base id is known, so ids that merely end in a number ("alert-level-4") stay.
 */
export function copySuffixSameAs(knownIds: ReadonlySet<string>): SameAs {
  return (id) => {
    const m = /^(.*)-\d$/.exec(id);
    return m && knownIds.has(m[1]!) ? m[1]! : id;
  };
}
