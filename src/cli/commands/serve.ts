import { existsSync } from 'node:fs';
import { isCurrentArchive, parseInterval } from '../../index.ts';
import type { Command } from '../command.ts';
import { dbOf, intOption } from '../shared.ts';
import { runIngest } from './ingest.ts';

export const serveCommand: Command = {
  brief: 'run the web site and JSON API',
  usage: 'pressroom serve [--port 8080] [--host 127.0.0.1] [--workers N] [--db FILE] [--state FILE] [--update-every 1h]',
  summary: 'Serves the web pages, the JSON API and the Atom feeds. --port defaults to $PORT, else 8080; --host to $HOST, else 127.0.0.1. --workers sets the search worker threads. --update-every runs "pressroom update" on a schedule (e.g. 1h), logging each run.',
  options: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' }, state: { type: 'string' }, 'update-every': { type: 'string' } },
  async run({ values }) {
    const { serve } = await import('../../server/serve.ts');
    const every = values['update-every'] as string | undefined;
    await serve({
      db: dbOf(values),
      port: intOption(values, 'port', Number(process.env.PORT) || 8080, 65535),
      host: (values.host as string) ?? process.env.HOST ?? '127.0.0.1',
      workers: workersOption(values),
      statePath: values.state as string | undefined,
      updateEvery: every ? parseInterval(every) : undefined,
    });
  },
};

export const startCommand: Command = {
  brief: 'ingest when needed, then serve (what "npm start" runs)',
  usage: 'pressroom start [--port 8080] [--host 127.0.0.1] [--workers N] [--db FILE] [--state FILE] [--update-every 1h]',
  summary: 'Ingests the corpus when the archive is missing or was built by another version, then serves it, running "pressroom update" every --update-every (default $PRESSROOM_UPDATE_EVERY, else 1h). --port defaults to $PORT, else 8080; --host to $HOST, else 127.0.0.1. --workers sets the search worker threads.',
  options: { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' }, state: { type: 'string' }, 'update-every': { type: 'string' } },
  async run({ values }) {
    const db = dbOf(values);
    if (!existsSync(db) || !isCurrentArchive(db)) await runIngest(undefined, db, false);
    const { serve } = await import('../../server/serve.ts');
    await serve({
      db,
      port: intOption(values, 'port', Number(process.env.PORT) || 8080, 65535),
      host: (values.host as string) ?? process.env.HOST ?? '127.0.0.1',
      workers: workersOption(values),
      statePath: values.state as string | undefined,
      updateEvery: parseInterval((values['update-every'] as string | undefined) ?? process.env.PRESSROOM_UPDATE_EVERY ?? '1h'),
    });
  },
};

/** `--workers N`: search worker threads, 0 for none; default one per core plus one. */
function workersOption(values: Record<string, unknown>): number | undefined {
  return values.workers === undefined ? undefined : intOption(values, 'workers', 0, 64);
}
