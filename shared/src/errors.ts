import type { z } from 'zod';

/** The error body of every 4xx/5xx answer (DESIGN §4). */
export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

export interface FieldIssue {
  field: string;
  label: string;
  message: string;
}

/** Chinese names of request fields, so that an error names the field the way a user knows it. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  totpCode: '动态验证码',
  code: '代码',
  name: '名称',
  displayName: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  mobile: '手机号码',
  email: '电子邮箱',
  employer: '工作单位',
  jobTitle: '职务',
  sectorId: '界别',
  partyId: '党派',
  streetGroupId: '街道活动小组',
  studioId: '委员工作室',
  committeeId: '专委会',
  departmentId: '部门',
  departmentIds: '部门',
  unitId: '承办单位',
  memberId: '委员',
  termId: '届次',
  roles: '角色',
  role: '角色',
  scope: '数据范围',
  permission: '权限',
  title: '标题',
  content: '内容',
  body: '正文',
  comment: '意见',
  subject: '案由',
  category: '类别',
  year: '年度',
  startDate: '开始日期',
  endDate: '结束日期',
  date: '日期',
  deadline: '完成时限',
  percent: '完成进度',
  page: '页码',
  pageSize: '每页条数',
  q: '搜索词',
  sort: '排序',
  status: '状态',
  reason: '理由',
};

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

function fieldLabel(path: readonly PropertyKey[]): string {
  const named = [...path].reverse().find((p) => typeof p === 'string');
  const label = typeof named === 'string' ? (FIELD_LABELS[named] ?? named) : '请求';
  const index = path.find((p) => typeof p === 'number');
  return typeof index === 'number' ? `${label}（第 ${index + 1} 项）` : label;
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '必须填写' : `格式不正确，应为${typeName(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${issue.minimum} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少选择 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return `取值无效，可选：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return formatName(issue.format);
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message;
  }
}

function typeName(expected: string): string {
  return (
    { string: '文本', number: '数字', int: '整数', boolean: '是/否', array: '列表', object: '对象', date: '日期' } as Record<
      string,
      string
    >
  )[expected] ?? expected;
}

function formatName(format: string): string {
  return (
    {
      email: '电子邮箱格式不正确',
      uuid: '编号格式不正确',
      date: '日期格式应为 YYYY-MM-DD',
      datetime: '时间格式不正确',
      regex: '格式不正确',
    } as Record<string, string>
  )[format] ?? '格式不正确';
}

/** Turns zod issues into field-named Chinese messages. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], location?: string): FieldIssue[] {
  return issues.map((issue) => {
    const field = fieldPath(issue.path);
    const label = issue.code === 'unrecognized_keys' && issue.path.length === 0 ? (location ?? '请求') : fieldLabel(issue.path);
    return { field, label, message: `${label}：${describe(issue)}` };
  });
}
