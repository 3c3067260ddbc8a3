import { useQuery } from '@tanstack/react-query';
import type {
  Attendance,
  EventPhase,
  EventStatus,
  InvitationStatus,
  RecommendationStatus,
  ReportStatus,
  SpeechKind,
} from '@xieshang/shared';
import { api, qs, type Page } from '../../api/client';

export interface AllowedAction {
  action: string;
  label: string;
}

export interface ActivityType {
  id: string;
  name: string;
  parentId: string | null;
  role: string | null;
  sortOrder: number;
  active: number;
}

export interface PlanEntry {
  id: string;
  year: number;
  category: string;
  subcategory: string | null;
  no: number;
  title: string;
  organizerCommitteeIds: string[];
  organizerDepartmentIds: string[];
  organizerNames: string[];
  periodText: string;
  periodFrom: string | null;
  periodTo: string | null;
  sourcePlanId: string | null;
  months: number[];
  events: { id: string; title: string; status: EventStatus; startsAt: string }[];
}

export interface EventListItem {
  id: string;
  title: string;
  typeId: string;
  typeName: string;
  status: EventStatus;
  startsAt: string;
  endsAt: string;
  place: string;
  organizerCommitteeId: string | null;
  organizerDepartmentId: string | null;
  planEntryId: string | null;
  phase: EventPhase | null;
  invitationStatus: InvitationStatus | null;
  attendance: Attendance | null;
}

export interface Invitation {
  id: string;
  eventId: string;
  memberId: string;
  memberName: string;
  sectorName: string | null;
  employer: string | null;
  jobTitle: string | null;
  status: InvitationStatus;
  leaveReason: string | null;
  decisionComment: string | null;
  attendance: Attendance | null;
  checkedInAt: string | null;
  checkinMethod: string | null;
  allowedActions: AllowedAction[];
}

export interface HistoryEntry {
  id: string;
  actionLabel: string;
  toLabel: string;
  actorName: string | null;
  comment: string | null;
  at: string;
}

export interface Recommendation {
  id: string;
  no: number;
  body: string;
  status: RecommendationStatus;
  responses: { id: string; body: string; respondedBy: string; respondedOn: string }[];
  allowedActions: AllowedAction[];
}

export interface EventDetail extends EventListItem {
  agenda: string;
  capacity: number | null;
  checkinOpensBefore: number;
  lateAfter: number;
  minutes: string;
  cancelReason: string | null;
  checkinWindow: { opensAt: string; closesAt: string };
  planEntry: PlanEntry | null;
  organiser: boolean;
  allowedActions: AllowedAction[];
  history: HistoryEntry[];
  attachments: { id: string; name: string }[];
  counts: Record<
    'invited' | 'accepted' | 'waitlisted' | 'leaveRequested' | 'leaveApproved' | 'noAnswer' | 'present' | 'late' | 'leave' | 'absent',
    number
  >;
  invitations: Invitation[];
  myInvitation: Invitation | null;
  checkin: { code: string; url: string; qrSvg: string } | null;
  speeches: {
    id: string;
    memberName: string;
    kind: SpeechKind;
    title: string;
    body: string;
    createdAt: string;
    attachments: { id: string; name: string }[];
  }[];
  report: {
    id: string;
    status: ReportStatus;
    title: string;
    summary: string;
    recipient: string | null;
    sentAt: string | null;
    allowedActions: AllowedAction[];
    history: HistoryEntry[];
    recommendations: Recommendation[];
  } | null;
}

export interface OrgStructure {
  committees: { id: string; name: string }[];
  departments: { id: string; name: string }[];
  sectors: { id: string; name: string }[];
  streetGroups: { id: string; name: string }[];
}

export const useTypes = () =>
  useQuery({
    queryKey: ['activities', 'types'],
    queryFn: () => api.get<{ items: ActivityType[] }>('/api/v1/activities/types'),
    staleTime: 300_000,
  });
export const useStructure = () =>
  useQuery({ queryKey: ['org', 'structure'], queryFn: () => api.get<OrgStructure>('/api/v1/org/structure'), staleTime: 300_000 });

export interface EventQuery {
  from?: string;
  to?: string;
  typeId?: string;
  committeeId?: string;
  status?: EventStatus;
  q?: string;
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

/**
 * Events the user may see. With `from` and `to` and no paging it is a calendar window (every event of at
 * most 62 days, in time order); otherwise a page of the list, today's and later events first.
 */
export function useEvents(query: EventQuery) {
  return useQuery({
    queryKey: ['activities', 'events', query],
    queryFn: () => api.get<Page<EventListItem>>(`/api/v1/activities/events${qs({ ...query, mine: query.mine ? '1' : undefined })}`),
  });
}

export const useEvent = (id: string) =>
  useQuery({ queryKey: ['activities', 'event', id], queryFn: () => api.get<EventDetail>(`/api/v1/activities/events/${id}`) });
