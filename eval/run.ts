// npm run eval: relevance (nDCG@10, MRR, empty results) of pressroom against two plain bm25 baselines, on the blind
// set's tuning half A, its held-out half B and the old 35 queries, all in one run; then fact extraction P/R.
// then threads and commitments against issue 12's blind gold (eval/threads-commitments.ts).
// Usage: npm run eval -- [DB] [--half A|B|old] [--only relevance|threads|facts] [--verbose].
// Per-query lines of half B must never guide tuning.
import { parseArgs } from 'node:util';
import { Archive, defaultDbPath } from '../src/index.ts';
import { evalFacts, TARGETS } from './facts.ts';
import { shippedSets, scoreSystems, type QuerySet } from './judged.ts';
import { copySuffixSameAs } from './metrics.ts';
import { bm25All, bm25Any, pressroom } from './systems.ts';
import { printThreadsCommitments } from './threads-commitments.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { half: { type: 'string' }, only: { type: 'string' }, verbose: { type: 'boolean', default: false } },
});
const parts = ['relevance', 'threads', 'facts'] as const;
const only = values.only;
if (only !== undefined && !parts.includes(only as (typeof parts)[number])) {
  console.error(`--only must be relevance, threads or facts, not "${only}"`);
  process.exit(2);
}
const doing = (part: (typeof parts)[number]) => (only ? only === part : part === 'relevance' || !values.half);
const sets = shippedSets();
const names = ['A', 'B', 'old'] as const;
const half = values.half;
if (half !== undefined && !names.includes(half as (typeof names)[number])) {
  console.error(`--half must be A, B or old, not "${half}"`);
  process.exit(2);
}
const chosen = half ? [half as (typeof names)[number]] : [...names];

const archive = Archive.open(positionals[0] ?? defaultDbPath());
const sameAs = copySuffixSameAs(new Set(archive.db.prepare(`SELECT id FROM releases`).pluck().all() as string[]));
const K = 20;
const run = { pressroom: pressroom(archive), 'bm25 all': bm25All(archive), 'bm25 any': bm25Any(archive) };
const systems = Object.fromEntries(Object.entries(run).map(([n, s]) => [n, (q: string) => s(q, K)]));

const TITLES = { A: 'blind half A (tuning)', B: 'blind half B (held out)', old: 'old set (eval/relevance.json)' };
function report(key: (typeof names)[number], set: QuerySet): void {
  const scores = scoreSystems(set, systems, sameAs);
  const note = set.unjudged ? `, ${set.unjudged} not yet judged and left out` : '';
  console.log(`\n${TITLES[key]}: ${set.queries.length} judged queries${note}`);
  // Unread: top-10 results nobody judged (the pool predates them); many means re-pool and judge them (eval/blind/pool.ts).
  console.log(`${'system'.padEnd(10)}  nDCG@10    MRR  no result${set.pooled ? '  unread in top 10' : ''}`);
  for (const s of scores) console.log(`${s.system.padEnd(10)}  ${s.ndcg.toFixed(3).padStart(7)}  ${s.mrr.toFixed(3).padStart(5)}  ${String(s.empty).padStart(9)}${set.pooled ? String(s.unread).padStart(18) : ''}`);
  const best = Math.max(...scores.slice(1).map((s) => s.ndcg));
  console.log(`pressroom / better bm25: ${best > 0 ? (scores[0]!.ndcg / best).toFixed(2) : '∞'}x nDCG@10`);
  if (!values.verbose) return;
  console.log(`  ${scores.map((s) => s.system.padStart(9)).join(' ')}  (nDCG@10; "-" = no result)  query`);
  set.queries.forEach((j, i) => {
    const cells = scores.map((s) => (s.perQuery[i]!.found === 0 ? '-' : s.perQuery[i]!.ndcg.toFixed(3)).padStart(9));
    console.log(`  ${cells.join(' ')}  ${j.query}`);
  });
}
if (doing('relevance')) for (const key of chosen) report(key, sets[key]);
if (doing('threads')) printThreadsCommitments(archive, values.verbose, chosen.filter((h): h is 'A' | 'B' => h === 'A' || h === 'B'));
archive.close();

if (doing('facts')) {
  const facts = await evalFacts();
  console.log(`\nfacts: ${facts.releases} gold releases (eval/facts-gold.json)`);
  console.log('kind      precision  recall  target');
  for (const k of facts.kinds) {
    const t = TARGETS[k.kind];
    console.log(`${k.kind.padEnd(9)} ${k.precision.toFixed(3).padStart(9)}  ${k.recall.toFixed(3).padStart(6)}  P≥${t.precision} R≥${t.recall} ${k.meetsTarget ? 'met' : 'MISSED'}`);
  }
  console.log('\nmoney classes (classifyMoney on the gold money facts found, labelled by reading)');
  console.log('class        given  right  precision  gold  recall');
  for (const c of facts.classes) {
    console.log(`${c.class.padEnd(12)} ${String(c.predicted).padStart(5)}  ${String(c.correct).padStart(5)}  ${c.precision.toFixed(3).padStart(9)}  ${String(c.gold).padStart(4)}  ${c.recall.toFixed(3).padStart(6)}`);
  }
}
