// The public origin in feeds, exports and the OpenSearch description: the operator's setting, a trusted proxy's
// forwarded headers, or the request's own address; never a client's say otherwise, and always escaped.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest } from '../src/index.ts';
import { createApp, type AppOptions } from '../src/server/app.ts';
import { parseOrigin } from '../src/server/origin.ts';
import { cli } from './helpers/cli.ts';

const CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
let dir: string;
let archive: Archive;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-origin-'));
  await ingest({ dir: CORPUS, db: path.join(dir, 'web.db') });
  archive = Archive.open(path.join(dir, 'web.db'));
});
after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The search template of /opensearch.xml and the first link of the search feed, as a client sees them. */
async function links(opts: AppOptions, headers: Record<string, string> = {}, url = 'http://localhost') {
  const app = createApp(archive, opts);
  const xml = await (await app.request(`${url}/opensearch.xml`, { headers })).text();
  const feed = await (await app.request(`${url}/search.atom?q=roading`, { headers })).text();
  return { template: /<Url type="text\/html" template="([^"]*)"/.exec(xml)![1], feedId: /<id>([^<]*)<\/id>/.exec(feed)![1]!, xml };
}

describe('public origin', () => {
  test('by default, the address the request came to', async () => {
    const l = await links({}, {}, 'http://127.0.0.1:8080');
    assert.equal(l.template, 'http://127.0.0.1:8080/search?q={searchTerms}');
    assert.ok(l.feedId.startsWith('http://127.0.0.1:8080/'), l.feedId);
  });

  test('the operator\'s origin wins over the request and any forwarded header', async () => {
    const l = await links({ origin: 'https://press.example' }, { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'http' });
    assert.equal(l.template, 'https://press.example/search?q={searchTerms}');
    assert.ok(l.feedId.startsWith('https://press.example/'), l.feedId);
  });

  test('forwarded headers count only behind a proxy the operator trusts', async () => {
    const forwarded = { 'X-Forwarded-Host': 'press.example, inner.local', 'X-Forwarded-Proto': 'https' };
    assert.equal((await links({}, forwarded)).template, 'http://localhost/search?q={searchTerms}');
    assert.equal((await links({ trustProxy: true }, forwarded)).template, 'https://press.example/search?q={searchTerms}');
  });

  test('a forwarded host that is not a host name is ignored, and the XML stays well formed', async () => {
    const l = await links({ trustProxy: true }, { 'X-Forwarded-Host': 'x"/><Url template="https://evil.example', 'X-Forwarded-Proto': 'javascript' });
    assert.equal(l.template, 'http://localhost/search?q={searchTerms}');
    assert.equal((l.xml.match(/<Url /g) ?? []).length, 2);
  });

  test('--origin and PRESSROOM_ORIGIN take a site address and refuse anything else, exit 2', async () => {
    assert.equal(parseOrigin('https://press.example/', '--origin'), 'https://press.example');
    assert.equal(parseOrigin('http://press.example:8080', '--origin'), 'http://press.example:8080');
    for (const bad of ['press.example', 'https://press.example/pressroom', 'ftp://press.example', 'https://press.example/?q=1']) {
      assert.throws(() => parseOrigin(bad, '--origin'), /--origin must be a site's address with no path, like https:\/\/pressroom\.example/, bad);
    }
    const r = await cli(['serve', '--origin', 'press.example', '--db', path.join(dir, 'web.db')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^pressroom: --origin must be a site's address/);
    const env = await cli(['serve', '--db', path.join(dir, 'web.db')], { ...process.env, PRESSROOM_ORIGIN: 'nope' });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /^pressroom: PRESSROOM_ORIGIN must be a site's address/);
  });
});
