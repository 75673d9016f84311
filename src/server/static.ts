/**
 * The static files (CSS, JS, icon), read once at start into memory. A request can only name a file in
 * this map, so no path, however encoded (`..`, `%2e%2e`, `%2f`), can reach outside the folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

export function loadStatic(dir: URL = new URL('../web/static/', import.meta.url)): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.split('.').pop() ?? ''];
    if (!type || !/^[\w.-]+$/.test(name)) continue;
    const body = readFileSync(new URL(name, dir));
    files.set(name, { body, type, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
  }
  return files;
}
