// Real parts for the alert tests: a webhook receiver on loopback and releases written into a corpus folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface Received {
  body: string;
  delivery: string;
  signature: string;
  json: { alert: string; query: string; releases: { id: string; title: string; date: string | null; url: string; ministers: string[]; portfolios: string[]; snippet: string }[] };
}

/** A webhook receiver: records every POST; `failNext` answers the next n with 500, `holdNext` never answers the next one. */
export async function receiver() {
  const got: Received[] = [];
  let failNext = 0;
  let hold: ((r: Received) => void) | undefined;
  const held: ((value?: unknown) => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = { body, delivery: String(req.headers['x-pressroom-delivery']), signature: String(req.headers['x-pressroom-signature']), json: JSON.parse(body) };
      if (hold) {
        const h = hold;
        hold = undefined;
        held.push(() => res.destroy());
        return h(r);
      }
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end('not now');
        return;
      }
      got.push(r);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    failNext(n: number) {
      failNext = n;
    },
    /** Resolves with the next POST when it arrives, which is then left unanswered. */
    holdNext(): Promise<Received> {
      return new Promise((resolve) => (hold = resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const h of held) h();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface FixtureRelease {
  id: string;
  title: string;
  minister: string;
  portfolio: string;
  body: string;
}

/** Writes a release where the corpus keeps it (`releases/YYYY/MM/ID.md`). */
export function writeRelease(corpus: string, r: FixtureRelease): void {
  const dir = path.join(corpus, 'releases', r.id.slice(0, 4), r.id.slice(5, 7));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${r.id}.md`),
    `---\ntitle: ${JSON.stringify(r.title)}\ndate: ${r.id.slice(0, 10)}\nurl: https://www.beehive.govt.nz/release/${r.id.slice(11)}\nministers:\n  - ${r.minister}\nportfolios:\n  - ${r.portfolio}\n---\n\n${r.body}\n`,
  );
}
