import path from 'node:path';
import { defaultStatePath, SqliteStateStore, update, type StateStore, type UpdateSummary } from '../../index.ts';
import type { Command } from '../command.ts';
import { dbOf, print } from '../shared.ts';

/** The state store of `--state`, else `$PRESSROOM_STATE`, else `pressroom-state.db` beside the archive. */
export function openState(values: Record<string, unknown>): StateStore {
  return SqliteStateStore.open((values.state as string | undefined) ?? defaultStatePath(dbOf(values)));
}

/** One line for a log or a terminal. */
export function describeUpdate(db: string, s: UpdateSummary): string {
  const i = s.ingest;
  const a = s.alerts;
  return (
    `${path.resolve(db)}: ${i.ingested} ingested, ${i.updated} updated, ${i.unchanged} unchanged, ${i.removed} removed, ${i.rejected.length} rejected in ${(i.took_ms / 1000).toFixed(1)}s; ` +
    `alerts: ${a.matched} matched, ${a.delivered} delivered, ${a.failed} failed, ${a.pending} pending`
  );
}

export const updateCommand: Command = {
  brief: 'bring the corpus up to date, ingest it and deliver alerts',
  usage: 'pressroom update [DIR] [--db FILE] [--state FILE] [--json]',
  summary:
    'Pulls the fetched clone of the corpus (DIR, or $PRESSROOM_CORPUS, is taken as it is), ingests what changed, matches the releases it added against the alerts and delivers them. ' +
    'Only one update runs at a time. --state defaults to $PRESSROOM_STATE, else pressroom-state.db beside the archive.',
  options: { json: { type: 'boolean' }, state: { type: 'string' } },
  positionals: { min: 0, max: 1 },
  async run({ values, positionals }) {
    const state = openState(values);
    try {
      const db = dbOf(values);
      const s = await update({ db, state, dir: positionals[0], log: (m) => console.error(`pressroom: ${m}`) });
      if (values.json) print(s);
      else {
        console.log(describeUpdate(db, s));
        for (const r of s.ingest.rejected) console.log(`  rejected ${r.path}${r.line ? `:${r.line}` : ''}: ${r.reason}`);
      }
    } finally {
      state.close();
    }
  },
};
