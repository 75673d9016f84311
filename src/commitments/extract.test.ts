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

test('the coming weeks and months, the end of the year and the rest of this month are counted from the release', () => {
  assert.deepEqual(found('We will introduce legislation in the coming months to carry out these changes.', '2010-02-16'), ['act 2010-03..2010-07']);
  assert.deepEqual(found('Officials will publish the draft plan over the coming weeks.', '2012-05-22'), ['act 2012-06..2012-07']);
  assert.deepEqual(found('The board is expected to be established by the end of the year.', '2014-08-05'), ['act 2014-12..2014-12']);
  assert.deepEqual(found('A meeting of engineers will convene later in the month to decide the next step.', '2019-05-02'), ['act 2019-05..2019-05']);
  // Someone else's pace, not a step with a date: stays out.
  assert.deepEqual(found('Prices have risen in the coming months of each of the last three years.', '2010-02-16'), []);
});

test('the end of a year is its December, and late in a year its last third', () => {
  assert.deepEqual(found('The Minister will report back to Cabinet by the end of 2020.', '2019-06-01'), ['report 2020-12..2020-12']);
  assert.deepEqual(found('The Government will review the levy in late 2020.', '2019-06-01'), ['review 2020-09..2020-12']);
});

test('what a ban or a pause applies from or runs to is when it starts or ends', () => {
  assert.deepEqual(found('Trawlers will be covered by the new rules from 1 October 2015, and set-netters from 1 October 2016.', '2014-01-09'), [
    'start 2015-10..2015-10', 'start 2016-10..2016-10',
  ]);
  assert.deepEqual(found('The pause will run for seven days, to 27 July, while the outbreak is traced.', '2021-07-20'), ['end 2021-07..2021-07']);
  // An ongoing service with a review date is still a commitment; a review "on an ongoing basis" is not.
  assert.deepEqual(found('The fund will be reviewed in six months’ time to ensure it is meeting its ongoing objectives.', '2024-09-19'), ['review 2025-03..2025-03']);
  assert.deepEqual(found('The scheme will be reviewed on an ongoing basis from 2025.', '2024-09-19'), []);
});
