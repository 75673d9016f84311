// Reads, validates and prepares release files off the main thread, which writes SQLite.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { WordCounts, packTexts, type PreparedRelease } from './prepare.ts';
import { readFiles, type FileJob } from './read-file.ts';

// The writer is what everything waits on: workers yield the CPU to it. On Linux a thread has its own
// id (the last part of /proc/thread-self) and its own nice value; elsewhere this does nothing.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // No per-thread priority here: the workers simply share the CPU with the writer.
}

const dir: string = workerData.dir;
const facts: boolean = workerData.facts;
/** Words of the titles and leads this worker prepared, counted per release, when a new archive is built. */
const words = workerData.countWords ? new WordCounts() : undefined;

parentPort!.on('message', (msg: FileJob[] | 'words') => {
  if (msg === 'words') {
    parentPort!.postMessage(words?.counts());
    return;
  }
  const outcomes = readFiles(dir, msg, words, facts);
  const prepared: PreparedRelease[] = [];
  for (const o of outcomes) if (o.kind === 'release') prepared.push(o.prepared);
  parentPort!.postMessage(outcomes, [packTexts(prepared)]);
});
