import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCounts } from './counts.ts';

const read = (s: string) => extractCounts(s).map((f) => [f.value, f.unit, f.qualifier]);

test('reads a number with the noun it counts and its qualifier', () => {
  assert.deepEqual(read('We will send up to 106 personnel.'), [[106, 'personnel', 'up to']]);
  assert.deepEqual(read('A coalition of around 62 countries met.'), [[62, 'countries', 'around']]);
  assert.deepEqual(read('The plan delivers 1,000 new homes.'), [[1000, 'homes', undefined]]);
});

test('reads spelled-out numbers, "a dozen" and "half a million"', () => {
  assert.deepEqual(read('two hundred volunteers came'), [[200, 'volunteers', undefined]]);
  assert.deepEqual(read('a dozen schools joined'), [[12, 'schools', undefined]]);
  assert.deepEqual(read('more than half a million visitors'), [[500000, 'visitors', 'more than']]);
  assert.deepEqual(read('2.5 million people voted'), [[2500000, 'people', undefined]]);
});

test('reads "three or four" as a range and "from 900 to 1,200" as two counts', () => {
  assert.deepEqual(extractCounts('three or four alarms').map((f) => [f.value, f.value_max]), [[3, 4]]);
  assert.deepEqual(extractCounts('tests rise from 900 to 1,200 a year').map((f) => f.value), [900, 1200]);
});

test('takes the unit from the sentence when the noun comes first', () => {
  const [f] = extractCounts('The number of staff moving to Hamilton is up to 40.');
  assert.equal(f.value, 40);
  assert.equal(f.unit, 'staff');
  assert.equal(f.qualifier, 'up to');
});

test('the span covers qualifier, number and noun, exactly', () => {
  const body = 'In all, about 300 nurses were hired.';
  const [f] = extractCounts(body);
  assert.equal(f.text, 'about 300 nurses');
  assert.equal(body.slice(f.start, f.end), f.text);
});

test('does not count measurements', () => {
  assert.deepEqual(read('a 446 hectare reserve, 20km of track, 1500MW of power, 300 tonnes and 12 litres'), []);
});

test('does not count ages', () => {
  assert.deepEqual(read('people aged 65 and a 65-year-old driver; 16 and 17 year olds; Jane Smith, 30, was hurt'), []);
});

test('does not count years, dates, times or durations', () => {
  assert.deepEqual(read('Since 2008, on 3 March and at 10am, for six months'), []);
});

test('does not count money, percentages, labels or phone numbers', () => {
  assert.deepEqual(read('$5 million, 40 per cent, Level 4, section 9, Wing 322, COVID-19, call 0800 123 456 or 04 471 9080'), []);
});

test('does not count the word "one"', () => {
  assert.deepEqual(read('One of the reasons is that no one asked'), []);
});

test('does not count footnote markers or the head of a larger number', () => {
  assert.deepEqual(read('as reported.[1] Each block is approximately 9,000km2 in size'), []);
});
