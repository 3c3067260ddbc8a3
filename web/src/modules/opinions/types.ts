export interface AllowedAction {
  action: string;
  label: string;
}

export interface OpinionText {
  title: string;
  situation: string;
  analysis: string;
  suggestions: string;
}

export interface OpinionListItem {
  id: string;
  title: string;
  editedTitle: string | null;
  category: string;
  source: string;
  sourceLabel: string;
  sourceName: string;
  status: string;
  statusLabel: string;
  year: number | null;
  submittedAt: string | null;
  createdAt: string;
  adoptions: { level: string; label: string }[];
}

export interface OpinionDetail {
  id: string;
  status: string;
  statusLabel: string;
  category: string;
  source: string;
  sourceLabel: string;
  sourceName: string;
  authorMemberId: string | null;
  year: number | null;
  submittedAt: string | null;
  declineReason: string | null;
  proposalId: string | null;
  original: OpinionText;
  current: OpinionText;
  versions: (OpinionText & { version: number; editorName: string; note: string | null; createdAt: string })[];
  coauthors: { memberId: string; name: string }[];
  adoptions: { id: string; level: string; levelLabel: string; date: string; outlet: string | null }[];
  forwards: { id: string; target: string; date: string }[];
  instructions: { id: string; leaderName: string; leaderTitle: string | null; levelLabel: string; content: string; date: string }[];
  feedbacks: { id: string; content: string; date: string }[];
  files: { id: string; name: string; size: number }[];
  bulletins: { id: string; year: number; number: number; title: string; statusLabel: string }[];
  history: { id: string; actionLabel: string; toLabel: string; actorName: string | null; comment: string | null; at: string }[];
  allowedActions: AllowedAction[];
  canEdit: boolean;
  canManage: boolean;
}

export interface OpinionMeta {
  categories: string[];
  levels: { value: string; label: string }[];
  sources: { value: string; label: string }[];
  isOffice: boolean;
  parties: { id: string; name: string }[];
  sectors: { id: string; name: string }[];
  leaders: { id: string; name: string }[];
}

export interface Bulletin {
  id: string;
  year: number;
  number: number;
  title: string;
  issueDate: string;
  status: 'draft' | 'published';
  statusLabel: string;
  publishedAt: string | null;
}

export interface BulletinDetail extends Bulletin {
  reports: { id: string; title: string; sourceName: string; category: string; statusLabel: string }[];
  canEdit: boolean;
}
