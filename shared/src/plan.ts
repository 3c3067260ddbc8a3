/** The annual work plan (工作要点): states, labels and the shapes the server and the web app share. */

export const PLAN_STATUSES = ['draft', 'active', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: '草稿', active: '执行中', archived: '已归档' };

export const PLAN_ITEM_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];
export const PLAN_ITEM_STATUS_LABELS: Record<PlanItemStatus, string> = { not_started: '未开始', in_progress: '推进中', done: '已完成' };

export const DEADLINE_CHANGE_STATUS_LABELS: Record<string, string> = { pending: '待审批', approved: '已同意', rejected: '未同意' };

/** What a name in the document is matched against. */
export type PlanNameKind = 'leader' | 'department' | 'organizer';
export type PlanTargetKind = 'member' | 'department' | 'committee' | 'sector';
export const PLAN_TARGET_KIND_LABELS: Record<PlanTargetKind, string> = {
  member: '领导',
  department: '部门',
  committee: '专委会',
  sector: '界别',
};

export interface PlanNameTarget {
  kind: PlanTargetKind;
  id: string;
  name: string;
}

/** One name of the document and what it was matched to; `candidates` are the closest when it was not. */
export interface PlanNameMatch {
  kind: PlanNameKind;
  name: string;
  /** How the name was matched: exact name, alias, a remembered mapping, or a group (各专委会工作室). */
  via: 'name' | 'alias' | 'mapping' | 'group' | null;
  targets: PlanNameTarget[];
  candidates: PlanNameTarget[];
}

/** The user's decision for an unmatched name: link it to an existing record, or keep it as text only. */
export interface PlanNameMapping {
  kind: PlanNameKind;
  name: string;
  action: 'map' | 'ignore';
  targetKind?: PlanTargetKind;
  recordId?: string;
  /** Remember the mapping for later imports (as an alias). */
  remember?: boolean;
}

export interface PlanDashboardRow {
  key: string;
  label: string;
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
}
