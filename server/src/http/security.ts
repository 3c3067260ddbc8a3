import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers on every answer, and CSRF protection for cookie-authenticated writes: a browser
 * always sends Origin (or Sec-Fetch-Site) with a cross-site write, so such a request is refused unless it
 * comes from this site. Bearer-token clients carry no ambient credentials and need no check.
 */
export function installSecurity(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
    if (!request.url.startsWith('/api/docs')) {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');

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
