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
