// One contract, three doors: the same cases through the library, the CLI (--json) and HTTP give the same answers,
// and the same errors with the same reasons (the CLI's exit code and HTTP's status are the error's own).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest, largestAmounts, PressroomError, related, search } from '../src/index.ts';
import { createApp } from '../src/server/app.ts';
import { cli } from './helpers/cli.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const ISIL = '2015-02-24-pm-announces-contribution-coalition-against-isil';

let dir: string;
let db: string;
let archive: Archive;
let app: ReturnType<typeof createApp>;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-contract-'));
  db = path.join(dir, 'web.db');
  await ingest({ dir: CORPUS, db });
  archive = Archive.open(db);
  app = createApp(archive);
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Timings differ from run to run, and are not part of an answer. */
function answer(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'took_ms' ? undefined : v)));
}

type Outcome = { ok: unknown } | { error: string; status: number; exitCode: number };

function library(run: () => unknown): Outcome {
  try {
    return { ok: answer(run()) };
  } catch (err) {
    assert.ok(err instanceof PressroomError, String(err));
    return { error: err.message, status: err.status, exitCode: err.exitCode };
  }
}

async function viaCli(args: string[]): Promise<{ ok: unknown } | { error: string; exitCode: number }> {
  const r = await cli([...args, '--json', '--db', db]);
  if (r.code === 0) return { ok: answer(JSON.parse(r.stdout)) };
  return { error: r.stderr.trim().replace(/^pressroom: /, ''), exitCode: r.code };
}

async function viaHttp(url: string, pick: (body: any) => unknown = (b) => b): Promise<{ ok: unknown } | { error: string; status: number }> {
  const res = await app.request(url);
  const body = await res.json();
  if (res.status === 200) return { ok: answer(pick(body)) };
  return { error: body.error, status: res.status };
}

const cases: { name: string; lib: () => unknown; cli: string[]; http: string; pick?: (body: any) => unknown; fails?: true }[] = [
  { name: 'a search', lib: () => search(archive, 'roading', { limit: 5 }), cli: ['search', 'roading', '--limit', '5'], http: '/api/search?q=roading&limit=5' },
  {
    name: 'a search with a filter, sorted, past the first page',
    lib: () => search(archive, 'minister:"Steven Joyce" roading', { limit: 3, offset: 2, sort: 'newest' }),
    cli: ['search', 'minister:"Steven Joyce" roading', '--limit', '3', '--offset', '2', '--sort', 'newest'],
    http: `/api/search?q=${encodeURIComponent('minister:"Steven Joyce" roading')}&limit=3&offset=2&sort=newest`,
  },
  { name: 'a bad query', lib: () => search(archive, 'year:20x5'), cli: ['search', 'year:20x5'], http: '/api/search?q=year%3A20x5', fails: true },
  { name: 'one release (show)', lib: () => archive.release(ISIL), cli: ['show', ISIL], http: `/api/releases/${ISIL}` },
  { name: 'an unknown release', lib: () => archive.release('no-such-release'), cli: ['show', 'no-such-release'], http: '/api/releases/no-such-release', fails: true },
  {
    name: 'the facts of a release',
    lib: () => ({ id: ISIL, facts: archive.release(ISIL).facts }),
    cli: ['facts', ISIL],
    http: `/api/releases/${ISIL}`,
    pick: (r) => ({ id: r.id, facts: r.facts }),
  },
  { name: 'related releases', lib: () => related(archive, ISIL, { limit: 5 }), cli: ['related', ISIL, '--limit', '5'], http: `/api/releases/${ISIL}/related?limit=5` },
  { name: 'what the archive holds', lib: () => archive.stats(), cli: ['stats'], http: '/api/stats' },
  { name: 'the largest amounts', lib: () => largestAmounts(archive, { limit: 5 }), cli: ['amounts', '--limit', '5'], http: '/api/amounts?limit=5' },
];

describe('library, CLI and HTTP agree', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const lib = library(c.lib);
      assert.equal('error' in lib, Boolean(c.fails), JSON.stringify(lib).slice(0, 200));
      const [fromCli, fromHttp] = await Promise.all([viaCli(c.cli), viaHttp(c.http, c.pick)]);
      if ('ok' in lib) {
        assert.deepEqual(fromCli, { ok: lib.ok }, 'CLI');
        assert.deepEqual(fromHttp, { ok: lib.ok }, 'HTTP');
      } else {
        assert.deepEqual(fromCli, { error: lib.error, exitCode: lib.exitCode }, 'CLI');
        assert.deepEqual(fromHttp, { error: lib.error, status: lib.status }, 'HTTP');
      }
    });
  }
});
