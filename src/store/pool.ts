import { availableParallelism } from 'node:os';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { ChunkMessage, FactsMessage } from './ingest-worker.ts';
import type { FileJob, FileOutcome } from './read-file.ts';
import { Slots } from './slots.ts';
import { workerCode } from './worker-code.ts';

/** Files per chunk a reader is sent (the first few chunks are smaller, see Pool.run). */
export const CHUNK = 256;

/**
 * One worker per core: they run at a lower priority (see ingest-worker.ts), so the thread that writes
 * SQLite, which everything waits on, keeps its core and the workers use whatever is left.
 */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Worker threads that read and prepare files, yielding outcomes chunk by chunk in job order. With two
 * workers or more and facts wanted, some of them are extractors: readers pass them each chunk's bodies
 * and they find the facts, so each thread runs, and V8 compiles, only its half of the code. On two cores,
 * a reader and an extractor built the whole corpus in 7.42 s against 7.84 s for two workers doing both
 * (mean of five alternated pairs, four won), with a second less CPU.
 */
export class Pool {
  private readers: Worker[] = [];
  private extractors: Worker[] = [];
  private outcomes = new Slots<ChunkMessage>();
  private facts = new Slots<FactsMessage>();
  private wordReplies: Array<Array<(m: Map<string, number>) => void>> = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** Settles once the workers are started (see workerCode). */
  private started: Promise<void>;

  /** `countWords`: each reader counts the title and lead words of what it prepares (see `words`); `facts`: see IngestOptions. */
  constructor(dir: string, size: number, { countWords, facts }: { countWords: boolean; facts: boolean | 'no-commitments' }) {
    this.started = workerCode().then((code) => {
      // Extraction is about two fifths of a worker's work: that share of the threads, at least one.
      const extracting = facts && size >= 2 ? Math.max(1, Math.round(size * 0.4)) : 0;
      const readers = Math.max(1, size - extracting);
      // channels[r][x] joins reader r to extractor x.
      const channels = Array.from({ length: readers }, () => Array.from({ length: extracting }, () => new MessageChannel()));
      this.readers = channels.map((ports) => {
        const extractors = ports.map((ch) => ch.port1);
        return new Worker(code.script, { eval: code.eval, workerData: { dir, countWords, facts, extractors }, transferList: extractors });
      });
      this.extractors = Array.from({ length: extracting }, (_, x) => {
        const sources = channels.map((ports) => ports[x]!.port2);
        const worker = new Worker(code.script, { eval: code.eval, workerData: { role: 'extract', sources, commitments: facts !== 'no-commitments' }, transferList: sources });
        worker.on('message', (m: FactsMessage) => this.facts.give(m.c, m));
        return worker;
      });
      this.wordReplies = this.readers.map(() => []);
      this.readers.forEach((worker, i) => {
        worker.on('message', (m: ChunkMessage | Map<string, number>) => {
          if (m instanceof Map) this.wordReplies[i]!.shift()!(m);
          else this.outcomes.give(m.c, m);
        });
      });
      for (const worker of [...this.readers, ...this.extractors]) {
        worker.on('error', (err) => {
          this.failure ??= err;
          this.wake?.();
        });
      }
    });
    // Seen by whichever of run, words or close comes first.
    this.started.catch(() => {});
  }

  /** Yields the outcomes of `jobs`, chunk by chunk in job order. */
  async *run(jobs: FileJob[]): AsyncGenerator<FileOutcome[]> {
    await this.started;
    const n = this.readers.length;
    const chunks: FileJob[][] = [];
    // The first chunks are small, so the writer has rows to write while the workers' code is still cold.
    for (let i = 0, size = CHUNK / 8; i < jobs.length; i += size, size = Math.min(CHUNK, size * 2)) chunks.push(jobs.slice(i, i + size));
    let next = 0;
    const submit = () => {
      const c = next++;
      this.readers[c % n]!.postMessage({ c, jobs: chunks[c] });
    };
    // Keep every reader a few chunks ahead of the writer.
    while (next < Math.min(Math.max(4, n * 3), chunks.length)) submit();
    for (let c = 0; c < chunks.length; c++) {
      const failed = new Promise<never>((_, reject) => {
        this.wake = () => reject(this.failure);
        if (this.failure) this.wake();
      });
      failed.catch(() => {});
      const { outcomes: out, extracted } = await Promise.race([this.outcomes.take(c), failed]);
      if (next < chunks.length) submit();
      if (this.extractors.length && !extracted) {
        const found = await Promise.race([this.facts.take(c), failed]);
        let i = 0;
        for (const o of out) {
          if (o.kind !== 'release') continue;
          o.prepared.facts = found.facts[i]!;
          o.prepared.amounts = found.amounts[i]!;
          o.prepared.commitments = found.commitments[i]!;
          i++;
        }
      }
      this.wake = undefined;
      yield out;
    }
  }

  /** The word counts of every release the readers prepared, summed. */
  async words(): Promise<Map<string, number>> {
    await this.started;
    const parts = await Promise.all(this.readers.map((w, i) => new Promise<Map<string, number>>((resolve) => {
      this.wordReplies[i]!.push(resolve);
      w.postMessage('words');
    })));
    const total = parts[0] ?? new Map<string, number>();
    for (const part of parts.slice(1)) for (const [w, n] of part) total.set(w, (total.get(w) ?? 0) + n);
    return total;
  }

  async close(): Promise<void> {
    await this.started.catch(() => {});
    await Promise.all([...this.readers, ...this.extractors].map((w) => w.terminate()));
  }
}

