import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Archive, ingest } from '../src/index.ts';
import { threadOf } from '../src/threads/index.ts';
import { releaseCommitments } from '../src/commitments/index.ts';

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

describe('commitments on the real corpus', { skip: corpus ? false : 'PRESSROOM_CORPUS is not set: these tests read the real corpus' }, () => {
  let dir = '';
  let archive: Archive;
  before(async () => {
    if (prebuilt && existsSync(prebuilt)) archive = Archive.open(prebuilt);
    else {
      dir = mkdtempSync(path.join(os.tmpdir(), 'pressroom-commitments-'));
      const db = path.join(dir, 'a.db');
      await ingest({ dir: corpus!, db });
      archive = Archive.open(db);
    }
  });
  after(() => {
    archive?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const clock = () => new Date('2026-12-02T00:00:00Z');

  it('dates the Cabinet review after nine months to 2015-11..2016-02, fulfilled by the 2016-03-24 review', () => {
    const r = releaseCommitments(archive, TOUCHSTONE, { clock });
    const review = r.commitments.find((c) => c.kind === 'review' && /reviewed by Cabinet after nine months/.test(c.text));
    assert.ok(review, 'the review commitment is found');
    assert.deepEqual(review.due, { from: '2015-11', to: '2016-02' });
    assert.equal(review.status, 'followed up');
    const f = review.follow_ups.find((x) => x.id === '2016-03-24-government-confirms-taji-objectives-being-achieved');
    assert.equal(f?.relation, 'fulfils');
  });

  it('ends the two-year mission from May 2015 in 2017-05, extended by the 2016-06-20 decision', () => {
    const r = releaseCommitments(archive, TOUCHSTONE, { clock });
    const mission = r.commitments.find((c) => /two year mission/.test(c.text) && c.due.from === '2017-05');
    assert.ok(mission, 'the two-year mission is found');
    assert.deepEqual(mission.due, { from: '2017-05', to: '2017-05' });
    const f = mission.follow_ups.find((x) => x.id === '2016-06-20-government-extends-iraq-deployment');
    assert.equal(f?.relation, 'extends');
    for (const c of r.commitments) assert.equal(TOUCHSTONE_BODY(archive).slice(c.start, c.end), c.text);
  });
});

const TOUCHSTONE_BODY = (a: Archive) => a.release(TOUCHSTONE).body;
