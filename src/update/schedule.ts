/**
 * Updates on a schedule inside `serve`/`start`. Each run is a child process (`pressroom update --json`):
 * the ingest's writes and CPU stay out of the server's event loop, and the server sees the result
 * through `Archive.refresh()` on its next request.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/pressroom.js', import.meta.url));

export interface ScheduleOptions {
  db: string;
  state: string;
  everyMs: number;
  dir?: string;
  log: (msg: string) => void;
}

/** Starts the schedule (first run after one interval); returns a function that stops it. */
export function scheduleUpdates(o: ScheduleOptions): () => void {
  let running = false;
  const run = () => {
    if (running) return o.log('update: the previous run is still going; skipped');
    running = true;
    const args = [BIN, 'update', ...(o.dir ? [o.dir] : []), '--db', o.db, '--state', o.state, '--json'];
    execFile(process.execPath, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      running = false;
      if (err) return o.log(`update failed: ${(stderr || err.message).trim().split('\n').pop()}`);
      try {
        const s = JSON.parse(stdout);
        o.log(
          `update: ${s.ingest.ingested} ingested, ${s.ingest.updated} updated, ${s.ingest.removed} removed, ${s.ingest.rejected.length} rejected in ${(s.ingest.took_ms / 1000).toFixed(1)}s; ` +
            `alerts: ${s.alerts.matched} matched, ${s.alerts.delivered} delivered, ${s.alerts.failed} failed, ${s.alerts.pending} pending`,
        );
      } catch {
        o.log(`update: unreadable summary: ${stdout.slice(0, 200)}`);
      }
    });
  };
  const timer = setInterval(run, o.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
