// Archive safety through the real CLI: ingest never destroys what it did not make, never hangs, and every
// failure is one line; the corpus reader reports what it does not read; HEAD, OPTIONS and other methods.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Archive, ingest, search } from '../src/index.ts';
import { Hono } from 'hono';
import { createApp, CSP } from '../src/server/app.ts';
import { methods } from '../src/server/methods.ts';
import { CLI } from './helpers/cli.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'pressroom-safety-'));
// Readable and writable by the unprivileged user some cases run as.
chmodSync(work, 0o777);
after(() => rmSync(work, { recursive: true, force: true }));

/** Root reads everything: the unreadable-file cases then run the CLI as `nobody` (uid 65534). */
const AS_NOBODY = process.getuid?.() === 0 ? ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups'] : [];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; a run still going after a minute is killed, which the callers' checks then show as a hang. */
function cli(args: string[], opts: { as?: string[]; env?: Record<string, string> } = {}): Promise<Run> {
  const [cmd, ...pre] = [...(opts.as ?? []), process.execPath, CLI];
  return new Promise((resolve) => {
    const child = spawn(cmd!, [...pre, ...args], { env: { ...process.env, PRESSROOM_DEBUG: '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The run failed by itself (not killed) with exactly one line on stderr, no stack trace, matching `pattern`. */
function failedInOneLine(run: Run, code: number, pattern: RegExp): void {
  assert.equal(run.signal, null, `not killed as hung: ${run.stderr}`);
  assert.equal(run.code, code, run.stderr);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /^pressroom: /);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
  assert.match(lines[0]!, pattern);
}

const sha = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');

/** A release file's text; `words` of body make it longer. */
function release(i: number, words = 40): string {
  const body = Array.from({ length: words }, (_, k) => `word${(i * 7 + k) % 997}`).join(' ');
  return `---\ntitle: "Release number ${i} on harbour funding"\ndate: 2020-01-${String((i % 28) + 1).padStart(2, '0')}\nurl: https://e.test/r/${i}\nministers:\n  - Hon Grant Robertson\n---\n\nRelease ${i} sets out $${i} million for the harbour. ${body}\n`;
}

/** A corpus folder of `n` releases under `releases/2020/01/`. */
function writeCorpus(name: string, n: number, words = 40): string {
  const dir = path.join(work, name);
  const folder = path.join(dir, 'releases/2020/01');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(path.join(folder, `2020-01-01-release-${i}.md`), release(i, words));
  execFileSync('chmod', ['-R', 'a+rwX', dir]);
  return dir;
}

let corpus: string;
let good: string;
before(async () => {
  corpus = writeCorpus('corpus', 40);
  good = path.join(work, 'good.db');
  await ingest({ dir: corpus, db: good });
});

/** A copy of the good archive under a new name. */
function copyOfGood(name: string): string {
  const file = path.join(work, name);
  writeFileSync(file, readFileSync(good));
  return file;
}

describe('ingest replaces only archives pressroom made', () => {
  const cases: [string, (file: string) => void, RegExp][] = [
    ['a text file', (f) => writeFileSync(f, 'my notes\n'), /not a pressroom archive \(not an SQLite database\)/],
    ['an empty file', (f) => writeFileSync(f, ''), /not a pressroom archive \(an empty file\)/],
    ['an SQLite database of something else', (f) => {
      const db = new Database(f);
      db.exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5)`);
      db.close();
    }, /not a pressroom archive \(an SQLite database without pressroom's meta table\)/],
    ['an archive cut to half its size', (f) => {
      writeFileSync(f, readFileSync(good));
      truncateSync(f, Math.floor(statSync(f).size / 2));
    }, /is damaged: it holds \d+ bytes where its header counts \d+/],
    ['an archive overwritten with garbage', (f) => writeFileSync(f, Buffer.from(Array.from({ length: statSync(good).size }, (_, i) => (i * 7919) % 251))), /not a pressroom archive \(not an SQLite database\)/],
  ];
  for (const [what, make, reason] of cases) {
    it(`refuses ${what}, with its path and what to do, and leaves it byte for byte`, async () => {
      const file = path.join(work, `${what.replace(/\W+/g, '-')}.db`);
      make(file);
      const before = sha(file);
      const run = await cli(['ingest', corpus, '--db', file]);
      failedInOneLine(run, 1, reason);
      assert.ok(run.stderr.includes(file), 'names the file');
      assert.match(run.stderr, /--rebuild/);
      assert.equal(sha(file), before);
      assert.deepEqual(readdirSync(work).filter((n) => n.startsWith(path.basename(file) + '.')), [], 'no build files left beside it');
    });
  }

  it('does not tell search users to ingest over a file that is not an archive', async () => {
    const file = path.join(work, 'notes.txt');
    writeFileSync(file, 'my notes\n');
    const run = await cli(['search', 'harbour', '--db', file]);
    failedInOneLine(run, 1, /is not a pressroom archive/);
    assert.doesNotMatch(run.stderr, /run "pressroom ingest" to rebuild/);
  });

  it('--rebuild moves the old file aside to <db>.bak-<time>, says where, and builds a new archive', async () => {
    const file = path.join(work, 'rebuild.db');
    writeFileSync(file, 'my notes\n');
    const run = await cli(['ingest', corpus, '--db', file, '--rebuild', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { ingested: number; backup: string };
    assert.equal(summary.ingested, 40);
    assert.match(summary.backup, /rebuild\.db\.bak-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d+Z$/);
    assert.ok(run.stderr.includes(`moved the old ${file} aside to ${summary.backup}`));
    assert.equal(readFileSync(summary.backup, 'utf8'), 'my notes\n');
    const archive = Archive.open(file);
    assert.equal(search(archive, 'harbour').total, 40);
    archive.close();
  });

  it('--rebuild moves the write-ahead log and shared memory aside with the archive, so the log is neither lost nor replayed into the new one', async () => {
    const file = path.join(work, 'rebuild-wal.db');
    await ingest({ dir: corpus, db: file });
    // A writer killed with its last commit still in the log (no checkpoint): what a crash leaves beside an archive.
    const writer = spawn(process.execPath, ['-e', `
      const db = new (require('better-sqlite3'))(process.argv[1]);
      db.pragma('wal_autocheckpoint = 0');
      db.prepare("INSERT INTO meta (key, value) VALUES ('note', 'only in the log')").run();
      process.kill(process.pid, 'SIGKILL');`, file], { cwd: path.dirname(CLI), stdio: 'inherit' });
    await new Promise((resolve) => writer.on('exit', resolve));
    assert.ok(statSync(`${file}-wal`).size > 0, 'the killed writer left a write-ahead log');
    assert.ok(existsSync(`${file}-shm`), 'and its shared memory');
    const run = await cli(['ingest', corpus, '--db', file, '--rebuild', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const { backup } = JSON.parse(run.stdout) as { backup: string };
    assert.ok(existsSync(`${backup}-wal`), 'the log went aside with the archive');
    const note = (f: string) => {
      const db = new Database(f);
      try {
        return db.prepare(`SELECT value FROM meta WHERE key = 'note'`).pluck().get();
      } finally {
        db.close();
      }
    };
    assert.equal(note(backup), 'only in the log', 'the backup keeps the commit that was only in its log');
    assert.equal(note(file), undefined, 'the new archive did not replay the old log');
    const archive = Archive.open(file);
    assert.equal(search(archive, 'harbour').total, 40);
    archive.close();
  });
});

/** Writes 4 KB of pseudo-random bytes (the same each run) over the middle of `file`. */
function damageMiddle(file: string): void {
  let x = 2463534242;
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, Math.floor(statSync(file).size / 2));
  closeSync(fd);
}

describe('damage inside the file', () => {
  let damaged: string;
  before(async () => {
    // Long enough bodies that the middle of the file is full pages of releases and index.
    const big = writeCorpus('big', 300, 600);
    damaged = path.join(work, 'damaged.db');
    await ingest({ dir: big, db: damaged });
    damageMiddle(damaged);
  });

  it('pressroom check finds 4 KB of damage in the middle of the file, and passes a sound archive', async () => {
    const bad = await cli(['check', '--db', damaged, '--json']);
    assert.equal(bad.code, 1);
    const report = JSON.parse(bad.stdout) as { ok: boolean; problems: string[] };
    assert.equal(report.ok, false);
    assert.ok(report.problems.length > 0);
    failedInOneLine({ ...bad, stdout: '' }, 1, /failed the check: \d+ problems? found/);
    const sound = await cli(['check', '--db', good, '--json']);
    assert.equal(sound.code, 0, sound.stderr);
    assert.deepEqual(JSON.parse(sound.stdout).problems, []);
  });

  it('ingest and serve refuse the damaged archive with the evidence, and ingest leaves it as it was', async () => {
    const before = sha(damaged);
    const run = await cli(['ingest', corpus, '--db', damaged]);
    failedInOneLine(run, 1, /is damaged/);
    assert.match(run.stderr, /pressroom check/);
    assert.equal(sha(damaged), before);
    const served = await cli(['serve', '--db', damaged, '--port', '0']);
    failedInOneLine(served, 1, /is damaged/);
  });
});

describe('mass removal', () => {
  it('an empty corpus folder leaves the archive as it was, exit 1 with the reason', async () => {
    const file = copyOfGood('empty-corpus.db');
    const before = sha(file);
    const empty = path.join(work, 'empty-folder');
    mkdirSync(empty);
    const run = await cli(['ingest', empty, '--db', file]);
    failedInOneLine(run, 1, /holds no release files \(\*\.md\); ingesting it would remove all 40 releases/);
    assert.equal(sha(file), before);
  });

  it('refuses to remove more than 5% of the archive, naming what would go, until --allow-removals', async () => {
    const dir = writeCorpus('shrinking', 40);
    const file = path.join(work, 'shrinking.db');
    await ingest({ dir, db: file });
    for (let i = 0; i < 10; i++) unlinkSync(path.join(dir, `releases/2020/01/2020-01-01-release-${i}.md`));
    const run = await cli(['ingest', dir, '--db', file]);
    failedInOneLine(run, 1, /would remove 10 of the 40 releases .*\(25\.0%, more than 5%\): 2020-01-01-release-0, 2020-01-01-release-1, 2020-01-01-release-2 and 7 more\. Nothing was changed/);
    const archive = Archive.open(file);
    assert.equal(search(archive, 'harbour').total, 40);
    archive.close();
    const allowed = await cli(['ingest', dir, '--db', file, '--allow-removals', '--json']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(JSON.parse(allowed.stdout).removed, 10);
  });
});

describe('every failure is one line and an exit, never a hang', () => {
  it('--db in a folder that does not exist', async () => {
    failedInOneLine(await cli(['ingest', corpus, '--db', '/nonexistent/dir/x.db']), 1, /cannot write \/nonexistent\/dir\/x\.db: the folder \/nonexistent\/dir does not exist/);
  });

  it('--db naming a folder, for ingest and for search', async () => {
    const folder = path.join(work, 'a-folder');
    mkdirSync(folder);
    failedInOneLine(await cli(['ingest', corpus, '--db', folder]), 1, /is a folder, not an archive file/);
    failedInOneLine(await cli(['search', 'harbour', '--db', folder]), 1, /is a folder, not an archive file/);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('a corpus path that is a file', async () => {
    const file = path.join(work, 'a-file.md');
    writeFileSync(file, release(1));
    failedInOneLine(await cli(['ingest', file, '--db', path.join(work, 'x.db')]), 2, /corpus .*a-file\.md is a file, not a folder/);
  });

  it('an archive it may not write, with a changed corpus', async () => {
    const dir = writeCorpus('readonly', 12);
    const file = path.join(work, 'readonly', 'archive.db');
    await ingest({ dir, db: file });
    writeFileSync(path.join(dir, 'releases/2020/01/2020-01-01-release-0.md'), release(100));
    chmodSync(file, 0o444);
    chmodSync(path.dirname(file), 0o555);
    try {
      failedInOneLine(await cli(['ingest', dir, '--db', file], { as: AS_NOBODY }), 1, /cannot write .*archive\.db: permission denied/);
    } finally {
      chmodSync(path.dirname(file), 0o777);
    }
  });

  it('serve on a host that is no address and on a port in use', async () => {
    failedInOneLine(await cli(['serve', '--db', good, '--host', '999.1.1.1', '--port', '0']), 2, /--host 999\.1\.1\.1 is not an address of this machine/);
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      failedInOneLine(await cli(['serve', '--db', good, '--port', String(port)]), 1, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
    } finally {
      taken.close();
    }
  });
});

describe('leftovers of a crashed build', () => {
  it('are removed on the next run when their process is gone, and kept while it runs', async () => {
    const dir = writeCorpus('leftovers', 5);
    const file = path.join(work, 'leftovers.db');
    // A process that has exited: its pid names the dead build.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    const stale = [`${file}.building-${dead.pid}`, `${file}.building-${dead.pid}-journal`];
    const live = `${file}.building-${process.pid}`;
    for (const f of [...stale, live]) writeFileSync(f, 'partial build');
    const run = await cli(['ingest', dir, '--db', file]);
    assert.equal(run.code, 0, run.stderr);
    for (const f of stale) assert.equal(existsSync(f), false, `${f} removed`);
    assert.match(run.stderr, /removed .*\.building-\d+, left by a build that did not finish/);
    assert.equal(existsSync(live), true, 'the build of a running process is left alone');
  });
});

describe('the corpus reader reports everything it does not ingest', () => {
  it('symlinks, a symlink loop, a FIFO, a socket and other files appear in rejected with reasons', async () => {
    const dir = writeCorpus('odd-files', 3);
    const rel = 'releases/2020/01';
    const at = (name: string) => path.join(dir, rel, name);
    symlinkSync(at('2020-01-01-release-0.md'), at('2020-01-02-linked.md'));
    symlinkSync('loop-b.md', at('loop-a.md'));
    symlinkSync('loop-a.md', at('loop-b.md'));
    symlinkSync('nowhere.md', at('broken.md'));
    symlinkSync(path.join(dir, rel), path.join(dir, 'releases/2020/linked-folder'));
    execFileSync('mkfifo', [at('2020-01-03-fifo.md')]);
    writeFileSync(at('notes.txt'), 'not a release\n');
    const sock = net.createServer();
    await new Promise<void>((r) => sock.listen(at('2020-01-04-socket.md'), r));
    try {
      const run = await cli(['ingest', dir, '--db', path.join(work, 'odd.db'), '--json']);
      assert.equal(run.code, 0, run.stderr);
      const s = JSON.parse(run.stdout) as { ingested: number; rejected: { path: string; reason: string }[] };
      assert.equal(s.ingested, 3);
      const reasons = Object.fromEntries(s.rejected.map((r) => [r.path.slice(r.path.lastIndexOf('/') + 1), r.reason]));
      assert.match(reasons['2020-01-02-linked.md']!, /^symbolic link to a file: links are not followed/);
      assert.match(reasons['loop-a.md']!, /^symbolic link that loops back on itself/);
      assert.match(reasons['loop-b.md']!, /^symbolic link that loops back on itself/);
      assert.match(reasons['broken.md']!, /^broken symbolic link/);
      assert.match(reasons['linked-folder']!, /^symbolic link to a folder/);
      assert.match(reasons['2020-01-03-fifo.md']!, /^FIFO \(named pipe\), not a regular file/);
      assert.match(reasons['2020-01-04-socket.md']!, /^socket, not a regular file/);
      assert.match(reasons['notes.txt']!, /^not a release: only \.md files are read/);
      assert.equal(s.rejected.length, 8);
    } finally {
      sock.close();
    }
  });

  it('a file it cannot read keeps its release in the archive, and is reported', async () => {
    const dir = writeCorpus('unreadable', 12);
    const file = path.join(work, 'unreadable.db');
    await ingest({ dir, db: file });
    execFileSync('chmod', ['a+rw', file]);
    const target = path.join(dir, 'releases/2020/01/2020-01-01-release-3.md');
    writeFileSync(target, release(3).replace('harbour funding', 'harbour funding, revised'));
    chmodSync(target, 0o000);
    const run = await cli(['ingest', dir, '--db', file, '--json'], { as: AS_NOBODY });
    assert.equal(run.code, 0, run.stderr);
    const s = JSON.parse(run.stdout) as { removed: number; unchanged: number; rejected: { path: string; reason: string }[] };
    assert.equal(s.removed, 0);
    assert.deepEqual(s.rejected.map((r) => r.path), ['releases/2020/01/2020-01-01-release-3.md']);
    assert.match(s.rejected[0]!.reason, /^unreadable: EACCES.*; its release stays in the archive as it was$/);
    const archive = Archive.open(file);
    assert.equal(archive.release('2020-01-01-release-3').title, 'Release number 3 on harbour funding');
    archive.close();
  });

  it('refuses a release file over 512 KB with its size, and ingests the rest', async () => {
    const dir = writeCorpus('huge', 3);
    writeFileSync(path.join(dir, 'releases/2020/01/2020-01-09-huge.md'), release(9, 100_000));
    const s = await ingest({ dir, db: path.join(work, 'huge.db') });
    assert.equal(s.ingested, 3);
    assert.equal(s.rejected.length, 1);
    assert.match(s.rejected[0]!.reason, /^too large: \d+ KB, over the 512 KB a release may be/);
  });
});

describe('HTTP methods', () => {
  let app: ReturnType<typeof createApp>;
  let archive: Archive;
  before(() => {
    archive = Archive.open(good);
    app = createApp(archive, { logError: (err) => assert.fail(`logged: ${String(err)}`) });
  });
  after(() => archive.close());

  it('HEAD gets the GET status and headers, CSP included, and no body', async () => {
    for (const url of ['/robots.txt', '/', '/api/search?q=harbour', '/search.csv?q=harbour', '/search.jsonl?q=harbour', '/search.atom?q=harbour', '/static/none.css', '/no-such-page']) {
      const get = await app.request(url);
      await get.arrayBuffer();
      const head = await app.request(url, { method: 'HEAD' });
      assert.equal(head.status, get.status, url);
      assert.equal(head.headers.get('content-security-policy'), CSP, url);
      assert.equal(head.headers.get('x-content-type-options'), 'nosniff', url);
      assert.equal(await head.text(), '', url);
    }
    assert.equal((await app.request('/robots.txt', { method: 'HEAD' })).status, 200);
    // A HEAD of an export stops its stream: the next export is not turned away as one too many.
    for (let i = 0; i < 3; i++) assert.equal((await app.request('/search.jsonl?q=harbour', { method: 'HEAD' })).status, 200);
    const again = await app.request('/search.jsonl?q=harbour');
    assert.equal(again.status, 200);
    assert.equal((await again.text()).trim().split('\n').length, 40);
  });

  it('OPTIONS is 204 with Allow; other methods are 405 with Allow: GET, HEAD', async () => {
    const options = await app.request('/', { method: 'OPTIONS' });
    assert.equal(options.status, 204);
    assert.equal(options.headers.get('allow'), 'GET, HEAD, OPTIONS');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await app.request('/api/search?q=harbour', { method });
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.get('allow'), 'GET, HEAD');
      assert.equal(res.headers.get('content-security-policy'), CSP);
    }
  });

  it('Allow names the methods the routes of a path take, and those routes still answer', async () => {
    const small = new Hono();
    small.use(methods(small));
    small.get('/items', (c) => c.text('list'));
    small.post('/items', (c) => c.text('added', 201));
    small.delete('/items/:id', (c) => c.text('gone'));
    assert.equal((await small.request('/items', { method: 'POST' })).status, 201);
    assert.equal((await small.request('/items/7', { method: 'DELETE' })).status, 200);
    assert.equal((await small.request('/items', { method: 'OPTIONS' })).headers.get('allow'), 'GET, HEAD, POST, OPTIONS');
    const put = await small.request('/items/7', { method: 'PUT' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, HEAD, DELETE');
  });
});
