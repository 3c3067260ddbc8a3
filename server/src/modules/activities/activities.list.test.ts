import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { todayInShanghai } from '../../platform/time.js';
import type { Actor } from '../../platform/permissions/actor.js';
import { listEventsFor } from './activities.service.js';

let t: TestPlatform;
let org: SmallOrg;
let staff: Client;
let room5: Client;
let wang: Client;
const types: Record<string, string> = {};
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const future = (k: number) => `调研活动（${k}日后）`;
const past = (k: number) => `视察活动（${k}日前）`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((e) => e.title);

async function createEvent(client: Client, title: string, startsAt: string, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/activities/events', {
    typeId: types['重点调研'],
    title,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
    place: '区政协三层会议室',
    organizerDepartmentId: org.departments.office,
    ...over,
  });
  expect(res.status).toBe(201);
  ids[title] = res.body.id;
  return res.body.id as string;
}

// 12 events on the coming days and 13 on the past days: 25 in all, more than the default page of 20.
beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  [staff, room5, wang] = await Promise.all([org.login('officeStaff'), org.login('room5Staff'), org.login('memberWang')]);
  for (const type of (await staff.get('/api/v1/activities/types')).body.items) types[type.name] = type.id;
  for (const k of range(1, 12)) await createEvent(staff, future(k), daysFromNow(k));
  for (const k of range(1, 13)) await createEvent(staff, past(k), daysFromNow(-k), { typeId: types['监督视察'] });
  for (const title of [future(1), past(1)]) {
    const invited = await staff.post(`/api/v1/activities/events/${ids[title]}/invitees`, { memberIds: [org.members.wang] });
    expect(invited.status).toBe(200);
  }
  for (const title of [future(1), future(2)]) {
    expect((await staff.post(`/api/v1/activities/events/${ids[title]}/actions/publish`)).status).toBe(200);
  }
  // The past event 王芳 was invited to took place and was finished (set directly: an event that is over cannot
  // be published now); invitees do not see drafts.
  await t.ctx.db.updateTable('activityEvents').set({ status: 'finished' }).where('id', '=', ids[past(1)]).execute();
});
afterAll(() => t?.close());

describe('the event list', () => {
  it('answers 20 events a page with the total, upcoming first (nearest first), then the past (latest first)', async () => {
    const first = await staff.get('/api/v1/activities/events');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(25);
    expect(first.body.items).toHaveLength(20);
    expect(titles(first)).toEqual([...range(1, 12).map(future), ...range(1, 8).map(past)]);

    const second = await staff.get('/api/v1/activities/events?page=2');
    expect(second.body.total).toBe(25);
    expect(titles(second)).toEqual(range(9, 13).map(past));

    // A page that straddles today: the last two coming events, then the three latest past ones.
    const across = await staff.get('/api/v1/activities/events?page=3&pageSize=5');
    expect(titles(across)).toEqual([future(11), future(12), past(1), past(2), past(3)]);

    const beyond = await staff.get('/api/v1/activities/events?page=9');
    expect(beyond.body).toEqual({ items: [], total: 25, totalCapped: false });
  });

  it('counts an event later today among the upcoming ones', async () => {
    const startOfToday = Date.parse(`${todayInShanghai()}T00:00:00+08:00`);
    await createEvent(staff, '今天的会议', new Date(startOfToday + 60_000).toISOString());
    const list = await staff.get('/api/v1/activities/events?pageSize=2');
    expect(list.body.total).toBe(26);
    expect(titles(list)).toEqual(['今天的会议', future(1)]);
    expect((await staff.get(`/api/v1/activities/events?page=26&pageSize=1`)).body.items[0].title).toBe(past(13));
  });

  it('shows a list row without the check-in code, agenda or minutes', async () => {
    const [row] = (await staff.get('/api/v1/activities/events?pageSize=1')).body.items;
    expect(row).toMatchObject({ typeName: '重点调研', status: 'draft', place: '区政协三层会议室', phase: null });
    expect(row.checkinCode).toBeUndefined();
    expect(row.agenda).toBeUndefined();
    expect(row.minutes).toBeUndefined();
  });

  it('filters by type, status and words of the title', async () => {
    const byType = await staff.get(`/api/v1/activities/events?typeId=${types['监督视察']}&pageSize=5`);
    expect(byType.body.total).toBe(13);
    expect(titles(byType)).toEqual(range(1, 5).map(past));

    const published = await staff.get('/api/v1/activities/events?status=published');
    expect(published.body.total).toBe(2);
    expect(titles(published)).toEqual([future(1), future(2)]);

    const words = await staff.get(`/api/v1/activities/events?q=${encodeURIComponent('调研 12日')}`);
    expect(titles(words)).toEqual([future(12)]);
    expect((await staff.get(`/api/v1/activities/events?q=${encodeURIComponent('视察')}`)).body.total).toBe(13);
    // Wildcards are plain characters.
    expect((await staff.get(`/api/v1/activities/events?q=${encodeURIComponent('%')}`)).body.total).toBe(0);
    expect((await staff.get(`/api/v1/activities/events?q=${encodeURIComponent('_')}`)).body.total).toBe(0);

    const combined = await staff.get(`/api/v1/activities/events?typeId=${types['重点调研']}&status=draft&q=${encodeURIComponent('调研')}`);
    expect(combined.body.total).toBe(10);
  });

  it('pages a member through the events they are invited to only, with their answer on each', async () => {
    const list = await wang.get('/api/v1/activities/events');
    expect(list.body.total).toBe(2);
    expect(titles(list)).toEqual([future(1), past(1)]);
    expect(list.body.items.every((e: { invitationStatus: string }) => e.invitationStatus === 'invited')).toBe(true);

    // 我的活动: the coming ones nearest first, the past ones latest first.
    const startOfToday = new Date(`${todayInShanghai()}T00:00:00+08:00`).toISOString();
    const coming = await wang.get(`/api/v1/activities/events?mine=1&from=${startOfToday}`);
    expect(coming.body).toMatchObject({ total: 1, items: [{ title: future(1) }] });
    const earlier = await wang.get(`/api/v1/activities/events?mine=1&to=${startOfToday}&pageSize=1`);
    expect(earlier.body).toMatchObject({ total: 1, items: [{ title: past(1) }] });
  });
});

describe('the calendar window', () => {
  it('answers every event of a window given by from and to, in time order, without paging', async () => {
    const from = daysFromNow(-14);
    const to = daysFromNow(14);
    const window = await staff.get(`/api/v1/activities/events?from=${from}&to=${to}`);
    expect(window.status).toBe(200);
    expect(window.body.total).toBe(26);
    expect(window.body.items).toHaveLength(26);
    const starts = window.body.items.map((e: { startsAt: string }) => e.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(titles(window)[0]).toBe(past(13));
    expect(titles(window).at(-1)).toBe(future(12));

    // The same window with paging is a list: paged, upcoming first.
    const paged = await staff.get(`/api/v1/activities/events?from=${from}&to=${to}&page=1`);
    expect(paged.body.total).toBe(26);
    expect(paged.body.items).toHaveLength(20);
    expect(titles(paged)[0]).toBe('今天的会议');

    const week = await staff.get(`/api/v1/activities/events?from=${daysFromNow(0.5)}&to=${daysFromNow(3.5)}&typeId=${types['重点调研']}`);
    expect(week.body).toMatchObject({ total: 3 });
    expect(titles(week)).toEqual([future(1), future(2), future(3)]);
  });

  it('refuses a window longer than 62 days without paging, and one that ends before it starts, naming the field', async () => {
    const long = await staff.get(`/api/v1/activities/events?from=${daysFromNow(-40)}&to=${daysFromNow(40)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('结束日期');
    expect(long.body.error.message).toContain('62 天');
    expect(long.body.error.details.fields[0].field).toBe('to');

    const longPaged = await staff.get(`/api/v1/activities/events?from=${daysFromNow(-40)}&to=${daysFromNow(40)}&pageSize=50`);
    expect(longPaged.status).toBe(200);
    expect(longPaged.body.total).toBe(26);
    expect(longPaged.body.items).toHaveLength(26);

    const backwards = await staff.get(`/api/v1/activities/events?from=${daysFromNow(1)}&to=${daysFromNow(-1)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('结束日期');
  });
});

describe('bad paging input', () => {
  it.each([
    ['page=0', 'page', '页码'],
    ['page=abc', 'page', '页码'],
    ['page=1.5', 'page', '页码'],
    ['pageSize=0', 'pageSize', '每页条数'],
    ['pageSize=201', 'pageSize', '每页条数'],
    ['pageSize=', 'pageSize', '每页条数'],
  ])('%s is a 400 in Chinese naming the field', async (query, field, label) => {
    const res = await staff.get(`/api/v1/activities/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(label);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('refuses an unknown status and an overlong search', async () => {
    const status = await staff.get('/api/v1/activities/events?status=open');
    expect(status.status).toBe(400);
    expect(status.body.error.message).toContain('状态');
    const q = await staff.get(`/api/v1/activities/events?q=${'长'.repeat(101)}`);
    expect(q.status).toBe(400);
    expect(q.body.error.message).toContain('搜索词');
  });
});

describe('an organiser who may not read every event', () => {
  it('pages through the events of their department and those they are invited to, counted together', async () => {
    for (const k of [5, 6, 7])
      await createEvent(room5, `五室活动（${k}日后）`, daysFromNow(k + 0.5), { organizerDepartmentId: org.departments.room5 });
    const organiser: Actor = {
      userId: org.users.room5Staff,
      username: 'organiser',
      displayName: '组织者',
      roles: ['staff'],
      grants: { 'activity.event.manage': 'department' },
      memberId: org.members.wang,
      unitId: null,
      departmentIds: [org.departments.room5],
      ip: null,
      requestId: null,
      sessionId: null,
    };
    const first = await listEventsFor(t.ctx, organiser, {}, { page: 1, pageSize: 3, asked: true });
    expect(first.total).toBe(5);
    expect(first.items.map((e) => e.title)).toEqual([future(1), '五室活动（5日后）', '五室活动（6日后）']);
    const second = await listEventsFor(t.ctx, organiser, {}, { page: 2, pageSize: 3, asked: true });
    expect(second.items.map((e) => e.title)).toEqual(['五室活动（7日后）', past(1)]);
    expect(second.items.map((e) => e.invitationStatus)).toEqual([null, 'invited']);
  });
});

describe("a member's list when an event is moved", () => {
  it("keeps the events' order, and leaves out a draft the member is invited to", async () => {
    const created = ['专题协商（甲）', '专题协商（乙）', '专题协商（丙）', '专题协商（草稿）'];
    for (const [i, title] of created.entries()) {
      await createEvent(staff, title, daysFromNow(3 + i));
      expect((await staff.post(`/api/v1/activities/events/${ids[title]}/invitees`, { memberIds: [org.members.wang] })).status).toBe(200);
      if (i < 3) expect((await staff.post(`/api/v1/activities/events/${ids[title]}/actions/publish`)).status).toBe(200);
    }
    const [a, b, c] = created;
    const mine = async (query = '') => {
      const res = await wang.get(`/api/v1/activities/events${query}`);
      expect(res.status).toBe(200);
      return res.body as { total: number; items: { title: string; invitationStatus: string }[] };
    };
    expect((await mine()).items.map((e) => e.title)).toEqual([future(1), a, b, c, past(1)]);

    const reschedule = async (title: string, startsAt: string) => {
      const res = await staff.patch(`/api/v1/activities/events/${ids[title]}`, {
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3600_000).toISOString(),
      });
      expect(res.status).toBe(200);
    };
    // 丙 moves to half a day ahead (before 1日后), then into the past (before 1日前), then back.
    await reschedule(c!, daysFromNow(0.5));
    expect((await mine('?pageSize=3')).items.map((e) => e.title)).toEqual([c, future(1), a]);
    expect((await mine('?page=2&pageSize=3')).items.map((e) => e.title)).toEqual([b, past(1)]);
    await reschedule(c!, daysFromNow(-1.5));
    const moved = await mine();
    expect(moved.total).toBe(5);
    expect(moved.items.map((e) => e.title)).toEqual([future(1), a, b, past(1), c]);
    await reschedule(c!, daysFromNow(10));
    expect((await mine()).items.map((e) => e.title)).toEqual([future(1), a, b, c, past(1)]);

    // A calendar window walks the same invitations, with the member's answer on each.
    const window = await mine(`?from=${daysFromNow(2.5)}&to=${daysFromNow(11)}`);
    expect(window.items.map((e) => e.title)).toEqual([a, b, c]);
    expect(window.items.map((e) => e.invitationStatus)).toEqual(['invited', 'invited', 'invited']);
  });
});
