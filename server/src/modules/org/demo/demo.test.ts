import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestPlatform, testDialect, type TestPlatform } from '../../../../test/harness.js';
import { loadConfig } from '../../../config.js';
import { demoCommand } from './demo.command.js';
import { loadDemo } from './demo.js';

const PASSWORD = 'Demo#pass2026';
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

describe('demo organisation', () => {
  it('loads the Dongcheng-like organisation with an account for every role, usable at once', async () => {
    const accounts = await loadDemo(t.ctx, PASSWORD);
    expect(new Set(accounts.flatMap((a) => a.roles))).toEqual(
      new Set(['public', 'member', 'staff', 'unit', 'leader', 'sysadmin', 'secadmin', 'auditor']),
    );
    expect(accounts.filter((a) => a.roles.includes('unit') && a.unitId).length).toBeGreaterThanOrEqual(3);

    const admin = await t.login('demo_sysadmin', PASSWORD);
    const me = await admin.get('/api/v1/me');
    expect(me.body).toMatchObject({ mustChangePassword: false });
    expect(me.body.displayName).toContain('演示');

    const departments = (await admin.get('/api/v1/org/departments')).body.items;
    const room4 = departments.find((d: any) => d.name === '专委会工作四室');
    expect(accounts.find((a) => a.departmentIds?.includes(room4.id))).toBeTruthy();
    expect(departments.map((d: any) => d.name)).toEqual(
      expect.arrayContaining(['机关党组', '机关党委', '办公室', '研究室', '专委会工作一室', '专委会工作五室']),
    );
    const committees = (await admin.get('/api/v1/org/committees')).body.items;
    expect(committees.find((c: any) => c.name === '经济科技委员会').aliases).toContain('经济技术委员会');
    expect(committees.length).toBeGreaterThanOrEqual(8);
    expect((await admin.get('/api/v1/org/sectors')).body.total).toBe(23);
    expect((await admin.get('/api/v1/org/streetGroups')).body.total).toBe(17);
    expect((await admin.get('/api/v1/org/units')).body.total).toBeGreaterThanOrEqual(70);
    const groups = (await admin.get('/api/v1/org/departmentGroups')).body.items;
    expect(groups.find((g: any) => g.name === '各专委会分党组').departmentIds).toHaveLength(8);

    const members = await admin.get('/api/v1/members?pageSize=5');
    expect(members.body.total).toBe(306);
    const leaders = await admin.get('/api/v1/members?leader=1&pageSize=10');
    expect(leaders.body.items.map((m: any) => m.name).sort()).toEqual(['宋铁健', '李铁生', '颜华', '杜娟', '刘健', '李长华'].sort());
    const leaderAccount = accounts.find((a) => a.username === 'demo_leader1')!;
    expect(leaders.body.items.map((m: any) => m.id)).toContain(leaderAccount.memberId);

    const audit = await t.ctx.db.selectFrom('auditLog').selectAll().where('action', '=', 'org.demo.load').execute();
    expect(audit).toHaveLength(1);
  });

  it('runs again on a demo database without duplicating anything', async () => {
    const again = await loadDemo(t.ctx, 'Other#pass2026');
    expect(again.length).toBeGreaterThan(20);
    expect((await (await t.login('demo_sysadmin', 'Other#pass2026')).get('/api/v1/members?pageSize=1')).body.total).toBe(306);
  });

  it('refuses a database that holds real data, in Chinese, changing nothing', async () => {
    const admin = await t.login('demo_sysadmin', 'Other#pass2026');
    await admin.post('/api/v1/org/sectors', { name: '正式界别' });
    await expect(loadDemo(t.ctx, PASSWORD)).rejects.toThrow(/已有正式数据.*1 条界别.*拒绝加载演示数据/);
    await expect(t.login('demo_sysadmin', PASSWORD)).rejects.toThrow(/401/);
  });
});

describe('xieshang demo --json', () => {
  it('prints exactly the accounts array on stdout, and again on a second run', async () => {
    // A database of its own: PostgreSQL from a second test platform, SQLite in a fresh data directory.
    const other = testDialect === 'postgres' ? await startTestPlatform() : undefined;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-demo-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(other?.databaseUrl ? { DATABASE_URL: other.databaseUrl } : {}),
    });
    const run = async () => {
      const out: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      try {
        const code = await demoCommand.run(['--password', PASSWORD, '--json'], config);
        return { code, stdout: out.join('') };
      } finally {
        spy.mockRestore();
      }
    };
    try {
      const first = await run();
      expect(first.code).toBe(0);
      const accounts = JSON.parse(first.stdout) as {
        username: string;
        roles: string[];
        memberId?: string;
        unitId?: string;
        departmentIds?: string[];
      }[];
      expect(Array.isArray(accounts)).toBe(true);
      for (const a of accounts)
        expect(Object.keys(a).every((k) => ['username', 'roles', 'memberId', 'unitId', 'departmentIds'].includes(k))).toBe(true);
      expect(accounts.filter((a) => a.roles.includes('staff')).length).toBeGreaterThanOrEqual(5);
      const second = await run();
      expect(second.code).toBe(0);
      expect((JSON.parse(second.stdout) as { username: string }[]).map((a) => a.username)).toEqual(accounts.map((a) => a.username));
    } finally {
      await other?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
