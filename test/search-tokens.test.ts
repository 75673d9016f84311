// Ranking compares the folded words of titles and leads: the quick path for plain text must give the words
// that folding (foldKey: NFD, no marks, lower case) and Unicode letter classes give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokens } from '../src/search/rank.ts';
import { foldKey } from '../src/text.ts';

const TEXTS = [
  'PM announces contribution to Coalition against ISIL',
  'Government’s $1.2b plan — “fast-track” consenting… for 2024/25',
  'Te Whatu Ora and Māori health: Ōtautahi hui',
  'Café owners in Whangārei welcome the GST change (15%)',
  'A\u00a0no-break space, tabs\tand\nnew lines, C# and 5 > 3',
  'Ruapehu, Tongariro & Ngāuruhoe: ÉTÉ, straße, ½ and ² are folded too',
  'covid19 Covid-19 COVID 19 e-mail e‑mail',
  '',
];

test('the words of a text are those its folded form holds, plain or not', () => {
  for (const t of TEXTS) {
    assert.deepEqual(tokens(t), foldKey(t).match(/[\p{L}\p{N}]+/gu) ?? [], `words and digits of ${JSON.stringify(t)}`);
    assert.deepEqual(tokens(t, true), foldKey(t).match(/\p{L}+/gu) ?? [], `letters of ${JSON.stringify(t)}`);
  }
});
