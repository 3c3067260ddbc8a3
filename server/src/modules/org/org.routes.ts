import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORG_KINDS, ORG_KIND_LABELS } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { actorOf, idParams, pageQuery } from '../../http/request.js';
import { authorize } from '../../platform/permissions/actor.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { MAX_UPLOAD_BYTES } from '../../platform/files/file-store.js';
import { sendDownload, XLSX_MIME } from '../../platform/export/excel.js';
import { ORG } from './org.permissions.js';
import * as repo from './org.repo.js';
import * as org from './org.service.js';
import * as members from './members.service.js';

async function readUpload(request: FastifyRequest): Promise<{ data: Buffer; name: string }> {
  const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  if (!part) throw badRequest('请选择要上传的名册文件');
  const data = await part.toBuffer();
  if (part.file.truncated) throw new AppError(413, 'file_too_large', `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (data.length === 0) throw badRequest('文件是空的');
  return { data, name: part.filename.slice(0, 200) };
}

const today = () => new Date().toISOString().slice(0, 10);

export async function orgRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/org/structure',
    { schema: { tags: ['org'], summary: '组织机构（专委会、部门、界别、党派、街道活动小组、承办单位）' } },
    async (request) => {
      authorize(actorOf(request), ORG['org.read']);
      return repo.structure(ctx.db);
    },
  );

  for (const kind of ORG_KINDS) {
    const def = org.entityDef(kind);
    const label = ORG_KIND_LABELS[kind];
    const base = `/api/v1/org/${kind}`;
    r.get(
      base,
      {
        schema: {
          tags: ['org'],
          summary: `${label}列表`,
          querystring: z.strictObject({ q: z.string().trim().max(40).optional(), termId: z.string().max(40).optional() }),
        },
      },
      async (request) => {
        const items = await org.listOrgRecords(ctx, actorOf(request), kind, request.query);
        return { items, total: items.length };
      },
    );
    r.get(`${base}/export`, { schema: { tags: ['org'], summary: `导出${label}` } }, async (request, reply) =>
      sendDownload(reply, `${label}-${today()}.xlsx`, XLSX_MIME, await org.exportOrgRecords(ctx, actorOf(request), kind)),
    );
    r.get(`${base}/:id`, { schema: { tags: ['org'], summary: `${label}详情`, params: idParams } }, async (request) =>
      org.getOrgRecord(ctx, actorOf(request), kind, request.params.id),
    );
    r.post(base, { schema: { tags: ['org'], summary: `新增${label}`, body: def.schema } }, async (request, reply) =>
      reply.status(201).send(await org.createOrgRecord(ctx, actorOf(request), kind, request.body as Record<string, unknown>)),
    );
    r.patch(
      `${base}/:id`,
      { schema: { tags: ['org'], summary: `修改${label}`, params: idParams, body: def.schema.partial() } },
      async (request) => org.updateOrgRecord(ctx, actorOf(request), kind, request.params.id, request.body as Record<string, unknown>),
    );
    r.delete(`${base}/:id`, { schema: { tags: ['org'], summary: `删除${label}（仍被引用时拒绝）`, params: idParams } }, async (request) => {
      await org.deleteOrgRecord(ctx, actorOf(request), kind, request.params.id);
      return { ok: true };
    });
  }
  r.get(
    '/api/v1/org/committees/:id/members',
    { schema: { tags: ['org'], summary: '专委会组成人员', params: idParams } },
    async (request) => {
      const items = await members.committeeRoster(ctx, actorOf(request), request.params.id);
      return { items, total: items.length };
    },
  );

  const filterQuery = z.strictObject({ ...members.memberFilterSchema, ...pageQuery });
  r.get(
    '/api/v1/members',
    { schema: { tags: ['members'], summary: '委员名录（默认按姓氏笔画排序；个人信息脱敏）', querystring: filterQuery } },
    async (request) => members.listMembers(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/v1/members/export',
    { schema: { tags: ['members'], summary: '导出委员名册（Excel，记入审计）', querystring: z.strictObject(members.memberFilterSchema) } },
    async (request, reply) =>
      sendDownload(reply, `委员名册-${today()}.xlsx`, XLSX_MIME, await members.exportMembers(ctx, actorOf(request), request.query)),
  );
  r.get('/api/v1/members/import/template', { schema: { tags: ['members'], summary: '下载委员名册导入模板' } }, async (request, reply) => {
    authorize(actorOf(request), ORG['org.manage']);
    return sendDownload(reply, '委员名册导入模板.xlsx', XLSX_MIME, await members.rosterTemplate());
  });
  r.post(
    '/api/v1/members/import/preview',
    { schema: { tags: ['members'], summary: '委员名册导入预览：逐行逐列校验，不写入' } },
    async (request) => {
      const actor = actorOf(request);
      authorize(actor, ORG['org.manage']);
      const { data } = await readUpload(request);
      return members.previewRoster(ctx, actor, data);
    },
  );
  r.post(
    '/api/v1/members/import/confirm',
    { schema: { tags: ['members'], summary: '确认导入委员名册（全部无误才导入）' } },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, ORG['org.manage']);
      const { data, name } = await readUpload(request);
      return reply.status(201).send(await members.importRoster(ctx, actor, data, name));
    },
  );
  r.get('/api/v1/members/:id', { schema: { tags: ['members'], summary: '委员详情（个人信息脱敏）', params: idParams } }, async (request) =>
    members.getMember(ctx, actorOf(request), request.params.id),
  );
  r.post(
    '/api/v1/members',
    { schema: { tags: ['members'], summary: '新增委员', body: members.memberInputSchema } },
    async (request, reply) => reply.status(201).send(await members.createMember(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/api/v1/members/:id',
    { schema: { tags: ['members'], summary: '修改委员信息', params: idParams, body: members.memberUpdateSchema } },
    async (request) => members.updateMember(ctx, actorOf(request), request.params.id, request.body),
  );
  r.patch(
    '/api/v1/members/:id/contact',
    { schema: { tags: ['members'], summary: '修改联系方式（委员本人或工作人员）', params: idParams, body: members.contactSchema } },
    async (request) => members.updateContact(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/members/:id/reveal',
    { schema: { tags: ['members'], summary: '查看个人信息明文（记入审计）', params: idParams } },
    async (request) => members.revealPersonal(ctx, actorOf(request), request.params.id),
  );
  r.delete(
    '/api/v1/members/:id',
    { schema: { tags: ['members'], summary: '删除委员（已有账号或履职记录时拒绝）', params: idParams } },
    async (request) => {
      await members.deleteMember(ctx, actorOf(request), request.params.id);
      return { ok: true };
    },
  );
}
