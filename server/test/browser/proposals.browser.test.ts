import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newId } from '../../src/platform/ids.js';
import { nowIso } from '../../src/platform/time.js';
import { seedSmallOrg, TEST_PASSWORD } from '../fixtures/org.js';
import { actInDialog, loginThroughForm, pickOption, startBrowserRig, type BrowserRig } from './browser.js';

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
  const org = await seedSmallOrg(rig.platform);
  await rig.platform.ctx.db
    .insertInto('plenaries')
    .values({
      id: newId(),
      termId: org.termId,
      number: 1,
      name: '第十四届一次会议',
      startDate: '2026-01-10',
      endDate: null,
      createdAt: nowIso(),
    })
    .execute();
});
afterAll(() => rig?.close());

const SUBJECT = '关于完善中小学课后服务经费保障的建议';

async function signIn(username: string, phone: boolean) {
  const { page, context } = await rig.newPage({ phone });
  await loginThroughForm(page, username, TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  return { page, context };
}

const act = (page: Page, action: string, confirm: string, fill?: () => Promise<void>) => actInDialog(page, action, { confirm, fill });

const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

it('a proposal from draft to the public list: co-sign, register, assign, advise, reply B, unsatisfied, re-handle, reply A, satisfied, close', async () => {
  // The member writes a joint proposal on a phone; similar proposals would show while typing.
  const wang = await signIn('t_wang', true);
  await wang.page.goto('/proposals/new');
  await wang.page.getByLabel('案由').fill(SUBJECT);
  await wang.page.getByText('联名', { exact: true }).click();
  await wang.page.getByLabel('联名人').click();
  await wang.page.getByLabel('联名人').fill('张');
  await wang.page.locator('.ant-select-item-option', { hasText: '张伟' }).click();
  await wang.page.keyboard.press('Escape');
  await wang.page.getByLabel('情况').fill('部分学校课后服务经费不足，服务内容单一。');
  await wang.page.getByLabel('分析').fill('经费分担机制尚未建立，社会资源引入不足。');
  await wang.page.getByLabel('建议').fill('一是建立政府、学校、家长合理分担的经费保障机制；二是引入优质社会资源。');
  // Put forward during the plenary session: the form offers the current term's plenaries.
  await wang.page.getByText('大会期间', { exact: true }).click();
  await pickOption(wang.page, wang.page.getByLabel('会议'), '第十四届一次会议');
  await fitsPhone(wang.page);
  await rig.screenshot(wang.page, 'proposals-write-phone');
  await wang.page.getByRole('button', { name: '提交提案' }).click();
  await wang.page.getByText('待联名确认').first().waitFor();
  const url = new URL(wang.page.url()).pathname;
  expect(url).toMatch(/^\/proposals\/[0-9a-f-]{36}$/);
  await wang.page.getByText('大会期间（第十四届一次会议）').waitFor();
  await fitsPhone(wang.page);
  await rig.screenshot(wang.page, 'proposals-submitted-phone');

  // The co-signer confirms on a phone.
  const zhang = await signIn('t_zhang', true);
  await zhang.page.goto(url);
  await act(zhang.page, '确认联名', '确定确认联名');
  await zhang.page.getByText('待审查').first().waitFor();

  // The proposal office registers and assigns on a desktop, from its queue.
  const office = await signIn('t_room4', false);
  await office.page.goto('/proposals/office');
  await office.page.getByRole('link', { name: SUBJECT }).click();
  await act(office.page, '立案', '确定立案', () => pickOption(office.page, office.page.getByRole('dialog').getByLabel('类别'), '社会建设'));
  await office.page.getByText('已立案待交办').first().waitFor();
  await act(office.page, '交办', '确定交办', async () => {
    const dialog = office.page.getByRole('dialog');
    await pickOption(office.page, dialog.getByLabel('承办单位').nth(0), '区教育委员会');
    await dialog.getByRole('button', { name: '添加承办单位' }).click();
    await pickOption(office.page, dialog.getByLabel('承办单位').nth(1), '区卫生健康委员会');
  });
  await office.page.getByText('办理中').first().waitFor();
  await rig.screenshot(office.page, 'proposals-assigned-desktop');

  // The joint unit advises; the lead unit replies class B.
  const health = await signIn('t_health', false);
  await health.page.goto(url);
  await act(health.page, '提交会办意见', '确定提交会办意见', () =>
    health.page.getByRole('textbox', { name: '会办意见' }).fill('同意在校医配备方面予以支持。'),
  );
  const edu = await signIn('t_edu', false);
  await edu.page.goto('/proposals/unit');
  await edu.page.getByRole('link', { name: SUBJECT }).click();
  await edu.page.getByText('同意在校医配备方面予以支持。').waitFor();
  await act(edu.page, '答复', '确定答复', async () => {
    await edu.page.getByText('B类（正在解决或列入计划）').click();
    await edu.page.getByRole('textbox', { name: '答复内容' }).fill('我委正在研究制定课后服务经费分担办法。');
  });
  await edu.page.getByText('已答复待评价').first().waitFor();

  // The lead proposer is not satisfied; the office sends it back for re-handling.
  await wang.page.reload();
  await act(wang.page, '评价', '确定评价', async () => {
    await wang.page.getByRole('dialog').getByText('不满意', { exact: true }).click();
    await wang.page.getByRole('textbox', { name: '意见（可选）' }).fill('没有明确时间表。');
  });
  await wang.page.getByText('不满意').first().waitFor();
  await fitsPhone(wang.page);
  await office.page.reload();
  await act(office.page, '重新办理', '确定重新办理', () =>
    office.page.getByRole('textbox', { name: '意见（可选）' }).fill('请明确实施时间表。'),
  );
  await office.page.getByText('重新办理').first().waitFor();

  // Second round: class A; both proposers satisfied; the office closes.
  await edu.page.reload();
  await act(edu.page, '答复', '确定答复', async () => {
    await edu.page.getByText('A类（已解决或采纳）').click();
    await edu.page.getByRole('textbox', { name: '答复内容' }).fill('经费分担办法已印发，自 2026 年秋季学期起实施。');
  });
  for (const member of [wang, zhang]) {
    await member.page.reload();
    await act(member.page, '评价', '确定评价', () => member.page.getByRole('dialog').getByText('满意', { exact: true }).click());
  }
  await office.page.reload();
  await act(office.page, '办结', '确定办结');
  await office.page.getByText('已办结').first().waitFor();
  await rig.screenshot(office.page, 'proposals-closed-desktop');

  // Citizens read it on the public portal without signing in, with the replies and no personal data.
  const visitor = await rig.newPage({ phone: true });
  await visitor.page.goto('/public');
  await visitor.page.getByRole('link', { name: SUBJECT }).click();
  await visitor.page.getByText('经费分担办法已印发，自 2026 年秋季学期起实施。').waitFor();
  await visitor.page.getByText('提案人：王芳、张伟').waitFor();
  expect(await visitor.page.content()).not.toContain('13800000000');
  await fitsPhone(visitor.page);
  await rig.screenshot(visitor.page, 'proposals-public-phone');
  for (const c of [wang, zhang, office, health, edu, visitor]) await c.context.close();
}, 480_000);
