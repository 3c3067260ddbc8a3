import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { sendActivityReminders } from './activities.reminders.js';

let t: TestPlatform;
let org: SmallOrg;
let staff: Client;
let wang: Client;
let zhang: Client;
let typeId: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Noon in Beijing (04:00 UTC) a number of days from today: far from midnight, so day counts are plain. */
function beijingNoon(days: number): Date {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return new Date(Date.parse(`${today}T04:00:00Z`) + days * DAY);
}

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  [staff, wang, zhang] = await Promise.all([org.login('officeStaff'), org.login('memberWang'), org.login('memberZhang')]);
  typeId = ((await staff.get('/api/v1/activities/types')).body.items as { id: string; name: string }[]).find(
    (x) => x.name === '重点调研',
  )!.id;
});
afterAll(() => t?.close());

/** An event of the office at 09:30 Beijing time `days` from today, with 王芳, 张伟 and 赵敏 invited. */
async function event(title: string, days: number, publish = true) {
  const startsAt = new Date(beijingNoon(days).getTime() - 2.5 * HOUR).toISOString();
  const created = await staff.post('/api/v1/activities/events', {
    typeId,
    title,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 2 * HOUR).toISOString(),
    place: '区政协三层会议室',
    organizerDepartmentId: org.departments.office,
  });
  expect(created.status).toBe(201);
  const invited = await staff.post(`/api/v1/activities/events/${created.body.id}/invitees`, {
    memberIds: [org.members.wang, org.members.zhang, org.members.zhao],
  });
  expect(invited.status).toBe(200);
  if (publish) expect((await staff.post(`/api/v1/activities/events/${created.body.id}/actions/publish`)).status).toBe(200);
  return created.body.id as string;
}

/** The reminders (to an invitee) and counts (to the organiser) a user got about the event of this title. */
async function remindersOf(userId: string, title: string) {
  const rows = await t.ctx.db
    .selectFrom('notifications')
    .select(['title', 'body', 'link'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.filter((n) => n.title === `请回复活动通知：${title}` || n.title.endsWith(` 位委员尚未回复：${title}`));
}

describe('reminders to invitees who have not answered', () => {
  it('reminds each non-responder once per threshold, tells the organiser the count once, and skips those who answered', async () => {
    const id = await event('委员履职专题调研', 5);
    const invitation = async (client: Client) => (await client.get(`/api/v1/activities/events/${id}`)).body.myInvitation.id as string;
    // 王芳 accepts; 张伟 asks for leave; 赵敏 does not answer.
    expect((await wang.post(`/api/v1/activities/invitations/${await invitation(wang)}/actions/accept`)).status).toBe(200);
    const leave = await zhang.post(`/api/v1/activities/invitations/${await invitation(zhang)}/actions/requestLeave`, {
      reason: '出差在外',
    });
    expect(leave.status).toBe(200);

    // Five days ahead is beyond the thresholds (3 and 1 days by default): nothing yet.
    expect(await sendActivityReminders(t.ctx, beijingNoon(0))).toBe(0);

    // Three days before, twice: one reminder to 赵敏, one count to the organiser.
    expect(await sendActivityReminders(t.ctx, beijingNoon(2))).toBe(1);
    expect(await sendActivityReminders(t.ctx, beijingNoon(2))).toBe(0);
    expect(await sendActivityReminders(t.ctx, new Date(beijingNoon(2).getTime() + 6 * HOUR))).toBe(0);
    const zhao = await remindersOf(org.users.memberZhao, '委员履职专题调研');
    expect(zhao).toHaveLength(1);
    expect(zhao[0]).toMatchObject({ title: '请回复活动通知：委员履职专题调研', link: `/activities/events/${id}` });
    expect(zhao[0].body).toContain('3 天后');
    expect(await remindersOf(org.users.memberWang, '委员履职专题调研')).toHaveLength(0);
    expect(await remindersOf(org.users.memberZhang, '委员履职专题调研')).toHaveLength(0);
    const organiser = await remindersOf(org.users.officeStaff, '委员履职专题调研');
    expect(organiser).toHaveLength(1);
    expect(organiser[0].title).toBe('1 位委员尚未回复：委员履职专题调研');
    expect(organiser[0].body).toContain('赵敏');

    // One day before, twice: the second threshold, once each.
    expect(await sendActivityReminders(t.ctx, beijingNoon(4))).toBe(1);
    expect(await sendActivityReminders(t.ctx, beijingNoon(4))).toBe(0);
    expect(await remindersOf(org.users.memberZhao, '委员履职专题调研')).toHaveLength(2);
    expect((await remindersOf(org.users.memberZhao, '委员履职专题调研'))[1].body).toContain('1 天后');
    expect(await remindersOf(org.users.officeStaff, '委员履职专题调研')).toHaveLength(2);

    // On the day, after the last threshold, and once it has begun: nothing more.
    expect(await sendActivityReminders(t.ctx, new Date(beijingNoon(5).getTime() - 4 * HOUR))).toBe(0);
    expect(await sendActivityReminders(t.ctx, beijingNoon(5))).toBe(0);
    expect(await remindersOf(org.users.memberZhao, '委员履职专题调研')).toHaveLength(2);
  });

  it('a member who answers after the first reminder gets no second one', async () => {
    const id = await event('社区协商议事会', 3);
    expect(await sendActivityReminders(t.ctx, beijingNoon(0))).toBe(3);
    const mine = (await wang.get(`/api/v1/activities/events/${id}`)).body.myInvitation.id;
    expect((await wang.post(`/api/v1/activities/invitations/${mine}/actions/accept`)).status).toBe(200);
    expect(await sendActivityReminders(t.ctx, beijingNoon(2))).toBe(2);
    expect(await remindersOf(org.users.memberWang, '社区协商议事会')).toHaveLength(1);
    expect(await remindersOf(org.users.memberZhang, '社区协商议事会')).toHaveLength(2);
    const organiser = await remindersOf(org.users.officeStaff, '社区协商议事会');
    expect(organiser.map((n) => n.title)).toEqual(['3 位委员尚未回复：社区协商议事会', '2 位委员尚未回复：社区协商议事会']);
  });

  it('sends nothing for draft or cancelled events', async () => {
    await event('草稿中的视察活动', 1, false);
    const cancelled = await event('已取消的调研活动', 1);
    expect((await staff.post(`/api/v1/activities/events/${cancelled}/actions/cancel`, { reason: '因故取消' })).status).toBe(200);
    expect(await sendActivityReminders(t.ctx, beijingNoon(0))).toBe(0);
    for (const title of ['草稿中的视察活动', '已取消的调研活动']) {
      expect(await remindersOf(org.users.memberZhao, title)).toHaveLength(0);
      expect(await remindersOf(org.users.officeStaff, title)).toHaveLength(0);
    }
  });

  it('follows the settings: other thresholds, or none when switched off', async () => {
    expect((await staff.get('/api/v1/activities/reminder-settings')).body).toEqual({ enabled: true, daysBefore: [3, 1] });
    expect((await wang.get('/api/v1/activities/reminder-settings')).status).toBe(403);
    const bad = await staff.put('/api/v1/activities/reminder-settings', { enabled: true, daysBefore: [0] });
    expect(bad.status).toBe(400);
    const off = await staff.put('/api/v1/activities/reminder-settings', { enabled: false, daysBefore: [7, 2, 7] });
    expect(off.body).toEqual({ enabled: false, daysBefore: [7, 2] });
    await event('界别协商座谈会', 6);
    expect(await sendActivityReminders(t.ctx, beijingNoon(0))).toBe(0);
    expect((await staff.put('/api/v1/activities/reminder-settings', { enabled: true, daysBefore: [7, 2] })).status).toBe(200);
    // The 7-day threshold is new to the earlier events as well; this event's three invitees are among those reminded.
    expect(await sendActivityReminders(t.ctx, beijingNoon(0))).toBeGreaterThanOrEqual(3);
    const zhao = await remindersOf(org.users.memberZhao, '界别协商座谈会');
    expect(zhao).toHaveLength(1);
    expect(zhao[0].body).toContain('6 天后');
    expect(await sendActivityReminders(t.ctx, beijingNoon(0))).toBe(0);
  });
});
