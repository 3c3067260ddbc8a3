import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Executor } from '../../db/schema.js';
import { atPage } from '../../db/paging.js';
import { actorOf, pageQuery } from '../../http/request.js';
import { authorize, type Actor } from '../permissions/actor.js';
import { PLATFORM } from '../permissions/catalog.js';
import { recordAudit, verifyAuditChain } from './audit.service.js';
import { sendDownload, toXlsx, XLSX_MIME } from '../export/excel.js';
import { formatShanghai } from '../time.js';

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
type AuditFilter = z.infer<typeof filterSchema>;

function filtered(db: Executor, f: AuditFilter) {
  let q = db.selectFrom('auditLog');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
  if (f.username) q = q.where('username', '=', f.username);
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.objectType) q = q.where('objectType', '=', f.objectType);
  if (f.objectId) q = q.where('objectId', '=', f.objectId);
  if (f.result) q = q.where('result', '=', f.result);
  return q;
}

export async function listAudit(db: Executor, actor: Actor, f: AuditFilter) {
  authorize(actor, PLATFORM['audit.read']);
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = await atPage(filtered(db, f).selectAll().orderBy('seq', 'desc'), f.pageSize, (f.page - 1) * f.pageSize).execute();
  return { total: Number(total.n), items };
}

export async function auditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit', { schema: { tags: ['audit'], summary: '审计日志', querystring: filterSchema } }, async (request) =>
    listAudit(ctx.db, actorOf(request), request.query),
  );
  r.get('/api/v1/audit/verify', { schema: { tags: ['audit'], summary: '校验审计日志哈希链' } }, async (request) => {
    authorize(actorOf(request), PLATFORM['audit.read']);
    return verifyAuditChain(ctx.db);
  });
  r.get(
    '/api/v1/audit/export',
    { schema: { tags: ['audit'], summary: '导出审计日志（Excel）', querystring: filterSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { items } = await listAudit(ctx.db, actor, { ...request.query, page: 1, pageSize: 100000 });
      const data = await toXlsx(
        '审计日志',
        [
          { header: '序号', value: (row) => row.seq, width: 8 },
          { header: '时间', value: (row) => formatShanghai(row.at), width: 20 },
          { header: '用户', value: (row) => row.username },
          { header: '角色', value: (row) => row.role },
          { header: 'IP', value: (row) => row.ip },
          { header: '操作', value: (row) => row.action, width: 24 },
          { header: '对象类型', value: (row) => row.objectType },
          { header: '对象', value: (row) => row.objectId, width: 38 },
          { header: '结果', value: (row) => row.result },
          { header: '请求', value: (row) => row.requestId },
          { header: '详情', value: (row) => row.details, width: 40 },
        ],
        items,
      );
      await ctx.db
        .transaction()
        .execute((trx) => recordAudit(trx, ctx.dialect, actor, { action: 'audit.export', details: { rows: items.length } }));
      return sendDownload(reply, '审计日志.xlsx', XLSX_MIME, data);
    },
  );
}
