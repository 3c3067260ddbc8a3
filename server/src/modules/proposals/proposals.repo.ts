import { sql, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import { PROPOSAL_STATES as PROPOSAL_STATE_LABELS } from '@xieshang/shared';
import type { Database, Executor } from '../../db/schema.js';
import {
  containsText,
  likePattern,
  rememberWhileUnchanged,
  matchesPattern,
  searchList,
  searchOrder,
  searchTerms,
  type DialectName,
  type SearchTerms,
} from '../../db/dialect/index.js';
import { pageOfIds, pageOfRows, rowsOfPage } from '../../db/paging.js';
import { actorShape, asActor, executeForIds, shapeKey } from '../../db/query-shapes.js';
import { can, type Actor } from '../../platform/permissions/actor.js';
import { nowIso } from '../../platform/time.js';
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

/** The proposals a member leads or co-signs (not refused): the member's proposer rows. */
const proposalsOfMember = (eb: ExpressionBuilder<Database, 'proposals'>, memberId: string) =>
  eb.selectFrom('proposalProposers').select('proposalId').where('memberId', '=', memberId).where('confirmState', '!=', 'refused');

/** The proposals of a member's that were merged into another: they see the target too. */
const mergedProposalsOf = (eb: ExpressionBuilder<Database, any>, memberId: string) =>
  eb
    .selectFrom('proposals as m')
    .innerJoin('proposalProposers as mp', 'mp.proposalId', 'm.id')
    .where('mp.memberId', '=', memberId)
    .where('m.mergedIntoId', 'is not', null);

/** Of a member's proposals, those they see: a draft is its lead proposer's alone. */
const notAnothersDraft = (eb: ExpressionBuilder<Database, 'proposals'>, memberId: string) =>
  eb.or([eb('proposals.status', '!=', 'draft'), eb('proposals.leadMemberId', '=', memberId)]);

/**
 * Assigned to the unit now, as a filter: for counts, and for searches, whose pages walk their own index. A
 * page without a search walks the unit's assignments in list order instead (listWalk).
 */
const assignedTo = (eb: ExpressionBuilder<Database, 'proposals'>, unitId: string) =>
  eb('proposals.id', 'in', eb.selectFrom('proposalAssignments').select('proposalId').where('unitId', '=', unitId).where('active', '=', 1));

/** Whose proposals an actor sees, by the part each of their permissions gives (none: nothing). */
function scopeOf(actor: Actor) {
  const manage = can(actor, PROPOSAL['proposal.manage']);
  const office =
    manage === 'all' || can(actor, PROPOSAL['proposal.read']) === 'all'
      ? ('all' as const)
      : manage === 'department' && actor.departmentIds.length
        ? actor.departmentIds
        : null;
  return {
    memberId: can(actor, PROPOSAL['proposal.submit']) && actor.memberId ? actor.memberId : null,
    office,
    unitId: can(actor, PROPOSAL['proposal.handle']) && actor.unitId ? actor.unitId : null,
  };
}

/** The same visibility as canSee, as SQL, for lists. */
function visibleTo(actor: Actor) {
  const scope = scopeOf(actor);
  return (eb: ExpressionBuilder<Database, 'proposals'>) => {
    const ors = [];
    const notDraft = eb('proposals.status', '!=', 'draft');
    if (scope.memberId) {
      const memberId = scope.memberId;
      const mergedTargets = mergedProposalsOf(eb, memberId).select((e) => e.ref('m.mergedIntoId').$notNull().as('proposalId'));
      // Own drafts, and what they put forward or what theirs was merged into once submitted; written as
      // `mine` is, so that the member's few rows drive the query instead of a walk of every proposal.
      ors.push(eb.and([eb('proposals.id', 'in', proposalsOfMember(eb, memberId).union(mergedTargets)), notAnothersDraft(eb, memberId)]));
    }
    if (scope.office === 'all') ors.push(notDraft);
    else if (scope.office) ors.push(eb.and([notDraft, eb('proposals.departmentId', 'in', scope.office)]));
    if (scope.unitId) ors.push(assignedTo(eb, scope.unitId));
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
    return eb.and([eb('proposals.id', 'in', proposalsOfMember(eb, memberId)), notAnothersDraft(eb, memberId)]);
  };
}

/** A list's filter as a query shape's values: the search in the form its SQL takes it (ADR 0109). */
type FilterValues = Omit<ListFilter, 'page' | 'pageSize' | 'q' | 'status'> & { status: string[] } & SearchTerms['values'];

/**
 * The list's query and its order. `scoped: false` leaves out who may see what, for a query that applies it
 * otherwise (a unit's walk of its own assignments).
 */
function filtered(db: Executor, dialect: DialectName, actor: Actor, f: FilterValues, scoped = true) {
  let query = db.selectFrom('proposals');
  if (scoped) query = query.where(f.mine ? mine(actor) : visibleTo(actor));
  if (f.status.length) query = query.where('proposals.status', 'in', f.status);
  if (f.termId) query = query.where('proposals.termId', '=', f.termId);
  if (f.category) query = query.where('proposals.category', '=', f.category);
  if (f.kind) query = query.where('proposals.kind', '=', f.kind as ProposalRow['kind']);
  if (f.isKey !== undefined) query = query.where('proposals.isKey', '=', f.isKey ? 1 : 0);
  if (f.keyYear) query = query.where('proposals.keyYear', '=', f.keyYear);
  if (f.isExcellent !== undefined) query = query.where('proposals.isExcellent', '=', f.isExcellent ? 1 : 0);
  if (f.unitId) {
    const unitId = f.unitId;
    query = query.where((eb) => assignedTo(eb, unitId));
  }
  if (f.overdue)
    query = query.where('proposals.status', 'in', ['assigned', 'rehandling', 'objected']).where('proposals.dueDate', '<', f.today);
  // Every whitespace-separated word is a substring of subject, body or a proposer's name.
  return searchList(dialect, PROPOSAL_SEARCH, query, f);
}

/**
 * The rows a page of this list can walk in list order, newest first, and stop after the page, when it has no
 * search (a search walks its own index):
 * - a unit's active assignments: the unit a list is filtered by, or a handling unit's own list (ADR 0107).
 *   `scoped` says whether the actor's visibility still applies to each row: not when the walked unit is all
 *   the actor sees;
 * - a member's proposer rows (ADR 0113): their "mine", or their whole list when being a member is all that
 *   lets them see proposals and none of theirs was merged into another (whose target they see too, and
 *   which has no row of theirs). The walk applies the member's visibility itself.
 */
async function listWalk(db: Executor, actor: Actor, f: ListFilter): Promise<ListWalk | null> {
  if (f.q?.trim()) return null;
  const scope = scopeOf(actor);
  const unitOnly = Boolean(scope.unitId && !scope.memberId && !scope.office && !f.mine);
  const unitId = f.unitId ?? (unitOnly ? scope.unitId : null);
  if (unitId) return { unitId, scoped: !(unitOnly && unitId === scope.unitId) };
  const memberId = scope.memberId;
  if (!memberId || (!f.mine && (scope.office || scope.unitId || (await hasMergedProposals(db, memberId))))) return null;
  return { memberId };
}

type ListWalk = { unitId: string; memberId?: undefined; scoped: boolean } | { memberId: string; unitId?: undefined; scoped?: undefined };

/** Whether any proposal the member is a proposer of was merged into another (visibleTo's merge targets). */
function hasMergedProposals(db: Executor, memberId: string): Promise<boolean> {
  return rememberWhileUnchanged(db, 'proposerMerges', memberId, async () => {
    const row = await db
      .selectNoFrom((eb) => eb.exists(mergedProposalsOf(eb, memberId).select('m.id')).as('merged'))
      .executeTakeFirstOrThrow();
    return Boolean(row.merged);
  });
}

/** A list's values: its filter, who asks, and the rows it walks (`listWalk`). */
type ListValues = FilterValues &
  ReturnType<typeof actorShape>['values'] & { walkUnitId?: string; walkMemberId?: string; walkScoped: boolean };

const LIST = shapeKey('proposals.list');
const PAGE_ROWS = shapeKey('proposals.pageRows');
const PROPOSERS = shapeKey('proposals.proposersOf');
const ASSIGNMENTS = shapeKey('proposals.assignmentsOf');

/**
 * A page of the list and its bounded total. Filtering, counting and ordering read only indexes
 * (proposals_filter_idx for what a search found, the list indexes otherwise); the page's one statement seeks
 * the wide rows of the page alone (ADR 0110). A page of one unit's proposals (a unit's own list, or any list
 * filtered by a unit) walks the unit's active assignments, which carry their proposal's creation time, newest
 * first (ADR 0107): a unit holds about 1 % of the proposals, and reading and sorting all of them was most of
 * its page. A search on PostgreSQL takes the page's ids first, counted and then walked or read from its
 * matches (`pageOfIds`, ADR 0118).
 */
export async function listProposals(db: Executor, dialect: DialectName, actor: Actor, f: ListFilter) {
  const who = actorShape(actor);
  const search = searchTerms(dialect, f.q);
  const walk = await listWalk(db, actor, f);
  // A walk joins the walked rows; the page selects only the proposal's own columns from it.
  const inListOrder = (query: ReturnType<typeof filtered>, v: ListValues) => {
    if (v.walkUnitId)
      return filtered(db, dialect, asActor(actor, v), { ...v, unitId: undefined }, v.walkScoped)
        .innerJoin('proposalAssignments', 'proposalAssignments.proposalId', 'proposals.id')
        .where('proposalAssignments.unitId', '=', v.walkUnitId)
        .where('proposalAssignments.active', '=', 1)
        .orderBy('proposalAssignments.proposalCreatedAt', 'desc')
        .orderBy('proposalAssignments.proposalId', 'desc') as unknown as ReturnType<typeof filtered>;
    if (v.walkMemberId) {
      const memberId = v.walkMemberId;
      return filtered(db, dialect, asActor(actor, v), v, false)
        .innerJoin('proposalProposers', 'proposalProposers.proposalId', 'proposals.id')
        .where('proposalProposers.memberId', '=', memberId)
        .where('proposalProposers.confirmState', '!=', 'refused')
        .where((eb) => notAnothersDraft(eb, memberId))
        .orderBy('proposalProposers.proposalCreatedAt', 'desc')
        .orderBy('proposalProposers.proposalId', 'desc') as unknown as ReturnType<typeof filtered>;
    }
    return searchOrder(dialect, PROPOSAL_SEARCH, v)(query);
  };
  const list = {
    key: `${LIST}:${who.key}:${search.key}:${walk?.unitId ? 'unit' : walk?.memberId ? 'member' : 'list'}`,
    // The spreads last: V8 adds each field written after a spread through a slow path (ADR 0008, decision 8).
    values: {
      mine: f.mine ?? false,
      status: f.status ?? [],
      termId: f.termId,
      category: f.category,
      kind: f.kind,
      isKey: f.isKey,
      keyYear: f.keyYear,
      isExcellent: f.isExcellent,
      unitId: f.unitId,
      overdue: f.overdue ?? false,
      today: f.today,
      walkUnitId: walk?.unitId,
      walkMemberId: walk?.memberId,
      walkScoped: walk?.scoped ?? true,
      ...who.values,
      ...search.values,
    },
    build: (v: ListValues) => filtered(db, dialect, asActor(actor, v), v),
  };
  if (!search.readsAllMatches) {
    return pageOfRows(db, { rows: (query, v) => inListOrder(query, v).select(PAGE_COLUMNS), ...list }, f);
  }
  const { ids: page, ...total } = await pageOfIds(
    db,
    { ordered: (query, v) => inListOrder(query, v).select('proposals.id'), ...list },
    { readsAllMatches: true, ...f },
  );
  const items = await rowsOfPage(db, PAGE_ROWS, page, (ids) => db.selectFrom('proposals').select(PAGE_COLUMNS).where('id', 'in', ids));
  return { items, ...total };
}

/**
 * The columns of a list row, named with their table: a unit's walk and a search join other tables. A row
 * has what lists, their exports and filters show; who leads it (an id) and when it last changed are in the
 * detail: a page's statement reads each further column for every row, and its answer carries it.
 */
const PAGE_COLUMNS = [
  'proposals.id',
  'proposals.termId',
  'proposals.number',
  'proposals.subject',
  'proposals.category',
  'proposals.kind',
  'proposals.session',
  'proposals.status',
  'proposals.collectiveOrgName',
  'proposals.dueDate',
  'proposals.isKey',
  'proposals.isExcellent',
  'proposals.submittedAt',
  'proposals.createdAt',
  'proposals.proposerNames',
  'proposals.handlingUnits',
] as const;

export async function proposersOf(db: Executor, ids: string[]) {
  return executeForIds(db, PROPOSERS, ids, (ids) =>
    db
      .selectFrom('proposalProposers')
      .select(['proposalId', 'memberId', 'name', 'role', 'confirmState'])
      .where('proposalId', 'in', ids)
      .orderBy('sortOrder'),
  );
}

/**
 * Who handles each proposal now, in the columns that lists and statistics use: `select *` made a list page's
 * read half as long again (77 against 51 µs for 20 rows).
 */
export async function assignmentsOf(db: Executor, ids: string[]) {
  return executeForIds(db, ASSIGNMENTS, ids, (ids) =>
    db
      .selectFrom('proposalAssignments')
      .select(['proposalId', 'unitId', 'role', 'dueDate'])
      .where('proposalId', 'in', ids)
      .where('active', '=', 1),
  );
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

/** The terms by id, which every page of proposals names: remembered while nothing is written (ADR 0105). */
export const termsById = (db: Executor) =>
  rememberWhileUnchanged(db, 'reference', 'proposals.terms', async () => {
    const terms = await db.selectFrom('terms').select(['id', 'name', 'number']).execute();
    return new Map(terms.map((t) => [t.id, t]));
  });

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

/**
 * A term's proposals for similarity (drafts and withdrawn ones left out), without their text; remembered
 * while nothing is written (ADR 0105): a member typing a subject asks again every few keystrokes, and
 * reading a term's 6,000 rows was half of each answer.
 */
export function similarityCandidates(db: Executor, termId: string) {
  return rememberWhileUnchanged(db, 'similarityCandidates', termId, () =>
    db
      .selectFrom('proposals')
      .select(['id', 'number', 'subject', 'status', 'updatedAt'])
      .where('termId', '=', termId)
      .where('status', 'not in', ['draft', 'withdrawn'])
      .execute(),
  );
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

export type SupervisionRow = Selectable<ProposalTables['proposalSupervisions']>;
export type CategoryRow = Selectable<ProposalTables['proposalCategories']>;

export async function insertProposal(db: Executor, row: Insertable<ProposalTables['proposals']>): Promise<void> {
  await db.insertInto('proposals').values(row).execute();
}

/** Changes columns of a proposal; every change stamps its updatedAt. */
export async function updateProposalRow(db: Executor, id: string, values: Updateable<Database['proposals']>): Promise<void> {
  await db
    .updateTable('proposals')
    .set({ ...values, updatedAt: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** 重点提案: marked with its year and leading supervisor, or unmarked (null), which clears both. */
export async function setKeyFlag(db: Executor, id: string, key: { year: number; supervisorMemberId: string } | null): Promise<void> {
  await updateProposalRow(db, id, {
    isKey: key ? 1 : 0,
    keyYear: key ? key.year : null,
    supervisorMemberId: key ? key.supervisorMemberId : null,
  });
}

/** 优秀提案 of the given year, or not excellent (null). */
export async function setExcellentFlag(db: Executor, id: string, year: number | null): Promise<void> {
  await updateProposalRow(db, id, { isExcellent: year !== null ? 1 : 0, excellentYear: year });
}

/** 提案公开: whether the public portal shows the proposal. */
export async function setPublicFlag(db: Executor, id: string, isPublic: boolean): Promise<void> {
  await updateProposalRow(db, id, { isPublic: isPublic ? 1 : 0 });
}

export async function insertProposers(db: Executor, rows: ProposerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('proposalProposers').values(rows).execute();
}

export async function deleteProposers(db: Executor, proposalId: string, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db.deleteFrom('proposalProposers').where('proposalId', '=', proposalId).where('memberId', 'in', memberIds).execute();
}

/** A co-signer's answer to the invitation to co-sign. */
export async function recordCosignAnswer(
  db: Executor,
  proposalId: string,
  memberId: string,
  answer: 'confirmed' | 'refused',
): Promise<void> {
  await db
    .updateTable('proposalProposers')
    .set({ confirmState: answer, confirmedAt: nowIso() })
    .where('proposalId', '=', proposalId)
    .where('memberId', '=', memberId)
    .execute();
}

/** Co-signers who did not answer by the deadline are not counted as proposers. */
export async function expirePendingCosigners(db: Executor, proposalId: string): Promise<void> {
  await db
    .updateTable('proposalProposers')
    .set({ confirmState: 'expired' })
    .where('proposalId', '=', proposalId)
    .where('confirmState', '=', 'pending')
    .execute();
}

export async function insertAssignments(db: Executor, rows: AssignmentRow[]): Promise<void> {
  await db.insertInto('proposalAssignments').values(rows).execute();
}

/** Ends a proposal's current assignments (before it is assigned anew); their rows stay for the history. */
export async function deactivateAssignments(db: Executor, proposalId: string): Promise<void> {
  await db.updateTable('proposalAssignments').set({ active: 0 }).where('proposalId', '=', proposalId).where('active', '=', 1).execute();
}

/** 重新办理: the new due date of the current assignments. */
export async function setActiveAssignmentsDueDate(db: Executor, proposalId: string, dueDate: string): Promise<void> {
  await db.updateTable('proposalAssignments').set({ dueDate }).where('proposalId', '=', proposalId).where('active', '=', 1).execute();
}

/** 申退: a unit objects to its assignment. */
export async function recordObjection(db: Executor, assignmentId: string, reason: string): Promise<void> {
  await db
    .updateTable('proposalAssignments')
    .set({ objectionState: 'pending', objectionReason: reason })
    .where('id', '=', assignmentId)
    .execute();
}

/** The office's answer to every pending objection to a proposal's assignments. */
export async function answerPendingObjections(
  db: Executor,
  proposalId: string,
  state: 'accepted' | 'rejected',
  answer: string,
): Promise<void> {
  await db
    .updateTable('proposalAssignments')
    .set({ objectionState: state, objectionAnswer: answer })
    .where('proposalId', '=', proposalId)
    .where('objectionState', '=', 'pending')
    .execute();
}

/**
 * Active replying assignments (lead or separate) of proposals in handling whose due date is one of `dates`,
 * with the proposal's number and subject, for the due-date reminders.
 */
export function assignmentsDueOn(db: Executor, dates: string[]) {
  return db
    .selectFrom('proposalAssignments')
    .innerJoin('proposals', 'proposals.id', 'proposalAssignments.proposalId')
    .select(['proposals.id', 'proposals.number', 'proposals.subject', 'proposalAssignments.unitId', 'proposalAssignments.dueDate'])
    .where('proposalAssignments.active', '=', 1)
    .where('proposalAssignments.role', 'in', ['lead', 'separate'])
    .where('proposals.status', 'in', ['assigned', 'rehandling'])
    .where('proposalAssignments.dueDate', 'in', dates)
    .execute();
}

export async function insertAdvice(db: Executor, row: AdviceRow): Promise<void> {
  await db.insertInto('proposalAdvices').values(row).execute();
}

export async function insertReply(db: Executor, row: ReplyRow): Promise<void> {
  await db.insertInto('proposalReplies').values(row).execute();
}

/** The office's review of the replies of this round waiting for it: approved (submitted) or sent back (rejected). */
export async function reviewPendingReplies(
  db: Executor,
  proposalId: string,
  round: number,
  state: 'submitted' | 'rejected',
  comment: string | null,
): Promise<void> {
  await db
    .updateTable('proposalReplies')
    .set({ state, reviewedAt: nowIso(), reviewComment: comment })
    .where('proposalId', '=', proposalId)
    .where('round', '=', round)
    .where('state', '=', 'pending_review')
    .execute();
}

/** The proposal a reply answers, for the reply's attachments. */
export const proposalOfReply = (db: Executor, replyId: string) =>
  db.selectFrom('proposalReplies').select('proposalId').where('id', '=', replyId).executeTakeFirst();

export async function insertEvaluation(db: Executor, row: EvaluationRow): Promise<void> {
  await db.insertInto('proposalEvaluations').values(row).execute();
}

export async function insertSupervision(db: Executor, row: SupervisionRow): Promise<void> {
  await db.insertInto('proposalSupervisions').values(row).execute();
}

export async function insertCategory(db: Executor, row: CategoryRow): Promise<void> {
  await db.insertInto('proposalCategories').values(row).execute();
}

/** Every reply of a proposal, of all rounds and states, for its page. */
export const repliesOfProposal = (db: Executor, proposalId: string) =>
  db.selectFrom('proposalReplies').selectAll().where('proposalId', '=', proposalId).orderBy('submittedAt').execute();

/** Every advice of the joint units, of all rounds. */
export const advicesOfProposal = (db: Executor, proposalId: string) =>
  db.selectFrom('proposalAdvices').selectAll().where('proposalId', '=', proposalId).orderBy('createdAt').execute();

/** Every evaluation, of all rounds. */
export const evaluationsOfProposal = (db: Executor, proposalId: string) =>
  db.selectFrom('proposalEvaluations').selectAll().where('proposalId', '=', proposalId).orderBy('createdAt').execute();

export const supervisionsOfProposal = (db: Executor, proposalId: string) =>
  db.selectFrom('proposalSupervisions').selectAll().where('proposalId', '=', proposalId).orderBy('date').execute();

/** Proposals merged into this one (并案). */
export const proposalsMergedInto = (db: Executor, proposalId: string) =>
  db.selectFrom('proposals').select(['id', 'subject', 'status']).where('mergedIntoId', '=', proposalId).execute();

export const proposalNumberAndSubject = (db: Executor, id: string) =>
  db.selectFrom('proposals').select(['id', 'number', 'subject']).where('id', '=', id).executeTakeFirst();

/** Replies the office let through (or that needed no review) of the listed proposals, all rounds. */
export async function submittedRepliesOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('proposalReplies').selectAll().where('proposalId', 'in', ids).where('state', '=', 'submitted').execute();
}

/** Evaluations of the listed proposals, all rounds. */
export async function evaluationsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('proposalEvaluations').selectAll().where('proposalId', 'in', ids).execute();
}

/** Proposals put forward (not drafts) of a term, or of all terms, and optionally of one year, for statistics. */
export function proposalsForStats(db: Executor, f: { termId?: string; year?: number }) {
  let query = db
    .selectFrom('proposals')
    .select(['id', 'status', 'category', 'kind', 'collectiveOrgType', 'collectiveOrgName', 'leadMemberId', 'round', 'submittedAt'])
    .where('status', 'not in', ['draft'])
    .where('submittedAt', 'is not', null);
  if (f.termId) query = query.where('termId', '=', f.termId);
  if (f.year) query = query.where('submittedAt', '>=', `${f.year}-01-01`).where('submittedAt', '<', `${f.year + 1}-01-01`);
  return query.execute();
}

/** Registered proposals with a number, in number order (at most 2000), for the 提案汇编. */
export function registeredProposalsByNumber(db: Executor, f: { termId?: string; plenaryId?: string; session?: 'plenary' | 'interim' }) {
  let query = db
    .selectFrom('proposals')
    .select('id')
    .where('status', 'in', [...HANDLED_STATES])
    .where('number', 'is not', null);
  if (f.termId) query = query.where('termId', '=', f.termId);
  if (f.plenaryId) query = query.where('plenaryId', '=', f.plenaryId);
  if (f.session) query = query.where('session', '=', f.session);
  return query.orderBy('number').limit(2000).execute();
}

/** Published: registered and handled proposals the office has not marked 不公开. */
const PUBLIC_STATES = HANDLED_STATES;
const UNPUBLISHED_STATES = Object.keys(PROPOSAL_STATE_LABELS).filter((s) => !(PUBLIC_STATES as readonly string[]).includes(s));

export interface PublicFilter {
  q?: string;
  category?: string;
  termId?: string;
}

/**
 * The same set written two ways for the planner: the page walks the registration-date index
 * (registered_at is set on registration and kept), the count seeks the (is_public, status) index.
 */
function publicQuery(db: Executor, f: Omit<PublicFilter, 'q'>, forCount = false) {
  let query = db.selectFrom('proposals').where('isPublic', '=', 1);
  query = forCount
    ? query.where('status', 'in', [...PUBLIC_STATES])
    : query.where('registeredAt', 'is not', null).where('status', 'not in', UNPUBLISHED_STATES);
  if (f.category) query = query.where('category', '=', f.category);
  if (f.termId) query = query.where('termId', '=', f.termId);
  return query;
}

/**
 * A page of published proposals' ids with the bounded total: latest registered first, or for a search of
 * the subjects latest written first. A search walks the index's matches in that order (ADR 0104) and the
 * subject decides among them (the index also holds body and names), so a page stops once it is full
 * instead of reading and sorting every proposal whose text has the words.
 */
const PUBLIC_LIST = shapeKey('proposals.publicList');
const PUBLIC_ROWS = shapeKey('proposals.publicRows');

export function pageOfPublicProposals(db: Executor, dialect: DialectName, f: PublicFilter & { page: number; pageSize: number }) {
  const paging = { page: f.page, pageSize: f.pageSize };
  const filter = { category: f.category, termId: f.termId };
  const search = searchTerms(dialect, f.q);
  if (f.q) {
    return pageOfIds(
      db,
      {
        key: `${PUBLIC_LIST}:search:${search.key}`,
        values: { subjectPattern: likePattern(f.q), ...filter, ...search.values },
        build: (v) =>
          searchList(
            dialect,
            PROPOSAL_SEARCH,
            publicQuery(db, v).where(matchesPattern(dialect, sql.ref('proposals.subject'), v.subjectPattern)),
            v,
          ),
        ordered: (query, v) => searchOrder(dialect, PROPOSAL_SEARCH, v)(query.select('proposals.id')),
      },
      { readsAllMatches: search.readsAllMatches, ...paging },
    );
  }
  // The page by id first, read from indexes like the (bounded) count; the caller reads the page's rows.
  return pageOfIds(
    db,
    {
      key: `${PUBLIC_LIST}:list`,
      values: filter,
      build: (v) => publicQuery(db, v, true),
      ordered: (_, v) => publicQuery(db, v).select('id').orderBy('registeredAt', 'desc').orderBy('id', 'desc'),
    },
    { readsAllMatches: false, ...paging },
  );
}

/** The columns the public list shows, of the given proposals. */
export async function publicProposalRows(db: Executor, ids: string[]) {
  return executeForIds(db, PUBLIC_ROWS, ids, (ids) =>
    db
      .selectFrom('proposals')
      .select(['id', 'termId', 'number', 'subject', 'category', 'kind', 'status', 'collectiveOrgName', 'registeredAt'])
      .where('id', 'in', ids),
  );
}

/** A published proposal with its text; undefined when it does not exist or is not published. */
export function publicProposal(db: Executor, id: string) {
  return publicQuery(db, {})
    .select([
      'id',
      'termId',
      'number',
      'subject',
      'category',
      'kind',
      'status',
      'collectiveOrgName',
      'registeredAt',
      'situation',
      'analysis',
      'suggestions',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The replies of a proposal the public sees: submitted ones, without reviewer or author. */
export const publicRepliesOfProposal = (db: Executor, proposalId: string) =>
  db
    .selectFrom('proposalReplies')
    .select(['unitId', 'round', 'classification', 'body', 'submittedAt'])
    .where('proposalId', '=', proposalId)
    .where('state', '=', 'submitted')
    .orderBy('submittedAt')
    .execute();
