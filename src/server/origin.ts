/** The public origin (scheme, host, port) for absolute links in feeds, exports and the OpenSearch description. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { UsageError } from '../errors.ts';

/**
 * An operator's origin setting (`--origin`, `$PRESSROOM_ORIGIN`) as an origin, or a UsageError that says what to write.
 * @example
 * parseOrigin('https://pressroom.example/', '--origin') // => 'https://pressroom.example'
 */
export function parseOrigin(value: string, name: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new UsageError(`${name} must be a site's address with no path, like https://pressroom.example, not "${value}"`);
  }
  return url.origin;
}

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin a request's links should use: the operator's setting; else, only when the operator trusts
 * the proxy in front (`trustProxy`), its `X-Forwarded-Proto` and `X-Forwarded-Host` (first values, when
 * well formed); else the address the request came to. A client cannot otherwise choose the links.
 */
export function requestOrigin(c: Context, opts: { origin?: string; trustProxy?: boolean }): string {
  if (opts.origin) return opts.origin;
  const own = new URL(c.req.url);
  if (opts.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]!.trim().toLowerCase();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]!.trim();
    const scheme = proto === 'http' || proto === 'https' ? proto : own.protocol.slice(0, -1);
    return `${scheme}://${host && HOST.test(host) ? host : own.host}`;
  }
  return own.origin;
}

/**
 * Who a request comes from, for per-client limits: the address of the connection; behind a proxy the
 * operator trusts (`trustProxy`), the last `X-Forwarded-For` address, the one that proxy added (earlier
 * ones are whatever the client wrote). In-process requests (tests' `app.request`) share one key.
 */
export function clientAddress(c: Context, opts: { trustProxy?: boolean }): string {
  if (opts.trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}
