import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fact } from '../facts/types.ts';
import { describeFact } from './markdown.ts';

const duration = (value: string, value_max?: string): Fact => ({ kind: 'duration', value, value_max, text: '', start: 0, end: 0 });

test('durations read as ISO 8601 writes them: M is months before the T and minutes after it', () => {
  assert.equal(describeFact(duration('P2Y')), 'duration: 2 years');
  assert.equal(describeFact(duration('P1M')), 'duration: 1 month');
  assert.equal(describeFact(duration('PT30M')), 'duration: 30 minutes');
  assert.equal(describeFact(duration('PT48H')), 'duration: 48 hours');
  assert.equal(describeFact(duration('P21D', 'P28D')), 'duration: 21 days–28 days');
  assert.equal(describeFact(duration('about a while')), 'duration: about a while');
});
