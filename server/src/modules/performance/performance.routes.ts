import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTRY_STATES, FACT_KIND_CODES, MANUAL_FACT_KIND_CODES } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { actorOf, idParams, pageQuery } from '../../http/request.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { XLSX_MIME, sendDownload } from '../../platform/export/excel.js';
import { performAction } from '../../platform/workflow/engine.js';
import * as service from './performance.service.js';
import { entryWorkflow } from './performance.workflow.js';

const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const year = z.coerce.number().int().min(2000).max(2100);
const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const selection = {
  year: year.default(thisYear),
  sectorId: id.optional(),
  committeeId: id.optional(),
};

export async function performanceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['performance'];

  r.get('/api/v1/performance/rules', { schema: { tags, summary: '积分规则与达标分数线' } }, async (request) =>
    service.listRules(ctx, actorOf(request)),
  );
  r.put(
    '/api/v1/performance/rules/:kind',
    {
      schema: {
        tags,
        summary: '修改一项积分规则',
        params: z.strictObject({ kind: z.enum(FACT_KIND_CODES, '没有这一积分项') }),
        body: z.strictObject({
          points: z.number().int().min(-100).max(100),
          cap: z.number().int().min(0).max(10000).nullable(),
        }),
      },
    },
    async (request) => service.updateRule(ctx, actorOf(request), request.params.kind, request.body),
  );
  r.put(
    '/api/v1/performance/settings',
    { schema: { tags, summary: '修改达标分数线', body: service.performanceSettingsSchema } },
    async (request) => service.saveSettings(ctx, actorOf(request), request.body),
  );

  r.get(
    '/api/v1/performance/members/:id/record',
    { schema: { tags, summary: '委员年度履职档案', params: idParams, querystring: z.strictObject({ year: year.default(thisYear) }) } },
    async (request) => service.memberRecord(ctx, actorOf(request), request.params.id, request.query.year),
  );

  const evaluationQuery = z.strictObject({
    ...selection,
    belowOnly: z.coerce.number().int().min(0).max(1).optional(),
    order: z.enum(['desc', 'asc']).default('desc'),
    ...pageQuery,
  });
  r.get(
    '/api/v1/performance/evaluation',
    { schema: { tags, summary: '委员履职评价（全体）', querystring: evaluationQuery } },
    async (request) => service.evaluation(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/v1/performance/evaluation/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出履职评价（Excel）',
        querystring: evaluationQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const data = await service.evaluationXlsx(ctx, actorOf(request), request.query);
      return sendDownload(reply, `${request.query.year}年度委员履职评价.xlsx`, XLSX_MIME, data);
    },
  );
  r.post(
    '/api/v1/performance/evaluation/remind',
    { schema: { tags, summary: '向未达标委员发送履职提醒', body: z.strictObject(selection) } },
    async (request) => service.remindBelowThreshold(ctx, actorOf(request), request.body),
  );

  r.get(
    '/api/v1/performance/entries',
    {
      schema: {
        tags,
        summary: '履职登记与申报',
        querystring: z.strictObject({
          year: year.optional(),
          status: z.enum(Object.keys(ENTRY_STATES) as [keyof typeof ENTRY_STATES]).optional(),
          memberId: id.optional(),
          ...pageQuery,
        }),
      },
    },
    async (request) => service.listEntries(ctx, actorOf(request), request.query),
  );
  r.post(
    '/api/v1/performance/entries',
    {
      schema: {
        tags,
        summary: '登记（干部）或申报（委员本人）一项履职',
        body: z.strictObject({
          memberId: id.optional(),
          kind: z.enum(MANUAL_FACT_KIND_CODES),
          date: z.iso.date(),
          description: z.string().trim().min(2).max(2000),
          points: z.number().int().min(0).max(1000),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.createEntry(ctx, actorOf(request), request.body)),
  );
  r.get('/api/v1/performance/entries/:id', { schema: { tags, summary: '一项履职申报', params: idParams } }, async (request) =>
    service.getEntry(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/api/v1/performance/entries/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '认定、不予认定或撤回履职申报',
        params: z.strictObject({ id, action: z.string().regex(/^[a-zA-Z]+$/, '操作名称不正确') }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await performAction(ctx, entryWorkflow, actor, request.params.id, request.params.action, request.body);
      service.entryChanged(ctx);
      return service.getEntry(ctx, actor, request.params.id);
    },
  );
}
