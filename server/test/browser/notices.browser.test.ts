import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedSmallOrg, TEST_PASSWORD } from '../fixtures/org.js';
import { actInDialog, buttonLabel, loginThroughForm, startBrowserRig, type BrowserRig } from './browser.js';

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
  await seedSmallOrg(rig.platform);
});
afterAll(() => rig?.close());

const TITLE = '区发展改革委关于重点项目进展情况的通报';

async function signIn(username: string, phone: boolean) {
  const { page } = await rig.newPage({ phone });
  await loginThroughForm(page, username, TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  return page;
}

const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
const reading = (page: Page) => page.getByTestId('notice-reading');

it('a briefing: drafted and published by the office, read by a standing member on a phone, reminded, withdrawn', async () => {
  // The office drafts a 工作通报 for the standing members and publishes it.
  const office = await signIn('t_office', false);
  await office.goto('/notices/managed');
  await office.getByRole('button', { name: buttonLabel('起草') }).click();
  await office.getByText('工作通报', { exact: true }).click();
  await office.getByLabel('标题').fill(TITLE);
  await office.getByLabel('来源（可选）').fill('区发展改革委');
  await office.getByLabel('全体委员').uncheck();
  await office.getByLabel('常委').check();
  await office.getByLabel('正文').fill('一、总体情况\n今年以来，全区重点项目有序推进。\n二、下一步工作\n加快项目审批，强化要素保障。');
  await office.getByRole('button', { name: '保存草稿' }).click();
  await office.getByRole('heading', { name: TITLE }).waitFor();
  await office.getByText('草稿', { exact: true }).first().waitFor();
  await actInDialog(office, '发布', { confirm: '确定发布' });
  await reading(office).getByText('已读 0 / 3 人').waitFor();
  await rig.screenshot(office, 'notices-published-desktop');

  // 王芳 finds it unread on her phone, opens it, and it is read.
  const wang = await signIn('t_wang', true);
  await wang.goto('/notices');
  const row = wang.getByTestId('notice-row').filter({ hasText: TITLE });
  await row.getByText('未读').waitFor();
  await fitsPhone(wang);
  await row.getByRole('link', { name: TITLE }).click();
  await wang.getByTestId('notice-body').getByText('全区重点项目有序推进').waitFor();
  await wang.locator('.ant-tag', { hasText: /^已读/ }).waitFor();
  await fitsPhone(wang);
  await rig.screenshot(wang, 'notices-read-phone');
  await wang.goto('/notices');
  await row.waitFor();
  expect(await row.getByText('未读').count()).toBe(0);

  // The office sees who has read it, reminds the others, then withdraws it with a reason.
  await office.reload();
  await reading(office).getByText('已读 1 / 3 人').waitFor();
  expect((await office.getByTestId('notice-recipient').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).sort()).toEqual([
    '宋铁健 未读',
    '李铁生 未读',
  ]);
  await actInDialog(office, '提醒未读', { confirm: '确定提醒未读' });
  await actInDialog(office, '撤回', {
    confirm: '确定撤回',
    fill: () => office.getByRole('dialog').getByLabel('撤回理由').fill('数据有误，核实后重新发布'),
  });
  await office.getByText('已撤回：数据有误，核实后重新发布').waitFor();

  // Withdrawn, it is gone from 王芳's list.
  await wang.reload();
  await wang.getByText('还没有发给您的通知通报').waitFor();
});
