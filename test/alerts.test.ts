// Alerts by webhook end to end, through real sockets: an update delivers exactly the new matching
// releases, signed, under one delivery id per message whatever the retries.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, createAlert, deliverDue, ingest, SqliteStateStore, update } from '../src/index.ts';
import { MAX_ATTEMPTS } from '../src/alerts/deliver.ts';
import { checkWebhookUrl, isPrivateAddress } from '../src/alerts/webhook.ts';
import { createApp } from '../src/server/app.ts';
import { receiver, writeRelease } from './helpers/alerts.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS = '1';

let dir: string;
let corpus: string;
let db: string;
let state: SqliteStateStore;
let hook: Awaited<ReturnType<typeof receiver>>;
let n = 0;

const cleanup = async () => {
  state?.close();
  await hook?.close();
  rmSync(dir, { recursive: true, force: true });
};

async function addAlert(query: string, webhook = hook.url) {
  const archive = Archive.open(db);
  try {
    return await createAlert(archive, state, { query, webhook });
  } finally {
    archive.close();
  }
}

const verify = (secret: string, body: string, header: string) => header === `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhook alerts', { concurrency: false }, () => {
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `pressroom-alerts-${n++}-`));
    corpus = path.join(dir, 'corpus');
    cpSync(FIXTURES, corpus, { recursive: true });
    db = path.join(dir, 'a.db');
    await ingest({ dir: corpus, db });
    state = SqliteStateStore.open(path.join(dir, 'state.db'));
    hook = await receiver();
  });

  test('an update delivers the new releases that match, signed, and never the old or the changed ones', async (t) => {
    t.after(cleanup);
    const defence = await addAlert('portfolio:Defence');
    const roading = await addAlert('roading -Kaikōura');
    writeRelease(corpus, { id: '2026-03-01-new-frigates', title: 'New frigates <ordered>', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'Two frigates are ordered for the navy.' });
    writeRelease(corpus, { id: '2026-03-02-taji-review', title: 'Taji review published', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'The review of the Taji mission is published.' });
    writeRelease(corpus, { id: '2026-03-03-school-lunches', title: 'School lunches', minister: 'Hon Erica Stanford', portfolio: 'Education', body: 'Lunches for every school.' });
    // A release already in the archive, changed: it must not arrive as new.
    writeRelease(corpus, { id: '2020-06-09-taji-mission-ends', title: 'NZDF mission at Taji comes to an end', minister: 'Hon Ron Mark', portfolio: 'Defence', body: 'Changed text about the Taji mission.' });

    const s = await update({ db, state, dir: corpus });
    assert.equal(s.ingest.ingested, 3);
    assert.equal(s.ingest.updated, 1);
    assert.deepEqual(s.alerts, { matched: 2, delivered: 1, failed: 0, pending: 0 });
    assert.equal(hook.got.length, 1);
    const [m] = hook.got;
    assert.equal(m!.json.alert, defence.id);
    assert.equal(m!.json.query, 'portfolio:Defence');
    assert.deepEqual(m!.json.releases.map((r) => r.id), ['2026-03-01-new-frigates', '2026-03-02-taji-review']);
    assert.deepEqual(Object.keys(m!.json.releases[0]!).sort(), ['date', 'id', 'ministers', 'portfolios', 'snippet', 'title', 'url']);
    assert.equal(m!.json.releases[0]!.title, 'New frigates <ordered>');
    assert.ok(verify(defence.secret, m!.body, m!.signature), 'the signature is the HMAC of the raw body with the alert secret');
    assert.ok(!verify(roading.secret, m!.body, m!.signature));
    assert.match(m!.delivery, /^dlv_/);

    const archive = Archive.open(db);
    try {
      const feed = await (await createApp(archive, { state }).request(defence.feed)).text();
      assert.match(feed, /2026-03-01-new-frigates/, "the alert's private feed lists its matches");
      assert.match(feed, /New frigates &lt;ordered&gt;/);
      assert.doesNotMatch(feed, /school-lunches/);
      assert.equal((await createApp(archive, { state }).request(defence.feed.replace(/token=.*/, 'token=guess'))).status, 404);
    } finally {
      archive.close();
    }

    const again = await update({ db, state, dir: corpus });
    assert.deepEqual(again.alerts, { matched: 0, delivered: 0, failed: 0, pending: 0 });
    assert.equal(hook.got.length, 1, 'nothing is delivered twice');
  });

  test('a failed POST is retried under the same delivery id, and deliver --now does not wait for the backoff', async (t) => {
    t.after(cleanup);
    const a = await addAlert('portfolio:Defence');
    writeRelease(corpus, { id: '2026-04-01-patrol-boats', title: 'Patrol boats', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'Patrol boats.' });
    hook.failNext(1);
    const s = await update({ db, state, dir: corpus });
    assert.deepEqual(s.alerts, { matched: 1, delivered: 0, failed: 1, pending: 1 });
    const [d] = state.deliveries(a.id);
    assert.equal(d!.attempts, 1);
    assert.match(d!.last_error!, /HTTP 500/);
    assert.ok(d!.next_attempt_at > Date.now(), 'the retry waits');
    assert.deepEqual(await deliverDue(state), { delivered: 0, failed: 0, pending: 1 }, 'not due yet');
    assert.deepEqual(await deliverDue(state, { now: true }), { delivered: 1, failed: 0, pending: 0 });
    assert.equal(hook.got.length, 1);
    assert.equal(hook.got[0]!.delivery, d!.id);
    assert.deepEqual(state.attempts(d!.id).map((x) => x.ok), [false, true]);
  });

  test('an alert whose deliveries keep failing is paused with the reason, and nothing is lost', async (t) => {
    t.after(cleanup);
    const a = await addAlert('portfolio:Defence');
    writeRelease(corpus, { id: '2026-04-02-airlift', title: 'Airlift', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'Airlift.' });
    hook.failNext(MAX_ATTEMPTS);
    await update({ db, state, dir: corpus });
    for (let i = 1; i < MAX_ATTEMPTS; i++) await deliverDue(state, { now: true });
    const paused = state.alert(a.id)!;
    assert.equal(paused.status, 'paused');
    assert.match(paused.paused_reason!, new RegExp(`paused after ${MAX_ATTEMPTS} failed attempts.*HTTP 500`));
    assert.deepEqual(await deliverDue(state, { now: true }), { delivered: 0, failed: 0, pending: 1 }, 'a paused alert is not tried');
    state.setStatus(a.id, 'active');
    assert.deepEqual(await deliverDue(state, { now: true }), { delivered: 1, failed: 0, pending: 0 });
    assert.deepEqual(hook.got[0]!.json.releases.map((r) => r.id), ['2026-04-02-airlift']);
  });

  test('more than 100 new matches go in POSTs of at most 100', async (t) => {
    t.after(cleanup);
    await addAlert('ferry');
    for (let i = 0; i < 205; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      writeRelease(corpus, { id: `2026-05-${day}-ferry-${i}`, title: `Ferry sailing ${i}`, minister: 'Hon Chris Bishop', portfolio: 'Transport', body: `Ferry number ${i} sails.` });
    }
    const s = await update({ db, state, dir: corpus });
    assert.deepEqual(s.alerts, { matched: 205, delivered: 3, failed: 0, pending: 0 });
    assert.deepEqual(hook.got.map((g) => g.json.releases.length), [100, 100, 5]);
    assert.equal(new Set(hook.got.flatMap((g) => g.json.releases.map((r) => r.id))).size, 205);
    assert.equal(new Set(hook.got.map((g) => g.delivery)).size, 3);
  });

  test('an alert made after releases were ingested is not told about them', async (t) => {
    t.after(cleanup);
    writeRelease(corpus, { id: '2026-06-01-before-alert', title: 'Before the alert', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'Old news.' });
    await ingest({ dir: corpus, db });
    await addAlert('portfolio:Defence');
    const s = await update({ db, state, dir: corpus });
    assert.equal(s.alerts.matched, 0);
    assert.equal(hook.got.length, 0);
  });

  test('one update at a time: a live process holding the lock keeps the next out, a killed one does not', async (t) => {
    t.after(cleanup);
    const code = `import { SqliteStateStore } from './src/index.ts'; const s = SqliteStateStore.open(${JSON.stringify(path.join(dir, 'state.db'))}); console.log(s.lock('update')); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout!, 'data')) as [Buffer];
    assert.equal(line.toString().trim(), 'true');
    await assert.rejects(update({ db, state, dir: corpus }), /another update or delivery is running/);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const s = await update({ db, state, dir: corpus });
    assert.equal(s.ingest.unchanged > 0, true, 'the lock of a killed process is free');
  });
});

describe('webhook URLs', () => {
  test('only http(s), and no private, loopback or link-local address unless allowed', async () => {
    await assert.rejects(checkWebhookUrl('ftp://example.org/x'), /must be an http or https URL, not ftp:/);
    await assert.rejects(checkWebhookUrl('not a url'), /is not a URL/);
    const saved = process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS;
    delete process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS;
    try {
      for (const u of ['http://127.0.0.1:9/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://10.1.2.3/', 'http://192.168.0.1/', 'http://[::ffff:127.0.0.1]/', 'http://localhost/']) {
        await assert.rejects(checkWebhookUrl(u), /private, loopback or link-local/, u);
      }
    } finally {
      process.env.PRESSROOM_ALLOW_PRIVATE_WEBHOOKS = saved;
    }
    assert.equal(isPrivateAddress('8.8.8.8'), false);
    assert.equal(isPrivateAddress('2001:4860:4860::8888'), false);
    assert.equal(isPrivateAddress('fd00::1'), true);
  });
});

describe('the alerts API', () => {
  let apiDir: string;
  let archive: Archive;
  let st: SqliteStateStore;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    apiDir = mkdtempSync(path.join(tmpdir(), 'pressroom-alerts-api-'));
    await ingest({ dir: FIXTURES, db: path.join(apiDir, 'a.db') });
    archive = Archive.open(path.join(apiDir, 'a.db'));
    st = SqliteStateStore.open(path.join(apiDir, 'state.db'));
    app = createApp(archive, { state: st, alertsPerHour: 6 });
  });
  after(() => {
    archive.close();
    st.close();
    rmSync(apiDir, { recursive: true, force: true });
  });
  const post = (body: unknown) => app.request('/api/alerts', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  test('POST creates an alert and returns its token once; GET and DELETE need that token', async () => {
    const res = await post({ query: 'portfolio:Defence', webhook: 'http://127.0.0.1:9/hook' });
    assert.equal(res.status, 201);
    const a = (await res.json()) as any;
    assert.match(a.id, /^al_/);
    assert.equal(a.query, 'portfolio:Defence');
    assert.equal(typeof a.secret, 'string');
    assert.equal(typeof a.token, 'string');
    assert.match(a.feed, /^http:\/\/localhost\/alerts\/al_.+\/feed\.atom\?token=/);
    assert.equal((await app.request(`/api/alerts/${a.id}`)).status, 404, 'no token, no alert');
    assert.equal((await app.request(`/api/alerts/${a.id}`, { headers: { Authorization: 'Bearer wrong' } })).status, 404);
    const got = await app.request(`/api/alerts/${a.id}`, { headers: { Authorization: `Bearer ${a.token}` } });
    assert.equal(got.status, 200);
    const shown = (await got.json()) as any;
    assert.equal(shown.status, 'active');
    assert.equal(shown.secret, undefined, 'the secret is shown only once');
    assert.equal((await app.request(new URL(a.feed).pathname + new URL(a.feed).search)).status, 200);
    assert.equal((await app.request(`/api/alerts/${a.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${a.token}` } })).status, 204);
    assert.equal(st.alert(a.id), undefined);
  });

  test('the search page offers "Alert me about new matches", and its form makes a private feed', async () => {
    const page = await (await app.request('/search?q=Taji')).text();
    assert.match(page, /Alert me about new matches/);
    assert.match(page, /<input type="hidden" name="q" value="Taji">/);
    const res = await app.request('/alerts', { method: 'POST', body: new URLSearchParams({ q: 'Taji', channel: 'feed' }) });
    assert.equal(res.status, 201);
    const feed = /href="http:\/\/localhost(\/alerts\/[^"]+\/feed\.atom\?token=[^"]+)"/.exec(await res.text())![1]!;
    const atom = await app.request(feed.replace(/&amp;/g, '&'));
    assert.equal(atom.status, 200);
    assert.match(await atom.text(), /<title>New releases matching Taji<\/title>/);
  });

  test('tokens are stored hashed; the signing secret as it is', async () => {
    const a = (await (await post({ query: 'Taji', feed: true })).json()) as any;
    const tokens = st.tokens(a.id)!;
    assert.notEqual(tokens.manage, a.token);
    assert.match(tokens.manage, /^[0-9a-f]{64}$/);
    assert.equal(st.alert(a.id)!.secret, a.secret);
  });

  test('a bad query or channel is a 400 that says what to change, and creating is rate-limited', async () => {
    const bad = await post({ query: 'from:2015-13', feed: true });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as any).error, /2015-13/);
    const two = await post({ query: 'Taji', feed: true, webhook: 'http://127.0.0.1:9/' });
    assert.equal(two.status, 400);
    assert.match(((await two.json()) as any).error, /one way/);
    assert.equal((await post({ query: 'Taji', feed: true })).status, 201);
    const last = await post({ query: 'Taji', feed: true });
    assert.equal(last.status, 429, 'the seventh in an hour from one address');
    assert.ok(last.headers.get('Retry-After'));
  });
});
