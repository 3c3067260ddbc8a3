import type { PlanItemStatus, PlanStatus } from '@xieshang/shared';

/** Tables owned by the plan module (工作要点). */
export interface PlanTables {
  plans: {
    id: string;
    year: number;
    title: string;
    documentNumber: string | null;
    adoptedOn: string | null;
    status: PlanStatus;
    sourceFileName: string | null;
    /** The plan whose unfinished items this one carried over. */
    previousPlanId: string | null;
    createdBy: string | null;
    createdAt: string;
    updatedAt: string;
  };
  planSections: { id: string; planId: string; no: number; title: string; sortOrder: number };
  planItems: {
    id: string;
    planId: string;
    sectionId: string;
    no: number;
    content: string;
    /** 责任领导 and 主责部门 as written in the document, kept beside the resolved links. */
    leaderText: string;
    departmentText: string;
    deadlineText: string | null;
    deadlineDate: string | null;
    status: PlanItemStatus;
    percent: number;
    sortOrder: number;
    /** The previous year's item this one continues. */
    carriedFromItemId: string | null;
    finalReport: string | null;
    completedAt: string | null;
    lastProgressAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
  planItemLeaders: { itemId: string; memberId: string; sortOrder: number };
  planItemDepartments: { itemId: string; departmentId: string; sortOrder: number };
  planProgressReports: {
    id: string;
    itemId: string;
    /** progress: 进展报告; final: 完成报告. */
    kind: 'progress' | 'final';
    text: string;
    percent: number;
    authorId: string | null;
    authorName: string;
    createdAt: string;
  };
  /** 督办意见 and requests for an update, both written by leaders. */
  planComments: {
    id: string;
    itemId: string;
    kind: 'supervision' | 'update_request';
    text: string;
    authorId: string | null;
    authorName: string;
    createdAt: string;
  };
  planDeadlineChanges: {
    id: string;
    itemId: string;
    previousDate: string | null;
    previousText: string | null;
    requestedDate: string;
    reason: string;
    status: 'pending' | 'approved' | 'rejected';
    requestedBy: string | null;
    requestedByName: string;
    decidedBy: string | null;
    decidedByName: string | null;
    decisionComment: string | null;
    createdAt: string;
    decidedAt: string | null;
  };
  /** Reminders already sent, one per item and threshold, so that the job can run any number of times. */
  planReminders: { itemId: string; reminderKey: string; sentAt: string };
  /** Names of earlier imports mapped to organisation records, used by later imports. */
  planNameMappings: {
    id: string;
    kind: 'leader' | 'department' | 'organizer';
    name: string;
    targetKind: 'member' | 'department' | 'committee' | 'sector';
    recordId: string;
    createdAt: string;
  };
}
