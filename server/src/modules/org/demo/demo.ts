import { ORG_KIND_LABELS, ORG_KINDS, type Role } from '@xieshang/shared';
import type { Insertable } from 'kysely';
import type { Database, Trx } from '../../../db/schema.js';
import { writeWithAudit, type AppContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { systemActor } from '../../../platform/permissions/actor.js';
import { hashPassword } from '../../../platform/auth/passwords.js';
import { nowIso } from '../../../platform/time.js';
import { memberSortKeys } from '../member-names.js';
import {
  DEMO_COMMITTEES,
  DEMO_COMMITTEE_PARTY_GROUPS,
  DEMO_DEPARTMENTS,
  DEMO_DEPARTMENT_GROUPS,
  DEMO_LEADERS,
  DEMO_PARTIES,
  DEMO_PLENARIES,
  DEMO_SECTORS,
  DEMO_STREETS,
  DEMO_STUDIOS,
  DEMO_TERM,
  DEMO_UNITS,
  EMPLOYERS,
  GIVEN_FEMALE,
  GIVEN_MALE,
  MINORITY_ETHNICITIES,
  SURNAMES,
} from './demo-data.js';

export interface DemoAccount {
  username: string;
  roles: Role[];
  memberId?: string;
  unitId?: string;
  departmentIds?: string[];
}

const GENERATED_MEMBERS = 300;
const ORG_TABLES = [...ORG_KINDS, 'members'] as const;

/** A small deterministic PRNG (mulberry32): the same demo organisation on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] };
}

/**
 * Loads the demo organisation and its accounts, all marked as demo. Refuses a database with real data;
 * run again on a demo database, it only sets the demo accounts' password and lists them again.
 */
export async function loadDemo(ctx: AppContext, password: string): Promise<DemoAccount[]> {
  if (!password) throw new AppError(400, 'bad_request', '请用 --password 指定演示账号的密码');
  await assertOnlyDemoData(ctx);
  // Demo accounts share one hash: argon2 costs tens of milliseconds per hash, and demo accounts all get
  // the same password anyway. Real accounts are always hashed one by one with their own salt.
  const passwordHash = await hashPassword(password);
  const actor = systemActor('demo');
  const loaded = await ctx.db.selectFrom('members').select('id').where('isDemo', '=', 1).limit(1).executeTakeFirst();
  if (loaded) {
    await writeWithAudit(
      ctx,
      actor,
      (trx) =>
        trx
          .updateTable('users')
          .set({ passwordHash, passwordChangedAt: nowIso(), failedAttempts: 0, lockedUntil: null })
          .where('isDemo', '=', 1)
          .execute(),
      { action: 'org.demo.password', objectType: 'user' },
    );
    return demoAccounts(ctx);
  }
  await writeWithAudit(
    ctx,
    actor,
    (trx) => seed(trx, passwordHash),
    (counts) => ({ action: 'org.demo.load', details: counts }),
  );
  return demoAccounts(ctx);
}

async function assertOnlyDemoData(ctx: AppContext): Promise<void> {
  const realUsers = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('isDemo', '=', 0)
    .executeTakeFirstOrThrow();
  const real: string[] = [];
  if (Number(realUsers.n) > 1) real.push(`${Number(realUsers.n) - 1} 个非演示账号`);
  for (const table of ORG_TABLES) {
    const row = await ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('isDemo', '=', 0)
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0) real.push(`${Number(row.n)} 条${TABLE_LABELS[table]}`);
  }
  if (real.length) {
    throw new AppError(
      409,
      'not_demo_database',
      `数据库中已有正式数据（${real.join('、')}），拒绝加载演示数据；请在空数据库上运行 xieshang demo`,
    );
  }
}

const TABLE_LABELS: Record<(typeof ORG_TABLES)[number], string> = { ...ORG_KIND_LABELS, members: '委员' };

async function seed(trx: Trx, passwordHash: string) {
  const at = nowIso();
  const random = prng(20200101);
  const ids = <T extends string>(names: readonly T[]) => new Map(names.map((n) => [n, newId()]));

  const termId = newId();
  await trx
    .insertInto('terms')
    .values({ id: termId, ...DEMO_TERM, isCurrent: 1, isDemo: 1, createdAt: at })
    .execute();
  await trx
    .insertInto('plenaries')
    .values(DEMO_PLENARIES.map((p) => ({ id: newId(), termId, ...p, isDemo: 1, createdAt: at })))
    .execute();

  const sectors = ids(DEMO_SECTORS);
  await trx
    .insertInto('sectors')
    .values(DEMO_SECTORS.map((name, i) => ({ id: sectors.get(name)!, name, sortOrder: i + 1, isDemo: 1, createdAt: at })))
    .execute();
  const parties = ids(DEMO_PARTIES);
  await trx
    .insertInto('parties')
    .values(DEMO_PARTIES.map((name, i) => ({ id: parties.get(name)!, name, sortOrder: i + 1, isDemo: 1, createdAt: at })))
    .execute();
  const committees = ids(DEMO_COMMITTEES.map((c) => c.name));
  await trx
    .insertInto('committees')
    .values(
      DEMO_COMMITTEES.map((c, i) => ({
        id: committees.get(c.name)!,
        name: c.name,
        shortName: c.shortName,
        aliases: JSON.stringify(c.aliases),
        sortOrder: i + 1,
        isDemo: 1,
        createdAt: at,
      })),
    )
    .execute();

  const departments = new Map(DEMO_DEPARTMENTS.map((d) => [d.key, newId()]));
  const partyGroups = ids(DEMO_COMMITTEE_PARTY_GROUPS);
  await trx
    .insertInto('departments')
    .values([
      ...DEMO_DEPARTMENTS.map((d, i) => ({
        id: departments.get(d.key)!,
        name: d.name,
        kind: d.kind,
        aliases: JSON.stringify(d.aliases),
        sortOrder: i + 1,
        isDemo: 1,
        createdAt: at,
      })),
      ...DEMO_COMMITTEE_PARTY_GROUPS.map((name, i) => ({
        id: partyGroups.get(name)!,
        name,
        kind: 'party_organ' as const,
        aliases: '[]',
        sortOrder: 50 + i,
        isDemo: 1,
        createdAt: at,
      })),
    ])
    .execute();
  const committeeOffices = DEMO_DEPARTMENTS.filter((d) => d.kind === 'committee_office').map((d) => departments.get(d.key)!);
  for (const [i, group] of DEMO_DEPARTMENT_GROUPS.entries()) {
    const groupId = newId();
    await trx
      .insertInto('departmentGroups')
      .values({ id: groupId, name: group.name, aliases: JSON.stringify(group.aliases), sortOrder: i + 1, isDemo: 1, createdAt: at })
      .execute();
    const members = group.members === 'committeePartyGroups' ? [...partyGroups.values()] : committeeOffices;
    await trx
      .insertInto('departmentGroupMembers')
      .values(members.map((departmentId) => ({ groupId, departmentId })))
      .execute();
  }

  const streetGroups = new Map(DEMO_STREETS.map((street) => [street, newId()]));
  await trx
    .insertInto('streetGroups')
    .values(
      DEMO_STREETS.map((street, i) => ({
        id: streetGroups.get(street)!,
        name: `${street.replace('街道', '')}街道委员活动小组`,
        street,
        sortOrder: i + 1,
        isDemo: 1,
        createdAt: at,
      })),
    )
    .execute();
  const studios = DEMO_STUDIOS.map((s) => ({
    id: newId(),
    name: s.name,
    streetGroupId: streetGroups.get(s.street)!,
    address: s.address,
    isDemo: 1,
    createdAt: at,
  }));
  await trx.insertInto('studios').values(studios).execute();

  const units = DEMO_UNITS.map((u, i) => ({
    id: newId(),
    name: u.name,
    kind: u.kind,
    aliases: JSON.stringify(u.name.startsWith('区') ? [`东城${u.name}`] : []),
    contactName: `${SURNAMES[i % SURNAMES.length]}${i % 2 ? '老师' : '科长'}`,
    contactPhone: `010-6${String(4000000 + i * 1371).padStart(7, '0')}`,
    contactEmail: null,
    address: null,
    sortOrder: i + 1,
    isDemo: 1,
    createdAt: at,
  }));
  await trx.insertInto('units').values(units).execute();

  // Members: the six leaders first, then generated members with realistic, unique names.
  const used = new Set<string>(DEMO_LEADERS.map((l) => l.name));
  const memberRows: Insertable<Database['members']>[] = [];
  const committeeRows: { committeeId: string; memberId: string; position: 'director' | 'deputy_director' | 'member' }[] = [];
  const leaderIds: string[] = [];
  const generatedIds: string[] = [];
  const birth = () =>
    `${1956 + random.int(30)}-${String(1 + random.int(12)).padStart(2, '0')}-${String(1 + random.int(28)).padStart(2, '0')}`;
  const mobile = () => `1${random.pick(['39', '38', '36', '35', '86', '58', '59', '50'])}${String(random.int(1e8)).padStart(8, '0')}`;
  const row = (
    name: string,
    gender: 'male' | 'female',
    extra: { isLeader?: boolean; leaderTitle?: string; sectorName: string; standing: boolean },
  ) => {
    const id = newId();
    const keys = memberSortKeys(name);
    const [employer, titles] = random.pick(EMPLOYERS);
    const sectorName = extra.sectorName;
    const partyName = DEMO_PARTIES.includes(sectorName)
      ? sectorName
      : sectorName === '无党派民主人士'
        ? '无党派人士'
        : random.next() < 0.45
          ? '中国共产党'
          : random.next() < 0.5
            ? random.pick(DEMO_PARTIES)
            : '无党派人士';
    const street = random.pick(DEMO_STREETS);
    const studio = studios.find((s) => s.streetGroupId === streetGroups.get(street));
    memberRows.push({
      id,
      name,
      ...keys,
      gender,
      ethnicity: sectorName === '少数民族界' || random.next() < 0.06 ? random.pick(MINORITY_ETHNICITIES) : '汉族',
      birthDate: birth(),
      partyId: parties.get(partyName) ?? null,
      sectorId: sectors.get(sectorName)!,
      isStandingMember: extra.standing ? 1 : 0,
      isLeader: extra.isLeader ? 1 : 0,
      leaderTitle: extra.leaderTitle ?? null,
      employer: extra.isLeader ? '政协北京市东城区委员会' : employer,
      jobTitle: extra.isLeader ? extra.leaderTitle! : random.pick(titles),
      mobile: mobile(),
      email: `${keys.pinyin}${random.int(100)}@demo.example.cn`,
      streetGroupId: streetGroups.get(street)!,
      studioId: studio && random.next() < 0.5 ? studio.id : null,
      status: 'active',
      isDemo: 1,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  };
  for (const leader of DEMO_LEADERS) {
    leaderIds.push(
      row(leader.name, leader.gender, { isLeader: true, leaderTitle: leader.title, sectorName: '中国共产党', standing: true }),
    );
  }
  while (generatedIds.length < GENERATED_MEMBERS) {
    const gender = random.next() < 0.58 ? 'male' : 'female';
    const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
    const given = random.next() < 0.3 ? pool[random.int(pool.length)] : pool[random.int(pool.length)] + pool[random.int(pool.length)];
    const name = SURNAMES[Math.floor(random.next() ** 1.6 * SURNAMES.length)] + given;
    if (used.has(name)) continue;
    used.add(name);
    generatedIds.push(row(name, gender, { sectorName: random.pick(DEMO_SECTORS), standing: random.next() < 0.15 }));
  }
  for (let i = 0; i < memberRows.length; i += 100)
    await trx
      .insertInto('members')
      .values(memberRows.slice(i, i + 100))
      .execute();

  // Committees: leaders chair the first ones; each committee gets a director, deputies and members.
  const committeeIds = [...committees.values()];
  generatedIds.forEach((memberId, i) => {
    const committeeId = committeeIds[i % committeeIds.length];
    const round = Math.floor(i / committeeIds.length);
    committeeRows.push({ committeeId, memberId, position: round === 0 ? 'director' : round <= 2 ? 'deputy_director' : 'member' });
  });
  await trx.insertInto('committeeMembers').values(committeeRows).execute();
  const allMembers = [...leaderIds, ...generatedIds];
  for (let i = 0; i < allMembers.length; i += 200) {
    await trx
      .insertInto('memberTerms')
      .values(allMembers.slice(i, i + 200).map((memberId) => ({ memberId, termId })))
      .execute();
  }

  // Accounts: at least one per role, named so that nobody mistakes them for real ones.
  const accounts: { username: string; displayName: string; roles: Role[]; memberId?: string; unitId?: string; departmentIds?: string[] }[] =
    [
      { username: 'demo_sysadmin', displayName: '【演示】系统管理员', roles: ['sysadmin'] },
      { username: 'demo_secadmin', displayName: '【演示】安全管理员', roles: ['secadmin'] },
      { username: 'demo_auditor', displayName: '【演示】安全审计员', roles: ['auditor'] },
      { username: 'demo_public', displayName: '【演示】群众', roles: ['public'] },
      ...DEMO_LEADERS.map((l, i) => ({
        username: `demo_leader${i + 1}`,
        displayName: `【演示】${l.name}（${l.title}）`,
        roles: ['leader'] as Role[],
        memberId: leaderIds[i],
      })),
      ...DEMO_DEPARTMENTS.map((d) => ({
        username: `demo_${d.key.toLowerCase()}`,
        displayName: `【演示】${d.name}干部`,
        roles: ['staff'] as Role[],
        departmentIds: [departments.get(d.key)!],
      })),
      ...units
        .slice(0, 6)
        .map((u, i) => ({ username: `demo_unit${i + 1}`, displayName: `【演示】${u.name}`, roles: ['unit'] as Role[], unitId: u.id })),
      ...generatedIds.slice(0, 8).map((memberId, i) => ({
        username: `demo_member${i + 1}`,
        displayName: `【演示】${String(memberRows.find((m) => m.id === memberId)!.name)}`,
        roles: ['member'] as Role[],
        memberId,
      })),
    ];
  for (const a of accounts) {
    const userId = newId();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        username: a.username,
        displayName: a.displayName,
        passwordHash,
        passwordChangedAt: at,
        mustChangePassword: 0,
        failedAttempts: 0,
        lockedUntil: null,
        totpSecret: null,
        totpEnabled: 0,
        status: 'active',
        memberId: a.memberId ?? null,
        unitId: a.unitId ?? null,
        isDemo: 1,
        createdAt: at,
        updatedAt: at,
        lastLoginAt: null,
      })
      .execute();
    await trx
      .insertInto('userRoles')
      .values(a.roles.map((role) => ({ userId, role })))
      .execute();
    if (a.departmentIds?.length)
      await trx
        .insertInto('userDepartments')
        .values(a.departmentIds.map((departmentId) => ({ userId, departmentId })))
        .execute();
  }
  return { members: allMembers.length, units: units.length, sectors: DEMO_SECTORS.length, accounts: accounts.length };
}

/** The demo accounts as the contract of `xieshang demo --json` describes them. */
async function demoAccounts(ctx: AppContext): Promise<DemoAccount[]> {
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'memberId', 'unitId'])
    .where('isDemo', '=', 1)
    .orderBy('username')
    .execute();
  const ids = users.map((u) => u.id);
  const roles = ids.length ? await ctx.db.selectFrom('userRoles').selectAll().where('userId', 'in', ids).execute() : [];
  const departments = ids.length ? await ctx.db.selectFrom('userDepartments').selectAll().where('userId', 'in', ids).execute() : [];
  return users.map((u) => {
    const departmentIds = departments.filter((d) => d.userId === u.id).map((d) => d.departmentId);
    return {
      username: u.username,
      roles: roles.filter((r) => r.userId === u.id).map((r) => r.role as Role),
      ...(u.memberId ? { memberId: u.memberId } : {}),
      ...(u.unitId ? { unitId: u.unitId } : {}),
      ...(departmentIds.length ? { departmentIds } : {}),
    };
  });
}
