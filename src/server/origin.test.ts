// Who a request comes from and which origin its links use: a client may not choose either unless the operator trusts a proxy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { clientAddress, requestOrigin } from './origin.ts';

/** A real server on loopback answering with what it made of the request. */
async function echo(trustProxy: boolean): Promise<{ url: string; close: () => void }> {
  const app = new Hono().get('/', (c) => c.json({ client: clientAddress(c, { trustProxy }), origin: requestOrigin(c, { trustProxy }) }));
  return new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ url: `http://127.0.0.1:${info.port}/`, close: () => s.close() }));
  });
}

const forged = { 'X-Forwarded-For': '198.51.100.7, 203.0.113.9', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'pressroom.example' };

test('without a trusted proxy, forwarded headers are ignored: the client is the connection and the origin the address asked', async () => {
  const s = await echo(false);
  try {
    const got = await (await fetch(s.url, { headers: forged })).json();
    assert.equal(got.client, '127.0.0.1', 'a client cannot dodge per-client limits by writing X-Forwarded-For');
    assert.equal(got.origin, s.url.slice(0, -1));
  } finally {
    s.close();
  }
});

test('behind a trusted proxy, the client is the last X-Forwarded-For address (the one the proxy added)', async () => {
  const s = await echo(true);
  try {
    const got = await (await fetch(s.url, { headers: forged })).json();
    assert.equal(got.client, '203.0.113.9');
    assert.equal(got.origin, 'https://pressroom.example');
    const direct = await (await fetch(s.url)).json();
    assert.equal(direct.client, '127.0.0.1', 'no header: the connection');
  } finally {
    s.close();
  }
});
