import type { Generated } from 'kysely';
import type { CopiedColumn } from '../../db/dialect/index.js';

/**
 * `activity_invitations.event_starts_at`: the invited event's start, kept by triggers, so that a member's
 * invitations are read in the order of their events (ADR 0111).
 */
export const EVENT_STARTS_AT: CopiedColumn = {
  name: 'activity_invitation_event_starts',
  parent: 'activity_events',
  parentKey: 'id',
  parentColumn: 'starts_at',
  child: 'activity_invitations',
  childKey: 'event_id',
  column: 'event_starts_at',
};

/** Tables owned by the activities module. JSON array columns hold ids or names as text. */
export interface ActivitiesTables {
  activityTypes: {
    id: string;
    name: string;
    /** Subcategories (议政性常委会 …) hang under their category (重点协商). */
    parentId: string | null;
    /** 'standing_meeting' marks the type whose meetings members attend in rotation. */
    role: string | null;
    sortOrder: number;
    active: number;
    createdAt: string;
  };
  activityPlanEntries: {
    id: string;
    year: number;
    category: string;
    subcategory: string | null;
    no: number;
    title: string;
    organizerCommitteeIds: string;
    organizerSectorIds: string;
    organizerDepartmentIds: string;
    organizerNames: string;
    periodText: string;
    periodFrom: string | null;
    periodTo: string | null;
    sourcePlanId: string | null;
    createdBy: string | null;
    createdAt: string;
    updatedAt: string;
  };
  activityEvents: {
    id: string;
    planEntryId: string | null;
    typeId: string;
    title: string;
    status: 'draft' | 'published' | 'finished' | 'concluded' | 'cancelled';
    startsAt: string;
    endsAt: string;
    place: string;
    organizerCommitteeId: string | null;
    organizerDepartmentId: string | null;
    agenda: string;
    capacity: number | null;
    /** Minutes before the start from which members may check in. */
    checkinOpensBefore: number;
    /** Minutes after the start after which a check-in counts as late. */
    lateAfter: number;
    checkinCode: string;
    minutes: string;
    cancelReason: string | null;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
  activityInvitations: {
    id: string;
    eventId: string;
    memberId: string;
    /** The event's start, kept by triggers (EVENT_STARTS_AT). */
    eventStartsAt: Generated<string>;
    status: 'invited' | 'accepted' | 'waitlisted' | 'leave_requested' | 'leave_approved' | 'leave_rejected';
    leaveReason: string | null;
    decisionComment: string | null;
    respondedAt: string | null;
    /** present | late | absent | leave; null until attendance is known. */
    attendance: string | null;
    checkedInAt: string | null;
    /** 'code' (member typed or scanned) or 'manual' (marked by the organiser). */
    checkinMethod: string | null;
    createdAt: string;
    updatedAt: string;
  };
  activitySpeeches: {
    id: string;
    eventId: string;
    memberId: string;
    kind: 'oral' | 'written';
    title: string;
    body: string;
    createdBy: string;
    createdAt: string;
  };
  activityReports: {
    id: string;
    eventId: string;
    status: 'draft' | 'submitted' | 'approved' | 'sent';
    title: string;
    summary: string;
    /** 区委 | 区政府 … : whom the approved report was sent to. */
    recipient: string | null;
    sentAt: string | null;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
  activityRecommendations: {
    id: string;
    reportId: string;
    no: number;
    body: string;
    status: 'open' | 'responded' | 'closed';
    createdAt: string;
    updatedAt: string;
  };
  activityResponses: {
    id: string;
    recommendationId: string;
    body: string;
    respondedBy: string;
    respondedOn: string;
    createdBy: string;
    createdAt: string;
  };
  activityRotations: {
    id: string;
    year: number;
    status: 'draft' | 'published';
    createdBy: string;
    createdAt: string;
    updatedAt: string;
  };
  activityRotationSeats: {
    rotationId: string;
    eventId: string;
    memberId: string;
  };
  /**
   * Reminders already sent, so that the reminder job may run any number of times: one row per invitation
   * (recipient = the invitation's id) or the organiser's summary (recipient = 'organiser'), and threshold.
   */
  activityReminders: {
    eventId: string;
    recipient: string;
    daysBefore: number;
    sentAt: string;
  };
  activityFeedTokens: {
    userId: string;
    token: string;
    createdAt: string;
  };
}
