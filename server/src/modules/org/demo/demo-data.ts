/**
 * Seed facts of the demo organisation, modelled on the Dongcheng district committee (东城区政协) and its
 * 2020 work plan. Public facts only; the members are generated (see demo.ts).
 */

export const DEMO_TERM = { name: '第十四届', number: 14, startDate: '2017-01-10', endDate: null };
export const DEMO_PLENARIES = [
  { number: 1, name: '政协东城区第十四届委员会第一次会议', startDate: '2017-01-10', endDate: '2017-01-13' },
  { number: 2, name: '政协东城区第十四届委员会第二次会议', startDate: '2018-01-08', endDate: '2018-01-11' },
  { number: 3, name: '政协东城区第十四届委员会第三次会议', startDate: '2019-01-07', endDate: '2019-01-10' },
  { number: 4, name: '政协东城区第十四届委员会第四次会议', startDate: '2020-01-06', endDate: '2020-01-09' },
];

/** The six leaders named in the plan (主席会议成员 and 秘书长). */
export const DEMO_LEADERS = [
  { name: '宋铁健', title: '主席', gender: 'male' as const },
  { name: '李铁生', title: '副主席', gender: 'male' as const },
  { name: '颜华', title: '副主席', gender: 'female' as const },
  { name: '杜娟', title: '副主席', gender: 'female' as const },
  { name: '刘健', title: '副主席', gender: 'male' as const },
  { name: '李长华', title: '秘书长', gender: 'male' as const },
];

export const DEMO_COMMITTEES: { name: string; shortName: string; aliases: string[] }[] = [
  { name: '提案委员会', shortName: '提案委', aliases: [] },
  { name: '经济科技委员会', shortName: '经济科技委', aliases: ['经济技术委员会'] },
  { name: '人口资源环境和建设委员会', shortName: '人资环建委', aliases: ['人口资源环境建设委员会'] },
  { name: '教文卫体委员会', shortName: '教文卫体委', aliases: ['教育文化卫生体育委员会'] },
  { name: '社会和法制委员会', shortName: '社法委', aliases: ['社会法制委员会'] },
  { name: '文史委员会', shortName: '文史委', aliases: ['文史和学习委员会'] },
  { name: '港澳台侨委员会', shortName: '港澳台侨委', aliases: [] },
  { name: '民族和宗教委员会', shortName: '民宗委', aliases: ['民族宗教委员会'] },
  { name: '民生建设民主监督小组', shortName: '民主监督小组', aliases: [] },
];

export const DEMO_DEPARTMENTS: { key: string; name: string; kind: 'office' | 'party_organ' | 'committee_office'; aliases: string[] }[] = [
  { key: 'partyGroup', name: '机关党组', kind: 'party_organ', aliases: ['党组'] },
  { key: 'partyCommittee', name: '机关党委', kind: 'party_organ', aliases: [] },
  { key: 'office', name: '办公室', kind: 'office', aliases: ['政协办公室'] },
  { key: 'research', name: '研究室', kind: 'office', aliases: [] },
  { key: 'room1', name: '专委会工作一室', kind: 'committee_office', aliases: [] },
  { key: 'room2', name: '专委会工作二室', kind: 'committee_office', aliases: [] },
  { key: 'room3', name: '专委会工作三室', kind: 'committee_office', aliases: [] },
  { key: 'room4', name: '专委会工作四室', kind: 'committee_office', aliases: ['提案委员会办公室', '提案办'] },
  { key: 'room5', name: '专委会工作五室', kind: 'committee_office', aliases: [] },
];

/** Each committee's party sub-group (分党组) is a department; "各专委会分党组" is the group of them all. */
export const DEMO_COMMITTEE_PARTY_GROUPS = DEMO_COMMITTEES.slice(0, 8).map((c) => `${c.name}分党组`);
export const DEMO_DEPARTMENT_GROUPS = [
  { name: '各专委会分党组', aliases: ['专委会分党组'], members: 'committeePartyGroups' as const },
  { name: '专委会工作各室', aliases: ['各专委会办公室', '专委会各工作室'], members: 'committeeOffices' as const },
];

export const DEMO_SECTORS = [
  '中国共产党',
  '中国国民党革命委员会',
  '中国民主同盟',
  '中国民主建国会',
  '中国民主促进会',
  '中国农工民主党',
  '中国致公党',
  '九三学社',
  '无党派民主人士',
  '中国共产主义青年团',
  '中华全国总工会',
  '中华全国妇女联合会',
  '中华全国工商业联合会',
  '科学技术界',
  '经济界',
  '教育界',
  '文化体育界',
  '医药卫生界',
  '社会科学界',
  '少数民族界',
  '宗教界',
  '社会福利和社会保障界',
  '特别邀请人士',
];

export const DEMO_PARTIES = [
  '中国共产党',
  '中国国民党革命委员会',
  '中国民主同盟',
  '中国民主建国会',
  '中国民主促进会',
  '中国农工民主党',
  '中国致公党',
  '九三学社',
  '台湾民主自治同盟',
  '无党派人士',
];

export const DEMO_STREETS = [
  '东华门街道',
  '景山街道',
  '交道口街道',
  '安定门街道',
  '北新桥街道',
  '东四街道',
  '朝阳门街道',
  '建国门街道',
  '东直门街道',
  '和平里街道',
  '前门街道',
  '崇文门外街道',
  '东花市街道',
  '龙潭街道',
  '体育馆路街道',
  '天坛街道',
  '永定门外街道',
];

export const DEMO_STUDIOS = [
  { name: '和平里委员工作室', street: '和平里街道', address: '东城区和平里街道社区服务中心二层' },
  { name: '前门委员工作室', street: '前门街道', address: '东城区前门街道草厂社区' },
  { name: '东四委员工作室', street: '东四街道', address: '东城区东四街道六条社区' },
  { name: '龙潭委员工作室', street: '龙潭街道', address: '东城区龙潭街道社区服务中心' },
];

/** Typical handling units of a district (from public sources), then further district bodies. */
export const DEMO_UNITS: { name: string; kind: 'government' | 'party' | 'court' | 'enterprise' | 'other' }[] = [
  ...[
    '区发展和改革委员会',
    '区教育委员会',
    '区科学技术和信息化局',
    '区民政局',
    '区司法局',
    '区财政局',
    '区人力资源和社会保障局',
    '区生态环境局',
    '区住房和城市建设委员会',
    '区城市管理委员会',
    '区交通委员会',
    '区水务局',
    '区商务局',
    '区文化和旅游局',
    '区卫生健康委员会',
    '区退役军人事务局',
    '区应急管理局',
    '区市场监督管理局',
    '区体育局',
    '区统计局',
    '区医疗保障局',
    '区园林绿化局',
    '区国有资产监督管理委员会',
    '区政务服务管理局',
    '区金融服务办公室',
    '区信访办公室',
    '区规划和自然资源分局',
    '区公安分局',
    '区消防救援支队',
    '区人民政府办公室',
    '区审计局',
    '区人民防空办公室',
    '区档案馆',
    '区地方志办公室',
    '区投资促进服务中心',
    '区城市更新和房屋征收管理办公室',
    '区网格化服务管理中心',
    '区疾病预防控制中心',
    '区残疾人联合会',
    '区红十字会',
    '区税务局',
    '区住房保障事务中心',
    '区老龄工作委员会办公室',
    '区东华门街道办事处',
    '区景山街道办事处',
    '区交道口街道办事处',
    '区安定门街道办事处',
    '区北新桥街道办事处',
    '区东四街道办事处',
    '区朝阳门街道办事处',
    '区建国门街道办事处',
    '区东直门街道办事处',
    '区和平里街道办事处',
    '区前门街道办事处',
    '区崇文门外街道办事处',
    '区东花市街道办事处',
    '区龙潭街道办事处',
    '区体育馆路街道办事处',
    '区天坛街道办事处',
    '区永定门外街道办事处',
  ].map((name) => ({ name, kind: 'government' as const })),
  ...['区委组织部', '区委宣传部', '区委统战部', '区委政法委员会', '区委社会工作委员会'].map((name) => ({ name, kind: 'party' as const })),
  ...['区人民法院', '区人民检察院'].map((name) => ({ name, kind: 'court' as const })),
  ...['北京东二环交通商务区建设有限公司', '区环境卫生服务中心', '区文化发展中心'].map((name) => ({ name, kind: 'enterprise' as const })),
];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN_MALE =
  '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛';
export const GIVEN_FEMALE =
  '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽';
export const EMPLOYERS = [
  ['北京市东城区第一人民医院', ['副院长', '主任医师', '科主任']],
  ['北京市第二中学', ['校长', '副校长', '高级教师']],
  ['北京市东城区史家胡同小学', ['校长', '教师']],
  ['北京协和医院', ['主任医师', '副主任医师', '教授']],
  ['北京同仁堂股份有限公司', ['副总经理', '总药师']],
  ['北京王府井百货（集团）股份有限公司', ['董事长', '总经理', '部门经理']],
  ['北京市东城区律师协会', ['会长', '律师']],
  ['北京市天元律师事务所', ['合伙人', '律师']],
  ['中国社会科学院', ['研究员', '副研究员']],
  ['北京大学', ['教授', '副教授']],
  ['北京市东城区文化馆', ['馆长', '副研究馆员']],
  ['北京人民艺术剧院', ['演员', '导演']],
  ['北京市东城区工商业联合会', ['副主席', '秘书长']],
  ['北京天坛医院', ['主任医师', '护士长']],
  ['北京市东城区残疾人联合会', ['理事长', '副理事长']],
  ['北京雍和宫管理处', ['主任', '副主任']],
  ['北京东方广场有限公司', ['总经理', '副总经理']],
  ['北京市东城区妇女联合会', ['主席', '副主席']],
  ['中国工商银行北京东城支行', ['行长', '副行长']],
  ['北京市东城区科学技术协会', ['主席', '副主席']],
  ['北京青年报社', ['副总编辑', '记者']],
  ['北京簋街餐饮商会', ['会长', '秘书长']],
  ['北京市东城区社区卫生服务中心', ['主任', '全科医师']],
  ['故宫博物院', ['研究馆员', '副研究馆员']],
] as const;
export const MINORITY_ETHNICITIES = ['回族', '满族', '蒙古族', '朝鲜族', '壮族', '藏族', '维吾尔族'];
