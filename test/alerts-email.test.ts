// Email alerts through a real SMTP server on loopback: a confirmation first, then the alert with plain
// text and escaped HTML parts and a one-click unsubscribe (RFC 8058) that works.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Archive, createAlert, ingest, SqliteStateStore, update } from '../src/index.ts';
import { createApp } from '../src/server/app.ts';
import { writeRelease } from './helpers/alerts.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));

let dir: string;
let corpus: string;
let db: string;
let state: SqliteStateStore;
let smtp: SMTPServer;
const inbox: ParsedMail[] = [];
let arrived: (() => void) | undefined;
const nextMail = () => new Promise<void>((resolve) => (arrived = resolve));

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-email-'));
  corpus = path.join(dir, 'corpus');
  cpSync(FIXTURES, corpus, { recursive: true });
  db = path.join(dir, 'a.db');
  await ingest({ dir: corpus, db });
  state = SqliteStateStore.open(path.join(dir, 'state.db'));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        done();
        arrived?.();
      }, done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  process.env.PRESSROOM_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;
  process.env.PRESSROOM_PUBLIC_URL = 'https://pressroom.example';
});

after(async () => {
  state.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** The path and query of a link in a mail, to request from the app. */
const local = (link: string) => {
  const u = new URL(link);
  assert.equal(u.origin, 'https://pressroom.example');
  return u.pathname + u.search;
};

test('an email alert is confirmed first, then delivers new matches, and unsubscribes in one click', async () => {
  const archive = Archive.open(db);
  const app = createApp(archive, { state });
  try {
    const mail = nextMail();
    const a = await createAlert(archive, state, { query: 'portfolio:Defence', email: 'reader@example.org' });
    await mail;
    assert.equal(a.status, 'pending');
    const [confirm] = inbox;
    assert.equal(confirm!.to && 'text' in confirm!.to ? confirm!.to.text : '', 'reader@example.org');
    assert.match(confirm!.subject!, /Confirm your pressroom alert: portfolio:Defence/);
    const link = /https:\/\/pressroom\.example\/alerts\/\S+\/confirm\?token=\S+/.exec(confirm!.text!)![0];

    // Nothing is sent before the address is confirmed.
    writeRelease(corpus, { id: '2026-07-01-before-confirming', title: 'Before confirming', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'Not for the unconfirmed.' });
    assert.equal((await update({ db, state, dir: corpus })).alerts.matched, 0);

    const page = await app.request(local(link));
    assert.equal(page.status, 200, 'a GET only shows the button, so a link scanner confirms nothing');
    assert.equal(state.alert(a.id)!.status, 'pending');
    const token = new URL(link).searchParams.get('token')!;
    const confirmed = await app.request(new URL(link).pathname, { method: 'POST', body: new URLSearchParams({ token }) });
    assert.equal(confirmed.status, 200);
    assert.equal(state.alert(a.id)!.status, 'active');
    assert.equal((await app.request(new URL(link).pathname, { method: 'POST', body: new URLSearchParams({ token }) })).status, 404, 'a confirmation link works once');

    writeRelease(corpus, { id: '2026-07-02-navy-ships', title: 'Navy <script>alert(1)</script> & ships', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'New ships for the <b>navy</b> & more.' });
    const alertMail = nextMail();
    const s = await update({ db, state, dir: corpus });
    await alertMail;
    assert.deepEqual(s.alerts, { matched: 1, delivered: 1, failed: 0, pending: 0 });
    const m = inbox[1]!;
    assert.match(m.subject!, /1 new release matching portfolio:Defence/);
    assert.match(m.text!, /Navy <script>alert\(1\)<\/script> & ships/, 'plain text is plain');
    assert.ok(m.html, 'an HTML part too');
    assert.ok(!String(m.html).includes('<script>'), 'HTML escapes the title');
    assert.match(String(m.html), /Navy &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; ships/);
    const header = (key: string) => m.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    const unsubscribe = /^<([^>]+)>$/.exec(header('list-unsubscribe')!)![1]!;
    assert.match(unsubscribe, /^https:\/\/pressroom\.example\/alerts\/.+\/unsubscribe\?token=/);
    assert.match(header('x-pressroom-delivery')!, /^dlv_/);

    // RFC 8058: the mail client POSTs the fixed body to the URL.
    const bye = await app.request(local(unsubscribe), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(bye.status, 200);
    assert.equal(state.alert(a.id)!.status, 'unsubscribed');
    assert.equal((await app.request(local(unsubscribe).replace(/token=[^&]+/, 'token=forged'), { method: 'POST' })).status, 404);

    writeRelease(corpus, { id: '2026-07-03-after-unsubscribing', title: 'After unsubscribing', minister: 'Hon Judith Collins', portfolio: 'Defence', body: 'Nobody hears of this.' });
    assert.equal((await update({ db, state, dir: corpus })).alerts.matched, 0);
    assert.equal(inbox.length, 2);
  } finally {
    archive.close();
  }
});

test('without PRESSROOM_SMTP_URL an email alert is refused with what to set', async () => {
  const saved = process.env.PRESSROOM_SMTP_URL;
  delete process.env.PRESSROOM_SMTP_URL;
  const archive = Archive.open(db);
  try {
    await assert.rejects(createAlert(archive, state, { query: 'Taji', email: 'reader@example.org' }), /set PRESSROOM_SMTP_URL/);
    await assert.rejects(createAlert(archive, state, { query: 'Taji', email: 'not an address' }), /is not an email address/);
    assert.equal(state.alerts().filter((a) => a.query === 'Taji').length, 0, 'a refused alert is not kept');
  } finally {
    archive.close();
    process.env.PRESSROOM_SMTP_URL = saved;
  }
});
