import { z } from 'zod';
import {
  COMMITTEE_POSITIONS,
  COMMITTEE_POSITION_LABELS,
  GENDERS,
  GENDER_LABELS,
  MEMBER_SORTS,
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
  type CommitteePosition,
} from '@xieshang/shared';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { authorize, can, type Actor } from '../../platform/permissions/actor.js';
import { nowIso } from '../../platform/time.js';
import { toXlsx } from '../../platform/export/excel.js';
import { dateText } from './org.entities.js';
import { ORG } from './org.permissions.js';
import { memberSortKeys } from './member-names.js';
import * as repo from './members.repo.js';
import { existsIn } from './org.repo.js';
import { isForeignKeyViolation } from './org.service.js';
import { readRoster, rosterTemplate, validateRoster, type RosterRow } from './roster.js';

export { rosterTemplate };

const optionalId = z.string().min(1).max(40).nullable().optional();
const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '应为 11 位手机号码')
  .nullable()
  .optional();
const email = z.email('电子邮箱格式不正确').max(120).nullable().optional();

export const memberInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .regex(/^[\u3400-\u9fff·]{2,20}$/, '应为 2 至 20 个汉字'),
  gender: z.enum(GENDERS),
  ethnicity: z.string().trim().min(1).max(20).optional(),
  birthDate: dateText.nullable().optional(),
  partyId: optionalId,
  sectorId: z.string().min(1).max(40),
  committees: z
    .array(z.strictObject({ committeeId: z.string().min(1).max(40), position: z.enum(COMMITTEE_POSITIONS) }))
    .max(10)
    .optional(),
  termIds: z.array(z.string().min(1).max(40)).max(10).optional(),
  isStandingMember: z.boolean().optional(),
  isLeader: z.boolean().optional(),
  leaderTitle: z.string().trim().max(20).nullable().optional(),
  employer: z.string().trim().max(100).nullable().optional(),
  jobTitle: z.string().trim().max(60).nullable().optional(),
  mobile,
  email,
  streetGroupId: optionalId,
  studioId: optionalId,
  status: z.enum(MEMBER_STATUSES).optional(),
});
export type MemberInput = z.infer<typeof memberInputSchema>;
export const memberUpdateSchema = memberInputSchema.partial();
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;
export const contactSchema = z.strictObject({ mobile, email });

const flag = z.enum(['0', '1']).transform(Number) as unknown as z.ZodType<0 | 1>;
export const memberFilterSchema = {
  q: z.string().trim().max(40).optional(),
  sectorId: z.string().max(40).optional(),
  partyId: z.string().max(40).optional(),
  committeeId: z.string().max(40).optional(),
  streetGroupId: z.string().max(40).optional(),
  studioId: z.string().max(40).optional(),
  termId: z.string().max(40).optional(),
  standing: flag.optional(),
  leader: flag.optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  sort: z.enum(MEMBER_SORTS).optional(),
};

/** 13800000000 → 138****0000; the middle of the number identifies a person, the ends help recognise it. */
export function maskMobile(value: string | null): string | null {
  if (!value) return value;
  return value.length >= 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
}
export function maskEmail(value: string | null): string | null {
  if (!value) return value;
  const at = value.indexOf('@');
  return at > 0 ? `${value[0]}***${value.slice(at)}` : '***';
}
export const maskBirthDate = (value: string | null) => (value ? `${value.slice(0, 4)}-**-**` : value);

/** Whether the actor's grant of member.personal.read covers this member ('own' = their own record). */
function coversPersonal(actor: Actor, memberId: string): boolean {
  const scope = can(actor, ORG['member.personal.read']);
  return scope === 'all' || (scope === 'own' && actor.memberId === memberId);
}

function masked<T extends { mobile: string | null; email: string | null; birthDate: string | null }>(row: T) {
  return { ...row, mobile: maskMobile(row.mobile), email: maskEmail(row.email), birthDate: maskBirthDate(row.birthDate) };
}

/** The stroke sort key is internal. */
function publicRow(row: repo.ListedMember): Omit<repo.ListedMember, 'strokeKey'> {
  const { strokeKey, ...rest } = row;
  return rest;
}

export async function listMembers(ctx: AppContext, actor: Actor, filter: repo.MemberFilter & { page: number; pageSize: number }) {
  authorize(actor, ORG['org.read']);
  const { page, pageSize, ...f } = filter;
  const [total, rows] = await Promise.all([
    repo.countMembers(ctx.db, ctx.dialect, f),
    repo.listMembers(ctx.db, ctx.dialect, f, { limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
  const committees = await repo.committeesOfMembers(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    total,
    // Added fields first: V8 builds `{ ...row, extra }` a property at a time (ADR 0008, decision 8).
    items: rows.map((row) => ({
      committees: committees
        .filter((c) => c.memberId === row.id)
        .map((c) => ({ committeeId: c.committeeId, name: c.name, position: c.position })),
      ...masked(publicRow(row)),
    })),
  };
}

export async function getMember(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, ORG['org.read']);
  const found = await repo.findMemberWithNames(ctx.db, id);
  if (!found) throw notFound('委员');
  const [committees, terms, accounts] = await Promise.all([
    repo.committeesOfMembers(ctx.db, [id]),
    repo.termsOfMembers(ctx.db, [id]),
    repo.accountsOfMember(ctx.db, id),
  ]);
  const own = actor.memberId === id;
  const manage = Boolean(can(actor, ORG['org.manage']));
  const contactScope = can(actor, ORG['member.contact.update']);
  return {
    ...(own ? publicRow(found) : masked(publicRow(found))),
    personalMasked: !own,
    committees: committees.map((c) => ({ committeeId: c.committeeId, name: c.name, position: c.position })),
    terms: terms.map((t) => ({ termId: t.termId, name: t.name })),
    hasAccount: accounts.length > 0,
    canReveal: !own && coversPersonal(actor, id),
    canEdit: manage,
    canEditContact: manage || contactScope === 'all' || (contactScope === 'own' && own),
  };
}

/** The clear personal data of a member: an explicit, audited sensitive read. */
export async function revealPersonal(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, ORG['org.read']);
  const member = await repo.findMember(ctx.db, id);
  if (!member) throw notFound('委员');
  if (!coversPersonal(actor, id)) throw forbidden('没有查看该委员个人信息明文的权限');
  await writeWithAudit(ctx, actor, async () => undefined, {
    action: 'member.personal.reveal',
    objectType: 'member',
    objectId: id,
    details: { name: member.name, fields: ['mobile', 'email', 'birthDate'] },
  });
  return { mobile: member.mobile, email: member.email, birthDate: member.birthDate };
}

async function checkReferences(ctx: AppContext, input: MemberUpdate): Promise<void> {
  const single: [keyof MemberUpdate, string, string][] = [
    ['sectorId', 'sectors', '界别'],
    ['partyId', 'parties', '党派'],
    ['streetGroupId', 'streetGroups', '街道活动小组'],
    ['studioId', 'studios', '委员工作室'],
  ];
  for (const [field, table, label] of single) {
    const value = input[field];
    if (typeof value === 'string' && !(await existsIn(ctx.db, table, value))) throw fieldError(field, label, '所选记录不存在');
  }
  const committeeIds = (input.committees ?? []).map((c) => c.committeeId);
  if (new Set(committeeIds).size !== committeeIds.length) throw fieldError('committees', '专委会', '同一专委会只能填写一次');
  for (const committeeId of committeeIds) {
    if (!(await existsIn(ctx.db, 'committees', committeeId))) throw fieldError('committees', '专委会', '所选专委会不存在');
  }
  for (const termId of input.termIds ?? []) {
    if (!(await existsIn(ctx.db, 'terms', termId))) throw fieldError('termIds', '届次', '所选届次不存在');
  }
}

async function checkDuplicate(ctx: AppContext, name: string, birthDate: string | null, exceptId?: string): Promise<void> {
  const same = await repo.findMemberByNameAndBirth(ctx.db, name, birthDate);
  if (same && same.id !== exceptId) throw conflict(`已有同名且出生日期相同的委员「${name}」`, { field: 'name', memberId: same.id });
}

export async function createMember(ctx: AppContext, actor: Actor, input: MemberInput, options: { isDemo?: boolean } = {}) {
  authorize(actor, ORG['org.manage']);
  await checkReferences(ctx, input);
  await checkDuplicate(ctx, input.name, input.birthDate ?? null);
  const id = newId();
  const now = nowIso();
  const termIds = input.termIds ?? (await currentTermIds(ctx));
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.insertMember(trx, {
        id,
        name: input.name,
        ...memberSortKeys(input.name),
        gender: input.gender,
        ethnicity: input.ethnicity ?? '汉族',
        birthDate: input.birthDate ?? null,
        partyId: input.partyId ?? null,
        sectorId: input.sectorId,
        isStandingMember: input.isStandingMember ? 1 : 0,
        isLeader: input.isLeader ? 1 : 0,
        leaderTitle: input.leaderTitle ?? null,
        employer: input.employer ?? null,
        jobTitle: input.jobTitle ?? null,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        streetGroupId: input.streetGroupId ?? null,
        studioId: input.studioId ?? null,
        status: input.status ?? 'active',
        isDemo: options.isDemo ? 1 : 0,
        createdAt: now,
        updatedAt: now,
      });
      await repo.setMemberCommittees(trx, id, input.committees ?? []);
      await repo.setMemberTerms(trx, id, termIds);
    },
    { action: 'member.create', objectType: 'member', objectId: id, details: auditDetails(input) },
  );
  return getMember(ctx, actor, id);
}

async function currentTermIds(ctx: AppContext): Promise<string[]> {
  const term = await repo.currentTerm(ctx.db);
  return term ? [term.id] : [];
}

/** Personal values are not copied into the audit trail; that they changed is recorded. */
function auditDetails(input: MemberUpdate) {
  const { mobile: m, email: e, birthDate: b, ...rest } = input;
  const changedPersonal = [m !== undefined && 'mobile', e !== undefined && 'email', b !== undefined && 'birthDate'].filter(Boolean);
  return { ...rest, ...(changedPersonal.length ? { personalChanged: changedPersonal } : {}) };
}

export async function updateMember(ctx: AppContext, actor: Actor, id: string, input: MemberUpdate) {
  authorize(actor, ORG['org.manage']);
  const before = await repo.findMember(ctx.db, id);
  if (!before) throw notFound('委员');
  await checkReferences(ctx, input);
  const name = input.name ?? before.name;
  const birthDate = input.birthDate === undefined ? before.birthDate : input.birthDate;
  if (input.name !== undefined || input.birthDate !== undefined) await checkDuplicate(ctx, name, birthDate, id);
  const { committees, termIds, isStandingMember, isLeader, ...plain } = input;
  await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      await repo.updateMember(trx, id, {
        ...plain,
        ...(input.name !== undefined ? memberSortKeys(input.name) : {}),
        ...(isStandingMember !== undefined ? { isStandingMember: isStandingMember ? 1 : 0 } : {}),
        ...(isLeader !== undefined ? { isLeader: isLeader ? 1 : 0 } : {}),
        updatedAt: nowIso(),
      });
      if (committees) await repo.setMemberCommittees(trx, id, committees);
      if (termIds) await repo.setMemberTerms(trx, id, termIds);
    },
    { action: 'member.update', objectType: 'member', objectId: id, details: auditDetails(input) },
  );
  return getMember(ctx, actor, id);
}

/** A member keeps their own mobile and email current; staff may do it for anyone. */
export async function updateContact(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof contactSchema>) {
  authorize(actor, ORG['org.read']);
  const member = await repo.findMember(ctx.db, id);
  if (!member) throw notFound('委员');
  const scope = can(actor, ORG['member.contact.update']);
  if (!(scope === 'all' || (scope === 'own' && actor.memberId === id))) throw forbidden('只能修改本人的联系方式');
  await writeWithAudit(ctx, actor, (trx) => repo.updateMember(trx, id, { ...input, updatedAt: nowIso() }), {
    action: 'member.contact.update',
    objectType: 'member',
    objectId: id,
    details: auditDetails(input),
  });
  return getMember(ctx, actor, id);
}

export async function deleteMember(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  authorize(actor, ORG['org.manage']);
  const member = await repo.findMember(ctx.db, id);
  if (!member) throw notFound('委员');
  const accounts = await repo.accountsOfMember(ctx.db, id);
  if (accounts.length) {
    throw conflict(`委员「${member.name}」已关联登录账号（${accounts.map((a) => a.username).join('、')}），不能删除；可将状态改为“已离任”`);
  }
  try {
    await writeWithAudit(ctx, actor, (trx) => repo.deleteMember(trx, id), {
      action: 'member.delete',
      objectType: 'member',
      objectId: id,
      details: { name: member.name },
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw conflict(`委员「${member.name}」已有履职记录，不能删除；可将状态改为“已离任”`);
    throw error;
  }
}

export async function committeeRoster(ctx: AppContext, actor: Actor, committeeId: string) {
  authorize(actor, ORG['org.read']);
  if (!(await existsIn(ctx.db, 'committees', committeeId))) throw notFound('专委会');
  return repo.committeeRoster(ctx.db, committeeId);
}

/** The member list as Excel. Clear personal data only for those who may read all of it; audited either way. */
export async function exportMembers(ctx: AppContext, actor: Actor, filter: repo.MemberFilter): Promise<Buffer> {
  authorize(actor, ORG['member.export']);
  const clear = can(actor, ORG['member.personal.read']) === 'all';
  const rows = await repo.listMembers(ctx.db, ctx.dialect, filter);
  const committees = await repo.committeesOfMembers(
    ctx.db,
    rows.map((r) => r.id),
  );
  const shown = rows.map((r) => (clear ? r : masked(r)));
  await writeWithAudit(ctx, actor, async () => undefined, {
    action: 'member.export',
    objectType: 'member',
    details: { count: rows.length, personalClear: clear, filter },
  });
  const committeeText = (id: string) =>
    committees
      .filter((c) => c.memberId === id)
      .map((c) => (c.position === 'member' ? c.name : `${c.name}（${COMMITTEE_POSITION_LABELS[c.position as CommitteePosition]}）`))
      .join('、');
  return toXlsx(
    '委员名册',
    [
      { header: '姓名', width: 10, value: (r) => r.name },
      { header: '性别', width: 6, value: (r) => GENDER_LABELS[r.gender] },
      { header: '民族', width: 8, value: (r) => r.ethnicity },
      { header: '出生日期', width: 12, value: (r) => r.birthDate },
      { header: '党派', value: (r) => r.partyName },
      { header: '界别', value: (r) => r.sectorName },
      { header: '专委会', width: 30, value: (r) => committeeText(r.id) },
      { header: '是否常委', width: 8, value: (r) => (r.isStandingMember ? '是' : '否') },
      { header: '工作单位', width: 30, value: (r) => r.employer },
      { header: '职务', width: 20, value: (r) => r.jobTitle },
      { header: '手机', width: 14, value: (r) => r.mobile },
      { header: '电子邮箱', width: 24, value: (r) => r.email },
      { header: '街道活动小组', value: (r) => r.streetGroupName },
      { header: '委员工作室', value: (r) => r.studioName },
      { header: '状态', width: 8, value: (r) => MEMBER_STATUS_LABELS[r.status] },
    ],
    shown,
  );
}

async function checkRoster(ctx: AppContext, data: Buffer) {
  const { rows, columns } = await readRoster(data);
  const lookups = await repo.rosterLookups(ctx.db);
  const names = [...new Set(rows.map((r) => (r.values['姓名'] ?? '').replace(/\s+/g, '')).filter(Boolean))];
  const existing = await repo.membersByNames(ctx.db, names);
  const checked = validateRoster(rows, { ...lookups, existing });
  return { columns, currentTermId: lookups.currentTermId, ...checked };
}

function summary(columns: string[], rows: RosterRow[]) {
  const bad = rows.filter((r) => r.errors.length);
  return {
    columns,
    total: rows.length,
    errorRows: bad.length,
    errorCount: bad.reduce((n, r) => n + r.errors.length, 0),
    ok: bad.length === 0,
    rows,
  };
}

/** Reads a roster and reports every bad row and column; writes nothing. */
export async function previewRoster(ctx: AppContext, actor: Actor, data: Buffer) {
  authorize(actor, ORG['org.manage']);
  const { columns, rows } = await checkRoster(ctx, data);
  return summary(columns, rows);
}

/** Imports a roster only if every row is clean (checked again here), all in one transaction. */
export async function importRoster(ctx: AppContext, actor: Actor, data: Buffer, fileName: string) {
  authorize(actor, ORG['org.manage']);
  const { columns, rows, members, currentTermId } = await checkRoster(ctx, data);
  if (members.some((m) => m === null)) {
    const result = summary(columns, rows);
    throw new AppError(
      400,
      'roster_invalid',
      `名册有 ${result.errorRows} 行存在 ${result.errorCount} 处问题，未导入任何委员；请修改后重新上传`,
      result,
    );
  }
  const now = nowIso();
  const ids = await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      const created: string[] = [];
      for (const m of members) {
        const id = newId();
        const { committees, ...fields } = m!;
        await repo.insertMember(trx, {
          id,
          ...fields,
          ...memberSortKeys(fields.name),
          isLeader: 0,
          studioId: null,
          status: 'active',
          isDemo: 0,
          createdAt: now,
          updatedAt: now,
        });
        await repo.setMemberCommittees(trx, id, committees);
        await repo.setMemberTerms(trx, id, currentTermId ? [currentTermId] : []);
        created.push(id);
      }
      return created;
    },
    (created) => ({ action: 'member.import', objectType: 'member', details: { fileName, count: created.length } }),
  );
  return { imported: ids.length };
}
