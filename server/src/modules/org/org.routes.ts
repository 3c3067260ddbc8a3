import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../http/request.js';
import { authorize } from '../../platform/permissions/actor.js';
import { ORG } from './org.permissions.js';
import * as repo from './org.repo.js';

export async function orgRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/org/structure', { schema: { tags: ['org'], summary: '组织机构（专委会、部门、界别、党派、街道活动小组、承办单位）' } }, async (request) => {
    authorize(actorOf(request), ORG['org.read']);
    return repo.structure(ctx.db);
  });
}
