import path from 'node:path';
import { fetchCorpus, ingest, type IngestSummary } from '../../index.ts';
import type { Command } from '../command.ts';
import { progressBar } from '../progress.ts';
import { dbOf, print } from '../shared.ts';

/** What ingest may do beyond the usual: see IngestOptions. */
export interface IngestFlags {
  rebuild?: boolean;
  allowRemovals?: boolean;
}

/** Ingests DIR (default $PRESSROOM_CORPUS, else the fetched clone) into `db`, printing the summary. */
export async function runIngest(dirArg: string | undefined, db: string, json: boolean, flags: IngestFlags = {}): Promise<IngestSummary> {
  const dir = dirArg ?? process.env.PRESSROOM_CORPUS ?? fetchCorpus({ warn: (m) => console.error(`pressroom: ${m}`) });
  const bar = json ? undefined : progressBar('ingest');
  let summary: IngestSummary;
  try {
    summary = await ingest({ dir, db, onProgress: bar?.update, onNotice: (m) => console.error(`pressroom: ${m}`), ...flags });
  } finally {
    bar?.end();
  }
  if (summary.backup) console.error(`pressroom: moved the old ${db} aside to ${summary.backup}`);
  if (json) print(summary);
  else {
    console.log(
      `${path.resolve(db)}: ${summary.ingested} ingested, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
        `${summary.removed} removed, ${summary.rejected.length} rejected in ${(summary.took_ms / 1000).toFixed(1)}s`,
    );
    for (const r of summary.rejected) console.log(`  rejected ${r.path}${r.line ? `:${r.line}` : ''}: ${r.reason}`);
  }
  return summary;
}

export const ingestCommand: Command = {
  brief: 'read a corpus folder into the archive (default $PRESSROOM_CORPUS, else fetch it)',
  usage: 'pressroom ingest [DIR] [--db FILE] [--json] [--rebuild] [--allow-removals]',
  summary:
    'Reads every release under DIR (default $PRESSROOM_CORPUS; with neither, a shallow git clone of the public corpus into the cache folder) into the archive. ' +
    'Only changed files are rewritten; a killed ingest leaves the previous archive intact. Malformed files are reported with their path and reason. ' +
    'Only an archive pressroom made, and that passes a quick check, is changed or replaced. --rebuild moves the file at --db aside to FILE.bak-TIME and builds anew. ' +
    'An ingest that would remove more than 5% of the archive (and at least 10 releases), or a folder with no releases, is refused unless --allow-removals is given.',
  options: { json: { type: 'boolean' }, rebuild: { type: 'boolean' }, 'allow-removals': { type: 'boolean' } },
  positionals: { min: 0, max: 1 },
  async run({ values, positionals }) {
    await runIngest(positionals[0], dbOf(values), Boolean(values.json), { rebuild: Boolean(values.rebuild), allowRemovals: Boolean(values['allow-removals']) });
  },
};
