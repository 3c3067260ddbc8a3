import { z } from 'zod';
import { PLAN_ITEM_STATUSES } from '@xieshang/shared';
import { pageQuery } from '../../http/request.js';
import { ID_PATTERN } from '../../platform/ids.js';

const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD');
const id = z.string().regex(ID_PATTERN, '编号格式不正确');
const names = z.array(z.string().trim().min(1).max(60)).max(40);

/** A plan as the preview shows it and the confirm step takes it back (after the user's edits). */
export const planDraftSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  year: z.number().int().min(1990).max(2100),
  documentNumber: z.string().trim().max(100).nullable(),
  adoptedOn: isoDate.nullable(),
  sections: z
    .array(
      z.strictObject({
        no: z.number().int().min(1).max(100),
        title: z.string().trim().min(1).max(300),
        items: z
          .array(
            z.strictObject({
              no: z.number().int().min(1).max(10000),
              content: z.string().trim().min(1).max(8000),
              leaders: names,
              departments: names,
              deadline: z.strictObject({ text: z.string().trim().max(100), date: isoDate.nullable() }).nullable(),
            }),
          )
          .max(500),
      }),
    )
    .min(1)
    .max(50),
  activities: z
    .array(
      z.strictObject({
        category: z.string().trim().min(1).max(50),
        subcategory: z.string().trim().max(100).nullable(),
        no: z.number().int().min(1).max(1000),
        title: z.string().trim().min(1).max(500),
        organizers: names,
        period: z.strictObject({ text: z.string().trim().max(100), from: isoDate.nullable(), to: isoDate.nullable() }).nullable(),
      }),
    )
    .max(500),
});
export type PlanDraft = z.infer<typeof planDraftSchema>;

export const nameMappingSchema = z.strictObject({
  kind: z.enum(['leader', 'department', 'organizer']),
  name: z.string().trim().min(1).max(60),
  action: z.enum(['map', 'ignore']),
  targetKind: z.enum(['member', 'department', 'committee', 'sector']).optional(),
  recordId: id.optional(),
  remember: z.boolean().optional(),
});

export const importPreviewBody = z.strictObject({ text: z.string().min(1).max(2_000_000) });

export const importConfirmBody = z.strictObject({
  plan: planDraftSchema,
  mappings: z.array(nameMappingSchema).max(1000).default([]),
  sourceFileName: z.string().trim().max(200).nullable().default(null),
  /** Replace a draft plan of the same year (a carried-over one, say) instead of refusing. */
  replaceDraft: z.boolean().default(false),
});
export type ImportConfirm = z.infer<typeof importConfirmBody>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const itemListQuery = z.strictObject({
  ...pageQuery,
  planId: id.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  sectionId: id.optional(),
  leaderId: id.optional(),
  departmentId: id.optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM')
    .optional(),
  status: z.enum(PLAN_ITEM_STATUSES).optional(),
  overdue: flag.optional(),
  mine: flag.optional(),
});
export type ItemListQuery = z.infer<typeof itemListQuery>;

export const planListQuery = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100).optional() });

export const reminderSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  /** Days before the deadline at which to remind, e.g. 30 and 7. */
  daysBefore: z.array(z.number().int().min(1).max(365)).max(6),
  /** Remind again every so many days while overdue. */
  overdueEveryDays: z.number().int().min(1).max(90),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { enabled: true, daysBefore: [30, 7], overdueEveryDays: 7 };
