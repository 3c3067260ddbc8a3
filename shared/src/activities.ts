/** Activities and meetings: types, states and labels shared by server and web. */

export interface DefaultActivityType {
  name: string;
  parent?: string;
  role?: 'standing_meeting';
}

/** The work plan's categories (附件 of the annual plan) plus the regular meetings and member activities. */
export const DEFAULT_ACTIVITY_TYPES: readonly DefaultActivityType[] = [
  { name: '重点协商' },
  { name: '议政性常委会', parent: '重点协商' },
  { name: '议政性主席会', parent: '重点协商' },
  { name: '政协协商与政党协商联合议政会', parent: '重点协商' },
  { name: '协商式监督', parent: '重点协商' },
  { name: '对口协商' },
  { name: '重点调研' },
  { name: '监督视察' },
  { name: '全体会议' },
  { name: '常委会会议', role: 'standing_meeting' },
  { name: '主席会议' },
  { name: '专委会会议' },
  { name: '界别活动' },
  { name: '学习（委员讲堂、每周一学、理论夜校、常委暑期读书班）' },
  { name: '政协开放日' },
  { name: '委员接待日' },
  { name: '委员社区行' },
];

export const EVENT_STATES = {
  draft: '草稿',
  published: '已发布',
  finished: '已结束',
  concluded: '已形成成果',
  cancelled: '已取消',
} as const;
export type EventStatus = keyof typeof EVENT_STATES;

export const INVITATION_STATES = {
  invited: '待回复',
  accepted: '参加',
  waitlisted: '候补',
  leave_requested: '请假待批',
  leave_approved: '已准假',
  leave_rejected: '请假未准',
} as const;
export type InvitationStatus = keyof typeof INVITATION_STATES;

export const ATTENDANCE = { present: '出席', late: '迟到', leave: '请假', absent: '缺席' } as const;
export type Attendance = keyof typeof ATTENDANCE;

export const REPORT_STATES = { draft: '起草中', submitted: '待审定', approved: '已审定', sent: '已报送' } as const;
export type ReportStatus = keyof typeof REPORT_STATES;

export const RECOMMENDATION_STATES = { open: '待办理', responded: '已答复', closed: '已办结' } as const;
export type RecommendationStatus = keyof typeof RECOMMENDATION_STATES;

export const SPEECH_KINDS = { oral: '口头发言', written: '书面发言' } as const;
export type SpeechKind = keyof typeof SPEECH_KINDS;

/** Whom an approved outcome report goes to. */
export const REPORT_RECIPIENTS = ['中共东城区委', '东城区人民政府', '区委、区政府'] as const;

/** Phase of a published event as seen now: derived from the clock, not stored. */
export type EventPhase = 'upcoming' | 'checkin_open' | 'in_progress' | 'ended';
export const EVENT_PHASES: Record<EventPhase, string> = {
  upcoming: '未开始',
  checkin_open: '签到中',
  in_progress: '进行中',
  ended: '已过时间',
};

/** The check-in code members type: six digits. */
export const CHECKIN_CODE_PATTERN = /^\d{6}$/;
