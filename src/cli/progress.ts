/** A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal. */
export function progressBar(label: string): { update: (done: number, total: number) => void; end: () => void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  const started = Date.now();
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const frac = total ? done / total : 1;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      const secs = ((now - started) / 1000).toFixed(1);
      process.stderr.write(`\r${label} ${bar} ${done.toLocaleString('en-NZ')}/${total.toLocaleString('en-NZ')} ${secs}s `);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}
