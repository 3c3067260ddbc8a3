import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';

let t: TestPlatform;
let org: SmallOrg;
let staff: Client;
let room5: Client;
let leader: Client;
let wang: Client;
let eventId: string;
let code: string;
let invitationId: string;
const TITLE = '社区养老服务专题调研（草稿）';
const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  [staff, room5, leader, wang] = await Promise.all([
    org.login('officeStaff'),
    org.login('room5Staff'),
    org.login('leaderSong'),
    org.login('memberWang'),
  ]);
  const types = (await staff.get('/api/v1/activities/types')).body.items as { id: string; name: string }[];
  // Starts within the hour, so that its check-in window is open and it appears among this week's events.
  const created = await staff.post('/api/v1/activities/events', {
    typeId: types.find((x) => x.name === '重点调研')!.id,
    title: TITLE,
    startsAt: inDays(0.02),
    endsAt: inDays(0.1),
    place: '区政协三层会议室',
    organizerDepartmentId: org.departments.office,
  });
  expect(created.status).toBe(201);
  eventId = created.body.id;
  code = created.body.checkinCode;
  expect((await staff.post(`/api/v1/activities/events/${eventId}/invitees`, { memberIds: [org.members.wang] })).status).toBe(200);
  invitationId = (await t.ctx.db.selectFrom('activityInvitations').select('id').where('eventId', '=', eventId).executeTakeFirstOrThrow())
    .id;
});
afterAll(() => t?.close());

const week = () => `from=${encodeURIComponent(inDays(-1))}&to=${encodeURIComponent(inDays(6))}`;
const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((e) => e.title);
const todoTitles = async (client: Client) =>
  ((await client.get('/api/v1/todos')).body.items as { title: string }[]).map((x) => x.title).join('\n');

async function feedOf(client: Client): Promise<string> {
  const token = await client.get('/api/v1/activities/calendar-token');
  return (await t.anonymous().get(`/api/v1/activities/calendar.ics?token=${token.body.token}`)).body as string;
}

describe('a draft event and its invitees', () => {
  it('is not there for an invited member: no detail, list, calendar, 我的活动, feed, to-do, invitation or check-in', async () => {
    expect((await wang.get(`/api/v1/activities/events/${eventId}`)).status).toBe(404);
    expect(titles(await wang.get('/api/v1/activities/events'))).not.toContain(TITLE);
    expect(titles(await wang.get('/api/v1/activities/events?mine=1'))).not.toContain(TITLE);
    expect(titles(await wang.get(`/api/v1/activities/events?${week()}`))).not.toContain(TITLE);
    expect((await wang.get('/api/v1/activities/events?mine=1')).body.total).toBe(0);
    expect(await feedOf(wang)).not.toContain('社区养老');
    expect(await todoTitles(wang)).not.toContain(TITLE);
    expect((await wang.post(`/api/v1/activities/invitations/${invitationId}/actions/accept`)).status).toBe(404);
    const speech = await wang.post(`/api/v1/activities/events/${eventId}/speeches`, { kind: 'written', title: '书面发言' });
    expect(speech.status).toBe(404);
    const checkin = await wang.post('/api/v1/activities/checkin', { checkinCode: code });
    expect(checkin.status).toBe(400);
    expect(checkin.body.error.message).toContain('签到码');
  });

  it('is there for its organisers and for those who read every event', async () => {
    const own = await staff.get(`/api/v1/activities/events/${eventId}`);
    expect(own.status).toBe(200);
    // With the work unit and title the printed sign-in sheet lists.
    expect(own.body.invitations).toMatchObject([{ memberName: '王芳', employer: '某单位', jobTitle: '职员' }]);
    expect(titles(await staff.get('/api/v1/activities/events'))).toContain(TITLE);
    expect(titles(await staff.get(`/api/v1/activities/events?${week()}`))).toContain(TITLE);
    expect((await room5.get(`/api/v1/activities/events/${eventId}`)).status).toBe(200);
    expect((await leader.get(`/api/v1/activities/events/${eventId}`)).status).toBe(200);
    expect(titles(await leader.get('/api/v1/activities/events'))).toContain(TITLE);
  });

  it('appears to the invitee once published, everywhere at once', async () => {
    expect((await staff.post(`/api/v1/activities/events/${eventId}/actions/publish`)).status).toBe(200);
    const detail = await wang.get(`/api/v1/activities/events/${eventId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.myInvitation.id).toBe(invitationId);
    expect(titles(await wang.get('/api/v1/activities/events?mine=1'))).toContain(TITLE);
    expect(titles(await wang.get('/api/v1/activities/events'))).toContain(TITLE);
    expect(titles(await wang.get(`/api/v1/activities/events?${week()}`))).toContain(TITLE);
    expect(await feedOf(wang)).toContain('社区养老');
    expect(await todoTitles(wang)).toContain(`活动邀请：${TITLE}`);
    const checkin = await wang.post('/api/v1/activities/checkin', { checkinCode: code });
    expect(checkin.status).toBe(200);
    expect(checkin.body.eventId).toBe(eventId);
  });
});
