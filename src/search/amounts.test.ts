import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { amountSnippet } from './amounts.ts';

/** The snippet of the first occurrence of `amount` in `body`. */
const snip = (body: string, amount: string) => amountSnippet(body, body.indexOf(amount), body.indexOf(amount) + amount.length);

describe('amountSnippet', () => {
  const cases: [string, string, string, string][] = [
    ['the sentence around the amount', 'Roads first. The Government will spend $1.2 billion on rail. More later.', '$1.2 billion', 'The Government will spend <mark>$1.2 billion</mark> on rail.'],
    ['a decimal point is no sentence end', 'It costs $1.5 billion, up from $1.2 billion. Next.', '$1.2 billion', 'It costs $1.5 billion, up from <mark>$1.2 billion</mark>.'],
    ['a line is the most it takes', 'Heading\n- $40 million for schools\n- more', '$40 million', '<mark>$40 million</mark> for schools'],
    ['a numbered item loses its number', '1. A further $2–3 million for towns', 'A further $2–3 million', '<mark>A further $2–3 million</mark> for towns'],
    ['Markdown is dropped, escapes too', 'An **estimated** [investment](https://x.nz) of $4,100m\\.', '$4,100m', 'An estimated investment of <mark>$4,100m</mark>.'],
    ['corpus text is escaped', 'A <b>bold</b> & <script>x</script> claim of $40 billion.', '$40 billion', 'A &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt; claim of <mark>$40 billion</mark>.'],
    ['a quote stays quoted', '“We will invest $5 million,” she said.', '$5 million', '“We will invest <mark>$5 million</mark>,” she said.'],
  ];
  for (const [what, body, amount, expected] of cases) {
    it(`gives ${what}`, () => assert.equal(snip(body, amount), expected));
  }

  it('cuts a long sentence at a word either side and says so', () => {
    const words = (n: number, w: string) => Array.from({ length: n }, () => w).join(' ');
    const body = `${words(60, 'before')} $9 million ${words(60, 'after')}.`;
    const s = snip(body, '$9 million');
    assert.match(s, /^…before before/);
    assert.match(s, /after after…$/);
    assert.ok(s.length < 420, `${s.length} characters`);
    assert.ok(s.includes('<mark>$9 million</mark>'));
  });
});
