// The CLI as users run it: bin/pressroom.js, plain node running the built JavaScript in dist/.
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = path.join(root, 'bin/pressroom.js');

/** The newest change to the code that `npm run build` compiles or copies. */
function newestSource(): number {
  let newest = 0;
  for (const name of readdirSync(path.join(root, 'src'), { recursive: true }) as string[]) {
    if (name.endsWith('.test.ts')) continue;
    const s = statSync(path.join(root, 'src', name));
    if (s.isFile()) newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

// Tests of the CLI run dist/: stale JavaScript would test old code, so say so instead (`npm test` builds first).
let built: number;
try {
  built = statSync(path.join(root, 'dist/cli/main.js')).mtimeMs;
} catch {
  throw new Error('dist/ is missing: run `npm run build` (npm test does) before the CLI tests');
}
if (built < newestSource()) throw new Error('dist/ is older than src/: run `npm run build` (npm test does) before the CLI tests');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pressroom ...args` to the end; never rejects: a failing exit is in `code`. */
export function cli(args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 16 << 20, env: env ?? process.env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}
