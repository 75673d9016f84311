import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFacts, encodeFacts } from './codec.ts';
import { extractFacts } from './extract.ts';

const BODY =
  'Around 62 countries have joined. The two year mission, likely to start from May, will cost up to $65 million, ' +
  'or US$9 million a year; between $2 and $3 million goes to 21 to 28 days of training, 2.5 per cent of the total.';

test('what is stored reads back as the same facts, every field and the exact text', () => {
  const facts = extractFacts(BODY, '2015-02-24');
  assert.deepEqual(new Set(facts.map((f) => f.kind)), new Set(['count', 'duration', 'date', 'money', 'percent']));
  assert.ok(facts.some((f) => f.currency === 'USD'), 'a foreign currency');
  assert.ok(facts.some((f) => f.value_max !== undefined), 'a range');
  assert.ok(facts.some((f) => f.qualifier !== undefined), 'a qualifier');
  const back = decodeFacts(encodeFacts(facts), BODY);
  assert.deepEqual(back, facts);
  for (const f of back) assert.equal(f.text, BODY.slice(f.start, f.end));
});

test('keeps no text, leaves out NZD and absent fields, and reads none as none', () => {
  const body = 'It costs $4.5 million.';
  const stored = encodeFacts(extractFacts(body, null));
  assert.equal(stored, '[[0,4500000,9,21]]');
  assert.deepEqual(decodeFacts(stored, body), [{ kind: 'money', value: 4_500_000, currency: 'NZD', text: '$4.5 million', start: 9, end: 21 }]);
  assert.equal(encodeFacts([]), '[]');
  assert.deepEqual(decodeFacts('[]', body), []);
});
