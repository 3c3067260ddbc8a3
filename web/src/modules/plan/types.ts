import type { PlanDashboardRow, PlanItemStatus, PlanNameMatch, PlanStatus } from '@xieshang/shared';

export interface Named {
  id: string;
  name: string;
}

export interface PlanSummary {
  id: string;
  year: number;
  title: string;
  status: PlanStatus;
  documentNumber: string | null;
  adoptedOn: string | null;
  itemCount: number;
  doneCount: number;
  overdueCount: number;
}

/** A row of the item list (`/api/v1/plan-items`). */
export interface PlanItemSummary {
  id: string;
  planId: string;
  planYear: number;
  sectionId: string;
  sectionNo: number;
  no: number;
  content: string;
  leaderText: string;
  departmentText: string;
  deadlineText: string | null;
  deadlineDate: string | null;
  status: PlanItemStatus;
  statusLabel: string;
  percent: number;
  overdue: boolean;
  lastProgressAt: string | null;
}

/** An item whole, as a plan's page and the item's page show it. */
export interface PlanItem extends PlanItemSummary {
  sectionTitle: string;
  leaders: Named[];
  departments: Named[];
  finalReport: string | null;
}

export interface AllowedAction {
  action: string;
  label: string;
}

export interface PlanDetail extends PlanSummary {
  allowedActions: AllowedAction[];
  leaders: Named[];
  departments: Named[];
  sections: { id: string; no: number; title: string; items: PlanItem[] }[];
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
}

export interface PlanItemDetail extends PlanItem {
  allowedActions: AllowedAction[];
  carriedFrom: { id: string; year: number; no: number } | null;
  history: {
    id: string;
    action: string;
    actionLabel: string;
    fromLabel: string;
    toLabel: string;
    actorName: string | null;
    comment: string | null;
    at: string;
  }[];
  progress: {
    id: string;
    kind: 'progress' | 'final';
    text: string;
    percent: number;
    authorName: string;
    createdAt: string;
    attachments: Attachment[];
  }[];
  comments: { id: string; kind: 'supervision' | 'update_request'; text: string; authorName: string; createdAt: string }[];
  deadlineChanges: {
    id: string;
    requestedDate: string;
    previousDate: string | null;
    reason: string;
    status: string;
    requestedByName: string;
    decidedByName: string | null;
    decisionComment: string | null;
    createdAt: string;
  }[];
}

export interface DraftItem {
  no: number;
  content: string;
  leaders: string[];
  departments: string[];
  deadline: { text: string; date: string | null } | null;
}

export interface PlanDraft {
  title: string;
  year: number | null;
  documentNumber: string | null;
  adoptedOn: string | null;
  sections: { no: number; title: string; items: DraftItem[] }[];
  activities: {
    category: string;
    subcategory: string | null;
    no: number;
    title: string;
    organizers: string[];
    period: { text: string; from: string | null; to: string | null } | null;
  }[];
}

export interface ImportPreview {
  plan: PlanDraft;
  warnings: { line: number; message: string }[];
  names: PlanNameMatch[];
  unmatched: number;
  existingPlans: { id: string; status: PlanStatus; title: string }[];
  counts: { sections: number; items: number; activities: number };
  options: Record<'member' | 'department' | 'committee' | 'sector', Named[]>;
  sourceFileName: string | null;
}

export interface Dashboard {
  plan: { id: string; year: number; title: string };
  today: string;
  totals: PlanDashboardRow;
  byDepartment: PlanDashboardRow[];
  bySection: PlanDashboardRow[];
  byMonth: PlanDashboardRow[];
  overdueItems: {
    id: string;
    no: number;
    content: string;
    deadlineText: string | null;
    departments: Named[];
    leaders: Named[];
    percent: number;
  }[];
}
