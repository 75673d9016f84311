/**
 * `npm run fuzz`: a seeded mix of hostile requests (see hostile.ts) against a server on loopback over an
 * archive, reporting 5xx, connection errors, p50/p99 and every request past its budget.
 *
 * Run: `npm run fuzz -- [pressroom.db] [--requests 10000] [--seed 1] [--concurrency 8]`
 * Exits 1 when a request got a 5xx other than 503, lost its connection, or ran past its budget without a
 * 400/429/503. `test/hostile.test.ts` runs a small form of it on a fixture archive.
 */
import { fileURLToPath } from 'node:url';
import { fire, flag, printHostile, probes, report, startServer, type HostileReport, type Outcome } from './hostile.ts';

export interface FuzzOptions {
  requests?: number;
  seed?: number;
  concurrency?: number;
  print?: boolean;
}

export async function runFuzz(db: string, opts: FuzzOptions = {}): Promise<HostileReport> {
  const server = await startServer(db);
  try {
    const outcomes: Outcome[] = [];
    const errors: string[] = [];
    await fire(server.url, probes(opts.seed ?? 1, opts.requests ?? 10_000), opts.concurrency ?? 8, outcomes, errors);
    const r = report(outcomes, errors);
    if (opts.print !== false) printHostile(`fuzz (seed ${opts.seed ?? 1}, ${opts.concurrency ?? 8} at a time)`, r);
    return r;
  } finally {
    server.stop();
  }
}

async function main(argv: string[]): Promise<void> {
  const db = argv.find((a, k) => !a.startsWith('--') && !argv[k - 1]?.startsWith('--')) ?? process.env.PRESSROOM_DB ?? 'pressroom.db';
  const r = await runFuzz(db, { requests: Number(flag(argv, 'requests') ?? 10_000), seed: Number(flag(argv, 'seed') ?? 1), concurrency: Number(flag(argv, 'concurrency') ?? 8) });
  process.exitCode = r.server_errors || r.connection_errors || r.late.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
