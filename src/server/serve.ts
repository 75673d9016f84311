/** `pressroom serve`: the app on a port. */
import { serve as listen, type ServerType } from '@hono/node-server';
import { Archive, defaultStatePath, loadVocabulary, EnvironmentError, quickCheck, SqliteStateStore, UsageError } from '../index.ts';
import { scheduleUpdates } from '../update/schedule.ts';
import { createApp, type AppOptions } from './app.ts';
import { WorkerPool } from './pool.ts';

export interface ServeOptions extends AppOptions {
  db: string;
  /** 0 picks a free port (tests, benchmarks). */
  port: number;
  host: string;
  /** Print the address on start; default true. */
  quiet?: boolean;
  /** The alerts' state file; default `$PRESSROOM_STATE`, else `pressroom-state.db` beside the archive. */
  statePath?: string;
  /** Run `pressroom update` this often (ms), logging each run; default never. */
  updateEvery?: number;
  /** The corpus folder scheduled updates read (default as `pressroom update`'s). */
  corpus?: string;
  /** Search worker threads; default one per core; 0 runs searches on the main thread. */
  workers?: number;
  /** Requests that may wait for a worker before the server answers 503; default 64. */
  queue?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Opens the archive, checks it (a quick check of every table: a damaged archive is refused rather
 * than served) and serves it until the process is stopped (SIGINT/SIGTERM close it cleanly).
 * @example
 * const s = await serve({ db: 'pressroom.db', port: 0, host: '127.0.0.1', quiet: true });
 * s.url // => 'http://127.0.0.1:43817'
 */
export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const archive = Archive.open(opts.db);
  let server: ServerType;
  let pool: WorkerPool | undefined;
  const statePath = opts.statePath ?? defaultStatePath(opts.db);
  let state: SqliteStateStore | undefined;
  try {
    // The check reads the file in a thread of its own while the in-memory columns are read here.
    const checked = quickCheck(opts.db);
    checked.catch(() => {});
    archive.readThroughCache();
    void archive.columns;
    // The main thread estimates each search's cost (src/server/jobs.ts): from memory, not fts5vocab.
    loadVocabulary(archive);
    await checked;
    const vocabulary = () => loadVocabulary(archive);
    pool =
      opts.workers === 0 || opts.runner
        ? undefined
        : new WorkerPool({ db: opts.db, size: opts.workers, queue: opts.queue, logError: opts.logError, vocabulary });
    await pool?.ready();
    state = SqliteStateStore.open(statePath);
    const app = createApp(archive, { ...opts, runner: opts.runner ?? pool, state });
    server = await new Promise((resolve, reject) => {
      const s = listen({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
      s.once('error', (err) => reject(listenError(err as NodeJS.ErrnoException, opts)));
    });
  } catch (err) {
    archive.close();
    state?.close();
    await pool?.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  if (!opts.quiet) console.log(`pressroom: serving ${opts.db} at ${url}`);
  const stopUpdates = opts.updateEvery
    ? scheduleUpdates({ db: opts.db, state: statePath, everyMs: opts.updateEvery, dir: opts.corpus, log: (m) => console.log(`pressroom: ${new Date().toISOString()} ${m}`) })
    : () => {};
  let closed = false;
  const close = () =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      closed = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stopUpdates();
      server.close(() => {
        archive.close();
        state?.close();
        void (pool?.close() ?? Promise.resolve()).then(() => resolve());
      });
      // Keep-alive connections would hold close() open; end them.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  const onSignal = () => void close().then(() => process.exit(0));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { url, port, close };
}

/** Why the server could not listen, as one line that says what to change. */
function listenError(err: NodeJS.ErrnoException, opts: ServeOptions): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new EnvironmentError(`port ${opts.port} on ${opts.host} is in use: stop what is using it, or pass another --port`, { cause: err });
    case 'EACCES':
      return new EnvironmentError(`not allowed to listen on port ${opts.port} of ${opts.host}: pass --port 1024 or above`, { cause: err });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EINVAL':
      return new UsageError(`--host ${opts.host} is not an address of this machine: pass 127.0.0.1, 0.0.0.0 or one of its own addresses`, { cause: err });
    default:
      return new EnvironmentError(`cannot listen on ${opts.host}:${opts.port}: ${err.message}`, { cause: err });
  }
}
