// A worker thread of the search pool (pool.ts): its own read-only connection, answering jobs and
// exports one at a time, so that no search ever runs on the thread that accepts connections.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Archive, loadVocabulary, PressroomError, type PackedVocabulary } from '../index.ts';
import { exportChunks, type ExportRequest } from './export.ts';
import { isHeavy, jobPostings, runJob, type Job } from './jobs.ts';

/** From the pool. */
export type TaskMessage = { id: number; job: Job } | { id: number; export: ExportRequest } | { id: number; more: true } | { id: number; cancel: true };
/** Besides tasks, the main thread's vocabulary after an update: the next generation a worker sees starts from it. */
export type ToWorker = TaskMessage | { vocabulary: PackedVocabulary };
/** To the pool: `cost` comes before a job's answer, `head` before an export's chunks. */
export type FromWorker =
  | { ready: true }
  | { id: number; cost: number }
  | { id: number; ok: unknown }
  | { id: number; err: { name: string; message: string; status: number } }
  | { id: number; head: unknown }
  | { id: number; chunk: string | null };

const archive = Archive.open(workerData.db as string);
archive.readThroughCache();
// Read the in-memory columns and the index's vocabulary now, not on the first request.
void archive.columns;
// The main thread's copy of the vocabulary, shared: reading it again would cost a second and tens of MB.
let vocabulary = workerData.vocabulary as PackedVocabulary | undefined;
loadVocabulary(archive, vocabulary);
const port = parentPort!;

/**
 * Heavy work (exports, trends, broad searches) runs at a lower CPU priority than light searches, so that
 * on a busy machine a light search is not slowed by an export beside it. Only where this thread may raise
 * its priority back again (Linux: its own id from /proc/thread-self, and the right to renice down).
 */
const thread = (() => {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, 1);
    setPriority(tid, 0);
    return tid;
  } catch {
    return undefined;
  }
})();
function niceness(heavy: boolean): void {
  if (thread !== undefined) setPriority(thread, heavy ? 10 : 0);
}
/** Open exports, each holding its read snapshot until its last chunk (or a cancel). */
const exports = new Map<number, { chunks: Generator<string>; release: () => void }>();
function endExport(id: number): void {
  exports.get(id)?.release();
  exports.delete(id);
}
const send = (m: FromWorker) => port.postMessage(m);

function fail(id: number, err: unknown): void {
  // Only a PressroomError's message is the user's to read; the pool logs anything else as a 500.
  if (err instanceof PressroomError) send({ id, err: { name: err.name, message: err.message, status: err.status } });
  else send({ id, err: { name: 'Error', message: err instanceof Error ? (err.stack ?? err.message) : String(err), status: 500 } });
}

port.on('message', (m: ToWorker) => {
  if ('vocabulary' in m) {
    vocabulary = m.vocabulary;
    return;
  }
  try {
    // A job reads one snapshot of the archive as it is now (after an ingest in place or a rebuild renamed
    // into place); an export keeps its snapshot across its chunks.
    if ('job' in m) {
      const release = archive.hold();
      try {
        // After an update this generation has no vocabulary yet: the main thread's is the new one.
        if (vocabulary) loadVocabulary(archive, vocabulary);
        send({ id: m.id, cost: jobPostings(archive, m.job) });
        niceness(isHeavy(m.job));
        send({ id: m.id, ok: runJob(archive, m.job) });
      } finally {
        release();
      }
    } else if ('export' in m) {
      niceness(true);
      const release = archive.hold();
      try {
        if (vocabulary) loadVocabulary(archive, vocabulary);
        const { head, chunks } = exportChunks(archive, m.export);
        exports.set(m.id, { chunks, release });
        send({ id: m.id, head });
      } catch (err) {
        release();
        throw err;
      }
    } else if ('more' in m) {
      const next = exports.get(m.id)?.chunks.next();
      if (!next || next.done) {
        endExport(m.id);
        send({ id: m.id, chunk: null });
      } else send({ id: m.id, chunk: next.value });
    } else {
      exports.get(m.id)?.chunks.return(undefined);
      endExport(m.id);
      send({ id: m.id, chunk: null });
    }
  } catch (err) {
    endExport(m.id);
    fail(m.id, err);
  }
});
send({ ready: true });
