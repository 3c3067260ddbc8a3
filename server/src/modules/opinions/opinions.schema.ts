import { z } from 'zod';
import { OPINION_LEVELS, OPINION_SOURCES, OPINION_TITLE_MAX } from '@xieshang/shared';
import { ID_PATTERN } from '../../platform/ids.js';

const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.iso.date();
const comment = z.string().trim().max(2000).optional();
const level = z.enum(Object.keys(OPINION_LEVELS) as [keyof typeof OPINION_LEVELS]);

export const bodySchema = z.strictObject({ situation: text(20000), analysis: text(20000), suggestions: text(20000) });

export const createSchema = z.strictObject({
  title: text(OPINION_TITLE_MAX),
  body: bodySchema,
  category: text(50),
  coAuthorIds: z.array(id).max(20).optional(),
  fileIds: z.array(id).max(20).optional(),
  /** Staff of the opinions office record reports for a party, sector or informant (特约信息员). */
  source: z.enum(Object.keys(OPINION_SOURCES) as [keyof typeof OPINION_SOURCES]).optional(),
  sourceOrgId: id.optional(),
  sourceName: text(50).optional(),
});
export type CreateInput = z.infer<typeof createSchema>;

export const updateSchema = z.strictObject({
  title: text(OPINION_TITLE_MAX).optional(),
  body: bodySchema.optional(),
  category: text(50).optional(),
  coAuthorIds: z.array(id).max(20).optional(),
  fileIds: z.array(id).max(20).optional(),
});
export type UpdateInput = z.infer<typeof updateSchema>;

export const commentSchema = z.strictObject({ comment });
export const requiredCommentSchema = z.strictObject({ comment: text(2000) });
export const acceptSchema = z.strictObject({ category: text(50).optional(), comment });
export const editSchema = z.strictObject({ title: text(OPINION_TITLE_MAX), body: bodySchema, comment });
export const adoptSchema = z.strictObject({ level, date: date.optional(), outlet: text(100).optional(), comment });
export const declineSchema = z.strictObject({ reason: text(2000) });
export const forwardSchema = z.strictObject({ target: text(100), date: date.optional(), comment });
export const instructSchema = z.strictObject({
  leaderName: text(50).optional(),
  leaderTitle: text(50).optional(),
  level: level.default('district'),
  content: text(5000),
  date: date.optional(),
});
export const feedbackSchema = z.strictObject({ content: text(10000), date: date.optional() });

export const bulletinSchema = z.strictObject({
  title: text(100),
  issueDate: date,
  year: z.number().int().min(2000).max(2100).optional(),
});
export const bulletinItemsSchema = z.strictObject({ reportIds: z.array(id).max(100) });
