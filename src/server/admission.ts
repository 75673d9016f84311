/** Fairness between clients: how many exports and trends one client may have running at once. */
import { TooManyRequestsError } from '../index.ts';

/** Exports and trends one client (one remote address) may run at once. */
export const PER_CLIENT_HEAVY = 2;

/**
 * Counts what each client has running; `acquire` refuses past the limit with a 429.
 * @example
 * const release = limiter.acquire('203.0.113.5'); try { ... } finally { release(); }
 */
export class ClientLimiter {
  private running = new Map<string, number>();
  constructor(readonly limit = PER_CLIENT_HEAVY) {}

  acquire(client: string): () => void {
    const n = this.running.get(client) ?? 0;
    if (n >= this.limit) {
      throw new TooManyRequestsError(`you already have ${n} exports or trends running; wait for one to finish (at most ${this.limit} at once)`, 2);
    }
    this.running.set(client, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(client) ?? 1) - 1;
      if (left <= 0) this.running.delete(client);
      else this.running.set(client, left);
    };
  }
}
