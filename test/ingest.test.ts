import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, fetchCorpus, ingest, search } from '../src/index.ts';
import { CLI as cli } from './helpers/cli.ts';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const work = mkdtempSync(path.join(os.tmpdir(), 'pressroom-ingest-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('ingest', () => {
  it('ingests every good file and reports each broken one with its path and reason in --json', () => {
    const db = path.join(work, 'broken.db');
    const out = JSON.parse(execFileSync(process.execPath, [cli, 'ingest', path.join(fixtures, 'broken'), '--db', db, '--json'], { encoding: 'utf8' }));
    assert.equal(out.ingested, 1);
    const reasons = Object.fromEntries(out.rejected.map((r: { path: string; line?: number; reason: string }) => [`${r.path}${r.line ? `:${r.line}` : ''}`, r.reason]));
    const expected: Record<string, RegExp> = {
      'releases/2015/02/2015-02-02-no-front-matter.md:1': /^no front matter: the file must start with a line "---"$/,
      'releases/2015/02/2015-02-03-unterminated.md:1': /^unterminated front matter: no closing "---" line$/,
      'releases/2015/02/2015-02-04-bad-yaml.md': /^invalid YAML: /,
      'releases/2015/02/2015-02-05-no-title.md': /^no title: front matter needs "title: \.\.\."$/,
      'releases/2015/02/2015-02-06-empty.md': /^empty file$/,
      'releases/2015/02/2015-02-07-binary.md': /^binary file: contains NUL bytes/,
      'releases/2015/02/2015-02-08-ministers-not-list.md': /^"ministers" must be a list .*not string$/,
      'releases/2015/02/2015-02-30-impossible-date.md': /^impossible date "2015-02-30": use a real day as YYYY-MM-DD$/,
      'releases/2015/03/2015-02-01-good-release.md': /^duplicate id "2015-02-01-good-release": already read from releases\/2015\/02\/2015-02-01-good-release\.md$/,
    };
    assert.deepEqual(Object.keys(reasons).sort(), Object.keys(expected).sort());
    for (const [where, reason] of Object.entries(expected)) assert.match(reasons[where]!, reason, where);
  });

  it('stores the same releases, facts and amounts however many workers read and extract', async () => {
    const dump = (db: string) => {
      const a = Archive.open(db);
      try {
        return JSON.stringify([
          a.db.prepare(`SELECT id, title, lead, body, facts, content_key FROM releases ORDER BY id`).raw().all(),
          a.db.prepare(`SELECT r.id, m.value, m.value_max, m.currency, m.unit, m.qualifier, m.text, m.start, m."end" FROM amounts m JOIN releases r ON r.rowid = m.release ORDER BY 1, 8`).raw().all(),
          a.db.prepare(`SELECT word, n FROM vocab ORDER BY word`).raw().all(),
        ]);
      } finally {
        a.close();
      }
    };
    // One worker reads and extracts; two are a reader and an extractor; five are three readers and two extractors.
    const dumps = [];
    for (const workers of [1, 2, 5]) {
      const db = path.join(work, `workers-${workers}.db`);
      const s = await ingest({ dir: path.join(fixtures, 'web-corpus'), db, workers });
      assert.equal(s.rejected.length, 0);
      dumps.push(dump(db));
    }
    assert.ok(dumps[0]!.includes('NZD'), 'the fixtures state amounts');
    assert.equal(dumps[1], dumps[0]);
    assert.equal(dumps[2], dumps[0]);
  });

  it('rewrites nothing when the corpus is unchanged, and updates, adds and removes what changed', async () => {
    const dir = path.join(work, 'corpus');
    cpSync(path.join(fixtures, 'corpus'), dir, { recursive: true });
    const db = path.join(work, 'inc.db');
    const first = await ingest({ dir, db });
    assert.deepEqual([first.ingested, first.updated, first.removed, first.rejected.length], [7, 0, 0, 0]);
    const same = await ingest({ dir, db });
    assert.deepEqual([same.ingested, same.updated, same.unchanged, same.removed], [0, 0, 7, 0]);
    appendFileSync(path.join(dir, 'releases/2009/05/2009-05-01-flu-response.md'), '\nVaccines arrive in Wellington.\n');
    unlinkSync(path.join(dir, 'releases/2015/03/2015-03-10-civil-defence-exercise.md'));
    writeFileSync(path.join(dir, 'releases/2015/03/2015-03-11-new.md'), '---\ntitle: "Wellington vaccine centre opens"\ndate: 2015-03-11\nurl: https://e.test/n\n---\n\nA vaccine centre opens.\n');
    const changed = await ingest({ dir, db });
    assert.deepEqual([changed.ingested, changed.updated, changed.unchanged, changed.removed], [1, 1, 5, 1]);
    const archive = Archive.open(db);
    assert.deepEqual(search(archive, 'vaccines').hits.map((h) => h.id).sort(), ['2009-05-01-flu-response', '2015-03-11-new']);
    assert.equal(search(archive, 'exercise').total, 0);
    archive.close();
  });

  it('leaves the previous archive answering exactly as before when killed mid-ingest', async () => {
    const dir = path.join(work, 'kill');
    cpSync(path.join(fixtures, 'corpus'), dir, { recursive: true });
    const db = path.join(work, 'kill.db');
    await ingest({ dir, db });
    const before = search(Archive.open(db), 'Taji');
    // Enough changed files that the ingest is still running when it is killed.
    const filler = Array.from({ length: 3000 }, (_, k) => `word${k}`).join(' ');
    for (let i = 0; i < 3000; i++) {
      writeFileSync(path.join(dir, `releases/2015/03/2015-03-12-bulk-${i}.md`), `---\ntitle: "Bulk ${i} Taji"\ndate: 2015-03-12\nurl: https://e.test/${i}\n---\n\nTaji ${filler}\n`);
    }
    const child = spawn(process.execPath, [cli, 'ingest', dir, '--db', db], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    // Killed, not finished: otherwise this test would prove nothing.
    assert.equal(await exited, 'SIGKILL');
    const archive = Archive.open(db);
    const afterKill = search(archive, 'Taji');
    assert.deepEqual(afterKill.hits.map((h) => h.id), before.hits.map((h) => h.id));
    assert.equal(afterKill.total, before.total);
    archive.close();
  });

  it('fails with the reason, leaves no archive and does not hang when an ingest worker crashes', async () => {
    // A copy of the build whose ingest worker throws on its first chunk: a real thread crashing, in a real build.
    const root = fileURLToPath(new URL('../', import.meta.url));
    const copy = mkdtempSync(path.join(root, 'test-output-crash-'));
    try {
      cpSync(path.join(root, 'dist'), path.join(copy, 'dist'), { recursive: true });
      cpSync(path.join(root, 'data'), path.join(copy, 'data'), { recursive: true });
      writeFileSync(
        path.join(copy, 'dist/store/ingest-worker.js'),
        `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('worker crashed on purpose'); });\n`,
      );
      const db = path.join(work, 'crashed.db');
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(process.execPath, [path.join(copy, 'dist/cli/main.js'), 'ingest', path.join(fixtures, 'corpus'), '--db', db], { encoding: 'utf8', timeout: 120_000 }, (err, _stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
        );
      });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /worker crashed on purpose/);
      assert.ok(!existsSync(db), 'no archive left behind');
      assert.deepEqual(readdirSync(work).filter((f) => f.startsWith('crashed.db')), [], 'no partial build left behind');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  describe('fetchCorpus, with a local git repository as the origin', () => {
    const repo = path.join(work, 'origin');
    const cache = path.join(work, 'cache');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@e.test', '-c', 'user.name=t', ...args], { cwd: repo, stdio: 'ignore' });
    const FIRST = 'releases/2015/02/2015-02-24-training-mission-iraq.md';
    const ADDED = 'releases/2021/01/2021-01-01-added-later.md';

    it('clones the corpus when given no folder', () => {
      cpSync(path.join(fixtures, 'corpus'), repo, { recursive: true });
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'corpus');
      const dir = fetchCorpus({ repo: `file://${repo}`, cache });
      assert.equal(dir, path.join(cache, 'beehive-markdown'));
      assert.equal(readFileSync(path.join(dir, FIRST), 'utf8'), readFileSync(path.join(repo, FIRST), 'utf8'));
      assert.equal(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim(), '1', 'a shallow clone');
    });

    it('refreshes the clone from its origin', () => {
      mkdirSync(path.join(repo, path.dirname(ADDED)), { recursive: true });
      writeFileSync(path.join(repo, ADDED), '---\ntitle: Added later\ndate: 2021-01-01\n---\n\nA release the origin gained after the first fetch.\n');
      git('add', '.');
      git('commit', '-qm', 'one more');
      const warnings: string[] = [];
      const dir = fetchCorpus({ repo: `file://${repo}`, cache, warn: (m) => warnings.push(m) });
      assert.deepEqual(warnings, []);
      assert.match(readFileSync(path.join(dir, ADDED), 'utf8'), /title: Added later/);
    });

    it('offline, keeps the copy fetched earlier and says so', () => {
      renameSync(repo, `${repo}-gone`);
      try {
        const warnings: string[] = [];
        const dir = fetchCorpus({ repo: `file://${repo}`, cache, warn: (m) => warnings.push(m) });
        assert.equal(warnings.length, 1);
        assert.match(warnings[0]!, /^could not refresh the corpus from .*; using the copy fetched earlier in /);
        assert.ok(existsSync(path.join(dir, ADDED)), 'the earlier copy is still there');
      } finally {
        renameSync(`${repo}-gone`, repo);
      }
    });

    it('offline with nothing fetched before, fails saying what to do', () => {
      assert.throws(() => fetchCorpus({ repo: path.join(work, 'nowhere'), cache: path.join(work, 'cache2') }), /could not fetch the corpus .* offline.*PRESSROOM_CORPUS/);
    });
  });
});
