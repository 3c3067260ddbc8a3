import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';

let t: TestPlatform;
let org: SmallOrg;
let staff: Client, proposalStaff: Client, leader: Client, wang: Client, zhang: Client, zhao: Client, unit: Client;
const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedSmallOrg(t);
  for (const memberId of [org.members.wang, org.members.zhang]) {
    await t.ctx.db.insertInto('committeeMembers').values({ committeeId: org.committees.economy, memberId, position: 'member' }).execute();
  }
  [staff, proposalStaff, leader, wang, zhang, zhao, unit] = await Promise.all([
    org.login('officeStaff'),
    org.login('proposalStaff'),
    org.login('leaderSong'),
    org.login('memberWang'),
    org.login('memberZhang'),
    org.login('memberZhao'),
    org.login('unitEducation'),
  ]);
  await recordFacts();
});
afterAll(() => t?.close());

async function expectStatus(p: Promise<{ status: number; body: any }>, status: number) {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** An event of the economy committee (王芳, 张伟 invited), published and about to start, so attendance can be marked. */
async function event(title: string) {
  const types = (await staff.get('/api/v1/activities/types')).body.items as { id: string; name: string }[];
  const created = await expectStatus(
    staff.post('/api/v1/activities/events', {
      typeId: types.find((x) => x.name === '重点调研')!.id,
      title,
      startsAt: inMinutes(30),
      endsAt: inMinutes(150),
      place: '区政协三层会议室',
      organizerCommitteeId: org.committees.economy,
      organizerDepartmentId: org.departments.office,
    }),
    201,
  );
  await expectStatus(staff.post(`/api/v1/activities/events/${created.id}/invitees`, { committeeIds: [org.committees.economy] }), 200);
  await expectStatus(staff.post(`/api/v1/activities/events/${created.id}/actions/publish`), 200);
  return created.id as string;
}

const mark = (eventId: string, memberId: string, attendance: string) =>
  expectStatus(staff.put(`/api/v1/activities/events/${eventId}/attendance`, { memberId, attendance }), 200);

const proposalBody = {
  situation: '中小学课后服务覆盖面不足，部分学校师资紧张。',
  analysis: '中小学课后服务经费保障机制尚不健全，家长负担较重。',
  suggestions: '建议完善中小学课后服务经费保障，引入社会资源，扩大覆盖面。',
};

/**
 * Through the APIs of activities and proposals: 王芳 attends one event, misses another without leave, speaks
 * once, leads a registered key and excellent joint proposal (张伟 co-signs) and submits one more; 张伟 is on
 * approved leave at the first and late at the second.
 */
async function recordFacts() {
  const first = await event('老旧小区改造调研');
  const second = await event('营商环境视察');
  const zhangInvitation = (await zhang.get(`/api/v1/activities/events/${first}`)).body.myInvitation.id;
  await expectStatus(zhang.post(`/api/v1/activities/invitations/${zhangInvitation}/actions/requestLeave`, { reason: '出差在外地' }), 200);
  await expectStatus(staff.post(`/api/v1/activities/invitations/${zhangInvitation}/actions/approveLeave`, { comment: '同意' }), 200);
  await mark(first, org.members.wang, 'present');
  await mark(first, org.members.zhang, 'leave');
  await mark(second, org.members.wang, 'absent');
  await mark(second, org.members.zhang, 'late');
  await expectStatus(
    staff.post(`/api/v1/activities/events/${first}/speeches`, { memberId: org.members.wang, kind: 'oral', title: '关于加装电梯' }),
    201,
  );

  const joint = await expectStatus(
    wang.post('/api/v1/proposals', {
      subject: '关于完善中小学课后服务的建议',
      body: proposalBody,
      kind: 'joint',
      coSignerIds: [org.members.zhang],
    }),
    201,
  );
  await expectStatus(wang.post(`/api/v1/proposals/${joint.id}/actions/submit`, {}), 200);
  await expectStatus(zhang.post(`/api/v1/proposals/${joint.id}/actions/confirm`, {}), 200);
  await expectStatus(proposalStaff.post(`/api/v1/proposals/${joint.id}/actions/register`, { category: '社会建设' }), 200);
  await expectStatus(
    proposalStaff.put(`/api/v1/proposals/${joint.id}/key`, { isKey: true, year, supervisorMemberId: org.members.leaderSong }),
    200,
  );
  await expectStatus(proposalStaff.put(`/api/v1/proposals/${joint.id}/excellent`, { isExcellent: true, year }), 200);
  const single = await expectStatus(
    wang.post('/api/v1/proposals', { subject: '关于增设社区养老驿站的建议', body: proposalBody, kind: 'individual' }),
    201,
  );
  await expectStatus(wang.post(`/api/v1/proposals/${single.id}/actions/submit`, {}), 200);
  // A draft is not put forward and does not count.
  await expectStatus(wang.post('/api/v1/proposals', { subject: '关于草稿的建议', body: proposalBody, kind: 'individual' }), 201);
}

const record = (client: Client, memberId: string) => client.get(`/api/v1/performance/members/${memberId}/record?year=${year}`);
const kindsOf = (body: { kinds: { kind: string; count: number; points: number }[] }) =>
  Object.fromEntries(body.kinds.filter((k) => k.count !== 0).map((k) => [k.kind, [k.count, k.points]]));

describe('facts and points', () => {
  it('counts the facts of activities and proposals and scores them by the default rules', async () => {
    const mine = await expectStatus(record(wang, org.members.wang), 200);
    expect(kindsOf(mine)).toEqual({
      activity_attended: [1, 2],
      activity_absent: [1, -2],
      speech: [1, 3],
      proposal_lead: [2, 6],
      proposal_registered: [1, 2],
      proposal_key: [1, 5],
      proposal_excellent: [1, 10],
    });
    expect(mine.total).toBe(26);
    expect(mine.rank).toBe(1);
    expect(mine.events.map((e: { title: string; attendance: string }) => `${e.title}:${e.attendance}`).sort()).toEqual([
      '老旧小区改造调研:present',
      '营商环境视察:absent',
    ]);
    expect(mine.activityTypes).toEqual([{ typeName: '重点调研', attended: 1, leave: 0, absent: 1 }]);
    expect(mine.speeches[0].link).toMatch(/^\/activities\/events\//);
    expect(mine.proposals).toHaveLength(2);
    expect(mine.proposals.find((p: { registered: boolean }) => p.registered).link).toMatch(/^\/proposals\//);

    const his = await expectStatus(record(staff, org.members.zhang), 200);
    expect(kindsOf(his)).toEqual({ activity_attended: [1, 2], activity_leave: [1, 0], proposal_cosign: [1, 1] });
    expect(his.total).toBe(3);
    expect(his.belowThreshold).toBe(true);
  });

  it('shows a member only their own record; staff and leaders see all', async () => {
    const other = await record(wang, org.members.zhang);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toContain('不存在');
    expect((await record(leader, org.members.wang)).status).toBe(200);
    expect((await record(unit, org.members.wang)).status).toBe(404);
    expect((await wang.get(`/api/v1/performance/evaluation?year=${year}`)).status).toBe(403);
  });

  it('applies caps and deductions, and a rule change to what is computed afterwards, with an audit row', async () => {
    const lead = await expectStatus(staff.put('/api/v1/performance/rules/proposal_lead', { points: 5, cap: 8 }), 200);
    expect(lead).toMatchObject({ kind: 'proposal_lead', points: 5, cap: 8, updatedByName: '办公室干部' });
    await expectStatus(staff.put('/api/v1/performance/rules/activity_absent', { points: -5, cap: 3 }), 200);
    const after = await expectStatus(record(wang, org.members.wang), 200);
    const lines = Object.fromEntries(after.kinds.map((k: { kind: string }) => [k.kind, k]));
    expect(lines.proposal_lead).toMatchObject({ count: 2, raw: 10, points: 8, capped: true });
    expect(lines.activity_absent).toMatchObject({ count: 1, raw: -5, points: -3, capped: true });
    expect(after.total).toBe(26 - 6 + 8 + 2 - 3);
    const audit = await t.ctx.db
      .selectFrom('auditLog')
      .select(['details'])
      .where('action', '=', 'performance.rule.update')
      .where('objectId', '=', 'proposal_lead')
      .execute();
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ before: { points: 3, cap: 15 }, after: { points: 5, cap: 8 } });

    expect((await wang.put('/api/v1/performance/rules/proposal_lead', { points: 1, cap: null })).status).toBe(403);
    expect((await leader.put('/api/v1/performance/rules/proposal_lead', { points: 1, cap: null })).status).toBe(403);
    const bad = await staff.put('/api/v1/performance/rules/proposal_lead', { cap: null });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('积分');
    expect((await staff.put('/api/v1/performance/rules/no_such_kind', { points: 1, cap: null })).status).toBe(400);
    await expectStatus(staff.put('/api/v1/performance/rules/proposal_lead', { points: 3, cap: 15 }), 200);
    await expectStatus(staff.put('/api/v1/performance/rules/activity_absent', { points: -2, cap: 20 }), 200);
  });
});

describe('manual entries (履职作业)', () => {
  it('counts what staff record at once, within the rule', async () => {
    const tooMuch = await staff.post('/api/v1/performance/entries', {
      memberId: org.members.zhang,
      kind: 'reception_day',
      date: `${year}-05-10`,
      description: '委员接待日接待群众',
      points: 9,
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toContain('积分');
    const noMember = await staff.post('/api/v1/performance/entries', {
      kind: 'reception_day',
      date: `${year}-05-10`,
      description: '委员接待日接待群众',
      points: 2,
    });
    expect(noMember.status).toBe(400);
    expect(noMember.body.error.message).toContain('委员');
    const entry = await expectStatus(
      staff.post('/api/v1/performance/entries', {
        memberId: org.members.zhang,
        kind: 'reception_day',
        date: `${year}-05-10`,
        description: '委员接待日接待群众',
        points: 2,
      }),
      201,
    );
    expect(entry.status).toBe('approved');
    expect((await expectStatus(record(zhang, org.members.zhang), 200)).total).toBe(5);
  });

  it('takes a member’s own entry through submit → approve / reject, with refusals', async () => {
    const missing = await zhang.post('/api/v1/performance/entries', { kind: 'duty_assignment', date: `${year}-06-01`, points: 5 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('内容');
    const forOther = await zhang.post('/api/v1/performance/entries', {
      memberId: org.members.wang,
      kind: 'duty_assignment',
      date: `${year}-06-01`,
      description: '完成年度履职作业',
      points: 5,
    });
    expect(forOther.status).toBe(403);
    expect(
      (await unit.post('/api/v1/performance/entries', { kind: 'duty_assignment', date: `${year}-06-01`, description: '作业', points: 1 }))
        .status,
    ).toBe(403);

    const submitted = await expectStatus(
      zhang.post('/api/v1/performance/entries', {
        kind: 'duty_assignment',
        date: `${year}-06-01`,
        description: '完成年度履职作业',
        points: 5,
      }),
      201,
    );
    expect(submitted).toMatchObject({ status: 'submitted', memberName: '张伟' });
    expect(submitted.allowedActions.map((a: { action: string }) => a.action)).toEqual(['withdraw']);
    expect((await expectStatus(record(zhang, org.members.zhang), 200)).total).toBe(5);
    expect((await wang.get(`/api/v1/performance/entries/${submitted.id}`)).status).toBe(404);
    const seen = await expectStatus(staff.get(`/api/v1/performance/entries/${submitted.id}`), 200);
    expect(seen.allowedActions.map((a: { action: string }) => a.action)).toEqual(['approve', 'reject']);
    expect(JSON.stringify((await staff.get('/api/v1/todos')).body)).toContain('张伟：履职作业');

    expect((await zhang.post(`/api/v1/performance/entries/${submitted.id}/actions/approve`, {})).status).toBe(403);
    const noReason = await staff.post(`/api/v1/performance/entries/${submitted.id}/actions/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('理由');
    const approved = await expectStatus(staff.post(`/api/v1/performance/entries/${submitted.id}/actions/approve`, { points: 4 }), 200);
    expect(approved).toMatchObject({ status: 'approved', points: 4 });
    expect(approved.history.map((h: { action: string }) => h.action)).toEqual(['approve']);
    expect((await staff.post(`/api/v1/performance/entries/${submitted.id}/actions/reject`, { reason: '重复申报' })).status).toBe(409);
    expect((await expectStatus(record(zhang, org.members.zhang), 200)).total).toBe(9);

    const second = await expectStatus(
      zhang.post('/api/v1/performance/entries', {
        kind: 'research_report',
        date: `${year}-07-01`,
        description: '社区养老调研报告',
        points: 5,
      }),
      201,
    );
    const rejected = await expectStatus(
      staff.post(`/api/v1/performance/entries/${second.id}/actions/reject`, { reason: '报告未附材料' }),
      200,
    );
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '报告未附材料' });
    expect((await expectStatus(record(zhang, org.members.zhang), 200)).total).toBe(9);
    const told = await t.ctx.db.selectFrom('notifications').select('body').where('userId', '=', org.users.memberZhang).execute();
    expect(told.map((n) => n.body).join()).toContain('报告未附材料');

    const mineOnly = await expectStatus(zhang.get('/api/v1/performance/entries'), 200);
    expect(mineOnly.items.every((e: { memberId: string }) => e.memberId === org.members.zhang)).toBe(true);
    expect(mineOnly.total).toBe(3);
  });

  it('lists entries latest written first, page by page, by year and status', async () => {
    const listYear = year - 3;
    const written: string[] = [];
    for (const [i, memberId] of [org.members.wang, org.members.zhang, org.members.zhao, org.members.wang, org.members.zhang].entries()) {
      const entry = await expectStatus(
        staff.post('/api/v1/performance/entries', {
          memberId,
          kind: 'other_duty',
          date: `${listYear}-0${i + 1}-15`,
          description: `列表核对第${i + 1}项`,
          points: 1,
        }),
        201,
      );
      written.push(entry.id);
    }
    const waiting = await expectStatus(
      zhao.post('/api/v1/performance/entries', {
        kind: 'public_contact',
        date: `${listYear}-09-01`,
        description: '走访社区联系群众',
        points: 1,
      }),
      201,
    );
    const newestFirst = [...written].reverse();
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await expectStatus(
        staff.get(`/api/v1/performance/entries?year=${listYear}&status=approved&pageSize=2&page=${page}`),
        200,
      );
      expect(res).toMatchObject({ total: 5, totalCapped: false });
      paged.push(...res.items.map((e: { id: string }) => e.id));
    }
    expect(paged).toEqual(newestFirst);
    const submitted = await expectStatus(staff.get(`/api/v1/performance/entries?year=${listYear}&status=submitted`), 200);
    expect(submitted).toMatchObject({ total: 1, items: [{ id: waiting.id, memberName: '赵敏', statusLabel: '待审核' }] });
    const ofYear = await expectStatus(staff.get(`/api/v1/performance/entries?year=${listYear}`), 200);
    expect(ofYear.items.map((e: { id: string }) => e.id)).toEqual([waiting.id, ...newestFirst]);
    const all = await expectStatus(staff.get('/api/v1/performance/entries?pageSize=1'), 200);
    expect(all.items.map((e: { id: string }) => e.id)).toEqual([waiting.id]);
    const zhaos = await expectStatus(zhao.get(`/api/v1/performance/entries?year=${listYear}`), 200);
    expect(zhaos.items.map((e: { id: string }) => e.id)).toEqual([waiting.id, written[2]]);
  });
});

describe('the committee evaluation', () => {
  it('lists every member sorted by points, filters, and flags those below the threshold', async () => {
    const all = await expectStatus(staff.get(`/api/v1/performance/evaluation?year=${year}`), 200);
    expect(all.items.map((r: { name: string; total: number }) => `${r.name}:${r.total}`)).toEqual([
      '王芳:26',
      '张伟:9',
      expect.stringMatching(/:0$/),
      expect.stringMatching(/:0$/),
      expect.stringMatching(/:0$/),
    ]);
    expect(all.items[0]).toMatchObject({ attended: 1, absent: 1, proposalsLead: 2, proposalsRegistered: 1, rank: 1 });
    expect(all.belowCount).toBe(4);
    expect(all.distribution.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(5);
    const asc = await expectStatus(leader.get(`/api/v1/performance/evaluation?year=${year}&order=asc&pageSize=2&page=3`), 200);
    expect(asc.items.map((r: { name: string }) => r.name)).toEqual(['王芳']);
    const sector = await expectStatus(staff.get(`/api/v1/performance/evaluation?year=${year}&sectorId=${org.sectors.culture}`), 200);
    expect(sector.items.map((r: { name: string }) => r.name)).toEqual(['张伟']);
    const committee = await expectStatus(
      staff.get(`/api/v1/performance/evaluation?year=${year}&committeeId=${org.committees.economy}`),
      200,
    );
    expect(committee.total).toBe(2);
    const below = await expectStatus(staff.get(`/api/v1/performance/evaluation?year=${year}&belowOnly=1`), 200);
    expect(below.items.map((r: { name: string }) => r.name)).not.toContain('王芳');
    expect(below.total).toBe(4);
    const bad = await staff.get(`/api/v1/performance/evaluation?year=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('年度');
  });

  it('moves the threshold and reminds the members below it', async () => {
    await expectStatus(staff.put('/api/v1/performance/settings', { threshold: 10 }), 200);
    const sent = await expectStatus(
      staff.post('/api/v1/performance/evaluation/remind', { year, committeeId: org.committees.economy }),
      200,
    );
    expect(sent).toEqual({ notified: 1 });
    const told = await t.ctx.db.selectFrom('notifications').select(['title', 'link']).where('userId', '=', org.users.memberZhang).execute();
    expect(told.map((n) => n.title)).toContain(`${year}年度履职提醒`);
    expect((await leader.post('/api/v1/performance/evaluation/remind', { year })).status).toBe(403);
    expect((await zhao.get(`/api/v1/performance/members/${org.members.zhao}/record?year=${year}`)).body.belowThreshold).toBe(true);
  });

  it('exports the customary columns to Excel', async () => {
    const res = await staff.get(`/api/v1/performance/evaluation/export.xlsx?year=${year}`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.raw as never);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '序号',
      '姓名',
      '界别',
      '出席活动',
      '请假',
      '缺席',
      '提案（领衔/附议/立案）',
      '社情民意（报送/采用）',
      '其他履职',
      '积分',
    ]);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([1, '王芳', '经济界', 1, 0, 1, '2/0/1', '0/0', 1, 26]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([2, '张伟', '文化体育界', 1, 1, 0, '0/1/0', '0/0', 2, 9]);
    expect((await wang.get(`/api/v1/performance/evaluation/export.xlsx?year=${year}`)).status).toBe(403);
  });
});
