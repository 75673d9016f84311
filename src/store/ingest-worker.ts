// Reads, validates and prepares release files off the main thread, which only writes SQLite.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseRelease } from '../corpus/read.ts';
import { prepareRelease } from './prepare.ts';
import type { FileJob, FileOutcome } from './ingest.ts';

const dir: string = workerData.dir;

parentPort!.on('message', (jobs: FileJob[]) => {
  parentPort!.postMessage(jobs.map(run));
});

function run(job: FileJob): FileOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(dir, job.path));
  } catch (err) {
    return { kind: 'rejected', path: job.path, reason: `unreadable: ${(err as Error).message}` };
  }
  if (job.knownHash) {
    const hash = createHash('sha1').update(bytes).digest('hex');
    if (hash === job.knownHash) return { kind: 'same', path: job.path };
  }
  const result = parseRelease(job.path, bytes);
  if ('rejection' in result) return { kind: 'rejected', ...result.rejection };
  return { kind: 'release', path: job.path, prepared: prepareRelease(result.release) };
}
