/**
 * Load test of the web server on loopback: autocannon over the query set of bench/queries.txt,
 * against `/api/search`. The server runs in a child process (as it does in production, and so the
 * load generator gets the other core), and its RSS is sampled from /proc while under load.
 *
 * Run: `node --import tsx bench/load.ts [pressroom.db] [--duration 20] [--connections 16] [--no-cache]`
 * `bench/run.ts` calls `runLoad(dbFile)`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The part of autocannon's programmatic API used here (it ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: 'GET'; setupRequest: (req: { path?: string }) => { path?: string } }[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadOptions {
  /** Seconds of load after a short warm-up. Default 20. */
  duration?: number;
  /** Concurrent connections. Default 16. */
  connections?: number;
  /** Turn off the server's search-result cache, to measure search itself. Default false. */
  noCache?: boolean;
  /** Search worker threads of the server; 0 searches on its main thread (as before the pool). Default: the server's. */
  workers?: number;
  /** Queries to cycle through; default the lines of bench/queries.txt. */
  queries?: string[];
  /** Print the report. Default true. */
  print?: boolean;
}

export interface LoadReport {
  requests_per_s: number;
  latency_p50_ms: number;
  latency_p90_ms: number;
  latency_p99_ms: number;
  latency_max_ms: number;
  requests: number;
  errors: number;
  non_2xx: number;
  timeouts: number;
  rss_mb_before: number;
  rss_mb_peak: number;
  queries: number;
  connections: number;
  duration_s: number;
  cache: boolean;
  workers: number | 'default';
}

/** The server's environment as the README's deployment runs it: glibc's malloc with two arenas (see "Deploying"). */
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2', ...process.env };

export function benchQueries(): string[] {
  return readFileSync(new URL('./queries.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * Starts the server over `dbFile` in a child process, loads it with searches, and reports
 * throughput, latency percentiles, errors and the server's memory.
 * @example
 * const r = await runLoad('/tmp/pressroom.db', { duration: 10 });
 * r.requests_per_s // => 2400
 */
export async function runLoad(dbFile: string, opts: LoadOptions = {}): Promise<LoadReport> {
  const duration = opts.duration ?? 20;
  const connections = opts.connections ?? 16;
  const queries = opts.queries ?? benchQueries();
  const server = await startServer(dbFile, { noCache: opts.noCache, workers: opts.workers });
  try {
    const url = server.url;
    const paths = queries.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10`);
    let i = 0;
    const request = [{ method: 'GET' as const, setupRequest: (req: { path?: string }) => ({ ...req, path: paths[i++ % paths.length] }) }];
    // Warm-up: page cache, JIT, the in-memory columns.
    await autocannon({ url, connections: 4, duration: 3, requests: request });
    const rssBefore = server.rssMb();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 250);
    const result = await autocannon({ url, connections, duration, requests: request });
    clearInterval(sampler);
    peak = Math.max(peak, server.rssMb());
    const report: LoadReport = {
      requests_per_s: Math.round(result.requests.average),
      latency_p50_ms: result.latency.p50,
      latency_p90_ms: result.latency.p90,
      latency_p99_ms: result.latency.p99,
      latency_max_ms: result.latency.max,
      requests: result.requests.total,
      errors: result.errors,
      non_2xx: result.non2xx,
      timeouts: result.timeouts,
      rss_mb_before: rssBefore,
      rss_mb_peak: peak,
      queries: queries.length,
      connections,
      duration_s: duration,
      cache: !opts.noCache,
      workers: opts.workers ?? 'default',
    };
    if (opts.print !== false) printReport(report);
    return report;
  } finally {
    server.stop();
  }
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  rssMb(): number;
  stop(): void;
}

/**
 * Starts `pressroom serve` over `db` in a child process (the load generator keeps its own core), running
 * dist/ as `npm start` does, and resolves once it listens.
 */
export async function startServer(db: string, opts: { noCache?: boolean; workers?: number } = {}): Promise<ChildServer> {
  const args = [...(opts.noCache ? ['--no-cache'] : []), ...(opts.workers === undefined ? [] : ['--workers', String(opts.workers)])];
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', db, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: SERVER_ENV });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return {
    url,
    child,
    rssMb: () => {
      try {
        return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
      } catch {
        return 0;
      }
    },
    stop: () => void child.kill('SIGTERM'),
  };
}

export function printReport(r: LoadReport): void {
  console.log(
    [
      `load: GET /api/search over ${r.queries} queries, ${r.connections} connections, ${r.duration_s} s, result cache ${r.cache ? 'on' : 'off'}, ${r.workers === 0 ? 'searches on the main thread' : `search workers: ${r.workers}`}`,
      `  ${r.requests_per_s} requests/s (${r.requests} in all)`,
      `  latency p50 ${r.latency_p50_ms} ms, p90 ${r.latency_p90_ms} ms, p99 ${r.latency_p99_ms} ms, max ${r.latency_max_ms} ms`,
      `  errors ${r.errors}, non-2xx ${r.non_2xx}, timeouts ${r.timeouts}`,
      `  server RSS ${r.rss_mb_before} MB before, ${r.rss_mb_peak} MB peak under load`,
    ].join('\n'),
  );
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--serve') {
    // The server runs the built JavaScript of dist/, as `npm start` does (its workers too); `npm run build` first.
    const built = new URL('../dist/server/serve.js', import.meta.url);
    if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first');
    const { serve } = (await import(built.href)) as typeof import('../src/server/serve.ts');
    const w = argv.indexOf('--workers');
    const s = await serve({ db: argv[1]!, port: 0, host: '127.0.0.1', quiet: true, cacheSize: argv.includes('--no-cache') ? 0 : undefined, workers: w >= 0 ? Number(argv[w + 1]) : undefined });
    console.log(`listening ${s.url}`);
    return;
  }
  const flag = (name: string) => {
    const k = argv.indexOf(`--${name}`);
    return k >= 0 ? argv[k + 1] : undefined;
  };
  const db = argv.find((a, k) => !a.startsWith('--') && !argv[k - 1]?.match(/^--(duration|connections)$/)) ?? process.env.PRESSROOM_DB ?? 'pressroom.db';
  if (argv.includes('--compare')) {
    await compareLoad(db, { duration: Number(flag('duration') ?? 15), connections: Number(flag('connections') ?? 16) });
    return;
  }
  await runLoad(db, { duration: Number(flag('duration') ?? 20), connections: Number(flag('connections') ?? 16), noCache: argv.includes('--no-cache') });
}

/**
 * Uncached throughput with searches on the main thread (as before the worker pool) and on the pool, in
 * alternating rounds of the same run, so that a machine shared with other work weighs on both alike.
 */
export async function compareLoad(dbFile: string, opts: { duration?: number; connections?: number; rounds?: number } = {}): Promise<void> {
  const rounds = opts.rounds ?? 2;
  const runs: { before: LoadReport[]; after: LoadReport[] } = { before: [], after: [] };
  for (let i = 0; i < rounds; i++) {
    runs.before.push(await runLoad(dbFile, { ...opts, noCache: true, workers: 0 }));
    runs.after.push(await runLoad(dbFile, { ...opts, noCache: true }));
  }
  const mean = (rs: LoadReport[], k: keyof LoadReport) => rs.reduce((a, r) => a + Number(r[k]), 0) / rs.length;
  const b = { rps: mean(runs.before, 'requests_per_s'), p99: mean(runs.before, 'latency_p99_ms'), rss: Math.max(...runs.before.map((r) => r.rss_mb_peak)) };
  const a = { rps: mean(runs.after, 'requests_per_s'), p99: mean(runs.after, 'latency_p99_ms'), rss: Math.max(...runs.after.map((r) => r.rss_mb_peak)) };
  console.log(
    [
      `uncached, mean of ${rounds} alternated rounds:`,
      `  main thread: ${Math.round(b.rps)} searches/s, p99 ${Math.round(b.p99)} ms, RSS peak ${b.rss} MB`,
      `  worker pool: ${Math.round(a.rps)} searches/s, p99 ${Math.round(a.p99)} ms, RSS peak ${a.rss} MB`,
      `  pool / main: throughput ${(a.rps / b.rps).toFixed(2)}x, p99 ${(a.p99 / b.p99).toFixed(2)}x`,
    ].join('\n'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
