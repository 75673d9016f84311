// One archive of the real corpus for every test file of a run: the first file to ask builds it, the others wait
// for it and open it read-only. It is kept in the temporary folder under a key of the corpus (every release
// file's path, size and time) and the code (every file under src/), so a change to either builds it anew.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest, type IngestSummary } from '../../src/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PREFIX = 'pressroom-test-archive-';

function key(corpus: string): string {
  const h = createHash('sha1').update(path.resolve(corpus));
  for (const name of (readdirSync(path.join(corpus, 'releases'), { recursive: true }) as string[]).sort()) {
    const s = statSync(path.join(corpus, 'releases', name));
    h.update(`${name}\0${s.size}\0${s.mtimeMs}\n`);
  }
  for (const name of (readdirSync(path.join(root, 'src'), { recursive: true }) as string[]).sort()) {
    const file = path.join(root, 'src', name);
    if (statSync(file).isFile()) h.update(name).update(readFileSync(file));
  }
  return h.digest('hex').slice(0, 16);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The real corpus's archive and the summary of the ingest that built it, built at most once per code and corpus. */
export async function realArchive(corpus: string): Promise<{ db: string; summary: IngestSummary }> {
  const dir = path.join(os.tmpdir(), `${PREFIX}${key(corpus)}`);
  const db = path.join(dir, 'real.db');
  const done = path.join(dir, 'summary.json');
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(done)) {
      // In use: another checkout's run leaves it alone for an hour (see below).
      const now = new Date();
      utimesSync(dir, now, now);
      return { db, summary: JSON.parse(readFileSync(done, 'utf8')) };
    }
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building it; take over only if that process is gone.
      let owner = 0;
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // Just made, its pid not yet written: wait.
      }
      if (owner && !alive(owner)) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      // Archives of other code or corpora are of no more use, unless another checkout's run is building
      // or reading one now: only those neither locked nor touched for an hour go.
      for (const old of readdirSync(os.tmpdir())) {
        const other = path.join(os.tmpdir(), old);
        if (!old.startsWith(PREFIX) || old.endsWith('.lock') || other === dir || existsSync(`${other}.lock`)) continue;
        if (Date.now() - statSync(other).mtimeMs > 3_600_000) rmSync(other, { recursive: true, force: true });
      }
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const summary = await ingest({ dir: corpus, db });
      writeFileSync(`${done}.tmp`, JSON.stringify(summary));
      renameSync(`${done}.tmp`, done);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
