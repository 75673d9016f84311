import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GoldCommitments, GoldThreads } from './gold12.ts';
import { copyFold, dueRight, locate, otherMember, scoreCommitments, scoreThreads, type SysCommitment, type SysThread } from './threads-commitments.ts';

// A hand-made matter: three steps, one visit, one rejected same-place release.
const threads: GoldThreads = {
  about: '',
  split: '',
  threads: [
    {
      name: 'bridge',
      kind: 'infrastructure',
      half: 'B',
      seed: '2001-01-01-bridge-approved',
      milestones: ['2001-01-01-bridge-approved', '2002-01-01-bridge-funded', '2003-01-01-bridge-opened'],
      context: ['2002-06-01-minister-visits-bridge'],
      rejected: [{ id: '2002-07-01-bridge-club-awards', why: 'another matter' }],
    },
  ],
};
const member = (id: string, duplicates: string[] = []) => ({ id, duplicates });

test('thread recall counts milestones from the seed and from the latest milestone; copies fold', () => {
  assert.equal(otherMember(threads.threads[0]!), '2003-01-01-bridge-opened');
  const known = new Set(['2001-01-01-bridge-approved', '2002-01-01-bridge-funded']);
  const out: Record<string, SysThread> = {
    // From the seed: the funding step only as a copy "-1", the opening missing, a rejected and an unlisted release held.
    '2001-01-01-bridge-approved': { releases: [member('2001-01-01-bridge-approved'), member('2002-01-01-bridge-funded-1'), member('2002-07-01-bridge-club-awards'), member('2002-08-01-unlisted')] },
    // From the latest: everything, the visit included, the seed found only among duplicates.
    '2003-01-01-bridge-opened': { releases: [member('2001-01-02-bridge-approved-copy', ['2001-01-01-bridge-approved']), member('2002-01-01-bridge-funded'), member('2002-06-01-minister-visits-bridge'), member('2003-01-01-bridge-opened')] },
  };
  const s = scoreThreads(threads, 'B', (id) => out[id] ?? null, copyFold(known));
  assert.equal(s.threads, 1);
  assert.equal(s.recallSeed, 2 / 3);
  assert.equal(s.recallOther, 1);
  // Judged returns: 2 good + 1 rejected from the seed, 4 good from the latest.
  assert.equal(s.precision, 6 / 7);
  assert.equal(s.precisionAll, 6 / 8);
  assert.equal(s.rejected, 1);
  assert.equal(s.unjudged, 1);
  assert.ok(s.notes.some((n) => n.includes('missing 2003-01-01-bridge-opened')));
  assert.deepEqual(scoreThreads(threads, 'A', () => null).threads, 0);
});

test('a due window is right when it overlaps the gold one and strays at most a month past either end', () => {
  assert.ok(dueRight({ from: '2015-11', to: '2016-02' }, { from: '2015-11', to: '2016-02' }));
  assert.ok(dueRight({ from: '2015-10', to: '2016-03' }, { from: '2015-11', to: '2016-02' }));
  assert.ok(dueRight({ from: '2016-01', to: '2016-01' }, { from: '2015-11', to: '2016-02' }));
  assert.ok(!dueRight({ from: '2015-09', to: '2016-02' }, { from: '2015-11', to: '2016-02' }));
  assert.ok(!dueRight({ from: '2016-03', to: '2016-03' }, { from: '2017-03', to: '2017-03' }));
  assert.ok(dueRight({ from: '2016-12', to: '2017-01' }, { from: '2017-01', to: '2017-12' }));
});

test('a gold span is found through differences in white space and quote marks', () => {
  const body = 'Intro.\n\nThe Minister’s  review will\nreport by March. End.';
  assert.deepEqual(locate(body, 'Intro.'), [0, 6]);
  const at = locate(body, "The Minister's review will report by March.");
  assert.ok(at);
  assert.equal(body.slice(...at), 'The Minister’s  review will\nreport by March.');
  assert.equal(locate(body, 'Not there at all.'), null);
});

const BODY =
  'The mission, likely to start from May, will be reviewed by Cabinet after nine months. ' + // 0..86
  'Submissions close on 1 June. ' + // 86..115
  'Background: the mission will be reviewed after nine months. ' + // 115..175
  'A report will go to Cabinet by March.'; // 175..212

const commitments: GoldCommitments = {
  about: '',
  split: '',
  releases: [
    {
      id: '2015-02-24-mission',
      half: 'A',
      commitments: [
        { text: 'The mission, likely to start from May, will be reviewed by Cabinet after nine months.', kind: 'start', subject: 'mission', due: { from: '2015-05', to: '2015-05' }, follow_ups: [], checked: true },
        { text: 'The mission, likely to start from May, will be reviewed by Cabinet after nine months.', kind: 'review', subject: 'review', due: { from: '2015-11', to: '2016-02' }, also: ['Background: the mission will be reviewed after nine months.'], follow_ups: [{ id: '2016-03-24-review-done', relation: 'fulfils' }], checked: true },
        { text: 'A report will go to Cabinet by March.', kind: 'report', subject: 'report', due: { from: '2015-03', to: '2015-03' }, follow_ups: [{ id: '2015-04-01-report-late', relation: 'mentions' }], checked: true },
      ],
      near_misses: [{ text: 'Submissions close on 1 June.', why: "someone else's deadline" }],
    },
    { id: '2016-01-01-not-in-archive', half: 'A', commitments: [], near_misses: [] },
  ],
};
const sys = (start: number, end: number, kind: string, from: string, to: string, follow_ups: SysCommitment['follow_ups'] = []): SysCommitment => ({ start, end, kind, due: { from, to }, follow_ups });

test('commitments: overlap in the same release matches, kind first; due, top 3 and fulfils-when-none over matched ones', () => {
  const preds = [
    // The review, read from its background repeat, with the right follow-up fourth: not in the top 3.
    sys(130, 170, 'review', '2015-11', '2016-02', [{ id: 'a', relation: 'mentions' }, { id: 'b', relation: 'mentions' }, { id: 'c', relation: 'mentions' }, { id: '2016-03-24-review-done', relation: 'fulfils' }]),
    // The shared sentence read once more, as a start; due a month early is still right.
    sys(0, 86, 'start', '2015-04', '2015-05'),
    // A near-miss taken: false.
    sys(86, 115, 'act', '2015-06', '2015-06'),
    // The report, due wrong, its follow-up a copy "-1" in first place, and a claim that it is fulfilled.
    sys(175, 212, 'report', '2015-06', '2015-06', [{ id: '2015-04-01-report-late-1', relation: 'fulfils' }]),
  ];
  const fold = copyFold(new Set(['2015-04-01-report-late']));
  const s = scoreCommitments(commitments, 'A', (id) => (id === '2015-02-24-mission' ? { body: BODY, commitments: preds } : null), fold);
  assert.equal(s.releases, 2);
  assert.equal(s.gold, 3);
  assert.equal(s.predicted, 4);
  assert.equal(s.precision, 3 / 4);
  assert.equal(s.recall, 1);
  assert.equal(s.dueRight, 2 / 3);
  assert.equal(s.withFollowUps, 2);
  assert.equal(s.followTop3, 1 / 2);
  // The start and the report have no gold `fulfils`; the report's claim is wrong.
  assert.equal(s.withoutFulfils, 2);
  assert.equal(s.fulfilsWhenNone, 1 / 2);
  assert.ok(s.notes.some((n) => n.includes('2016-01-01-not-in-archive')));
});

test('one prediction pairs with one gold commitment: a shared sentence read once finds one of its commitments', () => {
  const preds = [sys(0, 86, 'review', '2015-11', '2016-02')];
  const s = scoreCommitments(commitments, 'A', (id) => (id === '2015-02-24-mission' ? { body: BODY, commitments: preds } : null));
  assert.equal(s.precision, 1);
  assert.equal(s.recall, 1 / 3);
  assert.equal(s.dueRight, 1);
  assert.equal(s.followTop3, 0);
  assert.equal(s.fulfilsWhenNone, null);
});
