import type { NoticeGroup, NoticeKind, NoticeState } from '@xieshang/shared';

export interface NoticeListItem {
  id: string;
  kind: NoticeKind;
  kindLabel: string;
  title: string;
  source: string | null;
  status: NoticeState;
  statusLabel: string;
  departmentName: string;
  publishedAt: string | null;
  publisherName: string | null;
  createdAt: string;
  /** Received lists: when I read it. */
  readAt?: string | null;
  /** Managed lists: how many it went to, and how many have read it. */
  recipientCount?: number;
  readCount?: number;
}

export interface AllowedAction {
  action: string;
  label: string;
}

export interface NoticeDetail {
  id: string;
  kind: NoticeKind;
  kindLabel: string;
  title: string;
  source: string | null;
  body: string;
  departmentId: string;
  departmentName: string;
  status: NoticeState;
  statusLabel: string;
  audience: { groups: NoticeGroup[]; committeeIds: string[]; labels: string[] };
  publishedAt: string | null;
  publisherName: string | null;
  withdrawReason: string | null;
  received: boolean;
  readAt: string | null;
  recipientCount?: number;
  readCount?: number;
  history: { id: string; actionLabel: string; toLabel: string; actorName: string | null; comment: string | null; at: string }[];
  allowedActions: AllowedAction[];
  canManage: boolean;
  canEdit: boolean;
}

export interface Recipient {
  userId: string;
  displayName: string;
  readAt: string | null;
}
