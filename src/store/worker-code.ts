import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `new Worker` runs for an ingest worker: a module file, or (`eval`) the text of a script. */
export interface WorkerScript {
  script: URL | string;
  eval: boolean;
}

let bundled: Promise<WorkerScript> | undefined;

/**
 * The ingest worker. Built JavaScript (dist/) runs the compiled sibling `ingest-worker.js`. Under tsx
 * (tests, bench) a worker thread does not get tsx's loader on Node 20, so esbuild, a dev dependency,
 * bundles ingest-worker.ts and what it imports into one script, once per process.
 */
export function workerCode(): Promise<WorkerScript> {
  if (!import.meta.url.endsWith('.ts')) return Promise.resolve({ script: new URL('./ingest-worker.js', import.meta.url), eval: false });
  bundled ??= bundle();
  return bundled;
}

async function bundle(): Promise<WorkerScript> {
  const { build } = await import('esbuild');
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const aliases = new URL('../corpus/aliases.ts', import.meta.url);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [fileURLToPath(new URL('./ingest-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // A script has no import.meta. The one module of the worker that finds a file from its own place
    // (aliases.ts, for data/people.json) is given its own URL; any other such module would get the
    // wrong one, so a bundle with one is refused below rather than run.
    define: { 'import.meta.url': JSON.stringify(aliases.href) },
  });
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(root, input);
    if (file === fileURLToPath(aliases) || !readFileSync(file, 'utf8').includes('import.meta')) continue;
    throw new Error(`${input} uses import.meta, which the bundled ingest worker cannot give it: see src/store/worker-code.ts`);
  }
  return { script: result.outputFiles[0]!.text, eval: true };
}
