import { z } from 'zod';
import { ASSIGNMENT_ROLES, CONVERT_TARGETS, DECLINE_GROUNDS, PROPOSAL_SUBJECT_MAX, REPLY_CLASSES, SATISFACTION } from '@xieshang/shared';
import { ID_PATTERN } from '../../platform/ids.js';

const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date();
const comment = z.string().trim().max(2000).optional();

export const bodySchema = z.strictObject({ situation: text(20000), analysis: text(20000), suggestions: text(20000) });

export const createSchema = z.strictObject({
  subject: text(PROPOSAL_SUBJECT_MAX),
  body: bodySchema,
  kind: z.enum(['individual', 'joint', 'collective']),
  coSignerIds: z.array(id).max(50).optional(),
  category: z.string().trim().max(50).optional(),
  session: z.enum(['plenary', 'interim']).optional(),
  plenaryId: id.optional(),
  collectiveOrgType: z.enum(['party', 'sector', 'committee']).optional(),
  collectiveOrgId: id.optional(),
  fileIds: z.array(id).max(20).optional(),
});
export type CreateInput = z.infer<typeof createSchema>;

export const updateSchema = createSchema.partial();
export type UpdateInput = z.infer<typeof updateSchema>;

export const confirmSchema = z.strictObject({ comment });
export const registerSchema = z.strictObject({ category: z.string().trim().max(50).optional(), comment });
export const declineSchema = z.strictObject({
  ground: z.enum(DECLINE_GROUNDS as unknown as [string, ...string[]]),
  comment: text(2000),
});
export const mergeSchema = z.strictObject({ targetId: id, comment });
export const returnSchema = z.strictObject({ comment: text(2000) });
export const convertSchema = z.strictObject({
  convertTo: z.enum(Object.keys(CONVERT_TARGETS) as [keyof typeof CONVERT_TARGETS]),
  link: z.string().trim().max(500).optional(),
  comment,
});
export const assignmentsSchema = z
  .array(z.strictObject({ unitId: id, role: z.enum(Object.keys(ASSIGNMENT_ROLES) as [keyof typeof ASSIGNMENT_ROLES]) }))
  .min(1)
  .max(20);
export const assignSchema = z.strictObject({ assignments: assignmentsSchema, dueDate: date.optional(), comment });
export const objectSchema = z.strictObject({ reason: text(2000) });
export const keepSchema = z.strictObject({ comment: text(2000) });
export const adviseSchema = z.strictObject({ body: text(20000) });
export const replySchema = z.strictObject({
  classification: z.enum(Object.keys(REPLY_CLASSES) as [keyof typeof REPLY_CLASSES]),
  body: text(50000),
  fileIds: z.array(id).max(20).optional(),
  comment,
});
export const reviewSchema = z.strictObject({ approve: z.boolean(), comment });
export const evaluateSchema = z.strictObject({
  satisfaction: z.enum(Object.keys(SATISFACTION) as [keyof typeof SATISFACTION]),
  comment,
});
export const rehandleSchema = z.strictObject({ dueDate: date.optional(), comment });
export const closeSchema = z.strictObject({ comment });
