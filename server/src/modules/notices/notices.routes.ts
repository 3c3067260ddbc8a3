import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf, idParams } from '../../http/request.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { performAction } from '../../platform/workflow/engine.js';
import { createSchema, managedQuery, receivedQuery, recipientsQuery, updateSchema } from './notices.schema.js';
import * as service from './notices.service.js';
import { noticeWorkflow } from './notices.workflow.js';

export async function noticeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];

  r.get('/api/v1/notices', { schema: { tags, summary: '发给我的通知通报', querystring: receivedQuery } }, async (request) =>
    service.listReceived(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/v1/notices/managed',
    { schema: { tags, summary: '本部门的通知通报（起草、发布、撤回）', querystring: managedQuery } },
    async (request) => service.listManaged(ctx, actorOf(request), request.query),
  );
  r.post('/api/v1/notices', { schema: { tags, summary: '起草通知通报', body: createSchema } }, async (request, reply) =>
    reply.status(201).send(await service.createNotice(ctx, actorOf(request), request.body)),
  );
  r.get('/api/v1/notices/:id', { schema: { tags, summary: '一份通知通报', params: idParams } }, async (request) =>
    service.getNotice(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/api/v1/notices/:id',
    { schema: { tags, summary: '修改通知通报草稿', params: idParams, body: updateSchema } },
    async (request) => {
      const actor = actorOf(request);
      await service.updateNotice(ctx, actor, request.params.id, request.body);
      return service.getNotice(ctx, actor, request.params.id);
    },
  );
  r.delete('/api/v1/notices/:id', { schema: { tags, summary: '删除通知通报草稿', params: idParams } }, async (request, reply) => {
    await service.deleteNotice(ctx, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
  r.post('/api/v1/notices/:id/read', { schema: { tags, summary: '阅读（记录已读）', params: idParams } }, async (request) =>
    service.readNotice(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/api/v1/notices/:id/recipients',
    { schema: { tags, summary: '接收人与阅读情况', params: idParams, querystring: recipientsQuery } },
    async (request) => service.listRecipients(ctx, actorOf(request), request.params.id, request.query),
  );
  r.post(
    '/api/v1/notices/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '发布、提醒未读或撤回通知通报',
        params: z.strictObject({
          id: z.string().regex(ID_PATTERN, '编号格式不正确'),
          action: z.string().regex(/^[a-zA-Z]+$/, '操作名称不正确'),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await performAction(ctx, noticeWorkflow, actor, request.params.id, request.params.action, request.body);
      return service.getNotice(ctx, actor, request.params.id);
    },
  );
}
