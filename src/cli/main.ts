import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadQueryError, NotFoundError, PressroomError, UsageError } from '../errors.ts';
import { commands } from './commands.ts';

const USAGE = `pressroom — search the archive of government press releases

Usage: pressroom <command> [options]

Commands:
  ingest [DIR]     read a corpus folder into the archive (default $PRESSROOM_CORPUS, else fetch it)
  search QUERY     search the archive
  show ID          one release, with its facts
  facts ID         the facts of one release
  related ID       releases about the same matter, oldest first
  amounts          the largest amounts of money announced, per portfolio and year
  stats            what the archive holds
  serve            run the web site and JSON API
  start            ingest when needed, then serve (what "npm start" runs)

Every command takes --db FILE (default $PRESSROOM_DB, else ./pressroom.db) and --help.
Exit codes: 0 success, 1 failure, 2 bad usage or bad query.`;

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: { min: number; max: number };
  run: (args: { values: Record<string, string | boolean | undefined>; positionals: string[] }) => Promise<void> | void;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  try {
    if (!cmd) throw new UsageError(`unknown command "${name}"; run "pressroom --help" for the list`);
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...cmd.options, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(`${cmd.usage}\n\n${cmd.summary}`);
      return 0;
    }
    const { min, max } = cmd.positionals ?? { min: 0, max: 0 };
    if (positionals.length < min || positionals.length > max) {
      throw new UsageError(`${name} takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}: ${cmd.usage}`);
    }
    await cmd.run({ values: values as Record<string, string | boolean | undefined>, positionals });
    return 0;
  } catch (err) {
    return report(err);
  }
}

function report(err: unknown): number {
  if (err instanceof BadQueryError || err instanceof UsageError) {
    console.error(`pressroom: ${err.message}`);
    return 2;
  }
  if (err instanceof NotFoundError || err instanceof PressroomError) {
    console.error(`pressroom: ${err.message}`);
    return 1;
  }
  const e = err as { code?: string; message?: string };
  if (e?.code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`pressroom: ${e.message}`);
    return 2;
  }
  console.error(err);
  return 1;
}

// A reader that stops early (`| head`) is not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
