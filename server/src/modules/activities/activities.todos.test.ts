import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/time.js';
import { endedPublishedEvents, type EventRow } from './activities.repo.js';

let t: TestPlatform;
let org: SmallOrg;
let office: Client;
let room5: Client;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * National scale: 20,000 events of ten years. Most are concluded; 1,200 old ones of the office were never
 * finished; 1,100 long inspection tours of the office began ten days ago and are still on; a few ended
 * today — of the office, of 五室, and drafts and cancelled ones of the office that never count.
 */
beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  [office, room5] = await Promise.all([org.login('officeStaff'), org.login('room5Staff')]);
  const typeId = (await t.ctx.db.selectFrom('activityTypes').select('id').where('name', '=', '监督视察').executeTakeFirstOrThrow()).id;
  const rows: EventRow[] = [];
  const add = (title: string, status: EventRow['status'], startsAt: string, endsAt: string, departmentId = org.departments.office) =>
    rows.push({
      id: newId(),
      planEntryId: null,
      typeId,
      title,
      status,
      startsAt,
      endsAt,
      place: '区政协三层会议室',
      organizerCommitteeId: null,
      organizerDepartmentId: departmentId,
      agenda: '',
      capacity: null,
      checkinOpensBefore: 60,
      lateAfter: 0,
      checkinCode: String(rows.length).padStart(6, '0'),
      minutes: '',
      cancelReason: null,
      createdBy: departmentId === org.departments.room5 ? org.users.room5Staff : org.users.officeStaff,
      createdAt: nowIso(),
      updatedAt: nowIso(),
    });
  for (let i = 0; i < 1_200; i++) add(`未结束的旧活动${i}`, 'published', ago(400 * DAY + i * HOUR), ago(400 * DAY + i * HOUR - 2 * HOUR));
  for (let i = 0; i < 1_100; i++)
    add(`长期视察${i}`, 'published', ago(10 * DAY + i * 60_000), new Date(Date.now() + 10 * DAY).toISOString());
  add('今天结束的调研', 'published', ago(5 * HOUR), ago(3 * HOUR));
  add('刚刚结束的座谈', 'published', ago(2 * HOUR), ago(60_000));
  add('五室的调研', 'published', ago(4 * HOUR), ago(2 * HOUR), org.departments.room5);
  add('没有发布的调研', 'draft', ago(4 * HOUR), ago(2 * HOUR));
  add('已取消的调研', 'cancelled', ago(4 * HOUR), ago(2 * HOUR));
  while (rows.length < 20_000)
    add(
      `已形成成果的活动${rows.length}`,
      'concluded',
      ago(30 * DAY + rows.length * 4 * HOUR),
      ago(30 * DAY + rows.length * 4 * HOUR - 2 * HOUR),
    );
  await t.ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 40)
      await trx
        .insertInto('activityEvents')
        .values(rows.slice(i, i + 40))
        .execute();
  });
}, 120_000);
afterAll(() => t?.close());

const eventTodos = async (client: Client) =>
  ((await client.get('/api/v1/todos')).body.items as { workflow: string; title: string }[]).filter((x) => x.workflow === 'activityEvent');

describe('events waiting to be finished, among 20,000', () => {
  it('are exactly the published events that have ended, of the organiser', async () => {
    const all = { all: true, departmentIds: [], userId: '' };
    expect(await endedPublishedEvents(t.ctx.db, all, nowIso())).toHaveLength(1_203);
    const ofRoom5 = await endedPublishedEvents(
      t.ctx.db,
      { all: false, departmentIds: [org.departments.room5], userId: org.users.room5Staff },
      nowIso(),
    );
    expect(ofRoom5.map((e) => e.title)).toEqual(['五室的调研']);
  });

  it("show in the organiser's to-do list, the latest ended first", async () => {
    const todos = await eventTodos(office);
    expect(todos).toHaveLength(50);
    expect(todos.slice(0, 2).map((x) => x.title)).toEqual(['刚刚结束的座谈（待结束并确认出勤）', '今天结束的调研（待结束并确认出勤）']);
    const titles = todos.map((x) => x.title).join('\n');
    for (const absent of ['长期视察', '五室的调研', '没有发布的调研', '已取消的调研', '已形成成果的活动'])
      expect(titles).not.toContain(absent);
    expect(todos.slice(2).every((x) => x.title.startsWith('未结束的旧活动'))).toBe(true);
    expect((await eventTodos(room5)).map((x) => x.title)).toEqual(['五室的调研（待结束并确认出勤）']);
  });
});
