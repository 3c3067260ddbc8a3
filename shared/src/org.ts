/** Labels and constants of the organisation (org) module, shared by server and web. */

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const COMMITTEE_POSITIONS = ['director', 'deputy_director', 'member'] as const;
export type CommitteePosition = (typeof COMMITTEE_POSITIONS)[number];
export const COMMITTEE_POSITION_LABELS: Record<CommitteePosition, string> = { director: '主任', deputy_director: '副主任', member: '委员' };

export const DEPARTMENT_KINDS = ['office', 'party_organ', 'committee_office', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  office: '办事机构',
  party_organ: '党的组织',
  committee_office: '专委会办事机构',
  other: '其他',
};

export const UNIT_KINDS = ['government', 'party', 'court', 'enterprise', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '政府部门',
  party: '党委部门',
  court: '司法机关',
  enterprise: '企事业单位',
  other: '其他',
};

export const MEMBER_STATUSES = ['active', 'inactive'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { active: '在任', inactive: '已离任' };

export const MEMBER_SORTS = ['strokes', 'pinyin', 'birthDate', 'createdAt'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBER_SORT_LABELS: Record<MemberSort, string> = {
  strokes: '姓氏笔画',
  pinyin: '拼音',
  birthDate: '出生日期',
  createdAt: '录入时间',
};

/** Columns of the roster (委员名册) workbook, in template order. 工作单位及职务 may replace 工作单位 + 职务. */
export const ROSTER_COLUMNS = [
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
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number] | '工作单位及职务';

/** The kinds of organisation records with a list/create/update/delete API under /api/v1/org/{kind}. */
export const ORG_KINDS = [
  'terms',
  'plenaries',
  'sectors',
  'parties',
  'committees',
  'departments',
  'departmentGroups',
  'streetGroups',
  'studios',
  'units',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  terms: '届次',
  plenaries: '全体会议',
  sectors: '界别',
  parties: '党派团体',
  committees: '专委会',
  departments: '机关部门',
  departmentGroups: '部门组',
  streetGroups: '街道活动小组',
  studios: '委员工作室',
  units: '承办单位',
};
