import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blindHalf, oldSet, scoreSystems } from './judged.ts';
import { copySuffixSameAs } from './metrics.ts';

const queries = {
  queries: [
    { query: 'gun buyback', half: 'A' as const },
    { query: 'pokies', half: 'B' as const },
    { query: 'bike trails', half: 'A' as const },
    { query: 'the dole', half: 'B' as const },
  ],
};
const judged = { judgments: { '0': { 'buyback-2019': 2, 'gun-laws': 1, 'gun-show': 0 }, '1': { 'pokies-act': 2 }, '2': { 'cycle-trail': 2 } } };

test('blindHalf keeps the judged queries of its half and counts the rest as unjudged', () => {
  const a = blindHalf(queries, judged, 'A');
  assert.deepEqual(a.queries.map((q) => q.query), ['gun buyback', 'bike trails']);
  assert.equal(a.unjudged, 0);
  const b = blindHalf(queries, judged, 'B');
  assert.deepEqual(b.queries, [{ query: 'pokies', relevant: { 'pokies-act': 2 } }]);
  assert.equal(b.unjudged, 1);
});

test('oldSet scores every query of the old file', () => {
  const s = oldSet({ queries: [{ query: 'Kiwibank', relevant: { k: 2 } }] });
  assert.equal(s.queries.length, 1);
  assert.equal(s.unjudged, 0);
});

test('scoreSystems: means over the set, copies folded, and empty results counted', () => {
  const set = blindHalf(queries, judged, 'A');
  const sameAs = copySuffixSameAs(new Set(['buyback-2019', 'buyback-2019-1', 'gun-laws', 'cycle-trail', 'other']));
  const scores = scoreSystems(set, {
    perfect: (q) => (q === 'gun buyback' ? ['buyback-2019', 'gun-laws'] : ['cycle-trail']),
    // A copy of the best release first, then the same release again: counts once, at rank 1.
    copies: (q) => (q === 'gun buyback' ? ['buyback-2019-1', 'buyback-2019', 'other', 'gun-laws'] : []),
  }, sameAs);
  const [perfect, copies] = scores;
  assert.equal(perfect!.ndcg, 1);
  assert.equal(perfect!.mrr, 1);
  assert.equal(perfect!.empty, 0);
  // gun buyback: DCG = 3 + 1/log2(4) = 3.5; IDCG = 3 + 1/log2(3); bike trails: nothing found, 0.
  const gun = 3.5 / (3 + 1 / Math.log2(3));
  assert.ok(Math.abs(copies!.ndcg - gun / 2) < 1e-12);
  assert.equal(copies!.mrr, 0.5);
  assert.equal(copies!.empty, 1);
  assert.deepEqual(copies!.perQuery.map((r) => r.found), [4, 0]);
  // 'other' was never graded for "gun buyback": one unread result in that top 10.
  assert.equal(copies!.unread, 1);
  assert.equal(perfect!.unread, 0);
});
