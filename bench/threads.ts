// Story threads: time to answer a thread for releases spread over the archive, each the first ask of its
// matter (cold) and again (cached), beside related() on the same releases as a baseline of the same run.
// Standalone: node --import tsx bench/threads.ts DB
import { fileURLToPath } from 'node:url';
import { Archive, related } from '../src/index.ts';
import { Threads } from '../src/threads/index.ts';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

export function benchThreads(archive: Archive, n = 200): void {
  const total = archive.db.prepare(`SELECT count(*) FROM releases`).pluck().get() as number;
  const step = Math.max(1, Math.floor(total / n));
  const ids = archive.db.prepare(`SELECT id FROM releases WHERE rowid % ? = 0 LIMIT ?`).pluck().all(step, n) as string[];
  const finder = new Threads(archive);
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const cold = ids.map((id) => time(() => finder.thread(id)));
  const warm = ids.map((id) => time(() => finder.thread(id)));
  const base = ids.map((id) => time(() => related(archive, id)));
  const f = (x: number) => x.toFixed(1);
  console.log(`threads (${ids.length} releases spread over the archive)`);
  console.log(`  first ask      p50 ${f(pct(cold, 50))} ms  p99 ${f(pct(cold, 99))} ms`);
  console.log(`  asked again    p50 ${f(pct(warm, 50))} ms  p99 ${f(pct(warm, 99))} ms  (cached per member)`);
  console.log(`  related()      p50 ${f(pct(base, 50))} ms  p99 ${f(pct(base, 99))} ms  → first ask is ${f(pct(cold, 99) / pct(base, 99))}x related at p99`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchThreads(Archive.open(process.argv[2] ?? 'pressroom.db'));
