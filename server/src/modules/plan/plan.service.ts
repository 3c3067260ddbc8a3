import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { PlanDashboardRow, PlanNameKind, PlanNameMapping, PlanNameMatch, PlanNameTarget, PlanTargetKind } from '@xieshang/shared';
import { PLAN_ITEM_STATUS_LABELS } from '@xieshang/shared';
import type { Insertable } from 'kysely';
import type { Database, Executor, Trx } from '../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { badRequest, conflict, fieldError, notFound } from '../../platform/errors.js';
import { toXlsx } from '../../platform/export/excel.js';
import { listAttachments } from '../../platform/files/files.routes.js';
import { newId } from '../../platform/ids.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { authorize, can, type Actor } from '../../platform/permissions/actor.js';
import { getSetting, putSetting } from '../../platform/settings/settings.service.js';
import { addDays, nowIso, todayInShanghai } from '../../platform/time.js';
import { allowedActions, history } from '../../platform/workflow/engine.js';
import { createActivityPlanEntries } from '../activities/activities.service.js';
import {
  departmentsNamed,
  updateOrgRecord,
  listCommittees,
  listDepartments,
  listLeaders,
  listSectors,
  userIdsOfDepartments,
  userIdsOfMembers,
} from '../org/org.service.js';
import { parsePlanFile, parsePlanText, PlanParseError } from './parser/parse-plan.js';
import type { ParsedPlan } from './parser/types.js';
import {
  expandDepartmentNames,
  mappingKey,
  matchName,
  resolveItemDepartments,
  resolveName,
  targetName,
  type OrgIndex,
} from './plan.matching.js';
import { ORG } from '../org/org.permissions.js';
import { PLAN } from './plan.permissions.js';
import * as repo from './plan.repo.js';
import {
  DEFAULT_REMINDER_SETTINGS,
  reminderSettingsSchema,
  type ImportConfirm,
  type ItemListQuery,
  type PlanDraft,
  type ReminderSettings,
} from './plan.schema.js';
import { loadPlanItemRecord, planItemWorkflow, planWorkflow, seesPlan } from './plan.workflow.js';

/* ---------- import ---------- */

/** The organisation as matching needs it; department names of the plan are also looked up among department groups. */
export async function loadOrgIndex(db: Executor, plan: Pick<PlanDraft, 'sections'>): Promise<OrgIndex> {
  const [leaders, departments, committees, sectors, mappings] = await Promise.all([
    listLeaders(db),
    listDepartments(db),
    listCommittees(db),
    listSectors(db),
    repo.nameMappings(db),
  ]);
  const aliases = (json: string) => JSON.parse(json) as string[];
  const known = new Set(departments.flatMap((d) => [d.name, ...aliases(d.aliases)]));
  const groupNames = new Set(
    plan.sections.flatMap((s) => s.items.flatMap((i) => expandDepartmentNames(i.departments))).filter((n) => !known.has(n)),
  );
  const departmentGroups = new Map<string, PlanNameTarget[]>();
  for (const name of groupNames) {
    const named = await departmentsNamed(db, name);
    if (named.length)
      departmentGroups.set(
        name,
        named.map((d) => ({ kind: 'department', id: d.id, name: d.name })),
      );
  }
  return {
    departmentGroups,
    leaders,
    departments: departments.map((d) => ({ id: d.id, name: d.name, kind: d.kind, aliases: aliases(d.aliases) })),
    committees: committees.map((c) => ({ id: c.id, name: c.name, shortName: c.shortName, aliases: aliases(c.aliases) })),
    sectors: sectors.map((s) => ({ id: s.id, name: s.name })),
    remembered: new Map(mappings.map((m) => [mappingKey(m.kind, m.name), { targetKind: m.targetKind, recordId: m.recordId }])),
  };
}

/** The parsed document in the shape the confirm step takes back, without the parser's extra keys. */
export function toDraft(parsed: ParsedPlan): Omit<PlanDraft, 'year'> & { year: number | null } {
  return {
    title: parsed.title,
    year: parsed.year,
    documentNumber: parsed.documentNumber ?? null,
    adoptedOn: parsed.adoptedOn ?? null,
    sections: parsed.sections.map((s) => ({
      no: s.no,
      title: s.title,
      items: s.items.map((i) => ({
        no: i.no,
        content: i.content,
        leaders: i.leaders,
        departments: i.departments,
        deadline: i.deadline ? { text: i.deadline.text, date: i.deadline.date } : null,
      })),
    })),
    activities: parsed.activities.map((a) => ({
      category: a.category,
      subcategory: a.subcategory,
      no: a.no,
      title: a.title,
      organizers: a.organizers,
      period: a.period ? { text: a.period.text, from: a.period.from, to: a.period.to } : null,
    })),
  };
}

/** Every distinct leader, department and organizer name of the plan, matched to the organisation. */
export function matchPlanNames(index: OrgIndex, plan: Pick<PlanDraft, 'sections' | 'activities'>): PlanNameMatch[] {
  const seen = new Set<string>();
  const out: PlanNameMatch[] = [];
  const add = (kind: PlanNameKind, name: string) => {
    const key = mappingKey(kind, name);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(matchName(index, kind, name));
  };
  for (const section of plan.sections) {
    for (const item of section.items) {
      item.leaders.forEach((n) => add('leader', n));
      expandDepartmentNames(item.departments).forEach((n) => add('department', n));
    }
  }
  for (const activity of plan.activities) activity.organizers.forEach((n) => add('organizer', n));
  return out;
}

export async function parseUpload(source: { text: string } | { buffer: Buffer; filename: string }): Promise<ParsedPlan> {
  try {
    return 'text' in source ? parsePlanText(source.text) : await parsePlanFile(source.buffer, source.filename);
  } catch (error) {
    if (error instanceof PlanParseError) throw badRequest(error.message);
    throw error;
  }
}

export async function previewImport(ctx: AppContext, actor: Actor, source: { text: string } | { buffer: Buffer; filename: string }) {
  authorize(actor, PLAN['plan.manage']);
  const parsed = await parseUpload(source);
  const plan = toDraft(parsed);
  const index = await loadOrgIndex(ctx.db, plan);
  const names = matchPlanNames(index, plan);
  const existing = plan.year ? await repo.plansOfYear(ctx.db, plan.year) : [];
  return {
    plan,
    warnings: parsed.warnings,
    names,
    unmatched: names.filter((n) => n.targets.length === 0).length,
    existingPlans: existing.map((p) => ({ id: p.id, status: p.status, title: p.title })),
    /** What an unmatched name may be mapped to. */
    options: {
      member: index.leaders.map(({ id, name }) => ({ id, name })),
      department: index.departments.map(({ id, name }) => ({ id, name })),
      committee: index.committees.map(({ id, name }) => ({ id, name })),
      sector: index.sectors,
    },
    counts: {
      sections: plan.sections.length,
      items: plan.sections.reduce((n, s) => n + s.items.length, 0),
      activities: plan.activities.length,
    },
  };
}

function checkMappings(index: OrgIndex, mappings: PlanNameMapping[]): Map<string, PlanNameMapping> {
  const allowed: Record<PlanNameKind, PlanTargetKind[]> = {
    leader: ['member'],
    department: ['department'],
    organizer: ['committee', 'sector', 'department'],
  };
  const out = new Map<string, PlanNameMapping>();
  mappings.forEach((m, i) => {
    if (m.action === 'map') {
      if (!m.targetKind || !m.recordId || !allowed[m.kind].includes(m.targetKind) || !targetName(index, m.targetKind, m.recordId)) {
        throw fieldError(`mappings.${i}`, `名称对应（第 ${i + 1} 项）`, `「${m.name}」要对应的记录不存在或类型不符`);
      }
    }
    out.set(mappingKey(m.kind, m.name), m);
  });
  return out;
}

export interface ImportResult {
  id: string;
  year: number;
  sections: number;
  items: number;
  activities: number;
  /** Names kept as text only (no matching record and no decision). */
  unlinked: { kind: PlanNameKind; name: string }[];
}

/** Creates the plan, its items with leaders and departments, and the year's activity plan entries, in one transaction. */
export async function confirmImport(ctx: AppContext, actor: Actor, input: ImportConfirm): Promise<ImportResult> {
  authorize(actor, PLAN['plan.manage']);
  const index = await loadOrgIndex(ctx.db, input.plan);
  const decisions = checkMappings(index, input.mappings);
  const { plan } = input;
  const result = await writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      for (const existing of await repo.plansOfYear(trx, plan.year)) {
        if (existing.status !== 'draft') throw conflict(`${plan.year} 年已有工作要点「${existing.title}」，不能重复导入`);
        if (!input.replaceDraft) throw conflict(`${plan.year} 年已有工作要点草稿，请选择替换草稿后再导入`);
        await repo.deletePlan(trx, existing.id);
      }
      const at = nowIso();
      const planId = newId();
      await repo.insertPlan(trx, {
        id: planId,
        year: plan.year,
        title: plan.title,
        documentNumber: plan.documentNumber,
        adoptedOn: plan.adoptedOn,
        status: 'active',
        sourceFileName: input.sourceFileName,
        previousPlanId: null,
        createdBy: actor.userId || null,
        createdAt: at,
        updatedAt: at,
      });
      const unlinked = new Map<string, { kind: PlanNameKind; name: string }>();
      const noteUnlinked = (kind: PlanNameKind, name: string, targets: unknown[]) => {
        if (targets.length === 0) unlinked.set(mappingKey(kind, name), { kind, name });
      };
      // Rows are collected and written in a few statements: the import runs in well under 100 ms.
      const sectionRows: Insertable<Database['planSections']>[] = [];
      const itemRows: Insertable<Database['planItems']>[] = [];
      const leaderRows: Insertable<Database['planItemLeaders']>[] = [];
      const departmentRows: Insertable<Database['planItemDepartments']>[] = [];
      for (const [s, section] of plan.sections.entries()) {
        const sectionId = newId();
        sectionRows.push({ id: sectionId, planId, no: section.no, title: section.title, sortOrder: s + 1 });
        for (const item of section.items) {
          const itemId = newId();
          itemRows.push({
            id: itemId,
            planId,
            sectionId,
            no: item.no,
            content: item.content,
            leaderText: item.leaders.join('、'),
            departmentText: item.departments.join('、'),
            deadlineText: item.deadline?.text || null,
            deadlineDate: item.deadline?.date ?? null,
            status: 'not_started',
            percent: 0,
            sortOrder: itemRows.length + 1,
            carriedFromItemId: null,
            finalReport: null,
            completedAt: null,
            lastProgressAt: null,
            createdAt: at,
            updatedAt: at,
          });
          const leaderIds: string[] = [];
          for (const name of item.leaders) {
            const targets = resolveName(index, decisions, 'leader', name);
            noteUnlinked('leader', name, targets);
            targets.forEach((t) => leaderIds.includes(t.id) || leaderIds.push(t.id));
          }
          leaderIds.forEach((memberId, i) => leaderRows.push({ itemId, memberId, sortOrder: i }));
          for (const name of expandDepartmentNames(item.departments))
            noteUnlinked('department', name, resolveName(index, decisions, 'department', name));
          resolveItemDepartments(index, decisions, item.departments).forEach((departmentId, i) =>
            departmentRows.push({ itemId, departmentId, sortOrder: i }),
          );
        }
      }
      await repo.insertSections(trx, sectionRows);
      await repo.insertItems(trx, itemRows);
      await repo.insertItemLeaders(trx, leaderRows);
      await repo.insertItemDepartments(trx, departmentRows);
      const items = itemRows.length;
      const entries = plan.activities.map((a) => {
        const ids = { committee: [] as string[], sector: [] as string[], department: [] as string[] };
        for (const name of a.organizers) {
          const targets = resolveName(index, decisions, 'organizer', name);
          noteUnlinked('organizer', name, targets);
          for (const t of targets) if (t.kind !== 'member' && !ids[t.kind].includes(t.id)) ids[t.kind].push(t.id);
        }
        return {
          year: plan.year,
          category: a.category,
          subcategory: a.subcategory,
          no: a.no,
          title: a.title,
          organizerCommitteeIds: ids.committee,
          organizerSectorIds: ids.sector,
          organizerDepartmentIds: ids.department,
          organizerNames: a.organizers,
          periodText: a.period?.text ?? '',
          periodFrom: a.period?.from ?? null,
          periodTo: a.period?.to ?? null,
          sourcePlanId: planId,
        };
      });
      await createActivityPlanEntries(trx, actor, entries);
      for (const m of decisions.values()) {
        if (m.action === 'map' && m.remember && m.targetKind && m.recordId) {
          await repo.saveNameMapping(trx, {
            id: newId(),
            kind: m.kind,
            name: m.name,
            targetKind: m.targetKind,
            recordId: m.recordId,
            createdAt: at,
          });
        }
      }
      return {
        id: planId,
        year: plan.year,
        sections: plan.sections.length,
        items,
        activities: entries.length,
        unlinked: [...unlinked.values()],
      };
    },
    (r) => ({
      action: 'plan.import',
      objectType: 'plan',
      objectId: r.id,
      details: { year: r.year, sections: r.sections, items: r.items, activities: r.activities, source: input.sourceFileName },
    }),
  );
  await rememberAliases(ctx, actor, index, [...decisions.values()]);
  return result;
}

/**
 * A remembered mapping to a committee or department also becomes an alias in the organisation (through the
 * org module, audited there), so that every module recognises the name. Without the right to maintain the
 * organisation, the plan module's own mapping (written with the import) still serves later imports.
 */
async function rememberAliases(ctx: AppContext, actor: Actor, index: OrgIndex, mappings: PlanNameMapping[]) {
  if (!can(actor, ORG['org.manage'])) return;
  for (const m of mappings) {
    if (m.action !== 'map' || !m.remember || !m.recordId) continue;
    const record =
      m.targetKind === 'committee'
        ? index.committees.find((c) => c.id === m.recordId)
        : m.targetKind === 'department'
          ? index.departments.find((d) => d.id === m.recordId)
          : undefined;
    if (!record || record.name === m.name || record.aliases.includes(m.name) || record.aliases.length >= 10) continue;
    await updateOrgRecord(ctx, actor, m.targetKind === 'committee' ? 'committees' : 'departments', record.id, {
      aliases: [...record.aliases, m.name],
    });
  }
}

/* ---------- reading ---------- */

/** Leaders and staff read the working records: drafts, progress, supervision and final reports. */
const readsWorkingRecords = (actor: Actor) => can(actor, PLAN['plan.progress.read']);
const adoptedOnly = (actor: Actor) => !readsWorkingRecords(actor);

/** An item as every list shows it (ADR 0114). Added fields first: V8 builds `{ ...row, extra }` a property at a time (ADR 0008, decision 8). */
function itemSummary<R extends repo.ItemSummaryRow>(r: R, today: string) {
  return {
    statusLabel: PLAN_ITEM_STATUS_LABELS[r.status],
    overdue: r.status !== 'done' && r.deadlineDate !== null && r.deadlineDate < today,
    ...r,
  };
}

/** Items whole, with their leaders and departments; the final report only for who reads working records. */
async function itemViews(db: Executor, actor: Actor, rows: repo.ItemRow[], today: string) {
  const ids = rows.map((r) => r.id);
  const [leaders, departments] = await Promise.all([repo.leadersOfItems(db, ids), repo.departmentsOfItems(db, ids)]);
  const finalReports = readsWorkingRecords(actor);
  return rows.map((r) => ({
    leaders: leaders.filter((l) => l.itemId === r.id).map(({ id, name }) => ({ id, name })),
    departments: departments.filter((d) => d.itemId === r.id).map(({ id, name }) => ({ id, name })),
    ...itemSummary(r, today),
    finalReport: finalReports ? r.finalReport : null,
  }));
}
export type PlanItemView = Awaited<ReturnType<typeof itemViews>>[number];

export async function listPlans(ctx: AppContext, actor: Actor, query: { year?: number }) {
  authorize(actor, PLAN['plan.read']);
  const plans = await repo.selectPlans(ctx.db, { year: query.year, adoptedOnly: adoptedOnly(actor) });
  const counts = await repo.planItemCounts(
    ctx.db,
    plans.map((p) => p.id),
    todayInShanghai(),
  );
  const items = plans.map((p) => {
    const c = counts.find((x) => x.planId === p.id);
    return { ...p, itemCount: Number(c?.total ?? 0), doneCount: Number(c?.done ?? 0), overdueCount: Number(c?.overdue ?? 0) };
  });
  return { items, total: items.length };
}

/** A plan the actor may not read answers 404, as if it did not exist. */
async function visiblePlan(db: Executor, actor: Actor, id: string) {
  const plan = await repo.selectPlan(db, id);
  if (!plan || !seesPlan(actor, plan.status)) throw notFound('工作要点');
  return plan;
}

export async function getPlan(ctx: AppContext, actor: Actor, id: string) {
  const plan = await visiblePlan(ctx.db, actor, id);
  const today = todayInShanghai();
  const [sections, rows] = await Promise.all([repo.selectSections(ctx.db, id), repo.selectItems(ctx.db, { planId: id, today })]);
  const items = await itemViews(ctx.db, actor, rows, today);
  const distinct = (list: { id: string; name: string }[]) => [...new Map(list.map((x) => [x.id, x])).values()];
  return {
    ...plan,
    leaders: distinct(items.flatMap((i) => i.leaders)),
    departments: distinct(items.flatMap((i) => i.departments)),
    allowedActions: allowedActions(planWorkflow, actor, { id: plan.id, status: plan.status, year: plan.year, title: plan.title }),
    sections: sections.map((s) => ({ ...s, items: items.filter((i) => i.sectionId === s.id) })),
  };
}

export async function listItems(ctx: AppContext, actor: Actor, query: ItemListQuery) {
  authorize(actor, PLAN['plan.read']);
  const today = todayInShanghai();
  const filter: repo.ItemFilter = {
    planId: query.planId,
    year: query.year,
    sectionId: query.sectionId,
    leaderId: query.leaderId,
    departmentId: query.departmentId,
    month: query.month,
    status: query.status,
    overdue: query.overdue,
    mine: query.mine ? { memberId: actor.memberId, departmentIds: actor.departmentIds } : undefined,
    adoptedOnly: adoptedOnly(actor),
    today,
  };
  const [rows, total] = await Promise.all([repo.selectItemPage(ctx.db, filter, query), repo.countItems(ctx.db, filter)]);
  return { items: rows.map((r) => itemSummary(r, today)), total };
}

export async function getItem(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.selectItem(ctx.db, id);
  if (!row || !seesPlan(actor, row.planStatus)) throw notFound('工作要点');
  const [view] = await itemViews(ctx.db, actor, [row], todayInShanghai());
  const record = await loadPlanItemRecord(ctx.db, id);
  const carriedFrom = row.carriedFromItemId ? await repo.selectItem(ctx.db, row.carriedFromItemId) : undefined;
  const base = {
    ...view,
    allowedActions: record ? allowedActions(planItemWorkflow, actor, record) : [],
    carriedFrom: carriedFrom ? { id: carriedFrom.id, year: carriedFrom.planYear, no: carriedFrom.no, planId: carriedFrom.planId } : null,
  };
  if (!readsWorkingRecords(actor)) return { ...base, history: [], progress: [], comments: [], deadlineChanges: [] };
  const [timeline, reports, comments, deadlineChanges] = await Promise.all([
    history(ctx.db, planItemWorkflow, id),
    repo.progressOfItem(ctx.db, id),
    repo.commentsOfItem(ctx.db, id),
    repo.deadlineChangesOfItem(ctx.db, id),
  ]);
  const progress = await Promise.all(
    reports.map(async (r) => ({ ...r, attachments: await listAttachments(ctx.db, 'plan_progress', r.id) })),
  );
  return { ...base, history: timeline, progress, comments, deadlineChanges };
}

/** Who may download a progress report's attachments: whoever reads the item's working records. */
export async function canReadProgressAttachment(ctx: AppContext, actor: Actor, reportId: string): Promise<boolean> {
  if (!readsWorkingRecords(actor)) return false;
  const report = await repo.itemOfProgressReport(ctx.db, reportId);
  return Boolean(report);
}

/* ---------- dashboard and exports ---------- */

export async function planDashboard(ctx: AppContext, actor: Actor, id: string) {
  const plan = await visiblePlan(ctx.db, actor, id);
  const today = todayInShanghai();
  const [sections, rows] = await Promise.all([repo.selectSections(ctx.db, id), repo.selectItems(ctx.db, { planId: id, today })]);
  const items = await itemViews(ctx.db, actor, rows, today);
  const group = (keyed: { key: string; label: string; item: PlanItemView }[]) => {
    const out = new Map<string, PlanDashboardRow>();
    for (const { key, label, item } of keyed) {
      const row = out.get(key) ?? { key, label, total: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0 };
      row.total++;
      if (item.status === 'done') row.done++;
      else if (item.status === 'in_progress') row.inProgress++;
      else row.notStarted++;
      if (item.overdue) row.overdue++;
      out.set(key, row);
    }
    return [...out.values()];
  };
  const byDepartment = group(items.flatMap((item) => item.departments.map((d) => ({ key: d.id, label: d.name, item })))).sort(
    (a, b) => b.total - a.total,
  );
  const bySection = group(
    sections.flatMap((s) =>
      items
        .filter((i) => i.sectionId === s.id)
        .map((item) => ({ key: s.id, label: `${'一二三四五六七八九十'[s.no - 1] ?? s.no}、${s.title}`, item })),
    ),
  );
  const byMonth = group(
    items.map((item) => ({
      key: item.deadlineDate?.slice(0, 7) ?? 'none',
      label: item.deadlineDate ? `${Number(item.deadlineDate.slice(5, 7))}月` : '未定',
      item,
    })),
  ).sort((a, b) => a.key.localeCompare(b.key));
  const [totals] = group(items.map((item) => ({ key: 'all', label: '全部', item })));
  return {
    plan: { id: plan.id, year: plan.year, title: plan.title, status: plan.status },
    today,
    totals: totals ?? { key: 'all', label: '全部', total: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0 },
    byDepartment,
    bySection,
    byMonth,
    overdueItems: items
      .filter((i) => i.overdue)
      .map((i) => ({
        id: i.id,
        no: i.no,
        content: i.content,
        deadlineText: i.deadlineText,
        deadlineDate: i.deadlineDate,
        departments: i.departments,
        leaders: i.leaders,
        status: i.status,
        percent: i.percent,
      })),
  };
}

function statusText(item: PlanItemView): string {
  return item.overdue ? `${item.statusLabel}（已逾期）` : item.statusLabel;
}

/** 督办台账: the customary columns, one row per item. */
export async function planLedger(ctx: AppContext, actor: Actor, id: string): Promise<{ filename: string; data: Buffer }> {
  authorize(actor, PLAN['plan.export']);
  const plan = await visiblePlan(ctx.db, actor, id);
  const today = todayInShanghai();
  const items = await itemViews(ctx.db, actor, await repo.selectItems(ctx.db, { planId: id, today }), today);
  const progress = readsWorkingRecords(actor)
    ? await repo.latestProgress(
        ctx.db,
        items.map((i) => i.id),
      )
    : new Map<string, { text: string; createdAt: string }>();
  const data = await toXlsx(
    `${plan.year}年督办台账`,
    [
      { header: '序号', width: 6, value: (i: PlanItemView) => i.no },
      { header: '工作内容', width: 60, value: (i) => i.content },
      { header: '责任领导', width: 20, value: (i) => i.leaderText },
      { header: '主责部门', width: 24, value: (i) => i.departmentText },
      { header: '完成时限', width: 14, value: (i) => i.deadlineText ?? '' },
      {
        header: '进展情况',
        width: 40,
        value: (i) => (i.status === 'done' && i.finalReport ? i.finalReport : (progress.get(i.id)?.text ?? '')),
      },
      { header: '完成状态', width: 14, value: (i) => `${statusText(i)} ${i.percent}%` },
    ],
    items,
  );
  return { filename: `${plan.year}年工作要点督办台账.xlsx`, data };
}

/** The plan as a Word document: title, sections and items with their three fields, as the document is written. */
export async function planDocument(ctx: AppContext, actor: Actor, id: string): Promise<{ filename: string; data: Buffer }> {
  authorize(actor, PLAN['plan.export']);
  const plan = await getPlan(ctx, actor, id);
  const children: Paragraph[] = [];
  if (plan.documentNumber) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(plan.documentNumber)] }));
  children.push(
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: plan.title, bold: true })],
    }),
  );
  for (const section of plan.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(`${'一二三四五六七八九十'[section.no - 1] ?? section.no}、${section.title}`)],
      }),
    );
    for (const item of section.items) {
      children.push(new Paragraph({ children: [new TextRun(`${item.no}. ${item.content}`)] }));
      children.push(new Paragraph({ children: [new TextRun(`责任领导：${item.leaderText}`)] }));
      children.push(new Paragraph({ children: [new TextRun(`主责部门：${item.departmentText}`)] }));
      children.push(new Paragraph({ children: [new TextRun(`完成时限：${item.deadlineText ?? ''}`)] }));
    }
  }
  const doc = new Document({ creator: '协商 政协履职服务管理平台', title: plan.title, sections: [{ children }] });
  return { filename: `${plan.year}年工作要点.docx`, data: await Packer.toBuffer(doc) };
}

/* ---------- carry-over ---------- */

/** Starts next year's plan as a draft with this plan's unfinished items, each linked to the item it continues. */
export async function carryOver(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, PLAN['plan.manage']);
  const plan = await visiblePlan(ctx.db, actor, id);
  const year = plan.year + 1;
  return writeWithAudit(
    ctx,
    actor,
    async (trx: Trx) => {
      if ((await repo.plansOfYear(trx, year)).length) throw conflict(`${year} 年已有工作要点，不能再结转`);
      const today = todayInShanghai();
      const items = await itemViews(trx, actor, await repo.selectItems(trx, { planId: id, today }), today);
      const open = items.filter((i) => i.status !== 'done');
      if (open.length === 0) throw conflict('该年度工作要点已全部完成，没有需要结转的条目');
      const at = nowIso();
      const planId = newId();
      await repo.insertPlan(trx, {
        id: planId,
        year,
        title: `${year}年工作要点（草稿，由${plan.year}年结转）`,
        documentNumber: null,
        adoptedOn: null,
        status: 'draft',
        sourceFileName: null,
        previousPlanId: plan.id,
        createdBy: actor.userId || null,
        createdAt: at,
        updatedAt: at,
      });
      const sectionIds = new Map<string, string>();
      let sort = 0;
      for (const item of open) {
        let sectionId = sectionIds.get(item.sectionId);
        if (!sectionId) {
          sectionId = newId();
          sectionIds.set(item.sectionId, sectionId);
          await repo.insertSections(trx, [
            { id: sectionId, planId, no: item.sectionNo, title: item.sectionTitle, sortOrder: sectionIds.size },
          ]);
        }
        const itemId = newId();
        sort++;
        await repo.insertItems(trx, [
          {
            id: itemId,
            planId,
            sectionId,
            no: sort,
            content: item.content,
            leaderText: item.leaderText,
            departmentText: item.departmentText,
            deadlineText: `${year}年底`,
            deadlineDate: `${year}-12-31`,
            status: item.status === 'in_progress' ? 'in_progress' : 'not_started',
            percent: item.percent,
            sortOrder: sort,
            carriedFromItemId: item.id,
            finalReport: null,
            completedAt: null,
            lastProgressAt: null,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await repo.insertItemLeaders(
          trx,
          item.leaders.map((l, i) => ({ itemId, memberId: l.id, sortOrder: i })),
        );
        await repo.insertItemDepartments(
          trx,
          item.departments.map((d, i) => ({ itemId, departmentId: d.id, sortOrder: i })),
        );
      }
      return { id: planId, year, items: open.length };
    },
    (r) => ({ action: 'plan.carry_over', objectType: 'plan', objectId: r.id, details: { from: id, year: r.year, items: r.items } }),
  );
}

/* ---------- reminders ---------- */

export const REMINDER_SETTINGS_KEY = 'plan.reminders';
export const getReminderSettings = (db: Executor) =>
  getSetting(db, REMINDER_SETTINGS_KEY, reminderSettingsSchema, DEFAULT_REMINDER_SETTINGS);

export async function getReminderSettingsFor(ctx: AppContext, actor: Actor) {
  authorize(actor, PLAN['plan.manage']);
  return getReminderSettings(ctx.db);
}

export async function updateReminderSettings(ctx: AppContext, actor: Actor, settings: ReminderSettings) {
  authorize(actor, PLAN['plan.manage']);
  const value = { ...settings, daysBefore: [...new Set(settings.daysBefore)].sort((a, b) => b - a) };
  await writeWithAudit(ctx, actor, (trx) => putSetting(trx, REMINDER_SETTINGS_KEY, value), {
    action: 'plan.reminders.update',
    objectType: 'setting',
    objectId: REMINDER_SETTINGS_KEY,
    details: value,
  });
  return value;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Reminds the lead departments and responsible leaders of items due soon or overdue: once per item and
 * threshold (the nearest threshold reached), and while overdue once every `overdueEveryDays`.
 * Returns the number of reminders sent.
 */
export async function sendPlanReminders(ctx: AppContext, today = todayInShanghai()): Promise<number> {
  const settings = await getReminderSettings(ctx.db);
  if (!settings.enabled) return 0;
  const horizon = addDays(today, Math.max(0, ...settings.daysBefore));
  const items = await repo.itemsForReminders(ctx.db, horizon);
  let sent = 0;
  for (const item of items) {
    const remaining = daysBetween(today, item.deadlineDate!);
    let key: string;
    let body: string;
    if (remaining >= 0) {
      const reached = settings.daysBefore.filter((d) => remaining <= d);
      if (reached.length === 0) continue;
      key = `before:${Math.min(...reached)}`;
      body = remaining === 0 ? '今天到期' : `距完成时限还有 ${remaining} 天`;
    } else {
      key = `overdue:${Math.floor((-remaining - 1) / settings.overdueEveryDays)}`;
      body = `已逾期 ${-remaining} 天`;
    }
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.claimReminder(trx, item.id, key, nowIso()))) return;
      const [leaders, departments] = await Promise.all([repo.leadersOfItems(trx, [item.id]), repo.departmentsOfItems(trx, [item.id])]);
      const users = [
        ...(await userIdsOfDepartments(
          trx,
          departments.map((d) => d.id),
        )),
        ...(await userIdsOfMembers(
          trx,
          leaders.map((l) => l.id),
        )),
      ];
      await notifyUsers(ctx, trx, users, {
        kind: 'plan.reminder',
        title: `${item.year}年工作要点第 ${item.no} 项${remaining >= 0 ? '即将到期' : '已逾期'}`,
        body: `${body}（完成时限：${item.deadlineText ?? item.deadlineDate}）：${item.content.slice(0, 60)}`,
        link: `/plan/items/${item.id}`,
      });
      sent++;
    });
  }
  return sent;
}

/* ---------- import from the command line (and the bench) ---------- */

/**
 * Imports a plan file without a person in the loop: exact names, aliases and remembered mappings are
 * matched; `maps` (document name → organisation name) map others; what remains stays as text only.
 */
export async function importPlanFile(
  ctx: AppContext,
  actor: Actor,
  input: { buffer: Buffer; filename: string; year?: number; maps: Record<string, string> },
) {
  const parsed = await parseUpload({ buffer: input.buffer, filename: input.filename });
  const draft = toDraft(parsed);
  const year = input.year ?? draft.year;
  if (!year) throw badRequest('无法从文件中识别年度，请用 --year 指定');
  const index = await loadOrgIndex(ctx.db, draft);
  const names = matchPlanNames(index, draft);
  const mappings: PlanNameMapping[] = [];
  for (const [name, targetName] of Object.entries(input.maps)) {
    const matches = names.filter((n) => n.name === name);
    if (matches.length === 0) throw badRequest(`文件中没有名称「${name}」`);
    for (const match of matches) {
      const target = matchName(index, match.kind, targetName).targets[0];
      if (!target) throw badRequest(`找不到「${targetName}」，无法将「${name}」对应过去`);
      mappings.push({ kind: match.kind, name, action: 'map', targetKind: target.kind, recordId: target.id, remember: true });
    }
  }
  const result = await confirmImport(ctx, actor, {
    plan: { ...draft, year },
    mappings,
    sourceFileName: input.filename,
    replaceDraft: false,
  });
  return { ...result, warnings: parsed.warnings };
}
