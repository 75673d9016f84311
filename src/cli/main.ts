import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PressroomError, UsageError } from '../errors.ts';
import { commands } from './commands/index.ts';

const usage = () => `pressroom — search the archive of government press releases

Usage: pressroom <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${(c.usage.split(' ').slice(1, 3).filter((w) => !w.startsWith('[-')).join(' ')).padEnd(17)}${c.brief}`)
  .join('\n')}

Every command takes --db FILE (default $PRESSROOM_DB, else ./pressroom.db) and --help; pressroom --version prints the version.
Exit codes: 0 success, 1 failure, 2 bad usage or bad query.`;

/** The version in package.json, read once when asked. */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(version());
    return 0;
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
      throw new UsageError(`${name} takes ${min === max ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} argument${max === 1 ? '' : 's'}: ${cmd.usage}`);
    }
    await cmd.run({ values: values as Record<string, string | boolean | undefined>, positionals });
    return 0;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (cmd && e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flags = [...Object.keys(cmd.options), 'db', 'help'].map((f) => `--${f}`).join(', ');
      return report(new UsageError(`${e.message?.split('.')[0]}; ${name} takes ${flags}`));
    }
    return report(err);
  }
}

/** The one error translator of the CLI: one line and the error's own exit code; the stack only with PRESSROOM_DEBUG=1. */
function report(err: unknown): number {
  if (process.env.PRESSROOM_DEBUG) console.error(err);
  if (err instanceof PressroomError) {
    console.error(`pressroom: ${err.message}`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string };
  if (e?.code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`pressroom: ${e.message}`);
    return 2;
  }
  if (!process.env.PRESSROOM_DEBUG) console.error(`pressroom: unexpected error: ${e?.message ?? String(err)} (set PRESSROOM_DEBUG=1 for the stack)`);
  return 1;
}

// A reader that stops early (`| head`) is not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
