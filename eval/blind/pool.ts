// Pools the top 20 of four systems for each blind query, for judging by reading: pressroom, bm25 with all words,
// bm25 with any word, and a plain scan of the releases table. Writes outside the repo (corpus text is never committed).
// Usage: node --import tsx eval/blind/pool.ts [db] [out.json] [outdir-for-text]; ids not yet graded are marked [new].
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Archive, defaultDbPath, foldKey } from '../../src/index.ts';
import { copySuffixSameAs } from '../metrics.ts';
import { bm25All, bm25Any, plainTerms, pressroom } from '../systems.ts';

const DEPTH = 20;
const db = process.argv[2] ?? defaultDbPath();
const out = process.argv[3] ?? '/work/dbs/pool.json';
const textDir = process.argv[4] ?? '/work/dbs/pool';
const set = JSON.parse(readFileSync(fileURLToPath(new URL('./queries.json', import.meta.url)), 'utf8')) as { queries: { query: string; need: string }[] };
// Ids already graded (0 included): a re-pool after ranking changes marks the others [new] for judging.
const graded = JSON.parse(readFileSync(fileURLToPath(new URL('./judgments.json', import.meta.url)), 'utf8')) as { judgments: Record<string, Record<string, number>> };
const archive = Archive.open(db);

interface Row { id: string; date: string | null; title: string; lead: string; body: string }
const rows = archive.db.prepare(`SELECT id, date, title, lead, body FROM releases ORDER BY rowid`).all() as Row[];
const sameAs = copySuffixSameAs(new Set(rows.map((r) => r.id)));
const byId = new Map(rows.map((r) => [r.id, r]));

// Words too common to say anything in a scan that counts words matched.
const STOP = new Set('a an and are as at be by can do for from get going how i in is it my of on or the their there to up was what when where which who why will with'.split(' '));
const words = (s: string): string[] => foldKey(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Plain scan: releases whose title or body contain the most distinct query words (no stemming), title words breaking ties. */
function scanAll(queries: string[]): string[][] {
  const qw = queries.map((q) => [...new Set(words(q).filter((w) => !STOP.has(w)))]);
  const wanted = new Set(qw.flat());
  const best: { id: string; n: number; t: number }[][] = queries.map(() => []);
  for (const r of rows) {
    const inBody = new Set(words(`${r.lead} ${r.body}`).filter((w) => wanted.has(w)));
    const inTitle = new Set(words(r.title).filter((w) => wanted.has(w)));
    qw.forEach((ws, i) => {
      let n = 0, t = 0;
      for (const w of ws) { if (inTitle.has(w)) t++; if (inTitle.has(w) || inBody.has(w)) n++; }
      if (n > 0) best[i]!.push({ id: r.id, n, t });
    });
  }
  return best.map((b) => b.sort((x, y) => y.n - x.n || y.t - x.t).slice(0, DEPTH).map((x) => x.id));
}

const systems = { pressroom: pressroom(archive), bm25All: bm25All(archive), bm25Any: bm25Any(archive) };
const scans = scanAll(set.queries.map((q) => q.query));
mkdirSync(textDir, { recursive: true });
const pool = set.queries.map((q, i) => {
  const found = [...Object.values(systems).map((s) => s(q.query, DEPTH)), scans[i]!];
  const ids = [...new Set(found.flat().map(sameAs))].sort();
  const items = ids.map((id) => {
    const r = byId.get(id)!;
    return { id, date: r.date, title: r.title, lead: (r.lead || r.body).slice(0, 400) };
  });
  // Judged text lists releases in id (date) order with no hint of which system found them.
  const text = [`# ${i} ${q.query}`, `need: ${q.need}`, `terms: ${plainTerms(q.query).join(' ')}`, '',
    ...items.map((it) => `${it.id in (graded.judgments[String(i)] ?? {}) ? '' : '[new] '}${it.id}\n  ${it.title}\n  ${it.lead.replace(/\s+/g, ' ').slice(0, 300)}`)].join('\n');
  writeFileSync(join(textDir, `${String(i).padStart(2, '0')}.txt`), text + '\n');
  return { index: i, query: q.query, ids: items };
});
writeFileSync(out, JSON.stringify(pool, null, 1));
console.log(`pooled ${pool.length} queries, ${pool.reduce((s, p) => s + p.ids.length, 0)} releases to judge → ${out}, ${textDir}/`);
archive.close();
