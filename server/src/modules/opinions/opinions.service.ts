/**
 * Use cases of the opinions module (社情民意信息): writing and submitting reports, the office's handling
 * (through the workflow), bulletin issues (《社情民意》专刊), and the facts the performance module scores.
 */
import { OPINION_ADOPTION_LABELS, OPINION_LEVELS, OPINION_SOURCES, OPINION_STATES, BULLETIN_STATES } from '@xieshang/shared';
import type { Executor, Trx } from '../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { fieldError, forbidden, invalidState, notFound } from '../../platform/errors.js';
import { attachFiles, listAttachments } from '../../platform/files/files.routes.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { nowIso, todayInShanghai } from '../../platform/time.js';
import { allowedActions, history, performAction, recordTransition } from '../../platform/workflow/engine.js';
import { listLeaders, listParties, listSectors, membersByIds, userIdsOfDepartments, userIdsOfMembers } from '../org/org.service.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { OPINION } from './opinions.permissions.js';
import * as repo from './opinions.repo.js';
import type { CreateInput, UpdateInput } from './opinions.schema.js';
import { assertVisible, opinionWorkflow } from './opinions.workflow.js';

const stateLabel = (s: string) => OPINION_STATES[s as keyof typeof OPINION_STATES] ?? s;

/** Whether the actor oversees reports: office staff, or a leader who reads them all. */
export async function oversees(db: Executor, actor: Actor): Promise<boolean> {
  return can(actor, OPINION['opinion.read']) === 'all' || repo.isOfficeStaff(actor, await repo.officeDepartmentId(db));
}

async function requireOffice(db: Executor, actor: Actor): Promise<void> {
  if (!repo.isOfficeStaff(actor, await repo.officeDepartmentId(db))) throw forbidden('只有社情民意信息工作部门可以执行此操作');
}

async function checkCategory(db: Executor, category: string) {
  const categories = await repo.listCategories(db);
  if (!categories.some((c) => c.name === category)) throw fieldError('category', '类别', `「${category}」不是已设置的社情民意类别`);
}

async function resolveCoauthors(db: Executor, authorId: string | null, ids: string[] = []) {
  if (ids.length && !authorId) throw fieldError('coAuthorIds', '联名委员', '只有委员本人报送的信息可以添加联名委员');
  if (authorId && ids.includes(authorId)) throw fieldError('coAuthorIds', '联名委员', '作者本人不能同时是联名委员');
  if (new Set(ids).size !== ids.length) throw fieldError('coAuthorIds', '联名委员', '有重复');
  const members = await membersByIds(db, ids);
  if (members.length !== ids.length) throw fieldError('coAuthorIds', '联名委员', '有委员不存在');
  const names = await repo.memberNames(db, ids);
  return ids.map((id) => ({ id, name: names.get(id)! }));
}

/** Who the report comes from: the member writing it, or (office only) a party, sector or informant. */
async function resolveSource(db: Executor, actor: Actor, input: CreateInput) {
  const source = input.source ?? 'member';
  if (source === 'member') {
    if (!can(actor, OPINION['opinion.submit'])) throw forbidden();
    if (!actor.memberId) throw forbidden('只有委员账号可以本人报送社情民意信息；信息工作部门代为登记请选择信息来源');
    if (input.sourceOrgId || input.sourceName) throw fieldError('source', '信息来源', '委员本人报送时不填写来源单位或信息员');
    const name = (await repo.memberNames(db, [actor.memberId])).get(actor.memberId) ?? actor.displayName;
    return { source, authorMemberId: actor.memberId, sourceOrgId: null, sourceName: name };
  }
  await requireOffice(db, actor);
  if (source === 'informant') {
    if (!input.sourceName) throw fieldError('sourceName', '信息员姓名', '代特约信息员登记须填写其姓名');
    if (input.sourceOrgId) throw fieldError('sourceOrgId', '来源党派团体或界别', '特约信息员报送时不填写');
    return { source, authorMemberId: null, sourceOrgId: null, sourceName: input.sourceName };
  }
  if (!input.sourceOrgId) throw fieldError('sourceOrgId', '来源党派团体或界别', `请选择${OPINION_SOURCES[source]}`);
  const list = source === 'party' ? await listParties(db) : await listSectors(db);
  const found = list.find((x) => x.id === input.sourceOrgId);
  if (!found) throw fieldError('sourceOrgId', '来源党派团体或界别', `所选${OPINION_SOURCES[source]}不存在`);
  return { source, authorMemberId: null, sourceOrgId: found.id, sourceName: found.name };
}

export async function createOpinion(app: AppContext, actor: Actor, input: CreateInput): Promise<string> {
  const from = await resolveSource(app.db, actor, input);
  await checkCategory(app.db, input.category);
  const coauthors = await resolveCoauthors(app.db, from.authorMemberId, input.coAuthorIds);
  const departmentId = await repo.officeDepartmentId(app.db);
  const id = newId();
  const at = nowIso();
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await repo.insertReport(trx, {
        id,
        title: input.title,
        ...input.body,
        editedTitle: null,
        category: input.category,
        ...from,
        searchText: repo.searchText({ title: input.title, editedTitle: null, sourceName: from.sourceName }),
        departmentId,
        status: 'draft',
        year: null,
        submittedAt: null,
        acceptedAt: null,
        closedAt: null,
        declineReason: null,
        proposalId: null,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      });
      await repo.insertCoauthors(trx, id, coauthors, 0);
      await attachFiles(trx, actor.userId, input.fileIds ?? [], 'opinion_report', id);
    },
    { action: 'opinion.create', objectType: 'opinion_report', objectId: id, details: { title: input.title, source: from.source } },
  );
  return id;
}

/** The writer changes a draft or a returned report; after that only the office edits, as new versions. */
export async function updateOpinion(app: AppContext, actor: Actor, id: string, input: UpdateInput): Promise<void> {
  if (!can(actor, OPINION['opinion.submit'])) throw forbidden();
  const record = assertVisible(actor, await repo.loadOpinion(app.db, id));
  if (record.createdBy !== actor.userId) throw forbidden('只有撰写人可以修改');
  if (record.status !== 'draft' && record.status !== 'returned')
    throw invalidState(`社情民意信息当前状态为「${stateLabel(record.status)}」，不能修改`);
  if (input.category) await checkCategory(app.db, input.category);
  const coauthors = input.coAuthorIds ? await resolveCoauthors(app.db, record.authorMemberId, input.coAuthorIds) : undefined;
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await repo.updateReport(trx, id, {
        title: input.title ?? record.title,
        searchText: repo.searchText({ ...record, title: input.title ?? record.title }),
        situation: input.body?.situation ?? record.situation,
        analysis: input.body?.analysis ?? record.analysis,
        suggestions: input.body?.suggestions ?? record.suggestions,
        category: input.category ?? record.category,
      });
      if (coauthors) await repo.replaceCoauthors(trx, id, coauthors);
      await attachFiles(trx, actor.userId, input.fileIds ?? [], 'opinion_report', id);
    },
    { action: 'opinion.update', objectType: 'opinion_report', objectId: id, details: { fields: Object.keys(input) } },
  );
}

export async function getOpinion(app: AppContext, actor: Actor, id: string) {
  const record = assertVisible(actor, await repo.loadOpinion(app.db, id));
  const [timeline, versions, forwards, feedbacks, files, bulletins] = await Promise.all([
    history(app.db, opinionWorkflow, id),
    repo.versionsOfReport(app.db, id),
    repo.forwardsOfReport(app.db, id),
    repo.feedbacksOfReport(app.db, id),
    listAttachments(app.db, 'opinion_report', id),
    repo.bulletinsOfReport(app.db, id),
  ]);
  const original = { title: record.title, situation: record.situation, analysis: record.analysis, suggestions: record.suggestions };
  const latest = versions.at(-1);
  return {
    id: record.id,
    status: record.status,
    statusLabel: stateLabel(record.status),
    category: record.category,
    source: record.source,
    sourceLabel: OPINION_SOURCES[record.source],
    sourceName: record.sourceName,
    authorMemberId: record.authorMemberId,
    year: record.year,
    submittedAt: record.submittedAt,
    acceptedAt: record.acceptedAt,
    closedAt: record.closedAt,
    declineReason: record.declineReason,
    proposalId: record.proposalId,
    createdAt: record.createdAt,
    /** The text as the author submitted it: kept and shown however often the office edits. */
    original,
    /** The text in use: the latest edited version, else the original. */
    current: latest
      ? { title: latest.title, situation: latest.situation, analysis: latest.analysis, suggestions: latest.suggestions }
      : original,
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      situation: v.situation,
      analysis: v.analysis,
      suggestions: v.suggestions,
      editorName: v.editorName,
      note: v.note,
      createdAt: v.createdAt,
    })),
    coauthors: record.coauthors.map((c) => ({ memberId: c.memberId, name: c.name })),
    adoptions: record.adoptions.map((a) => ({ ...a, levelLabel: OPINION_ADOPTION_LABELS[a.level] })),
    forwards,
    instructions: record.instructions.map((i) => ({ ...i, levelLabel: OPINION_LEVELS[i.level] })),
    feedbacks,
    files,
    bulletins: bulletins.map((b) => ({ ...b, statusLabel: BULLETIN_STATES[b.status] })),
    history: timeline,
    allowedActions: allowedActions(opinionWorkflow, actor, record),
    canEdit: record.createdBy === actor.userId && ['draft', 'returned'].includes(record.status),
    canManage: repo.isOffice(actor, record),
  };
}

export async function listOpinions(app: AppContext, actor: Actor, filter: repo.ListFilter) {
  const result = await repo.listOpinions(app.db, app.dialect, actor, filter);
  const adoptions = await repo.adoptionsOf(
    app.db,
    result.items.map((i) => i.id),
  );
  return {
    total: result.total,
    totalCapped: result.totalCapped,
    // Added fields first: V8 builds `{ ...row, extra }` a property at a time (ADR 0008, decision 8).
    items: result.items.map((r) => ({
      statusLabel: stateLabel(r.status),
      sourceLabel: OPINION_SOURCES[r.source],
      adoptions: adoptions.filter((a) => a.reportId === r.id).map((a) => ({ level: a.level, label: OPINION_ADOPTION_LABELS[a.level] })),
      ...r,
    })),
  };
}

export const performOpinionAction = (app: AppContext, actor: Actor, id: string, action: string, input: unknown) =>
  performAction(app, opinionWorkflow, actor, id, action, input);

export async function meta(app: AppContext, actor: Actor) {
  const departmentId = await repo.officeDepartmentId(app.db);
  const office = repo.isOfficeStaff(actor, departmentId);
  const [categories, leaders, parties, sectors] = await Promise.all([
    repo.listCategories(app.db),
    listLeaders(app.db),
    office ? listParties(app.db) : [],
    office ? listSectors(app.db) : [],
  ]);
  return {
    categories: categories.map((c) => c.name),
    levels: Object.entries(OPINION_LEVELS).map(([value, label]) => ({ value, label })),
    sources: Object.entries(OPINION_SOURCES).map(([value, label]) => ({ value, label })),
    isOffice: office,
    parties: parties.map((p) => ({ id: p.id, name: p.name })),
    sectors: sectors.map((p) => ({ id: p.id, name: p.name })),
    leaders,
  };
}

export async function addCategory(app: AppContext, actor: Actor, name: string) {
  await requireOffice(app.db, actor);
  const existing = await repo.listCategories(app.db, false);
  if (existing.some((c) => c.name === name)) throw fieldError('name', '名称', '该类别已存在');
  const id = newId();
  await writeWithAudit(
    app,
    actor,
    (trx) => repo.insertCategory(trx, { id, name, sortOrder: existing.length + 1, active: 1, createdAt: nowIso() }),
    { action: 'opinion.category.add', objectType: 'opinion_category', objectId: id, details: { name } },
  );
  return id;
}

/**
 * 提案转社情民意: the proposals module calls this inside its convert transaction, so that the converted
 * proposal becomes a submitted report of its lead proposer (co-signers as co-authors), waiting for the office.
 * Returns the new report's id, which the proposal keeps as its link.
 */
export async function createOpinionFromProposal(
  app: AppContext,
  trx: Trx,
  actor: Actor,
  proposal: {
    id: string;
    subject: string;
    situation: string;
    analysis: string;
    suggestions: string;
    leadMemberId: string;
    leadName: string;
    coauthors: { memberId: string; name: string }[];
  },
): Promise<string> {
  const [categories, departmentId, authorUsers] = await Promise.all([
    repo.listCategories(trx),
    repo.officeDepartmentId(trx),
    userIdsOfMembers(trx, [proposal.leadMemberId]),
  ]);
  const id = newId();
  const at = nowIso();
  await repo.insertReport(trx, {
    id,
    // A proposal's subject (案由) has the same 50-character limit as a report's title.
    title: proposal.subject,
    situation: proposal.situation,
    analysis: proposal.analysis,
    suggestions: proposal.suggestions,
    editedTitle: null,
    // The office sets the category when it accepts the report.
    category: (categories.find((c) => c.name === '其他') ?? categories.at(-1))?.name ?? '其他',
    source: 'member',
    authorMemberId: proposal.leadMemberId,
    sourceOrgId: null,
    sourceName: proposal.leadName,
    departmentId,
    status: 'submitted',
    year: Number(todayInShanghai().slice(0, 4)),
    submittedAt: at,
    acceptedAt: null,
    closedAt: null,
    declineReason: null,
    searchText: repo.searchText({ title: proposal.subject, editedTitle: null, sourceName: proposal.leadName }),
    proposalId: proposal.id,
    // The lead proposer counts as its writer: they may withdraw it like one they submitted themselves.
    createdBy: authorUsers[0] ?? actor.userId,
    createdAt: at,
    updatedAt: at,
  });
  await repo.insertCoauthors(
    trx,
    id,
    proposal.coauthors.filter((c) => c.memberId !== proposal.leadMemberId).map((c) => ({ id: c.memberId, name: c.name })),
    0,
  );
  await recordTransition(trx, opinionWorkflow, actor, {
    recordId: id,
    action: 'submit',
    from: 'draft',
    to: 'submitted',
    comment: `由提案「${proposal.subject}」转来`,
  });
  await recordAudit(trx, app.dialect, actor, {
    action: 'opinion.convert',
    objectType: 'opinion_report',
    objectId: id,
    details: { proposalId: proposal.id },
  });
  if (departmentId)
    await notifyUsers(app, trx, await userIdsOfDepartments(trx, [departmentId]), {
      kind: 'opinion',
      title: `社情民意信息「${proposal.subject}」由提案转来，待受理`,
      body: '由提案转来，待受理',
      link: `/opinions/${id}`,
    });
  return id;
}

/* ---------- duty facts for the performance module ---------- */

/**
 * Duty facts of a year for the performance module, per credited member (author and co-authors): reports
 * put forward, adoptions per level, instructions. No permission check: the caller decides who may see whose record.
 */
export async function dutyFactsOfMembers(db: Executor, memberIds: string[] | 'all', year: number) {
  return repo.dutyCounts(db, memberIds, year);
}

/** One member's reports that count in a year, for the duty record's list. */
export async function dutyOpinionsOfMember(db: Executor, memberId: string, year: number) {
  const rows = await repo.dutyReportsOfMember(db, memberId, year);
  return rows.map((r) => ({
    id: r.id,
    title: r.editedTitle ?? r.title,
    status: r.status,
    statusLabel: stateLabel(r.status),
    submittedAt: r.submittedAt,
    adoptions: r.adoptions.map((a) => ({ ...a, label: OPINION_ADOPTION_LABELS[a.level] })),
    instructions: r.instructions,
    link: `/opinions/${r.id}`,
  }));
}

/* ---------- bulletin issues (《社情民意》专刊) ---------- */

const presentBulletin = (b: repo.BulletinRow) => ({ ...b, statusLabel: BULLETIN_STATES[b.status] });

export async function listBulletins(app: AppContext, actor: Actor, f: { year?: number; page: number; pageSize: number }) {
  if (!(await oversees(app.db, actor))) throw forbidden('只有信息工作部门和领导可以查看专刊');
  const { items, total } = await repo.listBulletins(app.db, f);
  return { items: items.map(presentBulletin), total };
}

export async function createBulletin(app: AppContext, actor: Actor, input: { title: string; issueDate: string; year?: number }) {
  await requireOffice(app.db, actor);
  const year = input.year ?? Number(input.issueDate.slice(0, 4));
  const id = newId();
  const at = nowIso();
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      const number = await repo.nextBulletinNumber(trx, year);
      await repo.insertBulletin(trx, {
        id,
        year,
        number,
        title: input.title,
        issueDate: input.issueDate,
        status: 'draft',
        publishedAt: null,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      });
      return number;
    },
    (number) => ({ action: 'opinion.bulletin.create', objectType: 'opinion_bulletin', objectId: id, details: { year, number } }),
  );
  return id;
}

async function visibleBulletin(app: AppContext, actor: Actor, id: string) {
  const bulletin = await repo.loadBulletin(app.db, id);
  if (!bulletin || !(await oversees(app.db, actor))) throw notFound('专刊');
  return bulletin;
}

export async function getBulletin(app: AppContext, actor: Actor, id: string) {
  const bulletin = await visibleBulletin(app, actor, id);
  const reports = await repo.bulletinReports(app.db, id);
  const office = repo.isOfficeStaff(actor, await repo.officeDepartmentId(app.db));
  return {
    ...presentBulletin(bulletin),
    reports: reports.map((r) => ({
      id: r.id,
      title: r.title,
      sourceName: r.sourceName,
      category: r.category,
      statusLabel: stateLabel(r.status),
    })),
    canEdit: office && bulletin.status === 'draft',
  };
}

/** Sets the reports of a draft issue, in the given order; only adopted (or closed after adoption) reports go in. */
export async function setBulletinItems(app: AppContext, actor: Actor, id: string, reportIds: string[]) {
  const bulletin = await visibleBulletin(app, actor, id);
  await requireOffice(app.db, actor);
  if (bulletin.status !== 'draft') throw invalidState('专刊已印发，不能再修改');
  if (new Set(reportIds).size !== reportIds.length) throw fieldError('reportIds', '社情民意信息', '有重复');
  const rows = await repo.statusesOf(app.db, reportIds);
  const adopted = new Set((await repo.adoptionsOf(app.db, reportIds)).map((a) => a.reportId));
  for (const [i, reportId] of reportIds.entries()) {
    const row = rows.find((r) => r.id === reportId);
    if (!row) throw fieldError(`reportIds.${i}`, '社情民意信息', `第 ${i + 1} 项不存在`);
    if (!adopted.has(reportId)) throw fieldError(`reportIds.${i}`, '社情民意信息', `第 ${i + 1} 项尚未采用，只有已采用的信息可以编入专刊`);
  }
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await repo.replaceBulletinItems(trx, id, reportIds);
      await repo.touchBulletin(trx, id);
    },
    { action: 'opinion.bulletin.items', objectType: 'opinion_bulletin', objectId: id, details: { reports: reportIds.length } },
  );
  return getBulletin(app, actor, id);
}

/** 印发: the issue becomes read-only; the authors of its reports are told. */
export async function publishBulletin(app: AppContext, actor: Actor, id: string) {
  const bulletin = await visibleBulletin(app, actor, id);
  await requireOffice(app.db, actor);
  if (bulletin.status !== 'draft') throw invalidState('专刊已印发');
  const reports = await repo.bulletinReports(app.db, id);
  if (reports.length === 0) throw invalidState('专刊中还没有社情民意信息，不能印发');
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      if (!(await repo.markBulletinPublished(trx, id))) throw invalidState('专刊刚被他人印发，请刷新');
      for (const r of reports) {
        const record = await repo.loadOpinion(trx, r.id);
        if (!record) continue;
        const members = [...(record.authorMemberId ? [record.authorMemberId] : []), ...record.coauthors.map((c) => c.memberId)];
        await notifyUsers(app, trx, [...(await userIdsOfMembers(trx, members)), record.createdBy], {
          kind: 'opinion',
          title: `社情民意信息「${r.title}」编入《社情民意》${bulletin.year}年第${bulletin.number}期`,
          body: `《社情民意》${bulletin.year}年第${bulletin.number}期已印发`,
          link: `/opinions/${r.id}`,
        });
      }
    },
    { action: 'opinion.bulletin.publish', objectType: 'opinion_bulletin', objectId: id, details: { reports: reports.length } },
  );
  return getBulletin(app, actor, id);
}

export async function bulletinForExport(app: AppContext, actor: Actor, id: string) {
  const bulletin = await visibleBulletin(app, actor, id);
  return { bulletin, reports: await repo.bulletinReports(app.db, id) };
}
