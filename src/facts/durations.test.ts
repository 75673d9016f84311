import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDurations } from './durations.ts';

const values = (s: string) => extractDurations(s).map((f) => f.value);

test('reads years, months, weeks, days and hours as ISO 8601 durations', () => {
  assert.deepEqual(values('A two year mission'), ['P2Y']);
  assert.deepEqual(values('reviewed after nine months'), ['P9M']);
  assert.deepEqual(values('a five-year plan'), ['P5Y']);
  assert.deepEqual(values('closed for six weeks'), ['P6W']);
  assert.deepEqual(values('within 90 days'), ['P90D']);
  assert.deepEqual(values('a 24 hour helpline'), ['PT24H']);
});

test('gives ranges a value_max', () => {
  const [f] = extractDurations('Isolation lasts 21 to 28 days.');
  assert.equal(f.value, 'P21D');
  assert.equal(f.value_max, 'P28D');
  assert.equal(f.text, '21 to 28 days');
});

test('reads "from 30 to 40 hours" as two durations sharing the unit', () => {
  assert.deepEqual(extractDurations('Hours rise from 30 to 40 hours a week.').map((f) => [f.text, f.value]), [['30', 'PT30H'], ['40 hours', 'PT40H']]);
});

test('keeps the qualifier', () => {
  const [f] = extractDurations('The trial runs for up to three months.');
  assert.equal(f.qualifier, 'up to');
  assert.equal(f.text, 'up to three months');
});

test('allows an adjective between number and unit', () => {
  assert.deepEqual(values('after three busy years in the job'), ['P3Y']);
});

test('does not read ages or past points as durations', () => {
  assert.deepEqual(values('A 65-year-old woman and two 8 year olds'), []);
  assert.deepEqual(values('people 18 years and over, aged 16 and 17 years'), []);
  assert.deepEqual(values('The law changed ten years ago.'), []);
});
