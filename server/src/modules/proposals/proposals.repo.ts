import { sql, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import { PROPOSAL_STATES as PROPOSAL_STATE_LABELS } from '@xieshang/shared';
import type { Database, Executor } from '../../db/schema.js';
import { containsText, searchList, type DialectName } from '../../db/dialect/index.js';
import { inPageOrder, pageOfIds } from '../../db/paging.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { PROPOSAL_SEARCH, type ProposalTables } from './proposals.tables.js';
import { PROPOSAL } from './proposals.permissions.js';
import { getProposalSettings, type ProposalSettings } from './proposals.settings.js';

export type ProposalRow = Selectable<ProposalTables['proposals']>;
export type ProposerRow = Selectable<ProposalTables['proposalProposers']>;
export type AssignmentRow = Selectable<ProposalTables['proposalAssignments']>;
export type ReplyRow = Selectable<ProposalTables['proposalReplies']>;
export type AdviceRow = Selectable<ProposalTables['proposalAdvices']>;
export type EvaluationRow = Selectable<ProposalTables['proposalEvaluations']>;

/** A proposal with what its rules need: proposers, active assignments, this round's replies, advices and evaluations. */
export interface ProposalRecord extends ProposalRow {
  proposers: ProposerRow[];
  assignments: AssignmentRow[];
  replies: ReplyRow[];
  advices: AdviceRow[];
  evaluations: EvaluationRow[];
  /** Members asked to evaluate: this proposal's proposers and those of proposals merged into it. */
  evaluatorIds: string[];
  settings: ProposalSettings;
}

/** States a proposal is in once it has left the proposer's hands and been accepted for handling. */
export const HANDLED_STATES = [
  'registered',
  'assigned',
  'objected',
  'reply_review',
  'replied',
  'evaluated',
  'rehandling',
  'closed',
] as const;

const activeProposer = (p: ProposerRow) => p.role === 'lead' || p.confirmState === 'confirmed';

export async function loadProposal(db: Executor, id: string): Promise<ProposalRecord | undefined> {
  const row = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [proposers, assignments, replies, advices, evaluations, merged, settings] = await Promise.all([
    db.selectFrom('proposalProposers').selectAll().where('proposalId', '=', id).orderBy('sortOrder').execute(),
    db.selectFrom('proposalAssignments').selectAll().where('proposalId', '=', id).where('active', '=', 1).orderBy('role').execute(),
    db
      .selectFrom('proposalReplies')
      .selectAll()
      .where('proposalId', '=', id)
      .where('round', '=', row.round)
      .where('state', '!=', 'rejected')
      .execute(),
    db.selectFrom('proposalAdvices').selectAll().where('proposalId', '=', id).where('round', '=', row.round).execute(),
    db.selectFrom('proposalEvaluations').selectAll().where('proposalId', '=', id).where('round', '=', row.round).execute(),
    db
      .selectFrom('proposalProposers')
      .innerJoin('proposals', 'proposals.id', 'proposalProposers.proposalId')
      .selectAll('proposalProposers')
      .where('proposals.mergedIntoId', '=', id)
      .execute(),
    getProposalSettings(db),
  ]);
  const evaluatorIds = [...new Set([...proposers, ...merged].filter(activeProposer).map((p) => p.memberId))];
  return { ...row, proposers, assignments, replies, advices, evaluations, evaluatorIds, settings };
}

/** Whether the actor manages this proposal as proposal office staff (scope 'department' = the owning office). */
export function isOffice(actor: Actor, record: Pick<ProposalRow, 'departmentId'>): boolean {
  const scope = can(actor, PROPOSAL['proposal.manage']);
  if (scope === 'all') return true;
  return scope === 'department' && record.departmentId !== null && actor.departmentIds.includes(record.departmentId);
}

export function isProposer(actor: Actor, record: ProposalRecord): boolean {
  return Boolean(actor.memberId && record.proposers.some((p) => p.memberId === actor.memberId && p.confirmState !== 'refused'));
}

/** Drafts are the lead proposer's alone; after submission proposers, office, leaders and assigned units see it. */
export function canSee(actor: Actor, record: ProposalRecord): boolean {
  if (actor.system) return true;
  if (record.status === 'draft') return actor.memberId === record.leadMemberId && Boolean(can(actor, PROPOSAL['proposal.submit']));
  if (
    can(actor, PROPOSAL['proposal.submit']) &&
    (isProposer(actor, record) || (actor.memberId !== null && record.evaluatorIds.includes(actor.memberId)))
  )
    return true;
  if (isOffice(actor, record)) return true;
  if (can(actor, PROPOSAL['proposal.read']) === 'all') return true;
  return Boolean(can(actor, PROPOSAL['proposal.handle']) && actor.unitId && record.assignments.some((a) => a.unitId === actor.unitId));
}

/** The same visibility as canSee, as SQL, for lists. */
function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'proposals'>) => {
    const ors = [];
    const notDraft = eb('proposals.status', '!=', 'draft');
    if (can(actor, PROPOSAL['proposal.submit']) && actor.memberId) {
      const memberId = actor.memberId;
      ors.push(eb.and([eb('proposals.status', '=', 'draft'), eb('proposals.leadMemberId', '=', memberId)]));
      ors.push(
        eb.and([
          notDraft,
          eb.or([
            eb(
              'proposals.id',
              'in',
              eb
                .selectFrom('proposalProposers')
                .select('proposalId')
                .where('memberId', '=', memberId)
                .where('confirmState', '!=', 'refused'),
            ),
            eb(
              'proposals.id',
              'in',
              eb
                .selectFrom('proposals as m')
                .innerJoin('proposalProposers as mp', 'mp.proposalId', 'm.id')
                .select('m.mergedIntoId')
                .where('mp.memberId', '=', memberId)
                .where('m.mergedIntoId', 'is not', null),
            ),
          ]),
        ]),
      );
    }
    const manage = can(actor, PROPOSAL['proposal.manage']);
    if (manage === 'all' || can(actor, PROPOSAL['proposal.read']) === 'all') ors.push(notDraft);
    else if (manage === 'department' && actor.departmentIds.length)
      ors.push(eb.and([notDraft, eb('proposals.departmentId', 'in', actor.departmentIds)]));
    if (can(actor, PROPOSAL['proposal.handle']) && actor.unitId) {
      ors.push(
        eb(
          'proposals.id',
          'in',
          eb.selectFrom('proposalAssignments').select('proposalId').where('unitId', '=', actor.unitId).where('active', '=', 1),
        ),
      );
    }
    return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
  };
}

export interface ListFilter {
  status?: string[];
  termId?: string;
  category?: string;
  unitId?: string;
  kind?: string;
  isKey?: boolean;
  keyYear?: number;
  isExcellent?: boolean;
  mine?: boolean;
  q?: string;
  overdue?: boolean;
  today: string;
  page: number;
  pageSize: number;
}

/** "Mine": a subset of what the actor sees, written so that the member's proposer rows drive the query. */
function mine(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'proposals'>) => {
    const memberId = actor.memberId;
    if (!memberId || !can(actor, PROPOSAL['proposal.submit'])) return sql<SqlBool>`1 = 0`;
    return eb.and([
      eb(
        'proposals.id',
        'in',
        eb.selectFrom('proposalProposers').select('proposalId').where('memberId', '=', memberId).where('confirmState', '!=', 'refused'),
      ),
      eb.or([eb('proposals.status', '!=', 'draft'), eb('proposals.leadMemberId', '=', memberId)]),
    ]);
  };
}

function filtered(db: Executor, dialect: DialectName, actor: Actor, f: Omit<ListFilter, 'page' | 'pageSize'>) {
  let query = db.selectFrom('proposals').where(f.mine ? mine(actor) : visibleTo(actor));
  if (f.status?.length) query = query.where('proposals.status', 'in', f.status);
  if (f.termId) query = query.where('proposals.termId', '=', f.termId);
  if (f.category) query = query.where('proposals.category', '=', f.category);
  if (f.kind) query = query.where('proposals.kind', '=', f.kind as ProposalRow['kind']);
  if (f.isKey !== undefined) query = query.where('proposals.isKey', '=', f.isKey ? 1 : 0);
  if (f.keyYear) query = query.where('proposals.keyYear', '=', f.keyYear);
  if (f.isExcellent !== undefined) query = query.where('proposals.isExcellent', '=', f.isExcellent ? 1 : 0);
  if (f.unitId) {
    const unitId = f.unitId;
    query = query.where('proposals.id', 'in', (eb) =>
      eb.selectFrom('proposalAssignments').select('proposalId').where('unitId', '=', unitId).where('active', '=', 1),
    );
  }
  if (f.overdue)
    query = query.where('proposals.status', 'in', ['assigned', 'rehandling', 'objected']).where('proposals.dueDate', '<', f.today);
  // Every whitespace-separated word is a substring of subject, body or a proposer's name.
  return searchList(dialect, PROPOSAL_SEARCH, query, f.q);
}

/**
 * A page of the list and its bounded total. The page is chosen by id first, so that filtering, counting and
 * ordering read only indexes (proposals_filter_idx for what a search found, the list indexes otherwise);
 * the wide rows are read for the page alone.
 */
export async function listProposals(db: Executor, dialect: DialectName, actor: Actor, f: ListFilter) {
  const { query, newestFirst, readsAllMatches } = filtered(db, dialect, actor, f);
  const { ids: page, ...total } = await pageOfIds(db, query, newestFirst(query.select('proposals.id')), {
    page: f.page,
    pageSize: f.pageSize,
    readsAllMatches,
  });
  const rows = page.length
    ? await db
        .selectFrom('proposals')
        .select([
          'id',
          'termId',
          'number',
          'subject',
          'category',
          'kind',
          'session',
          'status',
          'leadMemberId',
          'collectiveOrgName',
          'dueDate',
          'isKey',
          'isExcellent',
          'submittedAt',
          'createdAt',
          'updatedAt',
        ])
        .where(
          'id',
          'in',
          page.map((p) => p.id),
        )
        .execute()
    : [];
  return { items: inPageOrder(page, rows), ...total };
}

export async function proposersOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('proposalProposers')
    .select(['proposalId', 'memberId', 'name', 'role', 'confirmState'])
    .where('proposalId', 'in', ids)
    .orderBy('sortOrder')
    .execute();
}

export async function assignmentsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('proposalAssignments').selectAll().where('proposalId', 'in', ids).where('active', '=', 1).execute();
}

/** Records in the given states visible to the actor (to-do candidates). */
export function candidateProposals(db: Executor, actor: Actor, states: string[]) {
  return db
    .selectFrom('proposals')
    .select('id')
    .where(visibleTo(actor))
    .where('status', 'in', states)
    .orderBy('updatedAt', 'desc')
    .limit(60)
    .execute();
}

/** Next number of a term: a counter row per term, incremented inside the registering transaction. */
export async function nextNumber(db: Executor, termId: string): Promise<number> {
  await db
    .insertInto('proposalCounters')
    .values({ termId, lastNumber: 0 })
    .onConflict((oc) => oc.column('termId').doNothing())
    .execute();
  const row = await db
    .updateTable('proposalCounters')
    .set((eb) => ({ lastNumber: eb('lastNumber', '+', 1) }))
    .where('termId', '=', termId)
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber;
}

export const listCategories = (db: Executor, activeOnly = true) => {
  let q = db.selectFrom('proposalCategories').select(['id', 'name', 'sortOrder', 'active']);
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sortOrder').orderBy('name').execute();
};

/** The current term (org's table, read here as ADR 0012 allows). */
export async function currentTermId(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('terms').select('id').orderBy('isCurrent', 'desc').orderBy('number', 'desc').limit(1).executeTakeFirst();
  return row?.id;
}

export const termsById = async (db: Executor) =>
  new Map((await db.selectFrom('terms').select(['id', 'name', 'number']).execute()).map((t) => [t.id, t]));

/** Members by name, pinyin or initials, for the co-signer picker (org's table, read as ADR 0012 allows). */
export function searchMembers(db: Executor, dialect: DialectName, q: string, limit = 20) {
  let query = db.selectFrom('members').select(['id', 'name', 'sectorId']).where('status', '=', 'active');
  if (q) {
    query = query.where((eb) =>
      eb.or([
        containsText(dialect, sql.ref('name'), q),
        containsText(dialect, sql.ref('pinyin'), q),
        containsText(dialect, sql.ref('pinyin_initials'), q),
      ]),
    );
  }
  return query.orderBy('strokeKey').limit(limit).execute();
}

export async function memberNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('members').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Department of the proposal office: the configured one, else the one named 专委会工作四室 or 提案…. */
export async function officeDepartmentId(db: Executor, configured: string | null): Promise<string | null> {
  if (configured) return configured;
  const rows = await db.selectFrom('departments').select(['id', 'name']).orderBy('sortOrder').execute();
  return (rows.find((d) => d.name === '专委会工作四室') ?? rows.find((d) => d.name.includes('提案')))?.id ?? null;
}

/** A term's proposals for similarity (drafts and withdrawn ones left out), without their text. */
export function similarityCandidates(db: Executor, termId: string, excludeId?: string) {
  let q = db
    .selectFrom('proposals')
    .select(['id', 'number', 'subject', 'status', 'updatedAt'])
    .where('termId', '=', termId)
    .where('status', 'not in', ['draft', 'withdrawn']);
  if (excludeId) q = q.where('id', '!=', excludeId);
  return q.execute();
}

/** The text similarity compares: subject and suggestions. */
export async function similarityTexts(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('proposals')
      .select(['id', 'subject', 'suggestions'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, `${r.subject}\n${r.suggestions}`);
  }
  return out;
}

/** States of a proposal that was put forward and stands (not a draft, withdrawn, returned or awaiting co-signers). */
const PUT_FORWARD_STATES = Object.keys(PROPOSAL_STATE_LABELS).filter(
  (s) => !['draft', 'awaiting_cosigners', 'withdrawn', 'returned'].includes(s),
);

/** The proposers' rows of proposals put forward in [from, to), confirmed, with the proposal's flags. */
function dutyProposals(db: Executor, range: { from: string; to: string }) {
  return db
    .selectFrom('proposalProposers as pp')
    .innerJoin('proposals as p', 'p.id', 'pp.proposalId')
    .where('p.submittedAt', '>=', range.from)
    .where('p.submittedAt', '<', range.to)
    .where('p.status', 'in', PUT_FORWARD_STATES)
    .where('pp.confirmState', '=', 'confirmed');
}

/** Counts per member and role (lead / cosigner): proposals, registered, key and excellent ones. */
export async function dutyProposalCounts(db: Executor, memberIds: string[] | 'all', range: { from: string; to: string }) {
  if (memberIds !== 'all' && memberIds.length === 0) return [];
  let q = dutyProposals(db, range)
    .select(['pp.memberId', 'pp.role'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('p.registeredAt').as('registered'),
      eb.fn.sum<number>('p.isKey').as('key'),
      eb.fn.sum<number>('p.isExcellent').as('excellent'),
    ])
    .groupBy(['pp.memberId', 'pp.role']);
  if (memberIds !== 'all') q = q.where('pp.memberId', 'in', memberIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    memberId: r.memberId,
    role: r.role,
    n: Number(r.n),
    registered: Number(r.registered),
    key: Number(r.key ?? 0),
    excellent: Number(r.excellent ?? 0),
  }));
}

/** One member's proposals put forward in [from, to), for the duty record's list. */
export function dutyProposalsOfMember(db: Executor, memberId: string, range: { from: string; to: string }) {
  return dutyProposals(db, range)
    .select(['p.id', 'p.subject', 'p.number', 'p.status', 'pp.role', 'p.submittedAt', 'p.registeredAt', 'p.isKey', 'p.isExcellent'])
    .where('pp.memberId', '=', memberId)
    .orderBy('p.submittedAt')
    .execute();
}
