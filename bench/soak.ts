/**
 * `npm run soak`: 60 s of mixed load on a server on loopback, most of it the searches and pages people
 * make (bench/queries.txt) and a share hostile (hostile.ts), with the server's RSS sampled each second.
 *
 * Run: `npm run soak -- [pressroom.db] [--seconds 60] [--concurrency 8] [--hostile 0.1] [--seed 1]`
 * Exits 1 on a 5xx other than 503, a connection error, or a request past its budget without a 400/429/503.
 */
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/search/query/random.ts';
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
  /** RSS in MB, one sample a second. */
  rss_mb: number[];
  /** Last sample against the one a tenth of the way in (after warm-up), in percent. */
  rss_drift_pct: number;
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
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(server.rssMb()), 1000);
    const outcomes: Outcome[] = [];
    const errors: string[] = [];
    await fire(server.url, mixed(opts.seed ?? 1, opts.hostile ?? 0.1, performance.now() + seconds * 1000), opts.concurrency ?? 8, outcomes, errors);
    clearInterval(sampler);
    rss.push(server.rssMb());
    const base = rss[Math.floor(rss.length / 10)] ?? rss[0] ?? 0;
    const r: SoakReport = { ...report(outcomes, errors), seconds, rss_mb: rss, rss_drift_pct: base ? Math.round(((rss.at(-1)! - base) / base) * 1000) / 10 : 0 };
    if (opts.print !== false) {
      printHostile(`soak (${seconds} s, ${opts.concurrency ?? 8} at a time, ${Math.round((opts.hostile ?? 0.1) * 100)}% hostile)`, r);
      console.log(`  server RSS ${rss[0]} MB at start, ${base} MB after warm-up, ${Math.max(...rss)} MB peak, ${rss.at(-1)} MB at the end (${r.rss_drift_pct}%)`);
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
  process.exitCode = r.server_errors || r.connection_errors || r.late.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
