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

test('does not read "today", weekdays or "this week" as dates', () => {
  assert.deepEqual(values('Today the Minister said on Monday that this week is busy.'), []);
});

test('does not read names or counts as years', () => {
  assert.deepEqual(values('Budget 2015 funds 2000 new homes.'), []);
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
