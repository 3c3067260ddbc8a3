/** Opinion reports (社情民意信息): the states, levels and labels both sides use. */

export const OPINION_STATES = {
  draft: '草稿',
  submitted: '待受理',
  returned: '退回修改',
  withdrawn: '已撤回',
  accepted: '已受理',
  adopted: '已采用',
  declined: '不予采用',
  closed: '已办结',
} as const;
export type OpinionState = keyof typeof OPINION_STATES;

/** Where a report was adopted, or a leader who instructed on it sits: 区政协, 市政协, 全国政协. */
export const OPINION_LEVELS = { district: '区级', city: '市级', national: '全国' } as const;
export type OpinionLevel = keyof typeof OPINION_LEVELS;

export const OPINION_ADOPTION_LABELS = { district: '区政协采用', city: '市政协采用', national: '全国政协采用' } as const;

/** Who the report comes from: a member, or a source the office records it for. */
export const OPINION_SOURCES = { member: '委员', party: '党派团体', sector: '界别', informant: '特约信息员' } as const;
export type OpinionSource = keyof typeof OPINION_SOURCES;

export const DEFAULT_OPINION_CATEGORIES = ['经济', '社会民生', '城市管理', '生态环境', '文化教育', '医疗卫生', '其他'] as const;

export const BULLETIN_STATES = { draft: '编辑中', published: '已印发' } as const;
export type BulletinState = keyof typeof BULLETIN_STATES;

export const OPINION_TITLE_MAX = 50;
