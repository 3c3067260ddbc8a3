import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { planImportCommand } from './plan.command.js';
import { FIXTURE_FILE, seedPlanOrg, type PlanOrg } from './plan.test-support.js';

let t: TestPlatform;
let org: PlanOrg;
beforeAll(async () => {
  t = await startTestPlatform();
  org = await seedPlanOrg(t);
});
afterAll(() => t?.close());

async function run(args: string[]) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  try {
    const config = loadConfig({ DATA_DIR: t.dataDir, LOG_LEVEL: 'silent', ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}) });
    return { code: await planImportCommand.run(args, config), output: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

it('imports the fixture from the command line with a --map, and lists what stays as text', async () => {
  const unknownTarget = await run([FIXTURE_FILE, '--map', '经济技术委员会=不存在的委员会']);
  expect(unknownTarget.code).toBe(1);
  expect(unknownTarget.output).toContain('找不到「不存在的委员会」');

  const done = await run([FIXTURE_FILE, '--map', '经济技术委员会=经济科技委员会']);
  expect(done.code).toBe(0);
  expect(done.output).toContain('已导入 2020 年工作要点：6 个部分、24 项条目、32 项活动安排');
  expect(done.output).toContain('各专委会分党组');
  expect(done.output).not.toContain('经济技术委员会');

  const office = await org.login('officeStaff');
  const plans = await office.get('/api/v1/plans');
  expect(plans.body.items).toEqual([expect.objectContaining({ year: 2020, itemCount: 24, status: 'active' })]);

  const again = await run([FIXTURE_FILE]);
  expect(again.code).toBe(1);
  expect(again.output).toContain('不能重复导入');
  expect((await run([])).code).toBe(2);
});
