import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const EVERY_ANSWER = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' };
const DOCUMENT = {
  ...EVERY_ANSWER,
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};
/** The web app's and the portal's pages and assets: only this site's scripts, styles, images and fonts. */
const PAGE = {
  ...DOCUMENT,
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};
/**
 * The API's answers (JSON and downloads) are never documents: should a browser open one, nothing in it may
 * load or run, and no one may frame it (OWASP's REST security advice). Nothing is kept in caches.
 */
const API = { ...EVERY_ANSWER, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'cache-control': 'no-store' };
/** Swagger UI's page runs inline scripts, which the page policy would block. */
const API_DOCS = { ...DOCUMENT, 'cache-control': 'no-store' };

/**
 * Security headers on every answer, one set per kind of answer, and CSRF protection for cookie-authenticated
 * writes: a browser always sends Origin (or Sec-Fetch-Site) with a cross-site write, so such a request is
 * refused unless it comes from this site. Bearer-token clients carry no ambient credentials and need no check.
 */
export function installSecurity(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(request.url.startsWith('/api/') ? (request.url.startsWith('/api/docs') ? API_DOCS : API) : PAGE);

    if (!UNSAFE.has(request.method) || request.headers.authorization) return;
    if (!request.headers.cookie) return;
    const site = request.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none') throw new AppError(403, 'csrf', '跨站请求被拒绝');
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      const host = request.headers['x-forwarded-host'] ?? request.headers.host;
      if (new URL(origin).host !== host) throw new AppError(403, 'csrf', '跨站请求被拒绝');
    } else if (origin === 'null') {
      throw new AppError(403, 'csrf', '跨站请求被拒绝');
    }
  });
}
