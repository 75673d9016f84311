import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { copySuffixSameAs, meanOf, ndcgAt, reciprocalRank } from "./metrics.ts";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≉ ${b}`);

test("ndcg: perfect ranking is 1", () => {
  close(ndcgAt(["a", "b", "c"], { a: 2, b: 1 }), 1);
});

test("ndcg: hand-computed swap", () => {
  // ranked b(1), a(2): DCG = 1/log2(2) + 3/log2(3) = 1 + 1.892789...
  // ideal a(2), b(1): IDCG = 3 + 1/log2(3) = 3.630930...
  const dcg = 1 + 3 / Math.log2(3);
  const idcg = 3 + 1 / Math.log2(3);
  close(ndcgAt(["b", "a"], { a: 2, b: 1 }), dcg / idcg); // ≈ 0.7967
  close(ndcgAt(["b", "a"], { a: 2, b: 1 }), 0.7967075809905066);
});

test("ndcg: unjudged results earn nothing and push relevant ones down", () => {
  // x, a(1): DCG = 1/log2(3); IDCG = 1
  close(ndcgAt(["x", "a"], { a: 1 }), 1 / Math.log2(3));
});

test("ndcg: cutoff k ignores results past k, ideal also cut at k", () => {
  // k = 1: ranked x first → 0
  close(ndcgAt(["x", "a"], { a: 1 }, 1), 0);
  // three grade-1 ids, k = 2, ranked a, x, b: DCG = 1; IDCG = 1 + 1/log2(3)
  close(ndcgAt(["a", "x", "b"], { a: 1, b: 1, c: 1 }, 2), 1 / (1 + 1 / Math.log2(3)));
});

test("ndcg: missing relevant ids lower the score (ideal uses all judgments)", () => {
  // only a(2) retrieved of a(2), b(2): DCG = 3; IDCG = 3 + 3/log2(3)
  close(ndcgAt(["a"], { a: 2, b: 2 }), 3 / (3 + 3 / Math.log2(3)));
});

test("ndcg: grade 0 judgments are not relevant; no relevant → 0", () => {
  close(ndcgAt(["a"], { a: 0 }), 0);
  close(ndcgAt([], {}), 0);
  close(ndcgAt(["a"], { a: 1 }, 0), 0);
});

test("ndcg: duplicates count once via sameAs", () => {
  const known = new Set(["a", "b", "alert-level-4"]);
  const sameAs = copySuffixSameAs(known);
  // a and a-0 are one release; without folding, the copy a-0 would be an unjudged slot.
  // ranked a, a-0, b → canonical a, b → perfect
  close(ndcgAt(["a", "a-0", "b"], { a: 2, "a-0": 2, b: 1 }, 10, sameAs), 1);
  // Without sameAs the copy is judged separately: ideal has a, a-0, b.
  // ranked a, a-0, b is then also perfect, but the ideal is inflated when only one copy is found:
  // ranked a, b: DCG = 3 + 1/log2(3); IDCG = 3 + 3/log2(3) + 1/2
  close(ndcgAt(["a", "b"], { a: 2, "a-0": 2, b: 1 }), (3 + 1 / Math.log2(3)) / (3 + 3 / Math.log2(3) + 0.5));
  // With folding, finding either copy is enough.
  close(ndcgAt(["a-0", "b"], { a: 2, "a-0": 2, b: 1 }, 10, sameAs), 1);
  // Repeating a copy gives no extra gain: ranked a, a-0, b keeps b at rank 2.
  close(ndcgAt(["a", "a-0", "x", "b"], { a: 2, b: 1 }, 10, sameAs), (3 + 1 / Math.log2(4)) / (3 + 1 / Math.log2(3)));
});

test("copySuffixSameAs only strips when the base id exists", () => {
  const sameAs = copySuffixSameAs(new Set(["a", "alert-level"]));
  assert.equal(sameAs("a-0"), "a");
  assert.equal(sameAs("a-1"), "a");
  assert.equal(sameAs("alert-level-4"), "alert-level");
  assert.equal(sameAs("budget-2"), "budget-2");
  assert.equal(sameAs("b"), "b");
});

test("reciprocalRank: first grade ≥ 1", () => {
  close(reciprocalRank(["x", "y", "a", "b"], { a: 1, b: 2 }), 1 / 3);
  close(reciprocalRank(["b"], { b: 2 }), 1);
  close(reciprocalRank(["x", "y"], { a: 1 }), 0);
  close(reciprocalRank(["a"], { a: 0 }), 0);
  close(reciprocalRank([], { a: 1 }), 0);
});

test("reciprocalRank: duplicates of an unjudged id do not push rank down", () => {
  const sameAs = copySuffixSameAs(new Set(["x", "a"]));
  // x, x-0, a → canonical x, a → rank 2
  close(reciprocalRank(["x", "x-0", "a"], { a: 1 }, sameAs), 1 / 2);
  close(reciprocalRank(["x", "x-0", "a"], { a: 1 }), 1 / 3);
  // judgment given only on the copy still counts for the original
  close(reciprocalRank(["a"], { "a-1": 1 }, sameAs), 1);
});

test("meanOf", () => {
  close(meanOf([1, 0, 0.5]), 0.5);
  close(meanOf([]), 0);
});

// ---- the relevance set itself -------------------------------------------------


type RelevanceSet = {
  about: string;
  queries: { query: string; need: string; vocab?: boolean; relevant: Record<string, number> }[];
};

const relevanceSet = JSON.parse(
  readFileSync(new URL("./relevance.json", import.meta.url), "utf8"),
) as RelevanceSet;

test("relevance.json: well-formed judgments", () => {
  assert.ok(relevanceSet.queries.length >= 15);
  const seen = new Set<string>();
  for (const q of relevanceSet.queries) {
    assert.ok(q.query.trim() && q.need.trim(), "query and need are non-empty");
    assert.ok(!seen.has(q.query), `duplicate query ${q.query}`);
    seen.add(q.query);
    const grades = Object.values(q.relevant);
    assert.ok(grades.length > 0, `${q.query}: no judgments`);
    assert.ok(grades.every((g) => g === 1 || g === 2), `${q.query}: grades are 1 or 2`);
    assert.ok(grades.includes(2), `${q.query}: has a grade-2 release`);
    for (const id of Object.keys(q.relevant)) {
      assert.match(id, /^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/, `${q.query}: id ${id}`);
    }
  }
});

const corpusRoot = process.env.PRESSROOM_CORPUS ?? "/work/shared/corpus/beehive-markdown";
// PRESSROOM_CORPUS names the corpus folder, which holds releases/YYYY/MM/.
const corpus = existsSync(join(corpusRoot, "releases")) ? join(corpusRoot, "releases") : corpusRoot;
// Outside CI a missing corpus skips with a reason; under CI it is a failure, not a skip.
const skipIds = !existsSync(corpus) && !process.env.CI ? `no corpus at ${corpus}: set PRESSROOM_CORPUS` : false;
test("relevance.json: every judged id exists in the corpus", { skip: skipIds }, () => {
  const missing: string[] = [];
  for (const q of relevanceSet.queries) {
    for (const id of Object.keys(q.relevant)) {
      if (!existsSync(join(corpus, id.slice(0, 4), id.slice(5, 7), `${id}.md`))) missing.push(`${q.query}: ${id}`);
    }
  }
  assert.deepEqual(missing, []);
});
