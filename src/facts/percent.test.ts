import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPercent } from './percent.ts';

test('reads "per cent", "%", "percent" and spelled-out numbers to the same value', () => {
  const body = 'Costs rose 2.5 per cent, then 2.5%, then 2.5 percent, and nineteen per cent overall.';
  assert.deepEqual(extractPercent(body).map((f) => f.value), [2.5, 2.5, 2.5, 19]);
});

test('keeps the qualifier and covers it in the span', () => {
  const [f] = extractPercent('Turnout was about 78 per cent.');
  assert.equal(f.qualifier, 'about');
  assert.equal(f.text, 'about 78 per cent');
});

test('gives ranges a value_max', () => {
  const [f] = extractPercent('a rise of 10–15% is expected');
  assert.equal(f.value, 10);
  assert.equal(f.value_max, 15);
});

test('reads a decimal as one number, not its tail', () => {
  const facts = extractPercent('rates of 22.5% and 12.7% apply');
  assert.deepEqual(facts.map((f) => [f.value, f.text]), [[22.5, '22.5%'], [12.7, '12.7%']]);
});

test('ignores words that merely contain "percent"', () => {
  assert.deepEqual(extractPercent('the percentage of voters and 40 percentile'), []);
});

test('reads a number glued to "percent" or "per cent"', () => {
  assert.deepEqual(extractPercent('GST rises to 15percent, fees by 11per cent').map((f) => f.value), [15, 11]);
});
