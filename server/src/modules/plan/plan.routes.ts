import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeIssues } from '@xieshang/shared';
import { actorOf, idParams } from '../../http/request.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, badRequest, invalid } from '../../platform/errors.js';
import { DOCX_MIME, sendDownload, XLSX_MIME } from '../../platform/export/excel.js';
import { MAX_UPLOAD_BYTES } from '../../platform/files/file-store.js';
import { registerAttachmentPolicy } from '../../platform/files/files.routes.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { performAction } from '../../platform/workflow/engine.js';
import { importConfirmBody, importPreviewBody, itemListQuery, planListQuery, reminderSettingsSchema } from './plan.schema.js';
import * as service from './plan.service.js';
import { planItemWorkflow, planWorkflow } from './plan.workflow.js';

const actionParams = z.strictObject({
  id: z.string().regex(ID_PATTERN, '编号格式不正确'),
  action: z.string().regex(/^[a-z_]{1,40}$/, '操作名称不正确'),
});

export async function planRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerAttachmentPolicy('plan_progress', (c, actor, reportId) => service.canReadProgressAttachment(c, actor, reportId));

  r.get('/api/v1/plans', { schema: { tags: ['plan'], summary: '工作要点（按年度）', querystring: planListQuery } }, async (request) =>
    service.listPlans(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/v1/plans/import/preview',
    { schema: { tags: ['plan'], summary: '预览导入工作要点（上传 .txt/.docx，或 JSON {text}）' } },
    async (request) => {
      const actor = actorOf(request);
      if (request.isMultipart()) {
        const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
        if (!part) throw badRequest('请选择要导入的工作要点文件');
        const buffer = await part.toBuffer();
        if (part.file.truncated) throw new AppError(413, 'file_too_large', `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
        if (buffer.length === 0) throw badRequest('文件是空的');
        return { ...(await service.previewImport(ctx, actor, { buffer, filename: part.filename })), sourceFileName: part.filename };
      }
      const body = importPreviewBody.safeParse(request.body ?? {});
      if (!body.success) throw invalid(describeIssues(body.error.issues, '请求内容'));
      return { ...(await service.previewImport(ctx, actor, body.data)), sourceFileName: null };
    },
  );

  r.post(
    '/api/v1/plans/import/confirm',
    { schema: { tags: ['plan'], summary: '确认导入工作要点', body: importConfirmBody } },
    async (request, reply) => reply.status(201).send(await service.confirmImport(ctx, actorOf(request), request.body)),
  );

  r.get('/api/v1/plans/:id', { schema: { tags: ['plan'], summary: '工作要点（分部分列出条目）', params: idParams } }, async (request) =>
    service.getPlan(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/v1/plans/:id/actions/:action',
    { schema: { tags: ['plan'], summary: '工作要点的操作（生效、归档）', params: actionParams } },
    async (request) => {
      const actor = actorOf(request);
      await performAction(ctx, planWorkflow, actor, request.params.id, request.params.action, request.body);
      return service.getPlan(ctx, actor, request.params.id);
    },
  );

  r.get('/api/v1/plans/:id/dashboard', { schema: { tags: ['plan'], summary: '工作要点落实情况统计', params: idParams } }, async (request) =>
    service.planDashboard(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/v1/plans/:id/ledger.xlsx',
    { schema: { tags: ['plan'], summary: '导出督办台账（Excel）', params: idParams } },
    async (request, reply) => {
      const file = await service.planLedger(ctx, actorOf(request), request.params.id);
      return sendDownload(reply, file.filename, XLSX_MIME, file.data);
    },
  );

  r.get(
    '/api/v1/plans/:id/document.docx',
    { schema: { tags: ['plan'], summary: '导出工作要点（Word）', params: idParams } },
    async (request, reply) => {
      const file = await service.planDocument(ctx, actorOf(request), request.params.id);
      return sendDownload(reply, file.filename, DOCX_MIME, file.data);
    },
  );

  r.post(
    '/api/v1/plans/:id/carry-over',
    { schema: { tags: ['plan'], summary: '将未完成条目结转为下一年度工作要点草稿', params: idParams } },
    async (request, reply) => reply.status(201).send(await service.carryOver(ctx, actorOf(request), request.params.id)),
  );

  r.get(
    '/api/v1/plan-items',
    { schema: { tags: ['plan'], summary: '工作要点条目（按部分、领导、部门、月份、状态、逾期筛选）', querystring: itemListQuery } },
    async (request) => service.listItems(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/v1/plan-items/:id',
    { schema: { tags: ['plan'], summary: '工作要点条目详情（含可执行操作、进展、督办意见、历程）', params: idParams } },
    async (request) => service.getItem(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/v1/plan-items/:id/actions/:action',
    { schema: { tags: ['plan'], summary: '工作要点条目的操作', params: actionParams } },
    async (request) => {
      const actor = actorOf(request);
      await performAction(ctx, planItemWorkflow, actor, request.params.id, request.params.action, request.body);
      return service.getItem(ctx, actor, request.params.id);
    },
  );

  r.get('/api/v1/plan-settings/reminders', { schema: { tags: ['plan'], summary: '工作要点提醒设置' } }, async (request) =>
    service.getReminderSettingsFor(ctx, actorOf(request)),
  );

  r.put(
    '/api/v1/plan-settings/reminders',
    { schema: { tags: ['plan'], summary: '修改工作要点提醒设置', body: reminderSettingsSchema } },
    async (request) => service.updateReminderSettings(ctx, actorOf(request), request.body),
  );
}
