import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedSmallOrg, TEST_PASSWORD, type SmallOrg } from '../fixtures/org.js';
import { systemActor } from '../../src/platform/permissions/actor.js';
import { createActivityPlanEntries } from '../../src/modules/activities/activities.service.js';
import { actInDialog, buttonLabel, loginThroughForm, openDialog, pickOption, startBrowserRig, type BrowserRig } from './browser.js';

let rig: BrowserRig;
let org: SmallOrg;
const TITLE = '东城区“十四五”规划纲要编制情况';
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

beforeAll(async () => {
  rig = await startBrowserRig();
  org = await seedSmallOrg(rig.platform);
  const db = rig.platform.ctx.db;
  for (const memberId of [org.members.wang, org.members.zhang]) {
    await db.insertInto('committeeMembers').values({ committeeId: org.committees.economy, memberId, position: 'member' }).execute();
  }
  // The plan importer (plan module) creates these entries from the work plan's attachment; here the entry is created the same way.
  await db.transaction().execute((trx) =>
    createActivityPlanEntries(trx, systemActor('test'), [
      {
        year,
        category: '重点协商',
        subcategory: '议政性常委会',
        no: 1,
        title: TITLE,
        organizerCommitteeIds: [org.committees.economy],
        organizerSectorIds: [],
        organizerDepartmentIds: [],
        organizerNames: ['经济科技委员会'],
        periodText: '10月',
        periodFrom: `${year}-10-01`,
        periodTo: `${year}-10-31`,
        sourcePlanId: null,
      },
    ]),
  );
});
afterAll(() => rig?.close());

/** A status tag with exactly this text. */
const tag = (scope: Page | ReturnType<Page['locator']>, text: string) =>
  scope.locator('.ant-tag', { hasText: new RegExp(`^${text}$`) }).first();
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

async function signIn(username: string, phone: boolean) {
  const { page } = await rig.newPage({ phone });
  await loginThroughForm(page, username, TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  return page;
}

const shanghai = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));

it('schedules the 议政性常委会 entry, invites a committee, takes answers and leave, checks in on a phone, and follows the outcome report', async () => {
  // The organiser schedules the plan entry as an event from the year table.
  const staff = await signIn('t_office', false);
  await staff.goto('/activities/plan');
  const row = staff.locator('tr', { hasText: TITLE });
  await row.waitFor();
  await rig.screenshot(staff, 'activities-year-plan');
  const form = await openDialog(staff, row.getByRole('button', { name: '安排活动' }));
  expect(await form.getByLabel('标题').inputValue()).toBe(TITLE);
  const start = Date.now() + 20 * 60_000;
  await form.getByPlaceholder('开始日期').click();
  await form.getByPlaceholder('开始日期').fill(shanghai(start));
  await staff.keyboard.press('Enter');
  await form.getByPlaceholder('结束日期').fill(shanghai(start + 3 * 3600_000));
  await staff.keyboard.press('Enter');
  await form.getByLabel('地点').fill('区政协常委会议室');
  await pickOption(staff, form.getByLabel('组织部门'), '办公室');
  await form.getByRole('button', { name: buttonLabel('建立') }).click();
  await staff.getByRole('heading', { name: TITLE }).waitFor();
  await tag(staff, '草稿').waitFor();

  // Invite the economy committee and publish: each invitee is told.
  await actInDialog(staff, '邀请委员', {
    confirm: '邀请',
    fill: async () => {
      await pickOption(staff, staff.getByRole('dialog').getByLabel('按专委会'), '经济科技委员会');
      await staff.getByRole('dialog').getByText('按专委会').click();
    },
  });
  await staff.getByRole('cell', { name: '王芳' }).waitFor();
  await staff.getByRole('cell', { name: '张伟' }).waitFor();
  await actInDialog(staff, '发布并通知');
  await staff.getByText('现场签到码').waitFor();
  const code = (await staff.getByTestId('checkin-code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);
  await rig.screenshot(staff, 'activities-event-published');

  // 王芳 attends; 张伟 asks for leave with a reason — both on phones.
  const wang = await signIn('t_wang', true);
  await wang.goto('/activities/mine');
  await wang.getByRole('link', { name: TITLE }).click();
  await wang.getByText('我的回复').waitFor();
  await wang.getByRole('button', { name: buttonLabel('参加') }).click();
  await wang.locator('.ant-card', { hasText: '我的回复' }).getByText('参加', { exact: true }).waitFor();
  await fitsPhone(wang);

  const zhang = await signIn('t_zhang', true);
  await zhang.goto('/activities/mine');
  await zhang.getByRole('link', { name: TITLE }).click();
  await actInDialog(zhang, '请假', { fill: () => zhang.getByRole('dialog').getByLabel('理由').fill('当天在外地出差') });
  await tag(zhang, '请假待批').waitFor();
  await rig.screenshot(zhang, 'activities-leave-phone');

  // The organiser approves the leave.
  await staff.reload();
  const zhangRow = staff.locator('tr', { hasText: '张伟' });
  await zhangRow.getByText('当天在外地出差').waitFor();
  await actInDialog(staff, '准假', { scope: zhangRow });
  await tag(zhangRow, '已准假').waitFor();

  // The sign-in sheet to print: the invitees by surname strokes, 张伟's leave marked, none of the app around it.
  await staff.getByRole('button', { name: buttonLabel('打印签到表') }).click();
  const sheet = staff.locator('.xs-sheet');
  await sheet.getByRole('heading', { name: TITLE }).waitFor();
  const sheetRows = sheet.locator('tbody tr');
  await expect(sheetRows.count()).resolves.toBe(2);
  const [wangLine, zhangLine] = await sheetRows.allInnerTexts();
  expect(wangLine).toMatch(/^1\s+王芳/);
  expect(wangLine).not.toContain('请假');
  expect(zhangLine).toMatch(/^2\s+张伟/);
  expect(zhangLine).toContain('请假');
  await expect(staff.locator('.ant-layout-sider').count()).resolves.toBe(0);
  await rig.screenshot(staff, 'activities-sign-in-sheet');
  await staff.emulateMedia({ media: 'print' });
  await expect(staff.getByRole('button', { name: buttonLabel('打印') }).isVisible()).resolves.toBe(false);
  await expect(sheet.getByText('王芳').isVisible()).resolves.toBe(true);
  await staff.emulateMedia({ media: 'screen' });
  await staff.getByRole('button', { name: buttonLabel('返回活动') }).click();
  await staff.getByText('现场签到码').waitFor();

  // 王芳 checks in by code on a 375 px screen.
  await wang.goto('/activities/checkin');
  await wang.getByLabel('签到码').fill(code === '000000' ? '000001' : '000000');
  await wang.getByRole('button', { name: buttonLabel('签到') }).click();
  await wang.getByText(/签到码：不正确/).waitFor();
  await wang.getByLabel('签到码').fill(code);
  await wang.getByRole('button', { name: buttonLabel('签到') }).click();
  await wang.getByText('签到成功（出席）').waitFor();
  await fitsPhone(wang);
  await rig.screenshot(wang, 'activities-checkin-phone');

  // The organiser records 张伟's approved leave, writes the outcome report with two recommendations.
  await staff.reload();
  await pickOption(staff, staff.getByLabel('记录张伟出勤'), '请假');
  await staff
    .locator('tr', { hasText: '张伟' })
    .locator('.ant-tag', { hasText: /^请假$/ })
    .waitFor();
  await staff.getByLabel('建议 1').fill('科学设定“十四五”时期经济发展目标，突出首都功能核心区定位。');
  await staff.getByLabel('建议 2').fill('加强规划纲要与专项规划的衔接，明确重大项目清单。');
  await staff.getByRole('button', { name: '保存成果报告' }).click();
  await tag(staff, '起草中').waitFor();
  await actInDialog(staff, '提交审定');
  await tag(staff, '待审定').waitFor();

  const leader = await signIn('t_song', false);
  await leader.goto(staff.url());
  await actInDialog(leader, '审定通过');
  await tag(leader, '已审定').waitFor();

  await staff.reload();
  await actInDialog(staff, '报送', {
    fill: async () => {
      await pickOption(staff, staff.getByRole('dialog').getByLabel('报送对象'), '区委、区政府');
    },
  });
  await tag(staff, '已报送').waitFor();
  const first = staff.locator('.ant-list-item', { hasText: '建议1' });
  await actInDialog(staff, '登记办理情况', {
    scope: first,
    fill: async () => {
      const dialog = staff.getByRole('dialog');
      await dialog.getByLabel('答复单位').fill('区发展改革委');
      await dialog.getByLabel('答复日期').fill(shanghai(Date.now()).slice(0, 10));
      await staff.keyboard.press('Enter');
      await dialog.getByLabel('办理情况').fill('已将相关建议吸收进规划纲要草案。');
    },
  });
  await first.getByText('已将相关建议吸收进规划纲要草案。').waitFor();
  await tag(first, '已答复').waitFor();

  // The attendance on the event: 王芳 present, 张伟 on leave.
  await expect(staff.locator('tr', { hasText: '王芳' }).locator('.ant-tag', { hasText: '出席' }).count()).resolves.toBe(1);
  await expect(staff.locator('.ant-statistic', { hasText: '出席' }).locator('.ant-statistic-content-value').textContent()).resolves.toBe(
    '1',
  );
  await rig.screenshot(staff, 'activities-event-outcome');

  // The member sees the same on a phone.
  await wang.goto(staff.url().replace(/^https?:\/\/[^/]+/, ''));
  await wang.getByText('已将相关建议吸收进规划纲要草案。').waitFor();
  await fitsPhone(wang);
  await rig.screenshot(wang, 'activities-event-phone');

  // The organiser finds it again in the calendar page's list view by a word of its title.
  await staff.goto('/activities/calendar');
  await staff.locator('.ant-segmented-item', { hasText: '列表' }).click();
  await staff.getByLabel('搜索活动标题').fill('十四五');
  await staff.keyboard.press('Enter');
  await staff.locator('.ant-list-item', { hasText: TITLE }).waitFor();
  await staff.getByText(/^共 1 项$/).waitFor();
  await rig.screenshot(staff, 'activities-list');
});
