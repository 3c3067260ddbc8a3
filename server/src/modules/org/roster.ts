import ExcelJS from 'exceljs';
import { ROSTER_COLUMNS, type CommitteePosition, type Gender, type RosterColumn } from '@xieshang/shared';
import { badRequest } from '../../platform/errors.js';
import { isRealDate } from './org.entities.js';

/** The 56 ethnic groups of China, as written in a roster. */
const ETHNICITIES =
  '汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族'.split(
    ' ',
  );

/** Short names of parties and groups as commonly written in rosters. */
const PARTY_SHORT_NAMES: Record<string, string[]> = {
  中共: ['中国共产党', '中共党员'],
  中共党员: ['中国共产党'],
  民革: ['中国国民党革命委员会'],
  民盟: ['中国民主同盟'],
  民建: ['中国民主建国会'],
  民进: ['中国民主促进会'],
  农工党: ['中国农工民主党'],
  致公党: ['中国致公党'],
  台盟: ['台湾民主自治同盟'],
  无党派: ['无党派人士', '无党派民主人士'],
  群众: ['无党派人士', '无党派民主人士'],
};

const MAX_ROWS = 3000;

export interface RosterIssue {
  column: RosterColumn | '文件';
  message: string;
}

export interface RosterRow {
  /** Row number in the workbook (the header is row 1). */
  row: number;
  values: Partial<Record<RosterColumn, string>>;
  errors: RosterIssue[];
}

/** What a clean row imports. */
export interface RosterMember {
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string | null;
  partyId: string | null;
  sectorId: string;
  committees: { committeeId: string; position: CommitteePosition }[];
  isStandingMember: 0 | 1;
  employer: string | null;
  jobTitle: string | null;
  mobile: string | null;
  email: string | null;
  streetGroupId: string | null;
}

export interface RosterLookups {
  sectors: { id: string; name: string }[];
  parties: { id: string; name: string }[];
  committees: { id: string; name: string; shortName: string | null; aliases: string }[];
  streetGroups: { id: string; name: string; street: string | null }[];
  /** Members already in the database with the names found in the file. */
  existing: { name: string; birthDate: string | null }[];
}

const POSITIONS: Record<string, CommitteePosition> = { 主任: 'director', 副主任: 'deputy_director', 委员: 'member', 成员: 'member' };

/** Reads the first worksheet: the header row names the columns (any order), each later non-empty row is a member. */
export async function readRoster(data: Buffer): Promise<{ rows: RosterRow[]; columns: RosterColumn[] }> {
  if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) throw badRequest('文件格式不正确：请上传 Excel（.xlsx）文件');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw badRequest('文件无法读取：请上传由 Excel 或 WPS 保存的 .xlsx 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badRequest('文件中没有工作表');
  const known = new Set<string>([...ROSTER_COLUMNS, '工作单位及职务']);
  const byIndex = new Map<number, RosterColumn>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).replace(/\s+/g, '').replace(/[*＊]/g, '');
    if (known.has(header)) byIndex.set(col, header as RosterColumn);
  });
  const columns = [...byIndex.values()];
  const missing = (['姓名', '性别', '界别'] as const).filter((c) => !columns.includes(c));
  if (missing.length) throw badRequest(`表头缺少必需的列：${missing.join('、')}（请使用系统提供的名册模板）`);
  const rows: RosterRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Partial<Record<RosterColumn, string>> = {};
    for (const [col, header] of byIndex) {
      const cell = row.getCell(col);
      const text = header === '出生日期' ? dateCellText(cell.value) : cellText(cell.value);
      if (text) values[header] = text;
    }
    if (Object.keys(values).length) rows.push({ row: rowNumber, values, errors: [] });
  });
  if (rows.length === 0) throw badRequest('名册中没有委员数据（第 2 行起填写）');
  if (rows.length > MAX_ROWS) throw badRequest(`一次最多导入 ${MAX_ROWS} 名委员，请分批导入`);
  return { rows, columns };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

/** Dates arrive as Date cells, as Excel serial numbers, or as text in several common spellings. */
function dateCellText(value: ExcelJS.CellValue): string {
  if (typeof value === 'number' && value > 1000 && value < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  return cellText(value);
}

export function normaliseDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** Names in the database closest to what was written, for "是否为…" hints. */
export function closest(written: string, names: string[], limit = 3): string[] {
  const chars = new Set(written);
  return names
    .map((name) => {
      const shared = [...new Set(name)].filter((c) => chars.has(c)).length;
      const contains = name.includes(written) || written.includes(name) ? 1 : 0;
      return { name, score: contains + (2 * shared) / (chars.size + new Set(name).size) };
    })
    .filter((x) => x.score >= 0.4)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh'))
    .slice(0, limit)
    .map((x) => x.name);
}

function unknownName(kind: string, written: string, names: string[]): string {
  const hints = closest(written, names);
  return hints.length
    ? `${kind}「${written}」不存在，是否为：${hints.join('、')}`
    : `${kind}「${written}」不存在，请先在组织机构中添加或改为已有名称`;
}

const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Validates every row and reports each bad column with its reason; the clean rows carry what to import. */
export function validateRoster(rows: RosterRow[], lookups: RosterLookups): { rows: RosterRow[]; members: (RosterMember | null)[] } {
  const firstRowOfName = new Map<string, number>();
  const existing = new Set(lookups.existing.map((m) => `${m.name}|${m.birthDate ?? ''}`));
  const members = rows.map((row) => {
    const v = row.values;
    const fail = (column: RosterColumn, message: string) => row.errors.push({ column, message });
    // A cell can carry control characters (an `_x0000_` escape in the sheet's XML); PostgreSQL refuses NUL.
    for (const [column, text] of Object.entries(v) as [RosterColumn, string][])
      if (CONTROL_CHARACTER.test(text)) fail(column, `${column}含有不可见的控制字符，请删除后重新填写`);

    const name = (v['姓名'] ?? '').replace(/\s+/g, '');
    if (!name) fail('姓名', '姓名必须填写');
    else if (!/^[\u3400-\u9fff·]{2,20}$/.test(name)) fail('姓名', '姓名应为 2 至 20 个汉字');
    else {
      const first = firstRowOfName.get(name);
      if (first !== undefined) fail('姓名', `与第 ${first} 行姓名重复`);
      else firstRowOfName.set(name, row.row);
    }

    const genderText = v['性别'];
    const gender: Gender | null = genderText === '男' ? 'male' : genderText === '女' ? 'female' : null;
    if (!genderText) fail('性别', '性别必须填写');
    else if (!gender) fail('性别', `性别「${genderText}」无效，应填“男”或“女”`);

    let ethnicity = v['民族'] ?? '汉族';
    if (!ethnicity.endsWith('族') && ETHNICITIES.includes(`${ethnicity}族`)) ethnicity = `${ethnicity}族`;
    if (!ETHNICITIES.includes(ethnicity)) fail('民族', `民族「${ethnicity}」不是 56 个民族之一`);

    let birthDate: string | null = null;
    if (v['出生日期']) {
      birthDate = normaliseDate(v['出生日期']);
      if (!birthDate) fail('出生日期', `出生日期「${v['出生日期']}」无效，应为 1970-01-31 这样的日期`);
      else if (birthDate < '1900-01-01' || birthDate > new Date().toISOString().slice(0, 10)) {
        fail('出生日期', `出生日期「${birthDate}」不在合理范围内`);
        birthDate = null;
      }
    }
    if (name && existing.has(`${name}|${birthDate ?? ''}`)) fail('姓名', '系统中已有同名且出生日期相同的委员');

    let partyId: string | null = null;
    if (v['党派']) {
      const written = v['党派'];
      const candidates = [written, ...(PARTY_SHORT_NAMES[written] ?? [])];
      const party = lookups.parties.find((p) => candidates.includes(p.name));
      if (party) partyId = party.id;
      else
        fail(
          '党派',
          unknownName(
            '党派',
            written,
            lookups.parties.map((p) => p.name),
          ),
        );
    }

    let sectorId = '';
    if (!v['界别']) fail('界别', '界别必须填写');
    else {
      const sector = lookups.sectors.find((s) => s.name === v['界别']);
      if (sector) sectorId = sector.id;
      else
        fail(
          '界别',
          unknownName(
            '界别',
            v['界别'],
            lookups.sectors.map((s) => s.name),
          ),
        );
    }

    const committees: RosterMember['committees'] = [];
    for (const part of (v['专委会'] ?? '').split(/[、,，;；\n]/)) {
      const m = /^(.+?)\s*(?:[（(](主任|副主任|委员|成员)[)）])?$/.exec(part.trim());
      if (!m) continue;
      const written = m[1].trim();
      const committee = lookups.committees.find(
        (c) => c.name === written || c.shortName === written || (JSON.parse(c.aliases) as string[]).includes(written),
      );
      if (!committee) {
        fail(
          '专委会',
          unknownName(
            '专委会',
            written,
            lookups.committees.map((c) => c.name),
          ),
        );
      } else if (committees.some((c) => c.committeeId === committee.id)) {
        fail('专委会', `专委会「${committee.name}」重复填写`);
      } else committees.push({ committeeId: committee.id, position: POSITIONS[m[2] ?? '委员'] });
    }

    const standingText = v['是否常委'] ?? '否';
    const isStandingMember = ['是', '常委', 'Y', 'y', '1'].includes(standingText)
      ? 1
      : ['否', 'N', 'n', '0', ''].includes(standingText)
        ? 0
        : null;
    if (isStandingMember === null) fail('是否常委', `是否常委「${standingText}」无效，应填“是”或“否”`);

    let employer = v['工作单位'] ?? null;
    let jobTitle = v['职务'] ?? null;
    if (!employer && !jobTitle && v['工作单位及职务']) employer = v['工作单位及职务'];
    if (employer && employer.length > 100) fail(v['工作单位'] ? '工作单位' : '工作单位及职务', '不能超过 100 个字符');
    if (jobTitle && jobTitle.length > 60) fail('职务', '不能超过 60 个字符');
    if (employer === '') employer = null;
    if (jobTitle === '') jobTitle = null;

    const mobile = v['手机']?.replace(/[\s-]/g, '') || null;
    if (mobile && !/^1[3-9]\d{9}$/.test(mobile)) fail('手机', `手机号码「${v['手机']}」无效，应为 11 位数字的手机号`);

    const email = v['电子邮箱'] || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('电子邮箱', `电子邮箱「${email}」格式不正确`);

    let streetGroupId: string | null = null;
    if (v['街道活动小组']) {
      const written = v['街道活动小组'];
      const group = lookups.streetGroups.find((g) => g.name === written || g.street === written);
      if (group) streetGroupId = group.id;
      else
        fail(
          '街道活动小组',
          unknownName(
            '街道活动小组',
            written,
            lookups.streetGroups.map((g) => g.name),
          ),
        );
    }

    if (row.errors.length) return null;
    return {
      name,
      gender: gender!,
      ethnicity,
      birthDate,
      partyId,
      sectorId,
      committees,
      isStandingMember: isStandingMember!,
      employer,
      jobTitle,
      mobile,
      email,
      streetGroupId,
    } satisfies RosterMember;
  });
  return { rows, members };
}

/** The template: the header row, and a sheet that explains each column. */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '协商 政协履职服务管理平台';
  const sheet = workbook.addWorksheet('委员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((header) => ({ header, width: header === '工作单位' || header === '专委会' ? 30 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(11).numFmt = '@';
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 16 },
    { header: '说明', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  const notes: [string, string][] = [
    ['姓名', '必填，2 至 20 个汉字；同一文件中不得重复'],
    ['性别', '必填，男或女'],
    ['民族', '选填，默认汉族'],
    ['出生日期', '选填，如 1970-01-31；系统中已有同名且出生日期相同的委员时不能导入'],
    ['党派', '选填，如 中国共产党、民革、民盟、无党派人士（须为系统中已有的党派团体）'],
    ['界别', '必填，须为系统中已有的界别'],
    ['专委会', '选填，多个用“、”分隔，职务写在括号中，如 经济科技委员会（副主任）、提案委员会'],
    ['是否常委', '选填，是或否，默认否'],
    ['工作单位、职务', '选填；也可合并为一列“工作单位及职务”'],
    ['手机', '选填，11 位手机号码'],
    ['电子邮箱', '选填'],
    ['街道活动小组', '选填，可写小组名称或所在街道'],
  ];
  for (const n of notes) help.addRow(n);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
