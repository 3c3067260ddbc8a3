import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/time.js';
import { systemActor } from '../../platform/permissions/actor.js';
import { createUser } from '../../platform/users/users.service.js';
import type { TestPlatform } from '../../../test/harness.js';
import { insertMember, seedSmallOrg, TEST_PASSWORD } from '../../../test/fixtures/org.js';

export const FIXTURE_FILE = path.resolve(import.meta.dirname, '../../../test/fixtures/dongcheng-2020-work-plan.txt');
export const fixtureText = () => fs.readFileSync(FIXTURE_FILE, 'utf8');

/**
 * The small test organisation plus what the Dongcheng 2020 plan names: its six leaders, the party organs,
 * the committee offices two and three, and its eight committees (经济科技委员会 among them, which the
 * attachment also calls 经济技术委员会).
 */
export async function seedPlanOrg(t: TestPlatform) {
  const org = await seedSmallOrg(t);
  const db = t.ctx.db;
  const at = nowIso();
  const dept = async (name: string, kind: 'party_organ' | 'committee_office', sortOrder: number) => {
    const id = newId();
    await db.insertInto('departments').values({ id, name, kind, aliases: '[]', sortOrder, createdAt: at }).execute();
    return id;
  };
  const departments = {
    ...org.departments,
    partyGroup: await dept('机关党组', 'party_organ', 10),
    partyCommittee: await dept('机关党委', 'party_organ', 11),
    room2: await dept('专委会工作二室', 'committee_office', 4),
    room3: await dept('专委会工作三室', 'committee_office', 5),
  };
  const committees: Record<string, string> = { ...org.committees };
  let sort = 10;
  for (const name of ['港澳台侨委员会', '人口资源环境和建设委员会', '社会和法制委员会', '教文卫体委员会', '民族和宗教委员会']) {
    const id = newId();
    await db.insertInto('committees').values({ id, name, shortName: null, aliases: '[]', sortOrder: sort++, createdAt: at }).execute();
    committees[name] = id;
  }
  const leaders: Record<string, string> = { 宋铁健: org.members.leaderSong, 李铁生: org.members.leaderLi };
  for (const name of ['颜华', '杜娟', '刘健', '李长华']) {
    leaders[name] = await insertMember(db, org.termId, {
      name,
      gender: 'male',
      birthDate: '1965-01-01',
      isStandingMember: 1,
      isLeader: 1,
      employer: '区政协',
      jobTitle: '副主席',
      mobile: null,
    });
  }
  const actor = systemActor('test');
  await createUser(
    t.ctx,
    actor,
    {
      username: 't_liujian',
      displayName: '刘健',
      password: TEST_PASSWORD,
      roles: ['leader'],
      mustChangePassword: false,
      memberId: leaders['刘健'],
    },
    { skipPolicy: true },
  );
  await createUser(
    t.ctx,
    actor,
    { username: 't_room2', displayName: '二室干部', password: TEST_PASSWORD, roles: ['staff'], departmentIds: [departments.room2] },
    { skipPolicy: true },
  );
  return { ...org, departments, committees, leaders };
}
export type PlanOrg = Awaited<ReturnType<typeof seedPlanOrg>>;
