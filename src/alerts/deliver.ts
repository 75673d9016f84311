/**
 * Sends what the outbox holds. Each delivery keeps its id across attempts, so a receiver can drop a
 * repeat; a failure is retried with exponential backoff, and an alert whose deliveries keep failing is
 * paused with the reason.
 */
import type { Alert, DeliveredCommitment, DeliveredRelease, Delivery, StateStore } from '../state/store.ts';
import { sendAlertEmail } from './email.ts';
import { postWebhook } from './webhook.ts';

/** Failed attempts of one delivery after which its alert is paused. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 6 * 3600_000;

/** The wait before attempt n+1 after n failures: 30 s, 1 min, 2 min … at most 6 h. */
export function backoff(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), LONGEST_WAIT_MS);
}

export interface DeliverySummary {
  delivered: number;
  failed: number;
  /** Deliveries still waiting after this run, paused alerts' included. */
  pending: number;
}

export interface DeliverOptions {
  /** Retry every pending delivery now, whatever its backoff says ("alerts deliver --now"). */
  now?: boolean;
  log?: (msg: string) => void;
}

/** Sends every delivery that is due, oldest first; an alert whose delivery fails waits for its next turn. */
export async function deliverDue(state: StateStore, opts: DeliverOptions = {}): Promise<DeliverySummary> {
  let delivered = 0;
  let failed = 0;
  const stalled = new Set<string>();
  for (const d of state.due(opts.now ? Infinity : Date.now())) {
    if (stalled.has(d.alert)) continue;
    const alert = state.alert(d.alert);
    if (!alert || alert.status !== 'active') continue;
    try {
      await send(alert, d);
      state.delivered(d.id);
      delivered++;
    } catch (err) {
      failed++;
      stalled.add(d.alert);
      const reason = (err as Error).message || String(err);
      const attempts = state.failed(d.id, reason, Date.now() + backoff(d.attempts + 1));
      opts.log?.(`delivery ${d.id} of ${alert.id} failed (attempt ${attempts}): ${reason}`);
      if (attempts >= MAX_ATTEMPTS) {
        state.setStatus(alert.id, 'paused', `paused after ${attempts} failed attempts of delivery ${d.id}; the last: ${reason}`);
        opts.log?.(`alert ${alert.id} paused`);
      }
    }
  }
  return { delivered, failed, pending: state.counts().pending };
}

async function send(alert: Alert, d: Delivery): Promise<void> {
  if (alert.channel === 'webhook') return postWebhook(alert.target!, alert.secret, d.id, d.payload);
  if (alert.channel === 'email') {
    const p = JSON.parse(d.payload) as { releases?: DeliveredRelease[]; commitments?: DeliveredCommitment[] };
    return sendAlertEmail(alert, d.id, p.releases ?? p.commitments ?? []);
  }
}
