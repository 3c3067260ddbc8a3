import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, SCOPES } from '@xieshang/shared';
import type { AppContext } from '../context.js';
import { actorOf, idParams, pageQuery } from '../../http/request.js';
import { roleMatrix, setGrant } from '../permissions/permissions.service.js';
import { getSecurityPolicy, putSetting, SECURITY_POLICY_KEY, securityPolicySchema } from '../settings/settings.service.js';
import { writeWithAudit } from '../context.js';
import { authorize } from '../permissions/actor.js';
import { PLATFORM } from '../permissions/catalog.js';
import * as users from './users.service.js';

export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: z.strictObject({ q: z.string().max(40).optional(), role: z.enum(ROLES).optional(), ...pageQuery }),
      },
    },
    async (request) => users.listUsers(ctx.db, actorOf(request), request.query),
  );
  r.post('/api/v1/users', { schema: { tags: ['users'], summary: '创建用户', body: users.userInputSchema } }, async (request, reply) => {
    const id = await users.createUser(ctx, actorOf(request), request.body);
    return reply.status(201).send({ id });
  });
  r.patch(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], summary: '修改用户', params: idParams, body: users.userUpdateSchema } },
    async (request) => {
      await users.updateUser(ctx, actorOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );
  r.post(
    '/api/v1/users/:id/reset-password',
    { schema: { tags: ['users'], summary: '重置密码', params: idParams, body: z.strictObject({ password: z.string().min(1).max(128) }) } },
    async (request) => {
      await users.resetPassword(ctx, actorOf(request), request.params.id, request.body.password);
      return { ok: true };
    },
  );

  r.get('/api/v1/roles', { schema: { tags: ['roles'], summary: '角色与权限矩阵' } }, async (request) => roleMatrix(ctx, actorOf(request)));
  r.put(
    '/api/v1/roles/:role/permissions/:permission',
    {
      schema: {
        tags: ['roles'],
        summary: '设置角色权限',
        params: z.strictObject({ role: z.enum(ROLES), permission: z.string().max(80) }),
        body: z.strictObject({ scope: z.enum(SCOPES).nullable() }),
      },
    },
    async (request) => {
      await setGrant(ctx, actorOf(request), request.params.role, request.params.permission, request.body.scope);
      return { ok: true };
    },
  );

  r.get('/api/v1/security-policy', { schema: { tags: ['roles'], summary: '安全策略' } }, async (request) => {
    authorize(actorOf(request), PLATFORM['role.manage']);
    return getSecurityPolicy(ctx.db);
  });
  r.put(
    '/api/v1/security-policy',
    { schema: { tags: ['roles'], summary: '修改安全策略', body: securityPolicySchema } },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, PLATFORM['role.manage']);
      await writeWithAudit(ctx, actor, (trx) => putSetting(trx, SECURITY_POLICY_KEY, request.body), {
        action: 'security.policy_update',
        objectType: 'setting',
        objectId: SECURITY_POLICY_KEY,
        details: request.body,
      });
      return { ok: true };
    },
  );
}
