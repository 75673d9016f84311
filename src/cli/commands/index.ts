/** The command registry: one line per command, each defined in a file of its own. */
import type { Command } from '../command.ts';
import { alertsCommand } from './alerts.ts';
import { amountsCommand } from './amounts.ts';
import { checkCommand } from './check.ts';
import { factsCommand } from './facts.ts';
import { ingestCommand } from './ingest.ts';
import { relatedCommand } from './related.ts';
import { searchCommand } from './search.ts';
import { serveCommand, startCommand } from './serve.ts';
import { showCommand } from './show.ts';
import { statsCommand } from './stats.ts';
import { threadCommand } from './thread.ts';
import { commitmentsCommand } from './commitments.ts';
import { updateCommand } from './update.ts';

export const commands: Record<string, Command> = {
  ingest: ingestCommand,
  search: searchCommand,
  show: showCommand,
  facts: factsCommand,
  related: relatedCommand,
  amounts: amountsCommand,
  stats: statsCommand,
  thread: threadCommand,
  commitments: commitmentsCommand,
  serve: serveCommand,
  start: startCommand,
  update: updateCommand,
  alerts: alertsCommand,
  check: checkCommand,
};
