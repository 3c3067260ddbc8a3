import { z } from 'zod';
import { DEPARTMENT_KINDS, DEPARTMENT_KIND_LABELS, UNIT_KINDS, UNIT_KIND_LABELS, type OrgKind } from '@xieshang/shared';
import type { ExcelColumn } from '../../platform/export/excel.js';

/** A calendar date as text, checked to exist (2021-02-30 is refused). */
export const dateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => isRealDate(v), '不是有效的日期');

export function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const name = z.string().trim().min(1).max(60);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const aliases = z.array(z.string().trim().min(1).max(60)).max(10).optional();
const sortOrder = z.number().int().min(0).max(100000).optional();
const id = z.string().min(1).max(40);

type Row = Record<string, unknown>;

/** A foreign key written by a form: it must name an existing record. */
export interface ForeignKey {
  field: string;
  table: string;
  label: string;
}

/** Something that refers to a record and so prevents deleting it. */
export interface Reference {
  table: string;
  column: string;
  label: string;
}

/**
 * One kind of organisation record (sector, committee, unit …): its table, form schema, uniqueness,
 * references and Excel columns. The generic list/create/update/delete of org.service serves them all.
 */
export interface EntityDef {
  kind: OrgKind;
  table: string;
  label: string;
  schema: z.ZodObject;
  /** Columns whose values must be unique, alone or together. */
  unique: { columns: string[]; label: string }[];
  foreignKeys: ForeignKey[];
  references: Reference[];
  /** Columns stored as JSON arrays. */
  jsonColumns: string[];
  order: string[];
  exportColumns: ExcelColumn<Row>[];
}

const text = (key: string) => (row: Row) => (row[key] === null || row[key] === undefined ? '' : String(row[key]));
const list = (key: string) => (row: Row) => ((row[key] as string[] | undefined) ?? []).join('、');

export const ENTITIES: Record<OrgKind, EntityDef> = {
  terms: {
    kind: 'terms',
    table: 'terms',
    label: '届次',
    schema: z.strictObject({
      name,
      number: z.number().int().min(1).max(99),
      startDate: dateText,
      endDate: dateText.nullable().optional(),
      isCurrent: z.boolean().optional(),
    }),
    unique: [
      { columns: ['name'], label: '名称' },
      { columns: ['number'], label: '序号' },
    ],
    foreignKeys: [],
    references: [
      { table: 'plenaries', column: 'termId', label: '全体会议' },
      { table: 'memberTerms', column: 'termId', label: '委员' },
    ],
    jsonColumns: [],
    order: ['number desc'],
    exportColumns: [
      { header: '届次', value: text('name') },
      { header: '序号', value: text('number') },
      { header: '开始日期', value: text('startDate') },
      { header: '结束日期', value: text('endDate') },
      { header: '是否本届', value: (r) => (r.isCurrent ? '是' : '否') },
    ],
  },
  plenaries: {
    kind: 'plenaries',
    table: 'plenaries',
    label: '全体会议',
    schema: z.strictObject({
      termId: id,
      number: z.number().int().min(1).max(99),
      name,
      startDate: dateText,
      endDate: dateText.nullable().optional(),
    }),
    unique: [{ columns: ['termId', 'number'], label: '届次和会次' }],
    foreignKeys: [{ field: 'termId', table: 'terms', label: '届次' }],
    references: [],
    jsonColumns: [],
    order: ['startDate desc', 'number desc'],
    exportColumns: [
      { header: '会议', width: 32, value: text('name') },
      { header: '会次', value: text('number') },
      { header: '开始日期', value: text('startDate') },
      { header: '结束日期', value: text('endDate') },
    ],
  },
  sectors: {
    kind: 'sectors',
    table: 'sectors',
    label: '界别',
    schema: z.strictObject({ name, sortOrder }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [],
    references: [{ table: 'members', column: 'sectorId', label: '委员' }],
    jsonColumns: [],
    order: ['sortOrder', 'name'],
    exportColumns: [
      { header: '界别', width: 28, value: text('name') },
      { header: '排序号', value: text('sortOrder') },
    ],
  },
  parties: {
    kind: 'parties',
    table: 'parties',
    label: '党派团体',
    schema: z.strictObject({ name, sortOrder }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [],
    references: [{ table: 'members', column: 'partyId', label: '委员' }],
    jsonColumns: [],
    order: ['sortOrder', 'name'],
    exportColumns: [
      { header: '党派团体', width: 28, value: text('name') },
      { header: '排序号', value: text('sortOrder') },
    ],
  },
  committees: {
    kind: 'committees',
    table: 'committees',
    label: '专委会',
    schema: z.strictObject({ name, shortName: optionalText(20), aliases, sortOrder }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [],
    references: [{ table: 'committeeMembers', column: 'committeeId', label: '委员' }],
    jsonColumns: ['aliases'],
    order: ['sortOrder', 'name'],
    exportColumns: [
      { header: '专委会', width: 28, value: text('name') },
      { header: '简称', value: text('shortName') },
      { header: '别名', width: 28, value: list('aliases') },
      { header: '委员人数', value: text('memberCount') },
    ],
  },
  departments: {
    kind: 'departments',
    table: 'departments',
    label: '机关部门',
    schema: z.strictObject({ name, kind: z.enum(DEPARTMENT_KINDS), aliases, sortOrder }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [],
    references: [
      { table: 'userDepartments', column: 'departmentId', label: '工作人员账号' },
      { table: 'departmentGroupMembers', column: 'departmentId', label: '部门组' },
    ],
    jsonColumns: ['aliases'],
    order: ['sortOrder', 'name'],
    exportColumns: [
      { header: '部门', width: 24, value: text('name') },
      { header: '类型', value: (r) => DEPARTMENT_KIND_LABELS[r.kind as keyof typeof DEPARTMENT_KIND_LABELS] ?? '' },
      { header: '别名', width: 28, value: list('aliases') },
    ],
  },
  departmentGroups: {
    kind: 'departmentGroups',
    table: 'departmentGroups',
    label: '部门组',
    schema: z.strictObject({ name, aliases, sortOrder, departmentIds: z.array(id).min(1).max(50) }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [],
    references: [],
    jsonColumns: ['aliases'],
    order: ['sortOrder', 'name'],
    exportColumns: [
      { header: '部门组', width: 24, value: text('name') },
      { header: '包含部门', width: 60, value: list('departmentNames') },
    ],
  },
  streetGroups: {
    kind: 'streetGroups',
    table: 'streetGroups',
    label: '街道活动小组',
    schema: z.strictObject({ name, street: optionalText(40), sortOrder }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [],
    references: [
      { table: 'members', column: 'streetGroupId', label: '委员' },
      { table: 'studios', column: 'streetGroupId', label: '委员工作室' },
    ],
    jsonColumns: [],
    order: ['sortOrder', 'name'],
    exportColumns: [
      { header: '街道活动小组', width: 28, value: text('name') },
      { header: '所在街道', width: 20, value: text('street') },
    ],
  },
  studios: {
    kind: 'studios',
    table: 'studios',
    label: '委员工作室',
    schema: z.strictObject({ name, streetGroupId: id.nullable().optional(), address: optionalText(200) }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [{ field: 'streetGroupId', table: 'streetGroups', label: '街道活动小组' }],
    references: [{ table: 'members', column: 'studioId', label: '委员' }],
    jsonColumns: [],
    order: ['name'],
    exportColumns: [
      { header: '委员工作室', width: 28, value: text('name') },
      { header: '地址', width: 40, value: text('address') },
    ],
  },
  units: {
    kind: 'units',
    table: 'units',
    label: '承办单位',
    schema: z.strictObject({
      name,
      kind: z.enum(UNIT_KINDS),
      aliases,
      contactName: optionalText(40),
      contactPhone: z
        .string()
        .trim()
        .regex(/^[0-9+\-() ]{5,30}$/, '只能包含数字和 + - ( )')
        .nullable()
        .optional(),
      contactEmail: z.email().max(120).nullable().optional(),
      address: optionalText(200),
      sortOrder,
    }),
    unique: [{ columns: ['name'], label: '名称' }],
    foreignKeys: [],
    references: [{ table: 'users', column: 'unitId', label: '承办单位账号' }],
    jsonColumns: ['aliases'],
    order: ['sortOrder', 'name'],
    exportColumns: [
      { header: '承办单位', width: 30, value: text('name') },
      { header: '类型', value: (r) => UNIT_KIND_LABELS[r.kind as keyof typeof UNIT_KIND_LABELS] ?? '' },
      { header: '联系人', value: text('contactName') },
      { header: '联系电话', value: text('contactPhone') },
      { header: '联系邮箱', width: 24, value: text('contactEmail') },
      { header: '地址', width: 30, value: text('address') },
    ],
  },
};
