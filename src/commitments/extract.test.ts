import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCommitments } from './extract.ts';
import { statusOf } from './follow.ts';

const found = (body: string, date = '2015-02-24') => extractCommitments(body, date).map((c) => `${c.kind} ${c.due.from}..${c.due.to}`);

test('a span counted from an anchor the text gives: the window runs from the release to the anchor', () => {
  assert.deepEqual(found('The three year programme, set to start from July, will be evaluated after six months.', '2010-03-10'), [
    'end 2013-07..2013-07', 'review 2010-09..2011-01',
  ]);
});

test('a deadline with a month and a year', () => {
  assert.deepEqual(found('The new bridge is expected to be completed by the end of June 2021.', '2019-08-01'), ['finish 2021-06..2021-06']);
  assert.deepEqual(found('The Minister will report back to Cabinet by March.', '2012-11-05'), ['report 2013-03..2013-03']);
});

test('a year sharpened by early, mid and late', () => {
  assert.deepEqual(found('The Government will review the scheme again in early 2019.', '2018-05-01'), ['review 2019-01..2019-04']);
  assert.deepEqual(found('Construction will begin in mid-2024.', '2023-02-01'), ['start 2024-05..2024-08']);
  assert.deepEqual(found('This decision will be reviewed in 2021.', '2019-01-01'), ['review 2021-01..2021-12']);
});

test('within six months, counted from the release', () => {
  assert.deepEqual(found('Officials will deliver a plan to the Minister within six months.', '2017-04-12'), ['act 2017-10..2017-10']);
});

test('what a reader could not check later is not a commitment', () => {
  assert.deepEqual(found('The guidelines will be reviewed from time to time.'), []);
  assert.deepEqual(found('Submissions close on 30 April 2015 and must be made online.'), []);
  assert.deepEqual(found('The review was completed in 2014 and the report was released in May 2014.'), []);
  assert.deepEqual(found('Fees will be set on 1 July each year.'), []);
  assert.deepEqual(found('The population will increase by 2030.'), []);
});

test('a span of years is a period, not a due window', () => {
  assert.deepEqual(found('The strategy will guide agencies from 2016 to 2026.', '2016-03-01'), []);
});

test('every commitment quotes its sentence exactly', () => {
  const body = 'Intro text here today.\n\n“The two year mission, likely to start from May, will be reviewed by Cabinet after nine months.\n\nMore.';
  const cs = extractCommitments(body, '2015-02-24');
  assert.equal(cs.length, 2);
  for (const c of cs) assert.equal(body.slice(c.start, c.end), c.text);
  assert.equal(cs[0]!.text, 'The two year mission, likely to start from May, will be reviewed by Cabinet after nine months.');
});

test('status: upcoming, due, followed up, and never "broken"', () => {
  const c = { text: '', start: 0, end: 0, kind: 'review' as const, subject: 'x', due: { from: '2016-01', to: '2016-03' } };
  assert.equal(statusOf(c, [], '2015-12-31'), 'upcoming');
  assert.equal(statusOf(c, [], '2016-02-10'), 'due');
  assert.equal(statusOf(c, [], '2017-01-01'), 'no later release found');
  assert.equal(statusOf(c, [{ id: 'a', date: '2016-03-01', relation: 'fulfils', text: '', title: '' }], '2016-02-10'), 'followed up');
});

test('an extension to a date commits to a new end, with no "will" in the sentence', () => {
  assert.deepEqual(found('The government has also extended until September 2007 the missions of the two officers.', '2006-04-10'), ['end 2007-09..2007-09']);
  assert.deepEqual(found('The deployment has been extended to July 2020.', '2018-09-17'), ['end 2020-07..2020-07']);
  assert.deepEqual(found('The scheme was extended in 2004 after a review.', '2006-04-10'), [], 'an extension in the past, to no date, is history');
});

test("a span in so many months' time counts from the release", () => {
  assert.deepEqual(found('The fund will be reviewed in six months’ time to ensure it is working.', '2024-09-19'), ['review 2025-03..2025-03']);
});
