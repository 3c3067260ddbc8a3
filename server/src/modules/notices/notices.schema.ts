import { z } from 'zod';
import { NOTICE_BODY_MAX, NOTICE_GROUPS, NOTICE_KINDS, NOTICE_SOURCE_MAX, NOTICE_STATES, NOTICE_TITLE_MAX } from '@xieshang/shared';
import { ID_PATTERN } from '../../platform/ids.js';
import { pageQuery } from '../../http/request.js';

const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const kind = z.enum(Object.keys(NOTICE_KINDS) as [keyof typeof NOTICE_KINDS], '请选择通知、工作通报或信息发布');

export const audienceSchema = z.strictObject({
  groups: z.array(z.enum(Object.keys(NOTICE_GROUPS) as [keyof typeof NOTICE_GROUPS], '没有这一类接收人')).max(4),
  committeeIds: z.array(id).max(50),
});

export const createSchema = z.strictObject({
  kind,
  title: z.string().trim().min(2).max(NOTICE_TITLE_MAX),
  source: z.string().trim().max(NOTICE_SOURCE_MAX).nullable().optional(),
  body: z.string().trim().min(2).max(NOTICE_BODY_MAX),
  /** The publishing department; may be left out by staff of one department. */
  departmentId: id.optional(),
  audience: audienceSchema,
});
export type CreateInput = z.infer<typeof createSchema>;

export const updateSchema = createSchema.partial();
export type UpdateInput = z.infer<typeof updateSchema>;

export const receivedQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  kind: kind.optional(),
  ...pageQuery,
});

export const managedQuery = z.strictObject({
  status: z.enum(Object.keys(NOTICE_STATES) as [keyof typeof NOTICE_STATES]).optional(),
  kind: kind.optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});

export const recipientsQuery = z.strictObject({ read: z.enum(['read', 'unread']).optional(), ...pageQuery });
