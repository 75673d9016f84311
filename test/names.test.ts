// Names in filters (issue 11): a surname selects its person, an ambiguous name searches every person it
// names and lists them, a near-miss of a name is read as that name, and a near-miss of a portfolio gets
// "did you mean". On a fixture archive written here.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest, search } from '../src/index.ts';
import { createApp } from '../src/server/app.ts';

const CLI = fileURLToPath(new URL('../bin/pressroom.js', import.meta.url));

/** id → [minister as the file spells it, portfolio, title]. */
const RELEASES: Record<string, [string, string, string]> = {
  '2018-03-01-housing-plan': ['Rt Hon Jacinda Ardern', 'Prime Minister', 'Housing plan announced'],
  '2019-04-02-wellbeing': ['Jacinda Ardern', 'Prime Minister', 'Wellbeing budget'],
  '2015-02-24-iraq-mission': ['Rt Hon John Key', 'Prime Minister', 'Training mission to Iraq'],
  '2012-05-05-conservation': ['Hon Dr Nick Smith', 'Conservation', 'New conservation park'],
  '2005-06-06-speaker': ['Hon Lockwood Smith', 'Defence', 'Defence review'],
  '2016-07-07-quake': ['Hon Gerry Brownlee', 'Civil Defence', 'Civil defence housing after the quake'],
};

let dir: string;
let db: string;
let archive: Archive;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-names-'));
  const corpus = path.join(dir, 'corpus');
  for (const [id, [minister, portfolio, title]] of Object.entries(RELEASES)) {
    const folder = path.join(corpus, 'releases', id.slice(0, 4), id.slice(5, 7));
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, `${id}.md`),
      `---\ntitle: "${title}"\ndate: ${id.slice(0, 10)}\nurl: https://example.test/release/${id}\nministers:\n  - ${minister}\nportfolios:\n  - ${portfolio}\n---\n\n${title}, in a release about housing.\n`,
    );
  }
  db = path.join(dir, 'names.db');
  await ingest({ dir: corpus, db });
  archive = Archive.open(db);
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (q: string) => search(archive, q, { limit: 50 }).hits.map((h) => h.id).sort();

describe('names in filters', () => {
  test('a surname that names one person selects exactly what the full name selects', () => {
    const full = ids('minister:"Jacinda Ardern"');
    assert.deepEqual(full, ['2018-03-01-housing-plan', '2019-04-02-wellbeing']);
    assert.deepEqual(ids('minister:Ardern'), full);
    assert.deepEqual(ids('minister:ardern'), full);
    assert.deepEqual(search(archive, 'minister:Ardern').minister_names, [{ typed: 'Ardern', people: ['Jacinda Ardern'], how: 'part' }]);
    assert.equal(search(archive, 'minister:"Jacinda Ardern"').minister_names, undefined);
  });

  test('a full name typed without quotes is the name, not a filter and a word', () => {
    assert.deepEqual(ids('minister:jacinda ardern'), ids('minister:"Jacinda Ardern"'));
    // The words after the name are still words of the query.
    assert.deepEqual(ids('minister:jacinda ardern wellbeing'), ['2019-04-02-wellbeing']);
  });

  test('a near-miss of a name is read as the name, and says so', () => {
    assert.deepEqual(ids('minister:"Jon Key"'), ids('minister:"John Key"'));
    assert.deepEqual(ids('minister:"Jon Key"'), ['2015-02-24-iraq-mission']);
    assert.deepEqual(search(archive, 'minister:"Jon Key"').minister_names, [{ typed: 'Jon Key', people: ['John Key'], how: 'near' }]);
    assert.deepEqual(ids('minister:Ardren'), ids('minister:"Jacinda Ardern"'));
  });

  test('an ambiguous name searches every person it names and lists them', () => {
    assert.deepEqual(ids('minister:Smith'), ['2005-06-06-speaker', '2012-05-05-conservation']);
    const names = search(archive, 'minister:Smith').minister_names!;
    assert.equal(names[0]!.how, 'ambiguous');
    assert.deepEqual([...names[0]!.people].sort(), ['Lockwood Smith', 'Nick Smith']);
  });

  test('a name of nobody selects nothing and says so', () => {
    assert.deepEqual(ids('minister:Zzyzx'), []);
    assert.deepEqual(search(archive, 'minister:Zzyzx').minister_names, [{ typed: 'Zzyzx', people: [], how: 'none' }]);
  });

  test('a near-miss of a portfolio stays strict and suggests the portfolio', () => {
    const r = search(archive, 'portfolio:defense');
    assert.equal(r.total, 0);
    assert.equal(r.did_you_mean, 'portfolio:Defence');
    assert.equal(search(archive, 'housing portfolio:"civil defense"').did_you_mean, 'housing portfolio:"Civil Defence"');
    assert.equal(search(archive, 'portfolio:Defence').did_you_mean, undefined);
  });

  test('the CLI and the page say how a name was read', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [CLI, 'search', 'minister:Smith', '--db', db], { encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    assert.match(out, /minister:Smith names 2 people, all of them searched: (Nick Smith, Lockwood Smith|Lockwood Smith, Nick Smith)\./);
    const app = createApp(archive, { logError: (e) => assert.fail(`unexpected error: ${String(e)}`) });
    const page = await (await app.request('/search?q=minister%3AArdern')).text();
    assert.match(page, /minister:Ardern is Jacinda Ardern\./);
  });
});
