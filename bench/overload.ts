/**
 * The requests of issue 16's table, alone and four at once, against a server on loopback over the real
 * archive: each must answer within its budget or be refused (400/503) within 2 s, and a light search
 * (`/api/search?q=Taji`) must keep its p99 while they run. Also reports what a replaced worker cost.
 *
 * Run: `node --import tsx bench/overload.ts [pressroom.db] [--seconds 20]`
 */
import { fileURLToPath } from 'node:url';
import { flag, startServer } from './hostile.ts';

const OR_5000 = Array.from({ length: 700 }, (_, i) => ['for', 'iraq', 'schools', 'by', 'pm', 'housing', 'rail', 'funding'][i % 8]).join(' OR ').slice(0, 5000);
export const TABLE = [
  '/api/search?limit=100&q=th*',
  '/search.jsonl?q=%22a%22%20%22b%22%20a**',
  `/search.jsonl?q=${encodeURIComponent(OR_5000)}`,
  '/search.csv?q=to',
  '/search.jsonl?q=the',
  '/search?q=NOT%20m%C4%81ori%20co*',
  // Past the limits' reach: sixteen of the commonest words, each in nearly every release.
  `/api/search?limit=100&q=${encodeURIComponent('for OR by OR the OR to OR and OR of OR in OR a OR is OR on OR with OR at OR as OR it OR be OR we')}`,
];

async function timed(url: string): Promise<{ status: number; ms: number; firstMs: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const firstMs = performance.now() - t0;
  const bytes = (await res.arrayBuffer()).byteLength;
  return { status: res.status, ms: performance.now() - t0, firstMs, bytes };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
};

export async function runOverload(db: string, seconds = 20): Promise<void> {
  const server = await startServer(db);
  try {
    const base = server.url;
    // Warm-up: page cache and JIT, and Taji's baseline with nothing else running.
    for (let i = 0; i < 20; i++) await timed(`${base}/api/search?q=Taji`);
    const idle: number[] = [];
    for (let i = 0; i < 100; i++) idle.push((await timed(`${base}/api/search?q=Taji`)).ms);
    console.log(`overload: Taji alone p50 ${pct(idle, 0.5)} ms, p99 ${pct(idle, 0.99)} ms`);
    console.log('each request of the table, alone:');
    for (const path of TABLE) {
      const r = await timed(base + path);
      console.log(`  ${r.status} first byte ${Math.round(r.firstMs)} ms, all ${Math.round(r.ms)} ms, ${r.bytes} B  ${decodeURIComponent(path).slice(0, 90)}`);
    }
    // Four of them at once, over and over, by four clients (each may run two exports): Taji meanwhile.
    const until = performance.now() + seconds * 1000;
    const heavy = [TABLE[3]!, TABLE[4]!, TABLE[6]!, TABLE[0]!];
    const statuses: Record<string, number> = {};
    let late = 0;
    const loops = heavy.map(async (path) => {
      while (performance.now() < until) {
        const r = await timed(base + path);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        const budget = path.startsWith('/search.') && r.status === 200 ? 60_000 : 2000;
        if (r.firstMs > 2000 || r.ms > budget) late++;
      }
    });
    const taji: number[] = [];
    const tajiStatus: Record<string, number> = {};
    while (performance.now() < until) {
      const r = await timed(`${base}/api/search?q=Taji`);
      taji.push(r.ms);
      tajiStatus[r.status] = (tajiStatus[r.status] ?? 0) + 1;
    }
    await Promise.all(loops);
    console.log(`four at once for ${seconds} s: ${JSON.stringify(statuses)}, past budget ${late}`);
    console.log(`  Taji meanwhile: ${taji.length} requests ${JSON.stringify(tajiStatus)}, p50 ${pct(taji, 0.5)} ms, p99 ${pct(taji, 0.99)} ms, max ${pct(taji, 1)} ms`);
    const health = await (await fetch(`${base}/healthz`)).json();
    console.log(`  workers ${health.workers}, restarts ${health.restarts}, a replacement ready in ${health.restart_ms ?? '–'} ms on average; server RSS ${server.rssMb()} MB`);
  } finally {
    server.stop();
  }
}

async function main(argv: string[]): Promise<void> {
  const db = argv.find((a, k) => !a.startsWith('--') && !argv[k - 1]?.startsWith('--')) ?? process.env.PRESSROOM_DB ?? 'pressroom.db';
  await runOverload(db, Number(flag(argv, 'seconds') ?? 20));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
