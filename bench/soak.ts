/**
 * `npm run soak`: 60 s of mixed load on a server on loopback, most of it the searches and pages people
 * make (bench/queries.txt) and a share hostile (hostile.ts), with the server's RSS sampled each second.
 *
 * Run: `npm run soak -- [pressroom.db] [--seconds 60] [--concurrency 8] [--hostile 0.1] [--seed 1]`
 * Every bench query goes once through each route first (warm-up, unsampled), then RSS is sampled each second.
 * Exits 1 on a 5xx other than 503, a connection error, or a request past its budget without a 400/429/503.
 */
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../test/helpers/random.ts';
import { BUDGET_MS, fire, flag, hostileProbe, printHostile, report, startServer, type HostileReport, type Outcome, type Probe } from './hostile.ts';
import { benchQueries } from './load.ts';

export interface SoakOptions {
  seconds?: number;
  concurrency?: number;
  /** Share of hostile requests; default 0.1. */
  hostile?: number;
  seed?: number;
  print?: boolean;
}

export interface SoakReport extends HostileReport {
  seconds: number;
  /** RSS in MB, one sample a second, from the end of the warm-up. */
  rss_mb: number[];
  /** RSS at the end against RSS at the start of the measured run (each the median of a tenth of the samples), in percent. */
  rss_drift_pct: number;
  /** The warm-up: every query of the bench once through each route, before any RSS sample. */
  warmup: { requests: number; server_errors: number; connection_errors: number; rss_mb_before: number };
  /** Workers ended and replaced during the measured run (a replaced worker gives back its memory). */
  worker_restarts: number;
}

/**
 * Every query of the bench once through each route the mix uses: what the server keeps per archive
 * (its result cache, each worker's per-word memos and page cache) is filled before RSS is first sampled,
 * so the run measures whether memory grows under load, not how fast caches fill.
 */
function* warmup(): Generator<Probe> {
  for (const q of benchQueries().map(encodeURIComponent)) {
    for (const path of [`/api/search?q=${q}&limit=10`, `/search?q=${q}`, `/api/trends?q=${q}`]) yield { path, budgetMs: BUDGET_MS };
  }
}

/** The median of the samples in [from, to). */
function median(xs: number[], from: number, to: number): number {
  const s = xs.slice(from, Math.max(from + 1, to)).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function restarts(url: string): Promise<number> {
  try {
    return ((await (await fetch(`${url}/healthz`)).json()) as { restarts?: number }).restarts ?? 0;
  } catch {
    return 0;
  }
}

function* mixed(seed: number, hostile: number, until: number): Generator<Probe> {
  const r = seededRandom(seed);
  const queries = benchQueries();
  while (performance.now() < until) {
    if (r.next() < hostile) {
      yield hostileProbe(r);
      continue;
    }
    const q = encodeURIComponent(r.pick(queries));
    const x = r.next();
    yield { path: x < 0.7 ? `/api/search?q=${q}&limit=10` : x < 0.95 ? `/search?q=${q}` : `/api/trends?q=${q}`, budgetMs: BUDGET_MS };
  }
}

export async function runSoak(db: string, opts: SoakOptions = {}): Promise<SoakReport> {
  const seconds = opts.seconds ?? 60;
  const server = await startServer(db);
  try {
    const rssBefore = server.rssMb();
    const warm: Outcome[] = [];
    const warmErrors: string[] = [];
    await fire(server.url, warmup(), opts.concurrency ?? 8, warm, warmErrors);
    const warmReport = report(warm, warmErrors);
    const restartsBefore = await restarts(server.url);
    const rss: number[] = [server.rssMb()];
    const sampler = setInterval(() => rss.push(server.rssMb()), 1000);
    const outcomes: Outcome[] = [];
    const errors: string[] = [];
    await fire(server.url, mixed(opts.seed ?? 1, opts.hostile ?? 0.1, performance.now() + seconds * 1000), opts.concurrency ?? 8, outcomes, errors);
    clearInterval(sampler);
    rss.push(server.rssMb());
    // A tenth of the samples at each end: one sample may fall either side of a collection.
    const tenth = Math.max(1, Math.floor(rss.length / 10));
    const start = median(rss, 0, tenth);
    const end = median(rss, rss.length - tenth, rss.length);
    const r: SoakReport = {
      ...report(outcomes, errors),
      seconds,
      rss_mb: rss,
      rss_drift_pct: start ? Math.round(((end - start) / start) * 1000) / 10 : 0,
      warmup: { requests: warmReport.requests, server_errors: warmReport.server_errors, connection_errors: warmReport.connection_errors, rss_mb_before: rssBefore },
      worker_restarts: (await restarts(server.url)) - restartsBefore,
    };
    if (opts.print !== false) {
      console.log(`warm-up: ${r.warmup.requests} requests (each bench query through /api/search, /search and /api/trends), 5xx (besides 503) ${r.warmup.server_errors}, connection errors ${r.warmup.connection_errors}; server RSS ${rssBefore} MB before it`);
      printHostile(`soak (${seconds} s, ${opts.concurrency ?? 8} at a time, ${Math.round((opts.hostile ?? 0.1) * 100)}% hostile)`, r);
      console.log(`  server RSS ${start} MB at the start, ${end} MB at the end (medians of ${tenth} samples each; ${r.rss_drift_pct}%), ${Math.min(...rss)}–${Math.max(...rss)} MB throughout; workers replaced: ${r.worker_restarts}`);
    }
    return r;
  } finally {
    server.stop();
  }
}

async function main(argv: string[]): Promise<void> {
  const db = argv.find((a, k) => !a.startsWith('--') && !argv[k - 1]?.startsWith('--')) ?? process.env.PRESSROOM_DB ?? 'pressroom.db';
  const r = await runSoak(db, {
    seconds: Number(flag(argv, 'seconds') ?? 60),
    concurrency: Number(flag(argv, 'concurrency') ?? 8),
    hostile: Number(flag(argv, 'hostile') ?? 0.1),
    seed: Number(flag(argv, 'seed') ?? 1),
  });
  process.exitCode = r.server_errors || r.connection_errors || r.late.length || r.warmup.server_errors || r.warmup.connection_errors ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
