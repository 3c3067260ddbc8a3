import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../../http/request.js';
import * as auth from './auth.service.js';

function requestInfo(request: FastifyRequest): auth.RequestInfo {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), requestId: request.id };
}

function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string, maxAgeHours: number): void {
  reply.setCookie(auth.SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.secureCookies,
    maxAge: maxAgeHours * 3600,
  });
}

export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.strictObject({
          username: z.string().trim().min(1).max(64),
          password: z.string().min(1).max(128),
          totpCode: z.string().max(10).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { token, userId } = await auth.login(ctx, request.body, requestInfo(request));
      setSessionCookie(ctx, reply, token, 72);
      const actor = await auth.loadActor(ctx, userId, requestInfo(request));
      return { user: await auth.describeMe(ctx, actor!), token };
    },
  );

  r.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    await auth.logout(ctx, actorOf(request));
    reply.clearCookie(auth.SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/v1/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (request) => auth.describeMe(ctx, actorOf(request)));

  r.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.strictObject({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
      },
    },
    async (request) => {
      await auth.changePassword(ctx, actorOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true };
    },
  );

  r.post('/api/v1/me/totp/setup', { schema: { tags: ['auth'], summary: '生成动态验证码密钥' } }, async (request) =>
    auth.startTotpSetup(ctx, actorOf(request)),
  );
  r.post(
    '/api/v1/me/totp/enable',
    { schema: { tags: ['auth'], summary: '启用动态验证码', body: z.strictObject({ totpCode: z.string().min(1).max(10) }) } },
    async (request) => {
      await auth.enableTotp(ctx, actorOf(request), request.body.totpCode);
      return { ok: true };
    },
  );
  r.post(
    '/api/v1/me/totp/disable',
    { schema: { tags: ['auth'], summary: '停用动态验证码', body: z.strictObject({ password: z.string().min(1).max(128) }) } },
    async (request) => {
      await auth.disableTotp(ctx, actorOf(request), request.body.password);
      return { ok: true };
    },
  );
}

/** Resolves the session of every request (cookie or bearer token) into request.actor. */
export function installSessionHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const token = bearer ?? request.cookies[auth.SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    request.actor = await auth.resolveSession(ctx, token, requestInfo(request));
  });
}
