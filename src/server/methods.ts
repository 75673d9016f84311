/**
 * Request methods: HEAD answers as GET does, headers and all, without a body; OPTIONS says what a path
 * allows; a method no route of the path takes is a 405 with `Allow`.
 */
import type { Hono, MiddlewareHandler } from 'hono';

const OTHERS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Mounted inside the middleware that sets the security headers, so every answer here gets them too. */
export function methods(app: Hono): MiddlewareHandler {
  const routed = (method: string, path: string) => app.router.match(method, path)[0].some(([[, route]]) => route.method === method);
  /** What `path` allows: GET and HEAD everywhere (an unknown path is a 404 page), and the methods its routes take. */
  const allow = (path: string) => ['GET', 'HEAD', ...OTHERS.filter((m) => routed(m, path))].join(', ');
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
    if (method === 'GET' || routed(method, c.req.path)) return next();
    if (method === 'OPTIONS') return c.body(null, 204, { Allow: `${allow(c.req.path)}, OPTIONS` });
    const allowed = allow(c.req.path);
    return c.text(`${method} is not allowed here; allowed: ${allowed}\n`, 405, { Allow: allowed });
  };
}
