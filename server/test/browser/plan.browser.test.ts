import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../fixtures/org.js';
import { FIXTURE_FILE, seedPlanOrg } from '../../src/modules/plan/plan.test-support.js';
import { loginThroughForm, pickOption, startBrowserRig, tmpFile, type BrowserRig } from './browser.js';

let rig: BrowserRig;
let planUrl: string;
beforeAll(async () => {
  rig = await startBrowserRig();
  await seedPlanOrg(rig.platform);
});
afterAll(() => rig?.close());

it('staff imports the 2020 work plan: upload, fix one mapping, confirm', async () => {
  const { page, context } = await rig.newPage();
  await loginThroughForm(page, 't_office', TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto('/plan/import');
  await page.locator('input[type=file]').setInputFiles(FIXTURE_FILE);
  await page.getByText('共 6 个部分、24 项条目、32 项活动安排').waitFor();

  await pickOption(page, page.getByLabel('对应「经济技术委员会」'), '经济科技委员会（专委会）');
  await rig.screenshot(page, 'plan-import-preview');
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('heading', { name: '2020 年工作要点' }).waitFor();
  await page.getByText('抓实理论武装，加强思想政治引领').waitFor();
  planUrl = new URL(page.url()).pathname;
  expect(planUrl).toMatch(/^\/plan\/[0-9a-f-]{36}$/);
  await rig.screenshot(page, 'plan-by-section');

  const planId = planUrl.split('/').pop()!;
  const economy = await rig.platform.ctx.db
    .selectFrom('committees')
    .select('id')
    .where('name', '=', '经济科技委员会')
    .executeTakeFirstOrThrow();
  const entries = await rig.platform.ctx.db.selectFrom('activityPlanEntries').selectAll().where('sourcePlanId', '=', planId).execute();
  expect(entries).toHaveLength(32);
  const research = entries.filter((e) => e.organizerNames.includes('经济技术委员会'));
  expect(research.map((e) => JSON.parse(e.organizerCommitteeIds))).toEqual([[economy.id], [economy.id]]);
  await context.close();
});

it('a lead department files progress on a phone', async () => {
  const { page, context } = await rig.newPage({ phone: true });
  await loginThroughForm(page, 't_room5', TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto('/plan/tasks');
  await page.getByTestId('plan-item-3').getByRole('link').click();
  await page.getByText('依托全国政协培训基地').first().waitFor();
  await page.getByRole('button', { name: '报送进展' }).click();
  await page.getByLabel('进展情况').fill('组织委员赴市政协社会主义学院参加培训两期');
  await page.getByLabel('完成进度（%）').fill('60');
  await page
    .getByRole('button', { name: '提 交' })
    .or(page.getByRole('button', { name: '提交' }))
    .click();
  await page.getByText('完成进度 60%：组织委员赴市政协社会主义学院参加培训两期').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await rig.screenshot(page, 'plan-item-progress-phone');
  await context.close();
});

it('the responsible leader sees the overdue item on the dashboard and comments; the ledger exports the rows', async () => {
  const { page, context } = await rig.newPage();
  await loginThroughForm(page, 't_liujian', TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto(`${planUrl}/dashboard`);
  await page.getByText(/逾期未完成（24 项/).waitFor();
  await page.getByRole('img', { name: '按主责部门' }).waitFor();
  await rig.screenshot(page, 'plan-dashboard');
  await page.getByRole('link', { name: /^第 3 项：/ }).click();
  await page.getByText('已逾期').first().waitFor();
  await page.getByRole('button', { name: '督办意见' }).click();
  await page.getByRole('textbox', { name: /督办意见/ }).fill('培训要覆盖全体新任委员，年底前报送总结');
  await page
    .getByRole('button', { name: '提 交' })
    .or(page.getByRole('button', { name: '提交' }))
    .click();
  await page.locator('.xs-plan-timeline').getByText('培训要覆盖全体新任委员，年底前报送总结').waitFor();
  await rig.screenshot(page, 'plan-item-supervision');

  await page.goto(planUrl);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出督办台账/ }).click()]);
  expect(download.suggestedFilename()).toBe('2020年工作要点督办台账.xlsx');
  const file = tmpFile(`plan-ledger-${Date.now()}.xlsx`);
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([undefined, '序号', '工作内容', '责任领导', '主责部门', '完成时限', '进展情况', '完成状态']);
  expect(sheet.rowCount).toBe(25);
  expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
    3,
    expect.stringContaining('依托全国政协培训基地'),
    '刘健',
    '专委会工作五室',
    expect.stringMatching(/^2020\s?年底$/),
    '组织委员赴市政协社会主义学院参加培训两期',
    '推进中（已逾期） 60%',
  ]);
  await context.close();
});

it('the plan office amends an item on a phone: new deadline with a reason, kept in the history', async () => {
  const planId = planUrl.split('/').pop()!;
  const item = await rig.platform.ctx.db
    .selectFrom('planItems')
    .select('id')
    .where('planId', '=', planId)
    .where('no', '=', 20)
    .executeTakeFirstOrThrow();
  const { page, context } = await rig.newPage({ phone: true });
  await loginThroughForm(page, 't_office', TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto(`/plan/items/${item.id}`);
  await page.getByRole('button', { name: '修改条目' }).click();
  await page.getByLabel('完成时限').fill('2020-12-15');
  await page.getByLabel('修改理由').fill('常委会调整工作安排');
  await page.getByRole('button', { name: '保存修改' }).click();
  const timeline = page.locator('.xs-plan-timeline');
  await timeline.getByText(/完成时限：.* → 2020年12月15日。理由：常委会调整工作安排/).waitFor();
  await page.getByText('2020年12月15日').first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await rig.screenshot(page, 'plan-item-amend-phone');
  await context.close();
});
