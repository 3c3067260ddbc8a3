import {
  ASSIGNMENT_ROLES,
  COLLECTIVE_ORG_TYPES,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  REPLY_CLASSES,
  SATISFACTION,
  DECLINE_GROUNDS,
  type Scope,
} from '@xieshang/shared';
import type { Executor } from '../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../platform/context.js';
import { fieldError, forbidden, invalidState, notFound } from '../../platform/errors.js';
import { attachFiles, listAttachments } from '../../platform/files/files.routes.js';
import { newId } from '../../platform/ids.js';
import { can, authorize, type Actor } from '../../platform/permissions/actor.js';
import { putSetting } from '../../platform/settings/settings.service.js';
import { nowIso, todayInShanghai } from '../../platform/time.js';
import { allowedActions, history, performAction } from '../../platform/workflow/engine.js';
import {
  listCommittees,
  listLeaders,
  listParties,
  listSectors,
  listUnits,
  membersByIds,
  plenariesOfTerm,
  plenaryOfTerm,
  unitNamesById,
} from '../org/org.service.js';
import { PROPOSAL } from './proposals.permissions.js';
import * as repo from './proposals.repo.js';
import type { CreateInput, UpdateInput } from './proposals.schema.js';
import { getProposalSettings, SETTINGS_KEY, type ProposalSettings } from './proposals.settings.js';
import { rankSimilar, VectorCache } from './proposals.similarity.js';
import type { ProposalTables } from './proposals.tables.js';
import { assertVisible, proposalWorkflow } from './proposals.workflow.js';

const vectors = new VectorCache();

const stateLabel = (s: string) => PROPOSAL_STATES[s as keyof typeof PROPOSAL_STATES] ?? s;

function requireMember(actor: Actor): string {
  authorize(actor, PROPOSAL['proposal.submit']);
  if (!actor.memberId) throw forbidden('只有委员账号可以提出提案');
  return actor.memberId;
}

/** Whether the actor works on proposals as office staff or reads them all as a leader. */
function canOversee(actor: Actor): boolean {
  return Boolean(can(actor, PROPOSAL['proposal.manage']) || can(actor, PROPOSAL['proposal.read']) === 'all');
}

function searchText(
  p: { subject: string; situation: string; analysis: string; suggestions: string; collectiveOrgName: string | null },
  names: string[],
) {
  return [p.subject, p.situation, p.analysis, p.suggestions, p.collectiveOrgName ?? '', ...names].join('\n');
}

async function resolveCollective(db: Executor, type: string | undefined, id: string | undefined): Promise<string | null> {
  if (!type || !id) throw fieldError('collectiveOrgId', '提案单位', '集体提案须选择以哪个党派团体、界别或专委会名义提出');
  const list = type === 'sector' ? await listSectors(db) : type === 'committee' ? await listCommittees(db) : await listParties(db);
  const found = list.find((x) => x.id === id);
  if (!found)
    throw fieldError('collectiveOrgId', '提案单位', `所选${COLLECTIVE_ORG_TYPES[type as keyof typeof COLLECTIVE_ORG_TYPES]}不存在`);
  return found.name;
}

async function checkCategory(db: Executor, category: string | undefined) {
  if (!category) return;
  const categories = await repo.listCategories(db);
  if (!categories.some((c) => c.name === category)) throw fieldError('category', '类别', `「${category}」不是已设置的提案类别`);
}

/** A plenary proposal may name the plenary session of the current term it was put forward at. */
async function resolveSession(db: Executor, termId: string, session: 'plenary' | 'interim' | undefined, plenaryId: string | undefined) {
  if (plenaryId) {
    if (session === 'interim') throw fieldError('plenaryId', '会议', '平时提出的提案不属于某次全体会议');
    if (!(await plenaryOfTerm(db, plenaryId, termId))) throw fieldError('plenaryId', '会议', '不是本届的全体会议');
  }
  return { plenaryId: plenaryId ?? null, session: session ?? (plenaryId ? 'plenary' : 'interim') };
}

async function resolveCosigners(db: Executor, leadId: string, kind: string, ids: string[] = []) {
  if (kind !== 'joint' && ids.length) throw fieldError('coSignerIds', '联名人', '只有联名提案可以添加联名人');
  if (kind === 'joint' && ids.length === 0) throw fieldError('coSignerIds', '联名人', '联名提案须至少选择一位联名人');
  if (ids.includes(leadId)) throw fieldError('coSignerIds', '联名人', '第一提案人不能同时是联名人');
  if (new Set(ids).size !== ids.length) throw fieldError('coSignerIds', '联名人', '有重复');
  const members = await membersByIds(db, ids);
  const names = await repo.memberNames(db, ids);
  if (members.length !== ids.length) throw fieldError('coSignerIds', '联名人', '有委员不存在');
  return ids.map((id) => ({ id, name: names.get(id)! }));
}

/** Co-signers invited to a proposal, waiting for their answer, listed after those already on it. */
const cosignerRows = (proposal: { id: string; createdAt: string }, cosigners: { id: string; name: string }[], firstSortOrder: number) =>
  cosigners.map((c, i) => ({
    proposalId: proposal.id,
    proposalCreatedAt: proposal.createdAt,
    memberId: c.id,
    name: c.name,
    role: 'cosigner' as const,
    confirmState: 'pending' as const,
    confirmedAt: null,
    sortOrder: firstSortOrder + i,
  }));

export async function createProposal(app: AppContext, actor: Actor, input: CreateInput): Promise<string> {
  const memberId = requireMember(actor);
  const termId = await repo.currentTermId(app.db);
  if (!termId) throw invalidState('尚未设置届次，请联系系统管理员');
  await checkCategory(app.db, input.category);
  const held = await resolveSession(app.db, termId, input.session, input.plenaryId);
  const cosigners = await resolveCosigners(app.db, memberId, input.kind, input.coSignerIds);
  const collectiveOrgName =
    input.kind === 'collective' ? await resolveCollective(app.db, input.collectiveOrgType, input.collectiveOrgId) : null;
  const settings = await getProposalSettings(app.db);
  const departmentId = await repo.officeDepartmentId(app.db, settings.officeDepartmentId);
  const leadName = (await repo.memberNames(app.db, [memberId])).get(memberId) ?? actor.displayName;
  const id = newId();
  const at = nowIso();
  const fields = {
    subject: input.subject,
    situation: input.body.situation,
    analysis: input.body.analysis,
    suggestions: input.body.suggestions,
    collectiveOrgName,
  };
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await repo.insertProposal(trx, {
        id,
        termId,
        ...held,
        number: null,
        ...fields,
        category: input.category ?? null,
        kind: input.kind,
        collectiveOrgType: input.kind === 'collective' ? (input.collectiveOrgType ?? null) : null,
        collectiveOrgId: input.kind === 'collective' ? (input.collectiveOrgId ?? null) : null,
        leadMemberId: memberId,
        departmentId,
        status: 'draft',
        round: 1,
        cosignDeadline: null,
        submittedAt: null,
        registeredAt: null,
        assignedAt: null,
        dueDate: null,
        repliedAt: null,
        closedAt: null,
        declineGround: null,
        mergedIntoId: null,
        convertedTo: null,
        convertedLink: null,
        isKey: 0,
        keyYear: null,
        supervisorMemberId: null,
        isExcellent: 0,
        excellentYear: null,
        isPublic: 1,
        searchText: searchText(fields, [leadName, ...cosigners.map((c) => c.name)]),
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      });
      await repo.insertProposers(trx, [
        {
          proposalId: id,
          proposalCreatedAt: at,
          memberId,
          name: leadName,
          role: 'lead',
          confirmState: 'confirmed',
          confirmedAt: at,
          sortOrder: 0,
        },
        ...cosignerRows({ id, createdAt: at }, cosigners, 1),
      ]);
      await attachFiles(trx, actor.userId, input.fileIds ?? [], 'proposal', id);
    },
    { action: 'proposal.create', objectType: 'proposal', objectId: id, details: { subject: input.subject, kind: input.kind } },
  );
  return id;
}

export async function updateProposal(app: AppContext, actor: Actor, id: string, input: UpdateInput): Promise<void> {
  const memberId = requireMember(actor);
  const record = assertVisible(actor, await repo.loadProposal(app.db, id));
  if (record.leadMemberId !== memberId) throw forbidden('只有第一提案人可以修改提案');
  if (record.status !== 'draft' && record.status !== 'returned')
    throw invalidState(`提案当前状态为「${stateLabel(record.status)}」，不能修改`);
  const kind = input.kind ?? record.kind;
  await checkCategory(app.db, input.category);
  const held = await resolveSession(
    app.db,
    record.termId,
    input.session ?? record.session,
    input.session === 'interim' ? input.plenaryId : (input.plenaryId ?? record.plenaryId ?? undefined),
  );
  const currentCosigners = record.proposers.filter((p) => p.role === 'cosigner').map((p) => p.memberId);
  const cosigners = await resolveCosigners(app.db, memberId, kind, input.coSignerIds ?? (kind === 'joint' ? currentCosigners : []));
  const collectiveOrgName =
    kind === 'collective'
      ? await resolveCollective(
          app.db,
          input.collectiveOrgType ?? record.collectiveOrgType ?? undefined,
          input.collectiveOrgId ?? record.collectiveOrgId ?? undefined,
        )
      : null;
  const fields = {
    subject: input.subject ?? record.subject,
    situation: input.body?.situation ?? record.situation,
    analysis: input.body?.analysis ?? record.analysis,
    suggestions: input.body?.suggestions ?? record.suggestions,
    collectiveOrgName,
  };
  const leadName = record.proposers.find((p) => p.role === 'lead')?.name ?? actor.displayName;
  await writeWithAudit(
    app,
    actor,
    async (trx) => {
      await repo.updateProposalRow(trx, id, {
        ...fields,
        kind,
        category: input.category ?? record.category,
        ...held,
        collectiveOrgType: kind === 'collective' ? (input.collectiveOrgType ?? record.collectiveOrgType) : null,
        collectiveOrgId: kind === 'collective' ? (input.collectiveOrgId ?? record.collectiveOrgId) : null,
        searchText: searchText(fields, [leadName, ...cosigners.map((c) => c.name)]),
      });
      const keep = new Set(cosigners.map((c) => c.id));
      const removed = currentCosigners.filter((m) => !keep.has(m));
      await repo.deleteProposers(trx, id, removed);
      const added = cosigners.filter((c) => !currentCosigners.includes(c.id));
      await repo.insertProposers(trx, cosignerRows(record, added, record.proposers.length));
      await attachFiles(trx, actor.userId, input.fileIds ?? [], 'proposal', id);
    },
    { action: 'proposal.update', objectType: 'proposal', objectId: id, details: { fields: Object.keys(input) } },
  );
}

export async function getProposal(app: AppContext, actor: Actor, id: string) {
  const record = assertVisible(actor, await repo.loadProposal(app.db, id));
  const oversee = canOversee(actor) || repo.isOffice(actor, record);
  const [timeline, units, allReplies, allAdvices, allEvaluations, supervisions, files, mergedFrom, terms, mergedInto, plenary] =
    await Promise.all([
      history(app.db, proposalWorkflow, id),
      listUnits(app.db),
      repo.repliesOfProposal(app.db, id),
      repo.advicesOfProposal(app.db, id),
      repo.evaluationsOfProposal(app.db, id),
      repo.supervisionsOfProposal(app.db, id),
      listAttachments(app.db, 'proposal', id),
      repo.proposalsMergedInto(app.db, id),
      repo.termsById(app.db),
      record.mergedIntoId ? repo.proposalNumberAndSubject(app.db, record.mergedIntoId) : undefined,
      record.plenaryId ? plenaryOfTerm(app.db, record.plenaryId, record.termId) : undefined,
    ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const isUnit = Boolean(actor.unitId && record.assignments.some((a) => a.unitId === actor.unitId));
  // Proposers see a reply once the office has approved it (or when no review is set up).
  const replies = allReplies.filter((r) => oversee || isUnit || r.state === 'submitted');
  const replyFiles = await Promise.all(replies.map((r) => listAttachments(app.db, 'proposal_reply', r.id)));
  const names = await repo.memberNames(app.db, [
    ...allEvaluations.map((e) => e.memberId),
    ...(record.supervisorMemberId ? [record.supervisorMemberId] : []),
  ]);
  // The list's summaries of proposers and units: the detail has them in full.
  const { evaluatorIds, proposerNames, handlingUnits, ...proposal } = record;
  return {
    ...proposal,
    settings: undefined,
    body: { situation: record.situation, analysis: record.analysis, suggestions: record.suggestions },
    statusLabel: stateLabel(record.status),
    kindLabel: PROPOSAL_KINDS[record.kind],
    termName: terms.get(record.termId)?.name ?? '',
    plenaryName: plenary?.name ?? null,
    supervisorName: record.supervisorMemberId ? (names.get(record.supervisorMemberId) ?? null) : null,
    evaluatorIds,
    overdue: Boolean(
      record.dueDate && ['assigned', 'rehandling', 'objected'].includes(record.status) && record.dueDate < todayInShanghai(),
    ),
    // The proposal's creation time on each proposer and assignment orders a member's and a unit's list; the
    // detail has it once.
    proposers: record.proposers.map(({ proposalCreatedAt, ...p }) => p),
    assignments: record.assignments.map(({ proposalCreatedAt, ...a }) => ({
      ...a,
      unitName: unitName.get(a.unitId) ?? '',
      roleLabel: ASSIGNMENT_ROLES[a.role],
    })),
    replies: replies.map((r, i) => ({
      ...r,
      unitName: unitName.get(r.unitId) ?? '',
      classLabel: REPLY_CLASSES[r.classification],
      files: replyFiles[i],
    })),
    advices: allAdvices.map((a) => ({ ...a, unitName: unitName.get(a.unitId) ?? '' })),
    evaluations: allEvaluations.map((e) => ({
      ...e,
      memberName: names.get(e.memberId) ?? '',
      satisfactionLabel: SATISFACTION[e.satisfaction],
    })),
    supervisions,
    files,
    mergedFrom: mergedFrom.map((m) => ({ ...m, statusLabel: stateLabel(m.status) })),
    mergedInto: mergedInto ?? null,
    history: timeline,
    allowedActions: allowedActions(proposalWorkflow, actor, record),
    canEdit: actor.memberId === record.leadMemberId && ['draft', 'returned'].includes(record.status),
    canManage: repo.isOffice(actor, record),
    canSupervise:
      repo.isOffice(actor, record) ||
      Boolean(can(actor, PROPOSAL['proposal.supervise']) && actor.memberId && actor.memberId === record.supervisorMemberId),
  };
}

export async function listProposals(app: AppContext, actor: Actor, filter: Omit<repo.ListFilter, 'today'>) {
  const today = todayInShanghai();
  const result = await repo.listProposals(app.db, app.dialect, actor, { today, ...filter });
  const [terms, unitName] = await Promise.all([repo.termsById(app.db), unitNamesById(app.db)]);
  return {
    total: result.total,
    totalCapped: result.totalCapped,
    // Added fields first: V8 builds `{ ...row, extra }` a property at a time (ADR 0008, decision 8).
    items: result.items.map((p) => ({
      statusLabel: stateLabel(p.status),
      kindLabel: PROPOSAL_KINDS[p.kind],
      termName: terms.get(p.termId)?.name ?? '',
      proposers: JSON.parse(p.proposerNames) as string[],
      units: (JSON.parse(p.handlingUnits) as [string, ProposalTables['proposalAssignments']['role'], string][]).map(
        ([unitId, role, dueDate]) => ({
          unitId,
          name: unitName.get(unitId) ?? '',
          role,
          dueDate,
        }),
      ),
      overdue: Boolean(p.dueDate && ['assigned', 'rehandling', 'objected'].includes(p.status) && p.dueDate < today),
      ...p,
      // The summaries as stored are not answered (undefined is left out of JSON); overriding a field of the
      // spread is fast, where an object rest copy (`{ a, ...rest }`) takes a slow path.
      proposerNames: undefined,
      handlingUnits: undefined,
    })),
  };
}

export const performProposalAction = (app: AppContext, actor: Actor, id: string, action: string, input: unknown) =>
  performAction(app, proposalWorkflow, actor, id, action, input);

export async function similarProposals(
  app: AppContext,
  actor: Actor,
  input: { subject: string; body?: string; termId?: string; excludeId?: string },
) {
  if (!can(actor, PROPOSAL['proposal.submit']) && !canOversee(actor)) throw forbidden();
  const termId = input.termId ?? (await repo.currentTermId(app.db));
  if (!termId) return { items: [] };
  const corpus = (await repo.similarityCandidates(app.db, termId)).filter((p) => p.id !== input.excludeId);
  const missing = corpus.filter((p) => !vectors.get(p.id, p.updatedAt));
  const texts = await repo.similarityTexts(
    app.db,
    missing.map((p) => p.id),
  );
  for (const p of missing) vectors.set(p.id, p.updatedAt, texts.get(p.id) ?? p.subject);
  const ranked = rankSimilar(`${input.subject}\n${input.body ?? ''}`, corpus, (p) => vectors.get(p.id, p.updatedAt), 5);
  return {
    items: ranked.map(({ item, score }) => ({
      id: item.id,
      number: item.number,
      subject: item.subject,
      status: item.status,
      statusLabel: stateLabel(item.status),
      score: Math.round(score * 100) / 100,
    })),
  };
}

async function officeRecord(app: AppContext, actor: Actor, id: string) {
  const record = assertVisible(actor, await repo.loadProposal(app.db, id));
  if (!repo.isOffice(actor, record)) throw forbidden('只有提案委办公室可以执行此操作');
  return record;
}

export async function setKey(
  app: AppContext,
  actor: Actor,
  id: string,
  input: { isKey: boolean; year?: number; supervisorMemberId?: string | null; comment?: string },
) {
  const record = await officeRecord(app, actor, id);
  if (input.isKey) {
    if (!(repo.HANDLED_STATES as readonly string[]).includes(record.status)) throw invalidState('只有已立案的提案可以确定为重点提案');
    if (!input.year) throw fieldError('year', '年度', '确定重点提案须填写年度');
    if (!input.supervisorMemberId) throw fieldError('supervisorMemberId', '督办领导', '确定重点提案须选择领衔督办的领导');
    const leaders = await listLeaders(app.db);
    if (!leaders.some((l) => l.id === input.supervisorMemberId))
      throw fieldError('supervisorMemberId', '督办领导', '须为主席会议成员或秘书长');
  }
  await writeWithAudit(
    app,
    actor,
    (trx) => repo.setKeyFlag(trx, id, input.isKey ? { year: input.year!, supervisorMemberId: input.supervisorMemberId! } : null),
    { action: 'proposal.key', objectType: 'proposal', objectId: id, details: input },
  );
}

export async function setExcellent(app: AppContext, actor: Actor, id: string, input: { isExcellent: boolean; year?: number }) {
  const record = await officeRecord(app, actor, id);
  if (input.isExcellent && !(repo.HANDLED_STATES as readonly string[]).includes(record.status))
    throw invalidState('只有已立案的提案可以评为优秀提案');
  if (input.isExcellent && !input.year) throw fieldError('year', '年度', '评选优秀提案须填写年度');
  await writeWithAudit(app, actor, (trx) => repo.setExcellentFlag(trx, id, input.isExcellent ? input.year! : null), {
    action: 'proposal.excellent',
    objectType: 'proposal',
    objectId: id,
    details: input,
  });
}

export async function setPublic(app: AppContext, actor: Actor, id: string, isPublic: boolean) {
  await officeRecord(app, actor, id);
  await writeWithAudit(app, actor, (trx) => repo.setPublicFlag(trx, id, isPublic), {
    action: 'proposal.publication',
    objectType: 'proposal',
    objectId: id,
    details: { isPublic },
  });
}

/** 督办: the office or the supervising leader records supervision meetings and notes on a key proposal. */
export async function addSupervision(
  app: AppContext,
  actor: Actor,
  id: string,
  input: { kind: 'meeting' | 'note'; date: string; content: string },
) {
  const record = assertVisible(actor, await repo.loadProposal(app.db, id));
  const supervisor = Boolean(can(actor, PROPOSAL['proposal.supervise']) && actor.memberId && actor.memberId === record.supervisorMemberId);
  if (!repo.isOffice(actor, record) && !supervisor) throw forbidden('只有提案委办公室或领衔督办的领导可以记录督办情况');
  if (!record.isKey) throw invalidState('只有重点提案需要记录督办情况');
  const rowId = newId();
  await writeWithAudit(
    app,
    actor,
    (trx) =>
      repo.insertSupervision(trx, {
        id: rowId,
        proposalId: id,
        kind: input.kind,
        date: input.date,
        content: input.content,
        authorName: actor.displayName,
        createdBy: actor.userId,
        createdAt: nowIso(),
      }),
    { action: 'proposal.supervise', objectType: 'proposal', objectId: id, details: { kind: input.kind, date: input.date } },
  );
  return rowId;
}

function requireManage(actor: Actor): Scope {
  return authorize(actor, PROPOSAL['proposal.manage']);
}

export async function meta(app: AppContext, actor: Actor) {
  const [categories, settings, units, leaders, terms, currentTermId] = await Promise.all([
    repo.listCategories(app.db),
    getProposalSettings(app.db),
    listUnits(app.db),
    listLeaders(app.db),
    repo.termsById(app.db),
    repo.currentTermId(app.db),
  ]);
  return {
    plenaries: currentTermId ? await plenariesOfTerm(app.db, currentTermId) : [],
    terms: [...terms.values()].sort((a, b) => b.number - a.number).map((t) => ({ id: t.id, name: t.name })),
    currentTermId: currentTermId ?? null,
    categories: categories.map((c) => c.name),
    declineGrounds: DECLINE_GROUNDS,
    settings,
    units: can(actor, PROPOSAL['proposal.manage']) ? units.map((u) => ({ id: u.id, name: u.name })) : [],
    leaders,
  };
}

export async function saveSettings(app: AppContext, actor: Actor, settings: ProposalSettings) {
  requireManage(actor);
  await writeWithAudit(app, actor, (trx) => putSetting(trx, SETTINGS_KEY, settings), {
    action: 'proposal.settings',
    objectType: 'setting',
    objectId: SETTINGS_KEY,
    details: settings,
  });
}

export async function addCategory(app: AppContext, actor: Actor, name: string) {
  requireManage(actor);
  const existing = await repo.listCategories(app.db, false);
  if (existing.some((c) => c.name === name)) throw fieldError('name', '名称', '该类别已存在');
  const id = newId();
  await writeWithAudit(
    app,
    actor,
    (trx) => repo.insertCategory(trx, { id, name, sortOrder: existing.length + 1, active: 1, createdAt: nowIso() }),
    { action: 'proposal.category.add', objectType: 'proposal_category', objectId: id, details: { name } },
  );
  return id;
}

export async function memberOptions(app: AppContext, actor: Actor, q: string) {
  requireMember(actor);
  const [members, sectors] = await Promise.all([repo.searchMembers(app.db, app.dialect, q), listSectors(app.db)]);
  const sectorName = new Map(sectors.map((s) => [s.id, s.name]));
  return {
    items: members
      .filter((m) => m.id !== actor.memberId)
      .map((m) => ({ id: m.id, name: m.name, sector: m.sectorId ? (sectorName.get(m.sectorId) ?? null) : null })),
  };
}

export async function requireVisible(app: AppContext, actor: Actor, id: string) {
  const record = await repo.loadProposal(app.db, id);
  if (!record || !repo.canSee(actor, record)) throw notFound('提案');
  return record;
}

/** The first instant of a calendar year in Shanghai, as the UTC text proposals are stored with. */
const shanghaiYearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();

/**
 * Duty facts for the performance module, over proposals put forward (submitted) in the year (Shanghai
 * calendar) and standing: per member and role (lead / cosigner, confirmed), how many, how many registered
 * (立案), key and excellent. No permission check: the caller decides who may see whose record.
 */
export async function dutyFactsOfMembers(db: Executor, memberIds: string[] | 'all', year: number) {
  return repo.dutyProposalCounts(db, memberIds, { from: shanghaiYearStart(year), to: shanghaiYearStart(year + 1) });
}

/** One member's proposals (as lead or confirmed co-signer) put forward in a year, for the duty record's list. */
export async function dutyProposalsOfMember(db: Executor, memberId: string, year: number) {
  return repo.dutyProposalsOfMember(db, memberId, { from: shanghaiYearStart(year), to: shanghaiYearStart(year + 1) });
}
