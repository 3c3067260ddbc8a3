import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTENDANCE, CHECKIN_CODE_PATTERN, EVENT_STATES, SPEECH_KINDS, type EventStatus } from '@xieshang/shared';
import type { AppContext } from '../../platform/context.js';
import { actorOf, idParams, pageQuery } from '../../http/request.js';
import { ID_PATTERN } from '../../platform/ids.js';
import { DOCX_MIME, XLSX_MIME, sendDownload } from '../../platform/export/excel.js';
import { performAction } from '../../platform/workflow/engine.js';
import { notFound } from '../../platform/errors.js';
import * as service from './activities.service.js';
import * as exporter from './activities.export.js';
import * as reminders from './activities.reminders.js';
import { eventWorkflow, invitationWorkflow, recommendationWorkflow, reportWorkflow } from './activities.workflow.js';

const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const ids = z.array(id).max(500).default([]);
const date = z.iso.date();
const dateTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

const planEntryFields = {
  category: text(60),
  subcategory: text(60).nullable(),
  no: z.number().int().min(1).max(999),
  title: text(300),
  organizerCommitteeIds: z.array(id).max(500),
  organizerSectorIds: z.array(id).max(500),
  organizerDepartmentIds: z.array(id).max(500),
  organizerNames: z.array(text(60)).max(20),
  periodText: z.string().trim().max(60),
  periodFrom: date.nullable(),
  periodTo: date.nullable(),
};

const planEntryBody = z.strictObject({
  ...planEntryFields,
  year: z.number().int().min(2000).max(2100),
  subcategory: planEntryFields.subcategory.default(null),
  organizerCommitteeIds: ids,
  organizerSectorIds: ids,
  organizerDepartmentIds: ids,
  organizerNames: planEntryFields.organizerNames.default([]),
  periodText: planEntryFields.periodText.default(''),
  periodFrom: planEntryFields.periodFrom.default(null),
  periodTo: planEntryFields.periodTo.default(null),
});

const eventFields = {
  typeId: id,
  title: text(300),
  startsAt: dateTime,
  endsAt: dateTime,
  place: text(200),
  organizerCommitteeId: id.nullable().optional(),
  organizerDepartmentId: id.nullable().optional(),
  agenda: z.string().max(20000).optional(),
  capacity: z.number().int().min(1).max(5000).nullable().optional(),
  checkinOpensBefore: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  lateAfter: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  fileIds: z.array(id).max(20).optional(),
};

/** Paging without its defaults, because whether a caller asks for paging decides between a list and a calendar window. */
const optionalPaging = { page: pageQuery.page.unwrap().optional(), pageSize: pageQuery.pageSize.unwrap().optional() };
const defaultPaging = z.strictObject(pageQuery).parse({});

const actionParams = z.strictObject({ id, action: z.string().regex(/^[a-zA-Z]+$/, '操作名称不正确') });

function origin(request: { protocol: string; host: string }): string {
  return `${request.protocol}://${request.host}`;
}

export async function activitiesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];

  r.get('/api/v1/activities/types', { schema: { tags, summary: '活动类型' } }, async (request) => ({
    items: await service.listTypes(ctx, actorOf(request)),
  }));
  r.post(
    '/api/v1/activities/types',
    { schema: { tags, summary: '新增活动类型', body: z.strictObject({ name: text(60), parentId: id.nullable().default(null) }) } },
    async (request, reply) => reply.status(201).send(await service.createType(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/api/v1/activities/types/:id',
    {
      schema: {
        tags,
        summary: '修改活动类型',
        params: idParams,
        body: z.strictObject({
          name: text(60).optional(),
          active: z.union([z.literal(0), z.literal(1)]).optional(),
          sortOrder: z.number().int().min(0).max(9999).optional(),
        }),
      },
    },
    async (request) => service.updateType(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/v1/activities/plan',
    { schema: { tags, summary: '年度协商计划（按月）', querystring: z.strictObject({ year }) } },
    async (request) => service.yearPlan(ctx, actorOf(request), request.query.year),
  );
  r.get(
    '/api/v1/activities/plan/export.xlsx',
    { schema: { tags, summary: '导出年度协商计划（Excel）', querystring: z.strictObject({ year }) } },
    async (request, reply) => {
      const plan = await service.yearPlan(ctx, actorOf(request), request.query.year);
      return sendDownload(reply, `${plan.year}年度协商计划.xlsx`, XLSX_MIME, await exporter.planXlsx(plan));
    },
  );
  r.get(
    '/api/v1/activities/plan/export.docx',
    { schema: { tags, summary: '导出年度协商计划（Word）', querystring: z.strictObject({ year }) } },
    async (request, reply) => {
      const plan = await service.yearPlan(ctx, actorOf(request), request.query.year);
      return sendDownload(reply, `${plan.year}年度协商计划.docx`, DOCX_MIME, await exporter.planDocx(plan));
    },
  );
  r.post(
    '/api/v1/activities/plan-entries',
    { schema: { tags, summary: '新增年度计划条目', body: planEntryBody } },
    async (request, reply) => reply.status(201).send(await service.createPlanEntry(ctx, actorOf(request), request.body)),
  );
  r.patch(
    '/api/v1/activities/plan-entries/:id',
    { schema: { tags, summary: '修改年度计划条目', params: idParams, body: z.strictObject(planEntryFields).partial() } },
    async (request) => service.updatePlanEntry(ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/api/v1/activities/plan-entries/:id',
    { schema: { tags, summary: '删除年度计划条目', params: idParams } },
    async (request, reply) => {
      await service.deletePlanEntry(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/activities/events',
    {
      schema: {
        tags,
        summary:
          '活动列表与日历：分页（page、pageSize），今天及以后的活动按时间先后在前，之前的按时间倒序在后；只给 from 和 to、不给分页参数时为日历，返回该时段（不超过 62 天）的全部活动，按时间先后。可按类型、状态、标题、专委会筛选；mine=1 为我的活动',
        querystring: z.strictObject({
          from: dateTime.optional(),
          to: dateTime.optional(),
          typeId: id.optional(),
          committeeId: id.optional(),
          departmentId: id.optional(),
          planEntryId: id.optional(),
          status: z.enum(Object.keys(EVENT_STATES) as [EventStatus, ...EventStatus[]]).optional(),
          q: z.string().trim().max(100).optional(),
          mine: z.enum(['0', '1']).optional(),
          ...optionalPaging,
        }),
      },
    },
    async (request) => {
      const { mine, page, pageSize, q, ...filter } = request.query;
      return service.listEventsFor(
        ctx,
        actorOf(request),
        { ...filter, q: q || undefined, mine: mine === '1' },
        {
          page: page ?? defaultPaging.page,
          pageSize: pageSize ?? defaultPaging.pageSize,
          asked: page !== undefined || pageSize !== undefined,
        },
      );
    },
  );
  r.post(
    '/api/v1/activities/events',
    { schema: { tags, summary: '安排活动（草稿）', body: z.strictObject({ planEntryId: id.nullable().optional(), ...eventFields }) } },
    async (request, reply) => reply.status(201).send(await service.createEvent(ctx, actorOf(request), request.body)),
  );
  r.get('/api/v1/activities/events/:id', { schema: { tags, summary: '活动详情', params: idParams } }, async (request) =>
    service.getEvent(ctx, actorOf(request), request.params.id, origin(request)),
  );
  r.patch(
    '/api/v1/activities/events/:id',
    {
      schema: { tags, summary: '变更活动安排（已发布的通知全部受邀委员）', params: idParams, body: z.strictObject(eventFields).partial() },
    },
    async (request) => service.updateEvent(ctx, actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/activities/events/:id/actions/:action',
    { schema: { tags, summary: '活动流程操作（publish、cancel、finish、conclude）', params: actionParams } },
    async (request) => performAction(ctx, eventWorkflow, actorOf(request), request.params.id, request.params.action, request.body),
  );
  r.post(
    '/api/v1/activities/events/:id/invitees',
    {
      schema: {
        tags,
        summary: '邀请委员（按专委会、界别、街道活动小组、常委或姓名）',
        params: idParams,
        body: z.strictObject({
          committeeIds: ids,
          sectorIds: ids,
          streetGroupIds: ids,
          standingMembers: z.boolean().default(false),
          memberIds: ids,
        }),
      },
    },
    async (request) => service.addInvitees(ctx, actorOf(request), request.params.id, request.body),
  );
  r.delete(
    '/api/v1/activities/events/:id/invitees/:memberId',
    { schema: { tags, summary: '撤回邀请', params: z.strictObject({ id, memberId: id }) } },
    async (request, reply) => {
      await service.removeInvitee(ctx, actorOf(request), request.params.id, request.params.memberId);
      return reply.status(204).send();
    },
  );
  r.put(
    '/api/v1/activities/events/:id/attendance',
    {
      schema: {
        tags,
        summary: '组织者记录出勤（谁组织谁记录）',
        params: idParams,
        body: z.strictObject({
          memberId: id,
          attendance: z.enum(Object.keys(ATTENDANCE) as [keyof typeof ATTENDANCE, ...(keyof typeof ATTENDANCE)[]]),
        }),
      },
    },
    async (request) => {
      await service.markAttendance(ctx, actorOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );
  r.put(
    '/api/v1/activities/events/:id/minutes',
    { schema: { tags, summary: '会议纪要', params: idParams, body: z.strictObject({ minutes: z.string().max(100000) }) } },
    async (request) => {
      await service.setMinutes(ctx, actorOf(request), request.params.id, request.body.minutes);
      return { ok: true };
    },
  );
  r.post(
    '/api/v1/activities/events/:id/speeches',
    {
      schema: {
        tags,
        summary: '大会发言（口头或书面）',
        params: idParams,
        body: z.strictObject({
          memberId: id.optional(),
          kind: z.enum(Object.keys(SPEECH_KINDS) as ['oral', 'written']),
          title: text(300),
          body: z.string().max(50000).default(''),
          fileIds: z.array(id).max(10).default([]),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.addSpeech(ctx, actorOf(request), request.params.id, request.body)),
  );
  r.get(
    '/api/v1/activities/events/:id/signin-sheet.docx',
    { schema: { tags, summary: '签到表（Word）', params: idParams } },
    async (request, reply) => {
      const event = await service.getEvent(ctx, actorOf(request), request.params.id, origin(request));
      if (!event.organiser) throw notFound('签到表');
      return sendDownload(reply, `${event.title}签到表.docx`, DOCX_MIME, await exporter.signInSheetDocx(event, event.invitations));
    },
  );
  r.post(
    '/api/v1/activities/events/:id/report',
    {
      schema: {
        tags,
        summary: '起草成果报告',
        params: idParams,
        body: z.strictObject({
          title: text(300),
          summary: z.string().max(50000).default(''),
          recommendations: z.array(text(5000)).min(1).max(50),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await service.createReport(ctx, actorOf(request), request.params.id, request.body)),
  );

  r.post(
    '/api/v1/activities/checkin',
    {
      schema: {
        tags,
        summary: '委员凭签到码签到',
        body: z.strictObject({ checkinCode: z.string().trim().regex(CHECKIN_CODE_PATTERN, '应为 6 位数字') }),
      },
    },
    async (request) => service.checkIn(ctx, actorOf(request), request.body.checkinCode),
  );
  r.post(
    '/api/v1/activities/invitations/:id/actions/:action',
    { schema: { tags, summary: '回复邀请与请假审批（accept、requestLeave、approveLeave、rejectLeave）', params: actionParams } },
    async (request) => performAction(ctx, invitationWorkflow, actorOf(request), request.params.id, request.params.action, request.body),
  );

  r.patch(
    '/api/v1/activities/reports/:id',
    {
      schema: {
        tags,
        summary: '修改成果报告（起草中）',
        params: idParams,
        body: z.strictObject({
          title: text(300).optional(),
          summary: z.string().max(50000).optional(),
          recommendations: z.array(text(5000)).min(1).max(50).optional(),
        }),
      },
    },
    async (request) => {
      await service.updateReport(ctx, actorOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );
  r.post(
    '/api/v1/activities/reports/:id/actions/:action',
    { schema: { tags, summary: '成果报告流程（submit、approve、return、send）', params: actionParams } },
    async (request) => performAction(ctx, reportWorkflow, actorOf(request), request.params.id, request.params.action, request.body),
  );
  r.post(
    '/api/v1/activities/recommendations/:id/actions/:action',
    { schema: { tags, summary: '建议办理情况（respond、close）', params: actionParams } },
    async (request) => performAction(ctx, recommendationWorkflow, actorOf(request), request.params.id, request.params.action, request.body),
  );

  r.get('/api/v1/activities/reminder-settings', { schema: { tags, summary: '活动回复提醒设置' } }, async (request) =>
    reminders.getReminderSettingsFor(ctx, actorOf(request)),
  );
  r.put(
    '/api/v1/activities/reminder-settings',
    { schema: { tags, summary: '修改活动回复提醒设置（活动开始前几天提醒未回复的受邀委员）', body: reminders.reminderSettingsSchema } },
    async (request) => reminders.updateReminderSettings(ctx, actorOf(request), request.body),
  );

  r.get(
    '/api/v1/activities/stats',
    {
      schema: {
        tags,
        summary: '出勤统计（按活动、专委会、委员）',
        querystring: z.strictObject({ from: dateTime.optional(), to: dateTime.optional() }),
      },
    },
    async (request) => service.attendanceStats(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/v1/activities/rotations/:year',
    { schema: { tags, summary: '列席常委会会议安排', params: z.strictObject({ year }) } },
    async (request) => service.getRotation(ctx, actorOf(request), request.params.year),
  );
  r.post(
    '/api/v1/activities/rotations/:year/plan',
    { schema: { tags, summary: '生成列席安排（草稿）', params: z.strictObject({ year }) } },
    async (request) => service.createRotation(ctx, actorOf(request), request.params.year),
  );
  r.post(
    '/api/v1/activities/rotations/:year/swap',
    {
      schema: {
        tags,
        summary: '调换两位委员的列席会议',
        params: z.strictObject({ year }),
        body: z.strictObject({ memberA: id, memberB: id }),
      },
    },
    async (request) => service.swapRotation(ctx, actorOf(request), request.params.year, request.body),
  );
  r.post(
    '/api/v1/activities/rotations/:year/publish',
    { schema: { tags, summary: '发布列席安排并通知委员', params: z.strictObject({ year }) } },
    async (request) => service.publishRotation(ctx, actorOf(request), request.params.year),
  );
  r.get(
    '/api/v1/activities/rotations/:year/export.xlsx',
    { schema: { tags, summary: '导出列席安排（Excel）', params: z.strictObject({ year }) } },
    async (request, reply) => {
      const rotation = await service.getRotation(ctx, actorOf(request), request.params.year);
      return sendDownload(reply, `${request.params.year}年列席常委会会议安排.xlsx`, XLSX_MIME, await exporter.rotationXlsx(rotation));
    },
  );

  r.get('/api/v1/activities/calendar-token', { schema: { tags, summary: '我的日历订阅地址' } }, async (request) => {
    const token = await service.feedToken(ctx, actorOf(request), false);
    return { token, url: `${origin(request)}/api/v1/activities/calendar.ics?token=${token}` };
  });
  r.post('/api/v1/activities/calendar-token', { schema: { tags, summary: '重置日历订阅地址（旧地址失效）' } }, async (request) => {
    const token = await service.feedToken(ctx, actorOf(request), true);
    return { token, url: `${origin(request)}/api/v1/activities/calendar.ics?token=${token}` };
  });
  r.get(
    '/api/v1/activities/calendar.ics',
    {
      schema: {
        tags,
        summary: '日历订阅（ICS），凭订阅令牌或登录会话',
        querystring: z.strictObject({ token: z.string().min(16).max(100).optional() }),
      },
    },
    async (request, reply) => {
      const token = request.query.token ?? (await service.feedToken(ctx, actorOf(request), false));
      const events = await service.feedEvents(ctx, token);
      return reply.header('Content-Type', 'text/calendar; charset=utf-8').send(exporter.ics(events));
    },
  );
}
