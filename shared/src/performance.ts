/** Duty performance (履职): the kinds of duty facts, their default points, and the manual entries' states. */

/** Facts the platform counts from the activities, proposals and opinions modules. */
export const COUNTED_FACT_KINDS = {
  activity_attended: '出席活动',
  activity_leave: '请假',
  activity_absent: '无故缺席',
  speech: '会议发言',
  proposal_lead: '领衔提案',
  proposal_cosign: '附议（联名）提案',
  proposal_registered: '提案立案',
  proposal_key: '重点提案',
  proposal_excellent: '优秀提案',
  opinion_submitted: '报送社情民意信息',
  opinion_adopted_district: '社情民意被区政协采用',
  opinion_adopted_city: '社情民意被市政协采用',
  opinion_adopted_national: '社情民意被全国政协采用',
  opinion_instructed: '社情民意获领导批示',
} as const;

/** Duty the system cannot see, recorded by staff or submitted by the member (履职作业 and others). */
export const MANUAL_FACT_KINDS = {
  duty_assignment: '履职作业',
  reception_day: '委员接待日',
  research_report: '调研报告',
  public_contact: '联系群众',
  other_duty: '其他履职',
} as const;

export const FACT_KINDS = { ...COUNTED_FACT_KINDS, ...MANUAL_FACT_KINDS } as const;
export type FactKind = keyof typeof FACT_KINDS;
export type ManualFactKind = keyof typeof MANUAL_FACT_KINDS;
export const FACT_KIND_CODES = Object.keys(FACT_KINDS) as FactKind[];
export const MANUAL_FACT_KIND_CODES = Object.keys(MANUAL_FACT_KINDS) as ManualFactKind[];

export interface PointsRuleDefault {
  kind: FactKind;
  /** Points per occurrence; negative for a deduction. For a manual kind: the most one entry may give. */
  points: number;
  /** The most (or, for a deduction, the most taken away) this kind counts in a year; null: no cap. */
  cap: number | null;
}

/** The seeded rules; every committee changes them on the settings page. */
export const DEFAULT_POINTS_RULES: readonly PointsRuleDefault[] = [
  { kind: 'activity_attended', points: 2, cap: 40 },
  { kind: 'activity_leave', points: 0, cap: null },
  { kind: 'activity_absent', points: -2, cap: 20 },
  { kind: 'speech', points: 3, cap: 15 },
  { kind: 'proposal_lead', points: 3, cap: 15 },
  { kind: 'proposal_cosign', points: 1, cap: 5 },
  { kind: 'proposal_registered', points: 2, cap: 10 },
  { kind: 'proposal_key', points: 5, cap: null },
  { kind: 'proposal_excellent', points: 10, cap: null },
  { kind: 'opinion_submitted', points: 1, cap: 10 },
  { kind: 'opinion_adopted_district', points: 3, cap: 30 },
  { kind: 'opinion_adopted_city', points: 5, cap: null },
  { kind: 'opinion_adopted_national', points: 10, cap: null },
  { kind: 'opinion_instructed', points: 5, cap: null },
  { kind: 'duty_assignment', points: 5, cap: 10 },
  { kind: 'reception_day', points: 2, cap: 10 },
  { kind: 'research_report', points: 5, cap: 15 },
  { kind: 'public_contact', points: 2, cap: 10 },
  { kind: 'other_duty', points: 2, cap: 10 },
];

export const DEFAULT_PASS_THRESHOLD = 20;

export const ENTRY_STATES = { submitted: '待审核', approved: '已认定', rejected: '未认定', withdrawn: '已撤回' } as const;
export type EntryStatus = keyof typeof ENTRY_STATES;

/** One member's line of the committee's evaluation for a year. */
export interface EvaluationRow {
  memberId: string;
  name: string;
  sectorId: string | null;
  sectorName: string | null;
  attended: number;
  leave: number;
  absent: number;
  speeches: number;
  proposalsLead: number;
  proposalsCosign: number;
  proposalsRegistered: number;
  opinionsSubmitted: number;
  /** Adoptions at any level (a report adopted by the district and the city counts twice). */
  opinionsAdopted: number;
  /** Approved manual entries (履职作业, 接待日 …) and speeches. */
  other: number;
  total: number;
  rank: number;
  belowThreshold: boolean;
}
