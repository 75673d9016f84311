// The server under load, on loopback with its worker pool: health while every worker is busy, a full
// queue, deadlines, a client that leaves an export, and the per-client limit. Statuses, never timings.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BadQueryError, ingest, OverloadedError } from '../src/index.ts';
import { WorkerPool } from '../src/server/pool.ts';
import { serve, type RunningServer } from '../src/server/serve.ts';

let dir: string;
let db: string;
let pool: WorkerPool;
let server: RunningServer;

/** 600 releases of about 12 KB each: an export with bodies is 7 MB, more than loopback buffers hold. */
function corpus(root: string): void {
  const para = 'The harbour bridge works continue through the winter, with lane closures at night and a new cycle path. ';
  for (let i = 0; i < 600; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const folder = path.join(root, 'releases', '2020', month);
    mkdirSync(folder, { recursive: true });
    const slug = `harbour-update-${i}`;
    writeFileSync(
      path.join(folder, `2020-${month}-01-${slug}.md`),
      `---\ntitle: "Harbour update ${i}"\ndate: 2020-${month}-01\nurl: https://example.test/${slug}\nministers:\n  - Ann Example\nportfolios:\n  - Transport\n---\n\nUpdate ${i}. ${para.repeat(115)}\n`,
    );
  }
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-pool-'));
  corpus(path.join(dir, 'corpus'));
  db = path.join(dir, 'pool.db');
  await ingest({ dir: path.join(dir, 'corpus'), db });
  pool = new WorkerPool({ db, size: 3, queue: 2, logError: () => {} });
  await pool.ready();
  server = await serve({ db, port: 0, host: '127.0.0.1', quiet: true, cacheSize: 0, runner: pool });
});

after(async () => {
  await server.close();
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An export the client starts and then stops reading, holding its worker, until `leave()`. */
async function stalledExport(): Promise<{ status: number; leave: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}/search.csv?q=harbour&columns=body`, (res) => {
      res.once('data', () => {
        res.pause();
        resolve({ status: res.statusCode!, leave: () => req.destroy() });
      });
    });
    req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
  });
}

/** Polls /healthz until `ok` holds of it; a bounded wait, not a timing assertion. */
async function healthUntil(ok: (h: { busy: number; queued: number }) => boolean): Promise<{ busy: number; queued: number; cancelled: number; restarts: number }> {
  for (let i = 0; i < 500; i++) {
    const h = await (await fetch(`${server.url}/healthz`)).json();
    if (ok(h)) return h;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('the pool never reached the state');
}

describe('the worker pool behind the server', () => {
  test('a light search finds a worker while heavy work fills its lane; /healthz answers while every worker is busy; a full queue is a 503 with Retry-After', async () => {
    const a = await stalledExport();
    const b = await stalledExport();
    assert.deepEqual([a.status, b.status], [200, 200]);
    const light = await fetch(`${server.url}/api/search?q=bridge`);
    assert.equal(light.status, 200, 'heavy work may hold all workers but one');
    assert.equal((await light.json()).total, 600);
    // The last worker is held too: a job that outlives its 3 s deadline.
    const held = pool.run({ kind: 'hold', ms: 60_000, postings: 0 }, 3000);
    await healthUntil((x) => x.busy === 3);
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).status, 'ok');
    // Two searches wait in the queue; the third finds it full.
    const waiting = [fetch(`${server.url}/api/search?q=bridge`), fetch(`${server.url}/api/search?q=cycle`)];
    await healthUntil((x) => x.queued === 2);
    const refused = await fetch(`${server.url}/api/search?q=harbour`);
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After says when to come back');
    assert.match((await refused.json()).error, /busy/);
    a.leave();
    b.leave();
    await assert.rejects(held, (err) => err instanceof OverloadedError);
    for (const w of await Promise.all(waiting)) {
      assert.ok(w.status === 200 || w.status === 503, `a queued search ends answered or refused, got ${w.status}`);
      await w.arrayBuffer();
    }
    await pool.ready();
    const after = await fetch(`${server.url}/api/search?q=bridge`);
    assert.equal(after.status, 200, 'the workers are free again once the clients leave');
  });

  test('an export whose client leaves stops, and frees its worker', async () => {
    const before = (await healthUntil((x) => x.busy === 0)).cancelled;
    const e = await stalledExport();
    e.leave();
    const h = await healthUntil((x) => x.busy === 0);
    assert.equal(h.cancelled, before + 1, 'the worker dropped the export instead of writing it to the end');
    assert.equal((await fetch(`${server.url}/api/search?q=harbour`)).status, 200);
  });

  test('one client may run two exports at once; a third is a 429 with Retry-After', async () => {
    const a = await stalledExport();
    const b = await stalledExport();
    const third = await fetch(`${server.url}/search.jsonl?q=harbour`);
    assert.equal(third.status, 429);
    assert.ok(third.headers.get('retry-after'));
    assert.match((await third.json()).error, /at most 2 at once/);
    a.leave();
    b.leave();
    await healthUntil((x) => x.busy === 0);
    const again = await fetch(`${server.url}/search.jsonl?q=harbour`);
    assert.equal(again.status, 200);
    assert.equal((await again.text()).trim().split('\n').length, 600);
  });

  test('a job past its deadline: its worker is replaced, the request is a 503, or a 400 when it reads too much', async () => {
    const restarts = pool.status().restarts;
    await assert.rejects(pool.run({ kind: 'hold', ms: 60_000, postings: 10 }, 100), (err) => err instanceof OverloadedError && err.status === 503);
    await assert.rejects(
      pool.run({ kind: 'hold', ms: 60_000, postings: 5_000_000 }, 100),
      (err) => err instanceof BadQueryError && /reads 5,000,000 \(word, release\) pairs/.test(err.message),
    );
    assert.equal(pool.status().restarts, restarts + 2);
    // A replacement takes a while to open the archive (its cost is in `npm run bench`); jobs wait for it meanwhile.
    await pool.ready();
    assert.equal(await pool.run({ kind: 'hold', ms: 1, postings: 0 }), 1, 'the replacement answers');
    assert.equal((await fetch(`${server.url}/api/search?q=harbour`)).status, 200);
  });

  test('exports: a byte order mark, a file named after the query, optional columns', async () => {
    const res = await fetch(`${server.url}/search.csv?q=harbour%20year:2020&columns=amounts,body&sort=newest`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="pressroom-harbour-year-2020.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    assert.equal(lines[0], 'id,date,title,ministers,portfolios,url,page,score,duplicates,snippet,body,amounts');
    assert.equal(lines.length - 2, 600);
    const bad = await fetch(`${server.url}/search.csv?q=harbour&columns=body,secrets`);
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /columns must be a comma-separated list of body, amounts/);
  });
});
