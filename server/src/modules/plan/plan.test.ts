import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { TEST_PASSWORD } from '../../../test/fixtures/org.js';
import { listActivityPlanEntries } from '../activities/activities.service.js';
import { fixtureText, seedPlanOrg, type PlanOrg } from './plan.test-support.js';
import { sendPlanReminders } from './plan.service.js';
import { createOrgRecord } from '../org/org.service.js';
import { systemActor } from '../../platform/permissions/actor.js';

let t: TestPlatform;
let org: PlanOrg;
let office: Client;
let planId: string;
let items: any[];

const item = (no: number) => items.find((i) => i.no === no);

beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedPlanOrg(t);
  office = await org.login('officeStaff');
});
afterAll(() => t?.close());

describe('importing the Dongcheng 2020 work plan', () => {
  let preview: any;

  it('previews the fixture: 6 sections, 24 items, 32 activities, and the names matched to the organisation', async () => {
    const res = await office.post('/api/v1/plans/import/preview', { text: fixtureText() });
    expect(res.status).toBe(200);
    preview = res.body;
    expect(preview.counts).toEqual({ sections: 6, items: 24, activities: 32 });
    expect(preview.plan.year).toBe(2020);
    const byName = (kind: string, name: string) => preview.names.find((n: any) => n.kind === kind && n.name === name);
    expect(byName('leader', '颜华')).toMatchObject({ via: 'name', targets: [{ id: org.leaders['颜华'] }] });
    expect(byName('department', '专委会工作四室')).toMatchObject({ via: 'name', targets: [{ id: org.departments.room4 }] });
    expect(byName('department', '各专委会工作室').via).toBe('group');
    expect(byName('department', '各专委会工作室').targets).toHaveLength(5);
    const variant = byName('organizer', '经济技术委员会');
    expect(variant.targets).toEqual([]);
    expect(variant.candidates[0]).toMatchObject({ kind: 'committee', id: org.committees.economy, name: '经济科技委员会' });
    expect(byName('organizer', '文化体育界')).toMatchObject({ targets: [{ kind: 'sector', id: org.sectors.culture }] });
    expect(byName('organizer', '专委会工作五室')).toMatchObject({ targets: [{ kind: 'department', id: org.departments.room5 }] });
    expect(byName('department', '各专委会分党组').targets).toEqual([]);
    expect(byName('department', '各专委会分党组').candidates[0].name).toBe('机关党组');
  });

  it('accepts the uploaded file the same way', async () => {
    const res = await office.upload('/api/v1/plans/import/preview', '2020年工作要点.txt', Buffer.from(fixtureText()));
    expect(res.status).toBe(200);
    expect(res.body.counts.items).toBe(24);
    expect(res.body.sourceFileName).toBe('2020年工作要点.txt');
  });

  it('refuses what is not a plan, and bad input, in Chinese', async () => {
    const notPlan = await office.post('/api/v1/plans/import/preview', { text: '这不是一份工作要点。' });
    expect(notPlan.status).toBe(400);
    for (const name of ['plan.docx', 'plan.pdf', 'plan.txt']) {
      const garbage = await office.upload('/api/v1/plans/import/preview', name, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x03]));
      expect(garbage.status, name).toBe(400);
      expect(garbage.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const empty = await office.post('/api/v1/plans/import/preview', { text: '' });
    expect(empty.status).toBe(400);
    const badMapping = await office.post('/api/v1/plans/import/confirm', {
      plan: { ...preview.plan },
      mappings: [{ kind: 'organizer', name: '经济技术委员会', action: 'map', targetKind: 'committee', recordId: org.departments.office }],
    });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error.message).toContain('经济技术委员会');
    const member = await org.login('memberWang');
    expect((await member.post('/api/v1/plans/import/preview', { text: fixtureText() })).status).toBe(403);
    expect((await t.anonymous().get('/api/v1/plans')).status).toBe(401);
  });

  it('confirms with the mappings: items with leaders and departments, and 32 activity plan entries', async () => {
    const res = await office.post('/api/v1/plans/import/confirm', {
      plan: preview.plan,
      sourceFileName: 'dongcheng-2020-work-plan.txt',
      mappings: [
        {
          kind: 'organizer',
          name: '经济技术委员会',
          action: 'map',
          targetKind: 'committee',
          recordId: org.committees.economy,
          remember: true,
        },
        { kind: 'department', name: '各专委会分党组', action: 'map', targetKind: 'department', recordId: org.departments.partyGroup },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ year: 2020, sections: 6, items: 24, activities: 32 });
    expect(res.body.unlinked).toEqual([{ kind: 'organizer', name: '民生建设民主监督小组' }]);
    planId = res.body.id;

    const plan = await office.get(`/api/v1/plans/${planId}`);
    expect(plan.body.status).toBe('active');
    expect(plan.body.sections).toHaveLength(6);
    items = plan.body.sections.flatMap((s: any) => s.items);
    expect(items).toHaveLength(24);
    expect(item(1).leaders.map((l: any) => l.name)).toEqual(['宋铁健', '李铁生', '颜华', '杜娟', '刘健', '李长华']);
    expect(item(1).departments.map((d: any) => d.name)).toEqual(['机关党组', '机关党委']);
    expect(item(1).departmentText).toBe('机关党组、各专委会分党组、机关党委');
    expect(item(7).departments.map((d: any) => d.id)).toEqual([org.departments.room1, org.departments.room4]);
    expect(
      item(5)
        .departments.map((d: any) => d.id)
        .sort(),
    ).toEqual([org.departments.room1, org.departments.room2, org.departments.room3, org.departments.room4, org.departments.room5].sort());
    expect(item(23)).toMatchObject({ deadlineText: '2020年6月底', deadlineDate: '2020-06-30', status: 'not_started', overdue: true });
    for (const i of items) expect(i.leaders.length).toBeGreaterThan(0);

    const entries = await listActivityPlanEntries(t.ctx.db, { year: 2020, sourcePlanId: planId });
    expect(entries).toHaveLength(32);
    const research = entries.filter((e) => e.category === '重点调研' && e.organizerNames.includes('经济技术委员会'));
    expect(research).toHaveLength(2);
    for (const e of research) expect(e.organizerCommitteeIds).toEqual([org.committees.economy]);
  });

  it('remembers the mapping for the next import, and refuses a second plan for the same year', async () => {
    const again = await office.post('/api/v1/plans/import/preview', { text: fixtureText() });
    const variant = again.body.names.find((n: any) => n.name === '经济技术委员会');
    // The mapping became an alias of the committee in the organisation, so every module now knows the name.
    expect(variant).toMatchObject({ via: 'alias', targets: [{ id: org.committees.economy }] });
    const committee = await t.ctx.db
      .selectFrom('committees')
      .select('aliases')
      .where('id', '=', org.committees.economy)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(committee.aliases)).toEqual(['经济技术委员会']);
    expect(again.body.existingPlans).toEqual([expect.objectContaining({ id: planId, status: 'active' })]);
    const twice = await office.post('/api/v1/plans/import/confirm', { plan: again.body.plan, mappings: [] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('2020');
    const entries = await listActivityPlanEntries(t.ctx.db, { year: 2020 });
    expect(entries).toHaveLength(32);
  });

  it('matches a department group of the organisation (各专委会分党组) to its departments', async () => {
    await createOrgRecord(t.ctx, systemActor('test'), 'departmentGroups', {
      name: '各专委会分党组',
      aliases: [],
      sortOrder: 1,
      departmentIds: [org.departments.room1, org.departments.room2],
    });
    const again = await office.post('/api/v1/plans/import/preview', { text: fixtureText() });
    const group = again.body.names.find((n: any) => n.kind === 'department' && n.name === '各专委会分党组');
    expect(group.via).toBe('group');
    expect(group.targets.map((x: any) => x.id).sort()).toEqual([org.departments.room1, org.departments.room2].sort());
  });
});

describe('supervising the items', () => {
  it('lets a lead department report progress, and no one else', async () => {
    const id = item(2).id;
    const before = await office.get(`/api/v1/plan-items/${id}`);
    expect(before.body.allowedActions.map((a: any) => a.action)).toEqual(
      expect.arrayContaining(['start', 'report_progress', 'complete', 'request_deadline_change']),
    );

    const room4 = await org.login('proposalStaff');
    const refused = await room4.post(`/api/v1/plan-items/${id}/actions/report_progress`, { text: '不是我部门的', percent: 10 });
    expect(refused.status).toBe(403);
    // Staff may maintain the plan (plan.manage), but only the lead department reports on the item.
    expect((await room4.get(`/api/v1/plan-items/${id}`)).body.allowedActions.map((a: any) => a.action)).toEqual(['amend']);

    const bad = await office.post(`/api/v1/plan-items/${id}/actions/report_progress`, { text: '进展', percent: 120 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('完成进度');

    const ok = await office.post(`/api/v1/plan-items/${id}/actions/report_progress`, { text: '已举办常委暑期读书班', percent: 40 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'in_progress', percent: 40 });
    expect(ok.body.progress).toEqual([expect.objectContaining({ text: '已举办常委暑期读书班', percent: 40, authorName: '办公室干部' })]);
    expect(ok.body.history).toEqual([
      expect.objectContaining({ action: 'report_progress', fromState: 'not_started', toState: 'in_progress' }),
    ]);

    const li = await org.login('leaderLi');
    const notes = await li.get('/api/v1/notifications');
    expect(notes.body.items.some((n: any) => n.title.includes('第 2 项有新进展'))).toBe(true);
  });

  it('lets a responsible leader comment and ask for an update; other leaders, members and units cannot', async () => {
    const id = item(2).id;
    const li = await org.login('leaderLi');
    const detail = await li.get(`/api/v1/plan-items/${id}`);
    expect(detail.body.allowedActions.map((a: any) => a.action)).toEqual(expect.arrayContaining(['comment', 'request_update']));
    const comment = await li.post(`/api/v1/plan-items/${id}/actions/comment`, { comment: '请加快推进，九月前报送成效' });
    expect(comment.status).toBe(200);
    expect(comment.body.comments).toEqual([
      expect.objectContaining({ kind: 'supervision', text: '请加快推进，九月前报送成效', authorName: '李铁生' }),
    ]);
    const update = await li.post(`/api/v1/plan-items/${id}/actions/request_update`, { comment: '请报送最新进展' });
    expect(update.status).toBe(200);
    const todos = await office.get('/api/v1/todos');
    expect(todos.body.items.some((x: any) => x.recordId === id)).toBe(true);
    const officeNotes = await office.get('/api/v1/notifications');
    expect(officeNotes.body.items.some((n: any) => n.body.includes('请加快推进'))).toBe(true);

    const song = await org.login('leaderSong');
    expect((await song.post(`/api/v1/plan-items/${id}/actions/comment`, { comment: '非责任领导' })).status).toBe(403);

    const member = await org.login('memberWang');
    const seen = await member.get(`/api/v1/plan-items/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ allowedActions: [], progress: [], comments: [] });
    expect((await member.post(`/api/v1/plan-items/${id}/actions/report_progress`, { text: 'x', percent: 1 })).status).toBe(403);

    const unit = await org.login('unitEducation');
    expect((await unit.get(`/api/v1/plan-items/${id}`)).status).toBe(404);
    expect((await unit.get(`/api/v1/plans/${planId}`)).status).toBe(404);
    expect((await unit.post(`/api/v1/plan-items/${id}/actions/comment`, { comment: 'x' })).status).toBe(404);
    expect((await unit.get('/api/v1/plan-items')).status).toBe(403);
  });

  it('refuses completion without a final report, then completes with one', async () => {
    const id = item(2).id;
    const without = await office.post(`/api/v1/plan-items/${id}/actions/complete`, {});
    expect(without.status).toBe(400);
    expect(without.body.error.message).toContain('完成情况报告');
    const blank = await office.post(`/api/v1/plan-items/${id}/actions/complete`, { finalReport: '   ' });
    expect(blank.status).toBe(400);
    const done = await office.post(`/api/v1/plan-items/${id}/actions/complete`, {
      finalReport: '读书班、理论夜校均已举办，调研成果评选完成',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      percent: 100,
      overdue: false,
      finalReport: '读书班、理论夜校均已举办，调研成果评选完成',
    });
    expect((await office.post(`/api/v1/plan-items/${id}/actions/report_progress`, { text: '又一次', percent: 100 })).status).toBe(409);

    const li = await org.login('leaderLi');
    expect((await li.get(`/api/v1/plan-items/${id}`)).body.allowedActions.map((a: any) => a.action)).toContain('reopen');

    // The final report is a working record: a member reads that the item is done, not the report, anywhere.
    const member = await org.login('memberWang');
    const answers = [
      (await member.get(`/api/v1/plan-items/${id}`)).body,
      (await member.get(`/api/v1/plan-items?planId=${planId}&status=done`)).body,
      (await member.get(`/api/v1/plans/${planId}`)).body,
    ];
    expect(answers[0]).toMatchObject({ status: 'done', finalReport: null });
    expect(answers[1].items.map((i: any) => i.id)).toEqual([id]);
    expect(answers[2].sections.flatMap((s: any) => s.items).find((i: any) => i.id === id)).toMatchObject({ status: 'done' });
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain('理论夜校均已举办');
    expect(
      (await li.get(`/api/v1/plans/${planId}`)).body.sections.flatMap((s: any) => s.items).find((i: any) => i.id === id),
    ).toMatchObject({
      finalReport: '读书班、理论夜校均已举办，调研成果评选完成',
    });
  });

  it('derives overdue from the deadline and today, and filters by it', async () => {
    const overdue = await office.get(`/api/v1/plan-items?planId=${planId}&overdue=true&pageSize=100`);
    expect(overdue.body.total).toBe(23);
    expect(overdue.body.items.every((i: any) => i.overdue && i.status !== 'done')).toBe(true);
    const notOverdue = await office.get(`/api/v1/plan-items?planId=${planId}&overdue=false`);
    expect(notOverdue.body.items.map((i: any) => i.no)).toEqual([2]);
    const month = await office.get(`/api/v1/plan-items?planId=${planId}&month=2020-10`);
    expect(month.body.items.map((i: any) => i.no)).toEqual([9]);
    const byLeader = await office.get(`/api/v1/plan-items?planId=${planId}&leaderId=${org.leaders['杜娟']}&pageSize=100`);
    expect(byLeader.body.items.map((i: any) => i.no)).toEqual([1, 4, 7, 14, 19, 22]);
    const room4 = await org.login('proposalStaff');
    const mine = await room4.get(`/api/v1/plan-items?planId=${planId}&mine=true&pageSize=100`);
    expect(mine.body.items.map((i: any) => i.no)).toEqual([4, 5, 6, 7, 8, 12, 14, 16, 17, 19]);
    const badQuery = await office.get('/api/v1/plan-items?month=2020-1');
    expect(badQuery.status).toBe(400);
  });

  it('changes the deadline when the responsible leader approves a department request, and keeps it in the history', async () => {
    const id = item(9).id;
    const room1 = await t.login('t_room5', TEST_PASSWORD);
    expect(
      (await room1.post(`/api/v1/plan-items/${id}/actions/request_deadline_change`, { date: '2099-03-31', reason: '不是本部门' })).status,
    ).toBe(403);
    const asked = await office.post(`/api/v1/plan-items/${id}/actions/request_deadline_change`, {
      date: '2099-03-31',
      reason: '规划纲要编制延期',
    });
    expect(asked.status).toBe(403);
    const admin = await t.login('t_sysadmin', TEST_PASSWORD);
    expect((await admin.get(`/api/v1/plan-items/${id}`)).status).toBe(404);

    // Item 13 belongs to 研究室 alone; 办公室 is not its lead department. Item 18 is the office's.
    const own = item(18).id;
    const bad = await office.post(`/api/v1/plan-items/${own}/actions/request_deadline_change`, { date: '2099-02-30', reason: '理由' });
    expect(bad.status).toBe(400);
    const request = await office.post(`/api/v1/plan-items/${own}/actions/request_deadline_change`, {
      date: '2099-03-31',
      reason: '常委会会议推迟',
    });
    expect(request.status).toBe(200);
    expect(request.body.deadlineChanges).toEqual([
      expect.objectContaining({ status: 'pending', requestedDate: '2099-03-31', previousDate: '2020-12-31' }),
    ]);
    expect(
      (await office.post(`/api/v1/plan-items/${own}/actions/request_deadline_change`, { date: '2099-04-30', reason: '再申请' })).status,
    ).toBe(409);

    const liujian = await t.login('t_liujian', TEST_PASSWORD);
    expect((await liujian.post(`/api/v1/plan-items/${own}/actions/approve_deadline_change`, {})).status).toBe(403);
    const song = await org.login('leaderSong');
    const approved = await song.post(`/api/v1/plan-items/${own}/actions/approve_deadline_change`, { comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ deadlineDate: '2099-03-31', deadlineText: '2099年3月31日', overdue: false });
    expect(approved.body.deadlineChanges[0]).toMatchObject({ status: 'approved', decidedByName: '宋铁健' });
    expect(approved.body.history.map((h: any) => h.action)).toEqual(['request_deadline_change', 'approve_deadline_change']);
    expect(approved.body.history[1].comment).toContain('2099-03-31');
    expect((await song.post(`/api/v1/plan-items/${own}/actions/approve_deadline_change`, {})).status).toBe(409);
  });
});

describe('amending an item after the plan is confirmed', () => {
  it('lets the plan office change leaders, departments and deadline with a reason; the new department takes over', async () => {
    const id = item(20).id;
    const song = await org.login('leaderSong');
    expect((await song.post(`/api/v1/plan-items/${id}/actions/amend`, { content: '改', reason: '领导改' })).status).toBe(403);
    const member = await org.login('memberWang');
    expect([403, 404]).toContain((await member.post(`/api/v1/plan-items/${id}/actions/amend`, { content: '改', reason: '委员改' })).status);

    const noReason = await office.post(`/api/v1/plan-items/${id}/actions/amend`, { content: '新的内容' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('理由');
    const nothing = await office.post(`/api/v1/plan-items/${id}/actions/amend`, { reason: '没有改动' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.message).toContain('至少修改');
    const unknown = await office.post(`/api/v1/plan-items/${id}/actions/amend`, { leaderIds: ['no-such-member'], reason: '错误' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('责任领导');
    const unchanged = await office.get(`/api/v1/plan-items/${id}`);
    expect(unchanged.body.history.map((h: any) => h.action)).not.toContain('amend');

    const room2 = await t.login('t_room2', TEST_PASSWORD);
    expect((await room2.get(`/api/v1/plan-items/${id}`)).body.allowedActions.map((a: any) => a.action)).not.toContain('report_progress');
    const amended = await office.post(`/api/v1/plan-items/${id}/actions/amend`, {
      leaderIds: [org.leaders['颜华']],
      departmentIds: [org.departments.room2],
      deadlineDate: '2020-12-15',
      reason: '常委会调整分工',
    });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({
      leaders: [expect.objectContaining({ name: '颜华' })],
      departments: [expect.objectContaining({ name: '专委会工作二室' })],
      leaderText: '颜华',
      departmentText: '专委会工作二室',
      deadlineDate: '2020-12-15',
      deadlineText: '2020年12月15日',
      status: unchanged.body.status,
    });
    const last = amended.body.history.at(-1);
    expect(last).toMatchObject({ action: 'amend', actionLabel: '修改条目' });
    expect(last.comment).toContain('责任领导');
    expect(last.comment).toContain('2020年12月15日');
    expect(last.comment).toContain('理由：常委会调整分工');

    expect((await room2.get(`/api/v1/plan-items/${id}`)).body.allowedActions.map((a: any) => a.action)).toContain('report_progress');
    const told = await room2.get('/api/v1/notifications');
    expect(told.body.items.some((n: any) => n.title.includes('第 20 项已修改'))).toBe(true);
  });
});

describe('reminders, views and exports', () => {
  it('reminds once per item and threshold, however often the job runs', async () => {
    await t.ctx.db.deleteFrom('notifications').execute();
    const first = await sendPlanReminders(t.ctx, '2020-12-01');
    // Not done and with a 2020 deadline: 24 items less item 2 (done) and item 18 (moved to 2099).
    expect(first).toBe(22);
    expect(await sendPlanReminders(t.ctx, '2020-12-01')).toBe(0);
    const room5 = await t.login('t_room5', TEST_PASSWORD);
    const notes = (await room5.get('/api/v1/notifications?limit=200')).body.items;
    expect(notes.some((n: any) => n.title.includes('即将到期') && n.body.includes('还有 30 天'))).toBe(true);
    // A week later the 7-day threshold is reached for the year-end items, and overdue ones are reminded again.
    const week = await sendPlanReminders(t.ctx, '2020-12-24');
    expect(week).toBeGreaterThan(0);
    expect(await sendPlanReminders(t.ctx, '2020-12-24')).toBe(0);
    const settings = await office.put('/api/v1/plan-settings/reminders', { enabled: false, daysBefore: [30, 7], overdueEveryDays: 7 });
    expect(settings.status).toBe(200);
    expect(await sendPlanReminders(t.ctx, '2021-02-01')).toBe(0);
  });

  it('counts completion and overdue by department, section and month on the dashboard', async () => {
    const li = await org.login('leaderLi');
    const res = await li.get(`/api/v1/plans/${planId}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ total: 24, done: 1, overdue: 22 });
    expect(res.body.bySection).toHaveLength(6);
    const officeRow = res.body.byDepartment.find((r: any) => r.key === org.departments.office);
    expect(officeRow).toMatchObject({ label: '办公室', done: 1 });
    expect(res.body.byMonth.map((r: any) => r.key)).toEqual(['2020-05', '2020-06', '2020-09', '2020-10', '2020-12', '2099-03']);
    expect(res.body.overdueItems.some((i: any) => i.no === 23)).toBe(true);
  });

  it('exports the ledger (督办台账) in the customary columns', async () => {
    const res = await office.get(`/api/v1/plans/${planId}/ledger.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('督办台账'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '工作内容', '责任领导', '主责部门', '完成时限', '进展情况', '完成状态']);
    expect(sheet.rowCount).toBe(25);
    const row = (n: number) => sheet.getRow(n + 1).values as unknown[];
    expect(row(1).slice(1, 6)).toEqual([
      1,
      items[0].content,
      '宋铁健、李铁生、颜华、杜娟、刘健、李长华',
      '机关党组、各专委会分党组、机关党委',
      '2020年底',
    ]);
    expect(row(2).slice(6)).toEqual(['读书班、理论夜校均已举办，调研成果评选完成', '已完成 100%']);
    expect(row(23)[7]).toBe('未开始（已逾期） 0%');
    const word = await office.get(`/api/v1/plans/${planId}/document.docx`);
    expect(word.status).toBe(200);
    expect(word.raw.subarray(0, 2).toString()).toBe('PK');
    expect((await (await org.login('memberWang')).get(`/api/v1/plans/${planId}/ledger.xlsx`)).status).toBe(403);
  });

  it('carries the unfinished items into next year as a draft, linked to this year', async () => {
    const res = await office.post(`/api/v1/plans/${planId}/carry-over`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ year: 2021, items: 23 });
    const draft = await office.get(`/api/v1/plans/${res.body.id}`);
    expect(draft.body.status).toBe('draft');
    const first = draft.body.sections[0].items[0];
    expect(first).toMatchObject({ deadlineDate: '2021-12-31', carriedFromItemId: item(1).id });
    expect(first.leaders).toHaveLength(6);
    expect(draft.body.allowedActions.map((a: any) => a.action)).toEqual(['activate']);
    const detail = await office.get(`/api/v1/plan-items/${first.id}`);
    expect(detail.body.carriedFrom).toMatchObject({ year: 2020, no: 1 });
    // A draft's items are not handled yet; the office can still amend them before the plan takes effect.
    expect(detail.body.allowedActions.map((a: any) => a.action)).toEqual(['amend']);
    const member = await org.login('memberWang');
    expect((await member.get(`/api/v1/plans/${res.body.id}`)).status).toBe(404);
    expect((await member.get('/api/v1/plans')).body.items.map((p: any) => p.year)).toEqual([2020]);
    expect((await office.post(`/api/v1/plans/${planId}/carry-over`)).status).toBe(409);
    const activated = await office.post(`/api/v1/plans/${res.body.id}/actions/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.status).toBe('active');

    // An import replaces a year's draft only when asked to.
    const draft2022 = await office.post(`/api/v1/plans/${res.body.id}/carry-over`);
    expect(draft2022.body.year).toBe(2022);
    const preview = await office.post('/api/v1/plans/import/preview', { text: fixtureText() });
    const plan = { ...preview.body.plan, year: 2022 };
    const refused = await office.post('/api/v1/plans/import/confirm', { plan, mappings: [] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('草稿');
    const replaced = await office.post('/api/v1/plans/import/confirm', { plan, mappings: [], replaceDraft: true });
    expect(replaced.status).toBe(201);
    expect((await office.get(`/api/v1/plans/${draft2022.body.id}`)).status).toBe(404);
    expect((await office.get(`/api/v1/plans/${replaced.body.id}`)).body).toMatchObject({ year: 2022, status: 'active' });
  });
});
