import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../harness.js';
import { loginThroughForm, startBrowserRig, type BrowserRig } from './browser.js';

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
});
afterAll(() => rig?.close());

it('first login on a phone: wrong password is explained, the password must be changed, then the workbench', async () => {
  const { page } = await rig.newPage({ phone: true });
  await loginThroughForm(page, 'admin', 'not-the-password');
  await expect(page.getByText('用户名或密码错误').waitFor()).resolves.toBeUndefined();

  await loginThroughForm(page, 'admin', ADMIN_PASSWORD);
  await page.getByText('请先设置新密码再继续使用').waitFor();
  await page.getByLabel('当前密码').fill(ADMIN_PASSWORD);
  await page.getByLabel('新密码', { exact: true }).fill('weak');
  await page.getByLabel('确认新密码').fill('weak');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByText(/新密码：至少 8 个字符/).waitFor();

  await page.getByLabel('新密码', { exact: true }).fill('Changed#Pass2026');
  await page.getByLabel('确认新密码').fill('Changed#Pass2026');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.getByText('待办事项').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await rig.screenshot(page, 'platform-workbench-phone');

  await page.getByRole('button', { name: '菜单' }).click();
  await page.locator('.ant-drawer').getByRole('link', { name: '通知' }).click();
  await page.getByText('全部标为已读').waitFor();
});
