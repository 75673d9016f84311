import { existsSync } from 'node:fs';
import { parseInterval } from '../../index.ts';
import { parseOrigin } from '../../server/origin.ts';
import { isCurrentArchive } from '../../store/open.ts';
import type { Command } from '../command.ts';
import { dbOf, intOption } from '../shared.ts';
import { runIngest } from './ingest.ts';

const SERVE_OPTIONS = { port: { type: 'string' }, host: { type: 'string' }, workers: { type: 'string' }, origin: { type: 'string' }, state: { type: 'string' }, 'update-every': { type: 'string' } } as const;
const SERVE_DEFAULTS =
  '--port defaults to $PORT, else 8080; --host to $HOST, else 127.0.0.1; --origin (the address in feeds, exports and OpenSearch) to $PRESSROOM_ORIGIN, else the address each request came to ' +
  '(X-Forwarded-Proto and X-Forwarded-Host with PRESSROOM_TRUST_PROXY=1).';

/** The options serve and start share, checked before anything is ingested or opened. */
function serveOptions(values: Record<string, unknown>) {
  const origin = (values.origin as string | undefined) ?? process.env.PRESSROOM_ORIGIN;
  return {
    port: intOption(values, 'port', Number(process.env.PORT) || 8080, 65535),
    host: (values.host as string) ?? process.env.HOST ?? '127.0.0.1',
    workers: workersOption(values),
    origin: origin ? parseOrigin(origin, values.origin !== undefined ? '--origin' : 'PRESSROOM_ORIGIN') : undefined,
    trustProxy: process.env.PRESSROOM_TRUST_PROXY === '1',
  };
}

export const serveCommand: Command = {
  brief: 'run the web site and JSON API',
  usage: 'pressroom serve [--port 8080] [--host 127.0.0.1] [--workers N] [--origin URL] [--db FILE] [--state FILE] [--update-every 1h]',
  summary: `Serves the web pages, the JSON API and the Atom feeds. --update-every runs "pressroom update" on a schedule (e.g. 1h), logging each run. ${SERVE_DEFAULTS}`,
  options: SERVE_OPTIONS,
  async run({ values }) {
    const opts = serveOptions(values);
    const { serve } = await import('../../server/serve.ts');
    const every = values['update-every'] as string | undefined;
    await serve({ db: dbOf(values), ...opts, statePath: values.state as string | undefined, updateEvery: every ? parseInterval(every) : undefined });
  },
};

export const startCommand: Command = {
  brief: 'ingest when needed, then serve (what "npm start" runs)',
  usage: 'pressroom start [--port 8080] [--host 127.0.0.1] [--workers N] [--origin URL] [--db FILE] [--state FILE] [--update-every 1h]',
  summary: `Ingests the corpus when the archive is missing or was built by another version, then serves it, running "pressroom update" every --update-every (default $PRESSROOM_UPDATE_EVERY, else 1h). ${SERVE_DEFAULTS}`,
  options: SERVE_OPTIONS,
  async run({ values }) {
    const db = dbOf(values);
    const opts = serveOptions(values);
    if (!existsSync(db) || !isCurrentArchive(db)) await runIngest(undefined, db, false);
    const { serve } = await import('../../server/serve.ts');
    await serve({
      db,
      ...opts,
      statePath: values.state as string | undefined,
      updateEvery: parseInterval((values['update-every'] as string | undefined) ?? process.env.PRESSROOM_UPDATE_EVERY ?? '1h'),
    });
  },
};

/** `--workers N`: search worker threads, 0 for none; default one per core plus one. */
function workersOption(values: Record<string, unknown>): number | undefined {
  return values.workers === undefined ? undefined : intOption(values, 'workers', 0, 64);
}
