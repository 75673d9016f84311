// The commands people read in a terminal (show, facts, related, stats, start), and bad usage: exit 2.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ingest } from '../src/index.ts';
import { CLI, cli } from './helpers/cli.ts';

const WEB_CORPUS = fileURLToPath(new URL('./fixtures/web-corpus', import.meta.url));
const ESC = '\u001b';

/** Releases this test writes: two about one matter, two about others, and one whose text holds terminal control characters. */
const RELEASES: Record<string, string> = {
  '2016-11-20-kaikoura-road-rail': `---
title: "Kaikoura earthquake: Waiau and Hanmer road and rail recovery funded"
date: 2016-11-20
url: https://example.test/kaikoura-road-rail
ministers:
  - Hon Simon Bridges
portfolios:
  - Transport
---

The Government will fund the Kaikoura earthquake recovery of State Highway 1, the Main North Line rail and the
roads to Waiau and Hanmer Springs. Slip clearing north of Kaikoura starts this week, and up to 300 workers will
rebuild the coastal road and rail corridor damaged by the earthquake.
`,
  '2016-12-05-kaikoura-waiau-hanmer': `---
title: "Kaikoura earthquake recovery reaches Waiau and Hanmer Springs"
date: 2016-12-05
url: https://example.test/kaikoura-waiau-hanmer
ministers:
  - Hon Simon Bridges
portfolios:
  - Transport
---

Slip clearing on the Kaikoura coast and the roads to Waiau and Hanmer Springs is ahead of plan, the Minister says.
The earthquake recovery of the rail corridor and State Highway 1 north of Kaikoura continues over summer.
`,
  '2017-03-01-dairy-exports': `---
title: "Dairy exports to Asia grow"
date: 2017-03-01
url: https://example.test/dairy
ministers:
  - Hon Nathan Guy
portfolios:
  - Primary Industries
---

Milk powder and butter sales to Asian markets rose again this quarter, led by infant formula.
`,
  '2017-04-01-school-buildings': `---
title: "New classrooms for growing schools"
date: 2017-04-01
url: https://example.test/schools
ministers:
  - Hon Hekia Parata
portfolios:
  - Education
---

Twelve schools will get new classrooms as rolls grow in Auckland and Tauranga.
`,
  '2018-01-01-terminal-probe': `---
title: "Terminal ${ESC}]0;pwned\u0007probe ${ESC}[2Jtitle"
date: 2018-01-01
url: https://example.test/terminal
ministers:
  - Hon Steven Joyce
portfolios:
  - Economic Development
---

A body with a clear-screen ${ESC}[2J and a bell \u0007 in it: up to${ESC}[31m 120 staff.
`,
};

// Releases on other matters, so that the words of one matter are rare in the archive, as they are in the real one.
const OTHER = ['fisheries quota', 'tourism campaign', 'hospital upgrade', 'police recruits', 'broadband rollout', 'housing consents', 'science funding', 'trade mission'];
OTHER.forEach((topic, i) => {
  RELEASES[`2019-0${i + 1}-01-other-${i}`] = `---\ntitle: "A ${topic}"\ndate: 2019-0${i + 1}-01\nurl: https://example.test/other-${i}\nministers:\n  - Hon Steven Joyce\nportfolios:\n  - Economic Development\n---\n\nNews of the ${topic}, in a sentence of its own.\n`;
});

let dir: string;
let db: string;
let archive: Archive;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pressroom-cli-'));
  for (const [id, text] of Object.entries(RELEASES)) {
    const folder = path.join(dir, 'corpus/releases', id.slice(0, 4), id.slice(5, 7));
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${id}.md`), text);
  }
  db = path.join(dir, 'cli.db');
  await ingest({ dir: path.join(dir, 'corpus'), db });
  archive = Archive.open(db);
});

after(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => cli([...args, '--db', db]);

describe('show, facts, related, stats', () => {
  test('show prints the title, date, people, link and body', async () => {
    const r = await run('show', '2016-11-20-kaikoura-road-rail');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Kaikoura earthquake: Waiau and Hanmer road and rail recovery funded');
    assert.equal(lines[1], '2016-11-20 · Simon Bridges · Transport');
    assert.equal(lines[2], 'https://example.test/kaikoura-road-rail');
    assert.ok(r.stdout.includes('Slip clearing north of Kaikoura starts this week'));
    assert.match(r.stdout, /\nFacts:\n(?:.*\n)*\s+count\s+up to 300 workers\s+“up to 300 workers”/);
  });

  test('facts prints each fact with its exact text and offsets', async () => {
    const id = '2016-11-20-kaikoura-road-rail';
    const r = await run('facts', id);
    assert.equal(r.code, 0, r.stderr);
    const facts = archive.release(id).facts;
    const body = archive.release(id).body;
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, facts.length);
    facts.forEach((f, i) => {
      assert.ok(lines[i]!.startsWith(f.kind), lines[i]);
      assert.ok(lines[i]!.endsWith(`“${body.slice(f.start, f.end)}” [${f.start}, ${f.end})`), lines[i]);
    });
  });

  test('related lists the other release about the same matter, and not the unrelated ones', async () => {
    const r = await run('related', '2016-11-20-kaikoura-road-rail');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes('2016-12-05  Kaikoura earthquake recovery reaches Waiau and Hanmer Springs\n            2016-12-05-kaikoura-waiau-hanmer'), r.stdout);
    assert.doesNotMatch(r.stdout, /dairy|school/);
  });

  test('stats counts the releases, people and portfolios, with a bar per year', async () => {
    const r = await run('stats');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], '13 releases (0 undated) from 2016-11-20 to 2019-08-01; 4 people; 4 portfolios');
    assert.deepEqual(lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 2)), [['2016', '2'], ['2017', '2'], ['2018', '1'], ['2019', '8']]);
  });

  test('show, facts and related print no terminal control characters from the corpus, only their escapes', async () => {
    const id = '2018-01-01-terminal-probe';
    for (const args of [['show', id], ['facts', id], ['related', '2016-11-20-kaikoura-road-rail'], ['search', 'probe']]) {
      const r = await run(...args);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, args.join(' '));
    }
    const shown = await run('show', id);
    assert.ok(shown.stdout.startsWith('Terminal \\u001b]0;pwned\\u0007probe \\u001b[2Jtitle\n'), shown.stdout);
  });
});

describe('bad usage exits 2 with a one-line reason', () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /^pressroom: unknown command "frobnicate"; run "pressroom --help" for the list\n$/],
    [['search', 'housing', '--frob'], /^pressroom: Unknown option '--frob'; search takes --limit, .*--db, --help\n$/],
    [['show'], /^pressroom: show takes 1 argument: pressroom show ID/],
    [['search', 'housing', '--limit', 'ten', '--db', 'no-such.db'], /^pressroom: --limit must be a whole number from 0 to 1000, not "ten"\n$/],
    [[], /^pressroom — search the archive/],
  ];
  for (const [args, message] of cases) {
    test(`pressroom ${args.join(' ') || '(nothing)'}`, async () => {
      const r = await cli(args);
      assert.equal(r.code, 2);
      assert.match(args.length ? r.stderr : r.stdout, message);
    });
  }
});

test('start ingests a missing archive from $PRESSROOM_CORPUS, then serves it', async () => {
  const fresh = path.join(dir, 'started.db');
  const child = spawn(process.execPath, [CLI, 'start', '--db', fresh, '--port', '0'], { env: { ...process.env, PRESSROOM_CORPUS: WEB_CORPUS } });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /serving .* at (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`start exited ${code}: ${out}`)));
    });
    assert.match(out, /\d+ ingested/);
    const stats = (await (await fetch(`${url}/api/stats`)).json()) as { releases: number };
    const expected = Archive.open(fresh);
    assert.equal(stats.releases, expected.stats().releases);
    assert.ok(stats.releases > 0);
    expected.close();
  } finally {
    child.kill();
  }
});
