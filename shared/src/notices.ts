/** Notices and briefings (通知通报, 知情明政): the kinds, states, audiences and limits both sides use. */

export const NOTICE_KINDS = { notice: '通知', briefing: '工作通报', release: '信息发布' } as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export const NOTICE_STATES = { draft: '草稿', published: '已发布', withdrawn: '已撤回' } as const;
export type NoticeState = keyof typeof NOTICE_STATES;

/** Whom a notice goes to, besides the members of the committees it names. */
export const NOTICE_GROUPS = { members: '全体委员', standing: '常委', leaders: '主席会议成员', staff: '机关干部' } as const;
export type NoticeGroup = keyof typeof NOTICE_GROUPS;

export const NOTICE_TITLE_MAX = 100;
export const NOTICE_SOURCE_MAX = 50;
export const NOTICE_BODY_MAX = 20_000;
