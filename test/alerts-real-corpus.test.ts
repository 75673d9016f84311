// A year of releases arrives through an update: an archive of 2024–2025, two alerts on a loopback
// webhook, then an update with 2024–2026. The webhook gets exactly the 2026 releases each alert
// matches, as the raw front matter says, signed, each message under one delivery id even though the
// receiver fails its first request.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Archive, createAlert, deliverDue, ingest, SqliteStateStore, update } from '../src/index.ts';
import { receiver } from './helpers/alerts.ts';

const corpus = process.env.PRESSROOM_CORPUS;
if (!corpus && process.env.CI) throw new Error('PRESSROOM_CORPUS must name the real corpus under CI');

/** The ministers and portfolios lists of a release's front matter, read line by line as the scraper wrote them. */
function frontMatter(file: string): { ministers: string[]; portfolios: string[] } {
  const fm = readFileSync(file, 'utf8').split(/^---$/m)[1]!;
  const out = { ministers: [] as string[], portfolios: [] as string[] };
  let key = '';
  for (const line of fm.split('\n')) {
    const k = /^(\w+):/.exec(line);
    if (k) key = k[1]!;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && (key === 'ministers' || key === 'portfolios')) out[key].push(item[1]!.trim().replace(/^["']|["']$/g, ''));
  }
  return out;
}

test('an update delivers exactly the new 2026 releases each alert matches', { skip: corpus ? false : 'PRESSROOM_CORPUS is not set: this test reads the real corpus' }, async () => {
  const years = path.join(corpus!, 'releases');
  assert.ok(existsSync(path.join(years, '2026')), 'the corpus has 2026 releases');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-alerts-real-'));
  const hook = await receiver();
  process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS = '1';
  try {
    const older = path.join(dir, 'c2425');
    const newer = path.join(dir, 'c242526');
    for (const y of ['2024', '2025']) cpSync(path.join(years, y), path.join(older, 'releases', y), { recursive: true });
    for (const y of ['2024', '2025', '2026']) cpSync(path.join(years, y), path.join(newer, 'releases', y), { recursive: true });
    const db = path.join(dir, 'a.db');
    await ingest({ dir: older, db });
    const state = SqliteStateStore.open(path.join(dir, 'state.db'));
    try {
      const archive = Archive.open(db);
      const health = await createAlert(archive, state, { query: 'portfolio:Health', webhook: hook.url });
      const bishop = await createAlert(archive, state, { query: 'minister:"Chris Bishop"', webhook: hook.url });
      archive.close();

      hook.failNext(1);
      const s = await update({ db, state, dir: newer });
      const added = readdirSync(path.join(years, '2026'), { recursive: true }).filter((f) => String(f).endsWith('.md')).map((f) => path.join(years, '2026', String(f)));
      assert.equal(s.ingest.ingested, added.length);
      assert.equal(s.alerts.failed, 1, 'the receiver failed its first request');
      assert.deepEqual(await deliverDue(state, { now: true }), { delivered: 1, failed: 0, pending: 0 });

      const honorific = /^(Rt\.? )?(Hon\.? )?(Dr\.? )?/i;
      const want = new Map([
        [health.id, new Set(added.filter((f) => frontMatter(f).portfolios.some((p) => p.toLowerCase() === 'health')).map((f) => path.basename(f, '.md')))],
        [bishop.id, new Set(added.filter((f) => frontMatter(f).ministers.some((m) => m.replace(honorific, '').trim().toLowerCase() === 'chris bishop')).map((f) => path.basename(f, '.md')))],
      ]);
      const secrets = new Map([[health.id, health.secret], [bishop.id, bishop.secret]]);
      for (const [alert, ids] of want) {
        assert.ok(ids.size > 10, 'enough 2026 releases to mean something');
        const got = hook.got.filter((g) => g.json.alert === alert);
        for (const g of got) assert.equal(g.signature, `sha256=${createHmac('sha256', secrets.get(alert)!).update(g.body).digest('hex')}`);
        const received = got.flatMap((g) => g.json.releases.map((r) => r.id));
        assert.equal(received.length, new Set(received).size, 'each release once');
        assert.deepEqual(new Set(received), ids);
        assert.equal(new Set(got.map((g) => g.delivery)).size, got.length, 'one acknowledged POST per delivery id');
      }
    } finally {
      state.close();
    }
  } finally {
    await hook.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
