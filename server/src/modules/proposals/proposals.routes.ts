import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROPOSAL_STATES } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { actorOf, idParams, pageQuery } from '../../http/request.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { DOCX_MIME, XLSX_MIME, sendDownload } from '../../platform/export/excel.js';
import { registerAttachmentPolicy } from '../../platform/files/files.routes.js';
import * as service from './proposals.service.js';
import * as reports from './proposals.reports.js';
import { getPublicProposal, listPublicProposals } from './proposals.public.js';
import { createSchema, updateSchema } from './proposals.schema.js';
import { proposalSettingsSchema } from './proposals.settings.js';
import { loadProposal, canSee, proposalOfReply } from './proposals.repo.js';

const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const statusList = z
  .string()
  .max(400)
  .transform((v) => v.split(',').filter(Boolean))
  .refine((list) => list.every((s) => s in PROPOSAL_STATES), '包含未知的状态');

const filterQuery = {
  status: statusList.optional(),
  termId: id.optional(),
  category: z.string().max(50).optional(),
  unitId: id.optional(),
  kind: z.enum(['individual', 'joint', 'collective']).optional(),
  isKey: flag.optional(),
  keyYear: z.coerce.number().int().min(1949).max(2100).optional(),
  isExcellent: flag.optional(),
  mine: flag.optional(),
  overdue: flag.optional(),
  q: z.string().trim().max(100).optional(),
};
const statsQuery = z.strictObject({ termId: id.optional(), year: z.coerce.number().int().min(1949).max(2100).optional() });

export async function proposalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['proposals'];

  registerAttachmentPolicy('proposal', async (c, actor, objectId) => {
    const record = await loadProposal(c.db, objectId);
    return Boolean(record && canSee(actor, record));
  });
  registerAttachmentPolicy('proposal_reply', async (c, actor, objectId) => {
    const reply = await proposalOfReply(c.db, objectId);
    const record = reply && (await loadProposal(c.db, reply.proposalId));
    return Boolean(record && canSee(actor, record));
  });

  r.post('/api/v1/proposals', { schema: { tags, summary: '撰写提案（草稿）', body: createSchema } }, async (request, reply) => {
    const newId = await service.createProposal(ctx, actorOf(request), request.body);
    return reply.status(201).send({ id: newId });
  });
  r.get(
    '/api/v1/proposals',
    { schema: { tags, summary: '提案列表（按本人可见范围）', querystring: z.strictObject({ ...filterQuery, ...pageQuery }) } },
    async (request) => service.listProposals(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/v1/proposals/similar',
    {
      schema: {
        tags,
        summary: '相似提案（同届次）',
        querystring: z.strictObject({
          subject: z.string().trim().min(1).max(200),
          body: z.string().max(20000).optional(),
          termId: id.optional(),
          excludeId: id.optional(),
        }),
      },
    },
    async (request) => service.similarProposals(ctx, actorOf(request), request.query),
  );
  r.get('/api/v1/proposals/meta', { schema: { tags, summary: '提案类别、不予立案理由、设置、承办单位' } }, async (request) =>
    service.meta(ctx, actorOf(request)),
  );
  r.put('/api/v1/proposals/settings', { schema: { tags, summary: '修改提案工作设置', body: proposalSettingsSchema } }, async (request) => {
    await service.saveSettings(ctx, actorOf(request), request.body);
    return { ok: true };
  });
  r.post(
    '/api/v1/proposals/categories',
    { schema: { tags, summary: '新增提案类别', body: z.strictObject({ name: z.string().trim().min(1).max(50) }) } },
    async (request, reply) => {
      const created = await service.addCategory(ctx, actorOf(request), request.body.name);
      return reply.status(201).send({ id: created });
    },
  );
  r.get(
    '/api/v1/proposals/member-options',
    { schema: { tags, summary: '选择联名人', querystring: z.strictObject({ q: z.string().trim().max(40).default('') }) } },
    async (request) => service.memberOptions(ctx, actorOf(request), request.query.q),
  );
  r.get('/api/v1/proposals/stats', { schema: { tags, summary: '提案统计', querystring: statsQuery } }, async (request) =>
    reports.proposalStats(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/v1/proposals/stats.xlsx',
    { schema: { tags, summary: '导出提案统计（Excel）', querystring: statsQuery } },
    async (request, reply) =>
      sendDownload(reply, '提案统计.xlsx', XLSX_MIME, await reports.statsXlsx(ctx, actorOf(request), request.query)),
  );
  r.get(
    '/api/v1/proposals/export.xlsx',
    { schema: { tags, summary: '导出提案列表（Excel）', querystring: z.strictObject(filterQuery) } },
    async (request, reply) => sendDownload(reply, '提案列表.xlsx', XLSX_MIME, await reports.listXlsx(ctx, actorOf(request), request.query)),
  );
  r.get(
    '/api/v1/proposals/compilation.docx',
    {
      schema: {
        tags,
        summary: '提案汇编（Word）',
        querystring: z.strictObject({
          termId: id.optional(),
          plenaryId: id.optional(),
          session: z.enum(['plenary', 'interim']).optional(),
        }),
      },
    },
    async (request, reply) => {
      const file = await reports.compilationDocx(ctx, actorOf(request), request.query);
      return sendDownload(reply, file.name, DOCX_MIME, file.data);
    },
  );
  r.get(
    '/api/v1/proposals/:id',
    { schema: { tags, summary: '提案详情（含状态、时间线、可执行操作）', params: idParams } },
    async (request) => service.getProposal(ctx, actorOf(request), request.params.id),
  );
  r.get('/api/v1/proposals/:id/docx', { schema: { tags, summary: '导出提案（Word）', params: idParams } }, async (request, reply) => {
    const file = await reports.proposalDocx(ctx, actorOf(request), request.params.id);
    return sendDownload(reply, file.name, DOCX_MIME, file.data);
  });
  r.patch(
    '/api/v1/proposals/:id',
    { schema: { tags, summary: '修改草稿或退回的提案', params: idParams, body: updateSchema } },
    async (request) => {
      await service.updateProposal(ctx, actorOf(request), request.params.id, request.body);
      return service.getProposal(ctx, actorOf(request), request.params.id);
    },
  );
  r.post(
    '/api/v1/proposals/:id/actions/:action',
    { schema: { tags, summary: '提案流程操作', params: z.strictObject({ id, action: z.string().max(40) }), body: z.unknown() } },
    async (request) => {
      const actor = actorOf(request);
      const record = await service.performProposalAction(ctx, actor, request.params.id, request.params.action, request.body);
      // A co-signer who refused no longer sees the proposal: answer with the outcome only.
      if (!canSee(actor, record))
        return {
          id: record.id,
          status: record.status,
          statusLabel: PROPOSAL_STATES[record.status as keyof typeof PROPOSAL_STATES],
          allowedActions: [],
        };
      return service.getProposal(ctx, actor, request.params.id);
    },
  );
  r.put(
    '/api/v1/proposals/:id/key',
    {
      schema: {
        tags,
        summary: '确定或取消重点提案',
        params: idParams,
        body: z.strictObject({
          isKey: z.boolean(),
          year: z.number().int().min(1949).max(2100).optional(),
          supervisorMemberId: id.nullable().optional(),
        }),
      },
    },
    async (request) => {
      await service.setKey(ctx, actorOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );
  r.put(
    '/api/v1/proposals/:id/excellent',
    {
      schema: {
        tags,
        summary: '评选或取消优秀提案',
        params: idParams,
        body: z.strictObject({ isExcellent: z.boolean(), year: z.number().int().min(1949).max(2100).optional() }),
      },
    },
    async (request) => {
      await service.setExcellent(ctx, actorOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );
  r.put(
    '/api/v1/proposals/:id/publication',
    { schema: { tags, summary: '设置是否公开', params: idParams, body: z.strictObject({ isPublic: z.boolean() }) } },
    async (request) => {
      await service.setPublic(ctx, actorOf(request), request.params.id, request.body.isPublic);
      return { ok: true };
    },
  );
  r.post(
    '/api/v1/proposals/:id/supervisions',
    {
      schema: {
        tags,
        summary: '记录重点提案督办情况',
        params: idParams,
        body: z.strictObject({ kind: z.enum(['meeting', 'note']), date: z.iso.date(), content: z.string().trim().min(1).max(10000) }),
      },
    },
    async (request, reply) => {
      const created = await service.addSupervision(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ id: created });
    },
  );

  r.get(
    '/api/v1/public/proposals',
    {
      schema: {
        tags: ['public'],
        summary: '公开的提案（无需登录）',
        querystring: z.strictObject({
          q: z.string().trim().max(100).optional(),
          category: z.string().max(50).optional(),
          termId: id.optional(),
          ...pageQuery,
        }),
      },
    },
    async (request) => listPublicProposals(ctx, request.query),
  );
  r.get(
    '/api/v1/public/proposals/:id',
    { schema: { tags: ['public'], summary: '公开的提案详情与答复（无需登录）', params: idParams } },
    async (request) => getPublicProposal(ctx, request.params.id),
  );

  // The public portal: its own small page (no staff app, no login), served wherever the web app is built.
  const publicHtml = path.join(ctx.config.webDist, 'public.html');
  const servePortal = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    if (!fs.existsSync(publicHtml)) return reply.status(404).send({ error: { code: 'not_found', message: '公开门户尚未构建' } });
    return reply.type('text/html').header('Cache-Control', 'no-cache').send(fs.readFileSync(publicHtml));
  };
  app.get('/public', { schema: { hide: true } }, servePortal);
  app.get('/public/*', { schema: { hide: true } }, servePortal);
}
