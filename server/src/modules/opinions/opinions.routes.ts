import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPINION_STATES } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { actorOf, idParams, pageQuery } from '../../http/request.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { DOCX_MIME, XLSX_MIME, sendDownload } from '../../platform/export/excel.js';
import { registerAttachmentPolicy } from '../../platform/files/files.routes.js';
import * as service from './opinions.service.js';
import * as reports from './opinions.reports.js';
import { bulletinItemsSchema, bulletinSchema, createSchema, updateSchema } from './opinions.schema.js';
import { canSee, loadOpinion } from './opinions.repo.js';

const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const year = z.coerce.number().int().min(2000).max(2100);
const statusList = z
  .string()
  .max(200)
  .transform((v) => v.split(',').filter(Boolean))
  .refine((list) => list.every((s) => s in OPINION_STATES), '包含未知的状态');

export async function opinionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['opinions'];

  registerAttachmentPolicy('opinion_report', async (c, actor, objectId) => {
    const record = await loadOpinion(c.db, objectId);
    return Boolean(record && canSee(actor, record));
  });

  r.post('/api/v1/opinions', { schema: { tags, summary: '撰写社情民意信息（草稿）', body: createSchema } }, async (request, reply) => {
    const created = await service.createOpinion(ctx, actorOf(request), request.body);
    return reply.status(201).send({ id: created });
  });
  r.get(
    '/api/v1/opinions',
    {
      schema: {
        tags,
        summary: '社情民意信息列表（按本人可见范围）',
        querystring: z.strictObject({
          status: statusList.optional(),
          year: year.optional(),
          category: z.string().trim().max(50).optional(),
          q: z.string().trim().max(100).optional(),
          mine: flag.optional(),
          ...pageQuery,
        }),
      },
    },
    async (request) => service.listOpinions(ctx, actorOf(request), request.query),
  );
  r.get('/api/v1/opinions/meta', { schema: { tags, summary: '社情民意类别、层级、来源' } }, async (request) =>
    service.meta(ctx, actorOf(request)),
  );
  r.post(
    '/api/v1/opinions/categories',
    { schema: { tags, summary: '新增社情民意类别', body: z.strictObject({ name: z.string().trim().min(1).max(50) }) } },
    async (request, reply) => reply.status(201).send({ id: await service.addCategory(ctx, actorOf(request), request.body.name) }),
  );
  const statsQuery = z.strictObject({ year: year.optional() });
  r.get('/api/v1/opinions/stats', { schema: { tags, summary: '社情民意年度统计', querystring: statsQuery } }, async (request) =>
    reports.opinionStats(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/v1/opinions/stats.xlsx',
    { schema: { tags, summary: '导出社情民意年度统计（Excel）', querystring: statsQuery } },
    async (request, reply) =>
      sendDownload(reply, '社情民意统计.xlsx', XLSX_MIME, await reports.statsXlsx(ctx, actorOf(request), request.query)),
  );

  r.get(
    '/api/v1/opinions/bulletins',
    { schema: { tags, summary: '《社情民意》专刊列表', querystring: z.strictObject({ year: year.optional(), ...pageQuery }) } },
    async (request) => service.listBulletins(ctx, actorOf(request), request.query),
  );
  r.post('/api/v1/opinions/bulletins', { schema: { tags, summary: '新建一期专刊', body: bulletinSchema } }, async (request, reply) =>
    reply.status(201).send({ id: await service.createBulletin(ctx, actorOf(request), request.body) }),
  );
  r.get('/api/v1/opinions/bulletins/:id', { schema: { tags, summary: '一期专刊及其信息', params: idParams } }, async (request) =>
    service.getBulletin(ctx, actorOf(request), request.params.id),
  );
  r.put(
    '/api/v1/opinions/bulletins/:id/items',
    { schema: { tags, summary: '设置专刊收录的信息（按顺序）', params: idParams, body: bulletinItemsSchema } },
    async (request) => service.setBulletinItems(ctx, actorOf(request), request.params.id, request.body.reportIds),
  );
  r.post(
    '/api/v1/opinions/bulletins/:id/publish',
    { schema: { tags, summary: '印发专刊（此后只读）', params: idParams, body: z.strictObject({}) } },
    async (request) => service.publishBulletin(ctx, actorOf(request), request.params.id),
  );
  r.get(
    '/api/v1/opinions/bulletins/:id/docx',
    { schema: { tags, summary: '导出专刊（Word）', params: idParams } },
    async (request, reply) => {
      const file = await reports.bulletinDocx(ctx, actorOf(request), request.params.id);
      return sendDownload(reply, file.name, DOCX_MIME, file.data);
    },
  );

  r.get(
    '/api/v1/opinions/:id',
    { schema: { tags, summary: '社情民意信息详情（含原稿、编辑稿、时间线、可执行操作）', params: idParams } },
    async (request) => service.getOpinion(ctx, actorOf(request), request.params.id),
  );
  r.patch(
    '/api/v1/opinions/:id',
    { schema: { tags, summary: '修改草稿或退回的社情民意信息', params: idParams, body: updateSchema } },
    async (request) => {
      await service.updateOpinion(ctx, actorOf(request), request.params.id, request.body);
      return service.getOpinion(ctx, actorOf(request), request.params.id);
    },
  );
  r.post(
    '/api/v1/opinions/:id/actions/:action',
    { schema: { tags, summary: '社情民意流程操作', params: z.strictObject({ id, action: z.string().max(40) }), body: z.unknown() } },
    async (request) => {
      const actor = actorOf(request);
      await service.performOpinionAction(ctx, actor, request.params.id, request.params.action, request.body);
      return service.getOpinion(ctx, actor, request.params.id);
    },
  );
}
