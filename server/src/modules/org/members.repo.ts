import { sql, type Insertable, type Selectable, type SelectQueryBuilder, type SqlBool, type Updateable } from 'kysely';
import { likePattern, matchesPattern, type DialectName } from '../../db/dialect/index.js';
import type { Database, Executor } from '../../db/schema.js';
import { atPage, exactTotal } from '../../db/paging.js';
import { executeForIds, executeShaped, shapeKey } from '../../db/query-shapes.js';
import type { CommitteePosition, MemberSort } from '@xieshang/shared';

export type MemberRow = Selectable<Database['members']>;

export interface MemberFilter {
  q?: string;
  sectorId?: string;
  partyId?: string;
  committeeId?: string;
  streetGroupId?: string;
  studioId?: string;
  termId?: string;
  standing?: 0 | 1;
  leader?: 0 | 1;
  status?: 'active' | 'inactive';
  sort?: MemberSort;
}

const FILTERED = shapeKey('members.filtered');
const LISTED = shapeKey('members.listed');

/**
 * The filter as a query shape (ADR 0109): a name search compares the name, or for latin letters also the
 * pinyin and its initials; the patterns are values.
 */
function filtered(db: Executor, dialect: DialectName, f: MemberFilter) {
  const q = f.q?.trim();
  const letters = q ? q.toLowerCase().replace(/\s+/g, '') : '';
  const byLetters = /^[a-z]+$/.test(letters);
  const values = {
    namePattern: q ? likePattern(q) : null,
    pinyinPattern: q && byLetters ? likePattern(letters) : null,
    initialsPrefix: q && byLetters ? `${letters}%` : null,
    sectorId: f.sectorId,
    partyId: f.partyId,
    streetGroupId: f.streetGroupId,
    studioId: f.studioId,
    standing: f.standing ?? null,
    leader: f.leader ?? null,
    status: f.status,
    committeeId: f.committeeId,
    termId: f.termId,
  };
  return {
    key: `${FILTERED}:${byLetters ? 'letters' : 'name'}`,
    values,
    build: (v: typeof values) => {
      let query = db.selectFrom('members');
      if (v.namePattern) {
        const name = v.namePattern;
        query = query.where((eb) =>
          v.pinyinPattern && v.initialsPrefix
            ? eb.or([
                matchesPattern(dialect, eb.ref('members.name'), name),
                matchesPattern(dialect, eb.ref('members.pinyin'), v.pinyinPattern),
                eb('members.pinyinInitials', 'like', v.initialsPrefix),
              ])
            : matchesPattern(dialect, eb.ref('members.name'), name),
        );
      }
      if (v.sectorId) query = query.where('members.sectorId', '=', v.sectorId);
      if (v.partyId) query = query.where('members.partyId', '=', v.partyId);
      if (v.streetGroupId) query = query.where('members.streetGroupId', '=', v.streetGroupId);
      if (v.studioId) query = query.where('members.studioId', '=', v.studioId);
      if (v.standing !== null) query = query.where('members.isStandingMember', '=', v.standing);
      if (v.leader !== null) query = query.where('members.isLeader', '=', v.leader);
      if (v.status) query = query.where('members.status', '=', v.status);
      if (v.committeeId)
        query = query.where(
          'members.id',
          'in',
          db.selectFrom('committeeMembers').select('memberId').where('committeeId', '=', v.committeeId!),
        );
      if (v.termId)
        query = query.where('members.id', 'in', db.selectFrom('memberTerms').select('memberId').where('termId', '=', v.termId!));
      return query;
    },
  };
}

export function countMembers(db: Executor, dialect: DialectName, f: MemberFilter): Promise<number> {
  return exactTotal(db, filtered(db, dialect, f));
}

/** A member's row with the names of the sector, party, street group and studio it refers to. */
function withNames<QB extends SelectQueryBuilder<Database, 'members', object>>(query: QB) {
  return query
    .leftJoin('sectors', 'sectors.id', 'members.sectorId')
    .leftJoin('parties', 'parties.id', 'members.partyId')
    .leftJoin('streetGroups', 'streetGroups.id', 'members.streetGroupId')
    .leftJoin('studios', 'studios.id', 'members.studioId')
    .selectAll('members')
    .select([
      'sectors.name as sectorName',
      'parties.name as partyName',
      'streetGroups.name as streetGroupName',
      'studios.name as studioName',
    ]);
}

export function findMemberWithNames(db: Executor, id: string) {
  return withNames(db.selectFrom('members')).where('members.id', '=', id).executeTakeFirst();
}

export async function listMembers(db: Executor, dialect: DialectName, f: MemberFilter, page?: { limit: number; offset: number }) {
  const shape = filtered(db, dialect, f);
  const sort = f.sort ?? 'strokes';
  return executeShaped(db, {
    key: `${LISTED}:${shape.key}:${sort}:${page?.limit ?? 'all'}`,
    values: { pageOffset: page?.offset, ...shape.values },
    build: (v) => {
      let query = withNames(shape.build(v));
      switch (sort) {
        case 'pinyin':
          query = query.orderBy('members.pinyin').orderBy('members.id');
          break;
        case 'birthDate':
          query = query.orderBy('members.birthDate').orderBy('members.strokeKey').orderBy('members.id');
          break;
        case 'createdAt':
          query = query.orderBy('members.createdAt', 'desc').orderBy('members.id');
          break;
        default:
          query = query.orderBy('members.strokeKey').orderBy('members.id');
      }
      return page ? atPage(query, page.limit, v.pageOffset) : query;
    },
  });
}

export type ListedMember = Awaited<ReturnType<typeof listMembers>>[number];

const COMMITTEES_OF_MEMBERS = shapeKey('members.committeesOf');

/** Read with each page of the roster: a query shape (ADR 0109). */
export async function committeesOfMembers(db: Executor, memberIds: string[]) {
  return executeForIds(db, COMMITTEES_OF_MEMBERS, memberIds, (memberIds) =>
    db
      .selectFrom('committeeMembers')
      .innerJoin('committees', 'committees.id', 'committeeMembers.committeeId')
      .select(['committeeMembers.memberId', 'committeeMembers.committeeId', 'committeeMembers.position', 'committees.name'])
      .where('committeeMembers.memberId', 'in', memberIds)
      .orderBy('committees.sortOrder'),
  );
}

export async function termsOfMembers(db: Executor, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('memberTerms')
    .innerJoin('terms', 'terms.id', 'memberTerms.termId')
    .select(['memberTerms.memberId', 'memberTerms.termId', 'terms.name'])
    .where('memberTerms.memberId', 'in', memberIds)
    .orderBy('terms.number', 'desc')
    .execute();
}

export const findMember = (db: Executor, id: string) => db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();

export async function findMemberByNameAndBirth(db: Executor, name: string, birthDate: string | null) {
  let query = db.selectFrom('members').select(['id', 'name', 'birthDate']).where('name', '=', name);
  query = birthDate ? query.where('birthDate', '=', birthDate) : query.where('birthDate', 'is', null);
  return query.executeTakeFirst();
}

export const insertMember = (db: Executor, row: Insertable<Database['members']>) => db.insertInto('members').values(row).execute();
export const updateMember = (db: Executor, id: string, row: Updateable<Database['members']>) =>
  db.updateTable('members').set(row).where('id', '=', id).execute();
export const deleteMember = (db: Executor, id: string) => db.deleteFrom('members').where('id', '=', id).execute();

export async function setMemberCommittees(
  db: Executor,
  memberId: string,
  committees: { committeeId: string; position: CommitteePosition }[],
): Promise<void> {
  await db.deleteFrom('committeeMembers').where('memberId', '=', memberId).execute();
  if (committees.length)
    await db
      .insertInto('committeeMembers')
      .values(committees.map((c) => ({ memberId, ...c })))
      .execute();
}

export async function setMemberTerms(db: Executor, memberId: string, termIds: string[]): Promise<void> {
  await db.deleteFrom('memberTerms').where('memberId', '=', memberId).execute();
  if (termIds.length)
    await db
      .insertInto('memberTerms')
      .values([...new Set(termIds)].map((termId) => ({ memberId, termId })))
      .execute();
}

export async function committeeRoster(db: Executor, committeeId: string) {
  return db
    .selectFrom('committeeMembers')
    .innerJoin('members', 'members.id', 'committeeMembers.memberId')
    .leftJoin('sectors', 'sectors.id', 'members.sectorId')
    .select([
      'members.id',
      'members.name',
      'members.gender',
      'members.status',
      'committeeMembers.position',
      'sectors.name as sectorName',
      'members.employer',
      'members.jobTitle',
    ])
    .where('committeeMembers.committeeId', '=', committeeId)
    .orderBy('members.strokeKey')
    .orderBy('members.id')
    .execute();
}

export const accountsOfMember = (db: Executor, memberId: string) =>
  db.selectFrom('users').select(['id', 'username']).where('memberId', '=', memberId).execute();

export const currentTerm = (db: Executor) => db.selectFrom('terms').select('id').where('isCurrent', '=', 1).executeTakeFirst();

/** Names of the lookups a roster refers to, for matching the names written in a spreadsheet. */
export async function rosterLookups(db: Executor) {
  const [sectors, parties, committees, streetGroups, term] = await Promise.all([
    db.selectFrom('sectors').select(['id', 'name']).execute(),
    db.selectFrom('parties').select(['id', 'name']).execute(),
    db.selectFrom('committees').select(['id', 'name', 'shortName', 'aliases']).execute(),
    db.selectFrom('streetGroups').select(['id', 'name', 'street']).execute(),
    currentTerm(db),
  ]);
  return { sectors, parties, committees, streetGroups, currentTermId: term?.id ?? null };
}

export async function membersByNames(db: Executor, names: string[]) {
  if (names.length === 0) return [];
  return db.selectFrom('members').select(['id', 'name', 'birthDate']).where('name', 'in', names).execute();
}

export const activeLeaders = (db: Executor) =>
  db.selectFrom('members').select(['id', 'name']).where('isLeader', '=', 1).where('status', '=', 'active').orderBy('strokeKey').execute();

export async function membersWithIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('members').select(['id', 'name', 'sectorId', 'partyId', 'isStandingMember']).where('id', 'in', ids).execute();
}

export async function activeAccountsOfMembers(db: Executor, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db.selectFrom('users').select('id').where('memberId', 'in', memberIds).where('status', '=', 'active').execute();
}

/** What chooses members: every active member, or those of committees, sectors, street groups, the standing members, or by id. */
export interface MemberChoice {
  everyone?: boolean;
  committeeIds?: string[];
  sectorIds?: string[];
  streetGroupIds?: string[];
  standingMembers?: boolean;
  memberIds?: string[];
}

/** The active members a choice names, each once. */
export async function activeMembersChosen(db: Executor, choice: MemberChoice): Promise<string[]> {
  const sel = { committeeIds: [], sectorIds: [], streetGroupIds: [], standingMembers: false, memberIds: [], ...choice };
  const ids = new Set<string>();
  if (sel.committeeIds.length) {
    const rows = await db
      .selectFrom('committeeMembers as cm')
      .innerJoin('members as m', 'm.id', 'cm.memberId')
      .select('m.id')
      .where('cm.committeeId', 'in', sel.committeeIds)
      .where('m.status', '=', 'active')
      .execute();
    rows.forEach((r) => ids.add(r.id));
  }
  const direct = await db
    .selectFrom('members')
    .select('id')
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(sel.sectorIds.length ? [eb('sectorId', 'in', sel.sectorIds)] : []),
        ...(sel.streetGroupIds.length ? [eb('streetGroupId', 'in', sel.streetGroupIds)] : []),
        ...(sel.standingMembers ? [eb('isStandingMember', '=', 1)] : []),
        ...(sel.memberIds.length ? [eb('id', 'in', sel.memberIds)] : []),
        ...(sel.everyone ? [sql<SqlBool>`1 = 1`] : []),
        sql<SqlBool>`1 = 0`,
      ]),
    )
    .execute();
  direct.forEach((r) => ids.add(r.id));
  return [...ids];
}
