/**
 * Request methods: HEAD answers as GET does, headers and all, without a body; OPTIONS says what is
 * allowed; any other method a route does not take is a 405 with `Allow`.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

const ALLOW = 'GET, HEAD';

/** Mounted inside the middleware that sets the security headers, so every answer here gets them too. */
export function methods(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'HEAD') {
      await next();
      // Hono answers HEAD by copying the GET response, and loses headers set after the handler (and
      // fails on some responses) in doing so: give it a plain body-less response to copy instead.
      const res = c.res;
      await res.body?.cancel().catch(() => {});
      c.res = undefined;
      c.res = new Response(null, { status: res.status, headers: res.headers });
      return;
    }
    if (method === 'GET' || matchedRoutes(c).some((r) => r.method === method)) return next();
    if (method === 'OPTIONS') return c.body(null, 204, { Allow: `${ALLOW}, OPTIONS` });
    return c.text(`${method} is not allowed here; allowed: ${ALLOW}\n`, 405, { Allow: ALLOW });
  };
}
