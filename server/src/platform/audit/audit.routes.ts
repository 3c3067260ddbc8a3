import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf, pageQuery } from '../../http/request.js';
import { exportAudit, listAudit, verifyAudit } from './audit.service.js';
import { sendDownload, XLSX_MIME } from '../export/excel.js';

const filterSchema = z.strictObject({
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
  username: z.string().max(64).optional(),
  action: z.string().max(80).optional(),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(40).optional(),
  result: z.enum(['success', 'failure', 'denied']).optional(),
  ...pageQuery,
});

export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit', { schema: { tags: ['audit'], summary: '审计日志', querystring: filterSchema } }, async (request) =>
    listAudit(ctx.db, actorOf(request), request.query),
  );
  r.get('/api/v1/audit/verify', { schema: { tags: ['audit'], summary: '校验审计日志哈希链' } }, async (request) =>
    verifyAudit(ctx.db, actorOf(request)),
  );
  r.get(
    '/api/v1/audit/export',
    { schema: { tags: ['audit'], summary: '导出审计日志（Excel）', querystring: filterSchema } },
    async (request, reply) => {
      const data = await exportAudit(ctx, actorOf(request), request.query);
      return sendDownload(reply, '审计日志.xlsx', XLSX_MIME, data);
    },
  );
}
