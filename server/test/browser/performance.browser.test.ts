import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedSmallOrg, TEST_PASSWORD, type SmallOrg } from '../fixtures/org.js';
import {
  actInDialog,
  buttonLabel,
  loginThroughForm,
  openDialog,
  pickOption,
  startBrowserRig,
  tmpFile,
  type BrowserRig,
} from './browser.js';

let rig: BrowserRig;
let org: SmallOrg;
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

beforeAll(async () => {
  rig = await startBrowserRig();
  org = await seedSmallOrg(rig.platform);
  // The office recorded a 委员接待日 for 王芳 (through the API, as the entries page does).
  const office = await rig.platform.login('t_office', TEST_PASSWORD);
  const recorded = await office.post('/api/v1/performance/entries', {
    memberId: org.members.wang,
    kind: 'reception_day',
    date: `${year}-04-15`,
    description: '委员接待日接待群众 6 人次',
    points: 2,
  });
  expect(recorded.status).toBe(201);
});
afterAll(() => rig?.close());

const tag = (scope: Page | ReturnType<Page['locator']>, text: string) =>
  scope.locator('.ant-tag', { hasText: new RegExp(`^${text}$`) }).first();
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
const statistic = (page: Page, title: string) =>
  page.locator('.ant-statistic', { hasText: title }).first().locator('.ant-statistic-content-value');

async function signIn(username: string, phone: boolean) {
  const { page } = await rig.newPage({ phone });
  await loginThroughForm(page, username, TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  return page;
}

it('a member sees and adds to their own duty record on a phone; the office approves, evaluates, exports and changes a rule', async () => {
  // 王芳 opens her record on a 375 px phone and submits her 履职作业.
  const wang = await signIn('t_wang', true);
  await wang.goto(`/performance/record?year=${year}`);
  await wang.getByRole('heading', { name: '我的履职档案' }).waitFor();
  await wang.getByText('委员接待日：委员接待日接待群众 6 人次').waitFor();
  await expect(statistic(wang, `${year}年度积分`).innerText()).resolves.toBe('2');
  await wang.getByText(`积分低于 20 分的达标线`).waitFor();
  await fitsPhone(wang);
  await rig.screenshot(wang, 'performance-record-phone');

  const form = await openDialog(wang, wang.getByRole('button', { name: buttonLabel('申报履职') }));
  await pickOption(wang, form.getByLabel('类型'), '履职作业');
  await form.getByLabel('日期').click();
  await form.getByLabel('日期').fill(`${year}-06-01`);
  await wang.keyboard.press('Enter');
  await form.getByLabel('内容').fill('年度履职作业：社区养老驿站运营情况调研');
  await form.getByLabel('积分').fill('5');
  await form.getByRole('button', { name: buttonLabel('提交') }).click();
  await form.waitFor({ state: 'hidden' });
  const submitted = wang.locator('.ant-list-item', { hasText: '履职作业：年度履职作业' });
  await tag(submitted, '待审核').waitFor();
  await fitsPhone(wang);

  // The office approves it from the entries page.
  const staff = await signIn('t_office', false);
  await staff.goto('/performance/entries');
  await staff.getByRole('heading', { name: '履职登记与审核' }).waitFor();
  await staff.getByRole('link', { name: '年度履职作业：社区养老驿站运营情况调研' }).click();
  await actInDialog(staff, '认定');
  await tag(staff, '已认定').waitFor();

  // The committee evaluation: 王芳 first with 7 points, the chart, the Excel export.
  await staff.goto('/performance/evaluation');
  await staff.getByRole('heading', { name: '委员履职评价' }).waitFor();
  const wangRow = staff.locator('tr', { hasText: '王芳' });
  await wangRow.waitFor();
  await expect(wangRow.locator('td').last().innerText()).resolves.toBe('7');
  await staff.locator('.xs-chart canvas').first().waitFor();
  await rig.screenshot(staff, 'performance-evaluation');
  const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: /导出 Excel/ }).click()]);
  expect(download.suggestedFilename()).toBe(`${year}年度委员履职评价.xlsx`);
  await download.saveAs(tmpFile('performance-evaluation.xlsx'));

  // A rule change: 履职作业 counts at most 3 points a year from now on.
  await staff.goto('/performance/rules');
  const rule = staff.locator('tr', { hasText: '履职作业' });
  await rule.getByLabel('履职作业年度上限').fill('3');
  await rule.getByRole('button', { name: buttonLabel('保存') }).click();
  await staff.getByText('积分规则已保存').waitFor();
  await staff.goto('/performance/evaluation');
  await expect(staff.locator('tr', { hasText: '王芳' }).locator('td').last().innerText()).resolves.toBe('5');

  // 王芳 sees the capped line on her phone.
  await wang.reload();
  await expect(statistic(wang, `${year}年度积分`).innerText()).resolves.toBe('5');
  await tag(wang.locator('tr', { hasText: '履职作业' }), '已封顶').waitFor();
  await fitsPhone(wang);
});
