import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedSmallOrg, TEST_PASSWORD } from '../fixtures/org.js';
import { loginThroughForm, startBrowserRig, type BrowserRig } from './browser.js';

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
  await seedSmallOrg(rig.platform);
});
afterAll(() => rig?.close());

async function roster(mobileOfSecond: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('委员名册');
  sheet.addRow(['姓名', '性别', '出生日期', '界别', '专委会', '是否常委', '工作单位', '职务', '手机']);
  sheet.addRow(['钱多多', '女', '1978-07-09', '经济界', '经济科技委员会（副主任）', '是', '北京某某科技有限公司', '董事长', '13512345678']);
  sheet.addRow(['孙立', '男', '1966-01-02', '文化体育界', '文史委员会', '否', '东城区文化馆', '馆长', mobileOfSecond]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

it('staff imports a roster: the bad row is reported with row and column, fixed, imported, then found by initials', async () => {
  const { page } = await rig.newPage();
  await loginThroughForm(page, 't_office', TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto('/members');
  await page.getByText('委员名录').first().waitFor();
  await page.getByRole('button', { name: /导入名册/ }).click();

  const fileInput = page.locator('.ant-modal input[type=file]');
  await fileInput.setInputFiles({
    name: '名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await roster('1361234'),
  });
  await page.getByText(/其中 1 行有 1 处问题/).waitFor();
  const badRow = page.locator('.ant-modal tr[data-row="3"]');
  await expect(badRow.getByText('第 3 行').isVisible()).resolves.toBe(true);
  await expect(badRow.getByText(/手机：手机号码「1361234」无效/).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('button', { name: /确认导入/ }).isDisabled()).resolves.toBe(true);
  await rig.screenshot(page, 'org-roster-preview-bad-row');

  await fileInput.setInputFiles({
    name: '名册-已修改.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await roster('13612345678'),
  });
  await page.getByText('共 2 行，全部检查通过，可以导入').waitFor();
  await page.getByRole('button', { name: /确认导入 2 名委员/ }).click();
  await page.getByText('已导入 2 名委员').waitFor();
  await page.locator('.ant-modal-close').click();
  await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });

  await page.getByLabel('搜索委员').fill('qdd');
  await page.getByLabel('搜索委员').press('Enter');
  await page.getByRole('cell', { name: '钱多多' }).waitFor();
  await expect(page.getByRole('cell', { name: '王芳' }).count()).resolves.toBe(0);
  await expect(page.getByRole('cell', { name: '135****5678' }).isVisible()).resolves.toBe(true);
  await rig.screenshot(page, 'org-members-found-by-initials');

  await page.getByRole('cell', { name: '钱多多' }).click();
  await page.getByRole('button', { name: /查看明文/ }).click();
  await page.getByText('13512345678').waitFor();
  const audit = await rig.platform.ctx.db
    .selectFrom('auditLog')
    .select('action')
    .where('action', 'in', ['member.import', 'member.personal.reveal'])
    .execute();
  expect(audit.map((a) => a.action).sort()).toEqual(['member.import', 'member.personal.reveal']);
});

it('a member finds a colleague by initials on a 375 px phone, with personal data masked', async () => {
  const { page } = await rig.newPage({ phone: true });
  await loginThroughForm(page, 't_zhang', TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto('/members');
  await page.getByLabel('搜索委员').fill('wf');
  await page.getByLabel('搜索委员').press('Enter');
  await page.getByText('王芳').first().waitFor();
  await expect(page.getByRole('button', { name: /导入名册/ }).count()).resolves.toBe(0);
  await page.getByText('王芳').first().click();
  await page.locator('.ant-drawer').getByText('138****0000', { exact: true }).waitFor();
  await expect(page.getByRole('button', { name: /查看明文/ }).count()).resolves.toBe(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await rig.screenshot(page, 'org-member-detail-phone');

  await page.goto('/org');
  await page.getByRole('tab', { name: '专委会' }).waitFor();
  await page.getByText('经济科技委员会').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

it('the auditor traces who saw a member’s phone number on a phone: by object, newest first, and the chain verifies', async () => {
  const member = await rig.platform.ctx.db.selectFrom('members').select('id').where('name', '=', '钱多多').executeTakeFirstOrThrow();
  const { page } = await rig.newPage({ phone: true });
  await loginThroughForm(page, 't_auditor', TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto('/admin/audit');
  await page.getByPlaceholder('对象编号').fill(member.id);
  await page.getByPlaceholder('对象编号').press('Enter');
  await page.getByRole('cell', { name: 'member.personal.reveal' }).waitFor();
  await page.getByText('共 1 条').waitFor();
  await expect(page.getByRole('cell', { name: 't_office' }).count()).resolves.toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await rig.screenshot(page, 'platform-audit-by-object-phone');

  await page.getByRole('button', { name: /校验哈希链/ }).click();
  await page.getByText(/哈希链完整，共 \d+ 条记录/).waitFor();
});
