import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseRelease, readCorpus } from './read.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
const file = (text: string) => Buffer.from(text, 'utf8');

describe('parseRelease', () => {
  it('reads the front matter and body of a release', () => {
    const r = parseRelease('releases/2015/02/2015-02-24-x.md', file('---\ntitle: "PM \\"quoted\\" title"\ndate: 2015-02-24\nurl: https://e.test/x\nministers:\n  - Rt Hon Chris Hipkins\n  - Download as PDF file\nportfolios:\n  - Defence\n---\n\nFirst paragraph.\n\nSecond.\n'));
    assert.ok('release' in r);
    assert.equal(r.release.id, '2015-02-24-x');
    assert.equal(r.release.title, 'PM "quoted" title');
    assert.equal(r.release.date, '2015-02-24');
    assert.deepEqual(r.release.ministers, ['Chris Hipkins']);
    assert.deepEqual(r.release.ministersRaw, ['Rt Hon Chris Hipkins', 'Download as PDF file']);
    assert.deepEqual(r.release.portfolios, ['Defence']);
    assert.equal(r.release.body, 'First paragraph.\n\nSecond.');
  });

  it("gives the body's own UTF-8 bytes, whatever surrounds it", () => {
    const cases = [
      '---\ntitle: T\ndate: 2019-01-01\nurl: https://e.test/x\n---\n\nFirst paragraph.\n\nSecond.\n',
      // A byte-order mark, macrons in the front matter, spaces and a no-break space around the body.
      '\ufeff---\ntitle: Kaikōura – “rebuild”\ndate: 2019-01-01\nurl: https://e.test/x\nportfolios:\n  - Māori Development\n---\n \u00a0\n Tēnā koe — $4.5m’s worth.\u00a0\n\n',
      '---\r\ntitle: T\r\ndate: 2019-01-01\r\nurl: https://e.test/x\r\n---\r\n\r\nWindows lines.\r\n',
      '---\ntitle: T\ndate: 2019-01-01\nurl: https://e.test/x\n---\n',
      '---\ntitle: T\ndate: 2019-01-01\nurl: https://e.test/x\n---',
    ];
    for (const text of cases) {
      const r = parseRelease('a/2019-01-01-x.md', file(text));
      assert.ok('release' in r, text);
      assert.equal(Buffer.from(r.bodyBytes).toString('utf8'), r.release.body, text);
    }
  });

  it('stores the date 0001-01-01 as unknown', () => {
    const r = parseRelease('a/0001-01-01-x.md', file('---\ntitle: T\ndate: 0001-01-01\nurl: https://e.test/x\n---\nBody'));
    assert.ok('release' in r);
    assert.equal(r.release.date, null);
  });

  it('reads an unquoted "Name: Subtitle" portfolio and a [bracketed] item as the strings they look like', () => {
    const r = parseRelease('a/2019-01-01-x.md', file('---\ntitle: T\ndate: 2019-01-01\nurl: https://e.test/x\nministers:\n  - Kelvin Davis\nportfolios:\n  - Māori Crown Relations: Te Arawhiti\n  - [From a speech by the Minister]\n---\nBody'));
    assert.ok('release' in r);
    assert.equal(r.release.portfolios[0], 'Māori Crown Relations: Te Arawhiti');
  });

  it('keeps a release whose title is empty, titled by its first words', () => {
    const r = parseRelease('a/2001-09-05-x.md', file('---\ntitle: ""\ndate: 2001-09-05\nurl: https://e.test/x\n---\n\nThe Minister has this afternoon hit out at a policy.'));
    assert.ok('release' in r);
    assert.equal(r.release.title, 'Untitled: The Minister has this afternoon hit out at a policy.');
  });

  const rejections: [string, string, RegExp][] = [
    ['an empty file', '', /^empty file$/],
    ['no front matter', 'Just text\n', /^no front matter/],
    ['unterminated front matter', '---\ntitle: T\n', /^unterminated front matter/],
    ['invalid YAML', '---\ntitle: "open\ndate: 2015-01-01\n---\n', /^invalid YAML/],
    ['no title', '---\ndate: 2015-01-01\nurl: https://e.test\n---\n', /^no title/],
    ['an impossible date', '---\ntitle: T\ndate: 2015-02-30\nurl: https://e.test\n---\n', /^impossible date "2015-02-30"/],
    ['no url', '---\ntitle: T\ndate: 2015-02-03\n---\n', /^no url/],
    ['ministers that are not a list', '---\ntitle: T\ndate: 2015-02-03\nurl: https://e.test\nministers: Bill English\n---\n', /"ministers" must be a list/],
  ];
  for (const [what, text, reason] of rejections) {
    it(`rejects ${what} with a reason`, () => {
      const r = parseRelease('releases/2015/02/2015-02-03-x.md', file(text));
      assert.ok('rejection' in r);
      assert.equal(r.rejection.path, 'releases/2015/02/2015-02-03-x.md');
      assert.match(r.rejection.reason, reason);
    });
  }

  it('rejects binary bytes', () => {
    const r = parseRelease('x.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff]));
    assert.ok('rejection' in r);
    assert.match(r.rejection.reason, /binary/);
  });
});

describe('readCorpus', () => {
  it('yields every good release and a rejection with path and reason for each broken file', async () => {
    const releases: string[] = [];
    const rejected = new Map<string, string>();
    for await (const r of readCorpus(path.join(fixtures, 'broken'))) {
      if ('release' in r) releases.push(r.release.id);
      else rejected.set(r.rejection.path, r.rejection.reason);
    }
    assert.deepEqual(releases, ['2015-02-01-good-release']);
    assert.deepEqual([...rejected.keys()].sort(), [
      'releases/2015/02/2015-02-02-no-front-matter.md',
      'releases/2015/02/2015-02-03-unterminated.md',
      'releases/2015/02/2015-02-04-bad-yaml.md',
      'releases/2015/02/2015-02-05-no-title.md',
      'releases/2015/02/2015-02-06-empty.md',
      'releases/2015/02/2015-02-07-binary.md',
      'releases/2015/02/2015-02-08-ministers-not-list.md',
      'releases/2015/02/2015-02-30-impossible-date.md',
      'releases/2015/03/2015-02-01-good-release.md',
    ]);
    assert.equal(rejected.get('releases/2015/03/2015-02-01-good-release.md'), 'duplicate id "2015-02-01-good-release": already read from releases/2015/02/2015-02-01-good-release.md');
  });
});
