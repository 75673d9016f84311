import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WordCounts, leadOf } from './prepare.ts';

describe('leadOf', () => {
  it('is the first paragraph of twenty characters or more, as plain text', () => {
    assert.equal(leadOf('**Wellington**\n\n \n\nThe PM today *announced* [a plan](https://e.test).\n\nMore.'), 'The PM today announced a plan.');
  });

  it('reads a body without a long paragraph from its start', () => {
    assert.equal(leadOf('Short.\n\nAlso short.'), 'Short. Also short.');
    assert.equal(leadOf(''), '');
  });
});

describe('WordCounts', () => {
  it('counts each folded word once per text', () => {
    const words = new WordCounts();
    words.add('Kaikōura quake: the Kaikoura recovery, the quake');
    words.add('The QUAKE at an ōtautahi site');
    assert.deepEqual(Object.fromEntries(words.counts()), { kaikoura: 1, quake: 2, the: 2, recovery: 1, otautahi: 1, site: 1 });
  });
});
