/** Proposals (提案): the states, kinds and labels both sides use. */

export const PROPOSAL_STATES = {
  draft: '草稿',
  awaiting_cosigners: '待联名确认',
  submitted: '待审查',
  returned: '退回修改',
  withdrawn: '已撤回',
  declined: '不予立案',
  merged: '已并案',
  converted: '已转处理',
  registered: '已立案待交办',
  assigned: '办理中',
  objected: '申退待处理',
  reply_review: '答复待审核',
  replied: '已答复待评价',
  evaluated: '已评价',
  rehandling: '重新办理',
  closed: '已办结',
} as const;
export type ProposalState = keyof typeof PROPOSAL_STATES;

export const PROPOSAL_KINDS = { individual: '个人提案', joint: '联名提案', collective: '集体提案' } as const;
export type ProposalKind = keyof typeof PROPOSAL_KINDS;

/** 大会提案 or 平时提案 (between sessions); both are numbered in one sequence per term. */
export const PROPOSAL_SESSIONS = { plenary: '大会提案', interim: '平时提案' } as const;
export type ProposalSession = keyof typeof PROPOSAL_SESSIONS;

export const COLLECTIVE_ORG_TYPES = { party: '党派团体', sector: '界别', committee: '专门委员会' } as const;
export type CollectiveOrgType = keyof typeof COLLECTIVE_ORG_TYPES;

export const ASSIGNMENT_ROLES = { lead: '主办', joint: '会办', separate: '分办' } as const;
export type AssignmentRole = keyof typeof ASSIGNMENT_ROLES;

export const REPLY_CLASSES = { A: 'A类（已解决或采纳）', B: 'B类（正在解决或列入计划）', C: 'C类（留作参考）' } as const;
export type ReplyClass = keyof typeof REPLY_CLASSES;

export const SATISFACTION = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;
export type Satisfaction = keyof typeof SATISFACTION;

export const CONVERT_TARGETS = { opinion: '社情民意信息', member_letter: '委员来信' } as const;
export type ConvertTarget = keyof typeof CONVERT_TARGETS;

export const CONFIRM_STATES = { confirmed: '已确认', pending: '待确认', refused: '已拒绝', expired: '逾期未确认' } as const;

export const DEFAULT_PROPOSAL_CATEGORIES = ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设', '其他'] as const;

/** 不予立案 grounds of the proposal work regulations (提案工作条例). */
export const DECLINE_GROUNDS = [
  '涉及党和国家秘密的',
  '属于国家法律、法规明令禁止的',
  '涉及党政机关内部人事安排的',
  '属于民主党派和人民团体内部事务的',
  '属于司法机关正在审理或仲裁机构正在仲裁的案件的',
  '属于学术性探讨的',
  '属于个人或家庭问题的',
  '为宣传推介具体产品、作品或企业的',
  '对具体人员进行指责的',
  '没有具体建议或建议不明确的',
] as const;

export const PROPOSAL_SUBJECT_MAX = 50;
