import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLOSE, markSnippet, OPEN } from './snippet.ts';

const m = (s: string) => s.replaceAll('[', OPEN).replaceAll(']', CLOSE);

test('snippets mark matches with <mark> and escape everything else', () => {
  const cases: [string, string][] = [
    [`The **${OPEN}Taji${CLOSE}** mission`, 'The <mark>Taji</mark> mission'],
    [m('<script>alert(1)</script> [word]'), '&lt;script&gt;alert(1)&lt;/script&gt; <mark>word</mark>'],
    [m('[<b>] & "quoted" it\'s'), '<mark>&lt;b&gt;</mark> &amp; &quot;quoted&quot; it&#39;s'],
    [m('growth of 5 > 3 per cent in C# and F#'), 'growth of 5 &gt; 3 per cent in C# and F#'],
    ['a link to the [plan](https://example.test/plan) and ![a map](m.png)', 'a link to the plan and a map'],
    ['> a quoted line\n## A heading\n- a *bullet*', 'a quoted line A heading - a bullet'],
    [m('an [ ] empty mark, and [**]'), 'an empty mark, and'],
  ];
  for (const [raw, html] of cases) assert.equal(markSnippet(raw), html, JSON.stringify(raw));
});

test('no snippet holds a tag other than <mark>', () => {
  const probe = m('<img src=x onerror="a()"> [<iframe>] </mark><mark> <script>');
  assert.doesNotMatch(markSnippet(probe).replace(/<\/?mark>/g, ''), /[<>]/);
});
