/**
 * The search pool: worker threads, each with its own read-only connection, answer searches, trends and
 * exports, so that the thread accepting connections only routes and renders. Every job has a deadline,
 * at which its request is answered 503 (load) or 400 (too broad); a worker still busy with it well past
 * that is ended and replaced. The
 * queue is bounded: when it is full the answer is 503 with `Retry-After`, never a growing backlog.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BadQueryError, NotFoundError, OverloadedError, PressroomError, UsageError, type Archive, type PackedVocabulary } from '../index.ts';
import { chunkStream, exportChunks, type ExportHead, type ExportRequest } from './export.ts';
import { BROAD_POSTINGS, isHeavy, runJob, type Job } from './jobs.ts';
import type { FromWorker, TaskMessage, ToWorker } from './search-worker.ts';

/** The budget of a page or an API call, from arrival to answer. */
export const REQUEST_BUDGET_MS = 2000;
/** Of that budget, what the main thread keeps for itself: the job's deadline comes this much sooner, so the answer (or refusal) is out in time. */
const RENDER_MARGIN_MS = 200;
/** The budget of a commitments list filtered by status: it searches the follow-ups of up to 300 commitments, in the heavy lane. */
export const STATUS_LIST_BUDGET_MS = 20_000;
/** The budget of a whole export; each chunk of it also gets `REQUEST_BUDGET_MS`. */
export const EXPORT_BUDGET_MS = 60_000;

/** Runs jobs and exports: on the pool's workers, or in-process (`inlineRunner`). */
export interface Runner {
  run<T>(job: Job, budgetMs?: number): Promise<T>;
  /** The export's head once the search has run (errors before any byte), then its text as the client reads it. */
  export(req: ExportRequest, budgetMs?: number): Promise<{ head: ExportHead; body: ReadableStream<Uint8Array> }>;
  status(): PoolStatus;
  close(): Promise<void>;
}

export interface PoolStatus {
  workers: number;
  busy: number;
  queued: number;
  /** Jobs past their deadline (their requests answered 503 or 400), left to finish. */
  abandoned: number;
  /** Workers ended past the hard limit, and the mean milliseconds their replacements took to be ready. */
  restarts: number;
  restart_ms: number | null;
  /** Exports whose client went before the end. */
  cancelled: number;
}

/** Runs everything on the calling thread, synchronously: for tests and for embedding the app. */
export function inlineRunner(archive: Archive): Runner {
  return {
    run: async <T>(job: Job) => runJob(archive, job) as T,
    export: async (req) => {
      const { head, chunks } = exportChunks(archive, req);
      return { head, body: chunkStream(chunks) };
    },
    status: () => ({ workers: 0, busy: 0, queued: 0, abandoned: 0, restarts: 0, restart_ms: null, cancelled: 0 }),
    close: async () => {},
  };
}

const YOUNG_GENERATION_MB = 8;

export interface PoolOptions {
  db: string;
  /**
   * Worker threads; default one per core plus one (`os.availableParallelism() + 1`). Heavy work (exports,
   * trends, searches reading 20,000+ postings) may hold all but one, so a light search always finds a worker.
   */
  size?: number;
  /** Jobs that may wait for a worker; default 64. */
  queue?: number;
  /** Where unexpected worker errors go; default `console.error`. */
  logError?: (err: unknown) => void;
  /** How long a worker may go on with a job whose request was answered at its deadline before it is ended and replaced; default 10 s. */
  hardLimitMs?: number;
  /** The vocabulary workers start from (the main thread's, shared); without it each reads the index's. */
  vocabulary?: () => PackedVocabulary | undefined;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  started: number;
  task?: Task;
  /** The main thread's vocabulary this worker was last given. */
  vocabulary?: PackedVocabulary;
}

interface Task {
  id: number;
  heavy: boolean;
  msg: TaskMessage;
  deadline: number;
  timer?: NodeJS.Timeout;
  slot?: Slot;
  /** (word, release) pairs, as the worker estimated them before running the job. */
  cost?: number;
  onMessage(m: FromWorker): void;
  /** Ends the task with an error (the slot, if any, is already dealt with). */
  fail(err: Error): void;
}

/** The worker script beside this file, `.js` in built code and `.ts` under tsx. */
function workerFile(): URL {
  const here = fileURLToPath(import.meta.url);
  return new URL(`./search-worker${path.extname(here)}`, import.meta.url);
}

/** Rebuilds in this thread the error a worker threw, so that `instanceof` and the status still hold. */
function rebuild(e: { name: string; message: string; status: number }): Error {
  if (e.status === 400) return e.name === 'UsageError' ? new UsageError(e.message) : new BadQueryError(e.message);
  if (e.status === 404) return new NotFoundError(e.message);
  if (e.status === 503) return new OverloadedError(e.message);
  const err = new Error(`search worker: ${e.message}`);
  return e.name === 'PressroomError' ? new PressroomError(e.message) : err;
}

/**
 * A pool of search workers over one archive file.
 * @example
 * const pool = new WorkerPool({ db: 'pressroom.db' });
 * (await pool.run<SearchResult>({ kind: 'search', q: 'Taji', opts: { limit: 1 } })).total // => 31
 */
export class WorkerPool implements Runner {
  readonly size: number;
  private readonly maxHeavy: number;
  private readonly maxQueue: number;
  private readonly db: string;
  private readonly vocabulary?: () => PackedVocabulary | undefined;
  private readonly logError: (err: unknown) => void;
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private restarts = 0;
  private abandoned = 0;
  private readonly hardLimitMs: number;
  private cancelled = 0;
  private restartMs: number[] = [];
  private closed = false;
  private startFailure: unknown;

  constructor(opts: PoolOptions) {
    this.db = opts.db;
    this.vocabulary = opts.vocabulary;
    this.size = Math.max(1, opts.size ?? availableParallelism() + 1);
    this.maxHeavy = Math.max(1, this.size - 1);
    this.hardLimitMs = opts.hardLimitMs ?? 10_000;
    this.maxQueue = opts.queue ?? 64;
    this.logError = opts.logError ?? ((err) => console.error(err));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn(false));
  }

  /** Resolves once every worker has opened the archive. */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.closed) return reject(new Error('pool closed'));
        if (this.startFailure) return reject(this.startFailure);
        if (this.slots.every((s) => s.ready)) return resolve();
        setTimeout(check, 10);
      };
      check();
    });
  }

  status(): PoolStatus {
    const mean = this.restartMs.length ? Math.round(this.restartMs.reduce((a, b) => a + b, 0) / this.restartMs.length) : null;
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.task).length, queued: this.queue.length, abandoned: this.abandoned, restarts: this.restarts, restart_ms: mean, cancelled: this.cancelled };
  }

  run<T>(job: Job, budgetMs = REQUEST_BUDGET_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        heavy: isHeavy(job),
        msg: { id: 0, job },
        deadline: performance.now() + Math.max(budgetMs / 2, budgetMs - RENDER_MARGIN_MS),
        onMessage: (m) => {
          if ('cost' in m) task.cost = m.cost;
          else if ('ok' in m) {
            this.finish(task);
            resolve(m.ok as T);
          } else if ('err' in m) {
            this.finish(task);
            reject(this.error(m.err));
          }
        },
        fail: reject,
      };
      task.msg.id = task.id;
      this.admit(task, () => {
        const broad = (task.cost ?? 0) >= BROAD_POSTINGS;
        return broad
          ? new BadQueryError(`this query reads ${(task.cost ?? 0).toLocaleString('en-NZ')} (word, release) pairs and could not be answered within ${budgetMs / 1000} s; add a more distinctive word or a filter such as year: or minister:`)
          : new OverloadedError(`the server could not answer within ${budgetMs / 1000} s; try again in a moment`, 2);
      });
    });
  }

  export(req: ExportRequest, budgetMs = EXPORT_BUDGET_MS): Promise<{ head: ExportHead; body: ReadableStream<Uint8Array> }> {
    return new Promise((resolve, reject) => {
      const enc = new TextEncoder();
      let pending: { resolve: (chunk: string | null) => void; reject: (err: Error) => void } | undefined;
      let started = false;
      const exportDeadline = performance.now() + budgetMs;
      const task: Task = {
        id: this.nextId++,
        heavy: true,
        msg: { id: 0, export: req },
        deadline: performance.now() + REQUEST_BUDGET_MS - RENDER_MARGIN_MS,
        onMessage: (m) => {
          if ('head' in m) {
            started = true;
            task.deadline = exportDeadline;
            this.arm(task, () => new OverloadedError('the export ran out of time'));
            resolve({ head: m.head as ExportHead, body });
          } else if ('chunk' in m) {
            // Between chunks the worker waits on the client; a client that stops reading still loses the export at its deadline.
            task.deadline = exportDeadline;
            this.arm(task, () => new OverloadedError('the export ran out of time'));
            if (m.chunk === null) this.finish(task);
            pending?.resolve(m.chunk);
            pending = undefined;
          } else if ('err' in m) {
            this.finish(task);
            const err = this.error(m.err);
            if (!started) reject(err);
            else pending?.reject(err);
            pending = undefined;
          }
        },
        fail: (err) => {
          if (!started) reject(err);
          else pending?.reject(err);
          pending = undefined;
        },
      };
      task.msg.id = task.id;
      const body = new ReadableStream<Uint8Array>({
        pull: async (controller) => {
          if (!task.slot) return controller.close();
          // Each chunk has the budget of a request, and the whole export its own.
          task.deadline = Math.min(performance.now() + REQUEST_BUDGET_MS - RENDER_MARGIN_MS, exportDeadline);
          this.arm(task, () => new OverloadedError('the export ran out of time'));
          const chunk = await new Promise<string | null>((res, rej) => {
            pending = { resolve: res, reject: rej };
            task.slot!.worker.postMessage({ id: task.id, more: true } satisfies ToWorker);
          });
          if (chunk === null) controller.close();
          else controller.enqueue(enc.encode(chunk));
        },
        cancel: () => {
          // The client went: the worker drops the export and is free for the next job.
          // The slot stays this export's until the worker says it has let go (a chunk in the making ends first).
          if (task.slot) {
            this.cancelled++;
            pending = undefined;
            task.slot.worker.postMessage({ id: task.id, cancel: true } satisfies ToWorker);
          }
        },
      });
      this.admit(task, () => new OverloadedError(`the export could not start within ${REQUEST_BUDGET_MS / 1000} s; try again in a moment`, 2));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) {
      clearTimeout(t.timer);
      t.fail(new OverloadedError('the server is shutting down'));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }

  /** Queues a task (or refuses it when the queue is full) and sets its deadline. */
  private admit(task: Task, timeoutError: () => Error): void {
    if (this.closed) return task.fail(new OverloadedError('the server is shutting down'));
    const idle = this.slots.some((s) => s.ready && !s.task);
    if (!idle && this.queue.length >= this.maxQueue) {
      return task.fail(new OverloadedError(`the server is busy: ${this.queue.length} requests are waiting; try again in a second`, 1));
    }
    this.queue.push(task);
    this.arm(task, timeoutError);
    this.dispatch();
  }

  /** At the task's deadline: out of the queue with a 503, or its worker ended and replaced. */
  private arm(task: Task, timeoutError: () => Error): void {
    clearTimeout(task.timer);
    task.timer = setTimeout(() => {
      const queued = this.queue.indexOf(task);
      if (queued >= 0) {
        this.queue.splice(queued, 1);
        return task.fail(new OverloadedError(`the server is busy and could not start this within ${REQUEST_BUDGET_MS / 1000} s; try again in a moment`, 2));
      }
      task.fail(timeoutError());
      if (task.slot) this.abandon(task);
    }, Math.max(0, task.deadline - performance.now()));
    task.timer.unref();
  }

  /**
   * A task past its deadline, its request already answered. Its worker is left to finish the statement
   * it is in (the query limits keep statements short, and a new worker costs more: see `restart_ms`);
   * one still busy `hardLimitMs` later is ended and replaced.
   */
  private abandon(task: Task): void {
    const slot = task.slot!;
    task.fail = () => {};
    task.onMessage = (m) => {
      if ('ok' in m || 'err' in m || ('chunk' in m && m.chunk === null)) this.finish(task);
    };
    if ('export' in task.msg) slot.worker.postMessage({ id: task.id, cancel: true } satisfies ToWorker);
    this.abandoned++;
    task.timer = setTimeout(() => {
      if (slot.task === task) this.replace(slot);
    }, this.hardLimitMs);
    task.timer.unref();
  }

  /** Gives idle workers the oldest tasks they may take: heavy ones only while the heavy lane has room. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue;
      const heavyRoom = this.slots.filter((s) => s.task?.heavy).length < this.maxHeavy;
      const next = this.queue.findIndex((t) => heavyRoom || !t.heavy);
      if (next < 0) return;
      const task = this.queue.splice(next, 1)[0]!;
      slot.task = task;
      task.slot = slot;
      // After an update the main thread read the new vocabulary: the worker uses it instead of reading its own.
      const vocabulary = this.vocabulary?.();
      if (vocabulary && vocabulary !== slot.vocabulary) {
        slot.worker.postMessage({ vocabulary } satisfies ToWorker);
        slot.vocabulary = vocabulary;
      }
      slot.worker.postMessage(task.msg);
    }
  }

  private finish(task: Task): void {
    clearTimeout(task.timer);
    if (task.slot && task.slot.task === task) task.slot.task = undefined;
    task.slot = undefined;
    this.dispatch();
  }

  private error(e: { name: string; message: string; status: number }): Error {
    const err = rebuild(e);
    if (!(err instanceof PressroomError) || err.status === 500) this.logError(err);
    return err;
  }

  /** Ends a worker (its statement may still run to its end in the dying thread) and starts another in its place. */
  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const task = slot.task;
    slot.task = undefined;
    if (task) task.slot = undefined;
    void slot.worker.terminate();
    this.restarts++;
    if (!this.closed) this.slots[i] = this.spawn(true);
  }

  private spawn(restart: boolean): Slot {
    const file = workerFile();
    const vocabulary = this.vocabulary?.();
    const workerData = { db: this.db, vocabulary };
    // A search's garbage is short-lived and small: a young generation of 8 MB instead of V8's 32-48 keeps RSS down.
    const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
    // Under tsx a worker registers it for itself: loader hooks of the main thread do not reach workers.
    const worker =
      file.pathname.endsWith('.ts')
        ? new Worker(
            `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`,
            { eval: true, workerData, resourceLimits },
          )
        : new Worker(file, { workerData, resourceLimits });
    const slot: Slot = { worker, ready: false, started: performance.now(), vocabulary };
    worker.on('message', (m: FromWorker) => {
      if ('ready' in m) {
        slot.ready = true;
        if (restart) this.restartMs.push(performance.now() - slot.started);
        this.dispatch();
        return;
      }
      const task = slot.task;
      if (task && task.id === m.id) task.onMessage(m);
    });
    worker.on('error', (err) => {
      this.logError(err);
      const task = slot.task;
      // A worker that cannot even start (a missing or damaged archive) would fail again at once.
      if (!slot.ready) {
        this.slots.splice(this.slots.indexOf(slot), 1);
        this.startFailure = err;
      } else this.replace(slot);
      task?.fail(new PressroomError('a search worker failed; it has been logged'));
    });
    worker.unref();
    return slot;
  }
}
