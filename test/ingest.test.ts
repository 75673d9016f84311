import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
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
    assert.equal(out.rejected.length, 9);
    for (const r of out.rejected) assert.ok(r.path.startsWith('releases/') && r.reason.length > 5);
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

  it('fetches the corpus by a shallow git clone when given no folder', () => {
    const repo = path.join(work, 'origin');
    cpSync(path.join(fixtures, 'corpus'), repo, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.email=t@e.test', '-c', 'user.name=t', 'commit', '-qm', 'corpus');
    const dir = fetchCorpus({ repo: `file://${repo}`, cache: path.join(work, 'cache') });
    assert.ok(dir.endsWith('beehive-markdown'));
    assert.throws(() => fetchCorpus({ repo: path.join(work, 'nowhere'), cache: path.join(work, 'cache2') }), /could not fetch the corpus .* offline/);
  });
});
