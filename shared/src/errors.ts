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
  situation: '情况',
  analysis: '分析',
  suggestions: '建议',
  coSignerIds: '联名人',
  ground: '不予立案理由',
  targetId: '并入提案',
  assignments: '承办单位',
  dueDate: '办理时限',
  classification: '答复类别',
  satisfaction: '满意度评价',
  convertTo: '转为',
  link: '关联链接',
  approve: '审核结果',
  session: '提案类型',
  collectiveOrgType: '集体提案名义',
  collectiveOrgId: '提案单位',
  plenaryId: '会议',
  isKey: '是否重点提案',
  keyYear: '重点提案年度',
  supervisorMemberId: '督办领导',
  isPublic: '是否公开',
  isExcellent: '是否优秀提案',
  excludeId: '排除的提案',
  objectionDays: '申退期限（天）',
  replyMonths: '答复期限（月）',
  cosignDays: '联名确认期限（天）',
  officeReview: '答复须经审核',
  officeDepartmentId: '提案工作部门',
  mine: '仅本人',
  overdue: '仅超期',
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
  number: '序号',
  isCurrent: '是否本届',
  shortName: '简称',
  aliases: '别名',
  kind: '类型',
  description: '内容',
  points: '积分',
  cap: '年度上限',
  threshold: '达标分数线',
  sortOrder: '排序号',
  street: '所在街道',
  address: '地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '联系邮箱',
  isStandingMember: '是否常委',
  isLeader: '是否主席会议成员',
  leaderTitle: '领导职务',
  committees: '专委会',
  position: '专委会职务',
  termIds: '届次',
  departmentGroupIds: '部门组',
  standing: '是否常委',
  checkinCode: '签到码',
  startsAt: '开始时间',
  endsAt: '结束时间',
  place: '地点',
  agenda: '议程',
  capacity: '人数上限',
  typeId: '活动类型',
  planEntryId: '年度计划条目',
  organizerCommitteeId: '组织专委会',
  organizerDepartmentId: '组织部门',
  checkinOpensBefore: '提前签到分钟数',
  lateAfter: '迟到判定分钟数',
  committeeIds: '专委会',
  sectorIds: '界别',
  streetGroupIds: '街道活动小组',
  memberIds: '委员',
  standingMembers: '常委',
  attendance: '出勤情况',
  minutes: '会议纪要',
  summary: '报告正文',
  recommendations: '建议',
  recipient: '报送对象',
  respondedBy: '答复单位',
  respondedOn: '答复日期',
  fileIds: '附件',
  subcategory: '子类别',
  no: '序号',
  organizerNames: '组织单位',
  periodText: '计划时间',
  periodFrom: '计划开始日期',
  periodTo: '计划结束日期',
  memberA: '委员甲',
  memberB: '委员乙',
  from: '开始日期',
  to: '结束日期',
  text: '进展情况',
  finalReport: '完成情况报告',
  mappings: '名称对应',
  plan: '工作要点',
  sections: '部分',
  items: '条目',
  leaders: '责任领导',
  departments: '主责部门',
  activities: '活动安排',
  organizers: '承办单位',
  period: '时间',
  sourceFileName: '文件名',
  replaceDraft: '替换草稿',
  documentNumber: '文号',
  adoptedOn: '通过日期',
  planId: '工作要点',
  sectionId: '部分',
  leaderId: '责任领导',
  month: '月份',
  targetKind: '对应类别',
  recordId: '对应记录',
  remember: '是否记住',
  enabled: '是否开启',
  daysBefore: '到期前提醒天数',
  overdueEveryDays: '逾期提醒间隔（天）',
  coAuthorIds: '联名委员',
  source: '信息来源',
  sourceOrgId: '来源党派团体或界别',
  sourceName: '信息员姓名',
  level: '层级',
  outlet: '采用刊物',
  target: '报送对象',
  leaderName: '批示领导',
  issueDate: '印发日期',
  reportIds: '社情民意信息',
  audience: '发送范围',
  groups: '接收人类别',
  read: '阅读情况',
  unread: '只看未读',
};

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

export function fieldLabel(path: readonly PropertyKey[]): string {
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
    (
      { string: '文本', number: '数字', int: '整数', boolean: '是/否', array: '列表', object: '对象', date: '日期' } as Record<
        string,
        string
      >
    )[expected] ?? expected
  );
}

function formatName(format: string): string {
  return (
    (
      {
        email: '电子邮箱格式不正确',
        uuid: '编号格式不正确',
        date: '日期格式应为 YYYY-MM-DD',
        datetime: '时间格式不正确',
        regex: '格式不正确',
      } as Record<string, string>
    )[format] ?? '格式不正确'
  );
}

/** Turns zod issues into field-named Chinese messages. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], location?: string): FieldIssue[] {
  return issues.map((issue) => {
    const field = fieldPath(issue.path);
    const label = issue.code === 'unrecognized_keys' && issue.path.length === 0 ? (location ?? '请求') : fieldLabel(issue.path);
    return { field, label, message: `${label}：${describe(issue)}` };
  });
}
