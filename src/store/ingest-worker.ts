// Reads, validates and prepares release files off the main thread, which writes SQLite; or, as the
// extractor, finds the facts of the bodies that readers pass it (see Pool in pool.ts).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { PreparedRelease } from './prepare.ts';
import type { FileJob, FileOutcome } from './read-file.ts';

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

/** What a reader sends the writer for chunk `c`; `extracted`: the facts are in it, else an extractor sends them. */
export interface ChunkMessage {
  c: number;
  outcomes: FileOutcome[];
  extracted: boolean;
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
        const found = bodies.map((body, i) => storedFacts(extractFacts(body, dates[i]!), body, dates[i]!, workerData.commitments));
        const { buffer, views } = concatTexts(found.map((f) => f.facts));
        parentPort!.postMessage({ c, facts: views, amounts: found.map((f) => f.amounts), commitments: found.map((f) => f.commitments) } satisfies FactsMessage, [buffer]);
        // Tells the reader this chunk is done (see `queued` there).
        port.postMessage(c);
      });
    }
  } else {
    const [{ readFiles }, { WordCounts, packTexts }] = await Promise.all([import('./read-file.ts'), import('./prepare.ts')]);
    const dir: string = workerData.dir;
    /** Where this reader's bodies go for their facts, chunk c to extractor c mod their number; without any, it finds them itself (when `facts`). */
    const extractors: MessagePort[] = workerData.extractors ?? [];
    const facts = Boolean(workerData.facts) && extractors.length === 0;
    const commitments = workerData.facts !== 'no-commitments';
    /** Words of the titles and leads this worker prepared, counted per release, when a new archive is built. */
    const words = workerData.countWords ? new WordCounts() : undefined;
    /**
     * Chunks sent to each extractor and not yet done. Extraction costs more than reading, so a lone
     * extractor falls behind and the writer waits for it: a reader whose extractor already has a chunk
     * waiting finds this chunk's facts itself. The facts are the same whichever thread finds them.
     */
    const queued = extractors.map((port, x) => {
      port.on('message', () => queued[x]!--);
      return 0;
    });

    parentPort!.on('message', (msg: { c: number; jobs: FileJob[] } | 'words') => {
      if (msg === 'words') {
        parentPort!.postMessage(words?.counts() ?? new Map());
        return;
      }
      const x = msg.c % extractors.length;
      const extracted = extractors.length > 0 && queued[x]! >= 2;
      const bodies: string[] | undefined = extractors.length && !extracted ? [] : undefined;
      const outcomes = readFiles(dir, msg.jobs, { words, facts: facts || extracted, commitments, bodies });
      const prepared: PreparedRelease[] = [];
      for (const o of outcomes) if (o.kind === 'release') prepared.push(o.prepared);
      // The extractor first, so it works on this chunk while the writer's share is packed.
      if (bodies) {
        extractors[x]!.postMessage({ c: msg.c, bodies, dates: prepared.map((p) => p.date) } satisfies BodiesMessage);
        queued[x]!++;
      }
      parentPort!.postMessage({ c: msg.c, outcomes, extracted } satisfies ChunkMessage, [packTexts(prepared)]);
    });
  }
}
