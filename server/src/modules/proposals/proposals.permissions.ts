import { definePermissions } from '../../platform/permissions/catalog.js';

/**
 * Who works on proposals (ADR 0101): members write their own; the proposal office manages them, scoped
 * 'department' to the office department that owns each proposal; units handle what is assigned to them;
 * leaders read all and supervise key proposals.
 */
export const PROPOSAL = definePermissions([
  { code: 'proposal.submit', label: '撰写、提交、联名和评价本人提案', module: 'proposals', defaults: { member: 'own', leader: 'own' } },
  {
    code: 'proposal.manage',
    label: '提案审查、立案、交办、督办与办结（提案委办公室）',
    module: 'proposals',
    defaults: { staff: 'department' },
  },
  { code: 'proposal.handle', label: '办理交办给本单位的提案', module: 'proposals', defaults: { unit: 'unit' } },
  { code: 'proposal.read', label: '查阅全部提案', module: 'proposals', defaults: { leader: 'all' } },
  { code: 'proposal.supervise', label: '领衔督办重点提案', module: 'proposals', defaults: { leader: 'all' } },
] as const);
