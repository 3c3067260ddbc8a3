import type { EntryStatus, EvaluationRow, FactKind, ManualFactKind } from '@xieshang/shared';

export type { EvaluationRow };

export interface AllowedAction {
  action: string;
  label: string;
}

export interface Rule {
  kind: FactKind;
  label: string;
  manual: boolean;
  points: number;
  cap: number | null;
  updatedAt: string;
  /** Null while the seeded default stands. */
  updatedByName: string | null;
}

export interface Entry {
  id: string;
  memberId: string;
  memberName: string;
  year: number;
  kind: ManualFactKind;
  kindLabel: string;
  date: string;
  description: string;
  points: number;
  status: EntryStatus;
  statusLabel: string;
  rejectReason: string | null;
  createdAt: string;
  link: string;
}

export interface EntryDetail extends Entry {
  allowedActions: AllowedAction[];
  history: { id: string; actionLabel: string; actorName: string | null; comment: string | null; at: string; toLabel: string }[];
}

export interface DutyRecord {
  member: { id: string; name: string; sectorName: string | null };
  year: number;
  total: number;
  rank: number;
  memberCount: number;
  threshold: number;
  belowThreshold: boolean;
  kinds: { kind: FactKind; label: string; count: number; raw: number; points: number; capped: boolean }[];
  activityTypes: { typeName: string; attended: number; leave: number; absent: number }[];
  events: { eventId: string; title: string; typeName: string; startsAt: string; attendance: string; link: string }[];
  speeches: { id: string; title: string; eventTitle: string; startsAt: string; link: string }[];
  proposals: {
    id: string;
    subject: string;
    number: number | null;
    role: 'lead' | 'cosigner';
    registered: boolean;
    isKey: boolean;
    isExcellent: boolean;
    link: string;
  }[];
  opinions: {
    id: string;
    title: string;
    statusLabel: string;
    adoptions: { level: string; label: string; date: string }[];
    instructions: number;
    link: string;
  }[];
  entries: Entry[];
}

export interface Evaluation {
  year: number;
  threshold: number;
  computedAt: string;
  total: number;
  belowCount: number;
  average: number;
  distribution: { label: string; from: number; count: number }[];
  items: EvaluationRow[];
}

export const thisYear = () => new Date().getFullYear();
export const yearOptions = () => Array.from({ length: 6 }, (_, i) => thisYear() - i).map((y) => ({ value: y, label: `${y}年度` }));
