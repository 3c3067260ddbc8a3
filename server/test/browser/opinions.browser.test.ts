import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedSmallOrg, TEST_PASSWORD } from '../fixtures/org.js';
import { actInDialog, buttonLabel, loginThroughForm, openDialog, pickOption, startBrowserRig, type BrowserRig } from './browser.js';

let rig: BrowserRig;
beforeAll(async () => {
  rig = await startBrowserRig();
  await seedSmallOrg(rig.platform);
});
afterAll(() => rig?.close());

const TITLE = '关于缓解老旧小区停车难的建议';
const EDITED = '破解老旧小区停车难题的三条建议';
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

async function signIn(username: string) {
  const { page, context } = await rig.newPage({ phone: true });
  await loginThroughForm(page, username, TEST_PASSWORD);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  return { page, context };
}

const act = (page: Page, action: string, confirm: string, fill?: () => Promise<void>) => actInDialog(page, action, { confirm, fill });

const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

it('an opinion report on phones: drafted and submitted, accepted, edited (original kept), adopted, put in a published bulletin issue, instructed, scored', async () => {
  // 王芳 writes the report in three parts on a phone and submits it.
  const wang = await signIn('t_wang');
  await wang.page.goto('/opinions/new');
  await wang.page.getByLabel('标题').fill(TITLE);
  await pickOption(wang.page, wang.page.getByLabel('类别'), '城市管理');
  // A co-author from the members' roster, found by the first character of the name.
  await wang.page.getByLabel('联名委员（可选）').click();
  await wang.page.getByLabel('联名委员（可选）').fill('张');
  await wang.page.locator('.ant-select-item-option', { hasText: '张伟' }).click();
  await wang.page.keyboard.press('Escape');
  await wang.page.getByLabel('情况').fill('老旧小区停车位缺口大，车辆占用消防通道现象突出。');
  await wang.page.getByLabel('分析').fill('规划建设时未预留停车设施，周边资源未共享。');
  await wang.page.getByLabel('建议').fill('一是挖潜增设停车位；二是推行机关单位错时共享；三是引入智慧停车管理。');
  await fitsPhone(wang.page);
  await rig.screenshot(wang.page, 'opinions-write-phone');
  await wang.page.getByRole('button', { name: '报送信息' }).click();
  await wang.page.getByText('待受理').first().waitFor();
  const url = new URL(wang.page.url()).pathname;
  expect(url).toMatch(/^\/opinions\/[0-9a-f-]{36}$/);
  await wang.page.getByText('张伟').first().waitFor();

  // The research office accepts it from its queue, edits it, and adopts it at the district level.
  const office = await signIn('t_research');
  await office.page.goto('/opinions/office');
  await office.page.getByRole('link', { name: TITLE }).click();
  await act(office.page, '受理', '确定受理');
  await office.page.getByText('已受理').first().waitFor();
  await act(office.page, '编辑', '确定编辑', () => office.page.getByRole('dialog').getByLabel('标题').fill(EDITED));
  await office.page.getByRole('heading', { name: EDITED }).waitFor();
  await office.page.getByRole('tab', { name: '原稿' }).click();
  await office.page.getByRole('heading', { name: TITLE }).waitFor();
  await act(office.page, '采用', '确定采用', () => office.page.getByRole('dialog').getByLabel('采用刊物（可选）').fill('《社情民意》专刊'));
  await office.page.locator('.ant-tag', { hasText: '区政协采用' }).first().waitFor();
  await fitsPhone(office.page);
  await rig.screenshot(office.page, 'opinions-adopted-phone');

  // It goes into a new issue of 《社情民意》, which the office publishes and downloads for printing.
  await office.page.goto('/opinions/bulletins');
  const dialog = await openDialog(office.page, office.page.getByRole('button', { name: buttonLabel('新建一期') }));
  await dialog.getByLabel('本期标题').fill('城市管理专辑');
  await dialog.getByRole('button', { name: buttonLabel('新建') }).click();
  await office.page.getByRole('heading', { name: `《社情民意》${year}年第1期` }).waitFor();
  await pickOption(office.page, office.page.getByLabel('编入信息'), `${EDITED}（王芳）`, { clearsAfterPick: true });
  await office.page.getByTestId('bulletin-report').filter({ hasText: EDITED }).waitFor();
  await office.page.getByRole('button', { name: buttonLabel('印发') }).click();
  await office.page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: buttonLabel('印发') })
    .click();
  await office.page.locator('.ant-tag', { hasText: '已印发' }).waitFor();
  const [word] = await Promise.all([
    office.page.waitForEvent('download'),
    office.page.getByRole('button', { name: buttonLabel('下载 Word') }).click(),
  ]);
  expect(word.suggestedFilename()).toBe(`社情民意${year}年第1期.docx`);
  await fitsPhone(office.page);
  await rig.screenshot(office.page, 'opinions-bulletin-phone');

  // A leader writes an instruction on it.
  const song = await signIn('t_song');
  await song.page.goto(url);
  await act(song.page, '批示', '确定批示', () => song.page.getByRole('textbox', { name: '批示内容' }).fill('请区城管委研究落实。'));
  await song.page.getByTestId('opinion-instruction').filter({ hasText: '请区城管委研究落实。' }).waitFor();

  // 王芳 sees the adoption, the issue and the instruction, and the points in her duty record.
  await wang.page.reload();
  await wang.page.getByRole('heading', { name: EDITED }).waitFor();
  await wang.page.getByTestId('opinion-adoption').filter({ hasText: '区政协采用' }).waitFor();
  await wang.page.getByText(`《社情民意》${year}年第1期（已印发）`).waitFor();
  await wang.page.getByTestId('opinion-instruction').filter({ hasText: '宋铁健' }).waitFor();
  await fitsPhone(wang.page);
  await wang.page.goto(`/performance/record?year=${year}`);
  await wang.page.getByRole('link', { name: EDITED }).waitFor();
  // Reported 1 + adopted by the district 3 + one instruction 5, under the default rules.
  const row = (text: string) => wang.page.locator('tr', { hasText: text }).first().locator('td');
  await expect(row('社情民意被区政协采用').allInnerTexts()).resolves.toEqual(['社情民意被区政协采用', '1', '3']);
  await expect(row('社情民意获领导批示').allInnerTexts()).resolves.toEqual(['社情民意获领导批示', '1', '5']);
  await expect(
    wang.page
      .locator('.ant-statistic', { hasText: `${year}年度积分` })
      .first()
      .locator('.ant-statistic-content-value')
      .innerText(),
  ).resolves.toBe('9');
  await fitsPhone(wang.page);
  await rig.screenshot(wang.page, 'opinions-record-phone');
  for (const c of [wang, office, song]) await c.context.close();
}, 480_000);
