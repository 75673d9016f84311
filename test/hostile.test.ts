// The CI forms of `npm run fuzz` and `npm run soak`: a server on loopback over a fixture archive, given
// seeded hostile requests and mixed load. Statuses only: no 5xx but 503, no lost connection, nothing past
// its budget unless it was refused (400, 429, 503).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runFuzz } from '../bench/fuzz.ts';
import { runSoak } from '../bench/soak.ts';
import { ingest } from '../src/index.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
let dir: string;
let db: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-hostile-'));
  db = path.join(dir, 'web.db');
  await ingest({ dir: CORPUS, db });
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile traffic', () => {
  test('fuzz: 1,500 seeded requests, none a 500 or a lost connection, none late without a refusal', async () => {
    const r = await runFuzz(db, { requests: 1500, seed: 7, concurrency: 6, print: false });
    assert.equal(r.requests, 1500);
    assert.equal(r.server_errors, 0, JSON.stringify(r.statuses));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.late, []);
    assert.ok((r.statuses['200'] ?? 0) > 100 && (r.statuses['400'] ?? 0) > 50, `both answers and refusals: ${JSON.stringify(r.statuses)}`);
  });

  test('soak: mixed load with hostile requests, none a 500 or a lost connection, none late without a refusal', async () => {
    const r = await runSoak(db, { seconds: 8, concurrency: 6, hostile: 0.2, seed: 3, print: false });
    assert.ok(r.requests > 50, `${r.requests} requests`);
    assert.equal(r.server_errors, 0, JSON.stringify(r.statuses));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.late, []);
    assert.ok(r.rss_mb.every((mb) => mb > 0), 'RSS was sampled');
  });
});
