import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDates } from './dates.ts';

const values = (s: string, ref: string | null = '2015-02-24') => extractDates(s, ref).map((f) => f.value_max === undefined ? f.value : `${f.value}..${f.value_max}`);

test('resolves a bare month against the release date', () => {
  assert.deepEqual(values('The mission will start from May.'), ['2015-05']);
});

test('resolves next and last year against the release date', () => {
  assert.deepEqual(values('We will act next year, as we did last year.'), ['2016', '2014']);
  assert.deepEqual(values('It opens next April.', '2007-12-19'), ['2008-04']);
  assert.deepEqual(values('We met in October last year.', '2021-01-25'), ['2020-10']);
});

test('keeps the precision the text gives', () => {
  assert.deepEqual(values('The law starts on 1 July 2016.'), ['2016-07-01']);
  assert.deepEqual(values('It ended in July 2016.'), ['2016-07']);
  assert.deepEqual(values('It has grown since 1994.'), ['1994']);
  assert.deepEqual(values('from April 1 2008'), ['2008-04-01']);
});

test('puts a day without a year in the nearest year to the release', () => {
  assert.deepEqual(values('after the December 23 earthquake', '2012-05-18'), ['2011-12-23']);
});

test('reads NZ financial years as July to June ranges', () => {
  assert.deepEqual(values('Funding for 2015/16 and 2016-17 rises.'), ['2015-07-01..2016-06-30', '2016-07-01..2017-06-30']);
});

test('reads "from 2018 to 2022" as one range', () => {
  assert.deepEqual(values('The strategy runs from 2018 to 2022.'), ['2018..2022']);
});

test('does not read a bare weekday as a date', () => {
  assert.deepEqual(values('The Minister said on Monday that Fridays are busy.'), []);
});

// 2015-02-24 was a Tuesday.
test('reads today, yesterday and tomorrow as days around the release date', () => {
  assert.deepEqual(values('Today the Minister opened it; yesterday she flew in, and tomorrow she leaves.'), ['2015-02-24', '2015-02-23', '2015-02-25']);
});

test('does not read "today\'s world" as a date', () => {
  assert.deepEqual(values('In today’s world, skills matter.'), []);
});

test('reads this, next and last week as Monday-to-Sunday ranges', () => {
  assert.deepEqual(values('Cabinet met this week and will meet next week, as it did last week.'), [
    '2015-02-23..2015-03-01', '2015-03-02..2015-03-08', '2015-02-16..2015-02-22',
  ]);
});

test('reads last Thursday and next Tuesday from the release day', () => {
  assert.deepEqual(values('Cabinet agreed last Thursday and the team leaves next Tuesday.'), ['2015-02-19', '2015-03-03']);
});

test('reads this weekend as its Saturday and Sunday', () => {
  assert.deepEqual(values('The festival runs this weekend.'), ['2015-02-28..2015-03-01']);
  assert.deepEqual(values('The festival ran this weekend.', '2015-03-01'), ['2015-02-28..2015-03-01']);
});

test('reads this financial year as the NZ one, 1 July to 30 June', () => {
  assert.deepEqual(values('Spending rises this financial year.'), ['2014-07-01..2015-06-30']);
  assert.deepEqual(values('Spending rises next financial year.', '2015-08-03'), ['2016-07-01..2017-06-30']);
});

test('reads Budget 2004 as the May it is delivered in', () => {
  assert.deepEqual(values('The Minister confirmed funding in Budget 2004.', '2003-11-20'), ['2004-05']);
});

test('reads "June to November 2001" as one range in 2001', () => {
  assert.deepEqual(values('The survey ran from June to November 2001.', '2005-03-01'), ['2001-06..2001-11']);
  assert.deepEqual(values('It ran June to November 2001.', '2005-03-01'), ['2001-06..2001-11']);
});

test('reads a range that crosses a year end back into the year before', () => {
  assert.deepEqual(values('The trial runs from November to February 2009.', '2008-06-01'), ['2008-11..2009-02']);
});

test('does not read a day that recurs each year as one date', () => {
  assert.deepEqual(values('Fees rise on 1 January each year, and the Act starts on 1 July 2016.'), ['2016-07-01']);
});

test('does not read names or counts as years', () => {
  assert.deepEqual(values('Vision 2030 funds 2000 new homes.'), []);
});

test('does not read "may" the verb as May', () => {
  assert.deepEqual(values('Changes may be made. May I add that we may.'), []);
});

test('leaves out relative dates when the release date is unknown', () => {
  assert.deepEqual(values('next year, and in 2016', null), ['2016']);
});

test('every span is exactly the text it claims', () => {
  const body = 'From 1 July 2016 to the end of 2018, and next year.';
  for (const f of extractDates(body, '2015-02-24')) assert.equal(body.slice(f.start, f.end), f.text);
});

test('leaves a sentence-ending full stop out of the span', () => {
  assert.deepEqual(extractDates('Winners are named on 26 July.', '2011-06-01').map((f) => f.text), ['26 July']);
});
