import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { newId } from '../../platform/ids.js';
import { nowIso } from '../../platform/time.js';
import { memberSortKeys } from '../org/member-names.js';
import { attendanceOfMember, planRotation } from './activities.service.js';

let t: TestPlatform;
let org: SmallOrg;
let staff: Client;
let otherStaff: Client;
let leader: Client;
let wang: Client;
let zhang: Client;
let zhao: Client;
const types: Record<string, string> = {};

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  for (const memberId of [org.members.wang, org.members.zhang]) {
    await t.ctx.db.insertInto('committeeMembers').values({ committeeId: org.committees.economy, memberId, position: 'member' }).execute();
  }
  [staff, otherStaff, leader, wang, zhang, zhao] = await Promise.all([
    org.login('officeStaff'),
    org.login('room5Staff'),
    org.login('leaderSong'),
    org.login('memberWang'),
    org.login('memberZhang'),
    org.login('memberZhao'),
  ]);
  const list = await staff.get('/api/v1/activities/types');
  for (const type of list.body.items) types[type.name] = type.id;
});
afterAll(() => t?.close());

async function notificationsOf(userId: string) {
  return t.ctx.db.selectFrom('notifications').select(['title', 'body']).where('userId', '=', userId).orderBy('createdAt').execute();
}

/** A published event of the economy committee with the committee invited. */
async function publishedEvent(over: Record<string, unknown> = {}) {
  const created = await staff.post('/api/v1/activities/events', {
    typeId: types['重点调研'],
    title: '调研活动',
    startsAt: inMinutes(30),
    endsAt: inMinutes(150),
    place: '区政协三层会议室',
    organizerCommitteeId: org.committees.economy,
    organizerDepartmentId: org.departments.office,
    ...over,
  });
  expect(created.status).toBe(201);
  const invited = await staff.post(`/api/v1/activities/events/${created.body.id}/invitees`, { committeeIds: [org.committees.economy] });
  expect(invited.body).toEqual({ added: 2, total: 2 });
  const published = await staff.post(`/api/v1/activities/events/${created.body.id}/actions/publish`);
  expect(published.status).toBe(200);
  return { id: created.body.id as string, code: created.body.checkinCode as string };
}

async function invitationOf(client: Client, eventId: string) {
  const res = await client.get(`/api/v1/activities/events/${eventId}`);
  expect(res.status).toBe(200);
  return res.body.myInvitation;
}

describe('activity types and the annual plan', () => {
  it('seeds the document categories and the regular meetings as configurable types', async () => {
    const res = await staff.get('/api/v1/activities/types');
    const names = res.body.items.map((x: { name: string }) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(['重点协商', '议政性常委会', '协商式监督', '对口协商', '重点调研', '监督视察', '常委会会议', '委员社区行']),
    );
    const sub = res.body.items.find((x: { name: string }) => x.name === '议政性常委会');
    expect(sub.parentId).toBe(types['重点协商']);
    const added = await staff.post('/api/v1/activities/types', { name: '委员讲堂', parentId: null });
    expect(added.status).toBe(201);
    const dup = await staff.post('/api/v1/activities/types', { name: '委员讲堂', parentId: null });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('名称');
    expect((await wang.post('/api/v1/activities/types', { name: '委员自建', parentId: null })).status).toBe(403);
  });

  it('lets staff enter plan entries by hand, shows them by month and exports Excel and Word', async () => {
    const body = {
      year: 2026,
      category: '重点协商',
      subcategory: '议政性常委会',
      no: 1,
      title: '东城区“十四五”规划纲要编制情况',
      organizerCommitteeIds: [org.committees.economy],
      organizerNames: ['经济科技委员会'],
      periodText: '10月',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
    };
    const created = await staff.post('/api/v1/activities/plan-entries', body);
    expect(created.status).toBe(201);
    expect((await wang.post('/api/v1/activities/plan-entries', body)).status).toBe(403);
    const bad = await staff.post('/api/v1/activities/plan-entries', { ...body, periodFrom: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('计划结束日期');
    const missing = await staff.post('/api/v1/activities/plan-entries', { ...body, title: '' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('标题');

    const plan = await wang.get('/api/v1/activities/plan?year=2026');
    expect(plan.status).toBe(200);
    expect(plan.body.entries).toHaveLength(1);
    expect(plan.body.entries[0]).toMatchObject({ title: body.title, months: [10], events: [] });

    const xlsx = await staff.get('/api/v1/activities/plan/export.xlsx?year=2026');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    const docx = await staff.get('/api/v1/activities/plan/export.docx?year=2026');
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');

    const del = await staff.delete(`/api/v1/activities/plan-entries/${created.body.id}`);
    expect(del.status).toBe(204);
  });
});

describe('events, invitations and leave', () => {
  let eventId: string;
  let code: string;

  it('schedules an event, invites a committee, publishes it and notifies each invitee', async () => {
    const bad = await staff.post('/api/v1/activities/events', {
      typeId: types['重点调研'],
      title: '坏时间',
      startsAt: inMinutes(60),
      endsAt: inMinutes(30),
      place: '会议室',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('结束时间');
    const foreign = await staff.post('/api/v1/activities/events', {
      typeId: types['重点调研'],
      title: 'x',
      startsAt: inMinutes(60),
      endsAt: inMinutes(90),
      place: 'x',
      organizerDepartmentId: org.departments.room5,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toContain('组织部门');
    for (const [field, label] of [
      ['organizerCommitteeId', '组织专委会'],
      ['organizerDepartmentId', '组织部门'],
    ] as const) {
      const missing = await staff.post('/api/v1/activities/events', {
        typeId: types['重点调研'],
        title: 'x',
        startsAt: inMinutes(60),
        endsAt: inMinutes(90),
        place: 'x',
        [field]: '01a21732-0000-7000-8000-000000000000',
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatchObject({ details: expect.anything() });
      expect(missing.body.error.message).toContain(label);
      expect(missing.body.error.message).toContain('不存在');
    }

    ({ id: eventId, code } = await publishedEvent({ title: '东城区“十四五”规划纲要编制情况', typeId: types['议政性常委会'] }));
    expect((await notificationsOf(org.users.memberWang)).some((n) => n.title.includes('东城区“十四五”规划纲要编制情况'))).toBe(true);
    expect((await notificationsOf(org.users.memberZhang)).length).toBeGreaterThan(0);
    expect(await notificationsOf(org.users.memberZhao)).toHaveLength(0);

    const detail = await staff.get(`/api/v1/activities/events/${eventId}`);
    expect(detail.body.status).toBe('published');
    expect(detail.body.checkin.code).toBe(code);
    expect(detail.body.checkin.qrSvg).toContain('<svg');
    expect(detail.body.allowedActions.map((a: { action: string }) => a.action)).toEqual(['cancel']);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual(['publish']);
  });

  it('hides the event from members who were not invited', async () => {
    expect((await zhao.get(`/api/v1/activities/events/${eventId}`)).status).toBe(404);
    const mine = await zhao.get('/api/v1/activities/events?mine=1');
    expect(mine.body.items).toHaveLength(0);
    const wangs = await wang.get('/api/v1/activities/events?mine=1');
    expect(wangs.body.items.map((e: { id: string }) => e.id)).toContain(eventId);
    expect(wangs.body.items[0].checkinCode).toBeUndefined();
  });

  it('only the organiser may change the event; a change notifies every invitee', async () => {
    expect((await otherStaff.patch(`/api/v1/activities/events/${eventId}`, { place: '别处' })).status).toBe(403);
    const before = (await notificationsOf(org.users.memberZhang)).length;
    const changed = await staff.patch(`/api/v1/activities/events/${eventId}`, { place: '区政协一层报告厅' });
    expect(changed.status).toBe(200);
    const after = await notificationsOf(org.users.memberZhang);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.body).toContain('区政协一层报告厅');
  });

  it('members answer; leave needs a reason; only the organiser approves it', async () => {
    const mine = await invitationOf(wang, eventId);
    expect(mine.allowedActions.map((a: { action: string }) => a.action)).toEqual(['accept', 'requestLeave']);
    const accepted = await wang.post(`/api/v1/activities/invitations/${mine.id}/actions/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');

    const zhangs = await invitationOf(zhang, eventId);
    const noReason = await zhang.post(`/api/v1/activities/invitations/${zhangs.id}/actions/requestLeave`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('理由');
    const leave = await zhang.post(`/api/v1/activities/invitations/${zhangs.id}/actions/requestLeave`, { reason: '出差在外地' });
    expect(leave.body.status).toBe('leave_requested');
    expect((await wang.post(`/api/v1/activities/invitations/${zhangs.id}/actions/accept`)).status).toBe(403);

    expect((await wang.post(`/api/v1/activities/invitations/${zhangs.id}/actions/approveLeave`, {})).status).toBe(403);
    expect((await otherStaff.post(`/api/v1/activities/invitations/${zhangs.id}/actions/approveLeave`, {})).status).toBe(403);
    const todos = await staff.get('/api/v1/todos');
    expect(JSON.stringify(todos.body)).toContain('张伟 请假');
    const approved = await staff.post(`/api/v1/activities/invitations/${zhangs.id}/actions/approveLeave`, { comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('leave_approved');
    expect((await notificationsOf(org.users.memberZhang)).at(-1)!.title).toContain('请假已批准');
  });

  it('checks a member in by code within the window, and refuses wrong codes and strangers', async () => {
    const wrongCode = code === '000000' ? '000001' : '000000';
    const wrong = await wang.post('/api/v1/activities/checkin', { checkinCode: wrongCode });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('签到码');
    const malformed = await wang.post('/api/v1/activities/checkin', { checkinCode: 'abc' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('签到码');

    const stranger = await zhao.post('/api/v1/activities/checkin', { checkinCode: code });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toContain('邀请名单');

    const ok = await wang.post('/api/v1/activities/checkin', { checkinCode: code });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ eventId, attendance: 'present', already: false });
    const again = await wang.post('/api/v1/activities/checkin', { checkinCode: code });
    expect(again.body.already).toBe(true);
    const mine = await invitationOf(wang, eventId);
    expect(mine.allowedActions).toEqual([]);
    const leave = await wang.post(`/api/v1/activities/invitations/${mine.id}/actions/requestLeave`, { reason: '临时有事' });
    expect(leave.status).toBe(409);
    expect(leave.body.error.message).toContain('已签到');
  });

  it('refuses a check-in before the window opens', async () => {
    const later = await publishedEvent({ title: '三天后的调研', startsAt: inMinutes(3 * 24 * 60), endsAt: inMinutes(3 * 24 * 60 + 120) });
    const res = await wang.post('/api/v1/activities/checkin', { checkinCode: later.code });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('不在签到时间内');
  });

  it('lets the organiser mark attendance by hand, within the rules', async () => {
    const zhaoRes = await staff.put(`/api/v1/activities/events/${eventId}/attendance`, {
      memberId: org.members.zhao,
      attendance: 'present',
    });
    expect(zhaoRes.status).toBe(400);
    expect(zhaoRes.body.error.message).toContain('委员');
    const ok = await staff.put(`/api/v1/activities/events/${eventId}/attendance`, { memberId: org.members.zhang, attendance: 'leave' });
    expect(ok.status).toBe(200);
    expect(
      (await wang.put(`/api/v1/activities/events/${eventId}/attendance`, { memberId: org.members.wang, attendance: 'present' })).status,
    ).toBe(403);
    const detail = await staff.get(`/api/v1/activities/events/${eventId}`);
    expect(detail.body.counts).toMatchObject({ invited: 2, present: 1, leave: 1 });
  });

  it('a cancelled event accepts nothing, and every invitee is told', async () => {
    const ev = await publishedEvent({ title: '将被取消的视察', typeId: types['监督视察'] });
    const noReason = await staff.post(`/api/v1/activities/events/${ev.id}/actions/cancel`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('理由');
    const cancelled = await staff.post(`/api/v1/activities/events/${ev.id}/actions/cancel`, { reason: '与区人大会议冲突' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await notificationsOf(org.users.memberZhang)).at(-1)!.title).toBe('活动取消：将被取消的视察');

    const checkin = await wang.post('/api/v1/activities/checkin', { checkinCode: ev.code });
    expect(checkin.status).toBe(409);
    expect(checkin.body.error.message).toContain('已取消');
    const mine = await invitationOf(wang, ev.id);
    expect(mine.allowedActions).toEqual([]);
    const accept = await wang.post(`/api/v1/activities/invitations/${mine.id}/actions/accept`);
    expect(accept.status).toBe(409);
    expect(accept.body.error.message).toContain('已取消');
    expect((await staff.post(`/api/v1/activities/events/${ev.id}/invitees`, { memberIds: [org.members.zhao] })).status).toBe(409);
    expect((await staff.patch(`/api/v1/activities/events/${ev.id}`, { place: '别处' })).status).toBe(409);
    expect(
      (await staff.put(`/api/v1/activities/events/${ev.id}/attendance`, { memberId: org.members.wang, attendance: 'present' })).status,
    ).toBe(409);
    expect((await staff.post(`/api/v1/activities/events/${ev.id}/report`, { title: '报告', recommendations: ['一'] })).status).toBe(409);
  });

  it('keeps a waiting list when the event is full and promotes from it when a seat frees', async () => {
    const ev = await publishedEvent({ title: '限额的委员讲堂', typeId: types['委员讲堂'] ?? types['重点调研'], capacity: 1 });
    const w = await invitationOf(wang, ev.id);
    const z = await invitationOf(zhang, ev.id);
    expect((await wang.post(`/api/v1/activities/invitations/${w.id}/actions/accept`)).body.status).toBe('accepted');
    expect((await zhang.post(`/api/v1/activities/invitations/${z.id}/actions/accept`)).body.status).toBe('waitlisted');
    await wang.post(`/api/v1/activities/invitations/${w.id}/actions/requestLeave`, { reason: '身体不适' });
    expect((await invitationOf(zhang, ev.id)).status).toBe('accepted');
    expect((await notificationsOf(org.users.memberZhang)).at(-1)!.title).toContain('候补转为参加');
  });
});

describe('late check-in, finishing, attendance and the outcome report', () => {
  let eventId: string;

  it('counts a check-in after the start as late, and closes attendance when the event is finished', async () => {
    const ev = await publishedEvent({
      title: '已开始的对口协商',
      typeId: types['对口协商'],
      startsAt: inMinutes(-10),
      endsAt: inMinutes(60),
    });
    eventId = ev.id;
    const res = await wang.post('/api/v1/activities/checkin', { checkinCode: ev.code });
    expect(res.body.attendance).toBe('late');

    const upcoming = await publishedEvent({ title: '未开始的', startsAt: inMinutes(120), endsAt: inMinutes(180) });
    const early = await staff.post(`/api/v1/activities/events/${upcoming.id}/actions/finish`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('尚未开始');

    const finished = await staff.post(`/api/v1/activities/events/${eventId}/actions/finish`);
    expect(finished.body.status).toBe('finished');
    const zhangs = await attendanceOfMember(t.ctx.db, org.members.zhang, { from: inMinutes(-60), to: inMinutes(60) });
    expect(zhangs.find((a) => a.eventId === eventId)).toMatchObject({
      attendance: 'absent',
      title: '已开始的对口协商',
      typeName: '对口协商',
    });
    const wangs = await attendanceOfMember(t.ctx.db, org.members.wang, { from: inMinutes(-60), to: inMinutes(60) });
    expect(wangs.find((a) => a.eventId === eventId)).toMatchObject({ attendance: 'late' });

    const stats = await staff.get('/api/v1/activities/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.events.find((e: { eventId: string }) => e.eventId === eventId)).toMatchObject({
      late: 1,
      absent: 1,
      total: 2,
      rate: 50,
    });
    expect(stats.body.committees[0]).toMatchObject({ committeeName: '经济科技委员会' });
    expect((await wang.get('/api/v1/activities/stats')).status).toBe(403);

    const sheet = await staff.get(`/api/v1/activities/events/${eventId}/signin-sheet.docx`);
    expect(sheet.status).toBe(200);
    expect(sheet.headers['content-type']).toContain('wordprocessingml');
  });

  it('takes speeches and minutes', async () => {
    const own = await wang.post(`/api/v1/activities/events/${eventId}/speeches`, {
      kind: 'written',
      title: '关于营商环境的书面发言',
      body: '建议……',
    });
    expect(own.status).toBe(201);
    expect(
      (await wang.post(`/api/v1/activities/events/${eventId}/speeches`, { memberId: org.members.zhang, kind: 'oral', title: '代发' }))
        .status,
    ).toBe(403);
    const badKind = await wang.post(`/api/v1/activities/events/${eventId}/speeches`, { kind: 'sung', title: 'x' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain('类型');
    expect(
      (await staff.post(`/api/v1/activities/events/${eventId}/speeches`, { memberId: org.members.zhang, kind: 'oral', title: '口头发言' }))
        .status,
    ).toBe(201);
    const file = await wang.upload('/api/v1/files', '书面发言.txt', Buffer.from('关于营商环境的书面发言全文'));
    expect(file.status).toBe(201);
    const withFile = await wang.post(`/api/v1/activities/events/${eventId}/speeches`, {
      kind: 'written',
      title: '附件版书面发言',
      fileIds: [file.body.id],
    });
    expect(withFile.status).toBe(201);
    expect((await zhang.get(`/api/v1/files/${file.body.id}`)).status).toBe(200);
    expect((await zhao.get(`/api/v1/files/${file.body.id}`)).status).toBe(404);
    expect((await staff.put(`/api/v1/activities/events/${eventId}/minutes`, { minutes: '会议听取了情况通报。' })).status).toBe(200);
    expect((await wang.put(`/api/v1/activities/events/${eventId}/minutes`, { minutes: '改' })).status).toBe(403);
    const detail = await wang.get(`/api/v1/activities/events/${eventId}`);
    expect(detail.body.speeches).toHaveLength(3);
    expect(detail.body.speeches.find((x: { title: string }) => x.title === '附件版书面发言').attachments[0].name).toBe('书面发言.txt');
    expect(detail.body.minutes).toBe('会议听取了情况通报。');
  });

  it('carries the outcome report from draft to sent, and each recommendation to its response', async () => {
    expect((await wang.post(`/api/v1/activities/events/${eventId}/report`, { title: '报告', recommendations: ['一'] })).status).toBe(403);
    const empty = await staff.post(`/api/v1/activities/events/${eventId}/report`, { title: '报告', recommendations: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('建议');
    const created = await staff.post(`/api/v1/activities/events/${eventId}/report`, {
      title: '关于优化营商环境的建议报告',
      summary: '经协商，形成如下建议。',
      recommendations: ['简化审批流程', '加强中小企业服务'],
    });
    expect(created.status).toBe(201);
    const reportId = created.body.id;
    let detail = (await staff.get(`/api/v1/activities/events/${eventId}`)).body;
    expect(detail.report.recommendations.map((r: { no: number; body: string }) => [r.no, r.body])).toEqual([
      [1, '简化审批流程'],
      [2, '加强中小企业服务'],
    ]);
    const recId = detail.report.recommendations[0].id;
    const early = await staff.post(`/api/v1/activities/recommendations/${recId}/actions/respond`, {
      body: '已研究',
      respondedBy: '区政务服务局',
      respondedOn: '2026-12-01',
    });
    expect(early.status).toBe(409);

    expect((await staff.post(`/api/v1/activities/reports/${reportId}/actions/submit`)).body.status).toBe('submitted');
    expect((await staff.post(`/api/v1/activities/reports/${reportId}/actions/approve`, {})).status).toBe(403);
    expect((await staff.patch(`/api/v1/activities/reports/${reportId}`, { title: '改' })).status).toBe(409);
    expect(JSON.stringify((await leader.get('/api/v1/todos')).body)).toContain('关于优化营商环境的建议报告');
    expect((await leader.post(`/api/v1/activities/reports/${reportId}/actions/approve`, { comment: '同意报送' })).body.status).toBe(
      'approved',
    );
    const noRecipient = await staff.post(`/api/v1/activities/reports/${reportId}/actions/send`, {});
    expect(noRecipient.status).toBe(400);
    expect(noRecipient.body.error.message).toContain('报送对象');
    expect((await staff.post(`/api/v1/activities/reports/${reportId}/actions/send`, { recipient: '中共东城区委' })).body.status).toBe(
      'sent',
    );

    const badDate = await staff.post(`/api/v1/activities/recommendations/${recId}/actions/respond`, {
      body: '已研究',
      respondedBy: '区政务服务局',
      respondedOn: '12月1日',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain('答复日期');
    const responded = await staff.post(`/api/v1/activities/recommendations/${recId}/actions/respond`, {
      body: '已纳入明年工作要点',
      respondedBy: '区政务服务局',
      respondedOn: '2026-12-01',
    });
    expect(responded.body.status).toBe('responded');
    expect((await staff.post(`/api/v1/activities/recommendations/${recId}/actions/close`, {})).body.status).toBe('closed');

    detail = (await wang.get(`/api/v1/activities/events/${eventId}`)).body;
    expect(detail.report.status).toBe('sent');
    expect(detail.report.recommendations[0]).toMatchObject({
      status: 'closed',
      responses: [{ body: '已纳入明年工作要点', respondedBy: '区政务服务局' }],
    });
    expect((await staff.post(`/api/v1/activities/events/${eventId}/actions/conclude`)).body.status).toBe('concluded');
    const audit = await t.ctx.db.selectFrom('auditLog').select('action').where('objectId', '=', reportId).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['activities.report.create', 'activityReport.submit', 'activityReport.approve', 'activityReport.send']),
    );
  });
});

describe('calendar feed', () => {
  it('serves an ICS feed per user by token, and nothing for an unknown token', async () => {
    const token = await wang.get('/api/v1/activities/calendar-token');
    expect(token.body.url).toContain('/api/v1/activities/calendar.ics?token=');
    const feed = await t.anonymous().get(`/api/v1/activities/calendar.ics?token=${token.body.token}`);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('SUMMARY:东城区“十四五”规划纲要编制情况');
    expect(feed.body).toContain('STATUS:CANCELLED');
    expect((await t.anonymous().get(`/api/v1/activities/calendar.ics?token=${'x'.repeat(32)}`)).status).toBe(404);
    const renewed = await wang.post('/api/v1/activities/calendar-token');
    expect(renewed.body.token).not.toBe(token.body.token);
    expect((await t.anonymous().get(`/api/v1/activities/calendar.ics?token=${token.body.token}`)).status).toBe(404);
  });
});

describe('standing committee rotation', () => {
  it('plans 300 members over 6 meetings: everyone once, batches within one, sectors mixed; swaps, publishes and exports', async () => {
    const db = t.ctx.db;
    const at = nowIso();
    const sectorIds: string[] = [];
    for (let s = 0; s < 12; s++) {
      const id = newId();
      sectorIds.push(id);
      await db
        .insertInto('sectors')
        .values({ id, name: `测试界别${s}`, sortOrder: 10 + s, createdAt: at })
        .execute();
    }
    const rows = Array.from({ length: 300 }, (_, i) => {
      const name = `委员${String(i).padStart(3, '0')}`;
      // Uneven sectors, as in a real roster: the first sectors are much larger.
      const sector = i < 90 ? sectorIds[0] : i < 150 ? sectorIds[1] : sectorIds[2 + (i % 10)];
      return {
        id: newId(),
        name,
        ...memberSortKeys(name),
        gender: 'male' as const,
        ethnicity: '汉族',
        birthDate: null,
        partyId: null,
        sectorId: sector,
        isStandingMember: 0,
        isLeader: 0,
        employer: null,
        jobTitle: null,
        mobile: null,
        email: null,
        streetGroupId: null,
        studioId: null,
        status: 'active' as const,
        isDemo: 0,
        createdAt: at,
        updatedAt: at,
      };
    });
    for (let i = 0; i < rows.length; i += 50)
      await db
        .insertInto('members')
        .values(rows.slice(i, i + 50))
        .execute();
    const nonStanding = await db
      .selectFrom('members')
      .select(['id', 'sectorId'])
      .where('isStandingMember', '=', 0)
      .where('status', '=', 'active')
      .execute();

    const noMeetings = await staff.post('/api/v1/activities/rotations/2027/plan');
    expect(noMeetings.status).toBe(400);
    expect(noMeetings.body.error.message).toContain('常委会会议');
    for (let m = 0; m < 6; m++) {
      const month = String(2 + m * 2).padStart(2, '0');
      const res = await staff.post('/api/v1/activities/events', {
        typeId: types['常委会会议'],
        title: `第${m + 1}次常委会会议`,
        startsAt: `2027-${month}-15T01:00:00.000Z`,
        endsAt: `2027-${month}-15T04:00:00.000Z`,
        place: '区政协常委会议室',
      });
      expect(res.status).toBe(201);
    }
    expect((await wang.post('/api/v1/activities/rotations/2027/plan')).status).toBe(403);
    const plan = await staff.post('/api/v1/activities/rotations/2027/plan');
    expect(plan.status).toBe(200);
    const meetings: { id: string; members: { memberId: string; sectorName: string | null }[] }[] = plan.body.meetings;
    expect(meetings).toHaveLength(6);
    const seated = meetings.flatMap((m) => m.members.map((s) => s.memberId));
    expect(seated.length).toBe(nonStanding.length);
    expect(new Set(seated)).toEqual(new Set(nonStanding.map((m) => m.id)));
    const sizes = meetings.map((m) => m.members.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const m of meetings) {
      // Each batch takes its share of the two big sectors (90 and 60 members over 6 meetings).
      const big = m.members.filter((s) => s.sectorName === '测试界别0').length;
      expect(big).toBeGreaterThanOrEqual(14);
      expect(big).toBeLessThanOrEqual(16);
      expect(new Set(m.members.map((s) => s.sectorName)).size).toBeGreaterThanOrEqual(10);
    }

    const a = meetings[0].members[0].memberId;
    const b = meetings[1].members[0].memberId;
    const same = await staff.post('/api/v1/activities/rotations/2027/swap', { memberA: a, memberB: meetings[0].members[1].memberId });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toContain('委员乙');
    const swapped = await staff.post('/api/v1/activities/rotations/2027/swap', { memberA: a, memberB: b });
    expect(swapped.body.meetings[1].members.map((s: { memberId: string }) => s.memberId)).toContain(a);
    expect(swapped.body.meetings[0].members.map((s: { memberId: string }) => s.memberId)).toContain(b);

    const published = await staff.post('/api/v1/activities/rotations/2027/publish');
    expect(published.body.rotation.status).toBe('published');
    const invited = await db.selectFrom('activityInvitations').select('memberId').where('eventId', '=', meetings[1].id).execute();
    expect(invited.map((i) => i.memberId)).toContain(a);
    // The meetings are still drafts, which members do not see yet: the notice names the meeting and links nowhere.
    const notice = await db
      .selectFrom('notifications')
      .select(['body', 'link'])
      .where('userId', '=', org.users.memberZhang)
      .where('title', 'like', '列席常委会会议安排%')
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ link: null, body: expect.stringContaining('会议通知将另行发送') });
    expect((await staff.post('/api/v1/activities/rotations/2027/publish')).status).toBe(409);
    const xlsx = await staff.get('/api/v1/activities/rotations/2027/export.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('keeps batch sizes within one for any roster size', () => {
    for (const [n, k] of [
      [7, 3],
      [300, 6],
      [301, 6],
      [5, 6],
    ]) {
      const members = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, sectorId: i % 4 === 0 ? null : `s${i % 3}` }));
      const batches = [
        ...planRotation(
          members,
          Array.from({ length: k }, (_, i) => `e${i}`),
        ).values(),
      ];
      const sizes = batches.map((b) => b.length);
      expect(sizes.reduce((x, y) => x + y, 0)).toBe(n);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

describe('the remaining actions and their refusals', () => {
  it('rejects leave only with a comment, and the member may then attend', async () => {
    const ev = await publishedEvent({ title: '请假被驳回的协商' });
    const z = await invitationOf(zhang, ev.id);
    await zhang.post(`/api/v1/activities/invitations/${z.id}/actions/requestLeave`, { reason: '家中有事' });
    const bare = await staff.post(`/api/v1/activities/invitations/${z.id}/actions/rejectLeave`, {});
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toContain('意见');
    const rejected = await staff.post(`/api/v1/activities/invitations/${z.id}/actions/rejectLeave`, {
      comment: '本次为重点协商，请务必参加',
    });
    expect(rejected.body.status).toBe('leave_rejected');
    expect((await notificationsOf(org.users.memberZhang)).at(-1)!.title).toContain('请假未获批准');
    expect((await zhang.post(`/api/v1/activities/invitations/${z.id}/actions/accept`)).body.status).toBe('accepted');
    const history = (await staff.get(`/api/v1/activities/events/${ev.id}`)).body.invitations.find(
      (i: { memberId: string }) => i.memberId === org.members.zhang,
    );
    expect(history.status).toBe('accepted');
  });

  it('withdraws an invitation with a notice, and filters the calendar by type', async () => {
    const ev = await publishedEvent({ title: '撤回邀请的视察', typeId: types['监督视察'] });
    expect((await staff.delete(`/api/v1/activities/events/${ev.id}/invitees/${org.members.zhao}`)).status).toBe(404);
    expect((await staff.delete(`/api/v1/activities/events/${ev.id}/invitees/${org.members.zhang}`)).status).toBe(204);
    expect((await notificationsOf(org.users.memberZhang)).at(-1)!.title).toBe('活动邀请已撤回：撤回邀请的视察');
    expect((await zhang.get(`/api/v1/activities/events/${ev.id}`)).status).toBe(404);
    const byType = await staff.get(`/api/v1/activities/events?typeId=${types['监督视察']}`);
    expect(byType.body.items.every((e: { typeName: string }) => e.typeName === '监督视察')).toBe(true);
    expect(byType.body.items.map((e: { title: string }) => e.title)).toContain('撤回邀请的视察');
    const bad = await staff.get('/api/v1/activities/events?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('开始日期');
  });

  it('renames and switches off activity types, edits plan entries, and keeps entries that have events', async () => {
    const renamed = await staff.patch(`/api/v1/activities/types/${types['委员接待日']}`, { active: 0 });
    expect(renamed.status).toBe(200);
    expect((await staff.get('/api/v1/activities/types')).body.items.find((x: { name: string }) => x.name === '委员接待日').active).toBe(0);
    expect((await staff.patch(`/api/v1/activities/types/${types['委员接待日']}`, { name: '重点协商' })).status).toBe(400);
    const noop = await staff.patch(`/api/v1/activities/types/${types['委员接待日']}`, {});
    expect(noop.status).toBe(200);
    expect(noop.body).toMatchObject({ name: '委员接待日', active: 0 });

    const entry = await staff.post('/api/v1/activities/plan-entries', {
      year: 2026,
      category: '对口协商',
      no: 3,
      title: '养老服务',
      periodText: '6月',
      periodFrom: '2026-06-01',
      periodTo: '2026-06-30',
    });
    const edited = await staff.patch(`/api/v1/activities/plan-entries/${entry.body.id}`, {
      periodText: '6—7月',
      periodTo: '2026-07-31',
      organizerNames: ['社会和法制委员会'],
    });
    expect(edited.body).toMatchObject({ periodText: '6—7月', periodTo: '2026-07-31', organizerNames: ['社会和法制委员会'] });
    expect(
      (await staff.get('/api/v1/activities/plan?year=2026')).body.entries.find((e: { id: string }) => e.id === entry.body.id).months,
    ).toEqual([6, 7]);
    expect((await wang.patch(`/api/v1/activities/plan-entries/${entry.body.id}`, { title: '改' })).status).toBe(403);
    await staff.post('/api/v1/activities/events', {
      planEntryId: entry.body.id,
      typeId: types['对口协商'],
      title: '养老服务对口协商',
      startsAt: inMinutes(600),
      endsAt: inMinutes(700),
      place: '区民政局',
    });
    const del = await staff.delete(`/api/v1/activities/plan-entries/${entry.body.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('已安排活动');
  });

  it('refuses to conclude an event before its report is sent, and to publish an event that is over', async () => {
    const ev = await publishedEvent({ title: '未报送成果的活动', startsAt: inMinutes(-30), endsAt: inMinutes(30) });
    await staff.post(`/api/v1/activities/events/${ev.id}/actions/finish`);
    const conclude = await staff.post(`/api/v1/activities/events/${ev.id}/actions/conclude`);
    expect(conclude.status).toBe(409);
    expect(conclude.body.error.message).toContain('成果报告报送后');
    const past = await staff.post('/api/v1/activities/events', {
      typeId: types['重点调研'],
      title: '补录的调研',
      startsAt: inMinutes(-300),
      endsAt: inMinutes(-200),
      place: '某街道',
    });
    const publish = await staff.post(`/api/v1/activities/events/${past.body.id}/actions/publish`);
    expect(publish.status).toBe(409);
    expect(publish.body.error.message).toContain('结束时间已过');
  });
});
