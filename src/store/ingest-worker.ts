// Reads, validates and prepares release files off the main thread, which writes SQLite; or, as the
// extractor, finds the facts of the bodies that readers pass it (see Pool in pool.ts).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { PreparedRelease } from './prepare.ts';
import type { FileJob } from './read-file.ts';

// The writer is what everything waits on: workers yield the CPU to it. On Linux a thread has its own
// id (the last part of /proc/thread-self) and its own nice value; elsewhere this does nothing.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // No per-thread priority here: the workers simply share the CPU with the writer.
}

/**
 * What a reader sends the extractor for chunk `c`: its releases' bodies and dates, in order. As strings:
 * cloning them is a copy, where UTF-8 bytes would have to be decoded again.
 */
export interface BodiesMessage {
  c: number;
  bodies: string[];
  dates: (string | null)[];
}

/**
 * What the extractor sends the writer for chunk `c`: per release, in order, its stored facts; the
 * encoded facts as UTF-8 views of one transferred buffer, as the writer binds them (see packTexts).
 */
export interface FactsMessage {
  c: number;
  facts: Uint8Array[];
  amounts: PreparedRelease['amounts'][];
  commitments: PreparedRelease['commitments'][];
}

// Each role loads only its own code: an extractor never parses YAML, so it does not load the two YAML
// libraries and the corpus readers. (Messages that arrive meanwhile wait in their ports.) Not a top-level
// await: under tsx the worker is a CommonJS bundle (see worker-code.ts). A failure to load is unhandled,
// which ends the worker with an error that the pool reports.
void start();

async function start(): Promise<void> {
  if (workerData.role === 'extract') {
    const [{ extractFacts }, { concatTexts, storedFacts }] = await Promise.all([import('../facts/extract.ts'), import('./prepare.ts')]);
    for (const port of workerData.sources as MessagePort[]) {
      port.on('message', ({ c, bodies, dates }: BodiesMessage) => {
        const found = bodies.map((body, i) => storedFacts(extractFacts(body, dates[i]!), body, dates[i]!));
        const { buffer, views } = concatTexts(found.map((f) => f.facts));
        parentPort!.postMessage({ c, facts: views, amounts: found.map((f) => f.amounts), commitments: found.map((f) => f.commitments) } satisfies FactsMessage, [buffer]);
      });
    }
  } else {
    const [{ readFiles }, { WordCounts, packTexts }] = await Promise.all([import('./read-file.ts'), import('./prepare.ts')]);
    const dir: string = workerData.dir;
    /** Where this reader's bodies go for their facts, chunk c to extractor c mod their number; without any, it finds them itself (when `facts`). */
    const extractors: MessagePort[] = workerData.extractors ?? [];
    const facts: boolean = workerData.facts && extractors.length === 0;
    /** Words of the titles and leads this worker prepared, counted per release, when a new archive is built. */
    const words = workerData.countWords ? new WordCounts() : undefined;

    parentPort!.on('message', (msg: { c: number; jobs: FileJob[] } | 'words') => {
      if (msg === 'words') {
        parentPort!.postMessage(words?.counts() ?? new Map());
        return;
      }
      const bodies: string[] | undefined = extractors.length ? [] : undefined;
      const outcomes = readFiles(dir, msg.jobs, { words, facts, bodies });
      const prepared: PreparedRelease[] = [];
      for (const o of outcomes) if (o.kind === 'release') prepared.push(o.prepared);
      // The extractor first, so it works on this chunk while the writer's share is packed.
      if (extractors.length) {
        extractors[msg.c % extractors.length]!.postMessage({ c: msg.c, bodies: bodies!, dates: prepared.map((p) => p.date) } satisfies BodiesMessage);
      }
      parentPort!.postMessage({ c: msg.c, outcomes }, [packTexts(prepared)]);
    });
  }
}
