import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Archive, ingest } from '../src/index.ts';
import { threadOf } from '../src/threads/index.ts';

const corpus = process.env.PRESSROOM_CORPUS;
if (!corpus && process.env.CI) throw new Error('PRESSROOM_CORPUS must name the real corpus under CI');
// An archive already built from that corpus saves the ingest; else one is built here.
const prebuilt = process.env.PRESSROOM_ARCHIVE;
const TOUCHSTONE = '2015-02-24-pm-announces-contribution-coalition-against-isil';
const MILESTONES = [
  '2015-02-24-government-approves-nzdf-training-mission-iraq',
  '2016-03-24-government-confirms-taji-objectives-being-achieved',
  '2016-06-20-government-extends-iraq-deployment',
  '2016-11-04-training-iraqis-al-taqaddum-approved',
  '2018-09-17-new-zealand-extend-nzdf-deployments-iraq-and-afghanistan-and-3-peacekeeping-missions',
  '2019-06-10-new-zealand-withdraw-iraq-june-2020',
  '2020-03-30-new-zealand-defence-personnel-conclude-mission-taji',
];

describe('threads on the real corpus', { skip: corpus ? false : 'PRESSROOM_CORPUS is not set: these tests read the real corpus' }, () => {
  let dir = '';
  let archive: Archive;
  before(async () => {
    if (prebuilt && existsSync(prebuilt)) archive = Archive.open(prebuilt);
    else {
      dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-threads-'));
      const db = path.join(dir, 'a.db');
      await ingest({ dir: corpus!, db });
      archive = Archive.open(db);
    }
  });
  after(() => {
    archive?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('follows the Iraq training mission from its approval to its end at Taji, as milestones', () => {
    const t = threadOf(archive, TOUCHSTONE);
    const milestones = new Set(t.releases.filter((r) => r.role === 'milestone').map((r) => r.id));
    for (const id of [TOUCHSTONE, ...MILESTONES]) assert.ok(milestones.has(id), `${id} should be a milestone of the thread`);
    const dates = t.releases.map((r) => r.date ?? '');
    assert.deepEqual(dates, [...dates].sort(), 'date order');
  });

  it('holds no release about Tajikistan', () => {
    const t = threadOf(archive, TOUCHSTONE);
    for (const r of t.releases) assert.doesNotMatch(`${r.title} ${r.id}`, /tajik/i);
  });

  it('gives the same thread from the 2019 withdrawal announcement', () => {
    const a = threadOf(archive, TOUCHSTONE);
    const b = threadOf(archive, '2019-06-10-new-zealand-withdraw-iraq-june-2020');
    assert.equal(b.thread, a.thread);
    assert.deepEqual(b.releases.map((r) => r.id), a.releases.map((r) => r.id));
  });

  it('leaves out the same-day aid release, a different strand', () => {
    const ids = threadOf(archive, '2016-06-20-government-extends-iraq-deployment').releases.map((r) => r.id);
    assert.ok(!ids.includes('2016-06-20-nz-increases-aid-fight-against-isil'));
  });
});
