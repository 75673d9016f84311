// npm run eval: relevance (nDCG@10, MRR) of pressroom against plain bm25 over the same text, and fact extraction P/R.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Archive, search, defaultDbPath } from '../src/index.ts';
import { compileQuery, parseQuery } from '../src/search/query/index.ts';
import { evalFacts, TARGETS } from './facts.ts';
import { copySuffixSameAs, meanOf, ndcgAt, reciprocalRank } from './metrics.ts';

interface Judged { query: string; relevant: Record<string, number> }

const db = process.argv[2] ?? defaultDbPath();
const archive = Archive.open(db);
const set = JSON.parse(readFileSync(fileURLToPath(new URL('./relevance.json', import.meta.url)), 'utf8')) as { queries: Judged[] };
const ids = new Set(archive.db.prepare(`SELECT id FROM releases`).pluck().all() as string[]);
const sameAs = copySuffixSameAs(ids);

/** Plain bm25: every word required, no synonyms, no weights, no reranking — the baseline. */
function plain(q: string): string[] {
  const c = compileQuery(parseQuery(q), { synonyms: false });
  if (!c.match) return [];
  return archive.db.prepare(`SELECT r.id FROM fts JOIN releases r ON r.rowid = fts.rowid WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 20`).pluck().all(c.match) as string[];
}
function ours(q: string): string[] {
  const r = search(archive, q, { limit: 20 });
  return r.hits.flatMap((h) => [h.id, ...h.duplicates]);
}

const rows: { q: string; nd: [number, number]; rr: [number, number] }[] = [];
for (const j of set.queries) {
  const a = ours(j.query), b = plain(j.query);
  rows.push({ q: j.query, nd: [ndcgAt(a, j.relevant, 10, sameAs), ndcgAt(b, j.relevant, 10, sameAs)], rr: [reciprocalRank(a, j.relevant, sameAs), reciprocalRank(b, j.relevant, sameAs)] });
}
const verbose = process.argv.includes('--verbose');
if (verbose) for (const r of rows) console.log(`${r.nd[0].toFixed(3)} ${r.nd[1].toFixed(3)}  ${r.q}`);
const nd = [meanOf(rows.map((r) => r.nd[0])), meanOf(rows.map((r) => r.nd[1]))];
const rr = [meanOf(rows.map((r) => r.rr[0])), meanOf(rows.map((r) => r.rr[1]))];
console.log(`relevance: ${rows.length} judged queries (eval/relevance.json)`);
console.log(`             nDCG@10   MRR`);
console.log(`pressroom    ${nd[0]!.toFixed(3)}     ${rr[0]!.toFixed(3)}`);
console.log(`plain bm25   ${nd[1]!.toFixed(3)}     ${rr[1]!.toFixed(3)}`);
console.log(`ratio        ${(nd[0]! / nd[1]!).toFixed(2)}x     ${(rr[0]! / rr[1]!).toFixed(2)}x`);

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
