import { existsSync } from 'node:fs';
import { isCurrentArchive } from '../../index.ts';
import type { Command } from '../command.ts';
import { dbOf, intOption } from '../shared.ts';
import { runIngest } from './ingest.ts';

export const serveCommand: Command = {
  brief: 'run the web site and JSON API',
  usage: 'pressroom serve [--port 8080] [--host 127.0.0.1] [--workers N] [--db FILE]',
  summary: 'Serves the web pages, the JSON API and the Atom feeds. --port defaults to $PORT, else 8080; --host to $HOST, else 127.0.0.1.',
  options: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' } },
  async run({ values }) {
    const { serve } = await import('../../server/serve.ts');
    await serve({ db: dbOf(values), port: intOption(values, 'port', Number(process.env.PORT) || 8080, 65535), host: (values.host as string) ?? process.env.HOST ?? '127.0.0.1', workers: workersOption(values) });
  },
};

export const startCommand: Command = {
  brief: 'ingest when needed, then serve (what "npm start" runs)',
  usage: 'pressroom start [--port 8080] [--host 127.0.0.1] [--workers N] [--db FILE]',
  summary: 'Ingests the corpus when the archive is missing or was built by another version, then serves it. --port defaults to $PORT, else 8080; --host to $HOST, else 127.0.0.1.',
  options: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' } },
  async run({ values }) {
    const db = dbOf(values);
    if (!existsSync(db) || !isCurrentArchive(db)) await runIngest(undefined, db, false);
    const { serve } = await import('../../server/serve.ts');
    await serve({ db, port: intOption(values, 'port', Number(process.env.PORT) || 8080, 65535), host: (values.host as string) ?? process.env.HOST ?? '127.0.0.1', workers: workersOption(values) });
  },
};

/** `--workers N`: search worker threads, 0 for none; default one per core plus one. */
function workersOption(values: Record<string, unknown>): number | undefined {
  return values.workers === undefined ? undefined : intOption(values, 'workers', 0, 64);
}
