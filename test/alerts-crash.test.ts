// An update killed (SIGKILL) in the middle of delivering loses nothing: the next update sends the rest,
// and a message the receiver may have seen arrives again under the same delivery id.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, createAlert, ingest, SqliteStateStore, update } from '../src/index.ts';
import { receiver, writeRelease } from './helpers/alerts.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));

test('kill -9 mid-delivery: every release still arrives, each message under one delivery id', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressroom-crash-'));
  const hook = await receiver();
  process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS = '1';
  try {
    const corpus = path.join(dir, 'corpus');
    cpSync(FIXTURES, corpus, { recursive: true });
    const db = path.join(dir, 'a.db');
    const stateFile = path.join(dir, 'state.db');
    await ingest({ dir: corpus, db });
    let state = SqliteStateStore.open(stateFile);
    const archive = Archive.open(db);
    const ferries = await createAlert(archive, state, { query: 'ferry', webhook: hook.url });
    const defence = await createAlert(archive, state, { query: 'portfolio:Defence', webhook: hook.url });
    archive.close();
    state.close();
    const expected = new Map<string, string[]>([[ferries.id, []], [defence.id, []]]);
    for (let i = 0; i < 150; i++) {
      const id = `2026-08-${String((i % 28) + 1).padStart(2, '0')}-ferry-${i}`;
      writeRelease(corpus, { id, title: `Ferry ${i}`, minister: 'Hon Chris Bishop', portfolio: 'Transport', body: `Ferry ${i} sails.` });
      expected.get(ferries.id)!.push(id);
    }
    for (const id of ['2026-09-01-frigate', '2026-09-02-airlift']) {
      writeRelease(corpus, { id, title: id, minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'Defence news.' });
      expected.get(defence.id)!.push(id);
    }

    const held = hook.holdNext();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/pressroom.js'), 'update', corpus, '--db', db, '--state', stateFile, '--json'], {
      env: { ...process.env, PRESSROOM_ALLOW_PRIVATE_WEBHOOKS: '1' },
      stdio: 'ignore',
    });
    const first = await held;
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.equal(hook.got.length, 0, 'killed before any delivery was answered');

    state = SqliteStateStore.open(stateFile);
    try {
      const s = await update({ db, state, dir: corpus });
      assert.equal(s.ingest.ingested, 0, 'the killed update had ingested everything');
      assert.equal(s.alerts.matched, 0, 'and matched it: nothing is matched twice');
      assert.equal(s.alerts.delivered, 3);
      assert.equal(s.alerts.pending, 0);
    } finally {
      state.close();
    }
    const byDelivery = new Map<string, string[]>();
    for (const g of hook.got) {
      assert.equal(byDelivery.has(g.delivery), false, `delivery ${g.delivery} acknowledged once`);
      byDelivery.set(g.delivery, g.json.releases.map((r) => r.id));
      const secret = g.json.alert === ferries.id ? ferries.secret : defence.secret;
      assert.equal(g.signature, `sha256=${createHmac('sha256', secret).update(g.body).digest('hex')}`);
    }
    assert.deepEqual(byDelivery.get(first.delivery), first.json.releases.map((r) => r.id), 'the interrupted message came again under its id, unchanged');
    for (const [alert, ids] of expected) {
      const got = hook.got.filter((g) => g.json.alert === alert).flatMap((g) => g.json.releases.map((r) => r.id));
      assert.deepEqual(got.sort(), ids.sort(), `alert ${alert} received each of its releases once`);
    }
  } finally {
    await hook.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
