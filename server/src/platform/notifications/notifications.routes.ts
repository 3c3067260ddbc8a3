import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { writeWithAudit } from '../context.js';
import { actorOf } from '../../http/request.js';
import { authorize } from '../permissions/actor.js';
import { PLATFORM } from '../permissions/catalog.js';
import { listTodos } from '../workflow/engine.js';
import { listNotifications, markNotificationsRead } from './notifications.service.js';

export async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notices'],
        summary: '我的通知',
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, PLATFORM['notice.read']);
      return listNotifications(ctx.db, actor, { unreadOnly: request.query.unread === 'true', limit: request.query.limit });
    },
  );
  r.post(
    '/api/v1/notifications/read',
    {
      schema: {
        tags: ['notices'],
        summary: '标记已读',
        body: z.strictObject({ ids: z.union([z.array(z.string().max(40)).max(500), z.literal('all')]) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, PLATFORM['notice.read']);
      const updated = await writeWithAudit(
        ctx,
        actor,
        (trx) => markNotificationsRead(trx, actor, request.body.ids),
        (n) => ({
          action: 'notification.read',
          objectType: 'notification',
          details: { count: n },
        }),
      );
      return { updated };
    },
  );
  r.get('/api/v1/todos', { schema: { tags: ['notices'], summary: '我的待办' } }, async (request) => {
    const actor = actorOf(request);
    return { items: await listTodos(ctx.db, actor) };
  });
}
