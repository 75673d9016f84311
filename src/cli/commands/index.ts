/**
 * The command registry: one line per command, each defined in a file of its own and loaded only when
 * it runs, so that a search loads neither the server nor the ingest code.
 */
import type { Command } from '../command.ts';

export const commands: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import('./ingest.ts')).ingestCommand,
  search: async () => (await import('./search.ts')).searchCommand,
  show: async () => (await import('./show.ts')).showCommand,
  facts: async () => (await import('./facts.ts')).factsCommand,
  related: async () => (await import('./related.ts')).relatedCommand,
  amounts: async () => (await import('./amounts.ts')).amountsCommand,
  stats: async () => (await import('./stats.ts')).statsCommand,
  thread: async () => (await import('./thread.ts')).threadCommand,
  commitments: async () => (await import('./commitments.ts')).commitmentsCommand,
  serve: async () => (await import('./serve.ts')).serveCommand,
  start: async () => (await import('./serve.ts')).startCommand,
  update: async () => (await import('./update.ts')).updateCommand,
  alerts: async () => (await import('./alerts.ts')).alertsCommand,
  check: async () => (await import('./check.ts')).checkCommand,
};
