/** `pressroom serve`: the app on a port. */
import { serve as listen, type ServerType } from '@hono/node-server';
import { Archive, defaultStatePath, SqliteStateStore } from '../index.ts';
import { scheduleUpdates } from '../update/schedule.ts';
import { createApp, type AppOptions } from './app.ts';

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
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Opens the archive and serves it until the process is stopped (SIGINT/SIGTERM close it cleanly).
 * @example
 * const s = await serve({ db: 'pressroom.db', port: 0, host: '127.0.0.1', quiet: true });
 * s.url // => 'http://127.0.0.1:43817'
 */
export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const archive = Archive.open(opts.db);
  // Read the in-memory columns now, not on the first request.
  void archive.columns;
  const statePath = opts.statePath ?? defaultStatePath(opts.db);
  const state = SqliteStateStore.open(statePath);
  const app = createApp(archive, { ...opts, state });
  const server: ServerType = await new Promise((resolve) => {
    const s = listen({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
  });
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
        state.close();
        resolve();
      });
      // Keep-alive connections would hold close() open; end them.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
  const onSignal = () => void close().then(() => process.exit(0));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { url, port, close };
}
