import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Archive, ingest, related, search } from '../src/index.ts';

const corpus = process.env.PRESSROOM_CORPUS;
if (!corpus && process.env.CI) throw new Error('PRESSROOM_CORPUS must name the real corpus under CI');
const TOUCHSTONE = '2015-02-24-pm-announces-contribution-coalition-against-isil';

describe('the real corpus', { skip: corpus ? false : 'PRESSROOM_CORPUS is not set: these tests read the real corpus' }, () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'pressroom-real-'));
  const db = path.join(work, 'real.db');
  let archive: Archive;
  let summary: Awaited<ReturnType<typeof ingest>>;
  before(async () => {
    summary = await ingest({ dir: corpus!, db });
    archive = Archive.open(db);
  });
  after(() => {
    archive?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('ingests all 55,167 releases and rejects none', () => {
    assert.equal(summary.ingested, 55167);
    assert.deepEqual(summary.rejected, []);
  });

  it('ranks the touchstone first for "coalition against ISIL training mission" and in the top 3 for "Iraq training mission Taji"', () => {
    assert.equal(search(archive, 'coalition against ISIL training mission').hits[0]?.id, TOUCHSTONE);
    // Its title has none of these words; it ranks by being the first release to use "Taji" (rank.ts, origin).
    const ids = search(archive, 'Iraq training mission Taji', { limit: 3 }).hits.map((h) => h.id);
    assert.ok(ids.includes(TOUCHSTONE), ids.join(', '));
  });

  it('shows the touchstone with its date, minister, portfolio and facts', () => {
    const r = archive.release(TOUCHSTONE);
    assert.equal(r.date, '2015-02-24');
    assert.deepEqual(r.ministers, ['John Key']);
    assert.deepEqual(r.portfolios, ['Prime Minister']);
    const facts = r.facts.map((f) => `${f.kind}:${f.value}`);
    for (const f of ['count:62', 'count:106', 'count:143', 'duration:P2Y', 'date:2015-05', 'duration:P9M']) assert.ok(facts.includes(f), f);
  });

  it('counts minister:"Chris Hipkins" under every form of his name, and portfolio:Defence without Civil Defence', () => {
    const n = (sql: string) => archive.db.prepare(sql).pluck().get() as number;
    const hipkins = n(`SELECT count(*) FROM releases WHERE ministers_raw LIKE '%Chris Hipkins%'`);
    assert.equal(search(archive, 'minister:"Chris Hipkins"').total, hipkins);
    assert.equal(search(archive, 'minister:"Rt Hon Chris Hipkins"').total, hipkins);
    const defence = n(`SELECT count(*) FROM releases WHERE EXISTS (SELECT 1 FROM json_each(portfolios) WHERE value = 'Defence')`);
    assert.equal(search(archive, 'portfolio:Defence').total, defence);
    const feb = n(`SELECT count(*) FROM releases WHERE date BETWEEN '2015-02-01' AND '2015-02-28'`);
    assert.equal(search(archive, 'from:2015-02 to:2015-02').total, feb);
  });

  it('finds later releases about the mission as related, oldest first', () => {
    const hits = related(archive, TOUCHSTONE).hits;
    assert.ok(hits.some((h) => /taji/i.test(h.title)));
    const dates = hits.map((h) => h.date ?? '9999');
    assert.deepEqual(dates, [...dates].sort());
  });
});
