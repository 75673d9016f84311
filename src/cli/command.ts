import type { ParseArgsConfig } from 'node:util';

/** One CLI command: its help, its options (parsed strictly by `node:util` parseArgs) and what it does. */
export interface Command {
  /** One line for the command list in `pressroom --help`. */
  brief: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: { min: number; max: number };
  run: (args: { values: Record<string, string | boolean | undefined>; positionals: string[] }) => Promise<void> | void;
}
