// An app over a fixture corpus, built in a temporary folder: the setup many HTTP tests share.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Archive, ingest } from '../../src/index.ts';
import { createApp } from '../../src/server/app.ts';

export interface AppFixture {
  dir: string;
  db: string;
  archive: Archive;
  /** The app in process; any error it logs fails the test. */
  app: ReturnType<typeof createApp>;
  close(): void;
}

/** Ingests `corpus` into `<tmp>/<name>-…/<name>.db` and serves it in process. */
export async function appFixture(corpus: string, name: string): Promise<AppFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), `pressroom-${name}-`));
  const db = path.join(dir, `${name}.db`);
  await ingest({ dir: corpus, db });
  const archive = Archive.open(db);
  const app = createApp(archive, { logError: (e) => assert.fail(`unexpected error: ${String(e)}`) });
  return {
    dir,
    db,
    archive,
    app,
    close: () => {
      archive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
