import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { loginThroughForm, startBrowserRig, type BrowserRig } from './browser.js';
import { seedSmallOrg, TEST_PASSWORD, type SmallOrg } from '../fixtures/org.js';

/**
 * Stored attack strings, typed into ordinary text fields by people who may type there, are shown as text
 * wherever they appear: no script runs, no dialog opens, no request leaves for the attacker's address.
 * No module stores rich text (HTML) today; every field is rendered as text by React.
 */
const ATTACKS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=2;alert(2)</script>',
  '"><svg onload=window.__xss=3>',
  'javascript:alert(4)',
];

let rig: BrowserRig;
let org: SmallOrg;
let proposalId: string;

beforeAll(async () => {
  rig = await startBrowserRig();
  org = await seedSmallOrg(rig.platform);
  const admin = await org.login('sysadmin');
  const created = await admin.post('/api/v1/users', {
    username: 'xss_user',
    displayName: ATTACKS[0]!.slice(0, 40),
    password: 'Initial#pass2026',
    roles: ['member'],
  });
  expect(created.status).toBe(201);
  const wang = await org.login('memberWang');
  const draft = await wang.post('/api/v1/proposals', {
    subject: `关于${ATTACKS[1]}的建议`,
    kind: 'individual',
    body: { situation: ATTACKS[0], analysis: ATTACKS[2], suggestions: `建议${ATTACKS[3]}` },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  proposalId = draft.body.id;
  expect((await wang.post(`/api/v1/proposals/${proposalId}/actions/submit`, {})).status).toBe(200);
});
afterAll(() => rig?.close());

async function watch(page: Page) {
  const fired: string[] = [];
  page.on('dialog', (d) => {
    fired.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (/\/x$|javascript:/.test(r.url())) fired.push(`request: ${r.url()}`);
  });
  return fired;
}

describe('stored attack strings render as text', () => {
  test('a proposal with script in its subject and text, seen by its author and the proposal office', async () => {
    for (const who of ['memberWang', 'proposalStaff'] as const) {
      const { page, context } = await rig.newPage({ phone: who === 'memberWang' });
      const fired = await watch(page);
      await loginThroughForm(page, org.usernames[who], TEST_PASSWORD);
      await page.waitForURL((u) => !u.pathname.includes('login'));
      await page.goto(`/proposals/${proposalId}`);
      await expect.poll(() => page.locator('body').innerText(), { timeout: 20_000 }).toContain(ATTACKS[1]);
      expect(await page.locator('body').innerText()).toContain(ATTACKS[0]);
      await page.goto(who === 'memberWang' ? '/proposals/mine' : '/proposals/office');
      await page.goto('/notifications');
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(fired).toEqual([]);
      await context.close();
    }
  });

  test("an account's display name with an image tag, in the user list", async () => {
    const { page, context } = await rig.newPage();
    const fired = await watch(page);
    await loginThroughForm(page, org.usernames.sysadmin, TEST_PASSWORD);
    await page.waitForURL((u) => !u.pathname.includes('login'));
    await page.goto('/admin/users');
    await expect.poll(() => page.locator('body').innerText(), { timeout: 20_000 }).toContain(ATTACKS[0]!.slice(0, 40));
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(fired).toEqual([]);
    await context.close();
  });
});
