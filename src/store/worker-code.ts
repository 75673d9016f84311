import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let bundled: Promise<string> | undefined;

/**
 * The ingest worker (ingest-worker.ts and everything it imports) as one CommonJS script, bundled by
 * esbuild once per process, for `new Worker(code, { eval: true })`. Registering tsx in each worker and
 * loading the modules through it took 350–450 ms of both cores before a worker read its first file;
 * the bundle takes about 70 ms once, and a worker then answers its first chunk within 100 ms.
 */
export function workerCode(): Promise<string> {
  bundled ??= bundle();
  return bundled;
}

async function bundle(): Promise<string> {
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
  return result.outputFiles[0]!.text;
}
