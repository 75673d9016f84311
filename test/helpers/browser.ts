// A fixture corpus ingested into a temporary archive, served on a free loopback port, and Debian's chromium
// driven by playwright-core (never a downloaded browser): what every browser test starts from.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ingest } from '../../src/index.ts';
import { serve, type RunningServer } from '../../src/server/serve.ts';

export const CHROMIUM = '/usr/bin/chromium';

// The background-networking flags keep chromium from dialling out on a closed network.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserFixture {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function browserFixture(corpus: string, prefix: string): Promise<BrowserFixture> {
  assert.ok(existsSync(CHROMIUM), `browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const db = path.join(dir, 'web.db');
  await ingest({ dir: corpus, db });
  const server = await serve({ db, port: 0, host: '127.0.0.1', quiet: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
