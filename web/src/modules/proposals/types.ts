export interface AllowedAction {
  action: string;
  label: string;
}

export interface ProposalListItem {
  id: string;
  number: number | null;
  subject: string;
  category: string | null;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  termName: string;
  collectiveOrgName: string | null;
  dueDate: string | null;
  isKey: number;
  isExcellent: number;
  submittedAt: string | null;
  createdAt: string;
  proposers: string[];
  units: { unitId: string; name: string; role: 'lead' | 'joint' | 'separate'; dueDate: string }[];
  overdue: boolean;
}

export interface FileRef {
  id: string;
  name: string;
  size: number;
}

export interface ProposalDetail {
  id: string;
  number: number | null;
  termName: string;
  subject: string;
  category: string | null;
  kind: 'individual' | 'joint' | 'collective';
  kindLabel: string;
  session: 'plenary' | 'interim';
  plenaryId: string | null;
  /** The plenary session it was put forward at, when it names one. */
  plenaryName: string | null;
  status: string;
  statusLabel: string;
  round: number;
  body: { situation: string; analysis: string; suggestions: string };
  collectiveOrgType: string | null;
  collectiveOrgId: string | null;
  collectiveOrgName: string | null;
  leadMemberId: string;
  dueDate: string | null;
  cosignDeadline: string | null;
  declineGround: string | null;
  convertedTo: string | null;
  convertedLink: string | null;
  isKey: number;
  keyYear: number | null;
  supervisorName: string | null;
  supervisorMemberId: string | null;
  isExcellent: number;
  excellentYear: number | null;
  isPublic: number;
  overdue: boolean;
  proposers: { memberId: string; name: string; role: 'lead' | 'cosigner'; confirmState: string }[];
  assignments: {
    id: string;
    unitId: string;
    unitName: string;
    role: string;
    roleLabel: string;
    dueDate: string;
    objectionState: string | null;
    objectionReason: string | null;
    objectionAnswer: string | null;
  }[];
  replies: {
    id: string;
    unitName: string;
    round: number;
    classification: string;
    classLabel: string;
    body: string;
    state: string;
    submittedAt: string;
    reviewComment: string | null;
    files: FileRef[];
  }[];
  advices: { id: string; unitName: string; round: number; body: string; createdAt: string }[];
  evaluations: {
    id: string;
    memberName: string;
    round: number;
    satisfaction: string;
    satisfactionLabel: string;
    comment: string | null;
    createdAt: string;
  }[];
  supervisions: { id: string; kind: 'meeting' | 'note'; date: string; content: string; authorName: string }[];
  files: FileRef[];
  mergedFrom: { id: string; subject: string; statusLabel: string }[];
  mergedInto: { id: string; number: number | null; subject: string } | null;
  history: {
    id: string;
    actionLabel: string;
    fromLabel: string;
    toLabel: string;
    actorName: string | null;
    comment: string | null;
    at: string;
  }[];
  allowedActions: AllowedAction[];
  canEdit: boolean;
  canManage: boolean;
  canSupervise: boolean;
}

export interface ProposalMeta {
  /** The plenary sessions of the current term. */
  plenaries: { id: string; name: string }[];
  terms: { id: string; name: string }[];
  currentTermId: string | null;
  categories: string[];
  declineGrounds: string[];
  settings: { objectionDays: number; replyMonths: number; cosignDays: number; officeReview: boolean; officeDepartmentId: string | null };
  units: { id: string; name: string }[];
  leaders: { id: string; name: string }[];
}
