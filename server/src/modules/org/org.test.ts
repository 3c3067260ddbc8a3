import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { seedSmallOrg, type SmallOrg } from '../../../test/fixtures/org.js';
import { verifyAuditChain } from '../../platform/audit/audit.service.js';
import { committeeNamed, departmentsNamed } from './org.service.js';
import { compareByStrokes, strokeKey } from './member-names.js';
import { recomputeStrokeKeys } from './org.migrations.js';

let t: TestPlatform;
let o: SmallOrg;
beforeAll(async () => {
  t = await startTestPlatform();
  o = await seedSmallOrg(t);
});
afterAll(() => t?.close());

const auditRows = (action: string, objectId?: string) => {
  let q = t.ctx.db.selectFrom('auditLog').selectAll().where('action', '=', action);
  if (objectId) q = q.where('objectId', '=', objectId);
  return q.execute();
};

async function rosterFile(
  rows: (string | number | Date | null)[][],
  headers = [
    '姓名',
    '性别',
    '民族',
    '出生日期',
    '党派',
    '界别',
    '专委会',
    '是否常委',
    '工作单位',
    '职务',
    '手机',
    '电子邮箱',
    '街道活动小组',
  ],
) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('organisation records', () => {
  it('lets staff create, rename and delete a sector, audited, and refuses duplicates and deleting one in use', async () => {
    const staff = await o.login('officeStaff');
    const created = await staff.post('/api/v1/org/sectors', { name: '新闻出版界', sortOrder: 9 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '新闻出版界', sortOrder: 9 });
    const dup = await staff.post('/api/v1/org/sectors', { name: '新闻出版界' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('已存在');
    const renamed = await staff.patch(`/api/v1/org/sectors/${created.body.id}`, { name: '新闻出版界别' });
    expect(renamed.body.name).toBe('新闻出版界别');
    expect(await auditRows('org.sectors.update', created.body.id)).toHaveLength(1);

    const inUse = await staff.delete(`/api/v1/org/sectors/${o.sectors.economy}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.message).toMatch(/经济界.*1 个委员.*不能删除/);
    expect((await staff.delete(`/api/v1/org/sectors/${created.body.id}`)).status).toBe(200);
    expect((await staff.get(`/api/v1/org/sectors/${created.body.id}`)).status).toBe(404);
    expect(await auditRows('org.sectors.delete', created.body.id)).toHaveLength(1);
  });

  it('validates forms with Chinese messages naming the field, and refuses unknown fields', async () => {
    const admin = await o.login('sysadmin');
    const bad = await admin.post('/api/v1/org/units', { name: '区民政局', kind: 'government', contactEmail: 'nope', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('联系邮箱');
    expect(bad.body.error.message).toContain('extra');
    const plenary = await admin.post('/api/v1/org/plenaries', {
      termId: '01900000-0000-7000-8000-000000000000',
      number: 1,
      name: '第一次会议',
      startDate: '2021-02-30',
    });
    expect(plenary.status).toBe(400);
    expect(plenary.body.error.message).toMatch(/开始日期/);
  });

  it('keeps one current term, and refuses deleting a term with plenaries', async () => {
    const admin = await o.login('sysadmin');
    const term = await admin.post('/api/v1/org/terms', { name: '第十五届', number: 15, startDate: '2022-01-01', isCurrent: true });
    expect(term.status).toBe(201);
    const terms = await admin.get('/api/v1/org/terms');
    expect(terms.body.items.filter((x: any) => x.isCurrent === 1).map((x: any) => x.name)).toEqual(['第十五届']);
    const plenary = await admin.post('/api/v1/org/plenaries', {
      termId: term.body.id,
      number: 1,
      name: '政协第十五届第一次会议',
      startDate: '2022-01-05',
    });
    expect(plenary.status).toBe(201);
    expect(
      (await admin.post('/api/v1/org/plenaries', { termId: term.body.id, number: 1, name: '重复', startDate: '2022-01-05' })).status,
    ).toBe(409);
    const refused = await admin.delete(`/api/v1/org/terms/${term.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('全体会议');
    await admin.patch(`/api/v1/org/terms/${o.termId}`, { isCurrent: true });
  });

  it('resolves committee aliases and department groups for other modules', async () => {
    const admin = await o.login('sysadmin');
    await admin.patch(`/api/v1/org/committees/${o.committees.economy}`, { aliases: ['经济技术委员会'] });
    expect(await committeeNamed(t.ctx.db, '经济技术委员会')).toMatchObject({ id: o.committees.economy, name: '经济科技委员会' });
    const group = await admin.post('/api/v1/org/departmentGroups', {
      name: '各专委会办事机构',
      departmentIds: [o.departments.room1, o.departments.room4],
    });
    expect(group.status).toBe(201);
    expect(group.body.departmentNames).toEqual(['专委会工作一室', '专委会工作四室']);
    expect((await departmentsNamed(t.ctx.db, '各专委会办事机构')).map((d) => d.id).sort()).toEqual(
      [o.departments.room1, o.departments.room4].sort(),
    );
    const renamed = await admin.patch(`/api/v1/org/departmentGroups/${group.body.id}`, { aliases: ['专委会各室'] });
    expect(renamed.body).toMatchObject({ aliases: ['专委会各室'], departmentNames: ['专委会工作一室', '专委会工作四室'] });
    expect((await admin.patch(`/api/v1/org/departmentGroups/${group.body.id}`, {})).status).toBe(200);
    const inGroup = await admin.delete(`/api/v1/org/departments/${o.departments.room1}`);
    expect(inGroup.status).toBe(409);
  });

  it('refuses org writes to members and units, and org reads to the public', async () => {
    const member = await o.login('memberWang');
    expect((await member.post('/api/v1/org/sectors', { name: '宗教界' })).status).toBe(403);
    expect((await member.get('/api/v1/org/sectors')).status).toBe(200);
    const unit = await o.login('unitEducation');
    expect((await unit.delete(`/api/v1/org/sectors/${o.sectors.culture}`)).status).toBe(403);
    expect((await (await o.login('public')).get('/api/v1/members')).status).toBe(403);
  });

  it('exports a list to Excel, audited; a unit may not export', async () => {
    const staff = await o.login('officeStaff');
    const res = await staff.get('/api/v1/org/units/export');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const names = workbook.worksheets[0].getColumn(1).values.slice(2);
    expect(names).toContain('区教育委员会');
    expect(await auditRows('org.units.export')).toHaveLength(1);
    expect((await (await o.login('unitHealth')).get('/api/v1/org/units/export')).status).toBe(403);
  });
});

describe('members', () => {
  it('orders names as 姓氏笔画 lists do: stroke count, then 横竖撇点折 stroke by stroke, then the given name', () => {
    const sorted = (names: string[]) => [...names].sort(compareByStrokes);
    // Seven strokes each: first stroke 横 (杜 一丨丿㇏一丨一 before 李 一丨丿㇏乛亅一 at the fifth), 竖, 撇, 点, 折.
    expect(sorted(['张', '宋', '何', '吴', '李', '杜'])).toEqual(['杜', '李', '吴', '何', '宋', '张']);
    expect(sorted(['马', '万', '于', '丁'])).toEqual(['丁', '于', '万', '马']);
    expect(sorted(['孔', '方', '井', '王'])).toEqual(['王', '井', '方', '孔']);
    expect(sorted(['王震', '王芳', '王一'])).toEqual(['王一', '王芳', '王震']);
    // A rare character without stroke data goes by its stroke count: 龘 (48) after 龙 (5).
    expect(sorted(['龘', '龙'])).toEqual(['龙', '龘']);
  });

  it('recomputes the stroke keys of existing members in the migration', async () => {
    await t.ctx.db.updateTable('members').set({ strokeKey: 'stale' }).execute();
    await recomputeStrokeKeys(t.ctx.db as never);
    const rows = await t.ctx.db.selectFrom('members').select(['name', 'strokeKey']).execute();
    for (const row of rows) expect(row.strokeKey).toBe(strokeKey(row.name));
  });

  it('sorts by surname strokes by default and by pinyin on request', async () => {
    const staff = await o.login('officeStaff');
    const list = await staff.get('/api/v1/members?pageSize=50');
    expect(list.status).toBe(200);
    // Strokes: 王 4, then 李 宋 张 7 each (first stroke 横, 点, 折), then 赵 9.
    expect(list.body.items.map((m: any) => m.name)).toEqual(['王芳', '李铁生', '宋铁健', '张伟', '赵敏']);
    expect(list.body.total).toBe(5);
    const byPinyin = await staff.get('/api/v1/members?sort=pinyin');
    expect(byPinyin.body.items.map((m: any) => m.name)).toEqual(['李铁生', '宋铁健', '王芳', '张伟', '赵敏']);
    const page2 = await staff.get('/api/v1/members?pageSize=2&page=2');
    expect(page2.body.items.map((m: any) => m.name)).toEqual(['宋铁健', '张伟']);
  });

  it('finds a member by Chinese name, full pinyin and initials', async () => {
    const member = await o.login('memberZhang');
    for (const q of ['王芳', '芳', 'wangfang', 'WF', 'wf', 'fang']) {
      const res = await member.get(`/api/v1/members?q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((m: any) => m.name),
        q,
      ).toEqual(['王芳']);
    }
    expect((await member.get('/api/v1/members?q=tie')).body.items.map((m: any) => m.name)).toEqual(['李铁生', '宋铁健']);
  });

  it('filters by sector, standing, committee and term', async () => {
    const staff = await o.login('officeStaff');
    expect((await staff.get(`/api/v1/members?sectorId=${o.sectors.culture}`)).body.items.map((m: any) => m.name)).toEqual(['张伟']);
    expect((await staff.get('/api/v1/members?standing=1')).body.total).toBe(3);
    await staff.patch(`/api/v1/members/${o.members.zhao}`, {
      committees: [{ committeeId: o.committees.proposals, position: 'deputy_director' }],
    });
    const inCommittee = await staff.get(`/api/v1/members?committeeId=${o.committees.proposals}`);
    expect(inCommittee.body.items).toMatchObject([{ name: '赵敏', committees: [{ name: '提案委员会', position: 'deputy_director' }] }]);
    expect((await staff.get(`/api/v1/members?termId=${o.termId}`)).body.total).toBe(5);
    const roster = await staff.get(`/api/v1/org/committees/${o.committees.proposals}/members`);
    expect(roster.body.items).toMatchObject([{ name: '赵敏', position: 'deputy_director' }]);
    expect((await staff.get('/api/v1/members?standing=2')).status).toBe(400);
  });

  it('masks personal data in lists and detail; reveal is audited and needs the permission', async () => {
    const zhang = await o.login('memberZhang');
    const list = await zhang.get('/api/v1/members?q=wf');
    expect(list.body.items[0]).toMatchObject({ mobile: '138****0000', birthDate: '1970-**-**' });
    const detail = await zhang.get(`/api/v1/members/${o.members.wang}`);
    expect(detail.body).toMatchObject({
      mobile: '138****0000',
      personalMasked: true,
      canReveal: false,
      canEdit: false,
      canEditContact: false,
    });
    expect((await zhang.post(`/api/v1/members/${o.members.wang}/reveal`)).status).toBe(403);

    const own = await zhang.get(`/api/v1/members/${o.members.zhang}`);
    expect(own.body).toMatchObject({ mobile: '13800000000', personalMasked: false, canEditContact: true });

    const staff = await o.login('officeStaff');
    const staffDetail = await staff.get(`/api/v1/members/${o.members.wang}`);
    expect(staffDetail.body).toMatchObject({ mobile: '138****0000', canReveal: true });
    const revealed = await staff.post(`/api/v1/members/${o.members.wang}/reveal`);
    expect(revealed.body).toEqual({ mobile: '13800000000', email: null, birthDate: '1970-01-01' });
    const audit = await auditRows('member.personal.reveal', o.members.wang);
    expect(audit).toHaveLength(1);
    expect(audit[0].username).toBe('t_office');
    expect((await (await o.login('unitEducation')).post(`/api/v1/members/${o.members.wang}/reveal`)).status).toBe(403);
  });

  it('lets a member change their own contact details, audited, but not anyone else’s', async () => {
    const wang = await o.login('memberWang');
    const mine = await wang.patch(`/api/v1/members/${o.members.wang}/contact`, { mobile: '13911112222', email: 'wangfang@example.cn' });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ mobile: '13911112222', email: 'wangfang@example.cn' });
    const audit = await auditRows('member.contact.update', o.members.wang);
    expect(audit).toHaveLength(1);
    expect(audit[0].details).not.toContain('13911112222');
    const others = await wang.patch(`/api/v1/members/${o.members.zhang}/contact`, { mobile: '13911113333' });
    expect(others.status).toBe(403);
    expect((await wang.patch(`/api/v1/members/${o.members.zhang}`, { employer: '别人' })).status).toBe(403);
    const bad = await wang.patch(`/api/v1/members/${o.members.wang}/contact`, { mobile: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('手机号码');
    const staffView = await (await o.login('officeStaff')).get(`/api/v1/members?q=wf`);
    expect(staffView.body.items[0]).toMatchObject({ mobile: '139****2222', email: 'w***@example.cn' });
  });

  it('creates, updates and deletes a member with keys for strokes and pinyin kept current', async () => {
    const staff = await o.login('officeStaff');
    const created = await staff.post('/api/v1/members', {
      name: '丁一',
      gender: 'male',
      birthDate: '1980-05-06',
      sectorId: o.sectors.medicine,
      committees: [{ committeeId: o.committees.culture, position: 'director' }],
      isStandingMember: true,
      mobile: '13700001111',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '丁一',
      sectorName: '医药卫生界',
      committees: [{ name: '文史委员会', position: 'director' }],
      terms: [{ termId: o.termId }],
    });
    expect((await staff.get('/api/v1/members?pageSize=1')).body.items[0].name).toBe('丁一');
    const dup = await staff.post('/api/v1/members', {
      name: '丁一',
      gender: 'male',
      birthDate: '1980-05-06',
      sectorId: o.sectors.medicine,
    });
    expect(dup.status).toBe(409);
    const renamed = await staff.patch(`/api/v1/members/${created.body.id}`, { name: '龚一' });
    expect(renamed.body.name).toBe('龚一');
    expect((await staff.get('/api/v1/members?q=gy')).body.items.map((m: any) => m.name)).toEqual(['龚一']);
    const badRef = await staff.patch(`/api/v1/members/${created.body.id}`, { sectorId: '01900000-0000-7000-8000-000000000000' });
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toContain('界别');
    const withAccount = await staff.delete(`/api/v1/members/${o.members.wang}`);
    expect(withAccount.status).toBe(409);
    expect(withAccount.body.error.message).toContain('t_wang');
    expect((await staff.delete(`/api/v1/members/${created.body.id}`)).status).toBe(200);
    expect((await staff.get(`/api/v1/members/${created.body.id}`)).status).toBe(404);
    expect(await auditRows('member.delete', created.body.id)).toHaveLength(1);
  });

  it('exports the member list to Excel (audited); a unit cannot export', async () => {
    const staff = await o.login('officeStaff');
    const res = await staff.get('/api/v1/members/export');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.getRow(2).getCell(1).value).toBe('王芳');
    const audit = await auditRows('member.export');
    expect(audit.length).toBeGreaterThan(0);
    expect((await (await o.login('unitEducation')).get('/api/v1/members/export')).status).toBe(403);
    expect((await (await o.login('memberWang')).get('/api/v1/members/export')).status).toBe(403);
  });
});

describe('roster import', () => {
  it('offers a template with the Chinese headers', async () => {
    const staff = await o.login('officeStaff');
    const res = await staff.get('/api/v1/members/import/template');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(1).values).toEqual(
      expect.arrayContaining(['姓名', '性别', '出生日期', '界别', '专委会', '手机', '街道活动小组']),
    );
  });

  it('reports every bad row and column with the reason, and the confirm imports nothing while any row is bad', async () => {
    const staff = await o.login('officeStaff');
    await staff.post('/api/v1/org/parties', { name: '中国民主同盟' });
    const file = await rosterFile([
      [
        '周杰',
        '男',
        '汉族',
        '1975-03-02',
        '民盟',
        '经济界',
        '经济科技委员会（委员）',
        '否',
        '某公司',
        '总经理',
        '13612345678',
        'zj@example.com',
        '',
      ],
      ['吴倩', '女', '回族', '1982/13/40', '', '经济届', '', '是', '', '', '1361234', '', ''],
      ['周杰', '男', '', '', '', '医药卫生界', '经济委员会', '也许', '', '', '', 'bad-mail', ''],
      ['王芳', '', '', '1970-01-01', '', '', '', '', '', '', '', '', ''],
    ]);
    const preview = await staff.upload('/api/v1/members/import/preview', '名册.xlsx', file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 4, errorRows: 3, ok: false });
    const errorsOf = (row: number) =>
      Object.fromEntries(preview.body.rows.find((r: any) => r.row === row).errors.map((e: any) => [e.column, e.message]));
    expect(errorsOf(2)).toEqual({});
    expect(errorsOf(3)).toMatchObject({
      出生日期: expect.stringContaining('1982/13/40'),
      界别: expect.stringMatching(/经济届.*不存在.*是否为：经济界/),
      手机: expect.stringContaining('1361234'),
    });
    expect(errorsOf(4)).toMatchObject({
      姓名: '与第 2 行姓名重复',
      专委会: expect.stringMatching(/经济委员会.*经济科技委员会/),
      是否常委: expect.stringContaining('也许'),
      电子邮箱: expect.stringContaining('bad-mail'),
    });
    expect(errorsOf(5)).toMatchObject({ 姓名: '系统中已有同名且出生日期相同的委员', 性别: '性别必须填写', 界别: '界别必须填写' });

    const before = await staff.get('/api/v1/members');
    const refused = await staff.upload('/api/v1/members/import/confirm', '名册.xlsx', file);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('roster_invalid');
    expect(refused.body.error.message).toContain('未导入任何委员');
    expect((await staff.get('/api/v1/members')).body.total).toBe(before.body.total);
  });

  it('refuses control characters in a cell (PostgreSQL cannot store NUL), naming the row and column', async () => {
    const staff = await o.login('officeStaff');
    // The sheet's XML escapes a control character as _xHHHH_, which the reader turns back into it.
    const file = await rosterFile([['钱进', '男', '汉族', '', '', '经济界', '', '', '某_x0000_公司', '经理_x0007_', '', '', '']]);
    const preview = await staff.upload('/api/v1/members/import/preview', '名册.xlsx', file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 1, errorRows: 1, ok: false });
    expect(preview.body.rows[0].errors).toEqual([
      { column: '工作单位', message: '工作单位含有不可见的控制字符，请删除后重新填写' },
      { column: '职务', message: '职务含有不可见的控制字符，请删除后重新填写' },
    ]);
    const refused = await staff.upload('/api/v1/members/import/confirm', '名册.xlsx', file);
    expect(refused.status).toBe(400);
    expect((await staff.get(`/api/v1/members?q=${encodeURIComponent('钱进')}`)).body.total).toBe(0);
  });

  it('imports a clean roster in one go, audited, with committees, positions and the combined employer column', async () => {
    const staff = await o.login('officeStaff');
    const file = await rosterFile(
      [
        [
          '钱多多',
          '女',
          '满',
          new Date(Date.UTC(1978, 6, 9)),
          '民盟',
          '经济界',
          '经济科技委员会（副主任）、提案委员会',
          '是',
          '北京某某科技有限公司 董事长',
          '13512345678',
        ],
        ['孙立', '男', '', '1966年1月2日', '', '文化体育界', '', '', '', ''],
      ],
      ['姓名', '性别', '民族', '出生日期', '党派', '界别', '专委会', '是否常委', '工作单位及职务', '手机'],
    );
    const preview = await staff.upload('/api/v1/members/import/preview', 'ok.xlsx', file);
    expect(preview.body).toMatchObject({ ok: true, errorRows: 0, total: 2 });
    const done = await staff.upload('/api/v1/members/import/confirm', 'ok.xlsx', file);
    expect(done.status).toBe(201);
    expect(done.body).toEqual({ imported: 2 });
    const qian = (await staff.get('/api/v1/members?q=qdd')).body.items[0];
    expect(qian).toMatchObject({
      name: '钱多多',
      ethnicity: '满族',
      partyName: '中国民主同盟',
      isStandingMember: 1,
      employer: '北京某某科技有限公司 董事长',
      committees: [
        { name: '经济科技委员会', position: 'deputy_director' },
        { name: '提案委员会', position: 'member' },
      ],
    });
    const sun = await staff.post(`/api/v1/members/${(await staff.get('/api/v1/members?q=sunli')).body.items[0].id}/reveal`);
    expect(sun.body.birthDate).toBe('1966-01-02');
    const audit = await auditRows('member.import');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details!)).toMatchObject({ count: 2 });
    const again = await staff.upload('/api/v1/members/import/preview', 'ok.xlsx', file);
    expect(again.body.errorRows).toBe(2);
  });

  it('refuses a file that is not a roster, and a member may not import', async () => {
    const staff = await o.login('officeStaff');
    const notXlsx = await staff.upload('/api/v1/members/import/preview', 'x.xlsx', Buffer.from('姓名,性别'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.message).toContain('.xlsx');
    const noHeader = await staff.upload('/api/v1/members/import/preview', 'x.xlsx', await rosterFile([['甲乙', '男']], ['名字', '性别']));
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.message).toMatch(/缺少必需的列：姓名、界别/);
    expect((await (await o.login('memberWang')).upload('/api/v1/members/import/preview', 'x.xlsx', await rosterFile([]))).status).toBe(403);
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
  });
});
