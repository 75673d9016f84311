// Reads, validates and prepares release files off the main thread, which only writes SQLite.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseRelease } from '../corpus/read.ts';
import { packTexts, prepareRelease, vocabWords, type PreparedRelease } from './prepare.ts';
import type { FileJob, FileOutcome } from './ingest.ts';

const dir: string = workerData.dir;
/** Words of the titles and leads this worker prepared, counted per release, when a new archive is built. */
const words: Map<string, number> | undefined = workerData.countWords ? new Map() : undefined;

parentPort!.on('message', (msg: FileJob[] | 'words') => {
  if (msg === 'words') parentPort!.postMessage(words);
  else {
    const outcomes = msg.map(run);
    const prepared: PreparedRelease[] = [];
    for (const o of outcomes) if (o.kind === 'release') prepared.push(o.prepared);
    parentPort!.postMessage(outcomes, [packTexts(prepared)]);
  }
});

function run(job: FileJob): FileOutcome {
  let bytes: Buffer;
  let stat: { mtime_ms: number; size: number };
  try {
    const fd = openSync(path.join(dir, job.path), 'r');
    try {
      const st = fstatSync(fd);
      stat = { mtime_ms: st.mtimeMs, size: st.size };
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { kind: 'rejected', path: job.path, reason: `unreadable: ${(err as Error).message}` };
  }
  if (job.knownHash) {
    const hash = createHash('sha1').update(bytes).digest('hex');
    if (hash === job.knownHash) return { kind: 'same', path: job.path, stat };
  }
  const result = parseRelease(job.path, bytes);
  if ('rejection' in result) return { kind: 'rejected', ...result.rejection };
  const prepared = prepareRelease(result.release);
  if (words) for (const w of vocabWords(`${prepared.title} ${prepared.lead as string}`)) words.set(w, (words.get(w) ?? 0) + 1);
  return { kind: 'release', path: job.path, stat, prepared };
}
