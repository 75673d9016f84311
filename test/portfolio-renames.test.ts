// A renamed portfolio leads to its other names: found from the releases (one name's use ends as the
// next begins, the same minister issuing most of both), not from a list, with a near-miss beside them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, ingest } from '../src/index.ts';
import { portfolio } from '../src/search/browse.ts';
import { createApp } from '../src/server/app.ts';
import { writeRelease } from './helpers/alerts.ts';

let dir: string;
let archive: Archive;

/** `n` releases in a portfolio by one minister, a month apart from `start` (YYYY-MM). */
function run(corpus: string, portfolioName: string, minister: string, start: string, n: number, slug: string) {
  for (let i = 0; i < n; i++) {
    const m = Number(start.slice(5, 7)) - 1 + i;
    const date = `${Number(start.slice(0, 4)) + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-10`;
    writeRelease(corpus, { id: `${date}-${slug}-${i}`, title: `${portfolioName} update ${i}`, minister, portfolio: portfolioName, body: `News about ${slug} number ${i}.` });
  }
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-renames-'));
  const corpus = path.join(dir, 'corpus');
  run(corpus, 'Quake Recovery', 'Hon Gerald Brownleaf', '2010-01', 12, 'quake');
  run(corpus, 'Canterbury Quake Recovery', 'Hon Gerald Brownleaf', '2011-01', 14, 'canterbury');
  run(corpus, 'Greater Ōtautahi Regeneration', 'Hon Gerald Brownleaf', '2012-03', 12, 'otautahi');
  // Begins as Canterbury Quake Recovery ends, but another minister issues it: no rename.
  run(corpus, 'Civil Response', 'Hon Nadia Other', '2012-03', 12, 'civil');
  // Later releases, so that the archive's newest release is well past every ending above.
  run(corpus, 'Health', 'Hon Ayesha Verrall', '2014-01', 3, 'health');
  const db = path.join(dir, 'a.db');
  await ingest({ dir: corpus, db });
  archive = Archive.open(db);
});
after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

test('each name of a renamed portfolio leads to the one before and the one after, and not to a bystander', () => {
  const middle = portfolio(archive, 'Canterbury Quake Recovery');
  assert.deepEqual(middle.continues.map((s) => s.name), ['Quake Recovery']);
  assert.deepEqual(middle.continued_as.map((s) => [s.name, s.first, s.by]), [['Greater Ōtautahi Regeneration', '2012-03-10', 'Gerald Brownleaf']]);
  assert.deepEqual(portfolio(archive, 'Quake Recovery').continued_as.map((s) => s.name), ['Canterbury Quake Recovery']);
  assert.deepEqual(portfolio(archive, 'Greater Ōtautahi Regeneration').continues.map((s) => s.name), ['Canterbury Quake Recovery']);
  assert.deepEqual(portfolio(archive, 'Civil Response').continues, [], 'another minister’s portfolio does not continue it');
  assert.deepEqual(portfolio(archive, 'Health').continued_as, [], 'a portfolio still in use continues as nothing');
  assert.ok(!middle.see_also.includes('Quake Recovery'), 'a name listed as continued is not repeated under See also');
});

test('the portfolio page links the names both ways', async () => {
  const app = createApp(archive);
  const html = await (await app.request('/portfolios/Canterbury%20Quake%20Recovery')).text();
  assert.match(html, /Continues<\/span> <a href="\/portfolios\/Quake%20Recovery">Quake Recovery<\/a>/);
  assert.match(html, /Continued as<\/span> <a href="\/portfolios\/Greater%20%C5%8Ctautahi%20Regeneration">Greater Ōtautahi Regeneration<\/a> <span class="n">\(from March 2012; most releases on both sides by Gerald Brownleaf\)/);
});
