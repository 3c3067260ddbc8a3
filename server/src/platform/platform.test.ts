import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { ADMIN_PASSWORD, startTestPlatform, testDialect, type TestPlatform } from '../../test/harness.js';
import { recordAudit, verifyAuditChain } from './audit/audit.service.js';
import { currentTotp } from './auth/totp.js';
import { systemActor } from './permissions/actor.js';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.close());

describe('health and auth', () => {
  it('answers health with the database in use', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: testDialect });
  });

  it('logs in the first admin, who must change the password', async () => {
    const admin = await t.login('admin');
    const me = await admin.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', roles: ['sysadmin'], mustChangePassword: true });
  });

  it('refuses /me without a session, in Chinese', async () => {
    const res = await t.anonymous().get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.body.error.message).toMatch(/登录/);
  });

  it('answers a wrong password with 401 and names no field twice', async () => {
    const res = await t.anonymous().post('/api/v1/auth/login', { username: 'admin', password: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('用户名或密码错误');
  });

  it('rejects a login body with a missing field and unknown keys, naming the fields', async () => {
    const res = await t.anonymous().post('/api/v1/auth/login', { username: 'admin', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('密码');
    expect(res.body.error.message).toContain('extra');
  });

  it('locks an account after 5 failures in a row, even for the right password', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/v1/users', {
      username: 'locktest',
      displayName: '锁定测试',
      password: 'Lock#test2026',
      roles: ['member'],
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      const res = await t.anonymous().post('/api/v1/auth/login', { username: 'locktest', password: 'bad-password' });
      expect(res.status).toBe(401);
    }
    const locked = await t.anonymous().post('/api/v1/auth/login', { username: 'locktest', password: 'Lock#test2026' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.message).toMatch(/锁定/);
  });

  it('enforces the password policy on change and ends the old password', async () => {
    const admin = await t.login('admin');
    await admin.post('/api/v1/users', { username: 'pwuser', displayName: '改密测试', password: 'First#pass2026', roles: ['staff'] });
    const user = await t.login('pwuser', 'First#pass2026');
    const weak = await user.post('/api/v1/me/password', { currentPassword: 'First#pass2026', newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/新密码.*至少 8 个字符/);
    const ok = await user.post('/api/v1/me/password', { currentPassword: 'First#pass2026', newPassword: 'Second#pass2026' });
    expect(ok.status).toBe(200);
    const reuse = await user.post('/api/v1/me/password', { currentPassword: 'Second#pass2026', newPassword: 'First#pass2026' });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.message).toMatch(/最近/);
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'pwuser', password: 'First#pass2026' })).status).toBe(401);
    expect((await t.login('pwuser', 'Second#pass2026')).cookie).toBeTruthy();
  });

  it('ends the session on logout and when the user is disabled', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/v1/users', {
      username: 'disableme',
      displayName: '停用测试',
      password: 'Disable#me2026',
      roles: ['member'],
    });
    const user = await t.login('disableme', 'Disable#me2026');
    expect((await user.get('/api/v1/me')).status).toBe(200);
    await admin.patch(`/api/v1/users/${created.body.id}`, { status: 'disabled' });
    expect((await user.get('/api/v1/me')).status).toBe(401);

    const again = await t.login('admin');
    expect((await again.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await again.get('/api/v1/me')).status).toBe(401);
  });

  it('ends the sessions of a user whose roles change; the next login and a matrix edit apply at once', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/v1/users', {
      username: 'rolechange',
      displayName: '换角色',
      password: 'Role#change2026',
      roles: ['member'],
    });
    const asMember = await t.login('rolechange', 'Role#change2026');
    expect((await asMember.get('/api/v1/me')).body.roles).toEqual(['member']);
    await admin.patch(`/api/v1/users/${created.body.id}`, { roles: ['leader', 'staff'] });
    expect((await asMember.get('/api/v1/me')).status).toBe(401);

    const user = await t.login('rolechange', 'Role#change2026');
    const me = (await user.get('/api/v1/me')).body;
    expect([...me.roles].sort()).toEqual(['leader', 'staff']);
    const held = await t.ctx.db.selectFrom('rolePermissions').select('permission').where('role', 'in', ['leader', 'staff']).execute();
    expect(Object.keys(me.permissions).sort()).toEqual([...new Set(held.map((g) => g.permission))].sort());

    const grants = await t.ctx.db
      .selectFrom('rolePermissions')
      .select(['role', 'permission'])
      .where('role', 'in', ['leader', 'staff'])
      .execute();
    const onlyOne = grants.find((g) => grants.filter((h) => h.permission === g.permission).length === 1)!;
    const { createUser } = await import('./users/users.service.js');
    await createUser(t.ctx, systemActor('test'), {
      username: 'rolesec',
      displayName: '安全管理员',
      password: 'Role#pass2026',
      roles: ['secadmin'],
      mustChangePassword: false,
    });
    const sec = await t.login('rolesec', 'Role#pass2026');
    expect((await sec.put(`/api/v1/roles/${onlyOne.role}/permissions/${onlyOne.permission}`, { scope: null })).status).toBe(200);
    expect((await user.get('/api/v1/me')).body.permissions[onlyOne.permission]).toBeUndefined();
  });

  it('gives a signed-in user a change of departments with their next request, and counts every access change', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/v1/users', {
      username: 'deptchange',
      displayName: '换处室',
      password: 'Dept#change2026',
      roles: ['staff'],
      departmentIds: ['dept-a'],
      mustChangePassword: false,
    });
    expect(created.status).toBe(201);
    const staff = await t.login('deptchange', 'Dept#change2026');
    expect((await staff.get('/api/v1/me')).body.departmentIds).toEqual(['dept-a']);
    const epoch = async () => (await t.ctx.db.selectFrom('accessEpoch').select('value').executeTakeFirstOrThrow()).value;
    const before = await epoch();
    expect((await admin.patch(`/api/v1/users/${created.body.id}`, { departmentIds: ['dept-b'] })).status).toBe(200);
    // The session stays (only roles and disabling end it); what it may see follows the change at once.
    expect((await staff.get('/api/v1/me')).body.departmentIds).toEqual(['dept-b']);
    expect(await epoch()).toBeGreaterThan(before);
    const counted = await epoch();
    await t.ctx.db.insertInto('userRoles').values({ userId: created.body.id, role: 'leader' }).execute();
    await t.ctx.db.updateTable('userDepartments').set({ departmentId: 'dept-c' }).where('userId', '=', created.body.id).execute();
    await t.ctx.db.deleteFrom('userRoles').where('userId', '=', created.body.id).where('role', '=', 'leader').execute();
    expect(await epoch()).toBe(counted + 3);
    expect((await staff.get('/api/v1/me')).body.departmentIds).toEqual(['dept-c']);
  });

  it('expires idle sessions by a policy changed a moment ago', async () => {
    const user = await t.login('rolechange', 'Role#change2026');
    expect((await user.get('/api/v1/me')).status).toBe(200);
    const { DEFAULT_SECURITY_POLICY, putSetting } = await import('./settings/settings.service.js');
    await t.ctx.db
      .updateTable('sessions')
      .set({ lastSeenAt: new Date(Date.now() - 6 * 60_000).toISOString() })
      .execute();
    await putSetting(t.ctx.db, 'security.policy', { ...DEFAULT_SECURITY_POLICY, idleMinutes: 5, loginRatePerMinute: 1000 });
    try {
      expect((await user.get('/api/v1/me')).status).toBe(401);
    } finally {
      await putSetting(t.ctx.db, 'security.policy', { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 1000 });
    }
  });

  it('requires the second factor once TOTP is enabled', async () => {
    const admin = await t.login('admin');
    await admin.post('/api/v1/users', { username: 'totpuser', displayName: '双因素', password: 'Totp#user2026', roles: ['leader'] });
    const user = await t.login('totpuser', 'Totp#user2026');
    const setup = await user.post('/api/v1/me/totp/setup');
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await user.post('/api/v1/me/totp/enable', { totpCode: '000000' })).status).toBe(400);
    expect((await user.post('/api/v1/me/totp/enable', { totpCode: currentTotp(setup.body.secret) })).status).toBe(200);
    const without = await t.anonymous().post('/api/v1/auth/login', { username: 'totpuser', password: 'Totp#user2026' });
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe('totp_required');
    const withCode = await t
      .anonymous()
      .post('/api/v1/auth/login', { username: 'totpuser', password: 'Totp#user2026', totpCode: currentTotp(setup.body.secret) });
    expect(withCode.status).toBe(200);
  });

  it('refuses a cross-site cookie write (CSRF)', async () => {
    const admin = await t.login('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: admin.cookie!, origin: 'https://evil.example', host: 'localhost:3000', 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
    expect((await admin.get('/api/v1/me')).status).toBe(200);
  });

  it('sends pages their content policy, and the API a policy under which nothing loads, uncached', async () => {
    const admin = await t.login('admin');
    const page = await t.app.inject({ method: 'GET', url: '/public' });
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: admin.cookie! } });
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    for (const answer of [page, api, refused, docs]) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['referrer-policy']).toBe('same-origin');
    }
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';.*frame-ancestors 'none'/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cache-control']).toBeUndefined();
    expect(api.statusCode).toBe(200);
    expect(refused.statusCode).toBe(401);
    for (const answer of [api, refused]) {
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers['cache-control']).toBe('no-store');
    }
    // Swagger UI's page runs inline scripts: no content policy, but still never framed or cached.
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.headers['content-security-policy']).toBeUndefined();
    expect(docs.headers['cache-control']).toBe('no-store');
  });
});

describe('three admin roles (三权分立)', () => {
  it('refuses to give one account two admin roles, or an admin role with a business role', async () => {
    const admin = await t.login('admin');
    const both = await admin.post('/api/v1/users', {
      username: 'twohats',
      displayName: '兼任',
      password: 'Two#hats2026',
      roles: ['sysadmin', 'auditor'],
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/三权分立/);
    const mixed = await admin.post('/api/v1/users', {
      username: 'mixed',
      displayName: '混合',
      password: 'Mix#ed20261',
      roles: ['auditor', 'staff'],
    });
    expect(mixed.status).toBe(400);
  });

  it('lets only the security admin hand out admin roles, and only the auditor read the trail', async () => {
    const admin = await t.login('admin');
    const res = await admin.post('/api/v1/users', { username: 'aud', displayName: '审计员', password: 'Audit#or2026', roles: ['auditor'] });
    expect(res.status).toBe(403);
    expect((await admin.get('/api/v1/audit')).status).toBe(403);
    expect((await admin.get('/api/v1/roles')).status).toBe(403);
  });
});

describe('audit trail', () => {
  it('writes a row for each state change and keeps the chain verifiable', async () => {
    const before = await t.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const admin = await t.login('admin');
    await admin.post('/api/v1/users', { username: 'audited', displayName: '审计对象', password: 'Audit#ed2026', roles: ['member'] });
    const rows = await t.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('details', 'like', '%audited%')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].username).toBe('admin');
    const after = await t.ctx.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBeGreaterThan(Number(before.n));
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`update audit_log set action = 'forged'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('detects a forged row when verifying', async () => {
    const result = await verifyAuditChain(t.ctx.db);
    expect(result.ok).toBe(true);
    expect(result.rows).toBeGreaterThan(3);
  });
});

describe('errors', () => {
  it('answers an unknown API route with a Chinese 404', async () => {
    const res = await t.anonymous().get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/接口不存在/);
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/JSON/);
  });

  it('refuses a NUL character anywhere in the input with a 400 naming the field, and stores nothing', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/v1/users', {
      username: 'nuluser',
      displayName: '空\u0000字符',
      password: 'Nul#user2026',
      roles: ['member'],
    });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toBe('姓名：不能包含空字符（U+0000）');
    expect(await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'nuluser').executeTakeFirst()).toBeUndefined();
    const inList = await admin.post('/api/v1/users', {
      username: 'nuluser',
      displayName: '某',
      password: 'Nul#user2026',
      roles: ['member', 'a\u0000'],
    });
    expect(inList.body.error.message).toContain('角色（第 2 项）');
    const inQuery = await admin.get(`/api/v1/users?q=${encodeURIComponent('a\u0000b')}`);
    expect(inQuery.status).toBe(400);
  });

  it('keeps the first admin password from the environment', async () => {
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(200);
  });
});

describe('security admin and auditor', () => {
  const make = async (username: string, role: 'secadmin' | 'auditor') => {
    const { createUser } = await import('./users/users.service.js');
    await createUser(t.ctx, systemActor('test'), {
      username,
      displayName: username,
      password: 'Role#pass2026',
      roles: [role],
      mustChangePassword: false,
    });
    return t.login(username, 'Role#pass2026');
  };

  it('lets the security admin edit grants, but never give admin permissions to business roles', async () => {
    const sec = await make('sec1', 'secadmin');
    const matrix = await sec.get('/api/v1/roles');
    expect(matrix.status).toBe(200);
    expect(matrix.body.permissions.map((p: { code: string }) => p.code)).toContain('audit.read');
    const refused = await sec.put('/api/v1/roles/staff/permissions/audit.read', { scope: 'all' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/三权分立/);
    const ok = await sec.put('/api/v1/roles/public/permissions/notice.read', { scope: 'own' });
    expect(ok.status).toBe(200);
    const after = await sec.get('/api/v1/roles');
    expect(after.body.grants).toContainEqual({ role: 'public', permission: 'notice.read', scope: 'own' });
    const bad = await sec.put('/api/v1/roles/staff/permissions/no.such', { scope: 'all' });
    expect(bad.status).toBe(400);
  });

  it('applies a changed security policy to the next logins', async () => {
    const sec = await make('sec2', 'secadmin');
    const policy = (await sec.get('/api/v1/security-policy')).body;
    const invalid = await sec.put('/api/v1/security-policy', { ...policy, lockoutThreshold: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('lockoutThreshold');
    expect((await sec.put('/api/v1/security-policy', { ...policy, lockoutThreshold: 3 })).status).toBe(200);
    const admin = await t.login('admin');
    await admin.post('/api/v1/users', { username: 'three', displayName: '三次', password: 'Lock#after3x', roles: ['member'] });
    for (let i = 0; i < 3; i++) await t.anonymous().post('/api/v1/auth/login', { username: 'three', password: 'nope' });
    expect((await t.anonymous().post('/api/v1/auth/login', { username: 'three', password: 'Lock#after3x' })).status).toBe(423);
    await sec.put('/api/v1/security-policy', policy);
  });

  it('lets the auditor filter, export and verify the trail, and nothing else', async () => {
    const auditor = await make('aud1', 'auditor');
    const failures = await auditor.get('/api/v1/audit?action=auth.login&result=failure');
    expect(failures.status).toBe(200);
    expect(failures.body.items.length).toBeGreaterThan(0);
    expect(failures.body.items.every((r: { result: string }) => r.result === 'failure')).toBe(true);
    // The action is a prefix taken as written: LIKE's wildcards in it match only themselves.
    expect((await auditor.get('/api/v1/audit?action=auth_login')).body.total).toBe(0);
    expect((await auditor.get('/api/v1/audit?action=auth%25')).body.total).toBe(0);
    expect((await auditor.get('/api/v1/audit?action=AUTH.LOGIN&result=failure')).body.total).toBe(failures.body.total);
    const exported = await auditor.get('/api/v1/audit/export?action=user.');
    expect(exported.status).toBe(200);
    expect(String(exported.headers['content-type'])).toContain('spreadsheetml');
    expect((await auditor.get('/api/v1/audit/verify')).body.ok).toBe(true);
    expect((await auditor.get('/api/v1/users')).status).toBe(403);
    expect(
      (await auditor.post('/api/v1/users', { username: 'x1', displayName: 'x', password: 'Xx#12345678', roles: ['member'] })).status,
    ).toBe(403);
  });

  it('pages the trail newest first by user, object and kind, and counts up to 1,000 entries', async () => {
    const auditor = await make('aud2', 'auditor');
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1005; i++)
        await recordAudit(trx, t.ctx.dialect, systemActor('bulk_loader'), {
          action: 'bulk.probe',
          objectType: i % 2 ? 'probe_odd' : 'probe_even',
          objectId: `probe-${i % 5}`,
          details: { i },
        });
    });
    const numbers = (body: { items: { details: string }[] }) => body.items.map((r) => JSON.parse(r.details).i);
    const byUser = (await auditor.get('/api/v1/audit?username=bulk_loader&pageSize=3')).body;
    expect(numbers(byUser)).toEqual([1004, 1003, 1002]);
    expect(byUser).toMatchObject({ total: 1000, totalCapped: true });
    expect(numbers((await auditor.get('/api/v1/audit?username=bulk_loader&pageSize=3&page=2')).body)).toEqual([1001, 1000, 999]);
    const byObject = (await auditor.get('/api/v1/audit?objectId=probe-3&pageSize=3')).body;
    expect(numbers(byObject)).toEqual([1003, 998, 993]);
    expect(byObject).toMatchObject({ total: 201, totalCapped: false });
    const byKind = (await auditor.get('/api/v1/audit?objectType=probe_odd&objectId=probe-3&pageSize=2&page=2')).body;
    expect(numbers(byKind)).toEqual([983, 973]);
    expect(byKind.total).toBe(101);
    const seqs = (await auditor.get('/api/v1/audit?pageSize=50')).body.items.map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect((await auditor.get('/api/v1/audit?action=bulk.&pageSize=1')).body).toMatchObject({ total: 1000, totalCapped: true });
  });
});

describe('login rate limit', () => {
  it('refuses more login attempts per address and minute than the policy allows', async () => {
    const { DEFAULT_SECURITY_POLICY, putSetting } = await import('./settings/settings.service.js');
    await putSetting(t.ctx.db, 'security.policy', { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 5 });
    await t.ctx.db.deleteFrom('rateLimits').execute();
    // The window is a clock minute: hold the clock at the start of one so the attempts cannot straddle two.
    const minuteStart = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    vi.useFakeTimers({ toFake: ['Date'], now: minuteStart });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push((await t.anonymous().post('/api/v1/auth/login', { username: 'nobody', password: 'x' })).status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      const res = await t.anonymous().post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
      expect(res.status).toBe(429);
      expect(res.body.error.message).toMatch(/频繁/);
    } finally {
      vi.useRealTimers();
      await putSetting(t.ctx.db, 'security.policy', { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 1000 });
    }
  });
});

describe('second factor required by policy', () => {
  it('tells a user of a role that must use TOTP, until it is enabled', async () => {
    const { DEFAULT_SECURITY_POLICY, putSetting } = await import('./settings/settings.service.js');
    const admin = await t.login('admin');
    await admin.post('/api/v1/users', { username: 'leader2fa', displayName: '领导', password: 'Lead#er2fa2026', roles: ['leader'] });
    await putSetting(t.ctx.db, 'security.policy', {
      ...DEFAULT_SECURITY_POLICY,
      loginRatePerMinute: 1000,
      requireTotpForRoles: ['leader'],
    });
    const leader = await t.login('leader2fa', 'Lead#er2fa2026');
    expect((await leader.get('/api/v1/me')).body).toMatchObject({ totpRequired: true, totpEnabled: false });
    const setup = await leader.post('/api/v1/me/totp/setup');
    await leader.post('/api/v1/me/totp/enable', { totpCode: currentTotp(setup.body.secret) });
    expect((await leader.get('/api/v1/me')).body).toMatchObject({ totpRequired: true, totpEnabled: true });
    const refused = await leader.post('/api/v1/me/totp/disable', { password: 'Lead#er2fa2026' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/安全策略/);
    await putSetting(t.ctx.db, 'security.policy', { ...DEFAULT_SECURITY_POLICY, loginRatePerMinute: 1000 });
  });
});
