/**
 * Use cases of the performance module (委员履职档案, 履职评价, 积分, 履职作业).
 *
 * Facts come from the activities, proposals and opinions modules through their exported functions, counted in SQL per
 * member; points are computed here from the rules (data), at the time of asking: a rule change applies to every
 * record and evaluation computed afterwards, and is in the audit trail.
 */
import { z } from 'zod';
import {
  COUNTED_FACT_KINDS,
  DEFAULT_PASS_THRESHOLD,
  ENTRY_STATES,
  FACT_KINDS,
  MANUAL_FACT_KINDS,
  type EvaluationRow,
  type FactKind,
  type ManualFactKind,
} from '@xieshang/shared';
import type { Executor } from '../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { fieldError, forbidden, notFound } from '../../platform/errors.js';
import { toXlsx, type ExcelColumn } from '../../platform/export/excel.js';
import { newId } from '../../platform/ids.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { authorize, can, type Actor } from '../../platform/permissions/actor.js';
import { getSetting, putSetting } from '../../platform/settings/settings.service.js';
import { nowIso } from '../../platform/time.js';
import { allowedActions, history } from '../../platform/workflow/engine.js';
import { dutyDetailsOfMember, dutyFactsOfMembers as activityFacts } from '../activities/activities.service.js';
import { findMemberWithNames, listMembers as listOrgMembers } from '../org/members.repo.js';
import { userIdsOfMembers } from '../org/org.service.js';
import { dutyFactsOfMembers as proposalFacts, dutyProposalsOfMember } from '../proposals/proposals.service.js';
import { dutyFactsOfMembers as opinionFacts, dutyOpinionsOfMember } from '../opinions/opinions.service.js';
import { PERF } from './performance.permissions.js';
import * as repo from './performance.repo.js';
import { canSeeEntry, checkEntryPoints, entryWorkflow } from './performance.workflow.js';

export const performanceSettingsSchema = z.strictObject({
  /** Below this many points in a year a member is flagged (履职不达标提醒). */
  threshold: z.number().int().min(0).max(1000),
});
export type PerformanceSettings = z.infer<typeof performanceSettingsSchema>;
const SETTINGS_KEY = 'performance.settings';
const getSettings = (db: Executor) => getSetting(db, SETTINGS_KEY, performanceSettingsSchema, { threshold: DEFAULT_PASS_THRESHOLD });

const label = (kind: string) => FACT_KINDS[kind as FactKind] ?? kind;
const isManual = (kind: string) => kind in MANUAL_FACT_KINDS;

/* ---------- rules ---------- */

export async function listRules(ctx: AppContext, actor: Actor) {
  authorize(actor, PERF['performance.read']);
  const [rows, settings] = await Promise.all([repo.listRulesWithEditors(ctx.db), getSettings(ctx.db)]);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const items = (Object.keys(FACT_KINDS) as FactKind[])
    .filter((k) => byKind.has(k))
    .map((kind) => {
      const r = byKind.get(kind)!;
      return {
        kind,
        label: label(kind),
        manual: isManual(kind),
        points: r.points,
        cap: r.cap,
        updatedAt: r.updatedAt,
        updatedByName: r.updatedByName,
      };
    });
  return { items, threshold: settings.threshold };
}

export async function updateRule(ctx: AppContext, actor: Actor, kind: string, input: { points: number; cap: number | null }) {
  authorize(actor, PERF['performance.rules.manage']);
  const before = await repo.findRule(ctx.db, kind);
  if (!before) throw notFound('积分规则');
  if (isManual(kind) && input.points < 0) throw fieldError('points', '积分', '手工登记的履职每项积分不能为负数');
  await writeWithAudit(
    ctx,
    actor,
    (trx) => repo.updateRule(trx, kind, { ...input, updatedBy: actor.userId || null, updatedAt: nowIso() }),
    {
      action: 'performance.rule.update',
      objectType: 'performance_rule',
      objectId: kind,
      details: { before: { points: before.points, cap: before.cap }, after: input },
    },
  );
  cacheOf(ctx).clear();
  return (await listRules(ctx, actor)).items.find((r) => r.kind === kind)!;
}

export async function saveSettings(ctx: AppContext, actor: Actor, settings: PerformanceSettings) {
  authorize(actor, PERF['performance.rules.manage']);
  const before = await getSettings(ctx.db);
  await writeWithAudit(ctx, actor, (trx) => putSetting(trx, SETTINGS_KEY, settings), {
    action: 'performance.settings.update',
    objectType: 'setting',
    objectId: SETTINGS_KEY,
    details: { before, after: settings },
  });
  cacheOf(ctx).clear();
  return settings;
}

/* ---------- scoring ---------- */

type Counts = Partial<Record<FactKind, { n: number; points?: number }>>;

export interface ScoredKind {
  kind: FactKind;
  label: string;
  count: number;
  /** Points before the cap. */
  raw: number;
  /** Points that count, after the yearly cap. */
  points: number;
  capped: boolean;
}

/** The points of one member's year: per kind, count × points (manual kinds: the entries' own points), capped. */
export function score(rules: repo.RuleRow[], counts: Counts): { kinds: ScoredKind[]; total: number } {
  const kinds: ScoredKind[] = [];
  let total = 0;
  for (const rule of rules) {
    const kind = rule.kind as FactKind;
    const c = counts[kind];
    const count = c?.n ?? 0;
    const raw = isManual(kind) ? (c?.points ?? 0) : count * rule.points;
    const points = rule.cap === null ? raw : raw >= 0 ? Math.min(raw, rule.cap) : Math.max(raw, -rule.cap);
    kinds.push({ kind, label: label(kind), count, raw, points, capped: points !== raw });
    total += points;
  }
  return { kinds, total };
}

/** The counts of every kind per member, from the activities, proposals and opinions modules and the approved entries. */
async function countsOf(db: Executor, memberIds: string[] | 'all', year: number): Promise<Map<string, Counts>> {
  const [acts, props, opinions, entries] = await Promise.all([
    activityFacts(db, memberIds, year),
    proposalFacts(db, memberIds, year),
    opinionFacts(db, memberIds, year),
    repo.approvedEntryCounts(db, memberIds, year),
  ]);
  const out = new Map<string, Counts>();
  const add = (memberId: string, kind: FactKind, n: number, points = 0) => {
    if (n === 0) return;
    const counts = out.get(memberId) ?? {};
    const c = counts[kind] ?? { n: 0, points: 0 };
    c.n += n;
    c.points = (c.points ?? 0) + points;
    counts[kind] = c;
    out.set(memberId, counts);
  };
  const attendanceKind: Record<string, FactKind> = {
    present: 'activity_attended',
    late: 'activity_attended',
    leave: 'activity_leave',
    absent: 'activity_absent',
  };
  for (const r of acts.attendance) if (attendanceKind[r.attendance]) add(r.memberId, attendanceKind[r.attendance]!, r.n);
  for (const r of acts.speeches) add(r.memberId, 'speech', r.n);
  for (const r of props) {
    if (r.role === 'lead') {
      add(r.memberId, 'proposal_lead', r.n);
      add(r.memberId, 'proposal_registered', r.registered);
      add(r.memberId, 'proposal_key', r.key);
      add(r.memberId, 'proposal_excellent', r.excellent);
    } else {
      add(r.memberId, 'proposal_cosign', r.n);
    }
  }
  const opinionKind: Record<string, FactKind> = {
    submitted: 'opinion_submitted',
    district: 'opinion_adopted_district',
    city: 'opinion_adopted_city',
    national: 'opinion_adopted_national',
    instructed: 'opinion_instructed',
  };
  for (const r of opinions) add(r.memberId, opinionKind[r.kind]!, r.n);
  for (const r of entries) add(r.memberId, r.kind as FactKind, r.n, r.points);
  return out;
}

const orderedRules = async (db: Executor) => {
  const rows = await repo.listRules(db);
  const order = Object.keys(FACT_KINDS);
  return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
};

interface Evaluation {
  rows: EvaluationRow[];
  threshold: number;
  computedAt: string;
}

/**
 * The whole committee's evaluation of a year, kept for a short while so that a member's record can say its
 * rank without recounting everyone (the record's own total is always counted afresh). Writes of this module
 * clear it in this process; facts of other modules, and writes on other nodes, show in the rank within
 * EVALUATION_TTL_MS. One cache per database, so that platforms sharing a process do not see each other's.
 */
const evaluations = new WeakMap<object, Map<number, { at: number; value: Promise<Evaluation> }>>();
const EVALUATION_TTL_MS = 60_000;

function cacheOf(ctx: AppContext) {
  let cache = evaluations.get(ctx.db);
  if (!cache) evaluations.set(ctx.db, (cache = new Map()));
  return cache;
}

async function computeEvaluation(ctx: AppContext, year: number): Promise<Evaluation> {
  const [members, counts, rules, settings] = await Promise.all([
    listOrgMembers(ctx.db, ctx.dialect, { status: 'active' }),
    countsOf(ctx.db, 'all', year),
    orderedRules(ctx.db),
    getSettings(ctx.db),
  ]);
  const rows: EvaluationRow[] = members.map((m) => {
    const c = counts.get(m.id) ?? {};
    const n = (k: FactKind) => c[k]?.n ?? 0;
    const manual = (Object.keys(MANUAL_FACT_KINDS) as ManualFactKind[]).reduce((sum, k) => sum + n(k), 0);
    return {
      memberId: m.id,
      name: m.name,
      sectorId: m.sectorId,
      sectorName: m.sectorName,
      attended: n('activity_attended'),
      leave: n('activity_leave'),
      absent: n('activity_absent'),
      speeches: n('speech'),
      proposalsLead: n('proposal_lead'),
      proposalsCosign: n('proposal_cosign'),
      proposalsRegistered: n('proposal_registered'),
      opinionsSubmitted: n('opinion_submitted'),
      opinionsAdopted: n('opinion_adopted_district') + n('opinion_adopted_city') + n('opinion_adopted_national'),
      other: manual + n('speech'),
      total: score(rules, c).total,
      rank: 0,
      belowThreshold: false,
    };
  });
  // Competition ranking (1, 2, 2, 4) by total; members stay in stroke order within a total.
  const totals = rows.map((r) => r.total).sort((a, b) => b - a);
  const firstPlace = new Map<number, number>();
  totals.forEach((total, i) => firstPlace.has(total) || firstPlace.set(total, i + 1));
  for (const r of rows) {
    r.rank = firstPlace.get(r.total)!;
    r.belowThreshold = r.total < settings.threshold;
  }
  return { rows, threshold: settings.threshold, computedAt: nowIso() };
}

function evaluationOf(ctx: AppContext, year: number, fresh = false): Promise<Evaluation> {
  const cache = cacheOf(ctx);
  const cached = cache.get(year);
  if (!fresh && cached && Date.now() - cached.at < EVALUATION_TTL_MS) return cached.value;
  const value = computeEvaluation(ctx, year);
  cache.set(year, { at: Date.now(), value });
  value.catch(() => cache.delete(year));
  return value;
}

export interface EvaluationQuery {
  year: number;
  sectorId?: string;
  committeeId?: string;
  /** 1: only the members below the threshold. */
  belowOnly?: number;
  order: 'desc' | 'asc';
  page: number;
  pageSize: number;
}

async function selectedRows(ctx: AppContext, actor: Actor, q: Omit<EvaluationQuery, 'page' | 'pageSize'>) {
  authorize(actor, PERF['performance.evaluate']);
  const evaluation = await evaluationOf(ctx, q.year, true);
  let rows = evaluation.rows;
  if (q.sectorId) rows = rows.filter((r) => r.sectorId === q.sectorId);
  if (q.committeeId) {
    const inCommittee = new Set(
      (await listOrgMembers(ctx.db, ctx.dialect, { committeeId: q.committeeId, status: 'active' })).map((m) => m.id),
    );
    rows = rows.filter((r) => inCommittee.has(r.memberId));
  }
  if (q.belowOnly) rows = rows.filter((r) => r.belowThreshold);
  const sign = q.order === 'asc' ? 1 : -1;
  rows = [...rows].sort((a, b) => sign * (a.total - b.total));
  return { evaluation, rows };
}

/** Histogram buckets of totals, for the distribution chart: ten points wide, below zero together. */
function distribution(rows: EvaluationRow[]) {
  const buckets = new Map<number, number>();
  for (const r of rows) {
    const b = r.total < 0 ? -10 : Math.floor(r.total / 10) * 10;
    buckets.set(b, (buckets.get(b) ?? 0) + 1);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([from, count]) => ({ label: from < 0 ? '0 分以下' : `${from}–${from + 9}`, from, count }));
}

export async function evaluation(ctx: AppContext, actor: Actor, q: EvaluationQuery) {
  const { evaluation, rows } = await selectedRows(ctx, actor, q);
  const start = (q.page - 1) * q.pageSize;
  return {
    year: q.year,
    threshold: evaluation.threshold,
    computedAt: evaluation.computedAt,
    total: rows.length,
    belowCount: rows.filter((r) => r.belowThreshold).length,
    average: rows.length ? Math.round((rows.reduce((s, r) => s + r.total, 0) / rows.length) * 10) / 10 : 0,
    distribution: distribution(rows),
    items: rows.slice(start, start + q.pageSize),
  };
}

/** The evaluation as an Excel sheet in the customary columns. */
export async function evaluationXlsx(ctx: AppContext, actor: Actor, q: Omit<EvaluationQuery, 'page' | 'pageSize'>) {
  const { rows } = await selectedRows(ctx, actor, q);
  type Row = EvaluationRow & { no: number };
  const columns: ExcelColumn<Row>[] = [
    { header: '序号', width: 6, value: (r) => r.no },
    { header: '姓名', width: 12, value: (r) => r.name },
    { header: '界别', width: 16, value: (r) => r.sectorName ?? '' },
    { header: '出席活动', width: 10, value: (r) => r.attended },
    { header: '请假', width: 8, value: (r) => r.leave },
    { header: '缺席', width: 8, value: (r) => r.absent },
    { header: '提案（领衔/附议/立案）', width: 22, value: (r) => `${r.proposalsLead}/${r.proposalsCosign}/${r.proposalsRegistered}` },
    { header: '社情民意（报送/采用）', width: 22, value: (r) => `${r.opinionsSubmitted}/${r.opinionsAdopted}` },
    { header: '其他履职', width: 10, value: (r) => r.other },
    { header: '积分', width: 8, value: (r) => r.total },
  ];
  return toXlsx(
    `${q.year}年度委员履职评价`,
    columns,
    rows.map((r, i) => ({ ...r, no: i + 1 })),
  );
}

/** Notifies the members below the threshold (履职不达标提醒), within the selection; answers how many were told. */
export async function remindBelowThreshold(ctx: AppContext, actor: Actor, q: { year: number; sectorId?: string; committeeId?: string }) {
  authorize(actor, PERF['performance.entry.manage']);
  const { evaluation, rows } = await selectedRows(ctx, actor, { ...q, order: 'asc' });
  const below = rows.filter((r) => r.belowThreshold);
  return writeWithAudit(
    ctx,
    actor,
    async (trx) => {
      for (const r of below) {
        await notifyUsers(ctx, trx, await userIdsOfMembers(trx, [r.memberId]), {
          kind: 'performance',
          title: `${q.year}年度履职提醒`,
          body: `您 ${q.year} 年度的履职积分为 ${r.total} 分，低于 ${evaluation.threshold} 分的达标线。请积极参加活动、提交提案、完成履职作业。`,
          link: `/performance/record?year=${q.year}`,
        });
      }
      return { notified: below.length };
    },
    { action: 'performance.remind', objectType: 'performance_evaluation', objectId: String(q.year), details: { members: below.length } },
  );
}

/* ---------- a member's record ---------- */

export async function memberRecord(ctx: AppContext, actor: Actor, memberId: string, year: number) {
  const scope = can(actor, PERF['performance.read']);
  if (!scope || (scope !== 'all' && actor.memberId !== memberId)) throw notFound('委员履职档案');
  const member = await findMemberWithNames(ctx.db, memberId);
  if (!member) throw notFound('委员履职档案');
  const [counts, rules, details, proposals, opinions, entries, settings] = await Promise.all([
    countsOf(ctx.db, [memberId], year),
    orderedRules(ctx.db),
    dutyDetailsOfMember(ctx.db, memberId, year),
    dutyProposalsOfMember(ctx.db, memberId, year),
    dutyOpinionsOfMember(ctx.db, memberId, year),
    repo.entriesOfMember(ctx.db, memberId, year, 200),
    getSettings(ctx.db),
  ]);
  const scored = score(rules, counts.get(memberId) ?? {});
  const all = await evaluationOf(ctx, year);
  const rank = all.rows.filter((r) => r.total > scored.total).length + 1;
  const byType = new Map<string, { typeName: string; attended: number; leave: number; absent: number }>();
  for (const e of details.events) {
    const t = byType.get(e.typeName) ?? { typeName: e.typeName, attended: 0, leave: 0, absent: 0 };
    if (e.attendance === 'present' || e.attendance === 'late') t.attended++;
    else if (e.attendance === 'leave') t.leave++;
    else if (e.attendance === 'absent') t.absent++;
    byType.set(e.typeName, t);
  }
  return {
    member: { id: member.id, name: member.name, sectorName: member.sectorName },
    year,
    total: scored.total,
    rank,
    memberCount: all.rows.length,
    threshold: settings.threshold,
    belowThreshold: scored.total < settings.threshold,
    kinds: scored.kinds.filter((k) => k.count > 0 || k.kind in COUNTED_FACT_KINDS),
    activityTypes: [...byType.values()],
    events: details.events.map((e) => ({
      eventId: e.eventId,
      title: e.title,
      typeName: e.typeName,
      startsAt: e.startsAt,
      attendance: e.attendance,
      link: `/activities/events/${e.eventId}`,
    })),
    speeches: details.speeches.map((s) => ({ ...s, link: `/activities/events/${s.eventId}` })),
    proposals: proposals.map((p) => ({
      id: p.id,
      subject: p.subject,
      number: p.number,
      role: p.role,
      registered: p.registeredAt !== null,
      isKey: p.isKey === 1,
      isExcellent: p.isExcellent === 1,
      submittedAt: p.submittedAt,
      link: `/proposals/${p.id}`,
    })),
    opinions,
    entries: entries.map(presentEntry),
  };
}

/* ---------- manual entries ---------- */

function presentEntry(e: repo.EntryRecord) {
  return {
    id: e.id,
    memberId: e.memberId,
    memberName: e.memberName,
    year: e.year,
    kind: e.kind,
    kindLabel: label(e.kind),
    date: e.date,
    description: e.description,
    points: e.points,
    status: e.status,
    statusLabel: ENTRY_STATES[e.status],
    rejectReason: e.rejectReason,
    createdAt: e.createdAt,
    link: `/performance/entries/${e.id}`,
  };
}

export interface EntryInput {
  memberId?: string;
  kind: ManualFactKind;
  date: string;
  description: string;
  points: number;
}

/** Staff record an entry, counted at once; a member submits their own, counted when staff approve it. */
export async function createEntry(ctx: AppContext, actor: Actor, input: EntryInput) {
  const staff = Boolean(can(actor, PERF['performance.entry.manage']));
  let memberId: string;
  if (staff) {
    if (!input.memberId) throw fieldError('memberId', '委员', '请选择委员');
    memberId = input.memberId;
  } else {
    if (!can(actor, PERF['performance.entry.submit']) || !actor.memberId) throw forbidden('只有委员本人可以申报履职');
    if (input.memberId && input.memberId !== actor.memberId) throw forbidden('委员只能申报本人的履职');
    memberId = actor.memberId;
  }
  const member = await findMemberWithNames(ctx.db, memberId);
  if (!member) throw fieldError('memberId', '委员', '委员不存在');
  await checkEntryPoints(ctx.db, input.kind, input.points);
  const at = nowIso();
  const row: repo.EntryRow = {
    id: newId(),
    memberId,
    year: Number(input.date.slice(0, 4)),
    kind: input.kind,
    date: input.date,
    description: input.description,
    points: input.points,
    status: staff ? 'approved' : 'submitted',
    rejectReason: null,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  };
  await writeWithAudit(ctx, actor, (trx) => repo.insertEntry(trx, row), {
    action: staff ? 'performance.entry.record' : 'performance.entry.submit',
    objectType: 'performance_entry',
    objectId: row.id,
    details: { memberId, kind: row.kind, points: row.points },
  });
  cacheOf(ctx).clear();
  return getEntry(ctx, actor, row.id);
}

export async function getEntry(ctx: AppContext, actor: Actor, id: string) {
  const entry = await repo.loadEntry(ctx.db, id);
  if (!entry || !canSeeEntry(actor, entry)) throw notFound('履职申报');
  return {
    ...presentEntry(entry),
    allowedActions: allowedActions(entryWorkflow, actor, entry),
    history: await history(ctx.db, entryWorkflow, id),
  };
}

export async function listEntries(
  ctx: AppContext,
  actor: Actor,
  f: { year?: number; status?: string; memberId?: string; page: number; pageSize: number },
) {
  let memberId = f.memberId;
  if (!can(actor, PERF['performance.entry.manage'])) {
    if (!can(actor, PERF['performance.entry.submit']) || !actor.memberId) throw forbidden();
    memberId = actor.memberId;
  }
  const { items, ...total } = await repo.listEntries(
    ctx.db,
    { year: f.year, status: f.status, memberId },
    { page: f.page, pageSize: f.pageSize },
  );
  return { items: items.map(presentEntry), ...total };
}

/** After an action on an entry: the evaluation counts approved entries, so it is computed anew. */
export function entryChanged(ctx: AppContext): void {
  cacheOf(ctx).clear();
}
