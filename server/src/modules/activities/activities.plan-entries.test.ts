import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { systemActor } from '../../platform/permissions/actor.js';
import { createActivityPlanEntries, listActivityPlanEntries, type ActivityPlanEntryInput } from './activities.service.js';

let t: TestPlatform;
let org: SmallOrg;
beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
});
afterAll(() => t?.close());

const entry = (over: Partial<ActivityPlanEntryInput>): ActivityPlanEntryInput => ({
  year: 2020,
  category: '重点协商',
  subcategory: '议政性常委会',
  no: 1,
  title: '东城区“十四五”规划纲要编制情况',
  organizerCommitteeIds: [],
  organizerSectorIds: [],
  organizerDepartmentIds: [],
  organizerNames: ['经济科技委员会'],
  periodText: '10月',
  periodFrom: '2020-10-01',
  periodTo: '2020-10-31',
  sourcePlanId: null,
  ...over,
});

describe('annual plan entries for the plan importer', () => {
  it('inserts entries with an audit row inside the caller transaction, and lists them by year and source', async () => {
    const ids = await t.ctx.db.transaction().execute((trx) =>
      createActivityPlanEntries(trx, systemActor('import'), [
        entry({ organizerCommitteeIds: [org.committees.economy], sourcePlanId: 'plan-a' }),
        entry({
          category: '对口协商',
          subcategory: null,
          no: 2,
          title: '对口协商二',
          periodText: '全年',
          periodFrom: null,
          periodTo: null,
          sourcePlanId: 'plan-a',
        }),
        entry({ year: 2021, no: 1, title: '明年的', sourcePlanId: 'plan-b' }),
      ]),
    );
    expect(ids).toHaveLength(3);
    const entries = await listActivityPlanEntries(t.ctx.db, { year: 2020, sourcePlanId: 'plan-a' });
    expect(entries.map((e) => e.title)).toEqual(['对口协商二', '东城区“十四五”规划纲要编制情况']);
    expect(entries[1]).toMatchObject({
      organizerCommitteeIds: [org.committees.economy],
      organizerNames: ['经济科技委员会'],
      periodFrom: '2020-10-01',
    });
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('action', '=', 'activities.plan_entries.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details ?? '{}')).toMatchObject({ count: 3 });
  });

  it('writes nothing when the caller transaction fails', async () => {
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await createActivityPlanEntries(trx, systemActor('import'), [entry({ year: 2030 })]);
        throw new Error('import failed later');
      }),
    ).rejects.toThrow('import failed later');
    expect(await listActivityPlanEntries(t.ctx.db, { year: 2030 })).toEqual([]);
  });
});
