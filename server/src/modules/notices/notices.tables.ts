import type { NoticeKind, NoticeState } from '@xieshang/shared';

/** Tables owned by the notices module (通知通报, 知情明政). */
export interface NoticeTables {
  notices: {
    id: string;
    kind: NoticeKind;
    title: string;
    /** Who the news comes from (区发展改革委 …), when it is not the committee's own. */
    source: string | null;
    body: string;
    /** The department that publishes it: its staff manage it. */
    departmentId: string;
    /** Whom it goes to, as JSON: `{ groups: NoticeGroup[], committeeIds: string[] }`. */
    audience: string;
    status: NoticeState;
    /** The accounts it went to when published (its rows of noticeRecipients). */
    recipientCount: number;
    /** How many of them have opened it: counted as each first opens it, so lists need not count rows. */
    readCount: number;
    publishedAt: string | null;
    publishedBy: string | null;
    publisherName: string | null;
    withdrawReason: string | null;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
  /** One row per account a published notice went to: what each person's list reads, and whether they have read it. */
  noticeRecipients: {
    noticeId: string;
    userId: string;
    /** The notice's publishing time, copied so that a person's list walks one index newest first. */
    publishedAt: string;
    readAt: string | null;
  };
}
