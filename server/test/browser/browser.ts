import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-results/screenshots');

export interface BrowserRig {
  platform: TestPlatform;
  baseUrl: string;
  browser: Browser;
  /** A fresh context (its own cookies), phone-sized (375 px) or desktop. */
  newPage(options?: { phone?: boolean }): Promise<{ page: Page; context: BrowserContext }>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/** The platform on a real port serving the built web app, and Debian's Chromium driven by playwright-core. */
export async function startBrowserRig(): Promise<BrowserRig> {
  const webDist = path.resolve(import.meta.dirname, '../../../web/dist');
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  const platform = await startTestPlatform({ WEB_DIST: webDist });
  const address = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    platform,
    baseUrl: address,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: address,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
        ...(options.phone
          ? { viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
          : { viewport: { width: 1366, height: 860 } }),
      });
      context.setDefaultTimeout(15_000);
      return { page: await context.newPage(), context };
    },
    async screenshot(page, name) {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await platform.close();
    },
  };
}

/** Logs in through the login form. */
export async function loginThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  // The form is at '/', so callers cannot tell by the address that the login is done: wait for its answer,
  // or a page opened next may still be asked to log in.
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await answered;
}

export const tmpFile = (name: string) => path.join(os.tmpdir(), name);

/**
 * Opens an antd select and clicks one of its options, then waits until the select has taken it. The option is
 * looked for only in this select's own dropdown (the one its combobox controls): a dropdown closed a moment
 * ago is still on the page while it fades out, and has options of the same name. On a loaded CI machine a
 * click has been seen to land while the dropdown was still settling and leave the select empty; as a person
 * would, the helper then opens it and picks again (three tries at most). A select that acts on the pick and
 * empties itself (`clearsAfterPick`) has nothing to check here; the caller waits for the effect instead.
 */
export async function pickOption(
  page: Page,
  field: Locator,
  option: string,
  { clearsAfterPick = false }: { clearsAfterPick?: boolean } = {},
): Promise<void> {
  // Read before opening: an open dropdown's options carry labels too, and would match the field's locator.
  const id = await field.getAttribute('id');
  if (!id) throw new Error('the select has no id to find its dropdown by');
  const input = page.locator(`[id="${id}"]`);
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${id}_list"]`) });
  // A single select titles its content with the value, a multiple one each tag; options (in a portal) are left out.
  const chosen = page.locator('.ant-select', { has: input }).locator(`[title="${option}"]:not(.ant-select-item)`);
  for (let attempt = 1; ; attempt++) {
    // A retry opens the select again only if its dropdown has closed; clicking an open one would close it.
    if (attempt === 1 || !(await dropdown.isVisible())) await input.click();
    await dropdown.locator(`.ant-select-item-option[title="${option}"]`).click();
    if (clearsAfterPick) return;
    try {
      await chosen.waitFor({ timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`选择框未显示所选的「${option}」`, { cause: error });
      await dropdown.waitFor({ state: 'hidden', timeout: 1000 }).catch(() => undefined);
    }
  }
}

/** antd puts a space between the two characters of a two-character button label; an icon adds its name before it. */
export const buttonLabel = (text: string) => new RegExp(`(^|\\s)${text.split('').join('\\s*')}$`);

/**
 * Clicks what opens a dialog and returns the dialog once it has finished zooming in. Playwright's stability
 * check can pass on a loaded machine while the dialog still moves (two frames alike when frames are dropped);
 * a press and a release then land on different spots, no click is made, and the dialog stays open.
 */
export async function openDialog(page: Page, opener: Locator): Promise<Locator> {
  await opener.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // The zoom marks each of its phases with a class (ant-zoom-appear, …-active); the dialog rests once none is left.
  await dialog.evaluate(async (element) => {
    for (let waited = 0; /-(appear|enter)/.test(element.className) && waited < 5000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
  });
  return dialog;
}

/**
 * Takes a workflow action through its dialog: clicks the action's button, fills the form, confirms and waits
 * for the dialog to close. A dialog that stays open fails with what it shows (a validation message, or the
 * server's answer in a toast) and the requests the confirmation sent.
 */
export async function actInDialog(
  page: Page,
  action: string,
  options: { fill?: () => Promise<void>; scope?: Locator; confirm?: string } = {},
): Promise<void> {
  const dialog = await openDialog(page, (options.scope ?? page).getByRole('button', { name: buttonLabel(action) }).first());
  await options.fill?.();
  // The server's answers are kept for the failure message: a toast has faded by the time the wait gives up.
  const answers: string[] = [];
  const listen = (response: Response) => {
    const method = response.request().method();
    const { pathname } = new URL(response.url());
    if (method !== 'GET' && pathname.startsWith('/api/')) answers.push(`${method} ${pathname} → ${response.status()}`);
  };
  page.on('response', listen);
  try {
    await dialog.getByRole('button', { name: buttonLabel(options.confirm ?? '确定') }).click();
    await dialog.waitFor({ state: 'hidden' }).catch(async () => {
      const toast = await page
        .locator('.ant-message')
        .innerText()
        .catch(() => '');
      throw new Error(`「${action}」对话框未关闭：${await dialog.innerText()} ${toast}；请求：${answers.join('，') || '未发出'}`);
    });
  } finally {
    page.off('response', listen);
  }
}
