import { Archive, createAlert, deliverDue, describeAlert, UsageError, withUpdateLock } from '../../index.ts';
import type { Command } from '../command.ts';
import { MAX_AHEAD } from '../../alerts/commitments.ts';
import { dbOf, intOption, print, shown } from '../shared.ts';
import { openState } from './update.ts';

const USAGE = 'pressroom alerts add [QUERY] [--commitments [--ahead N]] (--webhook URL | --email ADDR | --feed) [--json] | list [--json] | remove ID | resume ID | deliver [--now] [--json]';

export const alertsCommand: Command = {
  brief: 'add, list, remove and deliver alerts on new matches',
  usage: `${USAGE}`,
  summary:
    'An alert is a saved query; each update delivers the releases it adds that match. "add" prints the alert with its signing secret and management token (shown once). ' +
    'With --commitments, the alert tells instead of each commitment in a matching release (QUERY may be left out: every release) once, when it comes due: its due window begins within --ahead N months (default 1). ' +
    '"deliver" sends what is due (--now: every pending delivery at once); "resume" restarts a paused alert. State lives in --state FILE, default $PRESSROOM_STATE, else pressroom-state.db beside the archive.',
  options: { commitments: { type: 'boolean' }, ahead: { type: 'string' }, webhook: { type: 'string' }, email: { type: 'string' }, feed: { type: 'boolean' }, json: { type: 'boolean' }, now: { type: 'boolean' }, state: { type: 'string' } },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals }) {
    const [action, arg] = positionals;
    const state = openState(values);
    try {
      if (action === 'add') {
        const kind = values.commitments ? 'commitments' : 'releases';
        if (!arg && kind === 'releases') throw new UsageError(`alerts add needs a query: ${USAGE}`);
        if (values.ahead !== undefined && kind === 'releases') throw new UsageError('--ahead goes with --commitments: the months of notice before a commitment comes due');
        const ahead = values.ahead === undefined ? undefined : intOption(values, 'ahead', 0, MAX_AHEAD);
        const archive = Archive.open(dbOf(values));
        try {
          const a = await createAlert(archive, state, { query: arg ?? '', kind, ahead, webhook: values.webhook as string | undefined, email: values.email as string | undefined, feed: Boolean(values.feed) });
          if (values.json) print(a);
          else {
            const what = a.kind === 'commitments' ? `commitments coming due (${a.ahead} month${a.ahead === 1 ? '' : 's'} ahead) in ${a.query ? shown(a.query) : 'every release'}` : shown(a.query);
            console.log(`${a.id}: ${what} → ${a.channel}${a.target ? ` ${shown(a.target)}` : ''} (${a.status === 'pending' ? 'waiting for the address to confirm' : a.status})`);
            console.log(`  secret: ${a.secret}\n  token:  ${a.token}\n  feed:   ${a.feed}`);
          }
        } finally {
          archive.close();
        }
      } else if (action === 'list') {
        noArg(action, arg);
        const list = state.alerts().map((a) => describeAlert(state, a));
        if (values.json) print(list);
        else if (list.length === 0) console.log('no alerts; add one with: pressroom alerts add QUERY --webhook URL');
        else for (const a of list) console.log(`${a.id}  ${a.status.padEnd(12)} ${a.channel.padEnd(7)} ${a.kind === 'commitments' ? `[commitments, ${a.ahead} ahead] ` : ''}${shown(a.query)}${a.target ? ` → ${shown(a.target)}` : ''}${a.paused_reason ? `\n    ${shown(a.paused_reason)}` : ''}`);
      } else if (action === 'remove') {
        if (!arg) throw new UsageError('alerts remove needs the id of an alert (see "pressroom alerts list")');
        if (!state.removeAlert(arg)) throw new UsageError(`no alert with id "${arg}"; see "pressroom alerts list"`);
        console.log(`removed ${arg}`);
      } else if (action === 'resume') {
        const a = arg ? state.alert(arg) : undefined;
        if (!a) throw new UsageError(`no alert with id "${arg ?? ''}"; see "pressroom alerts list"`);
        if (a.status !== 'paused') throw new UsageError(`alert ${a.id} is ${a.status}, not paused`);
        state.setStatus(a.id, 'active');
        console.log(`resumed ${a.id}`);
      } else if (action === 'deliver') {
        noArg(action, arg);
        const s = await withUpdateLock(state, () => deliverDue(state, { now: Boolean(values.now), log: (m) => console.error(`pressroom: ${m}`) }));
        if (values.json) print(s);
        else console.log(`${s.delivered} delivered, ${s.failed} failed, ${s.pending} pending`);
      } else {
        throw new UsageError(`unknown alerts action "${action}": ${USAGE}`);
      }
    } finally {
      state.close();
    }
  },
};

function noArg(action: string, arg: string | undefined) {
  if (arg !== undefined) throw new UsageError(`alerts ${action} takes no argument, not "${arg}"`);
}
